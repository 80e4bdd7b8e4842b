import { editDistance } from '../kernel/edit-distance.js';
import { isDeepStrictEqual } from 'node:util';
import type { Source } from '../load/schema.js';

import type { Problems } from '../kernel/problem.js';
import { problemsShownPerKind } from '../kernel/problem-limit.js';
import type { Slide } from '../model.js';
import type { DeclaredSource, SourceGaps } from '../model.js';

const noSourceGaps: SourceGaps = { invalidIds: new Set(), unreadable: [] };

/**
 * Merges sources declared in a deck's `sources.yaml` and in each brief's front matter,
 * de-duplicated by id. The same id declared twice with different data is an error.
 */
export function collectSources(declared: DeclaredSource[], problems: Problems): Map<string, Source> {
  const byId = new Map<string, DeclaredSource>();
  for (const entry of declared) {
    const first = byId.get(entry.source.id);
    if (!first) {
      byId.set(entry.source.id, entry);
    } else if (first.file === entry.file && first.line === entry.line) {
      continue; // one bibliography file named by several briefs
    } else if (first.bibliography || entry.bibliography) {
      // A .bib key and an inline entry with the same id are two sources to the reader, whatever their details.
      const also = (a: DeclaredSource, b: DeclaredSource) => `source id "${a.source.id}" is declared twice: here and at ${b.file}:${b.line}; each source needs its own id`;
      problems.error(first.file, first.line, also(first, entry));
      problems.error(entry.file, entry.line, also(entry, first));
    } else if (!isDeepStrictEqual(first.source, entry.source)) {
      problems.error(
        entry.file,
        entry.line,
        `source "${entry.source.id}" is also declared at ${first.file}:${first.line} with different details; give one of them another id`,
      );
    }
  }
  return new Map([...byId].map(([id, d]) => [id, d.source]));
}

/** Every `[@id]` must name a declared source; an unknown id is an error at its line. */
export function checkCitations(slides: Slide[], sources: Map<string, Source>, problems: Problems, gaps: SourceGaps = noSourceGaps): void {
  const known = [...sources.keys()].sort();
  // Hints cost a comparison with every known id: only the messages that are listed get one
  // (past 50 of a kind the rest are counted; 3,000 unknown ids x 3,000 sources took minutes).
  let hinted = 0;
  for (const slide of slides) {
    for (const cite of slide.citations) {
      if (sources.has(cite.id) || gaps.invalidIds.has(cite.id)) continue;
      const hint = hinted++ < problemsShownPerKind ? suggest(cite.id, known) : '';
      if (gaps.unreadable.length) {
        // Noted, not an error: the run already fails on the unreadable file, which may declare it.
        const files = gaps.unreadable.join(', ');
        problems.warn(cite.file, cite.line, `source id "@${cite.id}" not found so far${hint}; the sources declared in ${files} are in error (see above) and may declare it`);
      } else {
        problems.error(cite.file, cite.line, `unknown source id "@${cite.id}"${hint}`);
      }
    }
  }
}

/** How many known ids a message lists; a deck of 3,000 sources made every message 100 KB. */
const idsListed = 10;

/** " (did you mean ...?)" for a near miss, or (some of) the known names; `none` when there are none. */
export function suggest(word: string, known: string[], none = 'no sources are declared'): string {
  const limit = Math.max(2, Math.floor(word.length / 4));
  // Ids whose lengths differ by more than the limit cannot be that close: skipped unmeasured.
  const close = known.find((k) => Math.abs(k.length - word.length) <= limit && editDistance(k, word) <= limit);
  if (close) return ` (did you mean "${close}"?)`;
  if (!known.length) return ` (${none})`;
  const more = known.length - idsListed;
  return ` (known: ${known.slice(0, idsListed).join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
}
