import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { cli, repoRoot, tempDir } from './helpers.js';

/** Page texts in content order (-raw): the rotated DRAFT watermark stays one word, unlike with -layout. */
function pdfPages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

// One small deck, one audience, one browser run: the marking on every page of a real PDF.
const fixture = join(repoRoot, 'tests/fixtures/audience-deck');
let pages: string[];
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const temp = await tempDir();
  cleanup = temp.cleanup;
  const pdf = join(temp.dir, 'partner.pdf');
  const r = await cli('pdf', fixture, '--audience', 'partner', '--draft', '--out', pdf, '--quiet');
  expect(r.code, r.err).toBe(0);
  pages = pdfPages(pdf);
}, 120_000);
afterAll(() => cleanup());

describe('the partner PDF', () => {
  it('has one page per planned slide', () => {
    // Title, the bottom line, Sources: the internal, U.S.-only, deep, AUS and CUI slides are out.
    expect(pages).toHaveLength(3);
  });

  it('carries the banner at the top and bottom of every page, and the TLP label', () => {
    pages.forEach((page, i) => {
      const banners = page.match(/UNCLASSIFIED\/\/REL TO USA, JPN/g) ?? [];
      expect(banners, `page ${i + 1}`).toHaveLength(2);
      expect(page.match(/TLP:GREEN/g) ?? [], `page ${i + 1}`).toHaveLength(2);
    });
  });

  it('is watermarked DRAFT on every page when built with --draft', () => {
    pages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain('DRAFT'));
  });

  it('never shows a slide the partner may not receive', () => {
    const text = pages.join('\n');
    expect(text).not.toContain('Releasable to Australia');
    expect(text).not.toContain('U.S. eyes only');
    expect(text).not.toContain('Internal view'); // .internal: the built-in partner once let it through
  });
});
