import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, snapshot, tempDir } from './helpers.js';
import { OutputBatch, writeFolder } from '../src/write/output.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('briefdeck-output-')));
afterAll(() => cleanup());

const brief = (title: string, body = '## A slide\n\nText.\n') => `---\ntitle: ${title}\n---\n\n${body}`;

describe('nothing half-done', () => {
  it('a failed build leaves the previous outputs as they were, with no partial or temporary files', async () => {
    const deck = join(dir, 'deck');
    await mkdir(deck);
    await writeFile(join(deck, 'a.md'), brief('First'));
    await writeFile(join(deck, 'b.md'), brief('Second'));
    await writeFile(join(deck, 'deck.yaml'), 'title: Deck\nbriefs: [a.md, b.md]\naudiences: [principal, staff]\n');
    const out = join(dir, 'out');
    expect((await cli('build', deck, '--out', out, '-q')).code).toBe(0);
    const before = await snapshot(out);
    expect([...before.keys()].some((k) => k.endsWith('staff/index.html'))).toBe(true);

    // The second brief breaks after the first one was fine: still nothing may be written.
    await writeFile(join(deck, 'a.md'), brief('First, changed'));
    await writeFile(join(deck, 'b.md'), brief('Second', '## A slide {layout=nope}\n'));
    const r = await cli('build', deck, '--out', out, '-q');
    expect(r.code).toBe(1);
    expect(await snapshot(out)).toEqual(before);
    expect((await readdir(out, { recursive: true })).filter((n) => /\.(tmp|old)-/.test(n))).toEqual([]);
  });

  it('a write that fails midway removes its staging folder and keeps the old folder', async () => {
    const target = join(dir, 'folder');
    await mkdir(target);
    await writeFile(join(target, 'index.html'), 'old deck');
    const files = new Map([
      ['index.html', { text: 'new deck' }],
      ['assets/missing.png', { copyFrom: join(dir, 'does-not-exist.png') }],
    ]);
    await expect(writeFolder(target, files)).rejects.toThrow(/cannot write/);
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('old deck');
    expect((await readdir(dir)).filter((n) => /\.(tmp|old)-/.test(n))).toEqual([]);
  });

  it('a batch whose last rename fails puts back every output it had swapped in, and adds nothing', async () => {
    const root = join(dir, 'batch');
    await writeFolder(join(root, 'principal'), new Map([['index.html', { text: 'old principal' }]]));
    await mkdir(join(root, 'in-the-way.html', 'inside'), { recursive: true });
    const before = await snapshot(root);
    const batch = new OutputBatch();
    try {
      await batch.folder(join(root, 'principal'), new Map([['index.html', { text: 'new principal' }]]));
      await batch.file(join(root, 'new.pdf'), 'a new file');
      await batch.file(join(root, 'in-the-way.html'), 'cannot replace a folder');
      await expect(batch.commit()).rejects.toThrow(/cannot write .*in-the-way\.html/);
    } finally {
      await batch.discard();
    }
    expect(await snapshot(root)).toEqual(before);
    expect(await readdir(root)).toEqual(['in-the-way.html', 'principal']);
  });

  it('a discarded batch leaves no folder it created', async () => {
    const root = join(dir, 'discarded');
    const batch = new OutputBatch();
    await batch.folder(join(root, 'deck', 'staff'), new Map([['index.html', { text: 'x' }]]));
    await batch.discard();
    expect(existsSync(root)).toBe(false);
  });

  it('a successful rebuild replaces the folder whole (no stale files survive)', async () => {
    const target = join(dir, 'swap');
    await writeFolder(target, new Map([['a.txt', { text: 'a' }], ['stale.txt', { text: 's' }]]));
    await writeFolder(target, new Map([['a.txt', { text: 'b' }]]));
    expect(await readdir(target)).toEqual(['a.txt']);
    expect((await stat(join(target, 'a.txt'))).size).toBe(1);
  });
});
