import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pLimit from 'p-limit';
import type { Browser } from 'puppeteer';
import { resolveBrowser, withBrowser } from './browser.js';
import { formatMarking } from '../load/marking.js';
import { printDeck, type PdfResult } from './pdf.js';
import { describePdf, finishPdf } from './pdf-metadata.js';
import { writeFileAtomic } from '../write/output.js';
import { printTabs, type PrintTabs } from './print-tabs.js';
import { silentProgress, type Progress } from '../kernel/progress.js';
import { handoutFile } from '../render/html/handout.js';
import { printMemo } from './memo-pdf.js';
import type { Logger } from '../kernel/logger.js';
import { version as briefdeckVersion } from '../kernel/version.js';
import type { BuiltVersion } from '../model.js';

export interface ExportOptions {
  /** For one deck and one audience: the PDF file to write. */
  pdfPath?: string;
  browser?: string;
  /** Pages printed at once (default: the number of CPUs). */
  jobs?: number;
  /** Also print the read-ahead handout (`handout.html`, built beside index.html). */
  handout?: boolean;
  /** Print each version's slides PDF (default); false when only the memo is asked for. */
  deckPdfs?: boolean;
  /** Also print the read-ahead memo (`memo.html`, built beside index.html). */
  memoPdf?: boolean;
  /** For one deck and one audience: the memo file to write (`memo --out`). */
  memoPath?: string;
  log: Logger;
  progress?: Progress;
  /** How long one deck may take to lay out for print. */
  timeoutMs?: number;
  /** Aborting (Ctrl-C) closes the browser and stops the export. */
  signal?: AbortSignal;
}

/**
 * Export stage: prints every built version with one browser, a bounded number of pages
 * at once. Each PDF is finished (metadata, bookmarks, fixed dates) before it is written.
 * The browser is closed on every path; a failure stops queued work and is rethrown.
 * (`pdf --out FILE` for several versions is refused earlier, in the pipeline, before anything is built.)
 */
export async function exportVersions(built: BuiltVersion[], outRoot: string, options: ExportOptions): Promise<void> {
  const progress = options.progress ?? silentProgress;
  const jobs = options.jobs ?? availableParallelism();
  const tasks = built.flatMap((v) => [
    ...(options.deckPdfs !== false ? [() => exportDeck(v)] : []),
    ...(options.handout ? [() => exportHandout(v)] : []),
    ...(options.memoPdf ? [() => exportMemo(v)] : []),
  ]);
  const executable = await resolveBrowser(options.browser);
  let browser: Browser;
  let tabs: PrintTabs;

  const exportDeck = async (v: BuiltVersion) => {
    const path = options.pdfPath ? resolve(options.pdfPath) : join(outRoot, v.deck, `${v.deck}-${v.audience}.pdf`);
    const started = performance.now();
    const result = await printDeck(browser, v.htmlPath, { timeoutMs: options.timeoutMs, tabs });
    report(v, result, options.log);
    const pdf = await finishPdf(result.pdf, describePdf(v.plan, generator()), v.plan);
    await writeFileAtomic(path, pdf);
    v.pdfPath = path;
    v.pdfMs = performance.now() - started;
    options.log.info(`${v.deck}/${v.audience}: PDF ${v.slides} pages in ${(v.pdfMs / 1000).toFixed(1)} s -> ${path}`);
    progress.advance(`${v.deck}/${v.audience}`);
  };
  const exportHandout = async (v: BuiltVersion) => {
    // Beside the slides PDF: `--out brief.pdf` gives `brief-handout.pdf`.
    const path = options.pdfPath ? resolve(options.pdfPath).replace(/(\.pdf)?$/i, '-handout.pdf') : join(outRoot, v.deck, `${v.deck}-${v.audience}-handout.pdf`);
    const banner = v.plan.marking ? formatMarking(v.plan.marking) : undefined;
    const result = await printDeck(browser, join(dirname(v.htmlPath), handoutFile), { paper: 'css', banner, timeoutMs: options.timeoutMs, tabs });
    const pdf = await finishPdf(result.pdf, describePdf(v.plan, generator(), 'handout'), v.plan, 'handout');
    await writeFileAtomic(path, pdf);
    v.handoutPath = path;
    options.log.info(`${v.deck}/${v.audience}: handout -> ${path}`);
    progress.advance(`${v.deck}/${v.audience} handout`);
  };

  const exportMemo = async (v: BuiltVersion) => {
    const path = options.memoPath ? resolve(options.memoPath).replace(/\.(pdf|docx)$/i, '') + '.pdf' : join(outRoot, v.deck, `${v.deck}-${v.audience}-memo.pdf`);
    const pdf = await printMemo(browser, v, { timeoutMs: options.timeoutMs, tabs, generator: generator() });
    await writeFileAtomic(path, pdf.bytes);
    v.memoPdfPath = path;
    options.log.info(`${v.deck}/${v.audience}: memo, ${pdf.pages} page${pdf.pages === 1 ? '' : 's'} -> ${path}`);
    progress.advance(`${v.deck}/${v.audience} memo`);
  };

  await withBrowser(executable, async (launched) => {
    browser = launched;
    tabs = printTabs(launched);
    const limit = pLimit(Math.max(1, jobs));
    progress.start(tasks.length, 'PDFs');
    // After a failure nothing new starts. (p-limit's clearQueue would leave the queued
    // promises pending for ever, and the batch would never settle.)
    let failedOnce = false;
    try {
      const settled = await Promise.allSettled(
        tasks.map((task) =>
          limit(async () => {
            if (failedOnce) return;
            try {
              await task();
            } catch (error) {
              failedOnce = true;
              throw error;
            }
          }),
        ),
      );
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      progress.stop();
    }
  }, options.signal);
}

function generator(): string {
  return `briefdeck ${briefdeckVersion}`;
}

/** Blocked requests and overflowing slides, as warnings naming the brief and line. */
function report(v: BuiltVersion, result: PdfResult, log: Logger): void {
  for (const url of result.blocked) log.warn({ file: v.htmlPath, message: `blocked a request outside the deck: ${url}`, severity: 'warning' });
  for (const o of result.overflows) {
    const planned = v.plan.slides[o.number - 1];
    const where = planned?.kind === 'content' ? { file: planned.slide.file, line: planned.slide.line } : { file: v.htmlPath };
    const message = `slide ${o.number} "${planned?.title ?? o.id}" (${v.audience}) runs ${Math.ceil(o.pixels)} px past its canvas; the PDF clips it to one page`;
    log.warn({ ...where, message, severity: 'warning' });
  }
}
