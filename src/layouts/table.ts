import type { Token, Tokens } from 'marked';
import type { LayoutPlugin } from './index.js';
import type { TableCell } from '../model.js';
import { plainText } from '../parse/brief.js';
import { bodyBlocks } from './list.js';

/** A number as tables show them: 1,200 · -3.5 · 2% · $1.7bn · 4x · ¥300 (a unit may follow). */
const numeric = /^[-+−]?[$€£¥]?\d[\d,]*(?:\.\d+)?\s*(?:%|x|bn|m|k|tn)?$/i;

/** One GFM table, styled for reading at a distance, and an optional `Source: ...` line under it. */
export const table: LayoutPlugin = {
  read(slide, problems) {
    const tables = bodyBlocks(slide).filter((b) => b.token.type === 'table');
    if (tables.length !== 1) {
      problems.error(slide.file, tables[1]?.line ?? slide.line, `a table slide holds one markdown table, not ${tables.length}`);
    }
    const grid = tables[0]?.token as Tokens.Table | undefined;
    let source: Token[] | undefined;
    const rest: Token[] = [];
    for (const token of slide.body) {
      if (token === grid) continue;
      if (!source && token.type === 'paragraph' && /^sources?:/i.test((token as Tokens.Paragraph).text)) source = (token as Tokens.Paragraph).tokens;
      else rest.push(token);
    }
    if (!grid) return { kind: 'table', head: [], rows: [], source, rest };
    const align = grid.header.map((_, col) => grid.align[col] ?? (isNumericColumn(grid, col) ? 'right' : 'left'));
    const cell = (c: Tokens.TableCell, col: number): TableCell => ({ text: c.tokens, align: align[col] ?? 'left' });
    return { kind: 'table', head: grid.header.map(cell), rows: grid.rows.map((row) => row.map(cell)), source, rest };
  },
};

/** A column is numeric when every filled cell under the header reads as a number. */
function isNumericColumn(grid: Tokens.Table, col: number): boolean {
  const cells = grid.rows.map((r) => plainText(r[col]?.tokens).trim()).filter(Boolean);
  return cells.length > 0 && cells.every((c) => numeric.test(c));
}
