import { dirname, join } from 'node:path';
import type { Browser } from 'puppeteer';
import { printDeck, type PdfResult } from './pdf.js';
import { describePdf, finishPdf } from './pdf-metadata.js';
import type { PrintTabs } from './print-tabs.js';
import type { PrintPace } from './print-pace.js';
import { formatMarking } from '../load/marking.js';
import { BriefdeckError } from '../kernel/problem.js';
import { memoContent } from '../render/memo/memo-content.js';
import { memoFile } from '../render/memo/memo-html.js';
import type { ExportJob } from './export.js';

/**
 * Prints a version's read-ahead memo (memo.html, built beside index.html) through the
 * handout's print path: the page's own paper, the full marking in the top and bottom
 * margin of every page. finishMemo then finishes the PDF and holds it to its page budget.
 */
export async function printMemo(browser: Browser, job: ExportJob, options: { timeoutMs?: number; tabs: PrintTabs; pace?: PrintPace }): Promise<PdfResult & { shownAs: string }> {
  const banner = job.plan.marking ? formatMarking(job.plan.marking) : undefined;
  const shownAs = join(dirname(job.shownAs), memoFile);
  return { ...(await printDeck(browser, join(dirname(job.htmlFile), memoFile), { paper: 'css', banner, timeoutMs: options.timeoutMs, tabs: options.tabs, pace: options.pace, shownAs, frames: job.scriptedPages })), shownAs };
}

/**
 * The printed memo with its document properties. A memo longer than its page budget
 * (`memoPages`, 1 unless the deck says 2) is an error that says what to cut, as the slide
 * budget does.
 */
export async function finishMemo(job: ExportJob, printed: Uint8Array, generator: string): Promise<{ pdf: Uint8Array; pages: number }> {
  const about = describePdf(job.plan, generator);
  const { pdf, pages } = await finishPdf(printed, { ...about, title: `${job.plan.info.title} (read-ahead)` });
  const budget = job.plan.info.memoPages ?? 1;
  if (pages > budget) throw overBudget(job, pages, budget);
  return { pdf, pages };
}

/**
 * The budget error, at the place to start cutting: the slide of the largest part, where the
 * largest part has a slide (the bottom line, the figures, the recommendations, the memo text).
 */
function overBudget(v: ExportJob, pages: number, budget: number): BriefdeckError {
  const memo = memoContent(v.plan, v.plan.info.title);
  const slides = v.plan.slides.flatMap((p) => (p.kind === 'content' ? [p.slide] : []));
  const parts = [
    { what: 'the bottom line', words: memo.words.bottomLine, slide: slides.find((s) => s.data?.kind === 'bluf') },
    { what: 'the key figures', words: memo.words.figures, slide: slides.find((s) => s.data?.kind === 'figures') },
    { what: 'the recommendations', words: memo.words.recommendations, slide: slides.find((s) => s.data?.kind === 'recommendations') },
    { what: 'the {memo} slides and "::: memo" text', words: memo.words.body, slide: slides.find((s) => s.memo || s.memoText?.length) },
  ];
  const largest = parts.filter((p) => p.words > 0).sort((a, b) => b.words - a.words);
  const message =
    `the ${v.plan.audience.name} memo runs to ${pages} pages, over its budget of ${budget}: ` +
    `cut ${largest.slice(0, 2).map((p) => `${p.what} (${p.words} words)`).join(' or ')}` +
    (budget < 2 ? ', or allow two pages with memoPages: 2 in deck.yaml' : '');
  const at = largest[0]?.slide;
  return new BriefdeckError('bad-input', message, at ? [{ file: at.file, line: at.line, message, severity: 'error' }] : []);
}
