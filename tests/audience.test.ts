import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, repoRoot, tempDir } from './helpers.js';

const fixture = join(repoRoot, 'tests/fixtures/audience-deck');
let out: string;
let cleanup: () => Promise<void>;
let verbose: string;

interface Report {
  audience: string;
  preparedFor: string | null;
  marking: { banner: string | null; tlp: string | null; full: string | null; ceiling: string | null };
  budget: { maxSlides: number | null; counted: number; over: number; overBudget: string };
  slides: { id: string; generated: boolean; marking?: string | null }[];
  dropped: { id: string; reason: string; file: string; line: number }[];
}
const report = async (audience: string): Promise<Report> =>
  JSON.parse(await readFile(join(out, 'audience-deck', '.reports', `${audience}.json`), 'utf8')) as Report;
const html = (audience: string) => readFile(join(out, 'audience-deck', audience, 'index.html'), 'utf8');
const ids = (r: Report) => r.slides.map((s) => s.id);
const dropReason = (r: Report, id: string) => r.dropped.find((d) => d.id === id)?.reason;

beforeAll(async () => {
  ({ dir: out, cleanup } = await tempDir());
  const r = await cli('build', fixture, '--audience', 'all', '--out', out, '--verbose');
  expect(r.code, r.err).toBe(0);
  verbose = r.err;
});
afterAll(() => cleanup());

describe('one deck, one version per audience profile', () => {
  it('gives the principal the summary slides only, opening with the bottom line', async () => {
    const r = await report('principal');
    expect(ids(r)).toEqual(['title', 'bluf', 'internal-view', 'sources']);
    expect(r.slides.length).toBeLessThanOrEqual(10);
    expect(dropReason(r, 'deep')).toBe('detail=deep; principal gets summary');
    expect(dropReason(r, 'us-eyes')).toBe('detail=standard; principal gets summary');
  });

  it('gives staff everything, with speaker notes, and a banner at the highest marking present', async () => {
    const r = await report('staff');
    expect(r.dropped).toEqual([]);
    expect(ids(r)).toContain('cui-slide');
    expect(r.marking.full).toBe('CUI//REL TO USA, AUS//TLP:AMBER');
    expect(await html('staff')).toContain('Speaker note only staff should see');
  });

  it('drops internal slides, notes and anything above its ceiling from the public version', async () => {
    const r = await report('public');
    expect(dropReason(r, 'internal-view')).toBe('tagged internal: restricted, never released to an external audience (public)');
    expect(dropReason(r, 'cui-slide')).toBe('marked CUI, above the ceiling UNCLASSIFIED for public');
    // A REL TO slide never goes to the public: the public is everyone, no list covers it.
    expect(dropReason(r, 'rel-aus')).toBe('releasable to USA, AUS only; public has no REL TO list (anyone may read it)');
    expect(r.marking.full).toBe('UNCLASSIFIED//TLP:CLEAR');
    const page = await html('public');
    expect(page).not.toContain('Speaker note only staff should see');
    expect(page).toContain('<span class="bd-tlp bd-tlp-clear">TLP:CLEAR</span>');
  });

  it("uses the deck's own partner profile: drops U.S.-only slides and slides not releasable to Japan", async () => {
    const r = await report('partner');
    expect(r.preparedFor).toBe('Japanese counterparts');
    expect(dropReason(r, 'us-eyes')).toBe('tagged us-only: restricted, never released to an external audience (partner)');
    expect(dropReason(r, 'rel-aus')).toBe('releasable to USA, AUS only, not JPN for partner');
    expect(r.marking).toMatchObject({ banner: 'UNCLASSIFIED//REL TO USA, JPN', tlp: 'TLP:GREEN' });
    const page = await html('partner');
    expect(page.match(/<span class="bd-marking-text">UNCLASSIFIED\/\/REL TO USA, JPN<\/span>/g)).toHaveLength(2 * r.slides.length);
    expect(page).toContain('Prepared for Japanese counterparts');
  });

  it('shows portion marks at the start of marked titles', async () => {
    expect(await html('staff')).toMatch(/<span class="bd-portion">\(CUI\)<\/span> Controlled view/);
    expect(await html('staff')).toMatch(/<span class="bd-portion">\(U\/\/REL TO USA, AUS\)<\/span> Releasable to Australia/);
  });

  it('warns, and still builds, when an over-budget profile says overBudget: warn', async () => {
    const r = await report('tight');
    expect(r.budget).toEqual({ maxSlides: 2, counted: 9, over: 7, overBudget: 'warn' });
    expect(verbose).toMatch(/deck\.yaml: warning: audience tight allows 2 slides but gets 9; cut 7/);
  });

  it('lists what each audience dropped and why with --verbose', () => {
    expect(verbose).toContain('audience-deck/public: kept 3 slides, dropped 5');
    expect(verbose).toMatch(/dropped #deep "Deep dive" \(.*02-detail\.md:5\): detail=deep; public gets standard/);
  });
});

describe('the slide budget', () => {
  it('is an error listing the slides to cut when the profile does not say warn', async () => {
    const { dir, cleanup: done } = await tempDir();
    try {
      const manifest = join(dir, 'deck.yaml');
      // Copied in: a manifest may only name briefs inside its project.
      const briefs = ['01-lead.md', '02-detail.md'];
      for (const b of briefs) await copyFile(join(fixture, b), join(dir, b));
      await writeFile(manifest, `title: Budget\nbriefs: ${JSON.stringify(briefs)}\naudiences:\n  - name: strict\n    detail: deep\n    maxSlides: 3\n`);
      const r = await cli('build', manifest, '--out', join(dir, 'out'));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/deck\.yaml: audience strict allows 3 slides but gets 9; cut 6\. Candidates: "Deep dive" \(.*02-detail\.md:5, detail=deep\), "Controlled view"/);
    } finally {
      await done();
    }
  });
});
