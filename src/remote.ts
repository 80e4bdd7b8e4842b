import type { Token } from 'marked';
import type { LoadedBrief } from './brief-file.js';
import type { Slide } from './slide.js';
import type { Problems } from './problem.js';
import { isRemoteUrl } from './safe-url.js';
import { briefLexer } from './markdown.js';

/** Attributes and CSS through which raw HTML makes a browser fetch something. */
const fetchingUrls = /\b(?:src|srcset|poster|data|background)\s*=\s*["']?\s*([^"'\s>]+)|url\(\s*["']?([^"')\s]+)/gi;

/**
 * Warns about every remote resource a brief asks for (images from the web, pixels in raw
 * HTML): a deck opened in a browser would fetch them, and export blocks them, so the PDF
 * lacks them. Links are not resources and are not warned about. Pure.
 */
export function warnRemoteResources(briefs: LoadedBrief[], slides: Slide[], problems: Problems): void {
  const byFile = new Map(briefs.map((b) => [b.file, b]));
  for (const slide of slides) {
    for (const image of slide.images) {
      if (isRemoteUrl(image.href)) problems.warn(image.file, image.line, remoteMessage(image.href));
    }
    const brief = byFile.get(slide.file);
    for (const html of htmlTokens([...slide.body, ...slide.notes])) {
      for (const url of urlsIn(html.raw).filter(isRemoteUrl)) {
        problems.warn(slide.file, brief ? lineIn(brief, html.raw) : slide.line, remoteMessage(url));
      }
    }
  }
}

function remoteMessage(url: string): string {
  return `remote resource ${url} will not show: the deck loads only its own files (copy it next to the brief instead)`;
}

function urlsIn(html: string): string[] {
  return [...html.matchAll(fetchingUrls)].map((m) => m[1] ?? m[2] ?? '').filter(Boolean);
}

function htmlTokens(tokens: Token[]): Token[] {
  const found: Token[] = [];
  briefLexer().walkTokens(tokens, (t) => void (t.type === 'html' && found.push(t)));
  return found;
}

function lineIn(brief: LoadedBrief, raw: string): number {
  const at = brief.body.indexOf(raw);
  if (at < 0) return brief.bodyLine;
  let line = brief.bodyLine;
  for (let i = brief.body.indexOf('\n'); i >= 0 && i < at; i = brief.body.indexOf('\n', i + 1)) line++;
  return line;
}
