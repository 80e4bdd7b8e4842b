import { Marked, type Token, type Tokens, type TokenizerExtension } from 'marked';
import { splitTrailingAttributes, withoutClosingHashes } from '../kernel/attributes.js';
import { countLines } from '../kernel/lines.js';

/**
 * The marked extensions that read briefdeck's additions to markdown into tokens: heading
 * attributes `{...}`, `::: notes` blocks and `[@id]` citations. Writing those tokens as HTML
 * is the render stage's (render/html/markdown-html.ts): it needs the deck-wide citation
 * numbers, which only exist after planning.
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

const attributedHeading: TokenizerExtension = {
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

const fencedBlock: TokenizerExtension = {
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

const citation: TokenizerExtension = {
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
};

/** The marked instance used to read briefs into tokens. */
export function briefLexer(): Marked {
  return new Marked({ gfm: true, extensions: [attributedHeading, fencedBlock, citation] });
}
