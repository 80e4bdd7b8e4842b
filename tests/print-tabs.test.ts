import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, framesIn300ms, tempDir } from './helpers.js';
import { resolveBrowser, startBrowser, withBrowser } from '../src/export/browser.js';
import { layoutForPrint, prepareForPrint } from '../src/export/print-page.js';
import { printDeck } from '../src/export/pdf.js';
import { openQuietTab, printTabs } from '../src/export/print-tabs.js';

/** The command lines of every process this test process started, and theirs, down the tree (Linux). */
function descendantCommandLines(): string[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The parent is the 2nd field after the command name, which may hold spaces and brackets.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while being listed
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...parentOf.keys()].filter(ours).flatMap((pid) => {
    try {
      return [readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')];
    } catch {
      return [];
    }
  });
}

describe('print tabs', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let html: string;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    const built = await cli('build', 'tests/fixtures/every-layout', '--out', dir, '--draft', '--quiet');
    expect(built.code, built.err).toBe(0);
    html = join(dir, 'every-layout/staff/index.html');
  }, 60_000);
  afterAll(() => cleanup());

  it('loads every font the page declares before it measures or prints, in a tab that has drawn nothing', async () => {
    await withBrowser(await resolveBrowser(), async (browser) => {
      const page = await openQuietTab(browser);
      const faces = () => page.evaluate(() => [...document.fonts].map((f) => `${f.family} ${f.weight} ${f.style}: ${f.status}`));
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      await page.evaluate(layoutForPrint);
      // What the print used to wait for: the faces a layout had asked for by then, and no more.
      await page.evaluate(() => document.fonts.ready);
      const waited = await faces();
      expect(waited.some((f) => !f.endsWith(': loaded')), waited.join('\n')).toBe(true);
      await page.evaluate(prepareForPrint);
      const after = await faces();
      expect(after.length).toBeGreaterThan(3);
      expect(after.filter((f) => !f.endsWith(': loaded'))).toEqual([]);
    });
  }, 60_000);

  it('prints with a quiet tab opened while the deck still renders, and with no window of Chrome’s own (the address bar’s popup)', async () => {
    // Chrome itself, where there are windows (and background tabs, and the popup) at all; the
    // headless shell briefdeck prefers has none, and prints in the other tests.
    const chrome = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : await resolveBrowser();
    const started = startBrowser(chrome, undefined, { quietTabs: 1 });
    started.openQuietTabs(2);
    await withBrowser(started, async (browser, { quietTabs }) => {
      expect(quietTabs).toHaveLength(2);
      const [ahead, second] = await Promise.all(quietTabs);
      expect(ahead).toBeDefined();
      expect(second).toBeDefined();
      expect(second).not.toBe(ahead);
      const tabs = printTabs(browser, { ahead: quietTabs });
      const result = await printDeck(browser, html, { tabs, withoutReveal: true });
      expect(result.pdf.byteLength).toBeGreaterThan(10_000);
      // The tabs opened ahead are taken first, in order, then the idle ones: the first print had the first.
      expect(await tabs.take(false)).toBe(second);
      const taken = await tabs.take(false);
      expect(taken).toBe(ahead);
      expect(await taken.evaluate('document.title')).not.toBe('');
      // It draws no frames (a background tab in Chrome; frames left to the protocol in the headless shell).
      const frames = await taken.evaluate(framesIn300ms);
      expect(frames).toBe(0);
      await tabs.give(taken, true);
      // While quiet tabs sit in its window, the start tab, on show for reveal.js, still draws.
      const shown = await tabs.take(true);
      expect(await shown.evaluate(framesIn300ms)).toBeGreaterThan(3);
      await tabs.give(shown, true);
      const running = descendantCommandLines();
      expect(running.some((c) => c.includes('--type=renderer'))).toBe(true);
      expect(running.filter((c) => c.includes('--top-chrome-webui'))).toEqual([]);
    });
  }, 60_000);
});
