import type { Token } from 'marked';
import type { Slide } from '../slide.js';
import type { Problems } from '../problem.js';
import { bluf } from './bluf.js';
import { figures, timeline } from './figures.js';
import { quote } from './quote.js';
import { comparison } from './comparison.js';
import { table } from './table.js';
import { image } from './image.js';
import { recommendations } from './recommendations.js';

/** Turns tokens into HTML for one planned deck (citations numbered, raw HTML sanitised). */
export interface SlideMarkdown {
  block(tokens: Token[]): string;
  inline(tokens: Token[]): string;
}

/**
 * What a layout adds to the generic slide view: structure read from the slide's
 * markdown (big numbers, dated entries, columns...). `check` runs at parse time so a
 * malformed slide is an error with its line; `view` runs at render time and its result
 * is what the layout template reads as `slide.data`.
 */
export interface LayoutReader {
  check?(slide: Slide, problems: Problems): void;
  view?(slide: Slide, md: SlideMarkdown): Record<string, unknown>;
}

/** Layouts whose template only needs the slide's title and rendered body. */
const plain: LayoutReader = {};

/** Layout name -> how to read it; every layout has a template `templates/layouts/<name>.hbs`. */
const layoutReaders: Record<string, LayoutReader> = {
  bullets: plain,
  section: plain,
  bluf,
  figures,
  timeline,
  quote,
  comparison,
  table,
  image,
  recommendations,
};

/** Generated layouts: never written with `layout=` in a brief. */
export const generatedLayouts = new Set(['title', 'agenda', 'sources']);

export function readerFor(layout: string): LayoutReader {
  return layoutReaders[layout] ?? plain;
}
