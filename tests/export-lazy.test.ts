import { spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers.js';

// bin/briefdeck.js runs dist/bundle/cli.cjs, which requires the libraries for PDFs and Word
// files (their bundles in dist/bundle/vendor/, scripts/bundle.js) only when a command needs
// them. The commands run from a copy of the install without those bundles, and with none of
// those libraries in its node_modules either: a command that loaded one would fail.
const printing = ['puppeteer-core', 'pdf-lib', 'docx'];

async function installWithoutPrinting(dir: string): Promise<string> {
  // bin/ whole: bin/package.json makes briefdeck.js CommonJS.
  await cp(join(repoRoot, 'bin'), join(dir, 'bin'), { recursive: true });
  await cp(join(repoRoot, 'dist/bundle'), join(dir, 'dist/bundle'), { recursive: true });
  for (const name of printing) await rm(join(dir, `dist/bundle/vendor/${name}.cjs`));
  await cp(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  await symlink(join(repoRoot, 'templates'), join(dir, 'templates'));
  await mkdir(join(dir, 'node_modules'));
  for (const name of await readdir(join(repoRoot, 'node_modules'))) {
    if (![...printing, 'puppeteer'].includes(name)) await symlink(join(repoRoot, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return join(dir, 'bin/briefdeck.js');
}

describe('the PDF and Word libraries stay off the build path', () => {
  let dir: string;
  let bin: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    bin = await installWithoutPrinting(join(dir, 'install'));
  });
  afterAll(() => cleanup());
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8' });

  it('prints its version and builds HTML (and a single file) without them', () => {
    const v = run('--version');
    expect(v.status, v.stderr).toBe(0);
    const r = run('build', 'tests/fixtures/export-deck', '--out', dir, '--single-file', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('writes PowerPoint (pptx, build --pptx) without them', () => {
    const r = run('pptx', 'tests/fixtures/export-deck', '--out', join(dir, 'deck.pptx'), '--quiet');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const b = run('build', 'tests/fixtures/export-deck', '--out', dir, '--pptx', '--quiet');
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
  });

  it('needs them for --pdf and a Word memo (so the checks above can fail)', () => {
    const pdf = run('build', 'tests/fixtures/export-deck', '--out', join(dir, 'pdf'), '--pdf', '--quiet');
    expect(pdf.status).not.toBe(0);
    expect(pdf.stderr).toMatch(/vendor\/(puppeteer-core|pdf-lib)\.cjs/);
    const memo = run('memo', 'briefs/us-japan-alliance', '--audience', 'staff', '--format', 'docx', '--out', join(dir, 'memo.docx'), '--quiet');
    expect(memo.status).not.toBe(0);
    expect(memo.stderr).toContain('vendor/docx.cjs');
  });
});
