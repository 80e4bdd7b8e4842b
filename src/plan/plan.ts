
import type { AudienceProfile, Source } from '../load/schema.js';

import { detailRank, selectSlides } from './audience.js';
import { restrictedTags } from './release.js';
import { Problems } from '../kernel/problem.js';
import { resolveSettings, type Settings, type SettingsLayer } from '../load/settings.js';
import { highestMarking, validMarking, type Marking } from '../load/marking.js';
import type { ParsedDeck, Slide } from '../model.js';
import type { AgendaItem, NumberedSource, PlannedDeck, PlannedSlide } from '../model.js';

/** How many printed lines of entries one Sources slide holds before it continues on the next. */
const sourceLinesPerSlide = 20;

/**
 * Splits the cited sources into Sources slides by the lines each entry takes (a long
 * title or URL wraps), so a slide never overflows. Returns each page's end index.
 */
export function pageSources(list: Source[]): number[] {
  const ends: number[] = [];
  let used = 0;
  list.forEach((s, i) => {
    const lines = entryLines(s);
    if (used > 0 && used + lines > sourceLinesPerSlide) {
      ends.push(i);
      used = 0;
    }
    used += lines;
  });
  if (list.length) ends.push(list.length);
  return ends;
}

/** Lines an entry takes at the theme's size: about 130 characters a line, the URL on its own lines. */
function entryLines(s: Source): number {
  const text = [s.author, s.title, s.publisher, s.date].filter(Boolean).join(', ');
  return Math.ceil(text.length / 130) + (s.url ? Math.ceil(s.url.length / 150) : 0) + 0.5;
}

/**
 * Plan stage: applies an audience profile to a parsed deck. Selects and orders slides,
 * generates the title, agenda and Sources slides, numbers citations by first use and
 * enforces the slide budget. Pure.
 */
export function planDeck(parsed: ParsedDeck, audience: AudienceProfile, cli: SettingsLayer = {}): PlannedDeck {
  const problems = new Problems();
  const { deck } = parsed;
  // The one settings merge (settings.ts); every theme a layer names was checked at load.
  const info = resolveSettings({ house: deck.house, branding: deck.branding, manifest: deck.info, audience, briefs: deck.briefs, cli });
  const markingOf = slideMarkings(parsed, info);
  const restricted = restrictedTags(deck.restrictedTags);
  const { kept, dropped, errors } = selectSlides(parsed.slides, audience, markingOf, restricted);
  for (const { slide, message } of errors) problems.error(slide.file, slide.line, message);
  const main = kept.filter((s) => !s.backup);
  const appendix = kept.filter((s) => s.backup);

  // A source cited only in notes this version does not show is not listed in it.
  const numbers = numberCitations([...main, ...appendix], audience.notes);
  const cited = [...numbers].map(([id, number]) => ({ number, source: parsed.sources.get(id)! }));
  const chunks = audience.sourcesSlide ? pageSources(cited.map((c) => c.source)) : [];
  const pages = chunks.length;
  const sourcesSlideId = (page: number) => (page === 1 ? 'sources' : `sources-${page}`);
  const pageOf = (i: number) => chunks.findIndex((c) => i < c) + 1;
  const sources: NumberedSource[] = cited.map((c, i) => ({ ...c, slideId: pages ? sourcesSlideId(pageOf(i)) : 'sources' }));

  const slides: PlannedSlide[] = [{ kind: 'title', id: 'title', layout: 'title', title: info.title, backup: false }];
  const items = agendaItems(main);
  if (audience.agenda && items.length >= 2) {
    slides.push({ kind: 'agenda', id: 'agenda', layout: 'agenda', title: 'Agenda', backup: false, items });
  }
  slides.push(...main.map(content));
  for (let page = 1; page <= pages; page++) {
    const entries = sources.slice(chunks[page - 2] ?? 0, chunks[page - 1]);
    const title = pages > 1 ? `Sources (${page} of ${pages})` : 'Sources';
    slides.push({ kind: 'sources', id: sourcesSlideId(page), layout: 'sources', title, backup: false, entries, page, pages });
  }
  slides.push(...appendix.map(content));

  const counted = slides.filter((s) => !s.backup);
  checkBudget(counted, audience, deck.file, problems);
  const present = kept.filter((s) => s.kind === 'slide').map(markingOf);
  const marking = bannerMarking([validMarking(audience.marking), ...(present.length ? present : [validMarking(info.classification)])]);
  const budget = { maxSlides: audience.maxSlides, counted: counted.length, overBudget: audience.overBudget };
  // A restricted tag says what versions hold back: no version lists one among the deck's tags
  // (the PDF's and the PowerPoint's keywords are drawn from them).
  const tags = info.tags.filter((t) => !restricted.includes(t.toLowerCase()));
  return { info: { ...info, tags }, audience, slides, sources, dropped, restrictedTags: restricted, marking, budget, problems: problems.list };
}

/**
 * Each slide's marking: its own portion mark, else its brief's classification, else the
 * deck's. The audience profile's `marking` is not a fallback: it is the floor of the banner.
 */
function slideMarkings(parsed: ParsedDeck, info: Settings): (slide: Slide) => Marking | undefined {
  const byBrief = new Map(parsed.deck.briefs.map((b) => [b.file, b.frontMatter.classification]));
  return (slide) => validMarking(slide.marking ?? byBrief.get(slide.file) ?? info.classification);
}

function bannerMarking(markings: (Marking | undefined)[]): Marking | undefined {
  const present = markings.filter((m): m is Marking => m !== undefined);
  return present.length ? highestMarking(present) : undefined;
}

/** The deck's parts in order: `# sections`, or in a deck of several briefs, the briefs. */
function agendaItems(main: Slide[]): AgendaItem[] {
  const items: AgendaItem[] = [];
  for (const slide of main) {
    const title = slide.kind === 'section' ? slide.title : slide.section;
    if (title !== undefined && items.at(-1)?.title !== title) items.push({ title, slideId: slide.id });
  }
  return items;
}

function content(slide: Slide): PlannedSlide {
  return { kind: 'content', id: slide.id, layout: slide.layout, title: slide.title, backup: slide.backup, slide };
}

/** Numbers sources in order of first use across the deck, counting citations in notes too (when the version shows notes). */
export function numberCitations(slides: Slide[], withNotes = true): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const slide of slides) {
    const ordered = [...slide.citations.filter((c) => !c.inNotes), ...(withNotes ? slide.citations.filter((c) => c.inNotes) : [])];
    for (const cite of ordered) if (!numbers.has(cite.id)) numbers.set(cite.id, numbers.size + 1);
  }
  return numbers;
}

/** The slide budget counts every slide before the appendix (`counted`), generated ones included. */
function checkBudget(counted: PlannedSlide[], audience: AudienceProfile, file: string, problems: Problems): void {
  if (audience.maxSlides === undefined) return;
  const over = counted.length - audience.maxSlides;
  if (over <= 0) return;
  // Deepest detail first, then latest in the deck: what a principal's version can best lose.
  const candidates = counted
    .filter((s): s is Extract<PlannedSlide, { kind: 'content' }> => s.kind === 'content' && s.slide.kind === 'slide')
    .map((s, i) => ({ s, i }))
    .sort((a, b) => detailRank[b.s.slide.detail] - detailRank[a.s.slide.detail] || b.i - a.i)
    .slice(0, Math.max(over, 3))
    .map(({ s }) => `"${s.title}" (${s.slide.file}:${s.slide.line}, detail=${s.slide.detail})`);
  const message =
    `audience ${audience.name} allows ${audience.maxSlides} slides but gets ${counted.length}; ` +
    `cut ${over}. Candidates: ${candidates.join(', ')}. Or raise maxSlides, or set overBudget: warn in the profile`;
  if (audience.overBudget === 'warn') problems.warn(file, undefined, message);
  else problems.error(file, undefined, message);
}
