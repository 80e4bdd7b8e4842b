import { describe, expect, it } from 'vitest';
import { readBrief } from '../src/load/brief-file.js';
import { parseDeck } from '../src/parse/deck.js';
import { readLayouts } from '../src/layouts/index.js';
import { defaultAudience } from '../src/load/audience-file.js';
import { Problems, formatProblem } from '../src/kernel/problem.js';
import { templates } from './pure-deck.js';
import type { LoadedDeck } from '../src/model.js';

/** Parses a brief (front matter on lines 1-3, the slide heading on line 5) and returns its problems. */
async function problemsOf(slide: string, frontMatter = 'title: T'): Promise<string[]> {
  const problems = new Problems();
  const text = `---\n${frontMatter}\n---\n\n${slide}\n`;
  const brief = readBrief(text, 'b.md', '/project/b.md', problems)!;
  const deck: LoadedDeck = {
    name: 'b', file: 'b.md', root: '/project',
    info: { title: 'T', shortTitle: 'T', lang: 'en', theme: 'house', tags: [] },
    briefs: [brief], sources: [], audiences: [defaultAudience], templates: await templates(), warnings: [],
  };
  readLayouts(parseDeck(deck, problems), problems);
  return problems.list.map(formatProblem);
}

describe('layout errors at parse time, with file and line', () => {
  it('a misspelt estimate or confidence, or an unknown key, on the judgment line', async () => {
    const p = await problemsOf('## K {layout=bluf}\n\n- One {estimate="likley"}\n- Two {estimate=likely confidence=hi}\n- Three {certainty=high}');
    expect(p).toEqual([
      expect.stringMatching(/^b\.md:7: estimate must be one of "almost no chance", .* not "likley"$/),
      expect.stringMatching(/^b\.md:8: confidence must be one of "high", "moderate", "low", not "hi"$/),
      expect.stringMatching(/^b\.md:9: unknown attribute "certainty" \(known: estimate, confidence\)$/),
    ]);
  });

  it('figures need 2 to 6 items, each starting with a bold value', async () => {
    expect(await problemsOf('## F {layout=figures}\n\n- **2%** only one')).toEqual(['b.md:5: a figures slide holds 2 to 6 figures, not 1']);
    expect(await problemsOf('## F {layout=figures}\n\n- **2%** a\n- no value here')).toEqual([
      'b.md:8: each item starts with its bold part: - **2%** of GDP: defence spending goal [@source]',
    ]);
  });

  it('a timeline needs 3 to 10 dated entries', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `- **${2000 + i}** event`).join('\n');
    expect(await problemsOf(`## T {layout=timeline}\n\n${eleven}`)).toEqual(['b.md:5: a timeline slide holds 3 to 10 dated entries, not 11']);
  });

  it('a comparison needs 2 or 3 columns', async () => {
    const p = await problemsOf('## C {layout=comparison}\n\n### Only one\n- x');
    expect(p).toEqual([expect.stringMatching(/^b\.md:5: a comparison slide holds 2 or 3 "### Column" headings.*not 1$/)]);
  });

  it('a recommendation priority outside high, medium, low', async () => {
    const p = await problemsOf('## R {layout=recommendations}\n\n1. **Do A.** why {priority=urgent}\n2. **Do B.** why {owner="Desk"}');
    expect(p).toEqual(['b.md:7: priority must be one of "high", "medium", "low", not "urgent"']);
  });

  it('a table slide without a table, a quote without a blockquote', async () => {
    expect(await problemsOf('## T {layout=table}\n\nNo table.')).toEqual(['b.md:5: a table slide holds one markdown table, not 0']);
    expect(await problemsOf('## Q {layout=quote}\n\nNo quote.')).toEqual(['b.md:5: a quote slide holds one blockquote ("> ..."), not 0']);
  });

  it('an image without alt text is a warning at its line', async () => {
    expect(await problemsOf('## I {layout=image}\n\n![](chart.png)\n\nCaption.')).toEqual([
      'b.md:7: warning: image "chart.png" has no alt text; describe it in the brackets: ![what the figure shows](chart.png)',
    ]);
  });

  it('an unknown layout names the file and line', async () => {
    expect((await problemsOf('## X {layout=fancy}\n\n- x'))[0]).toMatch(/^b\.md:5: unknown layout "fancy" \(known: bluf, bullets, chart, comparison, figures, image, quote, recommendations, section, table, timeline\)$/);
  });
});
