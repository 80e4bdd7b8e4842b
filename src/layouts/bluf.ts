import type { LayoutPlugin } from './index.js';
import { checkAttributedList } from './list.js';

/** ICD 203 estimative language, from least to most likely. */
export const estimates = ['almost no chance', 'very unlikely', 'unlikely', 'roughly even chance', 'likely', 'very likely', 'almost certain'] as const;
export const confidences = ['high', 'moderate', 'low'] as const;

const judgmentAttributes = { estimate: estimates, confidence: confidences };

/**
 * Bottom line up front: a list of key judgments, each optionally ending with
 * `{estimate="very likely" confidence=moderate}`, shown as tags beside the judgment.
 */
export const bluf: LayoutPlugin = {
  read(slide, problems) {
    const found = checkAttributedList(slide, problems, { missing: 'a bluf slide holds a bullet list of key judgments', allowed: judgmentAttributes });
    return {
      kind: 'bluf',
      lead: slide.body.filter((t) => t !== found?.list),
      judgments: (found?.items ?? []).map((item) => ({
        text: item.inline,
        rest: item.rest,
        estimate: item.attrs.get('estimate'),
        // The scale's position (1-7) lets a renderer draw how likely, not just say it.
        estimateStep: estimateStep(item.attrs.get('estimate')),
        confidence: item.attrs.get('confidence'),
      })),
    };
  },
};

function estimateStep(estimate: string | undefined): number | undefined {
  const i = (estimates as readonly string[]).indexOf(estimate ?? '');
  return i < 0 ? undefined : i + 1;
}
