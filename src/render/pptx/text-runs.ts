import type { Token, Tokens } from 'marked';
import type { TextProps, TextPropsOptions } from './pptx-types.js';
import type { CitationToken } from '../../parse/markdown.js';
import { safeUrl } from '../../kernel/safe-url.js';
import { decodeEntities } from '../../kernel/entities.js';
import { citedRefs } from '../citations.js';
import type { PptxTheme } from './theme.js';

type Run = TextProps;
type RunOptions = TextPropsOptions;

/** What text needs from the plan: citation numbers and the slide listing each source. */
export interface Citations {
  number(id: string): number | undefined;
  /** 1-based number of the Sources slide listing the source, if the deck has one. */
  sourcesSlide(id: string): number | undefined;
}

/** How a piece of text is drawn before any marked-up part changes it. */
export interface TextStyle {
  color: string;
  bold?: boolean;
  italic?: boolean;
}

export interface TextContext {
  theme: PptxTheme;
  cite: Citations;
}

/**
 * Marked inline tokens as PowerPoint text runs: strong, em, code, links, line breaks and
 * citations (superscript numbers linking to the Sources slide), the rest as plain text.
 * Raw inline HTML keeps only its text: PowerPoint gets no markup it could run.
 */
export function inlineRuns(tokens: Token[], ctx: TextContext, style: TextStyle): Run[] {
  const runs: Run[] = [];
  const text = (value: string, s: TextStyle, extra: RunOptions = {}) => {
    if (value) runs.push({ text: value, options: { color: s.color, bold: s.bold, italic: s.italic, ...extra } });
  };
  // Inline HTML the sanitiser keeps (`x<sup>2</sup>`, `<kbd>`): each tag is its own token.
  const open: string[] = [];
  for (const token of tokens) {
    const before = runs.length;
    inlineToken(token);
    const effect = markupOptions(open);
    for (let i = before; i < runs.length; i++) runs[i] = { text: runs[i]!.text, options: { ...runs[i]!.options, ...effect } };
    if (token.type === 'html') trackTags(token.text, open);
  }
  return runs;

  function inlineToken(token: Token): void {
    switch (token.type) {
      case 'strong':
        runs.push(...inlineRuns(token.tokens ?? [], ctx, { ...style, bold: true, color: style.color === ctx.theme.ink ? ctx.theme.navy : style.color }));
        break;
      case 'em':
        runs.push(...inlineRuns(token.tokens ?? [], ctx, { ...style, italic: true }));
        break;
      case 'del':
        for (const run of inlineRuns(token.tokens ?? [], ctx, style)) runs.push({ ...run, options: { ...run.options, strike: 'sngStrike' } });
        break;
      case 'codespan':
        text(decodeEntities(token.text), style, { fontFace: 'Consolas', highlight: ctx.theme.tint });
        break;
      case 'link': {
        // Only web and mail links stay links (a script URL was already refused; an in-deck
        // anchor has no slide to go to): the rest keep their text, not a link's look.
        const url = safeUrl(token.href);
        const linked = url !== undefined && /^(https?|mailto):/i.test(url);
        const inner = inlineRuns(token.tokens ?? [], ctx, linked ? { ...style, color: ctx.theme.accent } : style);
        for (const run of inner) runs.push(linked ? { ...run, options: { ...run.options, hyperlink: { url } } } : run);
        break;
      }
      case 'br':
        runs.push({ text: '', options: { breakLine: true } });
        break;
      case 'citation':
        runs.push(...citationRuns(token as CitationToken, ctx));
        break;
      case 'image':
        // An image inside text (not an image slide) keeps its description.
        text(token.text, { ...style, italic: true });
        break;
      case 'html':
        if (/^<br\s*\/?>$/i.test(token.text.trim())) runs.push({ text: '', options: { breakLine: true } });
        else text(decodeEntities(token.text.replace(/<[^>]*>/g, '')), style);
        break;
      case 'text':
        if ('tokens' in token && token.tokens?.length) runs.push(...inlineRuns(token.tokens, ctx, style));
        else text(decodeEntities(token.text), style);
        break;
      case 'escape':
        text(token.text, style);
        break;
      default:
        if ('tokens' in token && Array.isArray(token.tokens)) runs.push(...inlineRuns(token.tokens, ctx, style));
        else if ('text' in token && typeof token.text === 'string') text(decodeEntities(token.text), style);
    }
  }
}

/** What the inline tags in effect do to text in PowerPoint. */
function markupOptions(open: string[]): RunOptions {
  const options: RunOptions = {};
  for (const tag of open) {
    if (tag === 'sup') options.superscript = true;
    else if (tag === 'sub') options.subscript = true;
    else if (tag === 'b' || tag === 'strong') options.bold = true;
    else if (tag === 'i' || tag === 'em' || tag === 'cite') options.italic = true;
    else if (tag === 'u') options.underline = { style: 'sng' };
    else if (tag === 's' || tag === 'del') options.strike = 'sngStrike';
    else if (tag === 'kbd' || tag === 'code') options.fontFace = 'Consolas';
    else if (tag === 'mark') options.highlight = 'FFF2A8';
  }
  return options;
}

/** Opens and closes the tags of one inline HTML token (unknown tags do nothing). */
function trackTags(html: string, open: string[]): void {
  for (const m of html.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*?(\/?)>/gi)) {
    const tag = m[2]!.toLowerCase();
    if (m[3]) continue;
    if (!m[1]) open.push(tag);
    else {
      const at = open.lastIndexOf(tag);
      if (at >= 0) open.splice(at, 1);
    }
  }
}

/** `[@a, p. 4; @b]` -> superscript "1, p. 4; 2", each number a link to its Sources slide. */
function citationRuns(token: CitationToken, ctx: TextContext): Run[] {
  const { refs, separator } = citedRefs(token.refs, (id) => ctx.cite.number(id));
  const base: RunOptions = { superscript: true, color: ctx.theme.accent, bold: true };
  const runs: Run[] = [{ text: '\u2009', options: { ...base } }];
  refs.forEach((ref, i) => {
    if (i > 0) runs.push({ text: separator, options: { ...base, bold: false, color: ctx.theme.muted } });
    const n = ref.number;
    const slide = ctx.cite.sourcesSlide(ref.id);
    const link: RunOptions = slide ? { hyperlink: { slide, tooltip: `Source ${n}` }, underline: { style: 'none' } } : {};
    runs.push({ text: String(n ?? '?'), options: { ...base, ...link } });
    if (ref.locator) runs.push({ text: `, ${ref.locator}`, options: { ...base, bold: false, color: ctx.theme.muted } });
  });
  return runs;
}

/** A paragraph: its runs and how it sits (bullet, level, numbering). */
export interface Paragraph {
  runs: Run[];
  bullet?: 'bullet' | 'number';
  level: number;
  /** For a numbered item: the number its list starts at. */
  start?: number;
  heading?: boolean;
  quote?: boolean;
  /** Drawn this much larger than the box's size (a recommendation's title). */
  scale?: number;
}

/**
 * Block tokens as paragraphs: paragraphs, headings, lists (with their nesting level),
 * quotes, code and tables (a table inside a bullets slide is read row by row).
 */
export function blockParagraphs(tokens: Token[], ctx: TextContext, style: TextStyle, level = 0): Paragraph[] {
  const out: Paragraph[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'paragraph':
        out.push({ runs: inlineRuns(token.tokens ?? [], ctx, style), level });
        break;
      case 'heading':
        out.push({ runs: inlineRuns(token.tokens ?? [], ctx, { ...style, bold: true, color: ctx.theme.navy }), level, heading: true });
        break;
      case 'list':
        out.push(...listParagraphs(token as Tokens.List, ctx, style, level));
        break;
      case 'blockquote':
        out.push(...blockParagraphs(token.tokens ?? [], ctx, { ...style, italic: true }, level).map((p) => ({ ...p, quote: true })));
        break;
      case 'code':
        for (const line of (token as Tokens.Code).text.split('\n')) out.push({ runs: [{ text: line || ' ', options: { color: style.color, fontFace: 'Consolas' } }], level });
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const row = (cells: Tokens.TableCell[]) => cells.flatMap((c, i) => [...(i ? [{ text: ' | ', options: { color: ctx.theme.muted } }] : []), ...inlineRuns(c.tokens, ctx, style)]);
        out.push({ runs: row(table.header), level, heading: true }, ...table.rows.map((r) => ({ runs: row(r), level })));
        break;
      }
      case 'text':
        out.push({ runs: inlineRuns('tokens' in token && token.tokens ? token.tokens : [token], ctx, style), level });
        break;
      case 'html': {
        const text = decodeEntities(token.text.replace(/<[^>]*>/g, '')).trim();
        if (text) out.push({ runs: [{ text, options: { color: style.color } }], level });
        break;
      }
      default:
        // space, hr, and `::: notes` blocks (notes never reach the slide).
        break;
    }
  }
  return out.filter((p) => p.runs.length > 0);
}

function listParagraphs(list: Tokens.List, ctx: TextContext, style: TextStyle, level: number): Paragraph[] {
  const out: Paragraph[] = [];
  const first = typeof list.start === 'number' ? list.start : 1;
  list.items.forEach((item) => {
    const inline = item.tokens.filter((t) => t.type === 'text' || t.type === 'paragraph');
    const nested = item.tokens.filter((t) => t.type !== 'text' && t.type !== 'paragraph');
    const runs = inline.flatMap((t, k) => [
      ...(k > 0 ? [{ text: '', options: { breakLine: true } } as Run] : []),
      ...inlineRuns('tokens' in t && t.tokens ? t.tokens : [t], ctx, style),
    ]);
    // PowerPoint numbers a run of numbered paragraphs itself, from the list's first number.
    const marker = list.ordered ? { bullet: 'number' as const, start: first } : { bullet: 'bullet' as const };
    out.push({ runs: runs.length ? runs : [{ text: ' ', options: {} }], level, ...marker });
    out.push(...blockParagraphs(nested, ctx, style, level + 1));
  });
  return out;
}

/** Plain text of tokens (for notes, alt text and fitting): citations as [n]. */
export function plainText(tokens: Token[], cite?: Citations['number']): string {
  return tokens
    .map((t): string => {
      if (t.type === 'citation') return `[${(t as CitationToken).refs.map((r) => (cite?.(r.id) ?? r.id) + (r.locator ? `, ${r.locator}` : '')).join('; ')}]`;
      if (t.type === 'list') return (t as Tokens.List).items.map((item) => `- ${plainText(item.tokens, cite)}`).join('\n') + '\n';
      if (t.type === 'space' || t.type === 'hr') return '\n';
      if (t.type === 'br') return '\n';
      if (t.type === 'html') return decodeEntities(t.text.replace(/<[^>]*>/g, ''));
      if ('tokens' in t && Array.isArray(t.tokens) && t.tokens.length) return plainText(t.tokens, cite) + (t.type === 'paragraph' || t.type === 'heading' ? '\n' : '');
      if (t.type === 'codespan' || t.type === 'code' || t.type === 'text' || t.type === 'escape') return decodeEntities(String(t.text)) + (t.type === 'code' ? '\n' : '');
      return 'text' in t && typeof t.text === 'string' ? t.text : '';
    })
    .join('')
    .replace(/\n{3,}/g, '\n\n');
}

/** Characters a paragraph shows (for fitting text to its box). */
export function runText(runs: Run[]): string {
  return runs.map((r) => r.text ?? '').join('');
}

