import { dirname, join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { printDeck } from './pdf.js';
import { describePdf, finishPdf } from './pdf-metadata.js';
import type { PrintTabs } from './print-tabs.js';
import { formatMarking } from '../load/marking.js';
import { BriefdeckError } from '../kernel/problem.js';
import { memoContent } from '../render/memo/memo-content.js';
import { memoFile } from '../render/memo/memo-html.js';
import type { BuiltVersion } from '../model.js';

/**
 * Prints a version's read-ahead memo (memo.html, built beside index.html) through the
 * handout's print path: the page's own paper, the full marking in the top and bottom
 * margin of every page. A memo longer than its page budget (`memoPages`, 1 unless the
 * deck says 2) is an error that says what to cut, as the slide budget does.
 */
export async function printMemo(browser: Browser, v: BuiltVersion, options: { timeoutMs?: number; tabs: PrintTabs; generator: string }): Promise<{ bytes: Uint8Array; pages: number }> {
  const banner = v.plan.marking ? formatMarking(v.plan.marking) : undefined;
  const result = await printDeck(browser, join(dirname(v.htmlPath), memoFile), { paper: 'css', banner, timeoutMs: options.timeoutMs, tabs: options.tabs });
  const about = describePdf(v.plan, options.generator);
  const bytes = await finishPdf(result.pdf, { ...about, title: `${v.plan.info.title} (read-ahead)` });
  const pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  const budget = v.plan.info.memoPages ?? 1;
  if (pages > budget) throw overBudget(v, pages, budget);
  return { bytes, pages };
}

function overBudget(v: BuiltVersion, pages: number, budget: number): BriefdeckError {
  const memo = memoContent(v.plan, v.plan.info.title);
  const parts = [
    ['the bottom line', memo.words.bottomLine],
    ['the key figures', memo.words.figures],
    ['the recommendations', memo.words.recommendations],
    ['the {memo} slides and "::: memo" text', memo.words.body],
  ] as const;
  const largest = parts.filter(([, words]) => words > 0).sort((a, b) => b[1] - a[1]).map(([what, words]) => `${what} (${words} words)`);
  const message =
    `the ${v.audience} memo runs to ${pages} pages, over its budget of ${budget}: ` +
    `cut ${largest.slice(0, 2).join(' or ')}` +
    (budget < 2 ? ', or allow two pages with memoPages: 2 in deck.yaml' : '');
  return new BriefdeckError('bad-input', message);
}
