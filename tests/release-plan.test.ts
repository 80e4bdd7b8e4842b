import { describe, expect, it } from 'vitest';
import { readBrief } from '../src/load/brief-file.js';
import { parseDeck } from '../src/parse/deck.js';
import { readLayouts } from '../src/layouts/index.js';
import { planDeck } from '../src/plan/plan.js';
import { audienceProfileSchema } from '../src/load/schema.js';
import { Problems } from '../src/kernel/problem.js';
import { secretsOf, shownText } from '../src/verify/leak-text.js';
import type { LoadedDeck, ParsedDeck } from '../src/model.js';
import { templates } from './pure-deck.js';

/** The release rules on the pure stages: one brief's text in, each audience's plan out. */
const brief = `---
title: Release rules
sources:
  - id: open
    title: The open source everyone may see
  - id: hidden
    title: A source cited only on the internal slide
  - id: noted
    title: A source cited only in speaker notes
---

# Secret section {.Internal}

## Under the secret section
- Words that must stay inside the building [@hidden].

# Open section

## For Japan and the U.S. {#rel-jpn marking="U//REL TO USA, JPN"}
- Shared with Tokyo [@open].

::: notes
Background from the archive [@noted].
:::

## Plain slide
- Plain words for everyone [@open].
`;

async function parsed(declared: string[] = [], tags: string[] = []): Promise<ParsedDeck> {
  const problems = new Problems();
  const loaded = readBrief(brief, 'brief.md', '/project/brief.md', problems)!;
  const fm = loaded.frontMatter;
  const deck: LoadedDeck = {
    name: 'brief', file: 'brief.md', root: '/project',
    info: { ...fm, shortTitle: fm.title, lang: 'en', theme: 'house', tags },
    briefs: [loaded], sources: [], audiences: [], templates: await templates(), restrictedTags: declared, warnings: [],
  };
  const result = readLayouts(parseDeck(deck, problems), problems);
  problems.throwIfErrors();
  return result;
}

const profile = (fields: Record<string, unknown>) => audienceProfileSchema.parse(fields);
const ids = (plan: ReturnType<typeof planDeck>) => plan.slides.map((s) => s.id);

describe('release rules in the plan', () => {
  it('a section tag (any case) drops the section and every slide under it from an external audience', async () => {
    const plan = planDeck(await parsed(), profile({ name: 'public', external: true, notes: false, marking: 'U//TLP:CLEAR' }));
    expect(ids(plan)).not.toContain('secret-section');
    expect(ids(plan)).not.toContain('under-the-secret-section');
    expect(plan.dropped.find((d) => d.id === 'under-the-secret-section')?.reason).toBe('tagged internal: restricted, never released to an external audience (public)');
    // The agenda lists only sections the version has: one left, so no agenda at all; staff gets both.
    expect(plan.slides.some((s) => s.kind === 'agenda')).toBe(false);
    const agenda = planDeck(await parsed(), profile({ name: 'staff' })).slides.find((s) => s.kind === 'agenda');
    expect(agenda?.kind === 'agenda' && agenda.items.map((i) => i.title)).toEqual(['Secret section', 'Open section']);
  });

  it('lists no restricted tag among the deck tags of any version (the PDF and PowerPoint keywords)', async () => {
    const deck = await parsed(['desk-only'], ['alliance', 'Internal', 'desk-only', 'us-only']);
    for (const audience of [profile({ name: 'staff' }), profile({ name: 'public', external: true })]) {
      expect(planDeck(deck, audience).info.tags).toEqual(['alliance']);
    }
  });

  it('no include list re-admits a restricted slide to an external audience; an internal one gets it', async () => {
    const external = planDeck(await parsed(), profile({ name: 'press', external: true, include: ['internal'] }));
    expect(ids(external)).not.toContain('under-the-secret-section');
    expect(ids(planDeck(await parsed(), profile({ name: 'staff' })))).toContain('under-the-secret-section');
  });

  it('a restricted slide that names an external audience is an error at its line, not a quiet drop', async () => {
    const p = await parsed();
    const slide = p.slides.find((s) => s.id === 'under-the-secret-section')!;
    slide.audiences = ['public', 'staff'];
    const plan = planDeck(p, profile({ name: 'public', external: true }));
    expect(ids(plan)).not.toContain('under-the-secret-section');
    expect(plan.problems).toEqual([expect.objectContaining({ severity: 'error', file: 'brief.md', line: slide.line, message: expect.stringMatching(/names the external audience public, but is tagged internal/) })]);
  });

  it('a declared restricted tag is restricted like the built-in ones', async () => {
    const p = await parsed(['open']);
    p.slides.find((s) => s.id === 'plain-slide')!.tags.push('open');
    expect(ids(planDeck(p, profile({ name: 'public', external: true })))).not.toContain('plain-slide');
  });

  it('a REL TO slide goes only to an external audience whose every country it names', async () => {
    const p = await parsed();
    expect(ids(planDeck(p, profile({ name: 'public', external: true, marking: 'U//TLP:CLEAR' })))).not.toContain('rel-jpn');
    expect(ids(planDeck(p, profile({ name: 'partner', external: true, marking: 'U//REL TO USA, JPN//TLP:GREEN' })))).toContain('rel-jpn');
    expect(ids(planDeck(p, profile({ name: 'partner', external: true, marking: 'U//REL TO USA, GBR, JPN//TLP:GREEN' })))).not.toContain('rel-jpn');
    expect(ids(planDeck(p, profile({ name: 'staff', marking: 'U//TLP:AMBER' })))).toContain('rel-jpn');
  });

  it('lists only the sources a version shows: not those of dropped slides, nor of notes it does not show', async () => {
    const p = await parsed();
    const listed = (notes: boolean) => planDeck(p, profile({ name: 'partner', external: true, notes, marking: 'U//REL TO USA, JPN' })).sources.map((s) => s.source.id);
    expect(listed(false)).toEqual(['open']);
    expect(listed(true)).toEqual(['open', 'noted']);
  });
});

describe('what the leak scan looks for', () => {
  it("takes a dropped slide's title, body phrases and sources cited only there, not text the version shows", async () => {
    const p = await parsed();
    const plan = planDeck(p, profile({ name: 'public', external: true, notes: false, marking: 'U//TLP:CLEAR' }));
    const secrets = secretsOf(p.slides, plan, p.sources, shownText(plan)).map((s) => `${s.what}: ${s.excerpt}`);
    expect(secrets).toEqual(expect.arrayContaining([
      'title: Secret section',
      'title: Under the secret section',
      'body: - Words that must stay inside the building',
      'source: A source cited only on the internal slide',
      'title: For Japan and the U.S.',
      'notes: Background from the archive',
    ]));
    // "Shared with Tokyo" is one of the dropped slide's phrases, but the open source is listed: not a secret.
    expect(secrets.join('\n')).not.toMatch(/open source everyone|Plain/);
  });
});
