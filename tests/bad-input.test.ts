import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir, writeIn } from './helpers.js';
import { maxInputBytes } from '../src/load/text-file.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('briefdeck-bad-')));
afterAll(() => cleanup());

const good = (body = '## A slide\n\nText.\n') => `---\ntitle: A brief\n---\n\n${body}`;

const write = (name: string, content: string | Uint8Array) => writeIn(dir, name, content);

/** Builds `file` and expects exit 1, each expected `name:line: message` on stderr, and no stack trace. */
async function expectBadInput(file: string, expected: RegExp[], ...flags: string[]): Promise<string> {
  const r = await cli('build', file, '--out', join(dir, 'out'), '-q', ...flags);
  expect(r.code, r.err).toBe(1);
  for (const line of expected) expect(r.err).toMatch(line);
  expect(r.err).not.toMatch(/^\s+at /m);
  expect(r.err).not.toMatch(/unexpected error/);
  // Every line of the report names a file, and a line where one is known.
  for (const l of r.err.trim().split('\n')) expect(l).toMatch(/^\S[^:]*(?::\d+)?: \S/);
  return r.err;
}

describe('bad input: exit 1, path:line: message, no stack trace', () => {
  it('malformed YAML in front matter', async () => {
    const f = await write('yaml/brief.md', '---\ntitle: A\ntags: [unclosed\n---\n\n## A\n');
    await expectBadInput(f, [/brief\.md:\d+: invalid YAML in front matter/]);
  });

  it('a slide for an audience no profile names (a misspelling, not a slide nobody gets)', async () => {
    const f = await write('audience/brief.md', good('## For partners {audience="partnr"}\n\nText.\n\n## Open\n\nMore.\n'));
    await expectBadInput(f, [/brief\.md:5: audience="partnr" names an unknown audience "partnr" \(did you mean "partner"\?\)/]);
  });

  it('malformed YAML in a manifest', async () => {
    await write('yaml-deck/a.md', good());
    const f = await write('yaml-deck/deck.yaml', 'title: D\nbriefs: [a.md\n  audiences: : :\n');
    await expectBadInput(f, [/deck\.yaml:\d+: invalid YAML in deck manifest/]);
  });

  it('YAML aliases: unresolved, and an exponential "billion laughs" expansion', async () => {
    const f = await write('alias.md', '---\ntitle: *nowhere\n---\n\n## A\n');
    await expectBadInput(f, [/alias\.md:2: invalid YAML in front matter: .*alias/i]);
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10).fill('*' + 'abcdefghi'[i - 1]).join(', ')}]`);
    const g = await write('laughs.md', `---\ntitle: A\n${levels.join('\n')}\n---\n\n## A\n`);
    await expectBadInput(g, [/laughs\.md:2: invalid YAML in front matter: .*alias/i]);
  });

  it('missing title', async () => {
    const f = await write('no-title.md', '---\nauthor: Someone\n---\n\n## A\n');
    await expectBadInput(f, [/no-title\.md:2: front matter: title: /]);
  });

  it('empty title', async () => {
    const f = await write('empty-title.md', '---\ntitle: "  "\n---\n\n## A\n');
    await expectBadInput(f, [/empty-title\.md:2: front matter: title: must not be empty/]);
  });

  it('front matter that is never closed', async () => {
    const f = await write('no-fm-end.md', '---\ntitle: A\n\n## A slide\n');
    await expectBadInput(f, [/no-fm-end\.md:1: the front matter opened with "---" on line 1 is never closed: end it with a line "---" before the first heading/]);
  });

  it('wrong types', async () => {
    const f = await write('types.md', '---\ntitle: A\ntags: 5\nstatus: [final]\nsources: {id: x}\n---\n\n## A\n');
    await expectBadInput(f, [/types\.md:3: front matter: tags: /, /types\.md:4: front matter: status: /, /types\.md:5: front matter: sources: /]);
  });

  it('invalid dates', async () => {
    const f = await write('dates.md', '---\ntitle: A\ndate: 2024-02-30\nsources:\n  - id: s\n    title: S\n    date: 2023-13-01\n---\n\n## A\n');
    await expectBadInput(f, [/dates\.md:3: front matter: date: "2024-02-30" has day 30; 2024-02 has 29 days/, /dates\.md:7: front matter: sources\.0\.date: "2023-13-01" has month 13; months run from 01 to 12/]);
  });

  it('unknown layout', async () => {
    const f = await write('layout.md', good('## A {layout=bullit}\n\nText.\n'));
    await expectBadInput(f, [/layout\.md:5: unknown layout "bullit"/]);
  });

  it('unknown source id', async () => {
    const f = await write('source.md', good('## A\n\nA claim [@nobody-2024].\n'));
    await expectBadInput(f, [/source\.md:7: .*nobody-2024/]);
  });

  it('unknown audience, on the command line and in a manifest', async () => {
    const brief = await write('aud/a.md', good());
    await expectBadInput(brief, [/a\.md: unknown audience "prinicpal"/], '--audience', 'prinicpal');
    const f = await write('aud/deck.yaml', 'title: D\nbriefs: [a.md]\naudiences: [staff, prinicpal]\n');
    await expectBadInput(f, [/deck\.yaml:3: unknown audience "prinicpal"/]);
  });

  it('unknown theme, and a templates folder that does not exist', async () => {
    await write('theme/a.md', good());
    const f = await write('theme/deck.yaml', 'title: D\nbriefs: [a.md]\ntheme: hous\n');
    await expectBadInput(f, [/deck\.yaml:3: unknown theme "hous"/]);
    await expectBadInput(f, [/no-such-folder: templates folder not found/], '--templates', join(dir, 'no-such-folder'));
  });

  it('unknown marking, in front matter and on a slide', async () => {
    const f = await write('marking.md', '---\ntitle: A\nclassification: UNCLASIFIED\n---\n\n## A {marking=SECERT}\n\nText.\n');
    await expectBadInput(f, [/marking\.md:3: front matter: classification: .*UNCLASIFIED/]);
    const g = await write('marking-slide.md', good('## A {marking=SECERT}\n\nText.\n'));
    await expectBadInput(g, [/marking-slide\.md:5: .*SECERT/]);
  });

  it('a brief named in a manifest that does not exist', async () => {
    await write('missing/a.md', good());
    const f = await write('missing/deck.yaml', 'title: D\nbriefs:\n  - a.md\n  - b.md\n');
    await expectBadInput(f, [/deck\.yaml:4: brief "b\.md" not found/]);
  });

  it('an empty file', async () => {
    await expectBadInput(await write('empty.md', ''), [/empty\.md: file is empty/]);
    await expectBadInput(await write('blank.md', '  \n\n\t\n'), [/blank\.md: file is empty/]);
  });

  it('a binary file', async () => {
    const f = await write('binary.md', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    await expectBadInput(f, [/binary\.md: is a binary file/]);
  });

  it('invalid UTF-8, with the line it is on', async () => {
    const bytes = Buffer.concat([Buffer.from('---\ntitle: A\n---\n\n## Caf'), Buffer.from([0xe9]), Buffer.from(' (Latin-1)\n')]);
    await expectBadInput(await write('latin1.md', bytes), [/latin1\.md:5: is not valid UTF-8/]);
  });

  it('a file over the 5 MB limit', async () => {
    const f = await write('huge.md', good('## A\n\n' + 'x'.repeat(maxInputBytes) + '\n'));
    await expectBadInput(f, [/huge\.md: file is 5\.0 MB; the limit is 5 MB/]);
  });

  it('reports every problem of a run together', async () => {
    await write('many/bad-yaml.md', '---\ntitle: [\n---\n\n## A\n');
    await write('many/bad-fields.md', '---\ntitle: ""\ndate: 2024-02-30\n---\n\n## A\n');
    await write('many/empty.md', '');
    const f = await write('many/deck.yaml', 'title: D\nbriefs: [bad-yaml.md, bad-fields.md, empty.md, gone.md]\naudiences: [staf]\ntheme: nope\n');
    const err = await expectBadInput(f, [
      /bad-yaml\.md:\d+: invalid YAML/,
      /bad-fields\.md:2: front matter: title: must not be empty/,
      /bad-fields\.md:3: front matter: date: /,
      /empty\.md: file is empty/,
      /deck\.yaml:2: brief "gone\.md" not found/,
      /deck\.yaml:3: unknown audience "staf"/,
      /deck\.yaml:4: unknown theme "nope"/,
    ]);
    expect(err.trim().split('\n')).toHaveLength(7);
  });

  it('shows a stack trace only with --debug', async () => {
    const f = await write('debug.md', good('## A {layout=nope}\n'));
    const r = await cli('--debug', 'build', f, '--out', join(dir, 'out'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/debug\.md:5: unknown layout "nope"/);
    expect(r.err).toMatch(/^\s+at /m);
  });
});
