import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

/** The handout of a draft says DRAFT on every page; a final one never does. */
const brief = (status: string) => `---
title: Handout watermark check
status: ${status}
classification: UNCLASSIFIED
---

## First slide
- One point

::: notes
${'A long note that fills the page. '.repeat(60)}
:::

## Second slide
- Another point

::: notes
${'More notes to reach a second page. '.repeat(60)}
:::
`;

/** Page texts, reading rotated text in content order (`-raw`), so the watermark reads as one word. */
const rawPages = (pdf: string) => execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);

let dir: string;
let cleanup: () => Promise<void>;
const runs: Record<string, number> = {};

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  for (const status of ['draft', 'final']) {
    await writeFile(join(dir, `${status}.md`), brief(status));
    runs[status] = (await cli('pdf', join(dir, `${status}.md`), '--handout', '--out', join(dir, `${status}.pdf`), '--quiet')).code;
  }
}, 180_000);
afterAll(() => cleanup());

describe('the handout of a draft', () => {
  it('carries the DRAFT watermark on every page', () => {
    expect(runs.draft).toBe(0);
    const pages = rawPages(join(dir, 'draft-handout.pdf'));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('DRAFT');
  });

  it('and a final handout carries none', () => {
    expect(runs.final).toBe(0);
    for (const page of rawPages(join(dir, 'final-handout.pdf'))) expect(page).not.toContain('DRAFT');
  });
});
