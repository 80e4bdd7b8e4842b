import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';
import { isPathSegment, pathSegment } from '../src/kernel/path-segment.js';
import { outputPath } from '../src/write/output-location.js';

/**
 * Output paths from the security review: names that become paths stay single segments,
 * every write stays inside --out, and each bad --out is a clear usage (2) or environment
 * (3) error. Export is refused before a browser starts, so these need none.
 */
let dir: string;
let cleanup: () => Promise<void>;
let brief: string;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('briefdeck-out-paths-'));
  brief = join(dir, 'brief.md');
  await writeFile(brief, '---\ntitle: Paths\n---\n\n## One\n\n- a point\n');
});
afterAll(() => cleanup());

describe('deck names that become paths', () => {
  it('a brief named "...md" builds inside --out, and nothing is written beside it', async () => {
    const project = join(dir, 'dots');
    await mkdir(join(project, 'sub'), { recursive: true });
    await writeFile(join(project, 'sub', '...md'), '---\ntitle: Dots\n---\n\n## One\n\n- a point\n');
    await writeFile(join(project, 'keep.txt'), 'must survive');
    const { code, err } = await cli('build', join(project, 'sub', '...md'), '--out', join(project, 'sub', 'out'), '--quiet');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(await readdir(join(project, 'sub', 'out'))).toEqual(['deck']);
    expect(await readdir(join(project, 'sub', 'out', 'deck'))).toEqual(['.reports', 'default']);
    expect((await readdir(join(project, 'sub'))).sort()).toEqual(['...md', 'out']);
    expect((await readdir(project)).sort()).toEqual(['keep.txt', 'sub']);
  });

  it('makes names single safe segments', () => {
    expect(pathSegment('..', 'deck')).toBe('deck');
    expect(pathSegment('.', 'deck')).toBe('deck');
    expect(pathSegment('a/../b', 'deck')).toBe('a-..-b');
    expect(pathSegment('a\\b\u0000c\nd', 'deck')).toBe('a-b-c-d');
    expect(pathSegment('.hidden', 'deck')).toBe('hidden');
    expect(pathSegment('x'.repeat(300), 'deck')).toHaveLength(80);
    expect(pathSegment('us-japan-alliance', 'deck')).toBe('us-japan-alliance');
    expect(isPathSegment('..')).toBe(false);
    expect(isPathSegment('staff')).toBe(true);
  });

  it('refuses to join a name that is not one segment, as a last line of defence', () => {
    expect(() => outputPath('/out', '..', 'default')).toThrow('refusing to write ".." under /out');
    expect(() => outputPath('/out', 'deck', 'a/b')).toThrow(/refusing to write "a\/b"/);
    expect(outputPath('/out', 'deck', 'staff')).toBe('/out/deck/staff');
  });
});

describe('--out that cannot be written', () => {
  it("pdf --out '' is a usage error, not a PDF lost in a scratch folder", async () => {
    const { code, err } = await cli('pdf', brief, '--out', '');
    expect(code).toBe(2);
    expect(err).toBe('briefdeck: --out needs a file name (it was empty)\n');
    expect((await cli('build', brief, '--out', '')).err).toBe('briefdeck: --out needs a folder name (it was empty)\n');
  });

  it('--out /proc/x is an environment error, not an endless loop', { timeout: 30_000 }, async () => {
    const { code, err } = await cli('build', brief, '--out', '/proc/briefdeck-x');
    expect(code).toBe(3);
    expect(err).toMatch(/^briefdeck: cannot write into \/proc\/briefdeck-x\/brief: cannot create \/proc\/briefdeck-x \(.+\); choose a folder you can write to\n$/);
  });

  it('--out naming an existing file is a usage error that says so', async () => {
    const file = join(dir, 'a-file.txt');
    await writeFile(file, 'x');
    const { code, err } = await cli('build', brief, '--out', file);
    expect(code).toBe(2);
    expect(err).toBe(`briefdeck: --out ${file}: ${file} is a file, not a folder\n`);
    const below = await cli('pdf', brief, '--out', join(file, 'deck.pdf'));
    expect(below.code).toBe(2);
    expect(below.err).toContain(`${file} is a file, not a folder`);
    const folder = await cli('pdf', brief, '--out', dir);
    expect(folder.code).toBe(2);
    expect(folder.err).toContain(`--out ${dir} is a folder; name the PDF file to write`);
  });

  it('a read-only output folder is an environment error naming it, not ENOENT', async () => {
    // root writes through file modes: /sys refuses new folders to everyone.
    let out = '/sys/briefdeck-test-out';
    if (process.getuid?.() !== 0) {
      out = join(dir, 'read-only');
      await mkdir(out);
      await chmod(out, 0o555);
    }
    const { code, err } = await cli('build', brief, '--out', out);
    expect(code).toBe(3);
    expect(err).toMatch(/^briefdeck: cannot write into .+: cannot create .+ \((not permitted|permission denied|the disk is read-only)\); choose a folder you can write to\n$/);
    expect(err).not.toMatch(/ENOENT|unexpected error/);
  });
});
