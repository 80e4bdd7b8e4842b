import type { LayoutPlugin } from './index.js';
import { leadingStrong, readList } from './list.js';

/**
 * Big numbers: 2 to 6 items `- **VALUE** short label [@id]`. The same reader serves the
 * timeline (`- **1951** what happened`), with 3 to 10 entries.
 */
function boldLeadList(kind: { layout: 'figures' | 'timeline'; what: string; min: number; max: number; example: string }): LayoutPlugin {
  return {
    read(slide, problems) {
      const items = readList(slide, undefined, problems)?.items;
      if (!items) {
        problems.error(slide.file, slide.line, `a ${kind.layout} slide holds a list of ${kind.min} to ${kind.max} ${kind.what}: ${kind.example}`);
        return { kind: kind.layout, items: [] };
      }
      if (items.length < kind.min || items.length > kind.max) {
        problems.error(slide.file, slide.line, `a ${kind.layout} slide holds ${kind.min} to ${kind.max} ${kind.what}, not ${items.length}`);
      }
      for (const item of items) {
        if (!leadingStrong(item.inline).strong) problems.error(slide.file, item.line, `each item starts with its bold part: ${kind.example}`);
        for (const key of item.attrs.keys()) problems.error(slide.file, item.line, `unknown attribute "${key}" on a ${kind.layout} item`);
      }
      return {
        kind: kind.layout,
        items: items.map((item) => {
          const { strong, rest } = leadingStrong(item.inline);
          return { lead: strong?.tokens ?? [], text: rest, rest: item.rest };
        }),
      };
    },
  };
}

export const figures = boldLeadList({ layout: 'figures', what: 'figures', min: 2, max: 6, example: '- **2%** of GDP: defence spending goal [@source]' });
export const timeline = boldLeadList({ layout: 'timeline', what: 'dated entries', min: 3, max: 10, example: '- **1951** Security Treaty signed [@source]' });
