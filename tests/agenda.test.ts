import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadDeck } from '../src/load/deck-file.js';
import { parseDeck } from '../src/parse/deck.js';
import { planDeck } from '../src/plan/plan.js';
import { Problems } from '../src/kernel/problem.js';
import { repoRoot } from './helpers.js';
import { renderBriefText, slideBody, templates } from './pure-deck.js';

async function sampleDeck() {
  const deck = await loadDeck(join(repoRoot, 'briefs/us-japan-alliance/deck.yaml'));
  const problems = new Problems();
  const parsed = parseDeck(deck, problems);
  problems.throwIfErrors();
  return { deck, parsed };
}

describe('the agenda of a deck made of several briefs', () => {
  it('lists the briefs in order, each linking to its first slide for the audience', async () => {
    const { deck, parsed } = await sampleDeck();
    const staff = deck.audiences.find((a) => a.name === 'staff')!;
    const plan = planDeck(parsed, staff);
    const agenda = plan.slides.find((s) => s.kind === 'agenda');
    expect(plan.slides[1]?.kind).toBe('agenda');
    expect(agenda?.kind === 'agenda' && agenda.items.slice(0, 3)).toEqual([
      { title: 'Bottom line', slideId: 'bluf' },
      { title: 'The April 2024 state visit', slideId: 'summit-glance' },
      { title: 'Threat picture', slideId: 'threat-overview' },
    ]);
    // The appendix is not a part of the briefing proper: it comes after Sources.
    expect(agenda?.kind === 'agenda' && agenda.items.map((i) => i.title)).not.toContain('Appendix');
  });

  it('labels each slide with its brief, and leaves the agenda out where the profile says so', async () => {
    const { deck, parsed } = await sampleDeck();
    expect(parsed.slides.find((s) => s.id === 'china')?.section).toBe('Threat picture');
    const principal = deck.audiences.find((a) => a.name === 'principal')!;
    expect(planDeck(parsed, principal).slides.some((s) => s.kind === 'agenda')).toBe(false);
  });
});

describe('a citation of several sources', () => {
  it('shows their numbers in ascending order, whatever order they were written in', async () => {
    const text = [
      '---',
      'title: Order',
      'sources:',
      '  - {id: a, title: First}',
      '  - {id: b, title: Second}',
      '---',
      '',
      '## One',
      '- Cites a first [@a]',
      '',
      '## Two {#s}',
      '- Cites both, b first [@b; @a]',
      '',
    ].join('\n');
    const { html } = renderBriefText(text, await templates());
    const numbers = [...slideBody(html).matchAll(/class="cite-ref"[^>]*>(\d+)</g)].map((m) => m[1]);
    expect(numbers).toEqual(['1', '2']);
  });
});
