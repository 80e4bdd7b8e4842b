import type { Browser, Page, Target } from 'puppeteer';

/**
 * Browser tabs kept open for the whole batch: opening a tab and switching on request
 * blocking costs about as much as laying out a short deck, so each print takes an idle
 * tab and gives it back when done. A tab that failed is closed, never reused.
 *
 * Two kinds. A page laid out by reveal.js needs frames drawn (reveal lays out its print view
 * frame by frame), and Chrome draws frames only for a tab on show: each such tab has a window
 * of its own (the one the browser opened at start first), since Chrome hides every tab but
 * the newest in a window, and tabs sharing one would wait on each other instead of printing
 * in parallel. Every other page prints in a tab that draws no frames (openQuietTab): Chrome
 * laid out and painted each deck once more for a screen no one sees, 0.06-0.08 s of CPU a
 * print, for the same PDF (issue 19).
 */
export interface PrintTabs {
  /** An idle tab: on show (`onShow`, for a page that waits for frames), or one that draws none (openQuietTab). */
  take(onShow: boolean): Promise<Page>;
  give(page: Page, healthy: boolean): Promise<void>;
}

export interface PrintTabsOptions {
  /** false: a tab is opened for each print and closed after it. */
  reuse?: boolean;
  /** Quiet tabs opened ahead (startBrowser's `quietTabs`): taken first, in order. */
  ahead?: Promise<Page | undefined>[];
}

/** Tabs for one browser. */
export function printTabs(browser: Browser, { reuse = true, ahead = [] }: PrintTabsOptions = {}): PrintTabs {
  const idle = { shown: [] as Page[], quiet: [] as Page[] };
  const quiet = new WeakSet<Page>();
  let startTab: Promise<Page | undefined> | undefined = reuse ? browser.pages().then((pages) => pages[0]) : undefined;
  const opened = reuse ? [...ahead] : [];
  return {
    async take(onShow) {
      if (onShow) {
        // Taken synchronously, so two prints starting together never share the start tab.
        const start = startTab;
        startTab = undefined;
        return (start && (await start)) ?? idle.shown.pop() ?? openWindow(browser);
      }
      // Taken synchronously, as the start tab is.
      const early = opened.shift();
      const page = (early && (await early)) ?? idle.quiet.pop() ?? (await openQuietTab(browser));
      quiet.add(page);
      return page;
    },
    async give(page, healthy) {
      if (reuse && healthy && !page.isClosed()) (quiet.has(page) ? idle.quiet : idle.shown).push(page);
      else if (quiet.has(page)) await page.close().catch(() => undefined);
      else await closeWindow(browser, page);
    },
  };
}

/**
 * A new tab that draws no frames: a page printed without reveal.js needs none. Chrome draws
 * none for a tab in the background; its headless shell, which has no windows and so no
 * background, draws none for a tab whose frames the protocol asks for (and it asks for none).
 * Each ignores the other's way, so a tab is opened with both; a browser that refuses the
 * second gets a background tab, and a puppeteer that hides the ids of its targets (by which
 * it finds a tab it opened, as its own newPage does) its own background tab.
 */
export async function openQuietTab(browser: Browser): Promise<Page> {
  const idOf = (target: Target) => (target as unknown as { _targetId?: unknown })._targetId;
  if (typeof idOf(browser.target()) !== 'string') return browser.newPage({ background: true });
  const session = await browser.target().createCDPSession();
  let targetId: string;
  try {
    const open = (frames: { enableBeginFrameControl?: boolean }) => session.send('Target.createTarget', { url: 'about:blank', background: true, ...frames });
    ({ targetId } = await open({ enableBeginFrameControl: true }).catch(() => open({})));
  } finally {
    await session.detach().catch(() => undefined);
  }
  const target = await browser.waitForTarget((t) => idOf(t) === targetId);
  const page = await target.page();
  if (!page) throw new Error(`the browser opened a tab (${targetId}) that is not a page`);
  return page;
}

/** A new tab in a window (and browser context) of its own. */
async function openWindow(browser: Browser): Promise<Page> {
  const context = await browser.createBrowserContext();
  return context.newPage();
}

async function closeWindow(browser: Browser, page: Page): Promise<void> {
  const context = page.browserContext();
  if (context === browser.defaultBrowserContext()) await page.close().catch(() => undefined);
  else await context.close().catch(() => undefined);
}
