import { describe, expect, it } from 'vitest';
import { readYaml, readYamlData } from '../src/load/yaml-file.js';
import { z } from 'zod';
import { briefFrontMatterSchema, deckManifestSchema } from '../src/load/schema.js';
import { Problems } from '../src/kernel/problem.js';

const read = (text: string, firstLine = 1) => {
  const problems = new Problems();
  const value = readYaml({ file: 'deck.yaml', text, firstLine }, deckManifestSchema, problems, 'deck manifest');
  return { value, problems: problems.list };
};

describe('readYaml', () => {
  it('returns the validated value with no problems', () => {
    const { value, problems } = read('title: A deck\nbriefs: [a.md]\n');
    expect(problems).toEqual([]);
    expect(value?.briefs).toEqual(['a.md']);
  });

  it('puts each schema problem on the line of its key, offset by where the YAML starts', () => {
    const text = 'title: A deck\nbriefs: [a.md]\ndate: 2024-02-30\naudiences:\n  - name: Bad Name\n';
    const { value, problems } = read(text, 2);
    expect(value).toBeUndefined();
    expect(problems.map((p) => [p.line, p.message.split(':').slice(0, 2).join(':')])).toEqual([
      [4, 'deck manifest: date'],
      [6, 'deck manifest: audiences.0.name'],
    ]);
  });

  it('names a missing required key at the start of the YAML', () => {
    const { problems } = read('briefs: [a.md]\n', 2);
    expect(problems).toEqual([{ file: 'deck.yaml', line: 2, message: 'deck manifest: title: is required', severity: 'error' }]);
  });

  it('a key within two edits of a known one is an error with the key meant, on its line', () => {
    const problems = new Problems();
    const value = readYaml({ file: 'b.md', text: 'title: T\nclasification: SECRET\n', firstLine: 2 }, briefFrontMatterSchema, problems, 'front matter');
    expect(value?.title).toBe('T');
    expect(problems.list).toHaveLength(1);
    expect(problems.list[0]).toMatchObject({ line: 3, severity: 'error' });
    expect(problems.list[0]?.message).toBe('unknown key "clasification" in front matter (did you mean "classification"?)');
  });

  it('warns about other unknown keys on their line, and still returns the value', () => {
    const problems = new Problems();
    const value = readYaml({ file: 'b.md', text: 'title: T\nreviewer: Jane\n', firstLine: 2 }, briefFrontMatterSchema, problems, 'front matter');
    expect(value?.title).toBe('T');
    expect(problems.list).toEqual([expect.objectContaining({ line: 3, severity: 'warning' })]);
    expect(problems.list[0]?.message).toMatch(/unknown key "reviewer"/);
  });

  it('reports broken YAML with its line', () => {
    const { value, problems } = read('title: A deck\nbriefs: [a.md\n');
    expect(value).toBeUndefined();
    expect(problems[0]?.message).toMatch(/^invalid YAML in deck manifest/);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses a key given twice', () => {
    const { problems } = read('title: A\ntitle: B\nbriefs: [a.md]\n');
    expect(problems[0]).toMatchObject({ line: 2, severity: 'error' });
  });
});

describe('lineOf', () => {
  it('finds the line of a nested key, and of its nearest parent for a key that is not there', () => {
    const yaml = { file: 'x', text: 'title: T\nsources:\n  - id: a\n    title: A\n  - id: b\n    title: B\n', firstLine: 2 };
    const { lineOf } = readYamlData(yaml, z.unknown(), new Problems(), 'test');
    expect(lineOf(['sources', 1])).toBe(6);
    expect(lineOf(['title'])).toBe(2);
    expect(lineOf(['sources', 1, 'url'])).toBe(6);
  });
});
