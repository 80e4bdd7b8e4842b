import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../src/load/settings.js';
import { defaultAudience } from '../src/load/audience-file.js';
import type { DeckInfo, LoadedBrief } from '../src/model.js';

const manifest: DeckInfo = { title: 'Deck', shortTitle: 'Deck', lang: 'en', theme: 'house', tags: [], classification: 'UNCLASSIFIED' };
const brief = (frontMatter: Partial<LoadedBrief['frontMatter']>) => ({ frontMatter: { title: 'B', ...frontMatter } }) as LoadedBrief;

describe('resolveSettings', () => {
  it('starts from the defaults', () => {
    const s = resolveSettings({ manifest: { title: 'T', shortTitle: 'T' } as DeckInfo, audience: defaultAudience, briefs: [] });
    expect(s).toMatchObject({ theme: 'house', lang: 'en', status: 'final' });
  });

  it('lets each layer override the one before: house, manifest, audience, brief, CLI', () => {
    const house = { theme: 'agency', organisation: 'House Org', author: 'House Author', status: 'draft' as const };
    const base = { house, manifest: { ...manifest, theme: 'deck-theme', author: 'Deck Author' }, briefs: [] };
    expect(resolveSettings({ ...base, manifest: { ...manifest, theme: undefined }, audience: defaultAudience }).theme).toBe('agency');
    expect(resolveSettings({ ...base, audience: defaultAudience })).toMatchObject({ theme: 'deck-theme', author: 'Deck Author', organisation: 'House Org' });
    const profile = { ...defaultAudience, theme: 'audience-theme', preparedFor: 'the minister' };
    expect(resolveSettings({ ...base, audience: profile })).toMatchObject({ theme: 'audience-theme', preparedFor: 'the minister' });
    const one = resolveSettings({ ...base, audience: profile, briefs: [brief({ classification: 'CUI', status: 'final' })] });
    expect(one).toMatchObject({ classification: 'CUI', status: 'final' });
    const cli = resolveSettings({ ...base, audience: profile, briefs: [brief({ status: 'final' })], cli: { status: 'draft' } });
    expect(cli.status).toBe('draft');
  });

  it('makes the whole deck a draft when any of several briefs is one', () => {
    const s = resolveSettings({ manifest, audience: defaultAudience, briefs: [brief({}), brief({ status: 'draft', classification: 'CUI' })] });
    expect(s.status).toBe('draft');
    // In a deck of several briefs, a brief's classification stays with its own slides.
    expect(s.classification).toBe('UNCLASSIFIED');
  });
});
