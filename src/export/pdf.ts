import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, HTTPRequest, Page } from 'puppeteer';
import { BriefdeckError } from '../kernel/problem.js';
import { marginTemplates, prepareForPrint } from './print-page.js';
import { printTabs, type PrintTabs } from './print-tabs.js';

export interface PdfOptions {
  /** Gives up on a deck that does not lay out in this time. */
  timeoutMs?: number;
  /**
   * `slide`: reveal.js's print view, one 1920x1080 page per slide. `css`: a plain page
   * printed at the size its own `@page` rule names (the handout).
   */
  paper?: 'slide' | 'css';
  /** For `css` paper: the marking printed in the top and bottom margin of every page (page numbers go bottom right). */
  banner?: string;
  /** With `paper: 'css'`: the house style's footer line, in the bottom margin of every page. */
  footer?: string;
  /** Tabs shared by a batch (see print-tabs.ts); without, a tab is opened for this print. */
  tabs?: PrintTabs;
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

/** Tabs already set up for printing (request blocking, policy-violation collector). */
const prepared = new WeakSet<Page>();

/**
 * Prints a built page on disk to PDF. For a deck, waits for reveal's `pdf-ready` and the
 * fonts, never a fixed delay. Only the deck's own files load; every other request is
 * blocked and reported.
 */
export async function printDeck(browser: Browser, htmlFile: string, options: PdfOptions = {}): Promise<PdfResult> {
  const timeout = options.timeoutMs ?? 60_000;
  const paper = options.paper ?? 'slide';
  const tabs = options.tabs ?? printTabs(browser, false);
  const page = await tabs.take();
  const blocked: string[] = [];
  const onRequest = deckRequestsOnly(htmlFile, blocked);
  let healthy = false;
  try {
    await prepare(page);
    page.on('request', onRequest);
    page.setDefaultTimeout(timeout);
    const url = pathToFileURL(htmlFile).href + (paper === 'slide' ? '?print-pdf' : '');
    await page.goto(url, { waitUntil: 'load', timeout });
    if (paper === 'slide') await page.waitForFunction('window.briefdeck && window.briefdeck.printReady === true', { timeout });
    const { overflows, refused } = (await page.evaluate(prepareForPrint)) as { overflows: Overflow[]; refused: string[] };
    for (const url of refused) if (!blocked.includes(url)) blocked.push(url);
    const pdf = await page.pdf({
      ...(paper === 'slide' ? { width: '1920px', height: '1080px' } : {}),
      ...(paper === 'css' ? { displayHeaderFooter: true, ...marginTemplates(options.banner ?? '', options.footer) } : {}),
      margin: { top: 0, right: 0, bottom: 0, left: 0 },
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: false,
      timeout,
    });
    healthy = true;
    return { pdf, blocked, overflows: paper === 'slide' ? overflows : [] };
  } catch (cause) {
    if (cause instanceof Error && cause.name === 'TimeoutError') {
      throw new BriefdeckError('export', `${htmlFile}: the deck did not finish laying out for print within ${timeout / 1000} s (--timeout SECONDS allows longer)`, [], { cause });
    }
    throw cause;
  } finally {
    page.off('request', onRequest);
    await tabs.give(page, healthy);
  }
}

/** A request handler that lets a page load only files in its deck's folder (and data: URLs); the rest are aborted and listed in `blocked`. */
export function deckRequestsOnly(htmlFile: string, blocked: string[]): (request: HTTPRequest) => void {
  const folder = pathToFileURL(dirname(htmlFile)).href + '/';
  return (request) => {
    const url = request.url();
    if (url.startsWith(folder) || url.startsWith('data:')) void request.continue();
    else {
      blocked.push(url);
      void request.abort('blockedbyclient');
    }
  };
}

/** Once per tab: every request passes the check in printDeck; policy violations are collected. */
async function prepare(page: Page): Promise<void> {
  if (prepared.has(page)) return;
  await page.setRequestInterception(true);
  // The deck's own Content-Security-Policy stops remote loads before they reach the
  // interception; collect those too so every blocked URL is reported.
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { briefdeckBlocked: string[] }).briefdeckBlocked = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.blockedURI));
  });
  const size = page.viewport();
  if (size?.width !== 1920 || size.height !== 1080) await page.setViewport({ width: 1920, height: 1080 });
  prepared.add(page);
}
