import type { TextProps } from './pptx-types.js';
import { portionMark, validMarking } from '../../load/marking.js';
import type { ImageData, LayoutData, QuoteData, Slide as BriefSlide } from '../../model.js';
import { addParagraphs, fitSize } from './text-box.js';
import { blockParagraphs, inlineRuns, plainText, type Paragraph } from './text-runs.js';
import { bodyBox, frame, pt, px } from './theme.js';
import type { Slide, SlideContext } from './slide-context.js';
import { masters } from './master.js';
import { drawBluf, drawRecommendations } from './judgment-slides.js';
import { drawComparison, drawFigures, drawTable, drawTimeline } from './figure-slides.js';
import { drawChart } from './chart-slide.js';

/** Which master a content slide sits on: bullets use the one with a body placeholder. */
export function masterFor(slide: BriefSlide): string {
  if (slide.kind === 'section') return masters.section;
  return (slide.data ?? { kind: 'plain' }).kind === 'plain' ? masters.content : masters.titleOnly;
}

/** A slide written in a brief: its header (section kicker, portion mark, title), then its layout. */
export function drawContentSlide(slide: Slide, brief: BriefSlide, ctx: SlideContext): void {
  if (brief.kind === 'section') return drawSection(slide, brief, ctx);
  drawHeader(slide, brief, ctx);
  drawLayout(slide, brief.data ?? { kind: 'plain' }, brief, ctx);
}

/**
 * Draws a layout's typed data. Exhaustive: a new kind of LayoutData
 * is a compile error here until the PowerPoint renderer draws it.
 */
function drawLayout(slide: Slide, data: LayoutData, brief: BriefSlide, ctx: SlideContext): void {
  switch (data.kind) {
    case 'plain':
      return drawPlain(slide, brief, ctx);
    case 'bluf':
      return drawBluf(slide, data, ctx);
    case 'figures':
      return drawFigures(slide, data, ctx);
    case 'timeline':
      return drawTimeline(slide, data, ctx);
    case 'quote':
      return drawQuote(slide, data, ctx);
    case 'comparison':
      return drawComparison(slide, data, ctx);
    case 'table':
      return drawTable(slide, data, ctx);
    case 'image':
      return drawImage(slide, data, ctx);
    case 'recommendations':
      return drawRecommendations(slide, data, ctx);
    case 'chart':
      return drawChart(slide, data, ctx);
    default: {
      const unknown: never = data;
      throw new Error(`internal: the PowerPoint renderer cannot draw layout data ${JSON.stringify(unknown)}`);
    }
  }
}

/** Title runs with the slide's portion mark before them: `(CUI) Title`. */
function titleRuns(brief: BriefSlide, ctx: SlideContext, colour: string): TextProps[] {
  const mark = brief.marking ? portionMark(validMarking(brief.marking)!) : '';
  const title = inlineRuns(brief.titleTokens, ctx.text, { color: colour, bold: true });
  // Strong text in a title keeps the title's colour (the theme's `strong` is navy anyway).
  const runs = title.map((r) => ({ text: r.text, options: { ...r.options, bold: true, color: r.options?.superscript ? r.options.color : colour } }));
  return mark ? [{ text: `${mark} `, options: { bold: true, color: ctx.theme.muted } }, ...runs] : runs;
}

/** Runs at one size (a placeholder's size would otherwise win). */
export function withSize(runs: TextProps[], fontSize: number): TextProps[] {
  return runs.map((r) => ({ text: r.text, options: { ...r.options, fontSize } }));
}

function drawHeader(slide: Slide, brief: BriefSlide, ctx: SlideContext): void {
  const { theme } = ctx;
  if (brief.section) {
    slide.addText(brief.section.toUpperCase(), {
      x: frame.left, y: frame.kickerTop, w: frame.width, h: px(32), fontFace: theme.font, fontSize: pt(24), bold: true, charSpacing: 1.5, color: theme.muted, margin: 0, valign: 'bottom',
    });
  }
  const runs = titleRuns(brief, ctx, theme.navy);
  const size = fitSize([{ runs, level: 0 }], { x: 0, y: 0, w: frame.width, h: frame.titleHeight }, pt(64), 20);
  // A placeholder's own options win over a text box's (pptxgenjs): the fitted size goes on each run.
  slide.addText(withSize(runs, size), { placeholder: 'title', x: frame.left, y: frame.titleTop, w: frame.width, h: frame.titleHeight, fontFace: theme.font, fontSize: size, align: 'left', valign: 'bottom', margin: 0 });
}

function drawPlain(slide: Slide, brief: BriefSlide, ctx: SlideContext): void {
  const paragraphs = blockParagraphs(brief.body, ctx.text, { color: ctx.theme.ink });
  addParagraphs(slide, paragraphs, bodyBox, ctx, { start: pt(40), min: 12 }, { placeholder: 'body' });
}

function drawSection(slide: Slide, brief: BriefSlide, ctx: SlideContext): void {
  const runs = titleRuns(brief, ctx, 'FFFFFF').map((r) => ({ ...r, options: { ...r.options, color: r.options?.superscript ? 'E6EBF2' : 'FFFFFF' } }));
  const box = { x: px(140), y: px(380), w: px(1640), h: px(220) };
  const size = fitSize([{ runs, level: 0 }], box, pt(84), 24);
  slide.addText(withSize(runs, size), { placeholder: 'title', ...box, fontFace: ctx.theme.font, fontSize: size, align: 'left', valign: 'middle', margin: 0 });
  const body = blockParagraphs(brief.body, { ...ctx.text, theme: { ...ctx.theme, ink: 'E6EBF2', navy: 'FFFFFF', accent: 'FFFFFF', muted: 'E6EBF2' } }, { color: 'E6EBF2' });
  addParagraphs(slide, body, { x: px(140), y: px(620), w: px(1640), h: px(300) }, ctx, { start: pt(36), min: 12 }, { color: 'E6EBF2' });
}

function drawQuote(slide: Slide, data: QuoteData, ctx: SlideContext): void {
  const { theme } = ctx;
  const words = blockParagraphs(data.words, ctx.text, { color: theme.navy, bold: true });
  if (words.length) {
    const first = words[0]!;
    const last = words[words.length - 1]!;
    first.runs.unshift({ text: '\u201c', options: { color: theme.navy, bold: true } });
    last.runs.push({ text: '\u201d', options: { color: theme.navy, bold: true } });
  }
  const restParas = blockParagraphs(data.rest, ctx.text, { color: theme.ink });
  const restH = restParas.length ? 1.0 : 0;
  const attribution: Paragraph[] = data.attribution ? [{ runs: [{ text: '\u2014\u00a0', options: { color: theme.muted } }, ...inlineRuns(data.attribution, ctx.text, { color: theme.muted })], level: 0 }] : [];
  const attrH = attribution.length ? 0.9 : 0;
  const top = bodyBox.y + px(30);
  const wordsBox = { x: bodyBox.x + px(68), y: top, w: bodyBox.w - px(68) - px(120), h: bodyBox.h - px(30) - attrH - restH };
  const used = addParagraphs(slide, words, wordsBox, ctx, { start: pt(64), min: 16 }, { lineSpacingMultiple: 1.15 });
  slide.addShape('rect', { x: bodyBox.x, y: top, w: px(12), h: Math.max(used, 0.6), fill: { color: theme.accent }, line: { type: 'none' } });
  let y = top + used + px(30);
  if (attribution.length) y += addParagraphs(slide, attribution, { x: wordsBox.x, y, w: wordsBox.w, h: attrH }, ctx, { start: pt(34), min: 12 }) + px(20);
  addParagraphs(slide, restParas, { x: bodyBox.x, y, w: bodyBox.w, h: Math.max(0.5, bodyBox.y + bodyBox.h - y) }, ctx, { start: pt(30), min: 12 });
}

function drawImage(slide: Slide, data: ImageData, ctx: SlideContext): void {
  const { theme } = ctx;
  const caption = blockParagraphs(data.caption, ctx.text, { color: theme.muted });
  const captionH = caption.length ? 0.6 : 0;
  const area = { x: bodyBox.x, y: bodyBox.y, w: bodyBox.w, h: bodyBox.h - captionH - (captionH ? px(20) : 0) };
  const image = data.image ? ctx.images.get(data.image.href) : undefined;
  if (image && data.image) {
    const scale = Math.min(area.w / image.width, area.h / image.height);
    const w = image.width * scale;
    const h = image.height * scale;
    const alt = data.image.alt || plainText(data.caption).trim();
    slide.addImage({ data: image.data, x: area.x + (area.w - w) / 2, y: area.y + (area.h - h) / 2, w, h, altText: alt, objectName: 'Figure' });
  } else {
    // A remote image is never fetched (as in the HTML): its description stands in its place.
    const alt = data.image?.alt || plainText(data.figure).trim() || 'Image not included';
    slide.addText(alt, { ...area, fontFace: theme.font, fontSize: 18, italic: true, color: theme.muted, align: 'center', valign: 'middle', line: { color: theme.rule, width: 1, dashType: 'dash' } });
  }
  addParagraphs(slide, caption.map((p) => p), { x: bodyBox.x, y: area.y + area.h + px(20), w: bodyBox.w, h: captionH }, ctx, { start: pt(28), min: 11 }, { align: 'center' });
}
