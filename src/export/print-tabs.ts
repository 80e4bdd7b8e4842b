import type { Browser, Page } from 'puppeteer';

/**
 * Browser tabs kept open for the whole batch: opening a tab and switching on request
 * blocking costs about as much as laying out a short deck, so each print takes an idle
 * tab (the one the browser opened at start first) and gives it back when done. A tab
 * that failed is closed, never reused.
 *
 * Each tab has a window of its own: Chrome hides every tab but the newest in a window
 * and stops drawing frames in hidden ones, so tabs sharing a window would wait on each
 * other (reveal.js lays out print pages frame by frame) instead of printing in parallel.
 */
export interface PrintTabs {
  take(): Promise<Page>;
  give(page: Page, healthy: boolean): Promise<void>;
}

/** Tabs for one browser; `reuse: false` opens and closes a tab per print. */
export function printTabs(browser: Browser, reuse = true): PrintTabs {
  const idle: Page[] = [];
  let startTab: Promise<Page | undefined> | undefined = reuse ? browser.pages().then((pages) => pages[0]) : undefined;
  return {
    async take() {
      // Taken synchronously, so two prints starting together never share the start tab.
      const start = startTab;
      startTab = undefined;
      return (start && (await start)) ?? idle.pop() ?? openWindow(browser);
    },
    async give(page, healthy) {
      if (reuse && healthy && !page.isClosed()) idle.push(page);
      else await closeWindow(browser, page);
    },
  };
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
