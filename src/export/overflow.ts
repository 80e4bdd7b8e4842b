import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { deckRequestsOnly } from './pdf.js';
import { builtInTemplates } from '../load/template-set.js';
import { defaultTimeoutMs } from '../kernel/run.js';
import { timeoutAsError } from './timeout.js';

/** What `templates/scripts/measure.js` finds on one slide, in slide pixels. */
export interface SlideMeasure {
  index: number;
  id: string;
  /** How far drawn content reaches past each edge of the slide's content area. */
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** How much content a box inside the slide hides (overflow: hidden and the like). */
  clipped: number;
  /** Words of body text (not the heading, not citation markers). */
  words: number;
  /** The smallest text on the slide, after any transform that fits it. */
  smallest: { size: number; text: string } | null;
  /** Images drawn without alt text. */
  missingAlt: number;
  /** Estimate, confidence and priority tags in the order drawn, with the text each shows. */
  tags: { kind: 'estimate' | 'confidence' | 'priority'; text: string }[];
}

export interface DeckMeasure {
  /** The theme's `--bd-min-size`, in px (0 when the theme sets none). */
  minSize: number;
  slides: SlideMeasure[];
}

/** Overflow of a pixel or less is rounding, not a slide that does not fit. */
const overflowTolerance = 1;

/**
 * Opens a built deck (index.html on disk) in the normal view at 1920x1080, waits for
 * reveal.js and the fonts, and measures every slide. Only the deck's own files load.
 */
export async function measureDeck(browser: Browser, indexHtml: string, timeoutMs = defaultTimeoutMs): Promise<DeckMeasure> {
  const script = await readFile(join(builtInTemplates, 'scripts', 'measure.js'), 'utf8');
  const page = await browser.newPage();
  try {
    await page.setRequestInterception(true);
    page.on('request', deckRequestsOnly(indexHtml, []));
    page.setDefaultTimeout(timeoutMs);
    await page.setViewport({ width: 1920, height: 1080 });
    await page.goto(pathToFileURL(indexHtml).href, { waitUntil: 'load' });
    await page.waitForFunction('window.briefdeck && window.briefdeck.ready === true', { timeout: timeoutMs });
    await page.evaluate('document.fonts.ready.then(() => true)');
    return (await page.evaluate(script)) as DeckMeasure;
  } catch (cause) {
    throw timeoutAsError(cause, `${indexHtml}: the deck did not finish laying out within ${timeoutMs / 1000} s`);
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** How far a slide overflows its content area: vertically and horizontally, 0 when it fits. */
export function overflowOf(m: SlideMeasure): { vertical: number; horizontal: number } {
  const vertical = m.top + m.bottom;
  const horizontal = m.left + m.right;
  return {
    vertical: vertical > overflowTolerance ? vertical : 0,
    horizontal: horizontal > overflowTolerance ? horizontal : 0,
  };
}
