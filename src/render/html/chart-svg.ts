import type { ChartData, ParsedDeck } from '../../model.js';
import { chartSpec } from './chart-spec.js';
import { chartStyle } from './chart-style.js';
import { chartKindName } from '../../layouts/chart-summary.js';

/** Each chart's inline SVG, by the chart's data (drawn once per deck, shown in every version). */
export type ChartArt = ReadonlyMap<ChartData, string>;

export const noCharts: ChartArt = new Map();

/** The area a chart is drawn in: the whole body, less a takeaway line when there is one. */
function chartSize(chart: ChartData): { width: number; height: number } {
  return { width: chartStyle.width, height: chartStyle.height - (chart.lead.length > 0 ? chartStyle.leadHeight : 0) };
}

/**
 * Draws every chart of a deck to SVG with vega-lite and vega's headless SVG renderer
 * (`View.toSVG()`, renderer 'none': no browser, no canvas, no network). vega loads only
 * when a deck has a chart, so other builds do not pay for it.
 */
export async function drawCharts(parsed: ParsedDeck): Promise<ChartArt> {
  const charts = parsed.slides.flatMap((s) => (s.data?.kind === 'chart' ? [{ id: s.id, title: s.title, chart: s.data }] : []));
  if (charts.length === 0) return noCharts;
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const art = new Map<ChartData, string>();
  for (const { id, title, chart } of charts) {
    // Clip-path ids restart for every chart, and get the slide's id in front: unique in the deck, the same every build.
    vega.resetSVGDefIds();
    const spec = vegaLite.compile(chartSpec(chart, chartSize(chart)) as never).spec;
    const view = new vega.View(vega.parse(spec), { renderer: 'none', logLevel: vega.Error });
    try {
      art.set(chart, accessibleSvg(await view.toSVG(), `bd-chart-${id}`, `${title}: ${chartKindName(chart).toLowerCase()}`, chart));
    } finally {
      view.finalize();
    }
  }
  return art;
}

/**
 * vega's SVG made fit for the slide: the root carries role="img" and is labelled by a
 * <title> (the slide's chart summary lead) and a <desc>; its internal ids are prefixed so
 * that ten charts in one page do not share a clip path. Anything that could fetch or run
 * (a script, a foreign object, an external reference) is refused: it would be our bug.
 *
 * vega writes ARIA of its own inside (mark containers as role="graphics-symbol" or
 * "graphics-object" with an aria-roledescription, axes aria-hidden), even with
 * `config.aria: false`. Inside an image those roles mean nothing (its children are
 * presentational), yet they are graphics with no name to axe-core (svg-img-alt): the chart
 * is one picture, named by its title and description, so every role and aria-* attribute
 * below the root is dropped.
 */
export function accessibleSvg(svg: string, prefix: string, title: string, chart: ChartData): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('vega produced no SVG');
  const size = /\bwidth="([\d.]+)" height="([\d.]+)" viewBox="([^"]+)"/.exec(open[0]);
  const [, width, height, viewBox] = size ?? [];
  const body = svg
    .slice(open[0].length)
    .replace(/\b(id="|url\(#)((?:clip|gradient|pattern)[\w-]*)/g, `$1${prefix}-$2`)
    .replace(/<[^>]*>/g, (tag) => tag.replace(/\s(?:role|aria-[\w-]+)="[^"]*"/g, ''));
  // Text is escaped by vega's SVG writer; what must not appear is in the tags themselves.
  const unsafe = (body.match(/<[^>]*>/g) ?? []).find((tag) => /^<\/?(?:script|foreignObject|image|use|a|style|iframe)\b|\s(?:on\w+|href|xlink:href)=|url\((?!#)|javascript:/i.test(tag));
  if (unsafe) throw new Error(`chart SVG holds ${unsafe}, which a deck may not carry`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="bd-chart-svg" width="${width}" height="${height}" viewBox="${viewBox}" role="img" aria-labelledby="${prefix}-title ${prefix}-desc">` +
    `<title id="${prefix}-title">${escapeXml(title)}</title><desc id="${prefix}-desc">${escapeXml(chart.summary)}</desc>` +
    body
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
