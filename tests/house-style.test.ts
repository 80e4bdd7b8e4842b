import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, repoRoot, tempDir } from './helpers.js';

// A house style is one folder: house.yaml settings, partials and a theme overriding the built-ins by name.
const fixtures = join(repoRoot, 'tests/fixtures');
let out: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir: out, cleanup } = await tempDir());
  const r = await cli('build', join(fixtures, 'audience-deck/01-lead.md'), '--templates', join(fixtures, 'house-style'), '--out', out);
  expect(r.code, r.err).toBe(0);
});
afterAll(() => cleanup());

describe('a house style folder', () => {
  it('overrides a partial by name and supplies deck settings from house.yaml', async () => {
    const html = await readFile(join(out, '01-lead/default/index.html'), 'utf8');
    expect(html).toContain('Example Agency · Lead');
    expect(html).toContain('<p class="bd-organisation">Example Agency</p>');
    expect(html).toMatch(/<span class="bd-marking-text">UNCLASSIFIED<\/span>/);
  });

  it("uses the house theme named in house.yaml", async () => {
    expect(await readFile(join(out, '01-lead/default/assets/theme.css'), 'utf8')).toContain('--bd-navy: #0b4f4a');
    const report = JSON.parse(await readFile(join(out, '01-lead/.reports/default.json'), 'utf8')) as { theme: string };
    expect(report.theme).toBe('agency');
  });
});

describe('an audience profile from the house style folder', () => {
  it('builds a deck for an audience the manifest does not list', async () => {
    const { dir, cleanup: done } = await tempDir();
    try {
      const r = await cli('build', join(fixtures, 'audience-deck'), '--audience', 'minister', '--templates', join(fixtures, 'house-style'), '--out', dir);
      expect(r.code, r.err).toBe(0);
      const report = JSON.parse(await readFile(join(dir, 'audience-deck/.reports/minister.json'), 'utf8')) as {
        slides: { id: string }[];
        dropped: { id: string; reason: string }[];
        preparedFor: string;
      };
      expect(report.slides.map((s) => s.id)).toEqual(['title', 'bluf', 'sources']);
      expect(report.dropped.find((d) => d.id === 'internal-view')?.reason).toBe('tagged internal, which minister excludes');
      expect(report.preparedFor).toBe('the Minister');
    } finally {
      await done();
    }
  });
});
