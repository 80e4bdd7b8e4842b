import type { ChartData } from '../../model.js';
import { chartStyle, seriesColours } from './chart-style.js';

/** A vega-lite specification, as plain JSON (vega-lite's own types load only with vega-lite). */
export type VegaLiteSpec = Record<string, unknown>;

/** One value of the chart in long form: category, series, value and their written order. */
interface Datum {
  c: string;
  s: string;
  v: number;
  i: number;
  k: number;
}

/**
 * The vega-lite specification of a chart in the house style, sized to the slide. Pure.
 * Categories keep the order written (never sorted); values start at zero for bars and
 * areas (lengths must be honest) and may not for lines and dots.
 */
export function chartSpec(chart: ChartData, size: { width: number; height: number }): VegaLiteSpec {
  const values: Datum[] = chart.series.flatMap((s, k) => s.values.map((v, i) => ({ c: chart.categories[i]!, s: s.name, v, i, k })));
  const names = chart.series.map((s) => s.name);
  const several = names.length > 1;
  const stacked = chart.chart === 'stacked-bar' || chart.chart === 'area';
  const yTitle = [chart.yTitle, chart.unit && `(${chart.unit})`].filter(Boolean).join(' ') || null;
  const x = {
    field: 'c',
    type: 'ordinal',
    sort: chart.categories,
    title: chart.xTitle || null,
    axis: categoryAxis(chart.categories, size.width),
    ...(chart.chart === 'line' || chart.chart === 'area' ? { scale: { padding: 0.3 } } : {}),
  };
  const y = {
    field: 'v',
    type: 'quantitative',
    title: yTitle,
    stack: stacked ? 'zero' : null,
    scale: chart.chart === 'line' || chart.chart === 'dot' ? { zero: false, nice: true, padding: 24 } : { zero: true, nice: true },
    axis: { tickCount: 6, format: ',' },
  };
  const color = {
    field: 's',
    type: 'nominal',
    sort: names,
    scale: { domain: names, range: seriesColours(names.length) },
    title: null,
    legend: several ? { orient: 'top', direction: 'horizontal', symbolSize: 500, symbolStrokeWidth: 6 } : null,
  };
  const encoding: Record<string, unknown> = { x, y, color, order: { field: 'k', type: 'quantitative' } };
  if (chart.chart === 'bar' && several) encoding.xOffset = { field: 's', type: 'nominal', sort: names };
  const highlight = highlightTest(chart);
  // Lines and areas are one mark per series: only a series can be subdued (a category gets a rule).
  if (highlight && (chart.highlight?.series !== undefined || (chart.chart !== 'line' && chart.chart !== 'area'))) {
    encoding.opacity = { condition: { test: highlight, value: 1 }, value: chartStyle.subdued };
  }
  const layers: Record<string, unknown>[] = [{ mark: markOf(chart), encoding }];
  if (chart.highlight?.category !== undefined) layers.push(...categoryMarkers(chart, x, y));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: size.width,
    height: size.height,
    autosize: { type: 'fit', contains: 'padding' },
    background: null,
    padding: { top: 8, right: 8, bottom: 4, left: 4 },
    data: { values },
    layer: layers,
    config: houseConfig(),
  };
}

/**
 * The category axis: every label shown, whole, when there are few (a long one broken onto
 * two lines to fit its band); with many (a long time series), vega drops labels that
 * would overlap. vega estimates text widths without a font, generously: no label is cut.
 */
function categoryAxis(categories: string[], width: number): Record<string, unknown> {
  const base = { labelAngle: 0, labelLimit: 0 };
  if (categories.length > 12) return { ...base, labelOverlap: 'greedy' };
  const band = width / categories.length;
  const wrapped = Object.fromEntries(categories.flatMap((c) => (textWidth(c) > band - 24 ? [[c, twoLines(c)]] : [])));
  if (Object.keys(wrapped).length === 0) return { ...base, labelOverlap: false };
  return { ...base, labelOverlap: false, labelExpr: `${JSON.stringify(wrapped)}[datum.label] || datum.label` };
}

/** Width of a label in slide pixels, at the label size, by the house font's average letter width. */
function textWidth(text: string): number {
  return text.length * chartStyle.labelSize * 0.5;
}

/** A label broken at the space nearest its middle. */
function twoLines(text: string): string[] {
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index!);
  if (spaces.length === 0) return [text];
  const cut = spaces.reduce((best, i) => (Math.abs(i - text.length / 2) < Math.abs(best - text.length / 2) ? i : best));
  return [text.slice(0, cut), text.slice(cut + 1)];
}

function markOf(chart: ChartData): Record<string, unknown> {
  switch (chart.chart) {
    case 'bar':
    case 'stacked-bar':
      return { type: 'bar', cornerRadiusEnd: 0 };
    case 'line':
      return { type: 'line', strokeWidth: 6, point: { filled: true, size: 260 } };
    case 'area':
      return { type: 'area', opacity: 0.85, line: { strokeWidth: 3 } };
    case 'dot':
      return { type: 'point', filled: true, size: 700, opacity: 1 };
  }
}

/** A vega expression true for what is highlighted. */
function highlightTest(chart: ChartData): string | undefined {
  const h = chart.highlight;
  if (h?.series !== undefined) return `datum.s === ${JSON.stringify(h.series)}`;
  if (h?.category !== undefined) return `datum.c === ${JSON.stringify(h.category)}`;
  return undefined;
}

/** A highlighted category: a rule across it (lines and areas) and its value written above it (one series). */
function categoryMarkers(chart: ChartData, x: Record<string, unknown>, y: Record<string, unknown>): Record<string, unknown>[] {
  const only = { filter: highlightTest(chart)! };
  const layers: Record<string, unknown>[] = [];
  if (chart.chart === 'line' || chart.chart === 'area') {
    layers.push({ transform: [only], mark: { type: 'rule', strokeWidth: 3, strokeDash: [10, 8], color: chartStyle.accent }, encoding: { x } });
  }
  if (chart.series.length === 1) {
    layers.push({
      transform: [only],
      mark: { type: 'text', dy: -26, fontSize: chartStyle.titleSize, fontWeight: 700, color: chartStyle.ink },
      encoding: { x, y: { ...y, stack: null }, text: { field: 'v', type: 'quantitative', format: ',' } },
    });
  }
  return layers;
}

/** House fonts, colours and sizes for every part of a chart. */
function houseConfig(): Record<string, unknown> {
  const s = chartStyle;
  return {
    aria: false,
    font: s.font,
    view: { stroke: null },
    axis: {
      labelFont: s.font,
      labelFontSize: s.labelSize,
      labelColor: s.muted,
      labelPadding: 10,
      titleFont: s.font,
      titleFontSize: s.titleSize,
      titleFontWeight: 600,
      titleColor: s.ink,
      titlePadding: 16,
      domainColor: s.muted,
      domainWidth: 2,
      tickColor: s.muted,
      tickSize: 8,
      gridColor: s.rule,
      gridWidth: 1,
    },
    axisX: { grid: false },
    axisY: { domain: false, ticks: false },
    legend: { labelFont: s.font, labelFontSize: s.labelSize, labelColor: s.ink, labelLimit: 600, labelOffset: 14, columnPadding: 40, padding: 0, offset: 18 },
    bar: { discreteBandSize: { band: 0.7 } },
    text: { font: s.font },
  };
}
