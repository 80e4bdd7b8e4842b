import { spawnSync } from 'node:child_process';
import { cp, mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers.js';

// bin/briefdeck.js runs dist/bundle/cli.cjs, which requires puppeteer (its bundle,
// dist/bundle/vendor/puppeteer-core.cjs, scripts/bundle.js) only when it prints. The commands
// run from a copy of the install without that bundle: one that needed puppeteer would fail.
async function installWithoutPuppeteer(dir: string): Promise<string> {
  await mkdir(join(dir, 'bin'), { recursive: true });
  await cp(join(repoRoot, 'bin/briefdeck.js'), join(dir, 'bin/briefdeck.js'));
  await cp(join(repoRoot, 'dist/bundle'), join(dir, 'dist/bundle'), { recursive: true });
  await rm(join(dir, 'dist/bundle/vendor/puppeteer-core.cjs'));
  await cp(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  for (const shared of ['templates', 'node_modules']) await symlink(join(repoRoot, shared), join(dir, shared));
  return join(dir, 'bin/briefdeck.js');
}

describe('puppeteer stays off the build path', () => {
  let dir: string;
  let bin: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    bin = await installWithoutPuppeteer(join(dir, 'install'));
  });
  afterAll(() => cleanup());
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8' });

  it('builds HTML (and a single file) without importing puppeteer', () => {
    const r = run('build', 'tests/fixtures/export-deck', '--out', dir, '--single-file', '--quiet');
    expect(r.stderr).not.toContain('puppeteer-core');
    expect(r.status).toBe(0);
  });

  it('writes PowerPoint (pptx, build --pptx) without importing puppeteer', () => {
    const r = run('pptx', 'tests/fixtures/export-deck', '--out', join(dir, 'deck.pptx'), '--quiet');
    expect(r.stderr).not.toContain('puppeteer-core');
    expect(r.status).toBe(0);
    const b = run('build', 'tests/fixtures/export-deck', '--out', dir, '--pptx', '--quiet');
    expect(b.stderr).not.toContain('puppeteer-core');
    expect(b.status).toBe(0);
  });

  it('does import it for --pdf (so the check above can fail)', () => {
    const r = run('build', 'tests/fixtures/export-deck', '--out', join(dir, 'pdf'), '--pdf', '--quiet', '--debug');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('vendor/puppeteer-core.cjs');
  });
});
