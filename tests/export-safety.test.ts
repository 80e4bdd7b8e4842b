import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { cli, pdfPages, processesLeft, processesStarted, repoRoot, tempDir } from './helpers.js';
import { resolveBrowser, withBrowser } from '../src/export/browser.js';

/**
 * Export on hostile or broken decks: remote requests blocked, hangs time out, Ctrl-C
 * stops cleanly, and no Chromium is ever left behind. Each browser gets its profile
 * under this file's own TMPDIR, so counting `pgrep -f <that dir>` sees only ours
 * (other test files and other users may run Chromium at the same time), orphans included.
 */
let dir: string;
let cleanup: () => Promise<void>;
let savedTmp: string | undefined;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('briefdeck-export-safety-'));
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = join(dir, 'tmp');
  await mkdir(process.env.TMPDIR);
});
afterAll(async () => {
  process.env.TMPDIR = savedTmp;
  if (savedTmp === undefined) delete process.env.TMPDIR;
  await cleanup();
});

/** Command-line marker of the Chromium processes this file starts (their profile folder). */
const chromium = () => `${dir}/tmp/briefdeck-chromium`;

const neverReady = join(repoRoot, 'tests/fixtures/never-ready');

describe('export safety', () => {
  it('times out on a deck that never becomes ready, keeps the previous PDF, leaves no Chromium', async () => {
    const pdf = join(dir, 'hang.pdf');
    await writeFile(pdf, 'previous PDF');
    const r = await cli('pdf', join(neverReady, 'brief.md'), '--templates', join(neverReady, 'templates'), '--timeout', '2', '--out', pdf, '-q');
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(/did not finish laying out for print within 2 s/);
    expect(r.err).not.toMatch(/^\s+at /m);
    expect(await readFile(pdf, 'utf8')).toBe('previous PDF');
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(await processesLeft(chromium())).toBe(0);
  });

  it('stops on Ctrl-C with exit 130 and closes the browser', async () => {
    const running = cli('pdf', join(neverReady, 'brief.md'), '--templates', join(neverReady, 'templates'), '--timeout', '100', '--out', join(dir, 'int.pdf'));
    // Wait until the browser is really up before pressing Ctrl-C.
    expect(await processesStarted(chromium())).toBeGreaterThan(0);
    process.emit('SIGINT');
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/interrupted/);
    expect(existsSync(join(dir, 'int.pdf'))).toBe(false);
    expect(await processesLeft(chromium())).toBe(0);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('closes the browser when writing the PDF fails', async () => {
    // A folder named as the PDF is refused before printing (output-paths.test.ts); a folder
    // that cannot be made is only found when the printed PDF is written.
    const unwritable = process.getuid?.() === 0 ? '/sys/briefdeck-no/deck.pdf' : '/proc/briefdeck-no/deck.pdf';
    const r = await cli('pdf', join(repoRoot, 'tests/fixtures/never-ready/brief.md'), '--out', unwritable, '-q');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/cannot write into \/(sys|proc)\/briefdeck-no/);
    expect(r.err).not.toMatch(/^\s+at /m);
    expect(await processesLeft(chromium())).toBe(0);
  });

  it('blocks remote and loopback requests during export, lists them, still writes the PDF', async () => {
    const hits: string[] = [];
    const server: Server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('GIF89a');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const text = await readFile(join(repoRoot, 'tests/fixtures/remote-resources/brief.md'), 'utf8');
      const brief = join(dir, 'remote.md');
      await writeFile(brief, text.replace('LOOPBACK_PORT', String(port)));
      const pdf = join(dir, 'remote.pdf');
      const r = await cli('pdf', brief, '--out', pdf, '-q');
      expect(r.code, r.err).toBe(0);
      // build/check-time warnings, with file and line...
      expect(r.err).toMatch(/remote\.md:7: warning: remote resource https:\/\/example\.com\/chart\.png/);
      expect(r.err).toMatch(new RegExp(`remote\\.md:9: warning: remote resource http://127\\.0\\.0\\.1:${port}/pixel\\.gif`));
      expect(r.err).not.toMatch(/rand\.org/);
      // ...and export-time warnings for what the page tried to load.
      expect(r.err).toMatch(/blocked a request outside the deck: https:\/\/example\.com\/chart\.png/);
      expect(r.err).toMatch(new RegExp(`blocked a request outside the deck: http://127\\.0\\.0\\.1:${port}/pixel\\.gif`));
      expect(hits).toEqual([]);
      expect(pdfPages(pdf).join('\n')).toMatch(/Remote things/);

      // The HTML deck opened as a reader would (no interception): its Content-Security-Policy
      // keeps it from loading anything but its own files.
      const out = join(dir, 'html');
      expect((await cli('build', brief, '--out', out, '-q')).code).toBe(0);
      const index = join(out, 'remote/default/index.html');
      expect(await readFile(index, 'utf8')).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'self';[^"]*img-src 'self' data:;[^"]*connect-src 'none'/);
      await withBrowser(await resolveBrowser(), async (browser) => {
        const page = await browser.newPage();
        await page.goto(pathToFileURL(index).href, { waitUntil: 'load' });
        await page.waitForFunction('window.briefdeck && window.briefdeck.ready === true');
        await page.evaluate((p) => fetch(`http://127.0.0.1:${p}/fetch`).catch(() => undefined), port);
      });
      expect(hits).toEqual([]);
      expect(await processesLeft(chromium())).toBe(0);
    } finally {
      server.close();
    }
  });
});
