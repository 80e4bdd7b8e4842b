import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, HTTPRequest } from 'puppeteer';
import { writeFileAtomic } from './output.js';
import { BriefdeckError } from './problem.js';

export interface PdfOptions {
  /** Gives up on a deck that does not lay out in this time. */
  timeoutMs?: number;
}

export interface PdfResult {
  pdf: Uint8Array;
  /** Requests the page tried to make outside the deck's folder, all blocked. */
  blocked: string[];
}

/**
 * Prints a built deck (index.html on disk) to PDF: reveal.js's print view, one 16:9 page
 * per slide. Waits for reveal's `pdf-ready` and the fonts, never a fixed delay. Only the
 * deck's own files load; every other request is blocked and reported.
 */
export async function printDeck(browser: Browser, indexHtml: string, options: PdfOptions = {}): Promise<PdfResult> {
  const timeout = options.timeoutMs ?? 60_000;
  const page = await browser.newPage();
  const blocked: string[] = [];
  const folder = pathToFileURL(dirname(indexHtml)).href + '/';
  try {
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      const url = request.url();
      if (url.startsWith(folder) || url.startsWith('data:')) void request.continue();
      else {
        blocked.push(url);
        void request.abort('blockedbyclient');
      }
    });
    // The deck's own Content-Security-Policy stops remote loads before they reach the
    // interception above; collect those too so every blocked URL is reported.
    await page.evaluateOnNewDocument(() => {
      const seen: string[] = [];
      (window as unknown as { briefdeckBlocked: string[] }).briefdeckBlocked = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.blockedURI));
    });
    page.setDefaultTimeout(timeout);
    await page.setViewport({ width: 1920, height: 1080 });
    await page.goto(`${pathToFileURL(indexHtml).href}?print-pdf`, { waitUntil: 'load' });
    await page.waitForFunction('window.briefdeck && window.briefdeck.printReady === true', { timeout });
    await page.evaluate('document.fonts.ready.then(() => true)');
    const pdf = await page.pdf({
      width: '1920px',
      height: '1080px',
      margin: { top: 0, right: 0, bottom: 0, left: 0 },
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: false,
      timeout,
    });
    const refused = await page.evaluate('window.briefdeckBlocked || []').catch(() => []);
    for (const url of refused as string[]) if (!blocked.includes(url)) blocked.push(url);
    return { pdf, blocked };
  } catch (cause) {
    if (cause instanceof Error && cause.name === 'TimeoutError') {
      throw new BriefdeckError('export', `${indexHtml}: the deck did not finish laying out for print within ${timeout / 1000} s (--timeout SECONDS allows longer)`, [], { cause });
    }
    throw cause;
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Prints a deck and writes the PDF atomically. */
export async function writePdf(browser: Browser, indexHtml: string, pdfPath: string, options?: PdfOptions): Promise<PdfResult> {
  const result = await printDeck(browser, indexHtml, options);
  await writeFileAtomic(pdfPath, result.pdf);
  return result;
}
