import { basename } from 'node:path';
import { findDecks, type LoadOptions } from '../load/deck-file.js';
import { formatMarking, portionMark, validMarking } from '../load/marking.js';
import { planDeck } from '../plan/plan.js';
import { BriefdeckError, type Problem } from '../kernel/problem.js';
import type { SettingsLayer } from '../load/settings.js';
import type { Logger } from '../kernel/logger.js';
import { readDeck } from './pipeline.js';
import { formatTable } from './deck-list.js';

/** One audience as the release review shows it. */
export interface ReleaseAudience {
  name: string;
  label: string;
  external: boolean;
  /** The version's full marking: banner, REL TO, TLP. */
  marking: string | null;
  kept: number;
  dropped: number;
}

/** One slide of a deck and what each audience does with it. */
export interface ReleaseRow {
  id: string;
  kind: 'slide' | 'section';
  title: string;
  file: string;
  line: number;
  /** The slide's portion mark, `(U)`, `(CUI)`, `(U//REL TO USA, JPN)`; null when unmarked. */
  mark: string | null;
  tags: string[];
  audiences: Record<string, { included: true } | { included: false; reason: string }>;
}

export interface ReleaseMatrix {
  ok: boolean;
  decks: { deck: string; file: string; audiences: ReleaseAudience[]; slides: ReleaseRow[] }[];
  /** Release errors (an unverified slide or a REL TO slide sent to an external audience) and other plan errors. */
  problems: Problem[];
}

/**
 * `check --release`: every slide of every deck by every audience, included or dropped and
 * why, with its portion mark and tags, and each audience's marking. What a reviewer signs
 * off before distribution. Writes nothing and needs no browser.
 */
export async function releaseMatrix(deckArg: string | undefined, options: LoadOptions & { audience?: string; settings?: SettingsLayer; log?: Logger } = {}): Promise<ReleaseMatrix> {
  const problems: Problem[] = [];
  const decks: ReleaseMatrix['decks'] = [];
  for (const path of await findDecks(deckArg, options.cwd)) {
    let read;
    try {
      read = await readDeck(path, options);
    } catch (error) {
      if (!(error instanceof BriefdeckError) || error.code !== 'bad-input') throw error;
      problems.push(...error.problems);
      continue;
    }
    const { parsed, audiences } = read;
    const plans = audiences.map((a) => planDeck(parsed, a, options.settings));
    plans.forEach((p) => problems.push(...p.problems.filter((q) => q.severity === 'error')));
    const byBrief = new Map(parsed.deck.briefs.map((b) => [b.file, b.frontMatter.classification]));
    const slides = parsed.slides.map((slide): ReleaseRow => {
      const marking = validMarking(slide.marking ?? byBrief.get(slide.file) ?? parsed.deck.info.classification);
      const row: ReleaseRow['audiences'] = {};
      for (const plan of plans) {
        const dropped = plan.dropped.find((d) => d.id === slide.id && d.file === slide.file && d.line === slide.line);
        row[plan.audience.name] = dropped ? { included: false, reason: dropped.reason } : { included: true };
      }
      const { id, kind, title, file, line, tags } = slide;
      return { id, kind, title, file, line, mark: marking ? portionMark(marking) || null : null, tags, audiences: row };
    });
    decks.push({
      deck: parsed.deck.name,
      file: parsed.deck.file,
      audiences: plans.map((p) => ({
        name: p.audience.name,
        label: p.audience.label ?? p.audience.name,
        external: p.audience.external,
        marking: p.marking ? formatMarking(p.marking) : null,
        kept: p.slides.length,
        dropped: p.dropped.length,
      })),
      slides,
    });
  }
  return { ok: !problems.some((p) => p.severity === 'error'), decks, problems: dedupe(problems) };
}

/** The matrix as text: each deck's audiences, one line per slide, then why each dropped slide was dropped. */
export function formatReleaseMatrix(matrix: ReleaseMatrix): string {
  const out: string[] = [];
  for (const deck of matrix.decks) {
    out.push(`${deck.deck} (${deck.file})`);
    for (const a of deck.audiences) {
      out.push(`  ${a.name}: ${a.external ? 'external' : 'internal'}, marked ${a.marking ?? '(no marking)'}; ${a.kept} slides, ${a.dropped} dropped`);
    }
    const names = deck.audiences.map((a) => a.name);
    const rows = deck.slides.map((s) => [
      `${basename(s.file)}:${s.line} ${s.kind === 'section' ? '# ' : ''}${s.title}`,
      s.mark ?? '',
      s.tags.join(' '),
      ...names.map((n) => (s.audiences[n]?.included ? 'yes' : '-')),
    ]);
    out.push('', formatTable(['SLIDE', 'MARK', 'TAGS', ...names], rows).trimEnd(), '', 'Dropped:');
    for (const s of deck.slides) {
      for (const n of names) {
        const cell = s.audiences[n];
        if (cell && !cell.included) out.push(`  #${s.id} ${n}: ${cell.reason}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
