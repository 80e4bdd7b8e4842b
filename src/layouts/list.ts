import type { Token, Tokens } from 'marked';
import { parseAttributes, splitTrailingAttributes } from '../kernel/attributes.js';

import type { Problems } from '../kernel/problem.js';
import { countLines } from '../kernel/lines.js';
import type { Slide } from '../model.js';

/** One item of a slide's list, as layouts read it: inline tokens, trailing `{...}`, line. */
interface ListItem {
  /** The item's first line of text, without a trailing `{...}`. */
  inline: Token[];
  /** Blocks after the first line (nested lists...), as written. */
  rest: Token[];
  /** key=value pairs from a trailing `{...}`; empty when there is none. */
  attrs: Map<string, string>;
  line: number;
}

/** The body tokens of a slide with the line each starts on. */
export function bodyBlocks(slide: Slide): { token: Token; line: number }[] {
  return slide.body.map((token, i) => ({ token, line: slide.bodyLines[i] ?? slide.line }));
}

/** The first list in a slide body (of the kind asked for), or undefined. */
function firstList(slide: Slide, ordered?: boolean): { list: Tokens.List; line: number } | undefined {
  for (const { token, line } of bodyBlocks(slide)) {
    if (token.type !== 'list') continue;
    const list = token as Tokens.List;
    if (ordered === undefined || list.ordered === ordered) return { list, line };
  }
  return undefined;
}

/** The first list in a slide body (of the kind asked for) with its items read, or undefined. */
export function readList(slide: Slide, ordered?: boolean, problems?: Problems): { list: Tokens.List; items: ListItem[] } | undefined {
  const found = firstList(slide, ordered);
  return found && { list: found.list, items: listItems(found.list, found.line, slide.file, problems) };
}

/**
 * Reads each item of a list. A trailing `{key=value ...}` on an item's first line is
 * split off; an unreadable one is an error at the item's line.
 */
function listItems(list: Tokens.List, firstLine: number, file: string, problems?: Problems): ListItem[] {
  let cursor = 0;
  return list.items.map((item) => {
    const at = list.raw.indexOf(item.raw, cursor);
    const line = at < 0 ? firstLine : firstLine + countLines(list.raw.slice(0, at));
    if (at >= 0) cursor = at + item.raw.length;
    const [first, ...rest] = item.tokens;
    const inline = first && (first.type === 'text' || first.type === 'paragraph') ? ((first as Tokens.Text).tokens ?? []) : [];
    const blocks = inline.length ? rest : item.tokens;
    const { tokens, attrs } = trailingAttributes(inline, (message) => problems?.error(file, line, message));
    return { inline: tokens, rest: blocks, attrs, line };
  });
}

/** Splits `{key=value}` off the end of inline tokens; the tokens are copied, never changed. */
function trailingAttributes(inline: Token[], fail: (message: string) => void): { tokens: Token[]; attrs: Map<string, string> } {
  const last = inline[inline.length - 1];
  if (!last || last.type !== 'text') return { tokens: inline, attrs: new Map() };
  const split = splitTrailingAttributes((last as Tokens.Text).text);
  if (split.attrs === undefined) return { tokens: inline, attrs: new Map() };
  const parsed = parseAttributes(split.attrs);
  if (typeof parsed === 'string') {
    fail(parsed);
    return { tokens: inline, attrs: new Map() };
  }
  for (const flag of parsed.flags) parsed.values.set(flag, '');
  if (parsed.id !== undefined || parsed.classes.length) fail(`an item takes key=value attributes only, not "{${split.attrs}}"`);
  const text = split.text.trimEnd();
  const kept = inline.slice(0, -1);
  if (text) kept.push({ ...last, raw: text, text } as Tokens.Text);
  return { tokens: trimEnd(kept), attrs: parsed.values };
}

/** Splits a leading `**bold**` (the big number, the date, the title) from the rest. */
export function leadingStrong(inline: Token[]): { strong?: Tokens.Strong; rest: Token[] } {
  const [first, ...rest] = inline;
  if (!first || first.type !== 'strong') return { rest: inline };
  return { strong: first as Tokens.Strong, rest: trimStart(rest) };
}

/**
 * Reads and checks the list of a list layout: the slide holds a list (numbered if `ordered`),
 * and each item's trailing `{key=value}` attributes are among `allowed`.
 */
export function checkAttributedList(
  slide: Slide,
  problems: Problems,
  rule: { ordered?: boolean; missing: string; allowed: Record<string, readonly string[] | 'text'> },
): { list: Tokens.List; items: ListItem[] } | undefined {
  const found = readList(slide, rule.ordered, problems);
  if (!found) {
    problems.error(slide.file, slide.line, rule.missing);
    return undefined;
  }
  for (const item of found.items) {
    checkAttributes(item.attrs, rule.allowed, (m) => problems.error(slide.file, item.line, m));
  }
  return found;
}

/** Checks a key=value map against allowed keys and, per key, allowed values. */
function checkAttributes(
  attrs: Map<string, string>,
  allowed: Record<string, readonly string[] | 'text'>,
  report: (message: string) => void,
): void {
  for (const [key, value] of attrs) {
    const rule = allowed[key];
    if (rule === undefined) report(`unknown attribute "${key}" (known: ${Object.keys(allowed).join(', ')})`);
    else if (rule !== 'text' && !rule.includes(value)) report(`${key} must be one of ${rule.map((v) => `"${v}"`).join(', ')}, not "${value}"`);
  }
}

function trimStart(tokens: Token[]): Token[] {
  const [first, ...rest] = tokens;
  if (!first || first.type !== 'text') return tokens;
  const text = (first as Tokens.Text).text.replace(/^\s+/, '');
  return text ? [{ ...first, raw: text, text } as Tokens.Text, ...rest] : rest;
}

function trimEnd(tokens: Token[]): Token[] {
  const last = tokens[tokens.length - 1];
  if (!last || last.type !== 'text') return tokens;
  const text = (last as Tokens.Text).text.trimEnd();
  return text ? [...tokens.slice(0, -1), { ...last, raw: text, text } as Tokens.Text] : tokens.slice(0, -1);
}
