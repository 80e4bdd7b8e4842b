import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { cli, pdfInfo, pdfPages, repoRoot, tempDir } from './helpers.js';
import { resolveBrowser, withBrowser } from '../src/export/browser.js';

const fixture = join(repoRoot, 'tests/fixtures/export-deck');
// title, agenda, section, Bottom line, overflowing slide, section, Outlook, Sources
const plannedSlides = 8;

/** Internal links (named destinations), as 0-based page from -> page to. */
function internalLinks(doc: PDFDocument): { from: number; to: number }[] {
  const pages = doc.getPages().map((p) => p.ref.toString());
  const dests = doc.catalog.lookup(PDFName.of('Dests'), PDFDict);
  return doc.getPages().flatMap((page, from) =>
    (page.node.Annots()?.asArray() ?? []).flatMap((ref) => {
      const name = doc.context.lookup(ref, PDFDict).get(PDFName.of('Dest'));
      if (!(name instanceof PDFName)) return [];
      const target = dests.lookup(name, PDFArray).get(0);
      return target instanceof PDFRef ? [{ from, to: pages.indexOf(target.toString()) }] : [];
    }),
  );
}

describe('PDF export of a small deck', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let built: { code: number; err: string };
  let again: { code: number; err: string };
  const pdf = () => join(dir, 'a/export-deck/export-deck-staff.pdf');
  const copy = () => join(dir, 'b/copy.pdf');

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    built = await cli('build', fixture, '--out', join(dir, 'a'), '--pdf', '--single-file', '--jobs', '2');
    again = await cli('pdf', fixture, '--out', copy(), '--handout');
  });
  afterAll(() => cleanup());

  it('exports and reports the overflowing slide instead of splitting it', () => {
    expect(built.code).toBe(0);
    expect(again.code).toBe(0);
    expect(built.err).toMatch(/brief\.md:\d+: warning: slide 5 "A slide that overflows".*clips it to one page/);
  });

  it('prints exactly one page per planned slide', () => {
    expect(pdfInfo(pdf()).Pages).toBe(String(plannedSlides));
    const pages = pdfPages(pdf());
    expect(pages).toHaveLength(plannedSlides);
    expect(pages[4]).toContain('A slide that overflows');
    expect(pages.every((p) => p.trim().length > 0)).toBe(true);
  });

  it('names briefdeck, the deck and its as-of date in the metadata, and is tagged', () => {
    const info = pdfInfo(pdf());
    expect(info.Title).toBe('Export fixture: Alliance in Brief');
    expect(info.Author).toBe('Test Analyst');
    expect(info.Subject).toContain('Staff deep dive');
    expect(info.Keywords).toContain('alliance');
    expect(info.Creator).toMatch(/^briefdeck \d+\.\d+\.\d+$/);
    expect(info.Producer).toBe(info.Creator);
    expect(info.CreationDate).toMatch(/Jun +1 00:00:00 2024/);
    expect(info.ModDate).toBe(info.CreationDate);
    expect(info.Tagged).toBe('yes');
  });

  it('gives the same bytes for the same input, wherever it is written', async () => {
    expect(Buffer.compare(await readFile(pdf()), await readFile(copy()))).toBe(0);
  });

  it('carries language, bookmarks of sections and slides, page labels and the source link', async () => {
    const doc = await PDFDocument.load(await readFile(pdf()), { updateMetadata: false });
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('en');
    expect(doc.catalog.lookup(PDFName.of('PageLabels'), PDFDict)).toBeDefined();
    const titles: string[] = [];
    const walk = (item: PDFDict | undefined, depth: number) => {
      for (let node = item; node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
        titles.push(`${'  '.repeat(depth)}${node.lookup(PDFName.of('Title'), PDFHexString).decodeText()}`);
        walk(node.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
      }
    };
    walk(doc.catalog.lookup(PDFName.of('Outlines'), PDFDict).lookupMaybe(PDFName.of('First'), PDFDict), 0);
    expect(titles).toEqual(['Export fixture: Alliance in Brief', 'Agenda', 'Where things stand', '  Bottom line', '  A slide that overflows', 'What comes next', '  Outlook', 'Sources']);
    const uris = doc.getPages().flatMap((page) => {
      const annots = page.node.Annots()?.asArray() ?? [];
      return annots.map((a) => doc.context.lookup(a, PDFDict).lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('URI'), PDFString)?.decodeText());
    });
    expect(uris).toContain('https://www.rand.org/pubs/commentary/2024/04/japans-alliance-with-the-us-has-just-gone-global.html');
  });

  it('links each citation to the Sources page inside the PDF, and agenda entries to their sections', async () => {
    const doc = await PDFDocument.load(await readFile(pdf()), { updateMetadata: false });
    expect(internalLinks(doc)).toEqual([
      // The agenda (page 2) opens "Where things stand" (page 3) and "What comes next" (page 6).
      { from: 1, to: 2 },
      { from: 1, to: 5 },
      // "Bottom line" (page 4) and "Outlook" (page 7) cite hornung-2024, listed on Sources (page 8).
      { from: 3, to: 7 },
      { from: 6, to: 7 },
    ]);
  });

  it('prints a handout with the speaker notes on A4 pages', () => {
    const handout = join(dir, 'b/copy-handout.pdf');
    const info = pdfInfo(handout);
    expect(info['Page size']).toContain('A4');
    expect(info.Title).toBe('Export fixture: Alliance in Brief (handout)');
    const text = pdfPages(handout).join('\n');
    expect(text).toContain('Say that the summit language is new');
    expect(Number(info.Pages)).toBeLessThan(plannedSlides);
  });

  it('marks the top and bottom of every handout page', () => {
    const pages = pdfPages(join(dir, 'b/copy-handout.pdf'));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const lines = page.split('\n').filter((l) => l.trim());
      expect(lines[0]?.trim()).toBe('UNCLASSIFIED//TLP:AMBER');
      expect(lines.at(-1)).toMatch(/^\s*UNCLASSIFIED\/\/TLP:AMBER\s+\d+\s*\/\s*\d+\s*$/);
    }
  });

  it('gives the handout bookmarks on the pages its slides landed on, and page labels', async () => {
    const doc = await PDFDocument.load(await readFile(join(dir, 'b/copy-handout.pdf')), { updateMetadata: false });
    expect(doc.catalog.lookup(PDFName.of('PageLabels'), PDFDict)).toBeDefined();
    const pages = doc.getPages().map((p) => p.ref.toString());
    const marks: string[] = [];
    const walk = (item: PDFDict | undefined, depth: number) => {
      for (let node = item; node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
        const page = pages.indexOf(node.lookup(PDFName.of('Dest'), PDFArray).get(0).toString()) + 1;
        marks.push(`${'  '.repeat(depth)}${node.lookup(PDFName.of('Title'), PDFHexString).decodeText()} p${page}`);
        walk(node.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
      }
    };
    walk(doc.catalog.lookup(PDFName.of('Outlines'), PDFDict).lookupMaybe(PDFName.of('First'), PDFDict), 0);
    const text = pdfPages(join(dir, 'b/copy-handout.pdf'));
    expect(marks).toHaveLength(plannedSlides);
    // Each bookmark opens the page that shows its slide's notes or title.
    expect(marks).toContain('  Bottom line p2');
    expect(text[1]).toContain('Say that the summit language is new');
    expect(marks.at(-1)).toMatch(/^Sources p(\d+)$/);
    expect(text[Number(/p(\d+)$/.exec(marks.at(-1)!)![1]) - 1]).toContain('Sources');
  });

  it('writes one HTML file that starts reveal.js with no other request', async () => {
    const file = join(dir, 'a/export-deck/export-deck-staff.html');
    const requests: string[] = [];
    const ready = await withBrowser(await resolveBrowser(), async (browser) => {
      const page = await browser.newPage();
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForFunction('window.briefdeck && window.briefdeck.ready === true', { timeout: 30_000 });
      return page.evaluate('document.querySelectorAll("section.bd-slide").length');
    });
    expect(ready).toBe(plannedSlides);
    expect(requests.filter((u) => !u.startsWith('data:'))).toEqual([pathToFileURL(file).href]);
  });
});
