import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, CDPSession, HTTPRequest, Page } from 'puppeteer';
import { BriefdeckError } from '../kernel/problem.js';
import { defaultTimeoutMs } from '../kernel/run.js';
import { layoutForPrint, marginTemplates, prepareForPrint, revealScripts } from './print-page.js';
import { pageForPrint } from './print-inline.js';
import { noPace, type PrintPace } from './print-pace.js';
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
  /** The page as messages name it, when it is printed from elsewhere (its staging folder). */
  shownAs?: string;
  /**
   * The page needs frames drawn to be ready (a house script that waits for one): it prints in a
   * tab on show. By default only reveal.js's print view does; every other page prints in a tab
   * that draws none (print-tabs.ts).
   */
  frames?: boolean;
  /**
   * For `slide` paper: lay the slides out for print without reveal.js (layoutForPrint), whose
   * scripts then do not load. Only for the built-in deck page, whose reveal settings are known.
   */
  withoutReveal?: boolean;
  /** A batch's pace (print-pace.ts): this page is being made ready until its print is asked for. */
  pace?: PrintPace;
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

/** Tabs already set up for printing (request blocking, policy-violation collector), with the protocol session each prints through. */
const sessions = new WeakMap<Page, CDPSession>();

/**
 * Prints a built page on disk to PDF. For a deck, waits for reveal's `pdf-ready` and the
 * fonts, never a fixed delay. Only the deck's own files load; every other request is
 * blocked and reported.
 */
export async function printDeck(browser: Browser, htmlFile: string, options: PdfOptions = {}): Promise<PdfResult> {
  const timeout = options.timeoutMs ?? defaultTimeoutMs;
  const shownAs = options.shownAs ?? htmlFile;
  const paper = options.paper ?? 'slide';
  // From now until the print is asked for, this page needs Node: said before anything is awaited.
  const madeReady = (options.pace ?? noPace).preparing();
  const tabs = options.tabs ?? printTabs(browser, { reuse: false });
  const withoutReveal = paper === 'slide' && options.withoutReveal === true;
  let page: Page;
  try {
    page = await tabs.take(options.frames ?? (paper === 'slide' && !withoutReveal));
  } catch (error) {
    // No tab, no page to make ready: work waiting on the pace goes on (the finally below is not reached).
    madeReady();
    throw error;
  }
  const blocked: string[] = [];
  // The built-in deck page is handed to the browser with its styles and fonts in it (pageForPrint).
  const served: ServedPage = { url: pathToFileURL(htmlFile).href };
  const onRequest = deckRequestsOnly(htmlFile, blocked, withoutReveal ? revealScripts : [], served);
  let healthy = false;
  // Each step below has its own timeout, but a crashed renderer or a wedged browser can leave
  // a step waiting forever (13 minutes in one try): the whole print races one deadline and
  // the page's crash, whichever comes first.
  const fault = pageFault(browser, page, shownAs, timeout);
  // A page the deck opens (a link with target=_blank clicked by script) runs no script and is closed at once.
  const onPopup = (popup: Page | null) => {
    if (!popup) return;
    blocked.push(`popup ${popup.url()}`);
    void popup.setJavaScriptEnabled(false).catch(() => undefined);
    void popup.close().catch(() => undefined);
  };
  page.on('popup', onPopup);
  try {
    return await Promise.race([
      fault.promise,
      print().catch((cause: unknown) => {
        throw cause instanceof Error && cause.name === 'TimeoutError' ? timedOut(shownAs, timeout, cause) : cause;
      }),
    ]);
  } finally {
    madeReady();
    fault.dispose();
    page.off('popup', onPopup);
    page.off('request', onRequest);
    // A tab of a crashed or wedged browser may never close: not waited for past 5 s.
    let gaveUp: NodeJS.Timeout | undefined;
    await Promise.race([tabs.give(page, healthy).catch(() => undefined), new Promise((done) => (gaveUp = setTimeout(done, 5_000)))]);
    clearTimeout(gaveUp);
  }

  async function print(): Promise<PdfResult> {
    await prepare(page);
    page.on('request', onRequest);
    page.setDefaultTimeout(timeout);
    if (withoutReveal) served.html = await pageForPrint(htmlFile, revealScripts);
    const url = served.url + (paper === 'slide' && !withoutReveal ? '?print-pdf' : '');
    await page.goto(url, { waitUntil: 'load', timeout });
    if (paper === 'slide' && !withoutReveal) await page.waitForFunction('window.briefdeck && window.briefdeck.printReady === true', { timeout });
    // Laid out without reveal and made ready in one script: one round trip to the page, not two.
    const ready = withoutReveal ? `${layoutForPrint};\n${prepareForPrint}` : prepareForPrint;
    const { overflows, refused } = (await page.evaluate(ready)) as { overflows: Overflow[]; refused: string[] };
    for (const url of refused) if (!blocked.includes(url)) blocked.push(url);
    // The print is asked for in this same step: work waiting on the pace starts after, while the browser prints.
    madeReady();
    const pdf = await printToPdf(sessions.get(page)!, paper === 'css' ? marginTemplates(options.banner ?? '', options.footer) : undefined);
    healthy = true;
    return { pdf, blocked, overflows: paper === 'slide' ? overflows : [] };
  }
}

function timedOut(htmlFile: string, timeout: number, cause?: unknown): BriefdeckError {
  return new BriefdeckError('export', `${htmlFile}: the deck did not finish laying out for print within ${timeout / 1000} s (--timeout SECONDS allows longer)`, [], { cause });
}

/**
 * Rejects when printing must stop, whatever the browser is doing: the deadline passes (a
 * timeout error), the page's renderer crashes, or the browser goes away (environment errors).
 * A step's own TimeoutError is turned into the same message.
 */
function pageFault(browser: Browser, page: Page, htmlFile: string, timeout: number): { promise: Promise<never>; dispose: () => void } {
  let fail: (error: BriefdeckError) => void = () => {};
  const promise = new Promise<never>((_, reject) => (fail = reject));
  const deadline = setTimeout(() => fail(timedOut(htmlFile, timeout)), timeout);
  const crashed = () => fail(new BriefdeckError('environment', `${htmlFile}: the browser's page crashed while printing (out of memory, or the renderer was killed); try again, or give the machine more memory`));
  const gone = () => fail(new BriefdeckError('environment', `${htmlFile}: the browser closed while printing (it crashed or was killed); try again`));
  page.on('error', crashed);
  browser.on('disconnected', gone);
  promise.catch(() => undefined); // a fault after the print settled has no one to tell
  return {
    promise,
    dispose: () => {
      clearTimeout(deadline);
      page.off('error', crashed);
      browser.off('disconnected', gone);
    },
  };
}

/** A page given to the browser from memory (`html`, once set) when it asks for `url`, the file the page is. */
export interface ServedPage {
  url: string;
  html?: string;
}

/**
 * A request handler that lets a page load only files in its deck's folder (and data: URLs); the
 * rest are aborted and listed in `blocked`. `skipped` (paths in the folder) are aborted unlisted.
 * The page itself is answered with `served.html` where that is set.
 */
export function deckRequestsOnly(htmlFile: string, blocked: string[], skipped: readonly string[] = [], served?: ServedPage): (request: HTTPRequest) => void {
  const folder = pathToFileURL(dirname(htmlFile)).href + '/';
  const skip = new Set(skipped.map((path) => folder + path));
  return (request) => {
    const url = request.url();
    if (served?.html !== undefined && url === served.url && request.isNavigationRequest()) {
      void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: served.html });
    } else if (skip.has(url)) void request.abort('blockedbyclient');
    else if (url.startsWith(folder) || url.startsWith('data:')) void request.continue();
    else {
      blocked.push(url);
      void request.abort('blockedbyclient');
    }
  };
}

/** Once per tab: every request passes the check in printDeck; policy violations are collected. */
async function prepare(page: Page): Promise<void> {
  if (sessions.has(page)) return;
  // The steps below are independent: sent together, they cost one round trip to the browser, not five.
  const size = page.viewport();
  let session: CDPSession | undefined;
  await Promise.all([
    page.setRequestInterception(true),
    // The deck's own Content-Security-Policy stops remote loads before they reach the
    // interception; collect those too so every blocked URL is reported.
    page.evaluateOnNewDocument(policyWatch),
    // The protocol session the page is printed through (printToPdf).
    page.createCDPSession().then((client) => (session = client)),
    size?.width !== 1920 || size.height !== 1080 ? page.setViewport({ width: 1920, height: 1080 }) : undefined,
  ]);
  // Only once every step is done: a tab half set up is never taken for a prepared one.
  sessions.set(page, session!);
}

/**
 * Chrome's print of the page, as puppeteer's page.pdf asks for it (the same settings, so the
 * same bytes), read back in chunks of up to 16 MB: one or two round trips, where page.pdf's
 * 1 MB reads through a web stream, after waiting for the fonts once more, took 7-16 ms longer
 * for a 20-slide deck (issue 19). The fonts have loaded by now (prepareForPrint), and the
 * whole print is bounded by printDeck's deadline. `margins`: the header and footer of a
 * `css` page; a slide page is 1920x1080 CSS pixels (20 x 11.25 inches), a `css` page the size
 * its own `@page` rule gives (the letter size named here is Chrome's fallback).
 */
async function printToPdf(session: CDPSession, margins?: { headerTemplate: string; footerTemplate: string }): Promise<Uint8Array> {
  const { stream } = await session.send('Page.printToPDF', {
    transferMode: 'ReturnAsStream',
    landscape: false,
    displayHeaderFooter: margins !== undefined,
    headerTemplate: margins?.headerTemplate ?? '',
    footerTemplate: margins?.footerTemplate ?? '',
    printBackground: true,
    scale: 1,
    paperWidth: margins ? 8.5 : 1920 / 96,
    paperHeight: margins ? 11 : 1080 / 96,
    marginTop: 0,
    marginBottom: 0,
    marginLeft: 0,
    marginRight: 0,
    pageRanges: '',
    preferCSSPageSize: true,
    generateTaggedPDF: true,
    generateDocumentOutline: false,
  });
  if (!stream) throw new Error('Chrome printed no PDF stream');
  const chunks: Buffer[] = [];
  try {
    for (;;) {
      const chunk = await session.send('IO.read', { handle: stream, size: 16 * 1024 * 1024 });
      chunks.push(Buffer.from(chunk.data, chunk.base64Encoded ? 'base64' : 'utf8'));
      if (chunk.eof) break;
    }
  } finally {
    await session.send('IO.close', { handle: stream }).catch(() => undefined);
  }
  const pdf = Buffer.concat(chunks);
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}

/** Runs in the page before its own scripts: collects what the deck's policy refused, and blocks sockets and popups. */
function policyWatch(): void {
  const seen: string[] = [];
  (window as unknown as { briefdeckBlocked: string[] }).briefdeckBlocked = seen;
  document.addEventListener('securitypolicyviolation', (e) => seen.push(e.blockedURI));
  // A template is trusted code, but what it runs during export reaches nothing: no
  // WebSocket (request interception never sees one) and no popup (one stalled printing).
  const w = window as unknown as { WebSocket: unknown; open: unknown };
  w.WebSocket = function blockedWebSocket(url: unknown) {
    seen.push(`WebSocket ${String(url)}`);
    throw new DOMException('briefdeck blocks WebSocket connections during export', 'SecurityError');
  };
  w.open = function blockedPopup(url?: unknown) {
    seen.push(`window.open ${String(url ?? 'about:blank')}`);
    return null;
  };
  // A link that opens another window (target=_blank), clicked by a user or by script.
  const opensWindow = (a: HTMLAnchorElement | HTMLAreaElement) => a.target !== '' && !['_self', '_top', '_parent'].includes(a.target.toLowerCase());
  const ownClick = HTMLElement.prototype.click;
  HTMLAnchorElement.prototype.click = function blockedClick(this: HTMLAnchorElement) {
    if (opensWindow(this)) seen.push(`popup ${this.href}`);
    else ownClick.call(this);
  };
  window.addEventListener(
    'click',
    (e) => {
      const link = (e.target as Element | null)?.closest?.('a[target], area[target]') as HTMLAnchorElement | null;
      if (link && opensWindow(link)) {
        e.preventDefault();
        seen.push(`popup ${link.href}`);
      }
    },
    true,
  );
}
