import type { BorderProps, TableCell } from './pptx-types.js';
import type { BoldLeadData, ComparisonData, TableData } from '../../model.js';
import { addParagraphs, fitSize, textHeight } from './text-box.js';
import { blockParagraphs, inlineRuns, type Paragraph } from './text-runs.js';
import type { Slide, SlideContext } from './slide-context.js';
import { bodyBox, pt, px } from './theme.js';

/** Figures: big numbers on tinted cards with a navy top edge, two or three to a row. */
export function drawFigures(slide: Slide, data: BoldLeadData, ctx: SlideContext): void {
  const { theme } = ctx;
  const n = data.items.length;
  const cols = n === 2 || n === 4 ? 2 : 3;
  const rowsCount = Math.ceil(n / cols);
  const gap = px(32);
  const big = n <= 3;
  const top = bodyBox.y + (big ? px(40) : 0);
  const w = (bodyBox.w - gap * (cols - 1)) / cols;
  const h = Math.min(big ? px(420) : px(340), (bodyBox.y + bodyBox.h - top - gap * (rowsCount - 1)) / rowsCount);
  const pad = big ? px(44) : px(28);
  const labels = data.items.map((item) => [
    { runs: inlineRuns(item.text, ctx.text, { color: theme.ink }), level: 0 },
    ...blockParagraphs(item.rest, ctx.text, { color: theme.ink }),
  ]);
  const valueH = big ? px(130) : px(100);
  const labelBox = { x: 0, y: 0, w: w - 2 * pad, h: h - 2 * pad - valueH - px(14) };
  const labelSize = Math.min(...labels.map((l) => fitSize(l, labelBox, pt(big ? 36 : 32), 11)));
  data.items.forEach((item, i) => {
    const x = bodyBox.x + (i % cols) * (w + gap);
    const y = top + Math.floor(i / cols) * (h + gap);
    slide.addShape('rect', { x, y, w, h, fill: { color: theme.tint }, line: { type: 'none' }, objectName: `Figure card ${i + 1}` });
    slide.addShape('rect', { x, y, w, h: px(8), fill: { color: theme.navy }, line: { type: 'none' } });
    const value: Paragraph[] = [{ runs: inlineRuns(item.lead, ctx.text, { color: theme.navy, bold: true }), level: 0 }];
    addParagraphs(slide, value, { x: x + pad, y: y + pad, w: w - 2 * pad, h: valueH }, ctx, { start: pt(big ? 120 : 104), min: 24 }, { valign: 'bottom' });
    addParagraphs(slide, labels[i]!, { x: x + pad, y: y + pad + valueH + px(14), w: labelBox.w, h: labelBox.h }, ctx, { start: labelSize, min: labelSize });
  });
}

/** Timeline: dates above a navy rule, a ringed dot per event, the text below each. */
export function drawTimeline(slide: Slide, data: BoldLeadData, ctx: SlideContext): void {
  const { theme } = ctx;
  const n = data.items.length;
  const gap = px(20);
  const w = (bodyBox.w - gap * (n - 1)) / n;
  const top = bodyBox.y + px(24);
  const dateSize = n >= 9 ? pt(30) : pt(38);
  slide.addShape('rect', { x: bodyBox.x, y: top + px(74), w: bodyBox.w, h: px(6), fill: { color: theme.navy }, line: { type: 'none' }, objectName: 'Timeline rule' });
  const texts = data.items.map((item) => [
    { runs: inlineRuns(item.text, ctx.text, { color: theme.ink }), level: 0 },
    ...blockParagraphs(item.rest, ctx.text, { color: theme.ink }),
  ]);
  const textBox = { x: 0, y: 0, w: w - px(30), h: bodyBox.y + bodyBox.h - (top + px(110)) };
  const start = n >= 9 ? pt(25) : n >= 7 ? pt(28) : pt(31);
  const size = Math.min(...texts.map((t) => fitSize(t, textBox, start, 10)));
  data.items.forEach((item, i) => {
    const x = bodyBox.x + i * (w + gap);
    const date: Paragraph[] = [{ runs: inlineRuns(item.lead, ctx.text, { color: theme.navy, bold: true }), level: 0 }];
    addParagraphs(slide, date, { x, y: top, w, h: px(60) }, ctx, { start: dateSize, min: 10 }, { valign: 'bottom', margin: 0 });
    slide.addShape('ellipse', { x, y: top + px(64), w: px(26), h: px(26), fill: { color: 'FFFFFF' }, line: { color: theme.accent, width: 3 } });
    const textY = top + px(110);
    const used = textHeight(texts[i]!, textBox.w, size);
    slide.addShape('line', { x: x + px(12), y: textY, w: 0, h: Math.min(textBox.h, used), line: { color: theme.rule, width: 1 } });
    addParagraphs(slide, texts[i]!, { x: x + px(24), y: textY, w: textBox.w, h: textBox.h }, ctx, { start: size, min: size });
  });
}

/** Comparison: two or three tinted columns side by side, each headed by a navy bar. */
export function drawComparison(slide: Slide, data: ComparisonData, ctx: SlideContext): void {
  const { theme } = ctx;
  const lead = blockParagraphs(data.lead, ctx.text, { color: theme.ink });
  const leadH = lead.length ? addParagraphs(slide, lead, { ...bodyBox, h: 1 }, ctx, { start: pt(34), min: 14 }) + px(20) : 0;
  const n = data.columns.length;
  const gap = n === 3 ? px(32) : px(40);
  const w = (bodyBox.w - gap * (n - 1)) / n;
  const top = bodyBox.y + leadH;
  const h = bodyBox.y + bodyBox.h - top;
  const pad = px(32);
  const bodies = data.columns.map((c) => blockParagraphs(c.blocks, ctx.text, { color: theme.ink }));
  const bodyBoxInner = { x: 0, y: 0, w: w - 2 * pad, h: h - px(28) - px(120) };
  const size = Math.min(...bodies.map((b) => fitSize(b, bodyBoxInner, pt(n === 3 ? 33 : 36), 11)));
  data.columns.forEach((column, i) => {
    const x = bodyBox.x + i * (w + gap);
    slide.addShape('rect', { x, y: top, w, h, fill: { color: theme.tint }, line: { type: 'none' }, objectName: `Column ${i + 1}` });
    slide.addShape('rect', { x, y: top, w, h: px(8), fill: { color: theme.navy }, line: { type: 'none' } });
    const title: Paragraph[] = [{ runs: inlineRuns(column.title, ctx.text, { color: theme.navy, bold: true }), level: 0 }];
    addParagraphs(slide, title, { x: x + pad, y: top + px(28), w: w - 2 * pad, h: px(100) }, ctx, { start: pt(42), min: 14 }, { valign: 'bottom' });
    addParagraphs(slide, bodies[i]!, { x: x + pad, y: top + px(28) + px(120), w: bodyBoxInner.w, h: bodyBoxInner.h }, ctx, { start: size, min: size });
  });
}

/** Table: a real PowerPoint table: header row in navy capitals, light rules, banded rows. */
export function drawTable(slide: Slide, data: TableData, ctx: SlideContext): void {
  const { theme } = ctx;
  const source = data.source ? [{ runs: inlineRuns(data.source, ctx.text, { color: theme.muted }), level: 0 }] : [];
  const rest = blockParagraphs(data.rest, ctx.text, { color: theme.ink });
  const below = (source.length ? 0.55 : 0) + (rest.length ? 0.9 : 0);
  const available = bodyBox.h - below;
  const cols = Math.max(data.head.length, ...data.rows.map((r) => r.length));
  const cellText = (row: TableData['rows'][number], i: number) => (row[i] ? inlineRuns(row[i]!.text, ctx.text, { color: theme.ink }).map((x) => x.text).join('') : '');
  const longest = Array.from({ length: cols }, (_, i) => Math.max(4, ...[data.head, ...data.rows].map((r) => cellText(r, i).length)));
  // Columns as wide as their longest text asks, none narrower than 1 in.
  const total = longest.reduce((a, b) => a + b, 0);
  const widths = longest.map((n) => Math.max(1, (bodyBox.w * n) / total));
  const colW = widths.map((w) => (w * bodyBox.w) / widths.reduce((a, b) => a + b, 0));
  // One size for the whole table: the largest at which every row fits in the space.
  const rowHeight = (s: number) => {
    const lines = Math.max(1, ...colW.map((w, i) => Math.ceil((longest[i]! * s * 0.52) / ((w - 0.34) * 72 * 0.92))));
    return (lines * s * 1.2) / 72 + 0.16;
  };
  let size = pt(36);
  while (size > 10 && rowHeight(size) * (data.rows.length + 1) > available) size -= 1;
  const rowH = rowHeight(size);
  const border = (colour: string, width: number): BorderProps => ({ type: 'solid', color: colour, pt: width });
  const none: BorderProps = { type: 'none' };
  const head: TableCell[] = data.head.map((cell) => ({
    text: inlineRuns(cell.text, ctx.text, { color: theme.navy, bold: true }).map((r) => ({ ...r, text: r.options?.superscript ? r.text : (r.text ?? '').toUpperCase() })),
    options: { align: cell.align, bold: true, color: theme.navy, fontSize: Math.max(10, Math.round(size * 0.78)), valign: 'bottom', border: [none, none, border(theme.navy, 1.5), none] },
  }));
  const body: TableCell[][] = data.rows.map((row, r) =>
    row.map((cell) => ({
      text: inlineRuns(cell.text, ctx.text, { color: theme.ink }),
      options: { align: cell.align, fontSize: size, valign: 'middle', fill: r % 2 === 1 ? { color: theme.tint } : undefined, border: [none, none, border(theme.rule, 0.75), none] },
    })),
  );
  slide.addTable([head, ...body], {
    x: bodyBox.x, y: bodyBox.y, w: bodyBox.w, colW, rowH, fontFace: theme.font, color: theme.ink, margin: [0.07, 0.17, 0.07, 0.17], autoPage: false, objectName: 'Table',
  });
  let y = bodyBox.y + rowH * (data.rows.length + 1) + px(24);
  if (source.length) y += addParagraphs(slide, source, { x: bodyBox.x, y, w: bodyBox.w, h: 0.5 }, ctx, { start: pt(26), min: 10 }) + px(12);
  addParagraphs(slide, rest, { x: bodyBox.x, y, w: bodyBox.w, h: Math.max(0.4, bodyBox.y + bodyBox.h - y) }, ctx, { start: pt(30), min: 10 });
}
