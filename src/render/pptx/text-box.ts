import type { PptxSlide, TextProps, TextPropsOptions } from './pptx-types.js';
import { runText, type Paragraph } from './text-runs.js';
import type { PptxTheme } from './theme.js';

type Run = TextProps;

/** Where text is drawn: the look, and who hears about text too long for its box. */
export interface TextSink {
  theme: PptxTheme;
  /** Text does not fit its box even at `min` points (PowerPoint will shrink it further). */
  overflow(min: number): void;
}

/** A box on the slide, in inches. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Average advance of a character, in ems. Source Sans 3 averages about 0.48 em; the
 * fonts Office and LibreOffice substitute when it is missing (Arial, DejaVu Sans) run
 * wider, so text is fitted for the widest of them.
 */
const charWidth = 0.52;
const lineHeight = 1.2;

/** Bold type runs about 12% wider. */
const boldWidth = 0.6;

/** Lines a paragraph takes at a size in a box width (wide CJK characters count double). */
function linesOf(text: string, widthIn: number, sizePt: number, em = charWidth): number {
  const perLine = Math.max(1, (widthIn * 72) / (sizePt * em));
  return text.split('\n').reduce((sum, line) => {
    const units = [...line].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
    // Words do not break: a wrapped line loses on average half a word.
    return sum + Math.max(1, Math.ceil(units / (perLine * 0.92)));
  }, 0);
}

/** Height in inches that paragraphs take at a size (with the spacing `paragraphRuns` sets). */
export function textHeight(paragraphs: Paragraph[], widthIn: number, sizePt: number): number {
  const gap = paragraphGap(sizePt);
  return paragraphs.reduce((h, p, i) => {
    const size = sizeAt(p, sizePt);
    const indent = p.bullet || p.level ? (p.level + 1) * indentOf(sizePt) / 72 : 0;
    const text = runText(p.runs);
    const bold = p.runs.reduce((n, r) => n + (r.options?.bold ? (r.text ?? '').length : 0), 0) / Math.max(1, text.length);
    const em = charWidth + (boldWidth - charWidth) * bold;
    return h + (linesOf(text, widthIn - indent - 0.2, size, em) * size * lineHeight + (i ? gap : 0)) / 72;
  }, 0.1);
}

/** The largest size from `start` down to `min` at which the paragraphs fit the box. */
export function fitSize(paragraphs: Paragraph[], box: Box, start: number, min: number): number {
  for (let size = start; size > min; size -= 1) if (textHeight(paragraphs, box.w, size) <= box.h) return size;
  return min;
}

const paragraphGap = (size: number) => Math.round(size * 0.45);
const indentOf = (size: number) => Math.round(size * 1.1);
/** Nested list items are a step smaller, as in the HTML theme. */
const sizeAt = (p: Paragraph, size: number) => Math.round(size * (p.level > 0 ? 0.85 : 1) * (p.scale ?? 1));

/**
 * Paragraphs as one text box's runs: bullets and numbers as real PowerPoint list
 * paragraphs with indent levels, so a user can promote, demote and add items.
 */
function paragraphRuns(paragraphs: Paragraph[], sizePt: number, theme: PptxTheme): Run[] {
  const runs: Run[] = [];
  paragraphs.forEach((p, i) => {
    const size = sizeAt(p, sizePt);
    const bullet: TextPropsOptions['bullet'] =
      // One indent step for every level, so a nested bullet sits under its parent's text.
      p.bullet === 'number' ? { type: 'number', numberStartAt: p.start ?? 1, indent: indentOf(sizePt) } : p.bullet === 'bullet' ? { indent: indentOf(sizePt) } : false;
    p.runs.forEach((run, k) => {
      const options: TextPropsOptions = { ...run.options, fontSize: size, fontFace: run.options?.fontFace ?? theme.font };
      if (k === 0) {
        Object.assign(options, { bullet, indentLevel: p.level, paraSpaceBefore: i ? paragraphGap(sizePt) : 0 });
        if (p.quote) options.italic = true;
      }
      runs.push({ text: run.text ?? '', options });
    });
    // An empty run ends the paragraph (a bullet run's own breakLine is dropped by pptxgenjs).
    if (i < paragraphs.length - 1) runs.push({ text: '', options: { fontSize: size, breakLine: true } });
  });
  return runs;
}

/**
 * Adds paragraphs as one text box fitted to its box: the size steps down to `min` until
 * the text fits; PowerPoint's shrink-on-overflow stays on for edits made later.
 */
export function addParagraphs(slide: PptxSlide, paragraphs: Paragraph[], box: Box, ctx: TextSink, size: { start: number; min: number }, extra: TextPropsOptions = {}): number {
  if (!paragraphs.length) return 0;
  const { theme } = ctx;
  const fitted = fitSize(paragraphs, box, size.start, size.min);
  if (textHeight(paragraphs, box.w, fitted) > box.h) ctx.overflow(size.min);
  slide.addText(paragraphRuns(paragraphs, fitted, theme), {
    ...box,
    valign: 'top',
    margin: [2, 4, 2, 4],
    fit: 'shrink',
    lineSpacingMultiple: 1.0,
    color: theme.ink,
    fontFace: theme.font,
    fontSize: fitted,
    ...extra,
  });
  return Math.min(box.h, textHeight(paragraphs, box.w, fitted));
}
