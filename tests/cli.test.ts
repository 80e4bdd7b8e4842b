import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, repoRoot, tempDir } from './helpers.js';
import { resolveBrowser, noBrowserHelp } from '../src/export/browser.js';
import { BriefdeckError } from '../src/kernel/problem.js';
import { version } from '../src/kernel/version.js';

const fixture = (...p: string[]) => join(import.meta.dirname, 'fixtures', ...p);
const stackLine = /^\s+at /m;

describe('CLI exit codes', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/build/);
    expect(r.out).toMatch(/pdf/);
  });

  it('--version prints the package version and exits 0', async () => {
    const r = await cli('--version');
    expect(r).toMatchObject({ code: 0 });
    expect(r.out.trim()).toBe(version);
  });

  it('an unknown command is bad usage (2)', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command/);
  });

  it('a deck path that does not exist is bad usage (2)', async () => {
    const r = await cli('build', 'no/such/brief.md');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no deck, folder or brief at "no\/such\/brief.md"/);
  });

  it('pdf --out FILE for several audiences is bad usage (2), refused before anything is written', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const file = join(dir, 'one.pdf');
      const r = await cli('pdf', join(repoRoot, 'briefs/us-japan-alliance'), '--out', file, '--browser', '/nonexistent/chromium');
      expect(r.code).toBe(2);
      expect(r.err).toContain('--out names one PDF file');
      expect(existsSync(file)).toBe(false);
      // The memo's --out says what it names: a memo (a Word one with --format docx).
      const memo = await cli('memo', join(repoRoot, 'briefs/us-japan-alliance'), '--format', 'docx', '--out', join(dir, 'memo.docx'));
      expect(memo.code).toBe(2);
      expect(memo.err).toContain('--out names one memo file');
      expect(existsSync(join(dir, 'memo.docx'))).toBe(false);
    } finally {
      await cleanup();
    }
  });

  it('a bad brief is bad input (1): file:line: messages, no stack trace', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const r = await cli('build', fixture('parse', 'errors', 'brief.md'), '--out', dir);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^tests\/fixtures\/parse\/errors\/brief\.md:14: unknown layout "fancy"/m);
      expect(r.err.trim().split('\n').every((l) => /^[^:\s]+:\d+: /.test(l))).toBe(true);
      expect(r.err).not.toMatch(stackLine);
      expect(existsSync(join(dir, 'brief'))).toBe(false);
    } finally {
      await cleanup();
    }
  });

  it('--debug adds the stack trace', async () => {
    const r = await cli('--debug', 'build', fixture('parse', 'errors', 'brief.md'), '--out', '/nonexistent-never-written');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(stackLine);
  });
});

describe('browser not found (exit 3)', () => {
  const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
    else process.env.PUPPETEER_EXECUTABLE_PATH = saved;
  });

  const pdfWith = async (...extra: string[]) => {
    const { dir, cleanup } = await tempDir();
    try {
      return await cli('pdf', fixture('spine', 'brief.md'), '--out', join(dir, 'deck.pdf'), ...extra);
    } finally {
      await cleanup();
    }
  };

  it('--browser naming a missing file exits 3 and says how to get a browser', async () => {
    const r = await pdfWith('--browser', '/nonexistent/chromium');
    expect(r.code).toBe(3);
    expect(r.err).toContain('browser not found at /nonexistent/chromium');
    expect(r.err).toContain('apt-get install chromium');
    expect(r.err).not.toMatch(stackLine);
  });

  it('PUPPETEER_EXECUTABLE_PATH naming a missing file exits 3', async () => {
    process.env.PUPPETEER_EXECUTABLE_PATH = '/nonexistent';
    const r = await pdfWith();
    expect(r.code).toBe(3);
    expect(r.err).toContain('npx puppeteer browsers install chrome');
  });

  it('with no system browser and none downloaded, resolveBrowser explains how to get one', async () => {
    const none = resolveBrowser(undefined, { env: {}, candidates: ['/nonexistent/a', '/nonexistent/b'], bundled: async () => undefined });
    await expect(none).rejects.toBeInstanceOf(BriefdeckError);
    await expect(none).rejects.toMatchObject({ code: 'environment', message: noBrowserHelp });
  });

  it('prefers --browser, then PUPPETEER_EXECUTABLE_PATH, then the system, then puppeteer\'s own', async () => {
    const real = process.execPath; // any existing file stands in for a browser here
    const bundled = async () => real;
    expect(await resolveBrowser(real, { env: { PUPPETEER_EXECUTABLE_PATH: '/x' }, candidates: [], bundled })).toBe(real);
    expect(await resolveBrowser(undefined, { env: { PUPPETEER_EXECUTABLE_PATH: real }, candidates: ['/y'], bundled })).toBe(real);
    expect(await resolveBrowser(undefined, { env: {}, candidates: ['/nonexistent', real], bundled: async () => undefined })).toBe(real);
    expect(await resolveBrowser(undefined, { env: {}, candidates: ['/nonexistent'], bundled })).toBe(real);
  });
});

describe('bin/briefdeck.js (what npx briefdeck runs)', () => {
  it('is the package bin and runs the compiled CLI with node', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin.briefdeck).toBe('bin/briefdeck.js');
    const r = spawnSync('node', ['bin/briefdeck.js', '--version'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
    const usage = spawnSync('node', ['bin/briefdeck.js', 'frobnicate'], { cwd: repoRoot, encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });
});
