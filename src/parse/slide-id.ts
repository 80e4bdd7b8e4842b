import type { Problems } from '../kernel/problem.js';
import type { Slide } from '../model.js';

/**
 * Ids briefdeck gives to what it generates, which a slide may not take: the title, agenda
 * and Sources slides (`sources-2`... when the list runs over several slides), each source's
 * list entry (`source-ID`, the target of citation links), each handout entry
 * (`handout-ID`) and the page's own elements (`briefdeck-config`, `briefdeck-problems`).
 * A slide holding one of them broke the deck or sent citation links to the wrong place.
 */
export function reservedIdReason(id: string): string | undefined {
  if (id === 'title' || id === 'agenda') return `the generated ${id} slide`;
  if (id === 'sources' || /^sources-\d+$/.test(id)) return 'the generated Sources slides';
  if (id.startsWith('source-')) return "each source's entry on the Sources slide";
  if (id.startsWith('handout-')) return "each slide's entry in the handout";
  if (id.startsWith('briefdeck-')) return "the page's own elements";
  return undefined;
}

/**
 * Explicit `{#id}`s must be unique and not reserved (an error at the heading's line); ids
 * made from titles get `slide-` in front when reserved and a numeric suffix when taken.
 * Each title's next suffix is remembered, so 20,000 slides of one title stay linear.
 */
export function uniqueSlideIds(slides: Slide[], problems: Problems): void {
  const seen = new Map<string, Slide>();
  for (const slide of slides.filter((s) => s.explicitId)) {
    const reserved = reservedIdReason(slide.id);
    const first = seen.get(slide.id);
    if (reserved) problems.error(slide.file, slide.line, `slide id "#${slide.id}" is reserved: briefdeck uses it for ${reserved}; pick another id`);
    else if (first) problems.error(slide.file, slide.line, `slide id "#${slide.id}" is already used at ${first.file}:${first.line}`);
    else seen.set(slide.id, slide);
  }
  const nextSuffix = new Map<string, number>();
  for (const slide of slides.filter((s) => !s.explicitId)) {
    const base = reservedIdReason(slide.id) ? `slide-${slide.id}` : slide.id;
    let id = base;
    let n = nextSuffix.get(base) ?? 2;
    while (seen.has(id)) id = `${base}-${n++}`;
    nextSuffix.set(base, n);
    slide.id = id;
    seen.set(id, slide);
  }
}
