import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';
import { contrastRatio } from '../src/kernel/contrast.js';
import { textOnPrimary } from '../src/load/branding.js';

// The house theme promises text at 4.5:1 contrast or better (WCAG AA) everywhere: body,
// titles, tags, badges, marking banners. The colours are read from the theme itself.
const css = readFileSync(join(repoRoot, 'templates/themes/house.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The value of `prop` in the first rule whose selector list includes `selector`. */
function declared(selector: string, prop: string): string {
  if (selector.startsWith('--')) return new RegExp(`${selector}:\\s*(#[0-9a-f]{3,6})`, 'i').exec(css)![1]!;
  for (const m of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const selectors = m[1]!.split(',').map((s) => s.trim());
    const value = new RegExp(`(?:^|;)\\s*${prop}:\\s*([^;]+)`).exec(m[2]!)?.[1]?.trim();
    if (selectors.includes(selector) && value) return value.startsWith('var(') ? declared(value.slice(4, -1), prop) : value;
  }
  throw new Error(`house.css declares no ${prop} for ${selector}`);
}

const contrast = contrastRatio;

const white = '#ffffff';
const black = '#000000';
const pairs: [what: string, fg: string, bg: string][] = [
  ...['--bd-ink', '--bd-navy', '--bd-accent', '--bd-muted'].flatMap((v): [string, string, string][] => [
    [`${v} on paper`, declared(v, ''), declared('--bd-paper', '')],
    [`${v} on the tinted panels`, declared(v, ''), declared('--bd-tint', '')],
  ]),
  ...['high', 'moderate', 'low'].map((c): [string, string, string] => [`${c} confidence tag`, declared(`.bd-confidence-${c}`, 'color'), white]),
  ...['high', 'medium', 'low'].map((p): [string, string, string] => [`${p} priority badge`, declared('.bd-priority', 'color'), declared(`.bd-priority-${p}`, 'background')]),
  ...['unclassified', 'cui', 'confidential', 'secret'].map((l): [string, string, string] => [`${l} banner`, declared('.bd-marking', 'color'), declared(`.bd-level-${l}`, 'background')]),
  ['top secret banner', declared('.bd-level-top-secret', 'color'), declared('.bd-level-top-secret', 'background')],
  ...['red', 'amber', 'green', 'clear'].map((t): [string, string, string] => [`TLP:${t.toUpperCase()} label`, declared(`.bd-tlp-${t}`, 'color'), black]),
  ['section divider title', declared('.layout-section h2.bd-section-title', 'color'), declared('--bd-navy', '')],
  ['section divider text', declared('.bd-section-body', 'color'), declared('--bd-navy', '')],
  ['judgment number', declared('.bd-judgment::before', 'color'), declared('.bd-judgment::before', 'background')],
  ['estimate words', declared('.bd-estimate', 'color'), white],
  ['agenda number', declared('.bd-agenda li::before', 'color'), declared('--bd-paper', '')],
];

// A house style's theme overrides the palette; the text drawn on its colours must still read.
const houseNavy = /--bd-navy:\s*(#[0-9a-f]{3,6})/i.exec(readFileSync(join(repoRoot, 'tests/fixtures/house-style/themes/agency.css'), 'utf8'))![1]!;
pairs.push(
  ['house style navy on paper', houseNavy, declared('--bd-paper', '')],
  ['white on the house style navy (section dividers, judgment numbers)', white, houseNavy],
);

describe('house theme contrast', () => {
  it.each(pairs)('%s reaches 4.5:1', (_what, fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('measures contrast the WCAG way (so the checks above can fail)', () => {
    expect(contrast(black, white)).toBeCloseTo(21, 5);
    expect(contrast('#777777', white)).toBeLessThan(4.5);
  });

  it('is what a house.yaml primary colour is checked against: the text house.css draws on --bd-navy', () => {
    expect(textOnPrimary.map((t) => t.colour)).toEqual([
      declared('.layout-section h2.bd-section-title', 'color').replace('#fff', '#ffffff'),
      declared('.bd-section-body', 'color'),
    ]);
  });
});
