import { dirname, join } from 'node:path';
import pLimit from 'p-limit';
import type { Browser } from 'puppeteer';
import { resolveBrowser, withBrowser, type StartedBrowser } from './browser.js';
import { formatMarking } from '../load/marking.js';
import { printDeck, type PdfResult } from './pdf.js';
import { describePdf, finishPdf } from './pdf-metadata.js';
import { printTabs, type PrintTabs } from './print-tabs.js';
import { printPace } from './print-pace.js';
import { handoutFile } from '../render/html/handout.js';
import { finishMemo, printMemo } from './memo-pdf.js';
import type { Logger } from '../kernel/logger.js';
import type { RunContext } from '../kernel/run.js';
import { version as briefdeckVersion } from '../kernel/version.js';
import type { PlannedDeck } from '../model.js';

/** One audience version to print. */
export interface ExportJob {
  /** `deck/audience`: what progress and messages call it. */
  label: string;
  /** The built index.html to print (it may still be in its staging folder). */
  htmlFile: string;
  /** The index.html as messages name it: where it is, or where it will be once written. */
  shownAs: string;
  plan: PlannedDeck;
  /** Also print the read-ahead handout (`handout.html`, built beside index.html). */
  handout: boolean;
  /** Print the slides (false when only the memo is asked for). */
  slides?: boolean;
  /** Also print the read-ahead memo (`memo.html`, built beside index.html). */
  memo?: boolean;
  /** The deck page is briefdeck's own (no house deck.hbs): its slides are laid out for print without reveal.js. */
  builtInPage?: boolean;
  /** The handout or the memo page carries a house script: they print in a tab that draws frames (pdf.ts, `frames`). */
  scriptedPages?: boolean;
}

/** The finished PDFs of one job, for the caller to write. */
export interface ExportResult {
  /** The slides PDF; absent when only the memo was printed. */
  pdf?: Uint8Array;
  handout?: Uint8Array;
  memo?: { pdf: Uint8Array; pages: number };
  /** Milliseconds spent printing and finishing the slides PDF. */
  ms: number;
}

/** What export needs of the run (kernel/run.ts), defaults already applied. */
export type ExportContext = Pick<RunContext, 'browser' | 'jobs' | 'log' | 'progress' | 'timeoutMs' | 'signal'>;

/** What the caller adds to a batch. */
export interface ExportOptions {
  /** A browser the caller started ahead (startBrowser), used and closed here instead of a new one. */
  started?: StartedBrowser;
  /**
   * Called once a job's PDFs are all finished, while the rest still print: the caller can
   * write them and read them back meanwhile (issue 19). The batch waits for what it returns;
   * a rejection fails the batch as a failed print does.
   */
  done?: (index: number, result: ExportResult) => Promise<void>;
}

/**
 * Export stage: prints every job with one browser, a bounded number of pages at once,
 * starting them in job order, and returns each job's finished PDFs (metadata, bookmarks,
 * fixed dates), in job order. It writes nothing and changes none of its inputs. The browser is closed on
 * every path; a failure stops queued work and is rethrown.
 */
export async function exportVersions(jobs: ExportJob[], context: ExportContext, { started, done }: ExportOptions = {}): Promise<ExportResult[]> {
  const { progress, timeoutMs, log } = context;
  const executable = started ?? (await resolveBrowser(context.browser));
  const pdfs: (Uint8Array | undefined)[] = [];
  const handouts: (Uint8Array | undefined)[] = [];
  const memos: ({ pdf: Uint8Array; pages: number } | undefined)[] = [];
  const times: number[] = [];
  let browser: Browser;
  let tabs: PrintTabs;

  // Finishing a PDF (pdf-lib: metadata, bookmarks, tags) is Node's work, not the browser's: it
  // runs while the next print goes on, and the last one while the browser closes (issue 19).
  const finishing: Promise<void>[] = [];
  // After a failure nothing new starts. (p-limit's clearQueue would leave the queued
  // promises pending for ever, and the batch would never settle.)
  let failedOnce = false;
  const resultOf = (i: number): ExportResult => ({ pdf: pdfs[i], handout: handouts[i], memo: memos[i], ms: times[i] ?? 0 });
  // How many of each job's PDFs are still to finish: at none, the caller hears of it (`done`).
  // Finishing gives way to pages being made ready (print-pace.ts).
  const pace = printPace();
  const unfinished = jobs.map((job) => Number(job.slides !== false) + Number(Boolean(job.handout)) + Number(Boolean(job.memo)));
  const finishLater = (i: number, work: () => Promise<void>) => {
    const finished = (async () => {
      // The next print has started by the next turn of the event loop; its page is made ready first.
      await new Promise((next) => setImmediate(next));
      await pace.idle();
      await work();
      if (--unfinished[i]! === 0 && done) await done(i, resultOf(i));
    })().catch((error: unknown) => {
      failedOnce = true;
      throw error;
    });
    finished.catch(() => undefined); // awaited below, after the browser has closed
    finishing.push(finished);
  };

  const printSlides = async (job: ExportJob, i: number) => {
    // process.hrtime, not performance.now: Node loads its performance API (1.5 ms) on first use.
    const since = process.hrtime.bigint();
    const result = await printDeck(browser, job.htmlFile, { timeoutMs, tabs, pace, shownAs: job.shownAs, withoutReveal: job.builtInPage });
    report(job, result, log);
    finishLater(i, async () => {
      pdfs[i] = (await finishPdf(result.pdf, describePdf(job.plan, generator()), job.plan)).pdf;
      times[i] = Number(process.hrtime.bigint() - since) / 1e6;
      progress.advance(job.label);
    });
  };
  const printHandout = async (job: ExportJob, i: number) => {
    const banner = job.plan.marking ? formatMarking(job.plan.marking) : undefined;
    const shownAs = join(dirname(job.shownAs), handoutFile);
    const result = await printDeck(browser, join(dirname(job.htmlFile), handoutFile), { paper: 'css', banner, footer: job.plan.info.branding.footer, timeoutMs, tabs, pace, shownAs, frames: job.scriptedPages });
    report({ ...job, shownAs }, result, log);
    finishLater(i, async () => {
      handouts[i] = (await finishPdf(result.pdf, describePdf(job.plan, generator(), 'handout'), job.plan, 'handout')).pdf;
      progress.advance(`${job.label} handout`);
    });
  };
  const printMemoPage = async (job: ExportJob, i: number) => {
    const printed = await printMemo(browser, job, { timeoutMs, tabs, pace });
    // Requests the memo page made outside the deck are reported as the slides' and the handout's are.
    report({ ...job, shownAs: printed.shownAs }, printed, log);
    finishLater(i, async () => {
      memos[i] = await finishMemo(job, printed.pdf, generator());
      progress.advance(`${job.label} memo`);
    });
  };
  const tasks = jobs.flatMap((job, i) => [
    ...(job.slides !== false ? [() => printSlides(job, i)] : []),
    ...(job.handout ? [() => printHandout(job, i)] : []),
    ...(job.memo ? [() => printMemoPage(job, i)] : []),
  ]);

  let finished: PromiseSettledResult<void>[] = [];
  try {
    await withBrowser(executable, async (launched, { quietTabs }) => {
      browser = launched;
      tabs = printTabs(launched, { ahead: quietTabs });
      const limit = pLimit(context.jobs);
      progress.start(tasks.length, 'PDFs');
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
    }, context.signal);
  } finally {
    // The browser is closed (or closing failed): every PDF still being finished settles before this returns or throws.
    finished = await Promise.allSettled(finishing);
    progress.stop();
  }
  const failed = finished.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return jobs.map((_, i) => resultOf(i));
}

function generator(): string {
  return `briefdeck ${briefdeckVersion}`;
}

/** Blocked requests and overflowing slides, as warnings naming the brief and line. */
function report(job: ExportJob, result: PdfResult, log: Logger): void {
  for (const url of result.blocked) log.warn({ file: job.shownAs, message: `blocked a request outside the deck: ${url}`, severity: 'warning' });
  for (const o of result.overflows) {
    const planned = job.plan.slides[o.number - 1];
    const where = planned?.kind === 'content' ? { file: planned.slide.file, line: planned.slide.line } : { file: job.shownAs };
    const message = `slide ${o.number} "${planned?.title ?? o.id}" (${job.plan.audience.name}) runs ${Math.ceil(o.pixels)} px past its canvas; the PDF clips it to one page`;
    log.warn({ ...where, message, severity: 'warning' });
  }
}
