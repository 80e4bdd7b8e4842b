import { Marked, type RendererExtension, type Token } from 'marked';
import type { CitationToken, FencedBlockToken } from '../../parse/markdown.js';
import { sanitise } from '../../parse/sanitise.js';
import { citedRefs } from '../citations.js';
import { decodeHref, imageAssetPath, isLocalImage } from '../../kernel/image-href.js';
import { safeUrl } from '../../kernel/safe-url.js';

/**
 * A brief's markdown tokens (read by parse/markdown.ts) written as HTML: briefdeck's
 * additions (citations numbered for one planned version, `::: notes` left to the template)
 * and marked's own, then sanitised whole. Used by the deck, the handout and the memo page.
 */

/** How rendered citations look: the numbers and links of one planned version. */
export interface CitationView {
  number(id: string): number | undefined;
  href(id: string): string;
}

/** Markdown tokens as sanitised HTML: a run of blocks, or the inline tokens of one. */
export interface SlideMarkdown {
  block(tokens: Token[]): string;
  inline(tokens: Token[]): string;
}

/**
 * HTML for one planned version. Sanitised whole, after markdown: the brief's raw HTML is
 * untrusted (parse/sanitise.ts), and raw HTML passes through marked so that `x<sup>2</sup>`
 * stays one piece until then.
 */
export function markdownHtml(view: CitationView): SlideMarkdown {
  const marked = slideRenderer(view);
  return {
    block: (tokens) => sanitise(joinCitations(marked.parser(tokens))),
    inline: (tokens) => sanitise(joinCitations(marked.Parser.parseInline(tokens, marked.defaults))),
  };
}

/** Links and images with script URLs lose their URL; local images point at the deck's copy. */
function slideRenderer(view: CitationView): Marked {
  const marked = new Marked({ gfm: true, extensions: [notesLeftOut, citations(view)] });
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

/** Notes are placed by the slide template, never inline; other blocks are rejected at parse. */
const notesLeftOut: RendererExtension = {
  name: 'fencedBlock',
  renderer: (token) => ((token as FencedBlockToken).name === 'notes' ? '' : false),
};

function citations(view: CitationView): RendererExtension {
  return {
    name: 'citation',
    renderer(token) {
      const { refs, separator } = citedRefs((token as CitationToken).refs, view.number);
      const parts = refs.map((ref) => {
        const link = `<a class="cite-ref" href="${escapeAttr(view.href(ref.id))}" data-source="${escapeAttr(ref.id)}">${ref.number ?? '?'}</a>`;
        return ref.locator ? `${link}<span class="cite-locator">, ${escapeText(ref.locator)}</span>` : link;
      });
      return `<sup class="cite">${parts.join(separator)}</sup>`;
    },
  };
}

/**
 * Joins each citation's superscript to the word before it: the space between them becomes a
 * no-break space, so a citation number never wraps onto a line of its own.
 */
function joinCitations(html: string): string {
  // A scan, not a regex: a lookahead after a whitespace run is quadratic on long runs.
  const mark = '<sup class="cite">';
  let out = '';
  let from = 0;
  for (let at = html.indexOf(mark); at >= 0; at = html.indexOf(mark, at + mark.length)) {
    let end = at;
    while (end > from && ' \t\n'.includes(html[end - 1]!)) end--;
    out += html.slice(from, end) + (end < at ? '\u00a0' : '');
    from = at;
  }
  return out + html.slice(from);
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}
