import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBrief } from '../src/load/brief-file.js';
import { BriefdeckError, Problems } from '../src/kernel/problem.js';
import { renderBriefText, templates } from './pure-deck.js';

/**
 * Random briefs through load (front matter), parse, plan and render. The only failure
 * allowed is a BriefdeckError whose problems each name a file and say something; never a
 * TypeError, a stack overflow or an escaped script.
 */

/** Pieces of markdown that exercise briefdeck's own syntax and the awkward corners of marked. */
const piece = fc.constantFrom(
  '## ', '# ', '### ', '{', '}', '{#id .tag layout=bullets detail=deep audience="staff"}', '{layout=', 'backup}', '::: notes\n', ':::\n', '::: other\n',
  '[@a]', '[@a, p. 4]', '[@a; @b]', '[@', '[@nope]', '- ', '1. ', '> ', '| a | b |\n|---|--:|\n', '```\n', '`', '*', '_', '~~', '**',
  '<span class="x">', '</span>', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '![i](data:x)',
  '<a href="&#106;avascript:x">', '\n', '\n\n', '  ', '\t', 'text', 'é', '日本', '\u0000', '\u202e', '&amp;', '&#0;', '\\', '---\n',
);
const markdown = fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 60 }).map((parts) => parts.join(''));

const yamlValue = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('2024-02-30', '2024-06-01', '[1, 2]', '{a: 1}', 'null', '~', '""', '|\n  block', '&a x', '*a', '!!binary x', 'true', '12', '[', '}'),
);
const frontMatter = fc
  .array(
    fc.tuple(fc.constantFrom('title', 'subtitle', 'author', 'date', 'classification', 'status', 'tags', 'lang', 'sources', 'titel', 'title'), yamlValue),
    { maxLength: 6 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}: ${v}`).join('\n'));

function expectCleanFailure(error: unknown): void {
  if (!(error instanceof BriefdeckError)) throw error;
  expect(error.problems.length).toBeGreaterThan(0);
  for (const p of error.problems) {
    expect(p.file).toBeTruthy();
    expect(p.message.trim()).not.toBe('');
  }
}

describe('random briefs fail only cleanly', () => {
  it('random markdown under a valid front matter', async () => {
    const set = await templates();
    fc.assert(
      fc.property(markdown, (body) => {
        try {
          const { html } = renderBriefText(`---\ntitle: Random\nsources:\n  - id: a\n    title: A\n  - id: b\n    title: B\n---\n\n## Start\n\n${body}\n`, set);
          expect(html).not.toMatch(/<script>alert|<[a-z][^>]*\son\w+\s*=|<[a-z][^>]*href="\s*javascript:/i);
        } catch (error) {
          expectCleanFailure(error);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random front matter and markdown together', async () => {
    const set = await templates();
    fc.assert(
      fc.property(frontMatter, markdown, (fm, body) => {
        try {
          renderBriefText(`---\n${fm}\n---\n${body}\n`, set);
        } catch (error) {
          expectCleanFailure(error);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('any text at all, as a whole file', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const problems = new Problems();
        readBrief(text, 'any.md', '/any.md', problems);
        for (const p of problems.list) expect(p.file).toBe('any.md');
      }),
      { numRuns: 500 },
    );
  });
});
