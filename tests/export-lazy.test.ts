import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers.js';

// A loader hook that refuses to load puppeteer's code: a build that succeeds under it never
// loaded it. bin/briefdeck.js runs the bundle (scripts/bundle.js), where puppeteer is part of a
// chunk: the bundler names each library's code in a comment (// node_modules/puppeteer-core/...).
const refusePuppeteer = `data:text/javascript,${encodeURIComponent(`
export async function load(url, context, next) {
  const loaded = await next(url, context);
  const source = loaded.source === undefined || loaded.source === null ? '' : String(loaded.source);
  if (url.includes('/node_modules/puppeteer') || source.includes('// node_modules/puppeteer-core/')) throw new Error('puppeteer was imported');
  return loaded;
}`)}`;
const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(refusePuppeteer)});`)}`;

describe('puppeteer stays off the build path', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterAll(() => cleanup());
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', register, join(repoRoot, 'bin/briefdeck.js'), ...args], { cwd: repoRoot, encoding: 'utf8' });

  it('builds HTML (and a single file) without importing puppeteer', () => {
    const r = run('build', 'tests/fixtures/export-deck', '--out', dir, '--single-file', '--quiet');
    expect(r.stderr).not.toContain('puppeteer was imported');
    expect(r.status).toBe(0);
  });

  it('writes PowerPoint (pptx, build --pptx) without importing puppeteer', () => {
    const r = run('pptx', 'tests/fixtures/export-deck', '--out', join(dir, 'deck.pptx'), '--quiet');
    expect(r.stderr).not.toContain('puppeteer was imported');
    expect(r.status).toBe(0);
    const b = run('build', 'tests/fixtures/export-deck', '--out', dir, '--pptx', '--quiet');
    expect(b.stderr).not.toContain('puppeteer was imported');
    expect(b.status).toBe(0);
  });

  it('does import it for --pdf (so the check above can fail)', () => {
    const r = run('build', 'tests/fixtures/export-deck', '--out', dir, '--pdf', '--quiet', '--debug');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('puppeteer was imported');
  });
});
