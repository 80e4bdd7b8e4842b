import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir, writeIn } from './helpers.js';

/**
 * The load stage collects problems and hands on what it could read, so one run reports
 * the problems of every file (load and parse together), and a file that failed to load
 * causes no follow-on errors elsewhere.
 */
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('briefdeck-load-')));
afterAll(() => cleanup());

const write = (name: string, content: string) => writeIn(dir, name, content);

async function build(manifest: string) {
  const out = join(dir, 'out', manifest.replace(/\W/g, '-'));
  const r = await cli('build', manifest, '--out', out, '-q');
  return { ...r, out, errors: r.err.trim().split('\n').filter((l) => !l.includes(': warning: ')) };
}

const source = (id: string) => `  - id: ${id}\n    title: Source ${id}\n`;

describe('one run reports the problems of every file', () => {
  it('a bad date and an unknown source id in brief A, an unknown layout in B, a bad marking in the manifest', async () => {
    await write('four/a.md', `---\ntitle: A\ndate: 2024-02-30\nsources:\n${source('known')}---\n\n## One\n\n- Cited [@known].\n- Cited [@nowhere].\n`);
    await write('four/b.md', '---\ntitle: B\n---\n\n## Two {layout=bullit}\n\nText.\n');
    const manifest = await write('four/deck.yaml', 'title: Four problems\nclassification: UNCLASIFIED\nbriefs: [a.md, b.md]\n');
    const r = await build(manifest);
    expect(r.code, r.err).toBe(1);
    expect(r.errors).toHaveLength(4);
    // File by file in manifest order, line by line within a file.
    expect(r.errors[0]).toMatch(/four\/deck\.yaml:2: deck manifest: classification: marking "UNCLASIFIED"/);
    expect(r.errors[1]).toMatch(/four\/a\.md:3: front matter: date: "2024-02-30" has day 30; 2024-02 has 29 days/);
    expect(r.errors[2]).toMatch(/four\/a\.md:12: unknown source id "@nowhere"/);
    expect(r.errors[3]).toMatch(/four\/b\.md:5: unknown layout "bullit"/);
    expect(r.err).not.toMatch(/^\s+at |unexpected error|front matter invalid|manifest invalid/m);
    expect(existsSync(r.out)).toBe(false);
    // check reports the same four in one run.
    const checked = await cli('check', manifest);
    expect(checked.code).toBe(1);
    expect(`${checked.out}${checked.err}`).toMatch(/4 error\(s\)/);
    for (const want of [/deck\.yaml:2: /, /a\.md:3: /, /a\.md:12: /, /b\.md:5: /]) expect(`${checked.out}${checked.err}`).toMatch(want);
  });

  it('a manifest without a title still has its briefs read', async () => {
    await write('untitled/a.md', '---\ntitle: A\n---\n\n## One {layout=nope}\n');
    const r = await build(await write('untitled/deck.yaml', 'briefs: [a.md]\n'));
    expect(r.errors).toEqual([expect.stringMatching(/deck\.yaml:1: deck manifest: title: is required/), expect.stringMatching(/a\.md:5: unknown layout "nope"/)]);
  });

  it('a sources file that fails to load: citations are noted as consequential, not errors', async () => {
    await write('badsources/sources.yaml', `${source('ok')}  - id: [unclosed\n`);
    await write('badsources/a.md', '---\ntitle: A\n---\n\n## One\n\nSee [@ok] and [@maybe].\n');
    const r = await build(await write('badsources/deck.yaml', 'title: D\nsources: sources.yaml\nbriefs: [a.md]\n'));
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([expect.stringMatching(/badsources\/sources\.yaml:\d+: invalid YAML in sources/)]);
    // A YAML error makes the whole file unreadable: neither id can be checked, both are noted.
    for (const id of ['ok', 'maybe']) expect(r.err).toMatch(new RegExp(`a\\.md:7: warning: source id "@${id}" not found so far.*the sources declared in .*sources\\.yaml are in error \\(see above\\) and may declare it`));
  });

  it('one invalid entry in a sources file: the valid ones still count, the invalid one is reported once', async () => {
    await write('oneentry/sources.yaml', `${source('good')}  - id: dated\n    title: Dated\n    date: 2024-13-01\n`);
    await write('oneentry/a.md', '---\ntitle: A\n---\n\n## One\n\nSee [@good], [@dated] and [@typo].\n');
    const r = await build(await write('oneentry/deck.yaml', 'title: D\nsources: sources.yaml\nbriefs: [a.md]\n'));
    expect(r.errors).toEqual([
      expect.stringMatching(/oneentry\/sources\.yaml:5: sources: 1\.date: "2024-13-01" has month 13; months run from 01 to 12/),
      expect.stringMatching(/oneentry\/a\.md:7: unknown source id "@typo"/),
    ]);
  });

  it('a missing brief: what other briefs cite from it is noted, and the rest is still parsed', async () => {
    await write('missing/a.md', '---\ntitle: A\n---\n\n## One {layout=nope}\n\nSee [@in-gone].\n');
    const r = await build(await write('missing/deck.yaml', 'title: D\nbriefs:\n  - gone.md\n  - a.md\n'));
    expect(r.errors).toEqual([expect.stringMatching(/deck\.yaml:3: brief "gone\.md" not found/), expect.stringMatching(/a\.md:5: unknown layout "nope"/)]);
    expect(r.err).toMatch(/a\.md:7: warning: source id "@in-gone" not found so far/);
  });

  it('front matter that is not valid YAML: its body is still parsed', async () => {
    await write('yaml/a.md', '---\ntitle: A\ntags: [unclosed\n---\n\n## One {layout=nope}\n\nSee [@x].\n');
    const r = await build(await write('yaml/deck.yaml', 'title: D\nbriefs: [a.md]\n'));
    expect(r.errors).toEqual([expect.stringMatching(/a\.md:\d+: invalid YAML in front matter/), expect.stringMatching(/a\.md:6: unknown layout "nope"/)]);
  });
});

describe('files a manifest names stay inside the project', () => {
  it('briefs, sources and templates outside the project folder are errors at the manifest line', async () => {
    await write('outside.md', '---\ntitle: Outside\n---\n\n## Secret\n');
    await write('outside-sources.yaml', source('s'));
    await mkdir(join(dir, 'outside-templates'), { recursive: true });
    await write('contained/a.md', '---\ntitle: A\n---\n\n## One\n');
    const manifest = await write(
      'contained/deck.yaml',
      'title: D\ntemplates: ../outside-templates\nsources: ../outside-sources.yaml\nbriefs:\n  - a.md\n  - ../../../../../../etc/passwd\n  - ../outside.md\n',
    );
    const r = await build(manifest);
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      expect.stringMatching(/deck\.yaml:2: templates folder "\.\.\/outside-templates" is outside the project folder/),
      expect.stringMatching(/deck\.yaml:3: sources file "\.\.\/outside-sources\.yaml" is outside the project folder/),
      expect.stringMatching(/deck\.yaml:6: brief "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" is outside the project folder/),
      expect.stringMatching(/deck\.yaml:7: brief "\.\.\/outside\.md" is outside the project folder/),
    ]);
    expect(r.err).not.toMatch(/root:|Secret/);
  });

  it('a symlink inside the project to a brief or folder outside it is an error', async () => {
    await write('linked/a.md', '---\ntitle: A\n---\n\n## One\n');
    await symlink(join(dir, 'outside.md'), join(dir, 'linked/b.md'));
    await symlink(join(dir, 'outside-templates'), join(dir, 'linked/house'));
    const r = await build(await write('linked/deck.yaml', 'title: D\ntemplates: house\nbriefs: [a.md, b.md]\n'));
    expect(r.errors).toEqual([
      expect.stringMatching(/deck\.yaml:2: templates folder "house" is a link to a place outside the project folder/),
      expect.stringMatching(/deck\.yaml:3: brief "b\.md" is a link to a place outside the project folder/),
    ]);
  });

  it('a symlink that stays inside the project is fine', async () => {
    await write('inside/briefs/a.md', '---\ntitle: A\n---\n\n## One\n');
    await symlink(join(dir, 'inside/briefs/a.md'), join(dir, 'inside/a.md'));
    const r = await build(await write('inside/deck.yaml', 'title: D\nbriefs: [a.md, briefs/a.md]\n'));
    expect(r.code, r.err).toBe(0);
  });
});
