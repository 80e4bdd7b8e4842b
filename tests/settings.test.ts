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

  it('hands every renderer the branding, with the organisation as resolved and the raw house keys kept out of the deck settings', () => {
    const branding = {
      logo: { path: '/house/logo.png', mediaType: 'image/png', asset: 'house/logo.png' },
      colors: { primary: '#0b3d2e', accent: '#b5121b' },
      fonts: { heading: { family: 'House Heading', path: '/house/fonts/Heading.ttf', format: 'truetype' as const } },
      footer: 'Prepared by the Office',
      paper: 'letter' as const,
      baseTheme: 'house',
    };
    const house = { organisation: 'House Org', logo: 'logo.png', footer: 'Prepared by the Office', paper: 'letter' as const };
    const s = resolveSettings({ house, branding, manifest, audience: defaultAudience, briefs: [] });
    expect(s.branding).toEqual({ ...branding, organisation: 'House Org' });
    expect(resolveSettings({ house, branding, manifest: { ...manifest, organisation: 'Deck Org' }, audience: defaultAudience, briefs: [] }).branding.organisation).toBe('Deck Org');
    // house.yaml's file names are not settings: only the checked branding carries them.
    expect(s).not.toHaveProperty('logo');
    expect(s).not.toHaveProperty('footer');
    expect(s).not.toHaveProperty('paper');
    // Without a house style: the built-in look on A4.
    expect(resolveSettings({ manifest, audience: defaultAudience, briefs: [] }).branding).toEqual({ colors: {}, fonts: {}, paper: 'a4', baseTheme: 'house' });
  });
});
