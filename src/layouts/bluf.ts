import type { LayoutReader } from './index.js';
import { checkAttributedList, readList } from './list.js';

/** ICD 203 estimative language, from least to most likely. */
const estimates = ['almost no chance', 'very unlikely', 'unlikely', 'roughly even chance', 'likely', 'very likely', 'almost certain'] as const;
const confidences = ['high', 'moderate', 'low'] as const;

const judgmentAttributes = { estimate: estimates, confidence: confidences };

/**
 * Bottom line up front: a list of key judgments, each optionally ending with
 * `{estimate="very likely" confidence=moderate}`, shown as tags beside the judgment.
 */
export const bluf: LayoutReader = {
  check(slide, problems) {
    checkAttributedList(slide, problems, { missing: 'a bluf slide holds a bullet list of key judgments', allowed: judgmentAttributes });
  },
  view(slide, md) {
    const found = readList(slide);
    return {
      leadHtml: md.block(slide.body.filter((t) => t !== found?.list)),
      judgments: (found?.items ?? []).map((item) => ({
        html: md.inline(item.inline) + md.block(item.rest),
        estimate: item.attrs.get('estimate') ?? null,
        // The scale's position (1-7) lets the theme draw how likely, not just say it.
        estimateStep: estimateStep(item.attrs.get('estimate')),
        confidence: item.attrs.get('confidence') ?? null,
      })),
    };
  },
};

function estimateStep(estimate: string | undefined): number | null {
  const i = (estimates as readonly string[]).indexOf(estimate ?? '');
  return i < 0 ? null : i + 1;
}
