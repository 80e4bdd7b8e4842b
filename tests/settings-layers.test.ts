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

describe('a deck of several briefs with a house style', () => {
  it('takes organisation and classification from house.yaml, not from the first brief', async () => {
    const deck = join(dir, 'deck');
    const house = join(dir, 'house');
    await mkdir(deck, { recursive: true });
    await mkdir(house, { recursive: true });
    await writeFile(join(house, 'house.yaml'), 'organisation: House Agency\nclassification: CUI\n');
    await writeFile(join(deck, 'a.md'), '---\ntitle: First\norganisation: First Brief Desk\nclassification: UNCLASSIFIED\n---\n\n## One\n\nText.\n');
    await writeFile(join(deck, 'b.md'), '---\ntitle: Second\n---\n\n## Two\n\nText.\n');
    await writeFile(join(deck, 'deck.yaml'), 'title: Layers\nbriefs: [a.md, b.md]\n');
    const out = join(dir, 'out');
    const r = await cli('build', deck, '--out', out, '--templates', house, '-q');
    expect(r.code).toBe(0);
    const html = await readFile(join(out, 'deck', 'default', 'index.html'), 'utf8');
    const doc = parseDocument(html);
    const org = DomUtils.findAll((e) => e.attribs.class === 'bd-organisation', doc.children).map((e) => DomUtils.textContent(e));
    expect(org).toEqual(['House Agency']);
    expect(html).not.toContain('First Brief Desk');
    const report = JSON.parse(await readFile(join(out, 'deck', 'default', 'build-report.json'), 'utf8'));
    // b.md has no classification of its own: the deck's (the house's) CUI marks its slide, and the banner.
    expect(report.marking.banner).toBe('CUI');
    // a.md's own classification still marks its own slides.
    const slides = report.slides.filter((s: { file?: string }) => s.file);
    expect(slides.map((s: { marking: unknown }) => s.marking)).toEqual([null, null]);
  });

  it('reports an unknown theme in house.yaml once, at its line, not once per audience', async () => {
    const deck = join(dir, 'theme-deck');
    const house = join(dir, 'theme-house');
    await mkdir(deck, { recursive: true });
    await mkdir(house, { recursive: true });
    await writeFile(join(house, 'house.yaml'), 'organisation: House Agency\ntheme: nosuch\n');
    await writeFile(join(deck, 'a.md'), '---\ntitle: First\n---\n\n## One\n\nText.\n');
    await writeFile(join(deck, 'deck.yaml'), 'title: Themes\nbriefs: [a.md]\naudiences: [principal, staff, public]\n');
    const r = await cli('build', deck, '--out', join(dir, 'theme-out'), '--templates', house, '-q');
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/theme-house\/house\.yaml:2: unknown theme "nosuch" \(known: house\)$/)]);
  });
});
