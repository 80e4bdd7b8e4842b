import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, framesIn300ms, pdfPages, tempDir } from './helpers.js';
import { resolveBrowser, withBrowser } from '../src/export/browser.js';
import { printDeck, type PdfResult } from '../src/export/pdf.js';
import { printTabs } from '../src/export/print-tabs.js';
import { houseScript, loadTemplateSet, revealOnlyPage } from '../src/load/template-set.js';

/**
 * The built-in deck page is printed without reveal.js (export/print-page.ts, layoutForPrint):
 * its pages must be reveal's print view's, pixel for pixel, or the shortcut is wrong.
 */
describe('printing a deck without reveal.js', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let html: string;
  const printed: Record<'reveal' | 'static', PdfResult & { requests: string[]; reveal: string; frames: number }> = {} as never;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    // The deck with every layout (a chart, a table, a quote, an image, Japanese text), as a draft.
    const built = await cli('build', 'tests/fixtures/every-layout', '--out', dir, '--draft', '--quiet');
    expect(built.code, built.err).toBe(0);
    html = join(dir, 'every-layout/staff/index.html');
    await withBrowser(await resolveBrowser(), async (browser) => {
      const tabs = printTabs(browser);
      for (const [kind, withoutReveal] of [['reveal', false], ['static', true]] as const) {
        const page = await tabs.take(!withoutReveal);
        const requests: string[] = [];
        const onRequest = (r: { url(): string }) => requests.push(r.url());
        page.on('request', onRequest);
        await tabs.give(page, true);
        const result = await printDeck(browser, html, { tabs, withoutReveal });
        page.off('request', onRequest);
        // The tab still holds the printed page: was reveal.js running in it?
        const again = await tabs.take(!withoutReveal);
        printed[kind] = { ...result, requests, reveal: String(await again.evaluate('typeof Reveal')), frames: await again.evaluate(framesIn300ms) };
        await tabs.give(again, true);
      }
    });
    for (const kind of ['reveal', 'static'] as const) await writeFile(join(dir, `${kind}.pdf`), printed[kind].pdf);
  }, 120_000);
  afterAll(() => cleanup());

  it('gives the same pages as reveal.js’s print view, pixel for pixel, with the same text', async () => {
    const raster = async (kind: string) => {
      execFileSync('pdftoppm', ['-r', '30', '-png', join(dir, `${kind}.pdf`), join(dir, kind)]);
      const files = (await readdir(dir)).filter((f) => f.startsWith(`${kind}-`) && f.endsWith('.png')).sort();
      return Promise.all(files.map((f) => readFile(join(dir, f))));
    };
    const [reveal, still] = [await raster('reveal'), await raster('static')];
    expect(reveal.length).toBeGreaterThan(10);
    expect(still.length).toBe(reveal.length);
    const differing = reveal.map((png, i) => (png.equals(still[i]!) ? undefined : i + 1)).filter((n) => n !== undefined);
    expect(differing).toEqual([]);
    expect(pdfPages(join(dir, 'static.pdf'))).toEqual(pdfPages(join(dir, 'reveal.pdf')));
    expect(printed.static.overflows).toEqual(printed.reveal.overflows);
  });

  it('runs none of reveal’s scripts, and does not report them as blocked requests', () => {
    expect(printed.reveal.reveal).not.toBe('undefined');
    expect(printed.static.reveal).toBe('undefined');
    // The page the browser is given does not name them (pageForPrint); reveal's print view loads them.
    expect(printed.static.requests.some((u) => u.endsWith('/assets/reveal/reveal.js'))).toBe(false);
    expect(printed.reveal.requests.some((u) => u.endsWith('/assets/reveal/reveal.js'))).toBe(true);
    expect(printed.static.blocked).toEqual([]);
    expect(printed.reveal.blocked).toEqual([]);
  });

  it('hands the browser the page with its stylesheets and fonts in it: it asks for none of those files', () => {
    const styled = (requests: string[]) => requests.filter((u) => u.startsWith('file:') && /\.(css|woff2)$/.test(u));
    expect(styled(printed.static.requests)).toEqual([]);
    // reveal's print view loads the page from its files, as a reader's browser does.
    expect(styled(printed.reveal.requests).length).toBeGreaterThanOrEqual(5);
  });

  it('prints in a tab that draws no frames for the screen; reveal.js, which waits for frames, in a tab that does', () => {
    expect(printed.static.frames).toBe(0);
    expect(printed.reveal.frames).toBeGreaterThan(3);
  });

  it('prints a house handout or memo page with a script of its own in a tab that draws frames', async () => {
    const builtIn = await loadTemplateSet();
    expect(houseScript(builtIn.handout)).toBe(false);
    expect(houseScript(builtIn.memo)).toBe(false);
    const { dir: house, cleanup: done } = await tempDir();
    try {
      await writeFile(join(house, 'handout.hbs'), builtIn.handout!.text.replace('</body>', '<script>requestAnimationFrame(() => {})</script></body>'));
      await writeFile(join(house, 'memo.hbs'), builtIn.memo!.text);
      const set = await loadTemplateSet([house]);
      expect(houseScript(set.handout)).toBe(true);
      // A house page without a script prints as briefdeck's own does.
      expect(houseScript(set.memo)).toBe(false);
    } finally {
      await done();
    }
  });

  it('is used only for a page reveal.js alone lays out: not for a house deck.hbs or a house script', async () => {
    expect(revealOnlyPage(await loadTemplateSet())).toBe(true);
    const { dir: house, cleanup: done } = await tempDir();
    try {
      await writeFile(join(house, 'deck.hbs'), (await loadTemplateSet()).shell.text);
      expect(revealOnlyPage(await loadTemplateSet([house]))).toBe(false);
      const { dir: scripted, cleanup: done2 } = await tempDir();
      try {
        const { mkdir } = await import('node:fs/promises');
        await mkdir(join(scripted, 'layouts'));
        await writeFile(join(scripted, 'layouts', 'bullets.hbs'), '<div>{{{slide.bodyHtml}}}</div><script>Reveal.on("pdf-ready", () => {})</script>');
        expect(revealOnlyPage(await loadTemplateSet([scripted]))).toBe(false);
      } finally {
        await done2();
      }
    } finally {
      await done();
    }
  });
});
