import type { LayoutReader } from './index.js';
import { checkAttributedList, leadingStrong, readList } from './list.js';

const priorities = ['high', 'medium', 'low'] as const;

const recommendationAttributes = { owner: 'text', priority: priorities } as const;

/**
 * Numbered recommendations or options: `1. **Short title.** rationale {owner="..." priority=high}`.
 * Owner and priority are optional; a priority outside high, medium, low is an error.
 */
export const recommendations: LayoutReader = {
  check(slide, problems) {
    checkAttributedList(slide, problems, {
      ordered: true,
      missing: 'a recommendations slide holds a numbered list: 1. **Short title.** rationale {owner="..." priority=high}',
      allowed: recommendationAttributes,
    });
  },
  view(slide, md) {
    const found = readList(slide, true);
    const start = typeof found?.list.start === 'number' ? found.list.start : 1;
    return {
      leadHtml: md.block(slide.body.filter((t) => t !== found?.list)),
      items: (found?.items ?? []).map((item, i) => {
        const { strong, rest } = leadingStrong(item.inline);
        return {
          number: start + i,
          titleHtml: strong ? md.inline(strong.tokens) : null,
          html: md.inline(strong ? rest : item.inline) + md.block(item.rest),
          owner: item.attrs.get('owner') ?? null,
          priority: item.attrs.get('priority') ?? null,
        };
      }),
    };
  },
};
