import { loadDeck } from '../src/load/deck-file.js';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFile } from 'node:fs/promises';
import { cli, repoRoot, tempDir, writeIn } from './helpers.js';

const fixtures = join(repoRoot, 'tests/fixtures');

async function build(...args: string[]) {
  const { dir, cleanup } = await tempDir();
  try {
    return await cli('build', ...args, '--out', dir);
  } finally {
    await cleanup();
  }
}

/**
 * A deck in a fresh folder: the audience fixture's brief copied in (a manifest may only name
 * briefs inside its project), `deck.yaml` as given, and any other files. Returns the manifest.
 */
async function profileDeck(dir: string, manifest: string, files: Record<string, string> = {}): Promise<string> {
  await copyFile(join(fixtures, 'audience-deck/01-lead.md'), join(dir, '01-lead.md'));
  for (const [name, text] of Object.entries(files)) await writeIn(dir, name, text);
  return writeIn(dir, 'deck.yaml', manifest);
}

describe('invalid markings are errors naming file and line', () => {
  it('in a manifest and in an inline audience profile', async () => {
    const r = await build(join(fixtures, 'marking-errors'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/marking-errors\/deck\.yaml:2: deck manifest: classification: marking "UNCLASIFIED": unknown part/);
    expect(r.err).toMatch(/marking-errors\/deck\.yaml:6: deck manifest: audiences\.0\.marking: .*"JAP" is not an ISO 3166 country trigraph/);
    expect(r.err).not.toMatch(/at \w+ \(/); // no stack trace
  });

  it('in brief front matter, with a hint for the TLP 1.0 label', async () => {
    const r = await build(join(fixtures, 'marking-errors/bad-slide.md'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad-slide\.md:3: front matter: classification: .*TLP:WHITE became TLP:CLEAR in TLP 2\.0/);
  });

  it('in a portion mark on a slide heading', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const brief = join(dir, 'brief.md');
      await import('node:fs/promises').then((fs) => fs.writeFile(brief, '---\ntitle: T\n---\n\n## Fine {marking=U}\n\n- a\n\n## Bad {marking=SECERT}\n\n- b\n'));
      const r = await cli('build', brief, '--out', join(dir, 'out'));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/brief\.md:9: marking "SECERT": unknown part "SECERT"/);
    } finally {
      await cleanup();
    }
  });
});

describe('house style templates', () => {
  it('reject a partial no folder provides, naming the template file and line', async () => {
    const r = await build(join(fixtures, 'audience-deck'), '--templates', join(fixtures, 'house-bad-partial'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/house-bad-partial\/layouts\/bullets\.hbs:4: unknown partial "backup-ribbon" \(known: marking-banner, slide-footer[^)]*\)/);
  });

  it('reject a handout template using a partial no folder provides, even without --handout', async () => {
    const r = await build(join(fixtures, 'audience-deck'), '--templates', join(fixtures, 'house-bad-handout'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/house-bad-handout\/handout\.hbs:4: unknown partial "handout-cover"/);
  });

  it('a listed profile that cannot be composed is reported once, also when asked for by name', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const manifest = await profileDeck(dir, `title: Profiles\nbriefs: [01-lead.md]\naudiences:\n  - name: odd\n    loosen: [notes]\n`);
      for (const args of [[], ['--audience', 'odd']]) {
        const r = await cli('build', manifest, ...args, '--out', join(dir, 'out'));
        expect(r.code).toBe(1);
        expect(r.err.match(/deck\.yaml:5: audience odd: loosen: this profile extends nothing/g), args.join(' ')).toHaveLength(1);
        expect(r.err, args.join(' ')).not.toMatch(/unknown audience/);
      }
    } finally {
      await cleanup();
    }
  });

  it('reject an unknown theme in a profile file of audiences/, at its line there', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const manifest = await profileDeck(dir, `title: Themes\nbriefs: [01-lead.md]\naudiences: [odd]\n`, { 'audiences/odd.yaml': `label: Odd readers\ndetail: deep\ntheme: nosuch\n` });
      const r = await cli('build', manifest, '--out', join(dir, 'out'));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/audiences\/odd\.yaml:3: audience odd: unknown theme "nosuch" \(known: house\)/);
      expect(r.err.match(/unknown theme/g)).toHaveLength(1);
      const asked = await cli('build', manifest, '--audience', 'odd', '--out', join(dir, 'out'));
      expect(asked.err.match(/audiences\/odd\.yaml:3: audience odd: unknown theme/g)).toHaveLength(1);
      // Another audience of the deck is built: the theme is checked for the versions a run builds.
      const other = await cli('build', manifest, '--audience', 'staff', '--out', join(dir, 'out'));
      expect(other.code, other.err).toBe(0);
      // The library's loadDeck, which loads every audience, refuses the deck.
      await expect(loadDeck(manifest)).rejects.toThrow(/audiences\/odd\.yaml:3: audience odd: unknown theme "nosuch"/);
    } finally {
      await cleanup();
    }
  });

  it('reject an audience profile that names an unknown theme', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const manifest = await profileDeck(dir, `title: Themes\nbriefs: [01-lead.md]\naudiences:\n  - name: odd\n    theme: nosuch\n`);
      const r = await cli('build', manifest, '--out', join(dir, 'out'));
      expect(r.code).toBe(1);
      // At the line that names it, once.
      expect(r.err).toMatch(/deck\.yaml:5: audience odd: unknown theme "nosuch" \(known: house\)/);
      expect(r.err.match(/unknown theme/g)).toHaveLength(1);
      // Asked for by name: the same one error, and the audience is known.
      const asked = await cli('build', manifest, '--audience', 'odd', '--out', join(dir, 'out'));
      expect(asked.code).toBe(1);
      expect(asked.err.match(/deck\.yaml:5: audience odd: unknown theme/g)).toHaveLength(1);
      expect(asked.err).not.toMatch(/unknown audience/);
    } finally {
      await cleanup();
    }
  });
});
