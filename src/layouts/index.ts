import type { LayoutData, ParsedDeck, Slide } from '../model.js';
import type { Problems } from '../kernel/problem.js';
import { bluf } from './bluf.js';
import { figures, timeline } from './figures.js';
import { quote } from './quote.js';
import { comparison } from './comparison.js';
import { table } from './table.js';
import { image } from './image.js';
import { recommendations } from './recommendations.js';
import { chart } from './chart.js';

/**
 * A layout plugin reads its slide once, after parsing: it checks the slide's markdown
 * (problems at the item's file and line) and returns typed data that every renderer
 * (HTML, and any other) draws from. Renderers never read a slide's body again.
 */
export interface LayoutPlugin {
  read(slide: Slide, problems: Problems): LayoutData;
}

/** Layouts whose template needs only the slide's title and body (bullets, section, a house layout). */
export const plainLayout: LayoutPlugin = { read: () => ({ kind: 'plain' }) };

/** The built-in layouts that read structure from their slide. */
const builtInLayouts: ReadonlyMap<string, LayoutPlugin> = new Map([
  ['bullets', plainLayout],
  ['section', plainLayout],
  ['bluf', bluf],
  ['figures', figures],
  ['timeline', timeline],
  ['quote', quote],
  ['comparison', comparison],
  ['table', table],
  ['image', image],
  ['recommendations', recommendations],
  ['chart', chart],
]);

/**
 * Which plugin reads each layout. Open: a caller (a house style with a layout of its own)
 * adds plugins; a layout with a template and no plugin is plain, by this one rule.
 */
export class LayoutRegistry {
  private readonly plugins: Map<string, LayoutPlugin>;

  constructor(extra: Iterable<[string, LayoutPlugin]> = []) {
    this.plugins = new Map([...builtInLayouts, ...extra]);
  }

  pluginFor(layout: string): LayoutPlugin {
    return this.plugins.get(layout) ?? plainLayout;
  }
}

/** The layouts stage: each slide read once by its layout's plugin. Pure; returns new slides. */
export function readLayouts(parsed: ParsedDeck, problems: Problems, registry = new LayoutRegistry()): ParsedDeck {
  const slides = parsed.slides.map((slide) => ({ ...slide, data: registry.pluginFor(slide.layout).read(slide, problems) }));
  return { ...parsed, slides };
}
