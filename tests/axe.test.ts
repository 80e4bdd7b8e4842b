import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer';
import { cli, repoRoot, tempDir } from './helpers.js';
import { resolveBrowser } from '../src/export/browser.js';

// axe-core, the accessibility engine browsers' own audit tools use, run inside Chromium on
// every slide of the HTML decks as a viewer sees it (reveal.js shows one slide at a time and
// hides the rest from assistive technology, so each slide is brought up and checked).
// Every rule, every impact level: minor findings fail too.

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  slide: string;
  rule: string;
  impact: string;
  targets: string[];
}

async function openDeck(browser: Browser, htmlFile: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1920, height: 1080 });
  await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
  await page.waitForFunction('window.briefdeck && window.briefdeck.ready === true', { timeout: 30_000 });
  await page.evaluate(axeSource);
  return page;
}

/** axe's violations on each slide of a deck, brought up one by one. */
async function violationsOf(page: Page): Promise<Violation[]> {
  const total = (await page.evaluate('Reveal.getTotalSlides()')) as number;
  const found: Violation[] = [];
  for (let i = 0; i < total; i++) {
    found.push(...(await slideViolations(page, i)));
  }
  return found;
}

async function slideViolations(page: Page, index: number): Promise<Violation[]> {
  await page.evaluate(`Reveal.slide(${index}, 0)`);
  return (await page.evaluate(`(async () => {
    const slide = Reveal.getCurrentSlide().id;
    // The first slide is checked with the whole page (page-level rules: title, language,
    // landmarks, reveal's controls); the others within their slide, which is what changed.
    const result = await axe.run(${index} === 0 ? document : Reveal.getCurrentSlide(), { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ slide, rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  })()`)) as Violation[];
}

let browser: Browser;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const every = await cli('build', join(repoRoot, 'tests/fixtures/every-layout'), '--out', dir, '--quiet');
  expect(every.code, every.err).toBe(0);
  // The same deck in a house style (its own theme colours and footer), marked DRAFT.
  const house = await cli('build', join(repoRoot, 'tests/fixtures/every-layout'), '--templates', join(repoRoot, 'tests/fixtures/house-style'), '--draft', '--out', join(dir, 'house'), '--quiet');
  expect(house.code, house.err).toBe(0);
  const sample = await cli('build', join(repoRoot, 'briefs/us-japan-alliance'), '--audience', 'all', '--out', dir, '--quiet');
  expect(sample.code, sample.err).toBe(0);
  const { launch } = await import('puppeteer');
  browser = await launch({ executablePath: await resolveBrowser(), args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  await cleanup();
});

describe('axe-core on the HTML decks', () => {
  it('finds no violation on any slide of the deck with every layout (generated slides included)', async () => {
    const page = await openDeck(browser, join(dir, 'every-layout/staff/index.html'));
    const ids = (await page.evaluate('[...document.querySelectorAll("section.bd-slide")].map((s) => s.id)')) as string[];
    expect(ids).toEqual(expect.arrayContaining(['title', 'agenda', 'judgments', 'bluf', 'figures', 'timeline', 'quote', 'comparison', 'table', 'image', 'recommendations', 'bullets', 'sources', 'backup-detail']));
    expect(await violationsOf(page)).toEqual([]);
    await page.close();
  });

  it('finds no violation in a house style with its own colours, and with the DRAFT watermark', async () => {
    const page = await openDeck(browser, join(dir, 'house/every-layout/staff/index.html'));
    expect(await page.evaluate('getComputedStyle(document.documentElement).getPropertyValue("--bd-navy").trim()')).toBe('#0b4f4a');
    expect(await page.evaluate('document.querySelectorAll(".bd-draft").length')).toBeGreaterThan(0);
    expect(await violationsOf(page)).toEqual([]);
    await page.close();
  });

  it.each(['principal', 'staff', 'public', 'partner'])('finds no violation on any slide of the sample deck for %s', async (audience) => {
    const page = await openDeck(browser, join(dir, `us-japan-alliance/${audience}/index.html`));
    expect(await violationsOf(page)).toEqual([]);
    await page.close();
  });

  it('would report a violation (the check can fail): an image stripped of its alt text', async () => {
    const page = await openDeck(browser, join(dir, 'every-layout/staff/index.html'));
    await page.evaluate('document.querySelector("#image img").removeAttribute("alt")');
    const index = (await page.evaluate('[...document.querySelectorAll("section.bd-slide")].findIndex((s) => s.id === "image")')) as number;
    expect((await slideViolations(page, index)).map((v) => v.rule)).toContain('image-alt');
    await page.close();
  });
});

describe('keyboard navigation of the HTML deck', () => {
  it('moves through the slides with the arrow keys, Home and End, and follows a link with Enter', async () => {
    const page = await openDeck(browser, join(dir, 'every-layout/staff/index.html'));
    const current = () => page.evaluate('Reveal.getCurrentSlide().id') as Promise<string>;
    expect(await current()).toBe('title');
    await page.keyboard.press('ArrowRight');
    expect(await current()).toBe('agenda');
    await page.keyboard.press('End');
    expect(await current()).toBe('backup-detail');
    await page.keyboard.press('Home');
    expect(await current()).toBe('title');
    await page.keyboard.press('ArrowRight');
    // Tab reaches the agenda's first entry; Enter follows it to its section.
    let focused = '';
    for (let i = 0; i < 20 && focused !== 'Judgments'; i++) {
      await page.keyboard.press('Tab');
      focused = (await page.evaluate('document.activeElement ? document.activeElement.textContent.trim() : ""')) as string;
    }
    expect(focused).toBe('Judgments');
    await page.keyboard.press('Enter');
    await page.waitForFunction('Reveal.getCurrentSlide().id === "judgments"', { timeout: 5_000 });
    await page.close();
  });
});
