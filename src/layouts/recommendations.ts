import type { LayoutPlugin } from './index.js';
import { checkAttributedList, leadingStrong } from './list.js';

export const priorities = ['high', 'medium', 'low'] as const;

const recommendationAttributes = { owner: 'text', priority: priorities } as const;

/**
 * Numbered recommendations or options: `1. **Short title.** rationale {owner="..." priority=high}`.
 * Owner and priority are optional; a priority outside high, medium, low is an error.
 */
export const recommendations: LayoutPlugin = {
  read(slide, problems) {
    const found = checkAttributedList(slide, problems, {
      ordered: true,
      missing: 'a recommendations slide holds a numbered list: 1. **Short title.** rationale {owner="..." priority=high}',
      allowed: recommendationAttributes,
    });
    const start = typeof found?.list.start === 'number' ? found.list.start : 1;
    return {
      kind: 'recommendations',
      lead: slide.body.filter((t) => t !== found?.list),
      items: (found?.items ?? []).map((item, i) => {
        const { strong, rest } = leadingStrong(item.inline);
        return {
          number: start + i,
          title: strong?.tokens,
          text: strong ? rest : item.inline,
          rest: item.rest,
          owner: item.attrs.get('owner'),
          priority: item.attrs.get('priority'),
        };
      }),
    };
  },
};
