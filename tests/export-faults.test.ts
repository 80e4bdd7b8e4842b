import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, processesLeft, processesStarted, repoRoot, tempDir } from './helpers.js';
import { removeStaleProfiles, resolveBrowser, withBrowser } from '../src/export/browser.js';
import { printDeck } from '../src/export/pdf.js';
import { BriefdeckError } from '../src/kernel/problem.js';

/**
 * Faults during export (security review): a crashed renderer ends the print with an
 * environment error, not a hang; a stop signal once printing started exits 128+signal with
 * a message and leaves no profile folder or Chromium; Chromium dies with a killed briefdeck;
 * profile folders of dead runs are removed at the next start. Each run has a TMPDIR of its
 * own, so counting Chromium processes by that path sees only ours.
 */
let dir: string;
let cleanup: () => Promise<void>;
const neverReady = join(repoRoot, 'tests/fixtures/never-ready');
const bin = join(repoRoot, 'bin/briefdeck.js');
beforeAll(async () => void ({ dir, cleanup } = await tempDir('briefdeck-export-faults-')));
afterAll(() => cleanup());

/** Starts `pdf` on a deck that never finishes laying out, in a TMPDIR of its own; resolves once Chromium runs. */
async function printForever(name: string) {
  const tmp = join(dir, name);
  await mkdir(tmp);
  const child = spawn(process.execPath, [bin, 'pdf', join(neverReady, 'brief.md'), '--templates', join(neverReady, 'templates'), '--timeout', '100', '--out', join(tmp, 'out.pdf')], {
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  // 'close', not 'exit': stderr may still hold the last message when the process exits.
  const exit = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  const marker = `${tmp}/briefdeck-chromium-`;
  expect(await processesStarted(marker)).toBeGreaterThan(0);
  // Printing has started once the page is loaded; a moment more and it is waiting on the deck.
  await new Promise((r) => setTimeout(r, 1500));
  return { child, exit, tmp, marker, err: () => err };
}

describe('faults during export', () => {
  it('a crashed renderer is an environment error at once, not a hang until the timeout', { timeout: 60_000 }, async () => {
    const page = join(dir, 'page.html');
    await writeFile(page, '<!doctype html><title>never ready</title><p>waiting');
    await withBrowser(await resolveBrowser(), async (browser) => {
      const printing = printDeck(browser, page, { timeoutMs: 600_000 });
      // The print's tab, once it has loaded the page (a bounded wait).
      const until = Date.now() + 30_000;
      let tab = (await browser.pages()).find((p) => p.url().includes('page.html'));
      while (!tab && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        tab = (await browser.pages()).find((p) => p.url().includes('page.html'));
      }
      expect(tab).toBeDefined();
      await new Promise((r) => setTimeout(r, 500));
      const session = await tab!.createCDPSession();
      void session.send('Page.crash').catch(() => undefined); // never answered: the page is gone
      const error = await printing.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BriefdeckError);
      expect((error as BriefdeckError).code).toBe('environment');
      expect((error as BriefdeckError).message).toMatch(/page\.html: the browser's page crashed while printing/);
    });
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const)('%s once printing started: exit %i with a message, no profile folder, no Chromium', async (signal, code) => {
    const run = await printForever(signal);
    run.child.kill(signal);
    expect(await run.exit, run.err()).toBe(code);
    expect(run.err(), run.err()).toContain('briefdeck: interrupted; the browser was closed and no PDF was written');
    expect((await readdir(run.tmp)).filter((n) => n.startsWith('briefdeck-'))).toEqual([]);
    expect(await processesLeft(run.marker)).toBe(0);
  });

  it('kill -9 of briefdeck takes Chromium with it; the next run removes the profile folder left behind', async () => {
    const run = await printForever('kill9');
    run.child.kill('SIGKILL');
    await run.exit;
    expect(await processesLeft(run.marker)).toBe(0);
    const left = (await readdir(run.tmp)).filter((n) => n.startsWith('briefdeck-chromium-'));
    expect(left).toHaveLength(1);
    // A live run's folder (this process's id) is kept; the dead run's is removed.
    await mkdir(join(run.tmp, `briefdeck-chromium-${process.pid}-live`));
    expect(await removeStaleProfiles(run.tmp)).toEqual(left);
    expect(await readdir(run.tmp)).toEqual(expect.arrayContaining([`briefdeck-chromium-${process.pid}-live`]));
    expect((await readdir(run.tmp)).filter((n) => n.startsWith('briefdeck-chromium-'))).toEqual([`briefdeck-chromium-${process.pid}-live`]);
  });
});

describe('starting the browser', () => {
  it('a browser that exits as it starts is an environment error that says what it said', async () => {
    const browser = join(dir, 'exits-at-once.sh');
    await writeFile(browser, "#!/bin/sh\necho 'chromium: cannot open the profile' >&2\nexit 1\n", { mode: 0o755 });
    const r = await cli('pdf', join(repoRoot, 'tests/fixtures/spine/brief.md'), '--browser', browser, '--out', join(dir, 'never.pdf'));
    expect(r.code).toBe(3);
    expect(r.err).toContain(`could not start the browser at ${browser}: it exited (code 1): chromium: cannot open the profile`);
    expect(existsSync(join(dir, 'never.pdf'))).toBe(false);
  });
});
