import { existsSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDecks } from '../src/commands/pipeline.js';
import { silentLogger } from '../src/kernel/logger.js';
import { scanVersions } from '../src/verify/leak-scan.js';
import { tempDir, writeIn } from './helpers.js';
import { textExtractors } from '../src/verify/output-text.js';
import { normalText } from '../src/verify/leak-text.js';

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
