import type { CitationRef } from '../parse/markdown.js';

/** One reference of a citation as every renderer shows it: its number (undefined: not a listed source) and locator. */
export interface CitedRef extends CitationRef {
  number?: number;
}

/**
 * How a citation reads in every output (HTML, PowerPoint, Word): its references in ascending
 * number order (`[@b; @a]` shows "1,2", not "2,1"), each keeping its own locator, joined by
 * "; " when any has a locator (`[@a, p. 4; @b]` reads "1, p. 4; 2") and by "," otherwise.
 * A reference to no listed source shows as "?".
 */
export function citedRefs(refs: CitationRef[], number: (id: string) => number | undefined): { refs: CitedRef[]; separator: string } {
  const rank = (ref: CitedRef) => ref.number ?? Number.MAX_SAFE_INTEGER;
  const cited = refs.map((ref) => ({ ...ref, number: number(ref.id) })).sort((a, b) => rank(a) - rank(b));
  return { refs: cited, separator: cited.some((r) => r.locator) ? '; ' : ',' };
}
