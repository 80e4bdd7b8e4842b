import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesLeft, processesStarted, repoRoot, tempDir } from './helpers.js';

/**
 * Ctrl-C on the real command (bin/briefdeck.js, as built by `npm test`): a real SIGINT
 * to the process while Chromium is up. Chromium gets its profile under this test's own
 * TMPDIR, so `pgrep -f` counts only these processes, orphans included.
 */
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('briefdeck-interrupt-'));
  await mkdir(join(dir, 'tmp'));
});
afterAll(() => cleanup());

/** Command-line marker of the Chromium processes this file starts (their profile folder). */
const chromium = () => `${dir}/tmp/briefdeck-chromium`;

describe('Ctrl-C during export', () => {
  it('closes the browser and exits 130', async () => {
    const fixture = join(repoRoot, 'tests/fixtures/never-ready');
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'bin/briefdeck.js'), 'pdf', join(fixture, 'brief.md'), '--templates', join(fixture, 'templates'), '--timeout', '100', '--out', join(dir, 'x.pdf')],
      { cwd: dir, env: { ...process.env, TMPDIR: join(dir, 'tmp') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(await processesStarted(chromium())).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500)); // let it reach the wait for print
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(err).toMatch(/interrupted/);
    expect(err).not.toMatch(/^\s+at /m);
    expect(await processesLeft(chromium())).toBe(0);
  });
});
