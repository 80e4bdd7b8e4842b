import type { Token } from 'marked';
import type { LayoutData } from '../../model.js';
import { chartView } from './chart-view.js';
import { noCharts, type ChartArt } from './chart-svg.js';
import type { SlideMarkdown } from './markdown-html.js';

/**
 * What a layout template reads as `slide.data`: the layout's data with its markdown drawn
 * as HTML. Every key is present (templates are strict); an absent part is null or ''.
 */
export function layoutView(data: LayoutData, md: SlideMarkdown, charts: ChartArt = noCharts): Record<string, unknown> {
  switch (data.kind) {
    case 'plain':
      return {};
    case 'bluf':
      return {
        leadHtml: md.block(data.lead),
        judgments: data.judgments.map((j) => ({
          html: md.inline(j.text) + md.block(j.rest),
          estimate: j.estimate ?? null,
          estimateStep: j.estimateStep ?? null,
          confidence: j.confidence ?? null,
        })),
      };
    case 'figures':
    case 'timeline':
      return { items: data.items.map((item) => ({ leadHtml: md.inline(item.lead), html: md.inline(item.text) + md.block(item.rest) })) };
    case 'quote':
      return {
        quoteHtml: md.block(data.words),
        attributionHtml: data.attribution ? md.inline(data.attribution) : null,
        restHtml: md.block(data.rest),
      };
    case 'comparison':
      return {
        leadHtml: md.block(data.lead),
        count: data.columns.length,
        columns: data.columns.map((c) => ({ titleHtml: md.inline(c.title), html: md.block(c.blocks) })),
      };
    case 'table': {
      const cell = (c: { text: Token[]; align: string }) => ({ html: md.inline(c.text), align: c.align });
      return {
        head: data.head.map(cell),
        rows: data.rows.map((row) => row.map(cell)),
        sourceHtml: data.source ? md.inline(data.source) : null,
        restHtml: md.block(data.rest),
      };
    }
    case 'image':
      return { imageHtml: md.inline(data.figure), captionHtml: md.block(data.caption) };
    case 'recommendations':
      return {
        leadHtml: md.block(data.lead),
        items: data.items.map((item) => ({
          number: item.number,
          titleHtml: item.title ? md.inline(item.title) : null,
          html: md.inline(item.text) + md.block(item.rest),
          owner: item.owner ?? null,
          priority: item.priority ?? null,
        })),
      };
    case 'chart':
      return chartView(data, md, charts);
  }
}
