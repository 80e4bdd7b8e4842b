import Handlebars from 'handlebars';
import { markdownHtml } from '../html/markdown-html.js';
import { renderPage } from '../html/render.js';
import { BriefdeckError } from '../../kernel/problem.js';
import type { TemplateSet } from '../../load/template-set.js';
import type { MemoContent } from './memo-content.js';

/** The memo page built beside a version's index.html, printed by the export stage. */
export const memoFile = 'memo.html';

/** Paper for page documents: the house style's `paper`, A4 unless it says letter. */
export type Paper = 'a4' | 'letter';

export interface MemoHtmlOptions {
  /** Where the version's assets (fonts, theme) live, relative to memo.html. */
  assets: string;
  version: string;
  audienceName: string;
  paper?: Paper;
}

/**
 * The memo as one HTML page through `memo.hbs`: semantic HTML (headings, lists, a table
 * with header cells) that Chromium prints as a tagged PDF. Citations link to the memo's
 * own source list and keep the deck's numbers. Pure.
 */
export function renderMemoHtml(memo: MemoContent, templates: TemplateSet, options: MemoHtmlOptions): string {
  if (!templates.memo) throw new BriefdeckError('bad-input', 'the templates have no memo.hbs to make a memo with');
  const numbers = new Map(memo.sources.map((s) => [s.source.id, s.number]));
  const { block, inline } = markdownHtml({ number: (id) => numbers.get(id), href: (id) => `#memo-source-${numbers.get(id) ?? ''}` });
  const mark = (portion?: string) => (portion ? `<span class="bd-portion">${Handlebars.escapeExpression(portion)}</span>` : '');
  const view = {
    title: memo.title,
    subtitle: memo.subtitle ?? null,
    organisation: memo.organisation ?? null,
    audienceLabel: memo.audienceLabel,
    audienceName: options.audienceName,
    preparedFor: memo.preparedFor ?? null,
    asOf: memo.asOf ?? null,
    author: memo.author ?? null,
    lang: memo.lang,
    draft: memo.draft,
    paper: options.paper === 'letter' ? 'letter' : 'A4',
    assets: options.assets,
    generator: `briefdeck ${options.version}`,
    bottomLine: {
      // Documents mark each paragraph: the portion mark opens every paragraph and list item.
      lead: memo.bottomLine.lead.map((l) => ({ portionHtml: '', html: markParagraphs(block(l.blocks), mark(l.portion)) })),
      judgments: memo.bottomLine.judgments.map((j) => ({ portionHtml: mark(j.portion), html: inline(j.text), tag: judgmentTag(j.estimate, j.confidence) })),
    },
    figures: memo.figures.map((f) => ({ portionHtml: mark(f.portion), valueHtml: inline(f.value), labelHtml: inline(f.label) })),
    recommendations: memo.recommendations.map((r) => ({
      number: r.number,
      portionHtml: mark(r.portion),
      titleHtml: r.title ? inline(r.title) : null,
      html: inline(r.text),
      tag: recommendationTag(r.owner, r.priority),
    })),
    body: memo.body.map((b) => ({ title: b.title, portionHtml: '', html: markParagraphs(block(b.blocks), mark(b.portion)) })),
    sources: memo.sources.map((s) => ({ number: s.number, text: sourceText(s.source), url: s.source.url ?? null })),
  };
  // `deck.assets` as on the deck page: a house memo.hbs's own files are written {{@root.deck.assets}}/... (house-assets.ts).
  return renderPage(templates, templates.memo, { memo: view, deck: { assets: options.assets } }, memo.lang);
}

/** "very likely · moderate confidence": how likely and how sure, in words (never colour alone). */
export function judgmentTag(estimate?: string, confidence?: string): string | null {
  const parts = [estimate, confidence && `${confidence} confidence`].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

/** "owner: Defense Policy · priority: high". */
export function recommendationTag(owner?: string, priority?: string): string | null {
  const parts = [owner && `owner: ${owner}`, priority && `priority: ${priority}`].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

/** A source as the memo lists it: author, title, publisher, date. */
export function sourceText(source: { author?: string; title: string; publisher?: string; date?: string }): string {
  return [source.author, source.title, source.publisher, source.date].filter(Boolean).join(', ') + '.';
}

/** Puts the portion mark at the start of every paragraph and list item of rendered HTML. */
function markParagraphs(html: string, mark: string): string {
  if (!mark) return html;
  return html.replace(/<(p|li)>/g, (open) => open + mark);
}
