import type { ChartData } from '../../model.js';
import type { SlideMarkdown } from './markdown-html.js';
import type { ChartArt } from './chart-svg.js';

/**
 * What chart.hbs reads: the drawn SVG, the takeaway and source lines as HTML, and the
 * data as a table for screen readers (visually hidden on the slide, read aloud and
 * carried into the PDF's tags).
 */
export function chartView(chart: ChartData, md: SlideMarkdown, charts: ChartArt) {
  const svg = charts.get(chart);
  // drawCharts runs before rendering; a chart missing here is a caller's mistake, not the brief's.
  if (svg === undefined) throw new Error(`chart "${chart.summary}" was not drawn before rendering (call drawCharts first)`);
  const unit = chart.unit ? ` (${chart.unit})` : '';
  return {
    svgHtml: svg,
    summary: chart.summary,
    leadHtml: chart.lead.length > 0 ? md.block(chart.lead) : null,
    sourceHtml: md.inline(chart.source),
    table: {
      caption: chart.summary,
      head: [chart.categoryName, ...chart.series.map((s) => s.name + unit)],
      rows: chart.categories.map((category, i) => ({
        category,
        values: chart.series.map((s) => s.values[i]!.toLocaleString('en-US', { maximumFractionDigits: 6 })),
      })),
    },
  };
}
