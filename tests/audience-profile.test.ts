import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeckParts } from '../src/load/deck-file.js';
import { Problems } from '../src/kernel/problem.js';
import { tempDir } from './helpers.js';

/**
 * Profiles compose: a deck's (or house style's) profile named like a built-in extends it,
 * `extends:` names another, and nothing loosens an inherited restriction without saying so.
 */
async function deckWith(files: Record<string, string>, audiences: string) {
  const { dir, cleanup } = await tempDir();
  await writeFile(join(dir, 'deck.yaml'), `title: T\nbriefs: [a.md]\naudiences: ${audiences}\n`);
  await writeFile(join(dir, 'a.md'), '---\ntitle: A\n---\n\n## One\n- x\n');
  await mkdir(join(dir, 'audiences'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'audiences', name), text);
  const problems = new Problems();
  const deck = await loadDeckParts(join(dir, 'deck.yaml'), { cwd: dir }, problems);
  await cleanup();
  const profile = (name: string) => deck?.audiences.find((a) => a.name === name);
  return { profile, problems: problems.list.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`) };
}

describe('audience profiles compose', () => {
  it('a deck profile named like a built-in keeps its exclusions, notes and external flag', async () => {
    const { profile, problems } = await deckWith({ 'public.yaml': 'label: Our public version\nmarking: UNCLASSIFIED//TLP:CLEAR\n' }, '[public]');
    expect(problems).toEqual([]);
    expect(profile('public')).toMatchObject({ label: 'Our public version', external: true, notes: false, exclude: ['internal', 'us-only', 'unverified'] });
  });

  it('lists add: an override cannot empty an inherited exclude list', async () => {
    const { profile } = await deckWith({ 'partner.yaml': 'exclude: [trade]\ninclude: [alliance]\n' }, '[partner]');
    expect(profile('partner')?.exclude).toEqual(['internal', 'us-only', 'unverified', 'trade']);
    expect(profile('partner')?.include).toEqual(['alliance']);
  });

  it('loosening needs loosen: and is reported', async () => {
    const refused = await deckWith({ 'public.yaml': 'notes: true\n' }, '[public]');
    expect(refused.problems).toEqual([expect.stringMatching(/audiences\/public\.yaml:1: error: audience public: notes: true loosens the profile it extends/)]);
    const allowed = await deckWith({ 'principal.yaml': 'loosen: [notes]\nnotes: true\n' }, '[principal]');
    expect(allowed.profile('principal')?.notes).toBe(true);
    expect(allowed.problems).toEqual([expect.stringMatching(/principal\.yaml:1: warning: audience principal loosens what it extends: notes: true/)]);
  });

  it('a raised ceiling needs loosen: [ceiling]; an external audience cannot become internal', async () => {
    const { problems } = await deckWith({ 'public.yaml': 'marking: CUI//TLP:AMBER\n', 'partner.yaml': 'external: false\n' }, '[public, partner]');
    expect(problems).toEqual([
      expect.stringMatching(/public\.yaml:1: error: audience public: raises the ceiling of the profile it extends \(marked CUI, above the ceiling UNCLASSIFIED\)/),
      expect.stringMatching(/partner\.yaml:1: error: audience partner: external: false: partner extends an external audience/),
    ]);
  });

  it('loosen: names only what is inherited', async () => {
    const { problems } = await deckWith({ 'partner.yaml': 'loosen: [trade]\n' }, '[partner]');
    expect(problems).toEqual([expect.stringMatching(/partner\.yaml:1: error: audience partner: loosen: "trade" is not a restriction this profile inherits/)]);
  });

  it('extends: builds on another profile; an unknown or circular one is an error', async () => {
    const { profile, problems } = await deckWith(
      { 'press.yaml': 'extends: public\nlabel: Press\nexclude: [draft-text]\n', 'loop-a.yaml': 'extends: loop-b\n', 'loop-b.yaml': 'extends: loop-a\n', 'lost.yaml': 'extends: nobody\n' },
      '[press, loop-a, lost]',
    );
    expect(profile('press')).toMatchObject({ label: 'Press', external: true, notes: false, exclude: ['internal', 'us-only', 'unverified', 'draft-text'] });
    expect(problems.some((p) => /loop-a\.yaml:1: error: audience loop-a: extends: loop-b goes round in a circle|loop-b\.yaml:1: error: audience loop-b: extends: loop-a goes round in a circle/.test(p))).toBe(true);
    expect(problems).toContainEqual(expect.stringMatching(/lost\.yaml:1: error: audience lost: extends unknown audience "nobody"/));
  });

  it('a profile file whose name: differs from its file name is an error, not a rename', async () => {
    const { profile, problems } = await deckWith({ 'public.yaml': 'name: staff\nlabel: Renamed\n' }, '[public]');
    expect(profile('public')).toBeUndefined();
    expect(problems).toEqual([expect.stringMatching(/public\.yaml:1: error: audience profile: name: staff differs from the file's name \(public\.yaml\)/)]);
  });

  it('an inline profile named like a built-in extends it too', async () => {
    const { profile } = await deckWith({}, '\n  - name: partner\n    label: Inline partner\n    marking: UNCLASSIFIED//REL TO USA, AUS//TLP:GREEN');
    expect(profile('partner')).toMatchObject({ label: 'Inline partner', external: true, exclude: ['internal', 'us-only', 'unverified'], marking: 'UNCLASSIFIED//REL TO USA, AUS//TLP:GREEN' });
  });

  it('tags in profiles match whatever their case', async () => {
    const { profile } = await deckWith({ 'minister.yaml': 'exclude: [Trade, ENERGY]\n' }, '[minister]');
    expect(profile('minister')?.exclude).toEqual(['trade', 'energy']);
  });
});
