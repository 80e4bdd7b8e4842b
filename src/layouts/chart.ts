import type { Token, Tokens } from 'marked';
import type { LayoutPlugin } from './index.js';
import type { ChartData, ChartKind, DataTable, Slide } from '../model.js';
import type { Problems } from '../kernel/problem.js';
import { plainText } from '../parse/brief.js';
import { bodyBlocks } from './list.js';
import { chartSummary } from './chart-summary.js';

export const chartKinds: readonly ChartKind[] = ['bar', 'stacked-bar', 'line', 'area', 'dot'];

/** More points than this in one series would not read on a slide (and slow the build). */
export const maxChartPoints = 500;

/** Series a chart can tell apart by colour (the house palette's length). */
export const maxChartSeries = 6;

/**
 * A chart drawn from data: a markdown table on the slide (first column the categories or
 * dates, each other column a series) or a CSV file beside the brief (`data=budget.csv`,
 * read by the load stage), and a required `Source: ...` line with citations.
 */
export const chart: LayoutPlugin = {
  read(slide, problems) {
    const options = slide.layoutOptions ?? {};
    const kind = readKind(options.kind, slide, problems);
    const tables = bodyBlocks(slide).filter((b) => b.token.type === 'table');
    let source: Token[] | undefined;
    const lead: Token[] = [];
    for (const token of slide.body) {
      if (token.type === 'table') continue;
      if (!source && token.type === 'paragraph' && /^sources?:/i.test((token as Tokens.Paragraph).text)) source = (token as Tokens.Paragraph).tokens;
      else lead.push(token);
    }
    let data: DataTable | undefined;
    if (options.data !== undefined) {
      if (tables[0]) problems.error(slide.file, tables[0].line, `this chart reads its data from "${options.data}"; remove the table, or the data= attribute`);
      data = slide.dataFile;
    } else if (tables.length !== 1) {
      problems.error(slide.file, tables[1]?.line ?? slide.line, `a chart slide holds one markdown table of its data (or names a CSV file: data=figures.csv), not ${tables.length}`);
    } else {
      data = markdownTable(tables[0]!.token as Tokens.Table, tables[0]!.line, slide.file);
    }
    if (!source) problems.error(slide.file, slide.line, 'a chart shows its source: add a line "Source: ... [@id]" under the data');
    else if (!source.some(isCitation)) problems.error(slide.file, sourceLine(slide, source), 'the chart\'s "Source:" line cites no source; cite one with [@id]');

    const grid = data ? readGrid(data, problems) : undefined;
    const unit = options.unit?.trim() || undefined;
    const chartData: ChartData = {
      kind: 'chart',
      chart: kind,
      categoryName: grid?.categoryName ?? '',
      categories: grid?.categories ?? [],
      series: grid?.series ?? [],
      xTitle: options.x ?? grid?.categoryName ?? '',
      yTitle: options.y ?? (grid?.series.length === 1 ? grid.series[0]!.name : undefined),
      unit,
      source: source ?? [],
      lead,
      summary: '',
    };
    if (options.highlight !== undefined && grid) chartData.highlight = readHighlight(options.highlight, chartData, slide, problems);
    chartData.summary = chartSummary(chartData);
    return chartData;
  },
};

function readKind(written: string | undefined, slide: Slide, problems: Problems): ChartKind {
  if (written === undefined) return 'bar';
  if ((chartKinds as readonly string[]).includes(written)) return written as ChartKind;
  problems.error(slide.file, slide.line, `unknown chart kind "${written}" (known: ${chartKinds.join(', ')})`);
  return 'bar';
}

/** The markdown table as rows of plain text, each with its line in the brief. */
function markdownTable(table: Tokens.Table, line: number, file: string): DataTable {
  const rawRows = table.raw.split('\n').slice(2);
  return {
    file,
    header: table.header.map((c) => plainText(c.tokens).trim()),
    headerLine: line,
    // A table's rows follow its header line and its |---| line, one line each. markdown pads
    // a short row and drops extra cells; a chart counts the cells as written, to report them.
    rows: table.rows.map((row, i) => {
      const written = rawCells(rawRows[i] ?? '');
      const cells = written.length === row.length ? row.map((c) => plainText(c.tokens).trim()) : written;
      return { cells, line: line + 2 + i };
    }),
  };
}

/** The cells of a table row as written: split at unescaped pipes, outer pipes dropped. */
function rawCells(row: string): string[] {
  const cells = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/);
  return cells.map((c) => c.trim());
}

/** Categories and numeric series from rows; every bad cell and ragged row is a problem at its line. */
function readGrid(data: DataTable, problems: Problems): Pick<ChartData, 'categoryName' | 'categories' | 'series'> | undefined {
  const width = data.header.length;
  if (width < 2) {
    problems.error(data.file, data.headerLine, `a chart's data needs a column of categories and at least one column of values; this header has ${width} column${width === 1 ? '' : 's'}`);
    return undefined;
  }
  if (width - 1 > maxChartSeries) {
    problems.error(data.file, data.headerLine, `a chart shows at most ${maxChartSeries} series (columns after the first); this one has ${width - 1}`);
  }
  data.header.forEach((name, col) => {
    if (!name) problems.error(data.file, data.headerLine, `column ${col + 1} has no name in the header row`);
  });
  if (data.rows.length === 0) problems.error(data.file, data.headerLine, 'the chart\'s data has a header but no rows');
  if (data.rows.length > maxChartPoints) {
    problems.error(data.file, data.rows[maxChartPoints]!.line, `a chart shows at most ${maxChartPoints} points per series; this data has ${data.rows.length} rows (summarise it first)`);
  }
  const categories: string[] = [];
  const series = data.header.slice(1).map((name) => ({ name, values: [] as number[] }));
  for (const row of data.rows) {
    if (row.cells.length !== width) {
      problems.error(data.file, row.line, `this row has ${row.cells.length} cell${row.cells.length === 1 ? '' : 's'}; the header has ${width}`);
      continue;
    }
    const category = row.cells[0]!;
    if (!category) problems.error(data.file, row.line, 'this row has no category in its first column');
    else if (categories.includes(category)) problems.error(data.file, row.line, `category "${category}" appears twice`);
    categories.push(category);
    row.cells.slice(1).forEach((cell, i) => {
      const value = chartNumber(cell);
      if (value === undefined) problems.error(data.file, row.line, `"${cell}" in column "${data.header[i + 1]}" is not a number (write 1234.5, 1,234 or 12%)`);
      series[i]!.values.push(value ?? 0);
    });
  }
  return { categoryName: data.header[0]!, categories, series };
}

/**
 * A cell as a number: `1234.5`, `1,234`, `-3`, `−3` (a typographic minus), `12%`, `$4.5`.
 * Anything else, an empty cell included, is not a number.
 */
export function chartNumber(cell: string): number | undefined {
  const m = /^([-+−]?)[$€£¥]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*%?$/.exec(cell.trim());
  if (!m) return undefined;
  const value = Number(`${m[1] === '' || m[1] === '+' ? '' : '-'}${m[2]!.replace(/,/g, '')}${m[3] ?? ''}`);
  return Number.isFinite(value) ? value : undefined;
}

function readHighlight(written: string, chart: ChartData, slide: Slide, problems: Problems): ChartData['highlight'] {
  if (chart.series.some((s) => s.name === written)) return { series: written };
  if (chart.categories.includes(written)) return { category: written };
  const known = [...chart.series.map((s) => s.name), ...chart.categories].map((n) => `"${n}"`).join(', ');
  problems.error(slide.file, slide.line, `highlight "${written}" is neither a series nor a category of this chart (known: ${known})`);
  return undefined;
}

function isCitation(token: Token): boolean {
  return token.type === 'citation' || ('tokens' in token && Array.isArray(token.tokens) && token.tokens.some(isCitation));
}

function sourceLine(slide: Slide, source: Token[]): number {
  const i = slide.body.findIndex((t) => t.type === 'paragraph' && (t as Tokens.Paragraph).tokens === source);
  return slide.bodyLines[i] ?? slide.line;
}
