import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Fonts ship with briefdeck (npm @fontsource packages) so every PDF looks the same on
 * every machine. Only the unicode subsets a deck's text needs are copied into its output.
 */
interface ShippedFont {
  pkg: string;
  family: string;
  faces: { weight: number; style: 'normal' | 'italic' }[];
}

const shippedFonts: ShippedFont[] = [
  {
    pkg: '@fontsource/source-sans-3',
    family: 'Source Sans 3',
    faces: [
      { weight: 400, style: 'normal' },
      { weight: 400, style: 'italic' },
      { weight: 600, style: 'normal' },
      { weight: 700, style: 'normal' },
    ],
  },
  {
    pkg: '@fontsource/noto-sans-jp',
    family: 'Noto Sans JP',
    faces: [
      { weight: 400, style: 'normal' },
      { weight: 700, style: 'normal' },
    ],
  },
];

/** The font files and CSS a deck needs: `files` maps output name -> source path. */
export interface FontAssets {
  css: string;
  files: Map<string, string>;
}

const require = createRequire(import.meta.url);

/** Chooses the subsets whose unicode-range covers any character of `text`. */
export async function fontAssets(text: string, urlPrefix: string): Promise<FontAssets> {
  const used = codePoints(text);
  const files = new Map<string, string>();
  const rules: string[] = [];
  // A later font is a fallback: it only needs subsets for characters no earlier font has,
  // so a Latin-only deck carries no Noto Sans JP files at all.
  let needed = used;
  for (const [i, font] of shippedFonts.entries()) {
    // A fallback font with nothing left to cover is not even read: Noto Sans JP's table of
    // ranges takes 10 ms to parse, for no file in a Latin-only deck (issue 19).
    if (i > 0 && needed.length === 0) break;
    const { dir, subsets, all } = await subsetsOf(font);
    const id = font.pkg.split('/')[1]!;
    const asked = needed;
    needed = needed.filter((cp) => !covers(all, [cp]));
    for (const { subset, range, parsed } of subsets) {
      const always = font === shippedFonts[0] && subset === 'latin';
      if (!always && !covers(parsed, asked)) continue;
      const key = subset.replace(/[[\]]/g, '');
      for (const face of font.faces) {
        const name = `${id}-${key}-${face.weight}-${face.style}.woff2`;
        const src = join(dir, 'files', name);
        files.set(name, src);
        rules.push(
          `@font-face{font-family:'${font.family}';font-style:${face.style};font-weight:${face.weight};` +
            `font-display:block;src:url(${urlPrefix}${name}) format('woff2');unicode-range:${range};}`,
        );
      }
    }
  }
  return { css: rules.join('\n') + '\n', files };
}

/**
 * Every code point of `text`, once each, in order. A deck's text is tens of thousands of
 * characters, read once per audience version: a loop, not an array of every character
 * (4-6 ms a version, a third of that this way; issue 19).
 */
function codePoints(text: string): number[] {
  const seen = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    seen.add(cp);
    if (cp > 0xffff) i++; // the second half of a surrogate pair
  }
  return [...seen].sort((a, b) => a - b);
}

type Range = [number, number];

interface FontSubsets {
  dir: string;
  subsets: { subset: string; range: string; parsed: Range[] }[];
  /** Every code point range the font covers. */
  all: Range[];
}

/** Each font's subsets, read once per process: every audience version of every deck asks again. */
const subsetCache = new Map<ShippedFont, Promise<FontSubsets>>();

function subsetsOf(font: ShippedFont): Promise<FontSubsets> {
  let found = subsetCache.get(font);
  if (!found) {
    found = (async () => {
      const dir = dirname(require.resolve(`${font.pkg}/package.json`));
      const ranges = JSON.parse(await readFile(join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
      const subsets = Object.entries(ranges).map(([subset, range]) => ({ subset, range, parsed: parseRange(range) }));
      return { dir, subsets, all: subsets.flatMap((s) => s.parsed) };
    })();
    subsetCache.set(font, found);
  }
  return found;
}

function parseRange(range: string): Range[] {
  return range.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    const lo = parseInt(a ?? '0', 16);
    return [lo, b ? parseInt(b, 16) : lo] as Range;
  });
}

/** Whether any code point of the sorted `used` falls in one of `ranges`. */
function covers(ranges: Range[], used: number[]): boolean {
  return ranges.some(([lo, hi]) => {
    let a = 0;
    let b = used.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (used[mid]! < lo) a = mid + 1;
      else b = mid;
    }
    return a < used.length && used[a]! <= hi;
  });
}
