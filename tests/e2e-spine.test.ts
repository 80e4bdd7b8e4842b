import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomUtils, parseDocument } from 'htmlparser2';
import { cli, pdfFonts, pdfPages, tempDir } from './helpers.js';
import { resolveBrowser, withBrowser } from '../src/export/browser.js';

/**
 * The spine end to end: the real CLI builds a small brief (with a Japanese slide title)
 * to HTML and to PDF, and both are read back as a reader would meet them.
 */
const brief = join(import.meta.dirname, 'fixtures', 'spine', 'brief.md');
// Generated title slide, the section divider, three written slides, the generated Sources slide.
const titles = ['Spine Test Brief', 'The alliance today', 'Bottom line first', '日米同盟の新時代', 'Closing thoughts', 'Sources'];

let dir: string;
let cleanup: () => Promise<void>;
let deckDir: string;
let pdf: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('briefdeck-e2e-'));
  const built = await cli('build', brief, '--out', dir, '--quiet');
  expect(built, built.err).toMatchObject({ code: 0 });
  deckDir = join(dir, 'brief', 'default');
  pdf = join(dir, 'spine.pdf');
  const printed = await cli('pdf', brief, '--out', pdf, '--quiet');
  expect(printed, printed.err).toMatchObject({ code: 0 });
});

afterAll(async () => cleanup?.());

describe('build: the HTML deck', () => {
  const html = () => parseDocument(readFileSync(join(deckDir, 'index.html'), 'utf8'));

  it('has one <section> per slide, in order, with the slide titles', () => {
    const slides = DomUtils.findAll((el) => el.name === 'section' && el.attribs.class?.includes('bd-slide') === true, html().children);
    expect(slides).toHaveLength(titles.length);
    slides.forEach((slide, i) => expect(DomUtils.textContent(slide)).toContain(titles[i]));
  });

  it('loads every asset from its own folder, none from the network', () => {
    const refs = DomUtils.findAll((el) => el.name === 'script' || el.name === 'link' || el.name === 'img', html().children)
      .map((el) => el.attribs.src ?? el.attribs.href)
      .filter((ref): ref is string => ref !== undefined);
    expect(refs.length).toBeGreaterThan(3);
    for (const ref of refs) {
      expect(ref).not.toMatch(/^(https?:)?\/\//);
      expect(existsSync(join(deckDir, ref)), ref).toBe(true);
    }
    const css = readFileSync(join(deckDir, 'assets', 'fonts', 'fonts.css'), 'utf8');
    const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(fonts.some((f) => f.startsWith('noto-sans-jp-'))).toBe(true);
    for (const font of fonts) expect(existsSync(join(deckDir, 'assets', 'fonts', font)), font).toBe(true);
  });

  it('carries no http(s) asset reference in its HTML, CSS or scripts', () => {
    const files = readdirSync(deckDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|css)$/.test(f));
    for (const file of files) {
      const text = readFileSync(join(deckDir, file), 'utf8');
      expect(text, file).not.toMatch(/(src=|url\()["']?https?:/);
      expect(text, file).not.toMatch(/<link[^>]+href=["']?https?:/);
    }
  });
});

describe('pdf: the printed deck', () => {
  it('has one 16:9 page per slide', () => {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '1000', pdf], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBe(titles.length);
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => Number(m[1]) / Number(m[2]));
    expect(sizes).toHaveLength(titles.length);
    for (const ratio of sizes) expect(ratio).toBeCloseTo(16 / 9, 3);
  });

  it('has each slide title as text on its own page', () => {
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(titles.length);
    titles.forEach((title, i) => expect(pages[i]).toContain(title));
  });

  it('embeds every font, Noto Sans JP for the Japanese line included', () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.some((f) => /NotoSansJP/.test(f.name))).toBe(true);
    expect(fonts.some((f) => /SourceSans3/.test(f.name))).toBe(true);
  });
});

describe('the built deck in a browser, opened from disk', () => {
  it('starts reveal.js with every slide, navigates, and logs no errors or failed requests', async () => {
    const browser = await resolveBrowser();
    const seen = await withBrowser(browser, async (b) => {
      const page = await b.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
      page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
      await page.goto(pathToFileURL(join(deckDir, 'index.html')).href, { waitUntil: 'load' });
      await page.waitForFunction('window.briefdeck && window.briefdeck.ready === true', { timeout: 30_000 });
      const total = await page.evaluate('Reveal.getTotalSlides()');
      const before = await page.evaluate('Reveal.getIndices()');
      await page.evaluate('Reveal.next()');
      const after = await page.evaluate('Reveal.getIndices()');
      await page.evaluate('document.fonts.ready.then(() => true)');
      return { total, before, after, problems };
    });
    expect(seen.total).toBe(titles.length);
    expect(seen.before).toMatchObject({ h: 0 });
    expect(seen.after).toMatchObject({ h: 1 });
    expect(seen.problems).toEqual([]);
  });
});

describe('the shipped sample brief', () => {
  it('builds without a warning', async () => {
    const { dir: out, cleanup: done } = await tempDir();
    try {
      const r = await cli('build', join(import.meta.dirname, '..', 'briefs', 'sample-brief.md'), '--out', out, '--quiet');
      expect(r, r.err).toMatchObject({ code: 0, err: '' });
      expect(existsSync(join(out, 'sample-brief', 'default', 'index.html'))).toBe(true);
    } finally {
      await done();
    }
  });
});
