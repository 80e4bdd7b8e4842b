import { mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { buildDeck, buildDecks } from '../src/commands/pipeline.js';
import { BriefdeckError } from '../src/kernel/problem.js';
import { defaultJobs, runContext } from '../src/kernel/run.js';

/** Every relative path of a run (deck, --out, --templates, shown file names) is read against its cwd. */
let dir: string;
let cleanup: () => Promise<void>;
const strayOut = 'briefdeck-run-paths-out';
beforeAll(async () => ({ dir, cleanup } = await tempDir('briefdeck-cwd-')));
// A build that ignored cwd would have written here, beside the tests: never leave it behind.
afterAll(async () => {
  await rm(join(process.cwd(), strayOut), { recursive: true, force: true });
  await cleanup();
});

async function project(name: string, profile: string, base = dir): Promise<string> {
  const root = join(base, name);
  await mkdir(join(root, 'deck'), { recursive: true });
  await mkdir(join(root, 'house', 'audiences'), { recursive: true });
  await writeFile(join(root, 'deck', 'a.md'), '---\ntitle: Paths\n---\n\n## A slide\n\nText.\n');
  await writeFile(join(root, 'deck', 'deck.yaml'), 'title: Paths\nbriefs: [a.md]\naudiences: [board]\n');
  await writeFile(join(root, 'house', 'house.yaml'), 'organisation: Relative House\n');
  await writeFile(join(root, 'house', 'audiences', 'board.yaml'), profile);
  return root;
}

describe('the run context', () => {
  it('applies every default once: output/ under cwd, the silent logger, 60 s, at least two jobs', () => {
    const run = runContext({ cwd: '/somewhere' });
    expect(run).toMatchObject({ cwd: '/somewhere', outRoot: '/somewhere/output', timeoutMs: 60_000 });
    expect(run.jobs).toBeGreaterThanOrEqual(2);
    expect(() => run.log.info('nothing printed')).not.toThrow();
    expect(runContext({ cwd: '/somewhere', out: 'built', jobs: 0 })).toMatchObject({ outRoot: '/somewhere/built', jobs: 1 });
    expect(runContext({ cwd: '/somewhere', out: '/elsewhere/out' }).outRoot).toBe('/elsewhere/out');
  });

  it('prints as many PDFs at once as there are CPUs, at least two, unless --jobs says', () => {
    expect([1, 2, 3, 4, 8].map((cpus) => defaultJobs(cpus))).toEqual([2, 2, 3, 4, 8]);
    expect(runContext().jobs).toBe(defaultJobs());
    expect(runContext({ jobs: 3 }).jobs).toBe(3);
  });
});

describe('paths resolve against the run\'s cwd', () => {
  it('finds the deck, the house style and writes the output under cwd', async () => {
    const root = await project('good', 'label: Board\ndetail: summary\n');
    const built = await buildDecks('deck', { cwd: root, out: strayOut, templates: ['house'] });
    expect(built.map((b) => b.htmlPath)).toEqual([join(root, strayOut, 'deck', 'board', 'index.html')]);
    expect(existsSync(join(root, strayOut, 'deck', 'board', 'index.html'))).toBe(true);
    expect(existsSync(join(process.cwd(), strayOut))).toBe(false);
    expect(built[0]!.plan.info.organisation).toBe('Relative House');
  });

  it('reads a deck path given to buildDeck against cwd too', async () => {
    const root = await project('one-deck', 'label: Board\ndetail: summary\n');
    const built = await buildDeck('deck/deck.yaml', { cwd: root, out: strayOut, templates: ['house'] });
    expect(built.map((b) => b.htmlPath)).toEqual([join(root, strayOut, 'deck', 'board', 'index.html')]);
  });

  it("finds a brief's images against cwd for the PowerPoint as for the HTML", async () => {
    // Under the process's own folder, where a path read against it instead of cwd names the wrong file.
    const root = await project(`run-paths-image-${process.pid}`, 'label: Board\ndetail: deep\n', join(process.cwd(), '.vitest-tmp'));
    await writeFile(join(root, 'deck', 'chart.png'), await readFile(join(import.meta.dirname, 'fixtures', 'every-layout', 'spending.png')));
    await writeFile(join(root, 'deck', 'a.md'), '---\ntitle: Paths\n---\n\n## A picture {layout=image}\n\n![Spending](chart.png)\n');
    try {
      const built = await buildDecks('deck', { cwd: root, out: strayOut, templates: ['house'], pptx: true });
      expect(built[0]!.pptxPath && existsSync(built[0]!.pptxPath)).toBe(true);
      expect(built[0]!.plan.slides.map((p) => p.layout)).toContain('image');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('names a house-style file in a problem relative to cwd', async () => {
    const root = await project('bad', 'label: Board\ndetail: everything\n');
    const error = await buildDecks('deck', { cwd: root, out: strayOut, templates: ['house'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefdeckError);
    const files = (error as BriefdeckError).problems.map((p) => `${p.file}:${p.line}`);
    expect(files).toEqual(['house/audiences/board.yaml:2']);
  });
});
