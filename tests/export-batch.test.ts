import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDecks } from '../src/commands/pipeline.js';
import { exportVersions, type ExportJob, type ExportResult } from '../src/export/export.js';
import { runContext } from '../src/kernel/run.js';
import { repoRoot, tempDir } from './helpers.js';
import type { BuiltVersion } from '../src/model.js';

/** A progress display that only remembers what finished, in order. */
function finishedOrder(): { labels: string[]; progress: { start(): void; advance(label: string): void; stop(): void } } {
  const labels: string[] = [];
  return { labels, progress: { start: () => undefined, advance: (label) => void labels.push(label), stop: () => undefined } };
}

describe('a batch of PDFs handed over as each version finishes', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let staff: BuiltVersion;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    [staff] = await buildDecks(join(repoRoot, 'tests/fixtures/export-deck'), { out: join(dir, 'html'), handout: true });
  });
  afterAll(() => cleanup());

  const job = (label: string): ExportJob => ({ label, htmlFile: staff.htmlPath, shownAs: staff.htmlPath, plan: staff.plan, handout: label === 'with handout', builtInPage: true });

  it('gives the caller each version once all its PDFs are finished, before the batch returns', async () => {
    const handed: { index: number; result: ExportResult; printed: string[] }[] = [];
    const { labels, progress } = finishedOrder();
    const results = await exportVersions([job('one'), job('with handout')], runContext({ progress, jobs: 1 }), {
      done: async (index, result) => void handed.push({ index, result, printed: [...labels] }),
    });
    expect(handed.map((h) => h.index).sort()).toEqual([0, 1]);
    // The very PDFs the batch returns.
    for (const { index, result } of handed) expect(result.pdf).toBe(results[index]!.pdf);
    const second = handed.find((h) => h.index === 1)!;
    // Handed over only once both of its PDFs were finished: the slides and the handout.
    expect(second.printed).toEqual(expect.arrayContaining(['with handout', 'with handout handout']));
    expect(second.result.pdf!.byteLength).toBeGreaterThan(10_000);
    expect(second.result.handout!.byteLength).toBeGreaterThan(10_000);
  }, 60_000);

  it('fails the batch when the caller fails to take a version', async () => {
    const batch = exportVersions([job('one'), job('two')], runContext({ jobs: 1 }), {
      done: async (index) => {
        if (index === 0) throw new Error('disk full');
      },
    });
    await expect(batch).rejects.toThrow('disk full');
  }, 60_000);

  it('prints the versions that are read back first, so their leak scan runs while the others print', async () => {
    const { labels, progress } = finishedOrder();
    const built = await buildDecks(join(repoRoot, 'tests/fixtures/release-deck'), { audience: 'all', out: join(dir, 'release'), pdf: true, progress, jobs: 1 });
    const external = built.filter((v) => v.plan.audience.external).map((v) => `${v.deck}/${v.audience}`);
    expect(external.length).toBeGreaterThan(1);
    expect(built.length).toBeGreaterThan(external.length);
    // In the order the deck names them, but every external version before the first internal one.
    expect(labels.slice(0, external.length)).toEqual(external);
    expect(labels).toHaveLength(built.length);
  }, 120_000);
});
