
import { renderDeck, type RenderOptions } from './render.js';
import type { TemplateSet } from '../../load/template-set.js';
import { BriefdeckError } from '../../kernel/problem.js';
import type { PlannedDeck } from '../../model.js';

/**
 * The read-ahead handout: the same planned slides, drawn small, each with its speaker
 * notes below (when the audience profile shows notes), through `handout.hbs`. Pure.
 */
export function renderHandout(plan: PlannedDeck, templates: TemplateSet, options: RenderOptions): string {
  if (!templates.handout) throw new BriefdeckError('bad-input', 'the templates have no handout.hbs to print a handout with');
  return renderDeck(plan, templates, options, templates.handout).html;
}

/** The handout page built beside a deck's index.html (`--handout`), printed by the export stage. */
export const handoutFile = 'handout.html';
