import type { Tokens } from 'marked';

import type { Problems } from '../kernel/problem.js';
import { isRemoteUrl, safeUrl } from '../kernel/safe-url.js';
import { allowedHtml, isAbsolutePath } from '../parse/sanitise.js';
import { briefLexer } from './markdown.js';
import type { LoadedBrief, Slide } from '../model.js';

/** Attributes and CSS through which raw HTML makes a browser fetch something. */
const fetchingUrls = /\b(?:src|srcset|poster|data|background)\s*=\s*["']?\s*([^"'\s>]+)|url\(\s*["']?([^"')\s]+)/gi;
// No unquoted "<" inside a tag: otherwise every "<a" of "<div><a<a<a..." scanned to the end
// of the text looking for its ">" (quadratic: 200,000 of them took minutes).
const tags = /<([a-zA-Z][\w:-]*)((?:[^<>"']|"[^"]*"|'[^']*')*)>/g;
const attributes = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/**
 * Tells the author, at file:line, what the deck will not show as written: remote resources
 * (the deck loads only its own files; export blocks the rest) and markup the sanitiser
 * removes (scripts, event handlers, script URLs...). The render stage removes them either
 * way; these are warnings so nothing disappears silently. Pure.
 */
export function warnAboutBriefHtml(briefs: LoadedBrief[], slides: Slide[], problems: Problems): void {
  const finders = new Map(briefs.map((b) => [b.file, lineFinder(b)]));
  const lexer = briefLexer();
  for (const slide of slides) {
    for (const image of slide.images) {
      if (isRemoteUrl(image.href)) problems.warn(image.file, image.line, remoteMessage(image.href));
      else if (safeUrl(image.href) === undefined) problems.warn(image.file, image.line, `image "${image.href}" is not shown: only http, https and relative paths are allowed`);
    }
    const find = finders.get(slide.file);
    const lineOf = (raw: string) => (find ? find(raw) : slide.line);
    lexer.walkTokens([...slide.body, ...slide.notes], (token) => {
      if (token.type === 'html') {
        const line = lineOf(token.raw);
        for (const url of urlsIn(token.raw).filter(isRemoteUrl)) problems.warn(slide.file, line, remoteMessage(url));
        for (const message of removedMarkup(token.raw)) problems.warn(slide.file, line, message);
      } else if (token.type === 'link' && safeUrl((token as Tokens.Link).href) === undefined) {
        problems.warn(slide.file, lineOf(token.raw), `link to "${(token as Tokens.Link).href}" is shown as plain text: only http, https, mailto and relative links are allowed`);
      }
    });
  }
}

function remoteMessage(url: string): string {
  return `remote resource ${url} will not show: the deck loads only its own files (copy it next to the brief instead)`;
}

function urlsIn(html: string): string[] {
  return [...html.matchAll(fetchingUrls)].map((m) => m[1] ?? m[2] ?? '').filter(Boolean);
}

/** What the sanitiser will take out of one piece of raw HTML, in words an author can act on. */
function removedMarkup(html: string): string[] {
  const allowedTags = new Set(allowedHtml.allowedTags || []);
  const allowedAttrs = (allowedHtml.allowedAttributes || {}) as Record<string, string[]>;
  const found = new Set<string>();
  for (const [, rawName, attrText] of withoutComments(html).matchAll(tags)) {
    const tag = (rawName ?? '').toLowerCase();
    if (!allowedTags.has(tag)) {
      found.add(`<${tag}> is removed: raw HTML in a brief is limited to a safe subset (README, Security)`);
      continue;
    }
    const allowed = new Set([...(allowedAttrs[tag] ?? []), ...(allowedAttrs['*'] ?? [])]);
    for (const [, rawAttr, ...values] of (attrText ?? '').matchAll(attributes)) {
      const attr = (rawAttr ?? '').toLowerCase();
      const value = values.find((v) => v !== undefined) ?? '';
      if (!allowed.has(attr)) found.add(`attribute "${attr}" on <${tag}> is removed`);
      else if ((attr === 'href' || attr === 'src') && safeUrl(value) === undefined) found.add(`${attr}="${value}" on <${tag}> is removed: not an http, https, mailto or relative URL`);
      else if (tag === 'img' && attr === 'src' && isAbsolutePath(value)) {
        found.add(`src="${value}" on <img> is removed: an absolute path would load from the disk of whoever opens the deck; write ![alt text](path/beside/the/brief.png) so the image is checked and copied with the deck`);
      }
    }
  }
  return [...found];
}

/** The HTML with its comments cut out; an unclosed comment runs to the end. Linear (a lazy regex rescanned the rest per "<!--"). */
function withoutComments(html: string): string {
  let out = '';
  let from = 0;
  for (let open = html.indexOf('<!--'); open >= 0; open = html.indexOf('<!--', from)) {
    out += html.slice(from, open);
    const close = html.indexOf('-->', open + 4);
    if (close < 0) return out;
    from = close + 3;
  }
  return out + html.slice(from);
}

/** Finds each piece of a brief's body in order and names its line; linear over the whole brief. */
function lineFinder(brief: LoadedBrief): (raw: string) => number {
  const starts = [0];
  for (let i = brief.body.indexOf('\n'); i >= 0; i = brief.body.indexOf('\n', i + 1)) starts.push(i + 1);
  let cursor = 0;
  return (raw) => {
    let at = brief.body.indexOf(raw, cursor);
    if (at < 0) at = brief.body.indexOf(raw);
    if (at < 0) return brief.bodyLine;
    cursor = at + raw.length;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) low = mid;
      else high = mid - 1;
    }
    return brief.bodyLine + low;
  };
}
