import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Token } from 'marked';
import { loadDeckParts } from '../src/load/deck-file.js';
import { parseDeck } from '../src/parse/deck.js';
import { BriefdeckError, Problems, formatProblem, type Problem } from '../src/kernel/problem.js';

import { repoRoot, tempDir } from './helpers.js';
import type { Slide } from '../src/model.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'parse');
const cases = readdirSync(fixtures).sort();

/** load + parse of one brief file: slides (if it loaded) and every problem, as a user sees them. */
async function loadAndParse(path: string, cwd = repoRoot): Promise<{ slides: Slide[]; problems: Problem[] }> {
  try {
    // Load and parse report into one list, as in a run; load's warnings come first.
    const problems = new Problems();
    const deck = await loadDeckParts(path, { cwd }, problems);
    problems.throwIfErrors();
    const parsed = parseDeck(deck!, problems);
    return { slides: parsed.slides, problems: problems.list };
  } catch (error) {
    if (error instanceof BriefdeckError) return { slides: [], problems: error.problems };
    throw error;
  }
}

/** What a snapshot records of a slide: its model, with marked tokens reduced to their kinds and text. */
function summarise(slide: Slide) {
  return {
    kind: slide.kind,
    id: slide.id,
    explicitId: slide.explicitId,
    title: slide.title,
    line: slide.line,
    layout: slide.layout,
    audiences: slide.audiences,
    detail: slide.detail,
    tags: slide.tags,
    marking: slide.marking ?? null,
    backup: slide.backup,
    section: slide.section ?? null,
    body: slide.body.map((t: Token) => t.type),
    notes: slide.notes.map((t: Token) => t.raw.trim()),
    citations: slide.citations.map((c) => `${c.line}: @${c.id}${c.locator ? `, ${c.locator}` : ''}${c.inNotes ? ' (notes)' : ''}`),
  };
}

// The known-layout list grows as layouts are added; the snapshot should not care.
const stableMessage = (p: Problem) => formatProblem(p).replace(/(unknown layout "[^"]*") \(known: [^)]*\)/, '$1 (known: …)');

describe('parse fixtures (tests/fixtures/parse/<case>/brief.md)', () => {
  it.each(cases)('%s', async (name) => {
    const { slides, problems } = await loadAndParse(join(fixtures, name, 'brief.md'));
    const snapshot = { slides: slides.map(summarise), problems: problems.map(stableMessage) };
    await expect(JSON.stringify(snapshot, null, 2) + '\n').toMatchFileSnapshot(join(fixtures, name, 'expected.json'));
  });
});

/** The 1-based line of the first line of `file` containing `needle`. */
function lineOf(file: string, needle: string): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`fixture ${file} has no line containing ${needle}`);
  return index + 1;
}

describe('problem lines', () => {
  const errors = join(fixtures, 'errors', 'brief.md');
  const shown = relative(repoRoot, errors);
  const expected: [RegExp, string][] = [
    [/text before the first/, 'Text before the first heading'],
    [/unknown attribute "shiny"/, '{shiny}'],
    [/unknown attribute "colour"/, '{colour=blue}'],
    [/unknown layout "fancy"/, '{layout=fancy}'],
    [/detail must be one of/, '{detail=huge}'],
    [/unknown source id "@ghost"/, '[@ghost]'],
    [/unknown block "::: aside"/, '::: aside'],
  ];

  it('names the file and the line of every error', async () => {
    const { problems } = await loadAndParse(errors);
    expect(problems.map((p) => p.file)).toEqual(problems.map(() => shown));
    for (const [message, needle] of expected) {
      const found = problems.find((p) => message.test(p.message));
      expect(found, String(message)).toBeDefined();
      expect(found?.line, String(message)).toBe(lineOf(errors, needle));
    }
    expect(problems).toHaveLength(expected.length);
  });

  it('gives the same lines for a brief saved with CRLF line endings', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const crlf = join(dir, 'brief.md');
      await writeFile(crlf, readFileSync(errors, 'utf8').replace(/\n/g, '\r\n'));
      const lf = (await loadAndParse(errors)).problems.map((p) => [p.line, p.message]);
      const fromCrlf = (await loadAndParse(crlf, dir)).problems.map((p) => [p.line, p.message]);
      expect(fromCrlf).toEqual(lf);
    } finally {
      await cleanup();
    }
  });

  it('puts citation problems on the line of the citation, notes included', async () => {
    const file = join(fixtures, 'citations', 'brief.md');
    const { slides, problems } = await loadAndParse(file);
    const cited = slides.flatMap((s) => s.citations);
    expect(cited.find((c) => c.inNotes)?.line).toBe(lineOf(file, 'Notes cite too'));
    expect(cited.filter((c) => c.id === 'b' && !c.inNotes).at(-1)?.line).toBe(lineOf(file, 'second line [@b]'));
    expect(problems.find((p) => /cannot read citation/.test(p.message))?.line).toBe(lineOf(file, '[@a b c]'));
    expect(problems.find((p) => /"@nobody"/.test(p.message))?.line).toBe(lineOf(file, '[@nobody]'));
  });

  it('puts front-matter problems on their YAML line; a misspelt key is an error naming the key meant', async () => {
    const file = join(fixtures, 'front-matter', 'brief.md');
    const { problems } = await loadAndParse(file);
    expect(problems.find((p) => /date:/.test(p.message))?.line).toBe(lineOf(file, 'date: 2024-13-01'));
    expect(problems.find((p) => /tags\.1:/.test(p.message))?.line).toBe(lineOf(file, 'tags:'));
    const unknown = problems.find((p) => /unknown key "clasification"/.test(p.message));
    expect(unknown?.severity).toBe('error');
    expect(unknown?.message).toMatch(/did you mean "classification"/);
    expect(unknown?.line).toBe(lineOf(file, 'clasification:'));
  });
});
