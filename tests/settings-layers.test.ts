import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, DomUtils } from 'htmlparser2';
import { cli, tempDir } from './helpers.js';

/** README "Which setting wins", end to end: in a deck of several briefs no brief is the deck. */
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('briefdeck-layers-')));
afterAll(() => cleanup());

/** A house-style folder with `house.yaml`, and a deck folder with its files; built with --templates. */
async function buildWithHouse(name: string, house: string, files: Record<string, string>) {
  const deck = join(dir, name, 'deck');
  const houseDir = join(dir, name, 'house');
  await mkdir(deck, { recursive: true });
  await mkdir(houseDir, { recursive: true });
  await writeFile(join(houseDir, 'house.yaml'), house);
  for (const [file, text] of Object.entries(files)) await writeFile(join(deck, file), text);
  const out = join(dir, name, 'out');
  return { outDir: out, ...(await cli('build', deck, '--out', out, '--templates', houseDir, '-q')) };
}

describe('a deck of several briefs with a house style', () => {
  it('takes organisation and classification from house.yaml, not from the first brief', async () => {
    const { outDir: out, code } = await buildWithHouse('layers', 'organisation: House Agency\nclassification: CUI\n', {
      'a.md': '---\ntitle: First\norganisation: First Brief Desk\nclassification: UNCLASSIFIED\n---\n\n## One\n\nText.\n',
      'b.md': '---\ntitle: Second\n---\n\n## Two\n\nText.\n',
      'deck.yaml': 'title: Layers\nbriefs: [a.md, b.md]\n',
    });
    expect(code).toBe(0);
    const html = await readFile(join(out, 'deck', 'default', 'index.html'), 'utf8');
    const org = DomUtils.findAll((e) => e.attribs.class === 'bd-organisation', parseDocument(html).children).map((e) => DomUtils.textContent(e));
    expect(org).toEqual(['House Agency']);
    expect(html).not.toContain('First Brief Desk');
    const report = JSON.parse(await readFile(join(out, 'deck', '.reports', 'default.json'), 'utf8'));
    // b.md has no classification of its own: the deck's (the house's) CUI marks its slide, and the banner.
    expect(report.marking.banner).toBe('CUI');
    // Neither content slide carries a portion mark of its own.
    const slides = report.slides.filter((s: { file?: string }) => s.file);
    expect(slides.map((s: { marking: unknown }) => s.marking)).toEqual([null, null]);
  });

  it('reports an unknown theme in house.yaml once, at its line, not once per audience', async () => {
    const { code, err } = await buildWithHouse('theme', 'organisation: House Agency\ntheme: nosuch\n', {
      'a.md': '---\ntitle: First\n---\n\n## One\n\nText.\n',
      'deck.yaml': 'title: Themes\nbriefs: [a.md]\naudiences: [principal, staff, public]\n',
    });
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toEqual([expect.stringMatching(/theme\/house\/house\.yaml:2: unknown theme "nosuch" \(known: house\)$/)]);
  });
});
