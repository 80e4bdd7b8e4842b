import { Marked, type Token, type Tokens, type TokenizerAndRendererExtension } from 'marked';
import { splitTrailingAttributes, withoutClosingHashes } from '../kernel/attributes.js';
import { decodeHref, imageAssetPath, isLocalImage } from '../kernel/image-href.js';
import { safeUrl } from '../kernel/safe-url.js';
import { countLines } from '../kernel/lines.js';

/**
 * The marked extensions that read briefdeck's additions to markdown:
 * heading attributes `{...}`, `::: notes` blocks and `[@id]` citations.
 * Parsing (tokens) and rendering (HTML) use the same extensions; the renderer side
 * needs the deck-wide citation numbers, which only exist after planning.
 */

export interface CitationRef {
  id: string;
  locator?: string;
}

export interface CitationToken extends Tokens.Generic {
  type: 'citation';
  refs: CitationRef[];
  malformed?: string;
}

export interface FencedBlockToken extends Tokens.Generic {
  type: 'fencedBlock';
  name: string;
  closed: boolean;
  tokens: Token[];
  /** Lines after the opening line where another block opens inside this one (refused). */
  nestedLine?: number;
}

export interface AttributedHeading extends Tokens.Heading {
  attrs?: string;
}

/** How rendered citations look; supplied by the render stage from the plan's numbering. */
export interface CitationView {
  number(id: string): number | undefined;
  href(id: string): string;
}

const attributedHeading: TokenizerAndRendererExtension = {
  name: 'attributedHeading',
  level: 'block',
  // No `start`: marked's paragraphs already end at an ATX heading, and searching the
  // rest of the brief from every block made large briefs quadratic.
  tokenizer(src) {
    const m = /^(#{1,6})[ \t]+([^\n]*?\{[^{}\n]*\})[ \t]*(?:\n+|$)/.exec(src);
    if (!m || m[1] === undefined || m[2] === undefined) return undefined;
    const split = splitTrailingAttributes(m[2]);
    if (split.attrs === undefined) return undefined;
    const text = withoutClosingHashes(split.text).trim();
    const token: AttributedHeading = {
      type: 'heading',
      raw: m[0],
      depth: m[1].length,
      text,
      tokens: this.lexer.inline(text),
      attrs: split.attrs,
    };
    return token;
  },
};

const fencedBlock: TokenizerAndRendererExtension = {
  name: 'fencedBlock',
  level: 'block',
  start: fenceStart,
  tokenizer(src) {
    const open = /^:::[ \t]*\{?\.?([\w-]*)\}?[ \t]*\n/.exec(src);
    if (!open) return undefined;
    const rest = src.slice(open[0].length);
    const close = /(^|\n):::[ \t]*(?:\n+|$)/.exec(rest);
    const inner = close ? rest.slice(0, close.index) : rest;
    const raw = close ? src.slice(0, open[0].length + close.index + close[0].length) : src;
    // A block inside a block is refused at its line, not read: reading it would lex the
    // rest of the brief once per level (quadratic, and deep recursion when left unclosed).
    const nested = /(?:^|\n)(:::[ \t]*\{?\.?[\w-]+)/.exec(inner);
    const token: FencedBlockToken = {
      type: 'fencedBlock',
      raw,
      name: open[1] ?? '',
      closed: close !== null,
      tokens: nested ? [] : this.lexer.blockTokens(inner, []),
      ...(nested ? { nestedLine: 1 + countLines(inner.slice(0, nested.index + nested[0].length - nested[1]!.length)) } : {}),
    };
    return token;
  },
  renderer(token) {
    // Notes are placed by the slide template, never inline; other blocks are rejected at parse.
    return token.name === 'notes' ? '' : false;
  },
};

/**
 * Where a `:::` line could cut the paragraph being read: only up to the paragraph's end
 * (a blank line, a heading or a quote), so every block costs its own length, not the brief's.
 */
function fenceStart(src: string): number | undefined {
  if (src.startsWith(':::')) return 0;
  const stop = /\n(?=:::|[ \t]*(?:\n|$)|[ \t]{0,3}(?:#{1,6}[ \t]|>))/.exec(src);
  return stop && src.startsWith(':::', stop.index + 1) ? stop.index + 1 : undefined;
}

function readCitation(inside: string): { refs: CitationRef[]; malformed?: string } {
  const refs: CitationRef[] = [];
  for (const part of inside.split(';')) {
    // Trimmed first: `(.+?)\s*$` backtracked over every space of a long locator (quadratic).
    const m = /^@([\w][\w.:-]*)(?:\s*,\s*(.+))?$/s.exec(part.trim());
    if (!m || m[1] === undefined) return { refs, malformed: part.trim() };
    refs.push(m[2] ? { id: m[1], locator: m[2] } : { id: m[1] });
  }
  return { refs };
}

function citationExtension(view?: CitationView): TokenizerAndRendererExtension {
  return {
    name: 'citation',
    level: 'inline',
    // Only up to the next character where marked's own text stops anyway: searching
    // the whole paragraph at every step made long lines quadratic.
    start: (src) => {
      const stop = /[\\<!\[`*~_]/.exec(src);
      return stop?.[0] === '[' ? stop.index : undefined;
    },
    tokenizer(src) {
      const m = /^\[(@[^\]\n]*)\]/.exec(src);
      if (!m || m[1] === undefined) return undefined;
      const token: CitationToken = { type: 'citation', raw: m[0], ...readCitation(m[1]) };
      return token;
    },
    renderer(token) {
      if (!view) return '';
      // Numbers read in ascending order ([@b; @a] shows "1,2", not "2,1"); each reference
      // keeps its own locator: [@a, p. 4; @b] reads "1, p. 4; 2".
      const rank = (id: string) => view.number(id) ?? Number.MAX_SAFE_INTEGER;
      const refs = [...(token as CitationToken).refs].sort((a, b) => rank(a.id) - rank(b.id));
      const parts = refs.map((ref) => {
        const n = view.number(ref.id);
        const link = `<a class="cite-ref" href="${escapeAttr(view.href(ref.id))}" data-source="${escapeAttr(ref.id)}">${n ?? '?'}</a>`;
        return ref.locator ? `${link}<span class="cite-locator">, ${escapeText(ref.locator)}</span>` : link;
      });
      const sep = refs.some((r) => r.locator) ? '; ' : ',';
      return `<sup class="cite">${parts.join(sep)}</sup>`;
    },
  };
}

/**
 * Joins each citation's superscript to the word before it: the space between them becomes a
 * no-break space, so a citation number never wraps onto a line of its own.
 */
export function joinCitations(html: string): string {
  // A match starts only where a run of white space starts: tried at every space of a long
  // run not followed by a citation, the pattern was quadratic (100,000 spaces: 11 s).
  return html.replace(/(?<![ \t\n])[ \t\n]+(?=<sup class="cite">)/g, '\u00a0');
}

/** The marked instance used to read briefs into tokens. */
export function briefLexer(): Marked {
  return new Marked({ gfm: true, extensions: [attributedHeading, fencedBlock, citationExtension()] });
}

/**
 * A marked instance that renders slide tokens, with citations numbered for one planned deck.
 * Its output is not yet safe: render sanitises it whole (raw HTML passes through here so
 * that `x<sup>2</sup>` stays one piece). Links and images with script URLs lose their URL.
 */
export function slideRenderer(view: CitationView): Marked {
  const marked = new Marked({ gfm: true, extensions: [attributedHeading, fencedBlock, citationExtension(view)] });
  marked.use({
    renderer: {
      link(token) {
        return safeUrl(token.href) === undefined ? this.parser.parseInline(token.tokens) : false;
      },
      image(token) {
        if (safeUrl(token.href) === undefined) return escapeText(token.text);
        if (!isLocalImage(token.href)) return false;
        // Local figures are copied into the deck's assets (images.ts) under this name.
        const title = token.title ? ` title="${escapeAttr(token.title)}"` : '';
        return `<img src="${escapeAttr(imageAssetPath(decodeHref(token.href)))}" alt="${escapeAttr(token.text)}"${title}>`;
      },
    },
  });
  return marked;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}
