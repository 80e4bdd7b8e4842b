import type { TextProps } from './pptx-types.js';
import type { AgendaItem, NumberedSource } from '../../model.js';
import { addParagraphs, fitSize } from './text-box.js';
import type { Paragraph } from './text-runs.js';
import type { Slide, SlideContext } from './slide-context.js';
import { bodyBox, frame, pt, px } from './theme.js';
import { withSize } from './content-slide.js';

type Run = TextProps;

/** The title slide: organisation, the deck's title, subtitle, author, as-of date, "prepared for". */
export function drawTitleSlide(slide: Slide, ctx: SlideContext): void {
  const { theme, plan } = ctx;
  const info = plan.info;
  const x = px(140);
  const w = px(1560);
  if (info.organisation) {
    slide.addText(info.organisation.toUpperCase(), { x, y: px(250), w, h: px(60), fontFace: theme.font, fontSize: pt(30), bold: true, charSpacing: 2, color: theme.muted, valign: 'bottom', margin: 0 });
  }
  const title: Paragraph[] = [{ runs: [{ text: info.title, options: { bold: true, color: theme.navy } }], level: 0 }];
  const titleBox = { x, y: px(330), w, h: px(250) };
  const size = fitSize(title, titleBox, pt(88), 24);
  slide.addText(withSize(title[0]!.runs, size), { placeholder: 'title', ...titleBox, fontFace: theme.font, fontSize: size, align: 'left', valign: 'middle', margin: 0 });
  let y = px(600);
  if (info.subtitle) {
    const subtitle: Paragraph[] = [{ runs: [{ text: info.subtitle, options: { color: theme.ink } }], level: 0 }];
    y += addParagraphs(slide, subtitle, { x, y, w, h: px(130) }, ctx, { start: pt(44), min: 14 }, { margin: 0 }) + px(30);
  }
  const byline: Run[][] = [];
  if (info.author) byline.push([{ text: info.author, options: { color: theme.muted } }]);
  if (info.date) byline.push([{ text: `As of ${info.date}`, options: { color: theme.muted } }]);
  if (info.preparedFor) byline.push([{ text: `Prepared for ${info.preparedFor}`, options: { color: theme.navy, bold: true } }]);
  const bottom = frame.footerTop - px(20);
  addParagraphs(slide, byline.map((runs) => ({ runs, level: 0 })), { x, y: Math.max(y, px(760)), w, h: bottom - Math.max(y, px(760)) }, ctx, { start: pt(30), min: 11 }, { margin: 0 });
}

/** Agenda: the deck's parts, numbered 01, 02..., each a link to the slide it starts on. */
export function drawAgendaSlide(slide: Slide, title: string, items: AgendaItem[], ctx: SlideContext): void {
  const { theme } = ctx;
  generatedTitle(slide, title, ctx);
  const rowH = Math.min(px(92), bodyBox.h / Math.max(items.length, 1));
  const size = Math.min(pt(44), Math.floor(rowH * 72 * 0.55));
  items.forEach((item, i) => {
    const y = bodyBox.y + i * rowH;
    const target = ctx.slideNumber(item.slideId);
    const link = target ? { hyperlink: { slide: target, tooltip: item.title }, underline: { style: 'none' as const } } : {};
    slide.addText(
      [
        { text: `${String(i + 1).padStart(2, '0')}\u2003`, options: { bold: true, color: theme.accent } },
        { text: item.title, options: { color: theme.ink, ...link } },
      ],
      { x: bodyBox.x, y, w: bodyBox.w, h: rowH, fontFace: theme.font, fontSize: size, valign: 'middle', margin: 0, fit: 'shrink' },
    );
    slide.addShape('line', { x: bodyBox.x, y: y + rowH, w: bodyBox.w, h: 0, line: { color: theme.rule, width: 0.75 } });
  });
}

/** A Sources slide: the entries the plan put on this page, numbered as cited, URLs as links. */
export function drawSourcesSlide(slide: Slide, title: string, entries: NumberedSource[], ctx: SlideContext): void {
  const { theme } = ctx;
  generatedTitle(slide, title, ctx);
  const paragraphs: Paragraph[] = entries.map((entry) => {
    const s = entry.source;
    const runs: Run[] = [{ text: `${entry.number}.\u2002`, options: { bold: true, color: theme.accent } }];
    if (s.author) runs.push({ text: `${s.author}, `, options: { color: theme.ink } });
    runs.push({ text: s.title, options: { italic: true, color: theme.ink } });
    const tail = [s.publisher, s.date].filter(Boolean).join(', ');
    runs.push({ text: `${tail ? `, ${tail}` : ''}.`, options: { color: theme.ink } });
    if (s.url) {
      runs.push({ text: '', options: { breakLine: true } });
      runs.push({ text: s.url, options: { color: theme.muted, hyperlink: { url: s.url } } });
    }
    return { runs, level: 0 };
  });
  addParagraphs(slide, paragraphs, bodyBox, ctx, { start: pt(30), min: 10 });
}

/** A generated slide's title, in the title placeholder, fitted to one line. */
function generatedTitle(slide: Slide, title: string, ctx: SlideContext): void {
  const runs: Run[] = [{ text: title, options: { bold: true, color: ctx.theme.navy } }];
  const box = { x: frame.left, y: frame.titleTop, w: frame.width, h: frame.titleHeight };
  const size = fitSize([{ runs, level: 0 }], box, pt(64), 20);
  slide.addText(withSize(runs, size), { placeholder: 'title', ...box, fontFace: ctx.theme.font, fontSize: size, align: 'left', valign: 'bottom', margin: 0 });
}
