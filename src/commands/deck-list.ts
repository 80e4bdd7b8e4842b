import { findDecks, loadDeck, type LoadOptions } from '../load/deck-file.js';
import { parseDeck } from '../parse/deck.js';
import { BriefdeckError, Problems } from '../kernel/problem.js';

/** One row of `briefdeck list`: a brief in a deck. */
export interface BriefRow {
  deck: string;
  brief: string;
  title: string;
  asOf: string;
  slides: number;
  sources: number;
}

/** Decks, their briefs and audiences, for `briefdeck list`; a deck with errors says so instead of stopping the list. */
export async function listDecks(options: LoadOptions = {}): Promise<{ rows: BriefRow[]; audiences: Map<string, string[]>; broken: Map<string, string> }> {
  const rows: BriefRow[] = [];
  const audiences = new Map<string, string[]>();
  const broken = new Map<string, string>();
  for (const path of await findDecks(undefined, options.cwd)) {
    try {
      const deck = await loadDeck(path, options);
      const parsed = parseDeck(deck, new Problems());
      audiences.set(deck.name, deck.audiences.map((a) => a.name));
      for (const brief of deck.briefs) {
        rows.push({
          deck: deck.name,
          brief: brief.file,
          title: brief.frontMatter.title,
          asOf: brief.frontMatter.date ?? deck.info.date ?? '-',
          slides: parsed.slides.filter((s) => s.file === brief.file && s.kind === 'slide').length,
          sources: brief.frontMatter.sources?.length ?? 0,
        });
      }
    } catch (error) {
      if (!(error instanceof BriefdeckError)) throw error;
      broken.set(path, `${error.problems.length || 1} problem(s): run briefdeck check`);
    }
  }
  return { rows, audiences, broken };
}

/** A plain-text table: columns padded to their widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
