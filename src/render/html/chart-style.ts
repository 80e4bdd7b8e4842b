/**
 * The house look of a chart, in the house theme's own values (templates/themes/house.css;
 * tests/chart.test.ts checks that they still agree). Sizes are slide pixels: a chart is
 * drawn at the size it is shown, so its smallest text (tick labels) is really
 * `labelSize` px on the 1920x1080 canvas, above the theme's minimum (--bd-min-size).
 */
export const chartStyle = {
  font: "'Source Sans 3', 'Noto Sans JP', sans-serif", // --bd-font
  ink: '#1d232b', // --bd-ink: axis titles, value labels
  muted: '#4f5966', // --bd-muted: tick labels, axis lines
  rule: '#c9d1db', // --bd-rule: grid lines
  accent: '#0b5394', // --bd-accent: a highlighted series or point
  /** Series colours in order: navy and accent first, then blues and slates, each 3:1 or more on white. */
  series: ['#13294b', '#0b5394', '#4f5966', '#2f7ab9', '#6a7b8f', '#5a3e8c'],
  /** What is not highlighted, when something is. */
  subdued: 0.3,
  labelSize: 28,
  titleSize: 30,
  minTextSize: 24, // --bd-min-size
  /** The chart's area on the slide: the frame's width (1920 - 2 x 96) and what is left under the title. */
  width: 1728,
  height: 680,
  /** Height given up to a takeaway line written above the chart. */
  leadHeight: 90,
} as const;

/** A chart's series colours: one per series, in the order written. */
export function seriesColours(count: number): string[] {
  return chartStyle.series.slice(0, count);
}
