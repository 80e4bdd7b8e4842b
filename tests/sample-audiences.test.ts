import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, repoRoot, tempDir } from './helpers.js';

// The shipped sample deck, built for its four audiences (HTML only: no browser needed).
let out: string;
let cleanup: () => Promise<void>;

interface Report {
  slides: { id: string }[];
  dropped: { id: string; reason: string }[];
  marking: { banner: string | null; tlp: string | null };
  preparedFor: string | null;
}
const report = async (audience: string) =>
  JSON.parse(await readFile(join(out, 'us-japan-alliance', '.reports', `${audience}.json`), 'utf8')) as Report;
const html = (audience: string) => readFile(join(out, 'us-japan-alliance', audience, 'index.html'), 'utf8');
const ids = (r: Report) => r.slides.map((s) => s.id);

beforeAll(async () => {
  ({ dir: out, cleanup } = await tempDir());
  const r = await cli('build', join(repoRoot, 'briefs/us-japan-alliance'), '--audience', 'all', '--out', out, '--quiet');
  expect(r.code, r.err).toBe(0);
});
afterAll(() => cleanup());

describe('the sample deck for its four audiences', () => {
  it('gives the principal at most 10 slides, opening with the bottom line', async () => {
    const r = await report('principal');
    expect(r.slides.length).toBeLessThanOrEqual(10);
    expect(ids(r).slice(0, 2)).toEqual(['title', 'bluf']);
    expect(r.dropped.find((d) => d.id === 'phases')?.reason).toBe('detail=deep; principal gets summary');
    expect(await html('principal')).not.toContain('class="notes"');
  });

  it('gives staff every slide but the bottom line written for release, with notes', async () => {
    const r = await report('staff');
    // The public and partner versions get their own bottom line (no judgment on U.S. politics).
    expect(r.dropped).toEqual([expect.objectContaining({ id: 'bluf-release', reason: 'audience="public partner" does not include staff' })]);
    expect(ids(r).slice(0, 3)).toEqual(['title', 'agenda', 'bluf']);
    expect(await html('staff')).toContain('class="notes"');
  });

  it('leaves .internal slides and notes out of the public version', async () => {
    const r = await report('public');
    expect(r.dropped.find((d) => d.id === 'recommendations')?.reason).toBe('tagged internal, us-only: restricted, never released to an external audience (public)');
    expect(await html('public')).not.toContain('class="notes"');
    expect(r.marking).toMatchObject({ banner: 'UNCLASSIFIED', tlp: 'TLP:CLEAR' });
  });

  it('leaves .us-only slides out of the partner version, marked REL TO USA, JPN', async () => {
    const r = await report('partner');
    expect(r.dropped.find((d) => d.id === 'tokyo-followthrough')?.reason).toBe('tagged internal, us-only: restricted, never released to an external audience (partner)');
    expect(r.marking).toMatchObject({ banner: 'UNCLASSIFIED//REL TO USA, JPN', tlp: 'TLP:GREEN' });
    expect(await html('partner')).toContain('Prepared for Japanese counterparts');
  });

  it.each(['public', 'partner'])('keeps the internal recommendations, the Tokyo watchpoints and unverified figures out of the %s version', async (audience) => {
    const r = await report(audience);
    const dropped = new Set(r.dropped.map((d) => d.id));
    for (const id of ['bluf', 'recommendations', 'tokyo-followthrough', 'okinawa', 'figure-crosscheck']) expect(dropped.has(id), id).toBe(true);
    expect(ids(r)).toContain('bluf-release');
  });

  it('makes four visibly different decks', async () => {
    const counts = await Promise.all(['principal', 'staff', 'public', 'partner'].map(async (a) => (await report(a)).slides.length));
    expect(new Set(counts.slice(0, 3)).size).toBe(3);
    const banners = await Promise.all(['principal', 'public', 'partner'].map(async (a) => JSON.stringify((await report(a)).marking)));
    expect(new Set(banners).size).toBe(3);
  });
});
