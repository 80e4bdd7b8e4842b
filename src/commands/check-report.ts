
import type { Problem } from '../kernel/problem.js';
import type { AccessibilityKind } from './check-accessibility.js';
import { overflowOf, type DeckMeasure } from '../export/overflow.js';
import type { PlannedDeck, PlannedSlide } from '../model.js';

/** What a finding is about; `input` covers every validation of the build itself. */
export type FindingKind = 'input' | 'overflow' | 'clipped' | 'min-size' | 'word-budget' | 'alt-text' | AccessibilityKind;

/** One thing `check` found, tied to a file and line, with the audiences it affects. */
export interface Finding extends Problem {
  kind: FindingKind;
  deck: string;
  /** Audience versions showing the problem; empty when it is about the briefs themselves. */
  audiences: string[];
  slide?: { id: string; title: string };
  /** Pixels of overflow, words on the slide, or text size in px, by kind. */
  amount?: number;
}

/** The report `check --json` prints; its shape is documented in the README. */
export interface CheckReport {
  ok: boolean;
  errors: number;
  warnings: number;
  decks: { deck: string; file: string; audiences: string[]; slides: Record<string, number> }[];
  findings: Finding[];
  /** What briefdeck took for itself where a brief did not say (a plain markdown file's title...): neither error nor warning. */
  notes: { deck: string; file: string; message: string }[];
}

export interface MeasureLimits {
  /** Words of body text a slide may hold. */
  maxWords: number;
}

/** The default word budget of a slide: past it, an audience reads instead of listening. */
export const defaultMaxWords = 80;

/** Where a finding about a slide points: the brief line of its heading, or the deck file for generated slides. */
function where(planned: PlannedSlide, deckFile: string): { file: string; line?: number; label: string } {
  if (planned.kind === 'content') return { file: planned.slide.file, line: planned.slide.line, label: `slide "${planned.title}"` };
  return { file: deckFile, label: `generated ${planned.layout} slide "${planned.title}"` };
}

/** Findings from measuring one audience version in the browser. Pure. */
export function measureFindings(deck: string, deckFile: string, plan: PlannedDeck, measured: DeckMeasure, limits: MeasureLimits): Finding[] {
  const findings: Finding[] = [];
  const audiences = [plan.audience.name];
  for (const m of measured.slides) {
    const planned = plan.slides[m.index];
    if (!planned) continue;
    const at = where(planned, deckFile);
    const base = { deck, audiences, file: at.file, line: at.line, slide: { id: planned.id, title: planned.title }, severity: 'warning' as const };
    const { vertical, horizontal } = overflowOf(m);
    if (vertical) findings.push({ ...base, kind: 'overflow', amount: vertical, message: `${at.label} overflows by ${vertical} px` });
    if (horizontal) findings.push({ ...base, kind: 'overflow', amount: horizontal, message: `${at.label} is ${horizontal} px too wide` });
    if (m.clipped > 1) findings.push({ ...base, kind: 'clipped', amount: m.clipped, message: `${at.label} hides ${m.clipped} px of content in a box too small for it` });
    if (m.smallest && measured.minSize && m.smallest.size < measured.minSize - 0.5) {
      findings.push({
        ...base,
        kind: 'min-size',
        amount: m.smallest.size,
        message: `${at.label} has text at ${m.smallest.size} px, below the theme's minimum of ${measured.minSize} px ("${m.smallest.text}")`,
      });
    }
    if (planned.kind !== 'content') continue;
    if (m.words > limits.maxWords) {
      findings.push({ ...base, kind: 'word-budget', amount: m.words, message: `${at.label} has ${m.words} words; the budget is ${limits.maxWords} (move detail to notes or split the slide)` });
    }
  }
  return findings;
}

/** Images written without alt text, from the parsed briefs (the line of the image itself). */
export function altTextFindings(deck: string, plan: PlannedDeck, known: Finding[]): Finding[] {
  const findings: Finding[] = [];
  for (const planned of plan.slides) {
    if (planned.kind !== 'content') continue;
    for (const image of planned.slide.images) {
      if (image.alt.trim()) continue;
      // The image layout may already warn at parse time; say it once.
      if (known.some((f) => f.file === image.file && f.line === image.line && /\balt\b/i.test(f.message))) continue;
      findings.push({
        deck,
        audiences: [plan.audience.name],
        file: image.file,
        line: image.line,
        severity: 'warning',
        kind: 'alt-text',
        slide: { id: planned.id, title: planned.title },
        message: `image "${image.href}" has no alt text: write what it shows in ![...](${image.href})`,
      });
    }
  }
  return findings;
}

/** One finding per place and message; the audiences that share it are listed together. */
export function mergeFindings(findings: Finding[]): Finding[] {
  const merged = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.severity}|${f.file}|${f.line ?? ''}|${f.kind}|${f.message}`;
    const seen = merged.get(key);
    if (seen) seen.audiences = [...new Set([...seen.audiences, ...f.audiences])];
    else merged.set(key, { ...f, audiences: [...f.audiences] });
  }
  return [...merged.values()];
}

/** The message a person reads: the finding, and which audience versions show it. */
export function describeFinding(f: Finding): string {
  if (!f.audiences.length || f.kind === 'input') return f.message;
  return `${f.message} (${f.audiences.length > 1 ? 'audiences' : 'audience'} ${f.audiences.join(', ')})`;
}
