import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, tempDir } from './helpers.js';
import { newBrief } from '../src/commands/new-brief.js';
import { listDecks } from '../src/commands/deck-list.js';
import { checkDecks } from '../src/commands/check.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

describe('briefdeck new and list', () => {
  it('scaffolds a brief with every layout that checks with no errors, and refuses to overwrite', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const file = await newBrief('taiwan-strait', t.dir, '2024-06-01');
    expect(file).toBe(join('briefs', 'taiwan-strait.md'));
    const text = await readFile(join(t.dir, file), 'utf8');
    for (const layout of ['bluf', 'figures', 'timeline', 'quote', 'comparison', 'table', 'recommendations']) expect(text).toContain(`layout=${layout}`);
    const report = await checkDecks(join(t.dir, file), { cwd: t.dir });
    expect(report.errors).toBe(0);
    expect(report.findings.filter((f) => f.kind === 'overflow')).toEqual([]);
    await expect(newBrief('taiwan-strait', t.dir)).rejects.toThrow(/already exists/);
    await expect(newBrief('Bad Name', t.dir)).rejects.toThrow(/not a brief name/);
    const listed = await listDecks({ cwd: t.dir });
    expect(listed.rows).toEqual([
      { deck: 'taiwan-strait', brief: join('briefs', 'taiwan-strait.md'), title: 'Taiwan Strait', asOf: '2024-06-01', slides: 8, sources: 2 },
    ]);
    expect(listed.audiences.get('taiwan-strait')).toEqual(['default']);
  });

  it('lists the sample deck as a table', async () => {
    const r = await cli('list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^DECK\s+BRIEF\s+TITLE\s+AS OF\s+SLIDES\s+SOURCES/);
    expect(r.out).toMatch(/us-japan-alliance\s+briefs\/us-japan-alliance\/01-bottom-line\.md/);
    expect(r.out).toMatch(/us-japan-alliance\s+principal, staff, public, partner/);
  });
});
