import type { ChartData } from '../model.js';

const kindNames: Record<ChartData['chart'], string> = {
  bar: 'Bar chart',
  'stacked-bar': 'Stacked bar chart',
  line: 'Line chart',
  area: 'Area chart',
  dot: 'Dot chart',
};

/**
 * One plain sentence on what a chart shows, for a screen reader (the SVG's <desc>) and
 * any renderer's alt text: the kind, the series, the span of categories, and each
 * series' first and last value, lowest and highest.
 * "Line chart of Defence budget (¥ trillion) by Fiscal year, 2022 to 2027. Defence budget: 5.4 in 2022 to 8.9 in 2027 (lowest 5.4, highest 8.9)."
 */
export function chartSummary(chart: ChartData): string {
  const { categories, series } = chart;
  if (categories.length === 0 || series.length === 0) return `${kindNames[chart.chart]} with no data.`;
  const unit = chart.unit ? ` (${chart.unit})` : '';
  const what = series.length === 1 ? `${series[0]!.name}${unit}` : `${listed(series.map((s) => s.name))}${unit}`;
  const span = categories.length === 1 ? categories[0] : `${categories[0]} to ${categories[categories.length - 1]}`;
  const parts = series.map((s) => {
    const first = s.values[0]!;
    const last = s.values[s.values.length - 1]!;
    const low = Math.min(...s.values);
    const high = Math.max(...s.values);
    const path = categories.length === 1 ? `${number(first)}` : `${number(first)} in ${categories[0]} to ${number(last)} in ${categories[categories.length - 1]}`;
    return `${s.name}: ${path} (lowest ${number(low)}, highest ${number(high)}).`;
  });
  const highlight = chart.highlight?.series ?? chart.highlight?.category;
  const marked = highlight ? ` ${highlight} is highlighted.` : '';
  return `${kindNames[chart.chart]} of ${what} by ${chart.categoryName}, ${span}. ${parts.join(' ')}${marked}`;
}

/** "Bar chart", "Line chart"...: what kind of chart this is, in words. */
export function chartKindName(chart: ChartData): string {
  return kindNames[chart.chart];
}

function listed(names: string[]): string {
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function number(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
