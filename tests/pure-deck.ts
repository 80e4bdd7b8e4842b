import { readBrief } from '../src/load/brief-file.js';
import { parseDeck } from '../src/parse/deck.js';
import { readLayouts } from '../src/layouts/index.js';
import { planDeck } from '../src/plan/plan.js';
import { renderDeck } from '../src/render/html/render.js';
import { defaultAudience } from '../src/load/audience-file.js';
import { loadTemplateSet, type TemplateSet } from '../src/load/template-set.js';
import { Problems } from '../src/kernel/problem.js';
import type { LoadedDeck } from '../src/model.js';

let builtIn: TemplateSet | undefined;

/** The built-in templates, read once per test file. */
export async function templates(): Promise<TemplateSet> {
  builtIn ??= await loadTemplateSet();
  return builtIn;
}

/**
 * One brief's text through the pure stages (read front matter, parse, plan, render),
 * as `briefdeck build brief.md` would, without touching disk. Throws BriefdeckError on bad input.
 */
export function renderBriefText(text: string, set: TemplateSet, file = 'brief.md'): { html: string; problems: Problems; slides: number } {
  const problems = new Problems();
  const brief = readBrief(text, file, `/project/${file}`, problems);
  // Invalid front matter still yields the body: parse runs on it, as in a real run.
  if (!brief) problems.throwIfErrors();
  const fm = brief!.frontMatter;
  const deck: LoadedDeck = {
    name: 'brief',
    file,
    root: '/project',
    info: { ...fm, shortTitle: fm.title, lang: fm.lang ?? 'en', theme: 'house', tags: fm.tags ?? [] },
    briefs: [brief!],
    sources: [],
    audiences: [defaultAudience],
    templates: set,
    restrictedTags: [],
  };
  const parsed = readLayouts(parseDeck(deck, problems), problems);
  problems.throwIfErrors();
  const plan = planDeck(parsed, defaultAudience);
  const planned = new Problems();
  planned.list.push(...plan.problems);
  planned.throwIfErrors();
  const { html } = renderDeck(plan, set, { assets: 'assets', version: '0.0.0' });
  return { html, problems, slides: plan.slides.length };
}

/** A brief with the given body under one slide heading. */
export function briefWith(body: string, frontMatter = 'title: Test brief'): string {
  return `---\n${frontMatter}\n---\n\n## Slide {#s}\n\n${body}\n`;
}

/** The HTML of slide `#s` only (what the brief's body became). */
export function slideBody(html: string): string {
  const start = html.indexOf('<section id="s"');
  return html.slice(start, html.indexOf('</section>', start));
}
