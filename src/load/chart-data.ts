import { dirname, join } from 'node:path';
import { resolveInProject } from './local-file.js';
import { readTextFile } from './text-file.js';
import type { Problems } from '../kernel/problem.js';
import type { DataTable, ParsedDeck, Slide } from '../model.js';

/**
 * Reads the CSV files chart slides name (`{layout=chart data=budget.csv}`) between the
 * parse and layouts stages: the file is found relative to its brief, by the same
 * containment rule as images (never outside the project), and parsed into rows with
 * their lines, so the pure chart layout reports a bad cell at the CSV's own line.
 */
export async function loadSlideData(parsed: ParsedDeck, problems: Problems): Promise<ParsedDeck> {
  const briefPaths = new Map(parsed.deck.briefs.map((b) => [b.file, b.absPath]));
  const slides: Slide[] = [];
  for (const slide of parsed.slides) {
    const written = slide.layoutOptions?.data;
    const briefPath = briefPaths.get(slide.file);
    if (slide.layout !== 'chart' || written === undefined || briefPath === undefined) {
      slides.push(slide);
      continue;
    }
    const dataFile = await readDataFile(written, briefPath, parsed.deck.root, slide, problems);
    slides.push(dataFile ? { ...slide, dataFile } : slide);
  }
  return { ...parsed, slides };
}

async function readDataFile(written: string, briefPath: string, root: string, slide: Slide, problems: Problems): Promise<DataTable | undefined> {
  if (!/\.csv$/i.test(written)) {
    problems.error(slide.file, slide.line, `data file "${written}" is not a .csv file (write data=figures.csv, or put a markdown table on the slide)`);
    return undefined;
  }
  const found = await resolveInProject(written, dirname(briefPath), root, 'data file');
  if (typeof found === 'string') {
    problems.error(slide.file, slide.line, found);
    return undefined;
  }
  // Shown the way the brief's own path is shown: beside it, as written.
  const shown = join(dirname(slide.file), written);
  const text = await readTextFile(found.path, shown, problems);
  return text === undefined ? undefined : await parseCsv(text, shown, problems);
}

/** CSV text -> rows with their lines; the first record is the header. The CSV reader loads only for a deck with a CSV file. */
export async function parseCsv(text: string, file: string, problems: Problems): Promise<DataTable | undefined> {
  const { parse } = await import('csv-parse/sync');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // Ragged rows are allowed here so the chart layout can name each one at its line.
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as typeof records;
  } catch (cause) {
    const line = typeof (cause as { lines?: unknown }).lines === 'number' ? (cause as { lines: number }).lines : undefined;
    const message = cause instanceof Error ? cause.message.replace(/^Invalid Record Length: |^[A-Za-z ]+: /, '') : String(cause);
    problems.error(file, line, `cannot read CSV: ${message}`);
    return undefined;
  }
  const [header, ...rows] = records;
  if (!header) {
    problems.error(file, undefined, 'the CSV has no header row');
    return undefined;
  }
  return {
    file,
    header: header.record,
    headerLine: header.info.lines,
    rows: rows.map((r) => ({ cells: r.record, line: r.info.lines })),
  };
}
