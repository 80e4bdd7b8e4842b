import type { BlufData, RecommendationsData } from '../../model.js';
import { addParagraphs, textHeight } from './text-box.js';
import { blockParagraphs, inlineRuns, type Paragraph } from './text-runs.js';
import { addTag, type Slide, type SlideContext } from './slide-context.js';
import { bodyBox, confidenceColours, priorityColours, pt, px } from './theme.js';

/** The lead paragraph above a list of judgments or recommendations; returns the height it took. */
function drawLead(slide: Slide, lead: BlufData['lead'], ctx: SlideContext): number {
  const paragraphs = blockParagraphs(lead, ctx.text, { color: ctx.theme.ink });
  if (!paragraphs.length) return 0;
  const h = addParagraphs(slide, paragraphs, { ...bodyBox, h: Math.min(1.2, bodyBox.h / 4) }, ctx, { start: pt(34), min: 14 });
  return h + px(20);
}

/** Rows of equal height under the lead, each no taller than `max`. */
function rows(count: number, top: number, max: number): { y: number; h: number }[] {
  const h = Math.min(max, (bodyBox.y + bodyBox.h - top) / Math.max(count, 1));
  return Array.from({ length: count }, (_, i) => ({ y: top + i * h, h }));
}

/** One text size for every row, so the judgments read as one list. */
function rowSize(texts: Paragraph[][], w: number, h: number, start: number, min: number): number {
  for (let size = start; size > min; size--) if (texts.every((t) => textHeight(t, w, size) <= h)) return size;
  return min;
}

/**
 * BLUF: numbered key judgments; each estimate as its ICD 203 word over a 7-step scale of
 * small squares (filled up to the step), and the confidence as a framed tag.
 */
export function drawBluf(slide: Slide, data: BlufData, ctx: SlideContext): void {
  const { theme } = ctx;
  const top = bodyBox.y + drawLead(slide, data.lead, ctx);
  const tagsW = px(440);
  const textX = bodyBox.x + px(92);
  const textW = bodyBox.w - px(92) - tagsW - px(28);
  const layout = rows(data.judgments.length, top, 1.25);
  const texts = data.judgments.map((j) => [
    { runs: inlineRuns(j.text, ctx.text, { color: theme.ink }), level: 0 },
    ...blockParagraphs(j.rest, ctx.text, { color: theme.ink }),
  ]);
  const size = rowSize(texts, textW, layout[0] ? layout[0].h - px(40) : 1, pt(40), 12);
  data.judgments.forEach((judgment, i) => {
    const row = layout[i]!;
    if (i === 0) slide.addShape('line', { x: bodyBox.x, y: row.y, w: bodyBox.w, h: 0, line: { color: theme.rule, width: 0.75 } });
    slide.addShape('line', { x: bodyBox.x, y: row.y + row.h, w: bodyBox.w, h: 0, line: { color: theme.rule, width: 0.75 } });
    slide.addText(String(i + 1), {
      shape: 'ellipse', x: bodyBox.x, y: row.y + px(24), w: px(52), h: px(52), fill: { color: theme.navy }, color: 'FFFFFF',
      fontFace: theme.font, fontSize: pt(28), bold: true, align: 'center', valign: 'middle', margin: 0,
    });
    addParagraphs(slide, texts[i]!, { x: textX, y: row.y + px(16), w: textW, h: row.h - px(32) }, ctx, { start: size, min: size });
    const tagsX = bodyBox.x + bodyBox.w - tagsW;
    let tagY = row.y + px(24);
    if (judgment.estimate) {
      // The word right-aligned, the scale just before it (as the HTML draws them).
      const wordW = Math.min(tagsW - px(120), judgment.estimate.length * 0.112 + 0.1);
      drawScale(slide, judgment.estimateStep ?? 0, tagsX + tagsW - wordW - px(10) - 7 * px(15), tagY + px(5), ctx);
      slide.addText(judgment.estimate.toUpperCase(), {
        x: tagsX + tagsW - wordW, y: tagY, w: wordW, h: px(28), fontFace: theme.font, fontSize: 10, bold: true, charSpacing: 0.3,
        color: theme.navy, align: 'right', valign: 'middle', margin: 0,
      });
      tagY += px(40);
    }
    if (judgment.confidence) {
      const label = `${judgment.confidence} confidence`;
      const w = px(40) + label.length * 0.115;
      addTag(slide, label, { x: tagsX + tagsW - w, y: tagY, w, h: px(34) }, confidenceColours[judgment.confidence] ?? theme.navy, 'framed', theme.font);
    }
  });
}

/** The ICD 203 scale: seven small squares, filled up to the estimate's step. */
function drawScale(slide: Slide, step: number, x: number, y: number, ctx: SlideContext): void {
  for (let k = 1; k <= 7; k++) {
    slide.addShape('rect', {
      x: x + (k - 1) * px(15), y, w: px(12), h: px(18), objectName: `Estimate step ${k} of 7`,
      fill: { color: k <= step ? ctx.theme.navy : ctx.theme.rule }, line: { type: 'none' },
    });
  }
}

/** Recommendations: a big number, the short title and rationale, then priority and owner tags. */
export function drawRecommendations(slide: Slide, data: RecommendationsData, ctx: SlideContext): void {
  const { theme } = ctx;
  const top = bodyBox.y + drawLead(slide, data.lead, ctx);
  const metaW = px(330);
  const textX = bodyBox.x + px(100);
  const textW = bodyBox.w - px(100) - metaW - px(28);
  const layout = rows(data.items.length, top, 1.3);
  const texts = data.items.map((item) => [
    ...(item.title ? [{ runs: inlineRuns(item.title, ctx.text, { color: theme.navy, bold: true }), level: 0, scale: 38 / 34 }] : []),
    { runs: inlineRuns(item.text, ctx.text, { color: theme.ink }), level: 0 },
    ...blockParagraphs(item.rest, ctx.text, { color: theme.ink }),
  ]);
  const size = rowSize(texts, textW, layout[0] ? layout[0].h - px(30) : 1, pt(34), 12);
  data.items.forEach((item, i) => {
    const row = layout[i]!;
    slide.addShape('line', { x: bodyBox.x, y: row.y + row.h, w: bodyBox.w, h: 0, line: { color: theme.rule, width: 0.75 } });
    slide.addText(String(item.number), {
      x: bodyBox.x, y: row.y + px(14), w: px(72), h: px(64), fontFace: theme.font, fontSize: pt(56), bold: true, color: theme.accent, align: 'right', valign: 'top', margin: 0,
    });
    addParagraphs(slide, texts[i]!, { x: textX, y: row.y + px(14), w: textW, h: row.h - px(28) }, ctx, { start: size, min: size });
    let tagY = row.y + px(20);
    const metaX = bodyBox.x + bodyBox.w - metaW;
    if (item.priority) {
      const label = `${item.priority} priority`;
      addTag(slide, label, { x: metaX, y: tagY, w: px(40) + label.length * 0.115, h: px(34) }, priorityColours[item.priority] ?? theme.muted, 'filled', theme.font);
      tagY += px(44);
    }
    if (item.owner) {
      slide.addText(item.owner, { x: metaX, y: tagY, w: metaW, h: px(60), fontFace: theme.font, fontSize: pt(24), color: theme.muted, valign: 'top', margin: 0, fit: 'shrink' });
    }
  });
}
