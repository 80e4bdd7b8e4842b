import type { Token } from 'marked';
import type { CitationToken } from '../../parse/markdown.js';
import { plainText } from '../../parse/brief.js';
import { formatMarking, portionMark, validMarking } from '../../load/marking.js';
import { BriefdeckError } from '../../kernel/problem.js';
import type { NumberedSource, PlannedDeck, Slide } from '../../model.js';

/** What `--format` asks for: the memo's PDF, its Word file, or both. */
export type MemoFormat = 'pdf' | 'docx' | 'both';

/** A key judgment as the memo states it: the words first, then how likely and how sure, in text. */
export interface MemoJudgment {
  text: Token[];
  estimate?: string;
  confidence?: string;
  portion?: string;
}

/**
 * The read-ahead memo of one audience version, taken from its plan (never re-typed): what
 * a memo renderer (PDF through HTML, Word) draws. Text stays as markdown tokens, citations
 * included, so each renderer numbers them as the deck does. Only what this version shows.
 */
export interface MemoContent {
  title: string;
  subtitle?: string;
  abstract?: string;
  asOf?: string;
  author?: string;
  organisation?: string;
  audienceLabel: string;
  preparedFor?: string;
  lang: string;
  draft: boolean;
  /** The full marking of the version (banner, REL TO, TLP), top and bottom of every page. */
  marking?: string;
  bottomLine: { lead: { blocks: Token[]; portion?: string }[]; judgments: MemoJudgment[] };
  figures: { value: Token[]; label: Token[]; portion?: string }[];
  recommendations: { number: number; title?: Token[]; text: Token[]; owner?: string; priority?: string; portion?: string }[];
  /** Slides marked `{memo}` and `::: memo` prose, under their slide's title. */
  body: { title: string; blocks: Token[]; portion?: string }[];
  /** The sources the memo cites, numbered as in the deck. */
  sources: NumberedSource[];
  /** Words in the memo's text, for the page budget's advice on what to cut. */
  words: { bottomLine: number; figures: number; recommendations: number; body: number };
}

/**
 * The memo of a planned deck. Pure. The memo stands on the deck's bottom line: a version
 * with no bluf slide is an error saying what to add.
 */
export function memoContent(plan: PlannedDeck, deckFile: string): MemoContent {
  const slides = plan.slides.flatMap((p) => (p.kind === 'content' ? [p.slide] : []));
  const portion = portionOf(plan);
  const bluf = slides.filter((s) => s.data?.kind === 'bluf');
  if (bluf.length === 0) {
    const message = `the ${plan.audience.name} memo is built from the deck's bottom line, but this version has no bluf slide: add one ("## Bottom line {layout=bluf}" with the key judgments as a list), or give the existing one to this audience`;
    throw new BriefdeckError('bad-input', message, [{ file: deckFile, message, severity: 'error' }]);
  }
  const bottomLine: MemoContent['bottomLine'] = { lead: [], judgments: [] };
  for (const slide of bluf) {
    if (slide.data?.kind !== 'bluf') continue;
    if (hasText(slide.data.lead)) bottomLine.lead.push({ blocks: slide.data.lead, portion: portion(slide) });
    for (const j of slide.data.judgments) bottomLine.judgments.push({ text: [...j.text], estimate: j.estimate, confidence: j.confidence, portion: portion(slide) });
  }
  // A figure shown on two slides (the key figures, then a pillar's) is listed once, where it first appears.
  const seen = new Set<string>();
  const figures = slides
    .flatMap((s) => (s.data?.kind === 'figures' ? s.data.items.map((i) => ({ value: i.lead, label: i.text, portion: portion(s) })) : []))
    .filter((f) => !seen.has(plainText(f.value).trim()) && Boolean(seen.add(plainText(f.value).trim())));
  const recommendations = slides.flatMap((s) =>
    s.data?.kind === 'recommendations' ? s.data.items.map((i) => ({ number: i.number, title: i.title, text: i.text, owner: i.owner, priority: i.priority, portion: portion(s) })) : [],
  );
  const body = slides.flatMap((s) => {
    const blocks = [...(s.memo ? s.body : []), ...(s.memoText ?? [])];
    return hasText(blocks) ? [{ title: s.title, blocks, portion: portion(s) }] : [];
  });
  const tokens = [
    ...bottomLine.lead.flatMap((l) => l.blocks),
    ...bottomLine.judgments.flatMap((j) => j.text),
    ...figures.flatMap((f) => [...f.value, ...f.label]),
    ...recommendations.flatMap((r) => [...(r.title ?? []), ...r.text]),
    ...body.flatMap((b) => b.blocks),
  ];
  const cited = citedIds(tokens);
  const info = plan.info;
  return {
    title: info.title,
    subtitle: info.subtitle,
    abstract: (info as { abstract?: string }).abstract,
    asOf: info.date,
    author: info.author,
    organisation: info.organisation,
    audienceLabel: plan.audience.label ?? plan.audience.name,
    preparedFor: info.preparedFor,
    lang: info.lang,
    draft: info.status === 'draft',
    marking: plan.marking ? formatMarking(plan.marking) : undefined,
    bottomLine,
    figures,
    recommendations,
    body,
    sources: plan.sources.filter((s) => cited.has(s.source.id)),
    words: {
      bottomLine: wordCount([...bottomLine.lead.flatMap((l) => l.blocks), ...bottomLine.judgments.flatMap((j) => j.text)]),
      figures: wordCount(figures.flatMap((f) => [...f.value, ...f.label])),
      recommendations: wordCount(recommendations.flatMap((r) => [...(r.title ?? []), ...r.text])),
      body: wordCount(body.flatMap((b) => b.blocks)),
    },
  };
}

/**
 * The portion mark a paragraph from this slide carries, as documents mark portions: the
 * slide's own marking, else the deck's classification; none when nothing is marked.
 */
function portionOf(plan: PlannedDeck): (slide: Slide) => string | undefined {
  const deck = validMarking(plan.info.classification);
  return (slide) => {
    const marking = validMarking(slide.marking) ?? deck;
    return marking ? portionMark(marking) : undefined;
  };
}

/** Every source id cited anywhere in these tokens, nested ones included. */
function citedIds(tokens: Token[]): Set<string> {
  const ids = new Set<string>();
  walk(tokens, (t) => {
    if (t.type === 'citation') for (const ref of (t as CitationToken).refs) ids.add(ref.id);
  });
  return ids;
}

function wordCount(tokens: Token[]): number {
  let words = 0;
  walk(tokens, (t) => {
    if (t.type === 'text' && !('tokens' in t && Array.isArray(t.tokens) && t.tokens.length)) words += (t as { text: string }).text.split(/\s+/).filter(Boolean).length;
  });
  return words;
}

function hasText(tokens: Token[]): boolean {
  return tokens.some((t) => t.type !== 'space');
}

/** Visits tokens depth-first: inline tokens, list items, table cells. */
export function walk(tokens: Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    const t = token as { tokens?: Token[]; items?: { tokens: Token[] }[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
    if (t.tokens) walk(t.tokens, visit);
    if (t.items) for (const item of t.items) walk(item.tokens, visit);
    if (t.header) for (const cell of t.header) walk(cell.tokens, visit);
    if (t.rows) for (const row of t.rows) for (const cell of row) walk(cell.tokens, visit);
  }
}
