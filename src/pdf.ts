import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, HTTPRequest } from 'puppeteer';
import { BriefdeckError } from './problem.js';

export interface PdfOptions {
  /** Gives up on a deck that does not lay out in this time. */
  timeoutMs?: number;
  /**
   * `slide`: reveal.js's print view, one 1920x1080 page per slide. `css`: a plain page
   * printed at the size its own `@page` rule names (the handout).
   */
  paper?: 'slide' | 'css';
}

/** A slide whose content does not fit its canvas: clipped in the PDF, never split. */
export interface Overflow {
  /** 1-based slide number. */
  number: number;
  id: string;
  /** How far the content runs past the canvas, in CSS pixels. */
  pixels: number;
}

export interface PdfResult {
  pdf: Uint8Array;
  /** Requests the page tried to make outside the deck's folder, all blocked. */
  blocked: string[];
  overflows: Overflow[];
}

/**
 * Prints a built page on disk to PDF. For a deck, waits for reveal's `pdf-ready` and the
 * fonts, never a fixed delay. Only the deck's own files load; every other request is
 * blocked and reported.
 */
export async function printDeck(browser: Browser, htmlFile: string, options: PdfOptions = {}): Promise<PdfResult> {
  const timeout = options.timeoutMs ?? 60_000;
  const paper = options.paper ?? 'slide';
  const page = await browser.newPage();
  const blocked: string[] = [];
  const folder = pathToFileURL(dirname(htmlFile)).href + '/';
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
    const url = pathToFileURL(htmlFile).href + (paper === 'slide' ? '?print-pdf' : '');
    await page.goto(url, { waitUntil: 'load' });
    if (paper === 'slide') await page.waitForFunction('window.briefdeck && window.briefdeck.printReady === true', { timeout });
    await page.evaluate('document.fonts.ready.then(() => true)');
    const overflows = paper === 'slide' ? ((await page.evaluate(findOverflows)) as Overflow[]) : [];
    const size = paper === 'slide' ? { width: '1920px', height: '1080px' } : {};
    const pdf = await page.pdf({
      ...size,
      margin: { top: 0, right: 0, bottom: 0, left: 0 },
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: false,
      timeout,
    });
    const refused = await page.evaluate('window.briefdeckBlocked || []').catch(() => []);
    for (const url of refused as string[]) if (!blocked.includes(url)) blocked.push(url);
    return { pdf, blocked, overflows };
  } catch (cause) {
    if (cause instanceof Error && cause.name === 'TimeoutError') {
      throw new BriefdeckError('export', `${htmlFile}: the deck did not finish laying out for print within ${timeout / 1000} s (--timeout SECONDS allows longer)`, [], { cause });
    }
    throw cause;
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Runs in the page: slides whose frame content is taller or wider than the canvas allows. */
const findOverflows = `[...document.querySelectorAll('section.bd-slide')].flatMap((section, i) => {
  const frame = section.querySelector('.bd-frame');
  if (!frame) return [];
  const pixels = Math.max(frame.scrollHeight - frame.clientHeight, frame.scrollWidth - frame.clientWidth);
  return pixels > 1 ? [{ number: i + 1, id: section.id, pixels }] : [];
})`;
