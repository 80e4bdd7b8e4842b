import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { briefFrontMatterSchema, deckManifestSchema, houseSettingsSchema, ignoredKey } from '../src/load/schema.js';
import { layoutAttributeKeys, slideAttributeKeys } from '../src/parse/slide.js';
import { chartKinds } from '../src/layouts/chart.js';
import { cli, repoRoot } from './helpers.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** The README from `heading` up to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const level = heading.indexOf(' ');
  const lines = readme.slice(start + heading.length + 2).split('\n');
  let inCode = false; // a `# comment` in a code block is not a heading
  const end = lines.findIndex((l) => {
    if (l.startsWith('```')) inCode = !inCode;
    return !inCode && new RegExp(`^#{1,${level}} `).test(l);
  });
  return [heading, ...(end < 0 ? lines : lines.slice(0, end))].join('\n');
}

/** Long flags (`--name`) written in a text; `--bd-*` are the theme's CSS variables, not flags. */
function flagsIn(text: string): Set<string> {
  return new Set([...text.matchAll(/(?<![\w-])--[a-z][\w-]*/g)].map((m) => m[0]).filter((f) => !f.startsWith('--bd-')));
}

/** The long flags of one command's `--help` (no command: the global ones), read from its option lines. */
async function helpFlags(...command: string[]): Promise<Set<string>> {
  const { code, out } = await cli(...command, '--help');
  expect(code).toBe(0);
  return new Set([...out.matchAll(/^ {2}(?:-\w, )?(--[a-z][\w-]*)/gm)].map((m) => m[1]!));
}

/** The commands `briefdeck --help` lists, `help` aside. */
async function commands(): Promise<string[]> {
  const { out } = await cli('--help');
  const list = out.slice(out.indexOf('Commands:'));
  return [...list.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}

/** The first cells of the README table rows in the section that starts at `heading`. */
function tableKeys(heading: string): string[] {
  const lines = readme.slice(readme.indexOf(heading)).split('\n');
  expect(lines.length, heading).toBeGreaterThan(1);
  let inCode = false;
  const end = lines.findIndex((l, i) => {
    if (l.startsWith('```')) inCode = !inCode;
    return i > 0 && !inCode && l.startsWith('#');
  });
  return lines.slice(0, end).flatMap((l) => /^\| `([^`]+)`/.exec(l)?.[1] ?? []);
}

describe('README', () => {
  it('documents every front-matter and deck.yaml key, and no key the schema lacks', () => {
    const documented = tableKeys('### Front matter keys');
    // Pandoc keys accepted only to be named in a warning are documented as a group, not one by one.
    const documentedOne = (shape: Record<string, { description?: string }>) => Object.keys(shape).filter((k) => shape[k]?.description !== ignoredKey);
    const schemaKeys = new Set([...documentedOne(briefFrontMatterSchema.shape), ...documentedOne(deckManifestSchema.shape)]);
    expect(new Set(documented)).toEqual(schemaKeys);
  });

  it('documents every house.yaml key, and no key the schema lacks', () => {
    expect(new Set(tableKeys('### `house.yaml` keys'))).toEqual(new Set(Object.keys(houseSettingsSchema.shape)));
  });

  it('starts the House style section with a five-line house.yaml and a picture of its result', () => {
    const lines = section('## House style and templates').split('\n');
    expect(lines.slice(1, 3)).toEqual(['', '```yaml']);
    const end = lines.indexOf('```', 3);
    expect(end - 3).toBe(5);
    const picture = /^!\[[^\]]+\]\((docs\/[\w-]+\.png)\)$/.exec(lines[end + 2] ?? '')?.[1];
    expect(picture).toBeDefined();
    expect(readFileSync(join(repoRoot, picture!)).subarray(1, 4).toString('latin1')).toBe('PNG');
    // The example is a real house style: the fixture holds exactly these lines.
    expect(readFileSync(join(repoRoot, 'tests/fixtures/house-brand/house.yaml'), 'utf8')).toBe(lines.slice(3, end).join('\n') + '\n');
  });

  it('documents every heading attribute', () => {
    const documented = tableKeys('### Heading attributes').map((k) => k.replace(/=.*$/, ''));
    for (const key of slideAttributeKeys) expect(documented, key).toContain(key);
  });

  it('documents every chart attribute and kind in the chart layout\'s table', () => {
    const documented = tableKeys('![chart layout](docs/layouts/chart.png)').map((k) => k.replace(/=.*$/, ''));
    expect([...documented].sort()).toEqual([...layoutAttributeKeys.chart!].sort());
    const kinds = readme.slice(readme.indexOf('| `kind=` |')).split('\n')[0]!;
    for (const kind of chartKinds) expect(kinds, kind).toContain(`\`${kind}\``);
  });

  it('gives the quick start as two commands and states the exit codes', () => {
    expect(readme).toContain('scripts/install-system-deps && npm ci && npm start');
    expect(readme).toMatch(/^npm test\b/m);
    expect(readme).toMatch(/Exit codes: 0 done; 1 bad input .*\n?2 bad usage; 3 environment/);
  });

  it('documents every option of every command in its own section, and no option the command lacks', async () => {
    const names = await commands();
    expect(names).toEqual(expect.arrayContaining(['build', 'pdf', 'check', 'serve', 'new', 'list']));
    const global = await helpFlags();
    for (const name of names) {
      const options = await helpFlags(name);
      const documented = flagsIn(section(`### \`briefdeck ${name}\``));
      for (const flag of options) if (!global.has(flag)) expect([...documented], `${name} ${flag}`).toContain(flag);
      for (const flag of documented) expect([...options, ...global], `README mentions ${flag} under briefdeck ${name}`).toContain(flag);
    }
  });

  it('gives each command\'s full list of options in the synopsis', async () => {
    const synopsis = section('## Commands');
    for (const name of await commands()) {
      const line = new RegExp(`^npx briefdeck ${name}\\b.*$`, 'm').exec(synopsis)?.[0];
      expect(line, name).toBeDefined();
      const options = [...(await helpFlags(name))].filter((f) => f !== '--help');
      expect([...flagsIn(line!)].sort(), name).toEqual(options.sort());
    }
  });

  it('documents the global options, and mentions no flag that no command has', async () => {
    const global = await helpFlags();
    const intro = section('## Commands');
    for (const flag of global) expect([...flagsIn(intro)], flag).toContain(flag);
    const all = new Set(global);
    for (const name of await commands()) for (const flag of await helpFlags(name)) all.add(flag);
    for (const flag of flagsIn(readme)) expect([...all], `README mentions ${flag}`).toContain(flag);
  });

  it('links only to headings that exist', () => {
    let inCode = false;
    const anchors = new Set<string>();
    for (const line of readme.split('\n')) {
      if (line.startsWith('```')) inCode = !inCode;
      // GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
      const heading = !inCode && /^#{1,6} (.*)$/.exec(line)?.[1];
      if (heading) anchors.add(heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/ /g, '-'));
    }
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect([...anchors], link).toContain(link);
  });
});
