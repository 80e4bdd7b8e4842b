import type Module from 'pptxgenjs';
import type { ChartData, ChartKind } from '../../model.js';
import { addParagraphs } from './text-box.js';
import { blockParagraphs, inlineRuns } from './text-runs.js';
import { bodyBox, pt, px } from './theme.js';
import type { Slide, SlideContext } from './slide-context.js';

type ChartOptions = Module.default.IChartOpts;

/** pptxgenjs's chart type for each chart kind: 'dot' is a line chart with markers and no line. */
const chartType: Record<ChartKind, 'bar' | 'line' | 'area'> = { bar: 'bar', 'stacked-bar': 'bar', line: 'line', area: 'area', dot: 'line' };

/**
 * The chart layout as a native PowerPoint chart, editable in PowerPoint (Edit Data opens its
 * numbers): the same categories and series as the HTML's SVG, the axis titles and unit, the
 * highlighted series or category in the accent colour, the lead text above, and the source
 * line (citations kept) below as text.
 */
export function drawChart(slide: Slide, data: ChartData, ctx: SlideContext): void {
  const { theme } = ctx;
  const lead = blockParagraphs(data.lead, ctx.text, { color: theme.ink });
  // The source line as written ("Source: ... [1]"), citations kept as links to the Sources slide.
  const source = [{ runs: inlineRuns(data.source, ctx.text, { color: theme.muted }), level: 0 }];
  let y = bodyBox.y;
  if (lead.length) y += addParagraphs(slide, lead, { x: bodyBox.x, y, w: bodyBox.w, h: 0.9 }, ctx, { start: pt(32), min: 12 }) + px(16);
  const sourceH = 0.5;
  const chartH = Math.max(1.5, bodyBox.y + bodyBox.h - y - sourceH - px(16));
  const series = data.series.map((s) => ({ name: s.name, labels: data.categories, values: s.values }));
  slide.addChart(chartType[data.chart], series, { x: bodyBox.x, y, w: bodyBox.w, h: chartH, ...chartOptions(data, ctx) });
  addParagraphs(slide, source, { x: bodyBox.x, y: y + chartH + px(16), w: bodyBox.w, h: sourceH }, ctx, { start: pt(26), min: 10 });
}

function chartOptions(data: ChartData, ctx: SlideContext): ChartOptions {
  const { theme } = ctx;
  const label = { fontFace: theme.font, color: theme.ink };
  const valueTitle = [data.yTitle, data.unit && !data.yTitle?.includes(data.unit) ? `(${data.unit})` : undefined].filter(Boolean).join(' ');
  const options: ChartOptions = {
    altText: data.summary,
    objectName: 'Chart',
    chartColors: colours(data, ctx),
    showLegend: data.series.length > 1,
    legendPos: 'b',
    legendFontFace: label.fontFace,
    legendFontSize: 14,
    legendColor: theme.ink,
    catAxisLabelFontFace: label.fontFace,
    catAxisLabelFontSize: 14,
    catAxisLabelColor: label.color,
    valAxisLabelFontFace: label.fontFace,
    valAxisLabelFontSize: 14,
    valAxisLabelColor: label.color,
    valGridLine: { color: theme.rule, size: 0.75 },
    catAxisLineColor: theme.rule,
    showCatAxisTitle: Boolean(data.xTitle),
    catAxisTitle: data.xTitle || undefined,
    catAxisTitleColor: theme.muted,
    catAxisTitleFontFace: label.fontFace,
    catAxisTitleFontSize: 14,
    showValAxisTitle: Boolean(valueTitle),
    valAxisTitle: valueTitle || undefined,
    valAxisTitleColor: theme.muted,
    valAxisTitleFontFace: label.fontFace,
    valAxisTitleFontSize: 14,
  };
  switch (data.chart) {
    case 'bar':
      return { ...options, barDir: 'col', barGrouping: 'clustered', barGapWidthPct: 60 };
    case 'stacked-bar':
      return { ...options, barDir: 'col', barGrouping: 'stacked', barGapWidthPct: 60 };
    case 'line':
      return { ...options, lineSize: 3, lineDataSymbol: 'circle', lineDataSymbolSize: 7 };
    case 'area':
      return { ...options, chartColorsOpacity: 70 };
    case 'dot':
      return { ...options, lineSize: 0, lineDataSymbol: 'circle', lineDataSymbolSize: 10 };
    default: {
      const unknown: never = data.chart;
      throw new Error(`internal: the PowerPoint renderer cannot draw a ${String(unknown)} chart`);
    }
  }
}

/**
 * Series colours: the highlighted series in the accent colour and the rest subdued; with a
 * highlighted category (one series), that bar in the accent colour; else the theme's navy,
 * accent and a grey.
 */
function colours(data: ChartData, { theme }: SlideContext): string[] {
  const subdued = theme.rule;
  const { series, category } = data.highlight ?? {};
  if (series) return data.series.map((s) => (s.name === series ? theme.accent : subdued));
  if (category && data.series.length === 1 && (data.chart === 'bar' || data.chart === 'stacked-bar')) {
    // pptxgenjs colours a one-series bar chart's bars one by one from chartColors.
    return data.categories.map((c) => (c === category ? theme.accent : subdued));
  }
  const palette = [theme.navy, theme.accent, theme.muted, theme.rule];
  return data.series.map((_, i) => palette[i % palette.length]!);
}
