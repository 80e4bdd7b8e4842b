import { afterAll, describe, expect, it } from 'vitest';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { processesLeft, repoRoot, tempDir } from './helpers.js';
import { serveDeck, type DeckServer } from '../src/commands/serve.js';
import { resolveBrowser, withBrowser } from '../src/export/browser.js';

/** Polls `check` in the page until it holds; gives up after 15 s and says what it waited for. */
async function waitInPage(page: Page, what: string, check: string): Promise<void> {
  await page.waitForFunction(check, { timeout: 15_000, polling: 100 }).catch((cause: unknown) => {
    throw new Error(`page never showed: ${what}`, { cause });
  });
}

const ready = 'window.briefdeck && briefdeck.ready';
// After a reload: reveal.js started and the live script put the saved slide back. A save
// can reach the server as two writes and so two rebuilds and reloads: wait for the last.
const settledOn = (h: number, text: string) =>
  `window.briefdeckSettled === true && Reveal.getIndices().h === ${h} && document.querySelector('section.present').textContent.includes(${JSON.stringify(text)})`;
const index = 'Reveal.getIndices().h';

describe('briefdeck serve in a real browser', () => {
  // One Chromium for the whole file; its profile folder carries this process's id, so the
  // leftover check counts only ours (other test files print in parallel).
  afterAll(async () => expect(await processesLeft(`briefdeck-chromium-${process.pid}-`)).toBe(0));

  it('reloads on the slide being viewed, overlays a broken brief with file:line, and recovers', async () => {
    const t = await tempDir();
    const brief = join(t.dir, 'brief.md');
    await copyFile(join(repoRoot, 'tests/fixtures/serve/brief.md'), brief);
    const text = await readFile(brief, 'utf8');
    let server: DeckServer | undefined;
    const errors: string[] = [];
    try {
      server = await serveDeck(brief, { port: 0, cwd: t.dir, debounceMs: 50 });
      await withBrowser(await resolveBrowser(), async (browser) => {
        // Export's browser has no network (browser.ts); this page reaches the live server directly.
        const page = await (await browser.createBrowserContext({ proxyServer: 'direct://' })).newPage();
        page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
        page.on('pageerror', (e) => void errors.push(String(e)));
        await page.goto(server!.url, { waitUntil: 'load' });
        await waitInPage(page, 'reveal.js ready', ready);
        // Wait for the live connection, so the edit below cannot slip in before it opens.
        await waitInPage(page, 'the live connection', 'window.briefdeckLive && briefdeckLive.readyState === 1');
        await page.evaluate('Reveal.slide(2)');
        expect(await page.evaluate('document.querySelector("section.present").textContent')).toContain('Text before the edit');

        // An edit reloads the page with the new text, still on the third slide, even though
        // renaming the slide changed the id reveal.js keeps in the URL.
        await page.evaluate('window.beforeReload = true');
        await writeFile(brief, text.replace('## Point under edit\n- Text before the edit', '## Point renamed\n- Text after the edit'));
        await waitInPage(page, 'the edited text after a reload', '!window.beforeReload && document.body.textContent.includes("Text after the edit")');
        await waitInPage(page, 'the third slide again after the reload', settledOn(2, 'Text after the edit'));
        expect(await page.evaluate(index)).toBe(2);
        expect(await page.evaluate('document.querySelector("section.present").textContent')).toContain('Text after the edit');

        // A broken brief: an overlay names the file and line; the deck underneath stays.
        const broken = text.replace('## Point under edit', '## Point under edit {layout=nonsense}');
        const line = broken.split('\n').findIndex((l) => l.includes('nonsense')) + 1;
        await writeFile(brief, broken);
        await waitInPage(page, 'the problems overlay', `document.getElementById('briefdeck-problems')?.textContent.includes('brief.md:${line}:')`);
        expect(await page.$eval('#briefdeck-problems', (e) => e.textContent)).toMatch(/unknown layout "nonsense"/);

        // Fixed again: the overlay goes and the deck reloads with the fix, on the same slide.
        await page.evaluate('window.beforeReload = true');
        await writeFile(brief, text.replace('Text before the edit', 'Text after the fix'));
        await waitInPage(page, 'the fixed deck after a reload', '!window.beforeReload && document.body.textContent.includes("Text after the fix")');
        await waitInPage(page, 'the third slide again after the fix', settledOn(2, 'Text after the fix'));
        expect(await page.$('#briefdeck-problems')).toBeNull();
        expect(await page.evaluate(index)).toBe(2);
        expect(await page.evaluate('document.querySelector("section.present").textContent')).toContain('Text after the fix');
      });
    } finally {
      await server?.close();
      await t.cleanup();
    }
    expect(errors).toEqual([]);
  }, 90_000);
});
