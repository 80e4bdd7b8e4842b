import { parseBrief } from './brief.js';
import { checkCitations, collectSources, suggest } from './source.js';
import type { Problems } from '../kernel/problem.js';
import { warnAboutBriefHtml } from './brief-html.js';
import { uniqueSlideIds } from './slide-id.js';
import type { DeclaredSource, LoadedBrief, LoadedDeck, ParsedDeck, Slide, SourceGaps } from '../model.js';

/** Generated layouts: never written with `layout=` in a brief. */
export const generatedLayouts = new Set(['title', 'agenda', 'sources']);

/** Parse stage for a deck: all briefs in manifest order; ids and citations checked. Pure. */
export function parseDeck(deck: LoadedDeck, problems: Problems): ParsedDeck {
  const layouts = new Set(deck.templates.layoutNames.filter((name) => !generatedLayouts.has(name)));
  const slides = deck.briefs.flatMap((brief) => parseBrief(brief, { layouts }, problems));
  if (deck.briefs.length > 1) labelByBrief(deck.briefs, slides);
  const declared = [
    ...deck.sources,
    ...deck.briefs.flatMap((b) =>
      (b.frontMatter.sources ?? []).map((source) => ({ source, file: b.file, line: b.sourceLines.get(source.id) ?? 1 })),
    ),
    ...deck.briefs.flatMap((b) => (b.bibliography ?? []).map((d) => ({ ...d, bibliography: true }))),
  ];
  const sources = collectSources(declared, problems);
  checkCitations(slides, sources, problems, sourceGapsOf(deck));
  uniqueSlideIds(slides, problems);
  checkSlideAudiences(slides, deck, problems);
  warnAboutBriefHtml(deck.briefs, slides, problems);
  return { deck, slides, sources };
}

/**
 * `audience="..."` names profiles: the deck's own and every profile file the templates have.
 * A misspelt name is an error at its slide, not a slide that quietly reaches no audience.
 */
function checkSlideAudiences(slides: Slide[], deck: LoadedDeck, problems: Problems): void {
  const known = [...new Set([...deck.audiences.map((a) => a.name), ...deck.templates.audienceLayers.keys()])].sort();
  for (const slide of slides) {
    for (const name of slide.audiences) {
      if (!known.includes(name)) problems.error(slide.file, slide.line, `audience="${slide.audiences.join(' ')}" names an unknown audience "${name}"${suggest(name, known, 'no audience profiles are known')}`);
    }
  }
}

/**
 * In a deck of several briefs, a slide outside any `# section` belongs to its brief: the
 * brief's title is its section, shown above the slide title and listed in the agenda.
 */
function labelByBrief(briefs: LoadedDeck['briefs'], slides: Slide[]): void {
  const titles = new Map(briefs.map((b) => [b.file, b.frontMatter.title]));
  for (const slide of slides) {
    if (slide.kind === 'slide' && slide.section === undefined) slide.section = titles.get(slide.file);
  }
}

/** The deck's gaps plus those of briefs whose front matter failed validation. */
function sourceGapsOf(deck: LoadedDeck): SourceGaps {
  const gaps: SourceGaps = { invalidIds: new Set(deck.sourceGaps?.invalidIds), unreadable: [...(deck.sourceGaps?.unreadable ?? [])] };
  for (const brief of deck.briefs) {
    brief.invalidFrontMatter?.invalidSourceIds.forEach((id) => gaps.invalidIds.add(id));
    if (brief.invalidFrontMatter?.sourcesUnreadable) gaps.unreadable.push(brief.file);
  }
  return gaps;
}
