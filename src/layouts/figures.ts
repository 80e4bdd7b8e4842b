import type { LayoutReader } from './index.js';
import { leadingStrong, readList } from './list.js';

/**
 * Big numbers: 2 to 6 items `- **VALUE** short label [@id]`. The same reader serves the
 * timeline (`- **1951** what happened`), with 3 to 10 entries.
 */
function boldLeadList(kind: { layout: string; what: string; min: number; max: number; example: string }): LayoutReader {
  return {
    check(slide, problems) {
      const items = readList(slide, undefined, problems)?.items;
      if (!items) {
        problems.error(slide.file, slide.line, `a ${kind.layout} slide holds a list of ${kind.min} to ${kind.max} ${kind.what}: ${kind.example}`);
        return;
      }
      if (items.length < kind.min || items.length > kind.max) {
        problems.error(slide.file, slide.line, `a ${kind.layout} slide holds ${kind.min} to ${kind.max} ${kind.what}, not ${items.length}`);
      }
      for (const item of items) {
        if (!leadingStrong(item.inline).strong) problems.error(slide.file, item.line, `each item starts with its bold part: ${kind.example}`);
        for (const key of item.attrs.keys()) problems.error(slide.file, item.line, `unknown attribute "${key}" on a ${kind.layout} item`);
      }
    },
    view(slide, md) {
      const items = readList(slide)?.items ?? [];
      return {
        items: items.map((item) => {
          const { strong, rest } = leadingStrong(item.inline);
          return { leadHtml: strong ? md.inline(strong.tokens) : '', html: md.inline(rest) + md.block(item.rest) };
        }),
      };
    },
  };
}

export const figures = boldLeadList({ layout: 'figures', what: 'figures', min: 2, max: 6, example: '- **2%** of GDP: defence spending goal [@source]' });
export const timeline = boldLeadList({ layout: 'timeline', what: 'dated entries', min: 3, max: 10, example: '- **1951** Security Treaty signed [@source]' });
