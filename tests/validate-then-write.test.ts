import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, DomUtils } from 'htmlparser2';
import { cli, snapshot, tempDir } from './helpers.js';
import { buildDecks } from '../src/commands/pipeline.js';

/**
 * Validate everything, then write: every deck and every audience is loaded, parsed,
 * planned, rendered and checked (images included) before any file is written, and a
 * write that fails midway rolls back what the run had already swapped in.
 */
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('briefdeck-vtw-')));
afterAll(() => cleanup());

const leftovers = async (root: string) => (await readdir(root, { recursive: true })).filter((n) => /\.(tmp|old)-/.test(n));

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function twoAudienceDeck(name: string, staffSlide: string): Promise<string> {
  const deck = join(dir, name);
  await mkdir(deck, { recursive: true });
  await writeFile(join(deck, 'pic.png'), png);
  await writeFile(
    join(deck, 'a.md'),
    `---\ntitle: First\n---\n\n## For everyone {detail=summary}\n\n![A picture](pic.png)\n\n## Staff only {detail=deep}\n\n${staffSlide}\n`,
  );
  await writeFile(join(deck, 'deck.yaml'), 'title: Deck\nbriefs: [a.md]\naudiences: [principal, staff]\n');
  return deck;
}

describe('validate everything, then write', () => {
  it('an image missing only on a staff-level slide fails the build before principal/ is written', async () => {
    const deck = await twoAudienceDeck('missing-image', '![A chart](missing.png)');
    const out = join(dir, 'out-missing');
    const r = await cli('build', deck, '--out', out, '-q');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/a\.md:11: .*missing\.png/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/^\s+at /m);
    // Nothing at all: not principal/, not even the deck's folder.
    expect(existsSync(out)).toBe(false);
  });

  it('the same failure after an earlier good build leaves every audience at the earlier version', async () => {
    const deck = await twoAudienceDeck('missing-later', 'Plain text.');
    const out = join(dir, 'out-later');
    expect((await cli('build', deck, '--out', out, '-q')).code).toBe(0);
    const before = await snapshot(out);
    await writeFile(join(deck, 'a.md'), (await readFile(join(deck, 'a.md'), 'utf8')).replace('Plain text.', '![A chart](missing.png)').replace('For everyone', 'For everyone, changed'));
    expect((await cli('build', deck, '--out', out, '-q')).code).toBe(1);
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
  });

  it('a write that fails after one audience was swapped in rolls it back: no audience at the new version', async () => {
    const deck = await twoAudienceDeck('rollback', 'Plain text.');
    const out = join(dir, 'out-rollback');
    expect((await cli('build', deck, '--out', out, '--single-file', '-q')).code).toBe(0);
    // A folder where the staff one-file HTML goes: the last rename of the run fails.
    await rm(join(out, 'rollback', 'rollback-staff.html'));
    await mkdir(join(out, 'rollback', 'rollback-staff.html', 'keep'), { recursive: true });
    await writeFile(join(out, 'rollback', 'rollback-staff.html', 'keep', 'mine.txt'), 'not briefdeck output');
    const before = await snapshot(out);
    await writeFile(join(deck, 'a.md'), (await readFile(join(deck, 'a.md'), 'utf8')).replace('For everyone', 'For everyone, changed'));
    const r = await cli('build', deck, '--out', out, '--single-file', '-q');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot write .*rollback-staff\.html/);
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
    const principal = await readFile(join(out, 'rollback', 'principal', 'index.html'), 'utf8');
    expect(principal).toContain('For everyone');
    expect(principal).not.toContain('For everyone, changed');
  });

  it('a second deck that cannot be written leaves the first deck unwritten too (library, with cwd)', async () => {
    const project = join(dir, 'two-decks');
    for (const name of ['aa', 'zz']) {
      await mkdir(join(project, 'briefs', name), { recursive: true });
      await writeFile(join(project, 'briefs', name, 'a.md'), `---\ntitle: ${name}\n---\n\n## A slide\n\nText.\n`);
      await writeFile(join(project, 'briefs', name, 'deck.yaml'), `title: ${name}\nbriefs: [a.md]\n`);
    }
    await mkdir(join(project, 'out'));
    await writeFile(join(project, 'out', 'zz'), 'a file where the second deck\'s folder goes');
    await expect(buildDecks(undefined, { cwd: project, out: 'out' })).rejects.toThrow(/cannot write/);
    expect(await readdir(join(project, 'out'))).toEqual(['zz']);
  });

  it('an image on a slide the public does not get is not copied into the public version', async () => {
    const deck = join(dir, 'internal-image');
    await mkdir(deck, { recursive: true });
    await writeFile(join(deck, 'secret.png'), png);
    await writeFile(join(deck, 'open.png'), png);
    await writeFile(
      join(deck, 'a.md'),
      '---\ntitle: Images\n---\n\n## Open {detail=summary}\n\n![Open](open.png)\n\n## Internal {detail=summary tags="internal"}\n\n![Secret](secret.png)\n',
    );
    await writeFile(join(deck, 'deck.yaml'), 'title: Deck\nbriefs: [a.md]\naudiences: [staff, public]\n');
    const out = join(dir, 'out-internal');
    expect((await cli('build', deck, '--out', out, '-q')).code).toBe(0);
    const images = async (audience: string) => (await readdir(join(out, 'internal-image', audience, 'assets', 'images'))).map((n) => n.replace(/^[0-9a-f]+-/, '')).sort();
    expect(await images('staff')).toEqual(['open.png', 'secret.png']);
    expect(await images('public')).toEqual(['open.png']);
    const html = await readFile(join(out, 'internal-image', 'public', 'index.html'), 'utf8');
    const imgs = DomUtils.findAll((e) => e.name === 'img', parseDocument(html).children).map((e) => e.attribs.src ?? '');
    expect(imgs.some((src) => src.includes('open.png'))).toBe(true);
    expect(imgs.some((src) => src.includes('secret'))).toBe(false);
  });
});
