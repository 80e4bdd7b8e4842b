import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseDocument, DomUtils } from 'htmlparser2';
import { cli, pdfFonts, pdfInfo, pdfPages, repoRoot, tempDir, writeIn } from './helpers.js';

// The README's five-line house.yaml: a logo, two colours, a heading font file, footer text.
const house = join(repoRoot, 'tests/fixtures/house-brand');
const sample = join(repoRoot, 'briefs/sample-brief.md');
const footer = 'Prepared by the Office of Coastal Planning';
let out: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir: out, cleanup } = await tempDir());
  const pdf = await cli('pdf', sample, '--templates', house, '--out', join(out, 'brief.pdf'), '--handout', '--quiet');
  expect(pdf.code, pdf.err).toBe(0);
  const html = await cli('build', sample, '--templates', house, '--out', join(out, 'html'), '--single-file', '--quiet');
  expect(html.code, html.err).toBe(0);
}, 120_000);
afterAll(() => cleanup());

/** Images in a PDF as `pdfimages -list` reports them: page, width, height (soft masks left out). */
function pdfImages(pdf: string): { page: number; width: number; height: number }[] {
  const lines = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c[2] === 'image')
    .map((c) => ({ page: Number(c[0]), width: Number(c[3]), height: Number(c[4]) }));
}

describe('house.yaml branding in the PDF', () => {
  it('embeds the logo on every slide (title slide and footers)', () => {
    const pdf = join(out, 'brief.pdf');
    const pages = Number(pdfInfo(pdf).Pages);
    expect(pages).toBeGreaterThan(3);
    const logos = pdfImages(pdf).filter((i) => i.width === 320 && i.height === 96);
    expect(new Set(logos.map((l) => l.page)).size).toBe(pages);
    // The title slide shows it twice: large above the title, small in the footer.
    expect(logos.filter((l) => l.page === 1).length).toBe(2);
  });

  it("embeds the house heading font, subset", () => {
    const fonts = pdfFonts(join(out, 'brief.pdf'));
    const heading = fonts.filter((f) => f.name.includes('DejaVuSerif-Bold'));
    expect(heading.length).toBeGreaterThan(0);
    expect(heading.every((f) => f.embedded && /^[A-Z]{6}\+/.test(f.name))).toBe(true);
  });

  it('prints the footer text on every page of the slides and of the handout', () => {
    for (const file of ['brief.pdf', 'brief-handout.pdf']) {
      const pages = pdfPages(join(out, file));
      expect(pages.length, file).toBeGreaterThan(1);
      pages.forEach((text, i) => expect(text.replace(/\s+/g, ' '), `${file} page ${i + 1}`).toContain(footer));
    }
    // On the handout it is also in the page's own bottom margin, beside the marking and page number.
    const handout = pdfPages(join(out, 'brief-handout.pdf'));
    handout.forEach((text, i) => expect(text, `handout page ${i + 1}`).toMatch(new RegExp(`^${footer}\\s+UNCLASSIFIED\\s+${i + 1}/${handout.length}\\s*$`, 'm')));
  });

  it('prints the handout on A4 unless the house says letter', () => {
    expect(pdfInfo(join(out, 'brief-handout.pdf'))['Page size']).toMatch(/^594\.\d+ x 841\.\d+ pts \(A4\)/);
  });
});

describe('house.yaml branding in the HTML', () => {
  const folder = () => join(out, 'html/sample-brief/default');

  it('sets the colours and the font over the built-in theme, which is still there', async () => {
    const theme = await readFile(join(folder(), 'assets/theme.css'), 'utf8');
    expect(theme).toContain('--bd-navy: #0b3d2e');
    expect(theme).toContain('--bd-accent: #b5121b');
    expect(theme).toContain("--bd-heading-font: 'House Heading'");
    expect(theme).toContain('.bd-timeline::before'); // a built-in layout's rule
    const fonts = await readFile(join(folder(), 'assets/fonts/fonts.css'), 'utf8');
    expect(fonts).toMatch(/@font-face\{font-family:'House Heading'[^}]*src:url\(house-heading\.woff2\)/);
    // Subset: far smaller than the 48 KB file it was cut from.
    const subset = await readFile(join(folder(), 'assets/fonts/house-heading.woff2'));
    expect(subset.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect(subset.length).toBeLessThan(24_000);
  });

  it('shows the logo on the title slide (with the organisation as its alt text) and in every footer', async () => {
    const doc = parseDocument(await readFile(join(folder(), 'index.html'), 'utf8'));
    const slides = DomUtils.findAll((e) => e.name === 'section', doc.children);
    const title = DomUtils.findOne((e) => e.attribs.class === 'bd-title-logo', slides[0]!.children)!;
    expect(title.attribs.src).toBe('assets/house/logo.png');
    expect(title.attribs.alt).toBe('Indo-Pacific Desk'); // the brief's organisation wins over the house's
    for (const slide of slides) {
      expect(DomUtils.findOne((e) => e.attribs.class === 'bd-footer-logo', slide.children)?.attribs.src).toBe('assets/house/logo.png');
      expect(DomUtils.textContent(DomUtils.findOne((e) => e.attribs.class === 'bd-footer-text', slide.children)!)).toBe(footer);
    }
  });

  it('loads no file from outside the output folder, and every file it loads is there', async () => {
    const root = folder();
    const html = await readFile(join(root, 'index.html'), 'utf8');
    const refs: { from: string; ref: string }[] = [];
    const doc = parseDocument(html);
    for (const e of DomUtils.findAll((n) => ['img', 'script', 'link'].includes(n.name), doc.children)) {
      const ref = e.attribs.src ?? e.attribs.href;
      if (ref) refs.push({ from: 'index.html', ref });
    }
    for (const css of ['assets/theme.css', 'assets/fonts/fonts.css']) {
      for (const m of (await readFile(join(root, css), 'utf8')).matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) refs.push({ from: css, ref: m[1]! });
    }
    expect(refs.length).toBeGreaterThan(10);
    for (const { from, ref } of refs) {
      expect(ref, `${from}: ${ref}`).not.toMatch(/^(?:[a-z][\w+.-]*:|\/)/i);
      const target = resolve(dirname(join(root, from)), decodeURIComponent(ref));
      const rel = relative(root, target);
      expect(rel.startsWith('..') || isAbsolute(rel), `${from}: ${ref} leaves the folder`).toBe(false);
      expect(existsSync(target), `${from}: ${ref} was not written`).toBe(true);
    }
  });

  it('copies only the files the house style uses: not house.yaml, not the font file as written, not its notes', async () => {
    const written = await listFiles(folder());
    expect(written).toContain('assets/house/logo.png');
    expect(written.filter((f) => /house\.yaml|Heading\.ttf|README\.md/.test(f))).toEqual([]);
  });

  it('puts the logo and font inside the one-file HTML, loading nothing beside it', async () => {
    const single = await readFile(join(out, 'html/sample-brief/sample-brief-default.html'), 'utf8');
    // (Assertions on booleans: a failure should not print a 2 MB page.)
    expect(/(?:src|href)="assets\//.test(single), 'a src or href into assets/').toBe(false);
    const styles = [...single.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!).join('\n');
    expect(styles.length).toBeGreaterThan(10_000);
    expect([...styles.matchAll(/url\((?!["']?data:)[^)]{0,60}/g)].map((m) => m[0])).toEqual([]);
    expect(single.includes('class="bd-title-logo" src="data:image/png;base64,'), 'the logo inline').toBe(true);
    expect(/font-family:'House Heading'[^}]*src:url\(data:font\/woff2;base64,/.test(styles), 'the heading font inline').toBe(true);
  });
});

describe('paper: letter', () => {
  it('prints the handout on US Letter, 612 x 792 pt', async () => {
    const t = await tempDir();
    try {
      await writeFile(join(t.dir, 'house.yaml'), 'paper: letter\n');
      const r = await cli('pdf', sample, '--templates', t.dir, '--out', join(t.dir, 'brief.pdf'), '--handout', '--quiet');
      expect(r.code, r.err).toBe(0);
      expect(pdfInfo(join(t.dir, 'brief-handout.pdf'))['Page size']).toMatch(/^612 x 792 pts \(letter\)/);
      // The slides keep their 16:9 page whatever the paper.
      expect(pdfInfo(join(t.dir, 'brief.pdf'))['Page size']).toMatch(/^1440 x 810 pts/);
    } finally {
      await t.cleanup();
    }
  }, 120_000);
});

describe('a shared house style named by BRIEFDECK_HOUSE', () => {
  it('applies to a deck outside it, under the deck\'s own templates and --templates', async () => {
    const { runCli } = await import('../src/cli/cli.js');
    const t = await tempDir();
    try {
      let err = '';
      const streams = { out: () => undefined, err: (s: string) => void (err += s), env: { BRIEFDECK_HOUSE: house } };
      expect(await runCli(['build', sample, '--out', t.dir, '--quiet'], streams), err).toBe(0);
      const theme = await readFile(join(t.dir, 'sample-brief/default/assets/theme.css'), 'utf8');
      expect(theme).toContain('--bd-navy: #0b3d2e');
      // --templates lays its house.yaml over the shared one's (the later folder's house.yaml wins).
      await writeFile(join(t.dir, 'house.yaml'), 'colors: { primary: "#4a1c5c" }\n');
      expect(await runCli(['build', sample, '--out', t.dir, '--templates', t.dir, '--quiet'], streams), err).toBe(0);
      expect(await readFile(join(t.dir, 'sample-brief/default/assets/theme.css'), 'utf8')).toContain('--bd-navy: #4a1c5c');
      // Not a folder: a usage error, not a silent build in the built-in look.
      const bad = await runCli(['build', sample, '--out', t.dir], { ...streams, env: { BRIEFDECK_HOUSE: join(t.dir, 'nope') } });
      expect(bad).toBe(2);
      expect(err).toContain('BRIEFDECK_HOUSE names');
    } finally {
      await t.cleanup();
    }
  });
});

describe('every command takes the shared house style', () => {
  it("keeps the house's restricted tags out of an external PowerPoint and the release matrix", async () => {
    const { runCli } = await import('../src/cli/cli.js');
    const t = await tempDir();
    try {
      const shared = join(t.dir, 'house');
      await writeIn(shared, 'house.yaml', 'restrictedTags: [embargoed]\n');
      const deckDir = join(t.dir, 'deck');
      await writeIn(deckDir, 'deck.yaml', 'title: Embargo test\ndate: 2024-06-01\nbriefs: [brief.md]\naudiences: [public]\n');
      await writeIn(deckDir, 'brief.md', '---\ntitle: Embargo test\ndate: 2024-06-01\n---\n\n## Open slide\n\n- Said in public.\n\n## Held back {#held .embargoed}\n\n- Embargoed until Tuesday.\n');
      let out = '';
      let err = '';
      const streams = { out: (s: string) => void (out += s), err: (s: string) => void (err += s), env: { BRIEFDECK_HOUSE: shared } };
      const pptx = join(t.dir, 'public.pptx');
      expect(await runCli(['pptx', deckDir, '--out', pptx, '--quiet'], streams), err).toBe(0);
      const xml = await pptxXml(pptx);
      expect(xml).toContain('Said in public.');
      expect(xml).not.toContain('Embargoed until Tuesday');
      expect(await runCli(['check', deckDir, '--release', '--json'], streams), err).toBe(0);
      const matrix = JSON.parse(out) as { decks: { slides: { id: string; audiences: Record<string, { included: boolean }> }[] }[] };
      expect(matrix.decks[0]!.slides.find((s) => s.id === 'held')!.audiences.public!.included).toBe(false);
    } finally {
      await t.cleanup();
    }
  });
});

/** Every slide's and note's XML of a PowerPoint, as text. */
async function pptxXml(file: string): Promise<string> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(await readFile(file));
  const parts = Object.values(zip.files).filter((f) => /^ppt\/(slides|notesSlides)\/.*\.xml$/.test(f.name));
  return (await Promise.all(parts.map((f) => f.async('string')))).join('\n');
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await listFiles(join(dir, entry.name), rel)));
    else found.push(rel);
  }
  return found;
}
