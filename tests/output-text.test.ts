import { existsSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { PDFDict, PDFDocument, PDFHexString, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDecks } from '../src/commands/pipeline.js';
import { silentLogger } from '../src/kernel/logger.js';
import { scanVersions } from '../src/verify/leak-scan.js';
import { tempDir, writeIn } from './helpers.js';
import { textExtractors } from '../src/verify/output-text.js';
import { normalText, phraseIndex } from '../src/verify/leak-text.js';

/** What the leak scan reads out of one file, in the normal form it matches phrases in. */
async function scanned(path: string): Promise<string> {
  const extractor = textExtractors.find((e) => e.handles(path));
  if (!extractor) throw new Error(`no extractor for ${path}`);
  return (await extractor.extract(path)).map(normalText).join('|');
}

describe('the leak scan reads outputs back', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir, cleanup } = await tempDir()));
  afterAll(() => cleanup());

  it('reads a Word file’s document properties as separate values, not glued to their neighbours', async () => {
    // As the docx package writes them: no space between one property and the next.
    const core = '<cp:coreProperties><dc:creator>Desk</dc:creator><cp:keywords>held back plan</cp:keywords><dc:description>Memo</dc:description></cp:coreProperties>';
    const body = '<w:document><w:body><w:p><w:r><w:t>Open </w:t></w:r><w:r><w:t>text</w:t></w:r></w:p></w:body></w:document>';
    const path = await writeIn(dir, 'memo.docx', zipSync({ 'docProps/core.xml': strToU8(core), 'word/document.xml': strToU8(body) }));
    const text = await scanned(path);
    expect(text).toContain(' held back plan ');
    // Runs of one paragraph still read as Word shows them.
    expect(text).toContain(' open text ');
  });

  it('reads a PDF’s pages, every entry of its document properties, and its bookmarks', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    page.drawText('Open words on the page', { font: await doc.embedFont(StandardFonts.Helvetica) });
    doc.setTitle('Ocelot document title');
    doc.getInfoDict().set(PDFName.of('Desk'), PDFHexString.fromText('Marmoset custom entry'));
    // A section bookmark, closed (a negative count, as briefdeck writes them), with the one to find inside it.
    const outlines = doc.context.register(doc.context.obj({ Type: 'Outlines', Count: 1 }));
    const section = doc.context.register(doc.context.obj({ Title: PDFHexString.fromText('A section'), Parent: outlines, Dest: [page.ref, 'Fit'], Count: -1 }));
    const item = doc.context.register(doc.context.obj({ Title: PDFHexString.fromText('Zanzibar bookmark & only'), Parent: section, Dest: [page.ref, 'Fit'] }));
    for (const [parent, child] of [[outlines, section], [section, item]] as const) {
      const dict = doc.context.lookup(parent, PDFDict);
      dict.set(PDFName.of('First'), child);
      dict.set(PDFName.of('Last'), child);
    }
    doc.catalog.set(PDFName.of('Outlines'), outlines);
    const path = await writeIn(dir, 'read-back.pdf', await doc.save());
    const text = await scanned(path);
    for (const words of [' open words on the page ', ' ocelot document title ', ' marmoset custom entry ', ' zanzibar bookmark only ']) expect(text).toContain(words);
  });

  it('says which PDF MuPDF could not read, and why, rather than reading nothing', async () => {
    const path = await writeIn(dir, 'not-a.pdf', 'this is not a PDF');
    await expect(scanned(path)).rejects.toThrow(/not-a\.pdf: MuPDF could not read the PDF back for the leak scan: \S/);
  });

  it('reads stylesheets (a house theme can put text on a page with CSS content)', async () => {
    const path = await writeIn(dir, 'theme.css', '.bd-slide::after { content: "held back plan"; }\n');
    expect(await scanned(path)).toContain(' held back plan ');
  });
});

describe('the leak scan when one version cannot be read back', () => {
  it('still deletes the versions that leaked, as well as the one it could not read', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const deck = join(import.meta.dirname, 'fixtures', 'release-deck');
      const built = await buildDecks(deck, { audience: 'all', out: dir, pptx: true, leakScan: false });
      const [open, broken] = (['public', 'partner'] as const).map((a) => built.find((b) => b.audience === a)!);
      // public shows an internal slide's title; partner's PowerPoint is not a zip any more.
      await appendFile(open.htmlPath, '<p>Zanzibar internal judgement</p>');
      await writeFile(broken.pptxPath!, 'not a PowerPoint');
      await expect(scanVersions([open, broken].map((v) => ({ version: v, parsed: v.parsed })), silentLogger)).rejects.toThrow();
      expect(existsSync(open.htmlPath)).toBe(false);
      expect(existsSync(broken.htmlPath)).toBe(false);
    } finally {
      await cleanup();
    }
  });
});

describe('looking for many phrases in one long text (phraseIndex)', () => {
  it('answers as the text’s own includes does, for every phrase in normal form', () => {
    // A small vocabulary, so phrases often almost match: a word repeated, a phrase cut short,
    // parts of the text joined with "|" as the scan joins them.
    const words = ['alliance', 'japan', 'u', 's', 'the', 'of', 'strike', 'counter', 'a', 'aa'];
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    const part = (length: number) => normalText(Array.from({ length }, () => words[next(words.length)]).join(' '));
    const text = [part(400), part(3), part(200)].join('|');
    const index = phraseIndex(text);
    const phrases: string[] = [];
    for (let i = 0; i < 400; i++) {
      // Half cut from the text (found, unless cut across a "|"), half made up.
      const start = next(text.length - 40);
      const cut = text.slice(text.indexOf(' ', start), text.indexOf(' ', start + 5 + next(30)) + 1);
      phrases.push(i % 2 ? cut : part(1 + next(5)));
    }
    phrases.push(' alliance ', ' aa ', ' a ', text.slice(0, 20).slice(0, text.slice(0, 20).lastIndexOf(' ') + 1), ' zebra crossing ');
    const found = phrases.filter((p) => p.length > 2 && p.startsWith(' ') && p.endsWith(' '));
    expect(found.length).toBeGreaterThan(300);
    expect(found.filter((p) => text.includes(p)).length).toBeGreaterThan(100);
    expect(found.filter((p) => !text.includes(p)).length).toBeGreaterThan(50);
    for (const p of found) expect(index.includes(p), JSON.stringify(p)).toBe(text.includes(p));
  });
});
