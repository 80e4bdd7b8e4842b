import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, repoRoot, tempDir } from './helpers.js';
import { resolveBrowser, withBrowser } from '../src/export/browser.js';

// A house style is one folder: house.yaml settings, partials and a theme overriding the built-ins by name.
const fixtures = join(repoRoot, 'tests/fixtures');
let out: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir: out, cleanup } = await tempDir());
  const r = await cli('build', join(fixtures, 'audience-deck/01-lead.md'), '--templates', join(fixtures, 'house-style'), '--out', out, '--single-file');
  expect(r.code, r.err).toBe(0);
});
afterAll(() => cleanup());

describe('a house style folder', () => {
  it('overrides a partial by name and supplies deck settings from house.yaml', async () => {
    const html = await readFile(join(out, '01-lead/default/index.html'), 'utf8');
    expect(html).toContain('Example Agency · Lead');
    expect(html).toContain('<p class="bd-organisation">Example Agency</p>');
    expect(html).toMatch(/<span class="bd-marking-text">UNCLASSIFIED<\/span>/);
  });

  it("uses the house theme named in house.yaml, after the built-in theme", async () => {
    const css = await readFile(join(out, '01-lead/default/assets/theme.css'), 'utf8');
    expect(css).toContain('--bd-navy: #0b4f4a');
    const builtIn = css.indexOf('.bd-timeline::before');
    expect(builtIn).toBeGreaterThan(-1);
    expect(css.indexOf('--bd-navy: #0b4f4a')).toBeGreaterThan(builtIn);
    const report = JSON.parse(await readFile(join(out, '01-lead/.reports/default.json'), 'utf8')) as { theme: string };
    expect(report.theme).toBe('agency');
  });
});

describe('files a house style references', () => {
  it('are copied beside the deck, with the partial and the theme pointing at the copies', async () => {
    const html = await readFile(join(out, '01-lead/default/index.html'), 'utf8');
    expect(html).toContain('<img class="bd-footer-logo" src="assets/house/seal.svg" alt="">');
    expect(await readFile(join(out, '01-lead/default/assets/theme.css'), 'utf8')).toContain('url("house/seal.svg")');
    const seal = await readFile(join(fixtures, 'house-style/seal.svg'), 'utf8');
    expect(await readFile(join(out, '01-lead/default/assets/house/seal.svg'), 'utf8')).toBe(seal);
    // Nothing else of the house folder travels: not its settings, not its audience profiles.
    expect(existsSync(join(out, '01-lead/default/assets/house/house.yaml'))).toBe(false);
    expect(existsSync(join(out, '01-lead/default/assets/house/audiences'))).toBe(false);
  });

  it('are written into the one-file HTML', async () => {
    const single = await readFile(join(out, '01-lead/01-lead-default.html'), 'utf8');
    expect(single.includes('seal.svg'), 'a reference to seal.svg left in the one-file HTML').toBe(false);
    const inlined = `data:image/svg+xml;base64,${Buffer.from(await readFile(join(fixtures, 'house-style/seal.svg'))).toString('base64')}`;
    expect(single.includes(`class="bd-footer-logo" src="${inlined}"`), 'the footer seal inline').toBe(true);
    expect(single.includes(`url(${inlined})`), 'the title slide seal inline').toBe(true);
  });
});

describe('an audience profile from the house style folder', () => {
  it('builds a deck for an audience the manifest does not list', async () => {
    const { dir, cleanup: done } = await tempDir();
    try {
      const r = await cli('build', join(fixtures, 'audience-deck'), '--audience', 'minister', '--templates', join(fixtures, 'house-style'), '--out', dir);
      expect(r.code, r.err).toBe(0);
      const report = JSON.parse(await readFile(join(dir, 'audience-deck/.reports/minister.json'), 'utf8')) as {
        slides: { id: string }[];
        dropped: { id: string; reason: string }[];
        preparedFor: string;
      };
      expect(report.slides.map((s) => s.id)).toEqual(['title', 'bluf', 'sources']);
      expect(report.dropped.find((d) => d.id === 'internal-view')?.reason).toBe('tagged internal, which minister excludes');
      expect(report.preparedFor).toBe('the Minister');
    } finally {
      await done();
    }
  });
});

describe('a house theme that overrides one colour', () => {
  it('keeps the built-in layouts\' styling, read back from Chromium', async () => {
    const { dir, cleanup: done } = await tempDir();
    try {
      const r = await cli('build', join(repoRoot, 'briefs/us-japan-alliance'), '--audience', 'principal', '--templates', join(fixtures, 'house-style'), '--out', dir);
      expect(r.code, r.err).toBe(0);
      const page = pathToFileURL(join(dir, 'us-japan-alliance/principal/index.html')).href;
      const styles = await withBrowser(await resolveBrowser(), async (browser) => {
        const tab = await browser.newPage();
        await tab.setViewport({ width: 1920, height: 1080 });
        await tab.goto(`${page}#/key-figures`, { waitUntil: 'load' });
        await tab.waitForFunction('window.briefdeck && briefdeck.ready', { timeout: 15_000 });
        return tab.evaluate(() => {
          const slide = document.getElementById('key-figures')!;
          const style = (selector: string, pseudo?: string) => getComputedStyle(slide.querySelector(selector)!, pseudo);
          const logo = document.querySelector<HTMLImageElement>('.bd-footer-logo')!;
          return {
            titleSize: style('.bd-title').fontSize,
            titleColour: style('.bd-title').color,
            titleFont: style('.bd-title').fontFamily,
            rule: `${style('.bd-header').borderBottomWidth} ${style('.bd-header').borderBottomColor}`,
            figureSize: style('.bd-figure-value').fontSize,
            figureRule: style('.bd-figure').borderTopColor,
            footer: style('.bd-footer').display,
            seal: `${logo.complete && logo.naturalWidth > 0} ${logo.getBoundingClientRect().height}`,
            titleBackground: getComputedStyle(document.querySelector('#title .bd-frame')!).backgroundImage,
          };
        });
      });
      // The overridden colour, on the built-in layout rules (sizes, rules, flex footer) that still apply.
      expect(styles).toEqual({
        titleSize: '64px',
        titleColour: 'rgb(11, 79, 74)',
        titleFont: expect.stringContaining('Source Sans 3'),
        rule: '3px rgb(11, 79, 74)',
        figureSize: expect.stringMatching(/^1\d\dpx$/),
        figureRule: 'rgb(11, 79, 74)',
        footer: 'flex',
        seal: 'true 34',
        titleBackground: expect.stringMatching(/^url\("file:\/\/.*\/assets\/house\/seal\.svg"\), linear-gradient/),
      });
    } finally {
      await done();
    }
  }, 60_000);
});
