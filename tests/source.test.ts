import { describe, expect, it } from 'vitest';
import { collectSources, checkCitations } from '../src/parse/source.js';
import { pageSources, numberCitations } from '../src/plan/plan.js';
import { Problems, formatProblem } from '../src/kernel/problem.js';
import type { Slide } from '../src/model.js';

const a = { id: 'a', title: 'Alpha' };

function slideCiting(ids: string[], inNotes = false): Slide {
  return { citations: ids.map((id, i) => ({ id, file: 'b.md', line: 10 + i, inNotes })) } as unknown as Slide;
}

describe('sources from sources.yaml and front matter', () => {
  it('keeps one entry for an id declared twice with the same details', () => {
    const problems = new Problems();
    const merged = collectSources([{ source: a, file: 'sources.yaml', line: 1 }, { source: { ...a }, file: 'b.md', line: 4 }], problems);
    expect([...merged.keys()]).toEqual(['a']);
    expect(problems.list).toEqual([]);
  });

  it('rejects the same id with conflicting details, naming both places', () => {
    const problems = new Problems();
    collectSources([{ source: a, file: 'sources.yaml', line: 1 }, { source: { ...a, title: 'Other' }, file: 'b.md', line: 4 }], problems);
    expect(problems.list.map(formatProblem)).toEqual([
      'b.md:4: source "a" is also declared at sources.yaml:1 with different details; give one of them another id',
    ]);
  });

  it('reports an unknown id at the citation, with a suggestion', () => {
    const problems = new Problems();
    checkCitations([slideCiting(['alpah'])], new Map([['alpha', { id: 'alpha', title: 'A' }]]), problems);
    expect(problems.list.map(formatProblem)).toEqual(['b.md:10: unknown source id "@alpah" (did you mean "alpha"?)']);
  });

  it('numbers by first use; a source cited only in notes still counts', () => {
    const numbers = numberCitations([slideCiting(['b', 'a']), slideCiting(['c'], true), slideCiting(['a', 'd'])]);
    expect([...numbers]).toEqual([['b', 1], ['a', 2], ['c', 3], ['d', 4]]);
  });

  it('continues the Sources slide when entries would overflow it', () => {
    const long = (i: number) => ({ id: `s${i}`, title: 'A rather long report title that wraps '.repeat(3), url: `https://example.org/${'x'.repeat(80)}/${i}` });
    const pages = pageSources(Array.from({ length: 30 }, (_, i) => long(i)));
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[pages.length - 1]).toBe(30);
    expect(pageSources(Array.from({ length: 5 }, (_, i) => ({ id: `s${i}`, title: 'Short' })))).toEqual([5]);
  });
});
