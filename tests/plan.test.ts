import { describe, expect, it } from 'vitest';
import { numberCitations } from '../src/plan/plan.js';
import type { Slide } from '../src/model.js';

/** A slide citing `body` ids in its text and `notes` ids in its speaker notes. */
function slide(id: string, body: string[], notes: string[] = []): Slide {
  const cite = (inNotes: boolean) => (ref: string, i: number) => ({ id: ref, file: 'b.md', line: 10 + i, inNotes });
  return {
    kind: 'slide', id, explicitId: false, title: id, titleTokens: [], layout: 'bullets', audiences: [], detail: 'standard',
    tags: [], backup: false, body: [], notes: [], images: [], file: 'b.md', line: 1,
    citations: [...body.map(cite(false)), ...notes.map(cite(true))],
  };
}

describe('numberCitations', () => {
  it('numbers sources by first use, each once', () => {
    const numbers = numberCitations([slide('a', ['x', 'y', 'x']), slide('b', ['z', 'y'])]);
    expect([...numbers]).toEqual([['x', 1], ['y', 2], ['z', 3]]);
  });

  it('counts a slide\'s text before its notes, whatever order the uses were recorded in', () => {
    const s = slide('a', ['text'], ['note']);
    s.citations.reverse();
    expect([...numberCitations([s])]).toEqual([['text', 1], ['note', 2]]);
  });

  it('counts sources cited only in notes, after the slides before them', () => {
    expect([...numberCitations([slide('a', [], ['n']), slide('b', ['t'])])]).toEqual([['n', 1], ['t', 2]]);
  });

  it('gives an empty numbering to a deck without citations', () => {
    expect(numberCitations([slide('a', [])]).size).toBe(0);
  });
});
