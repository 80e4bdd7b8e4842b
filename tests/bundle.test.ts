import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers.js';

// bin/briefdeck.js runs dist/bundle/cli.cjs and the library bundles in dist/bundle/vendor/
// (scripts/bundle.js), built with their code caches by the tests' global setup.
const bundle = join(repoRoot, 'dist/bundle');
const cli = readFileSync(join(bundle, 'cli.cjs'), 'utf8');
const vendors = readdirSync(join(bundle, 'vendor')).filter((name) => name.endsWith('.cjs'));
const run = promisify(execFile);

describe('the bundle the command line runs', () => {
  it('keeps the large libraries in bundles of their own, loaded only when a command needs one', () => {
    for (const library of ['puppeteer-core', 'pdf-lib', 'vega', 'vega-lite', 'docx']) {
      expect(vendors, library).toContain(`${library}.cjs`);
      expect(cli, library).toContain(`require("./vendor/${library}.cjs")`);
      expect(cli, library).not.toContain(`// node_modules/${library}/`);
    }
    expect(cli).toContain('// node_modules/commander/');
    expect(cli).toContain('// node_modules/marked/');
  });

  it('is ASCII, read as one-byte text: regular expressions keep their characters as \\u escapes', () => {
    expect(/[^\0-\x7f]/.test(cli)).toBe(false);
    for (const name of vendors) expect(/[^\0-\x7f]/.test(readFileSync(join(bundle, 'vendor', name), 'utf8')), name).toBe(false);
    // The table layout's numbers may start with a minus sign or a currency symbol.
    expect(cli).toMatch(/\[-\+\\u2212\]\?\[\$\\u20ac\\u00a3\\u00a5\]/);
  });

  it('makes no dynamic import: Node 20 loses the import callback of a script compiled from a code cache', () => {
    // A real import( is code, not text in a string (a code generator may write the word).
    const dynamicImport = /(?<![\w$."'`])import\(/;
    expect(dynamicImport.test(cli)).toBe(false);
    for (const name of vendors) expect(dynamicImport.test(readFileSync(join(bundle, 'vendor', name), 'utf8')), name).toBe(false);
  });

  it('runs in strict mode, as the ES modules it was made from did', () => {
    expect(cli.startsWith('"use strict";')).toBe(true);
    for (const name of vendors) expect(readFileSync(join(bundle, 'vendor', name), 'utf8').startsWith('"use strict";'), name).toBe(true);
  });

  it('uses its code cache, and only for the bundle it was made from', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      // A copy of the install: bin/, dist/bundle/ and package.json (the version).
      // bin/ whole: bin/package.json makes briefdeck.js CommonJS.
      await cp(join(repoRoot, 'bin'), join(dir, 'bin'), { recursive: true });
      await cp(bundle, join(dir, 'dist/bundle'), { recursive: true });
      await cp(join(repoRoot, 'package.json'), join(dir, 'package.json'));
      const copied = join(dir, 'dist/bundle');
      const cacheFile = async () => join(copied, (await readdir(copied)).find((n) => /^cli\.cjs\.\d+\.cache$/.test(n))!);
      const briefdeck = async (...args: string[]) => (await run(process.execPath, [join(dir, 'bin/briefdeck.js'), ...args])).stdout;

      // The cache made by the build is used as it is, wherever the install is copied: not
      // refused, so not written again.
      const shipped = await cacheFile();
      const before = await stat(shipped);
      const caches = (await readdir(copied)).filter((n) => n.endsWith('.cache'));
      expect(await briefdeck('--version')).toContain('.');
      expect((await stat(shipped)).mtimeMs).toBe(before.mtimeMs);
      // Not refused for other V8 flags either (a cache of its own beside it).
      expect((await readdir(copied)).filter((n) => n.endsWith('.cache'))).toEqual(caches);

      // An edit of the same length (all V8 checks of a cache against its source) is run as
      // edited, not as the cache remembers the bundle: the cache is refused and made again.
      const help = join(copied, 'cli.cjs');
      await writeFile(help, (await readFile(help, 'latin1')).replace('display help for command', 'DISPLAY HELP FOR COMMAND'), 'latin1');
      expect(await briefdeck('--help')).toContain('DISPLAY HELP FOR COMMAND');
      expect((await stat(await cacheFile())).mtimeMs).toBeGreaterThan(before.mtimeMs);
      expect(await briefdeck('--help')).toContain('DISPLAY HELP FOR COMMAND');

      // A damaged cache is not handed to V8.
      const cache = await cacheFile();
      const bytes = await readFile(cache);
      bytes[bytes.length - 100] ^= 0xff;
      await writeFile(cache, bytes);
      expect(await briefdeck('--help')).toContain('DISPLAY HELP FOR COMMAND');
      expect(Buffer.compare(await readFile(cache), bytes)).not.toBe(0);
    } finally {
      await cleanup();
    }
  });

  it('runs what the library bundles hold as the libraries themselves do: a BibTeX file, a CSV chart and a PowerPoint from the built command line', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      // The BibTeX reader is a plugin that registers itself in citation-js's core: both must be one copy.
      await writeFile(join(dir, 'refs.bib'), '@book{mueller2020,\n  author = {M{\\"u}ller, Jos{\\\'e}},\n  title = {Alliances in the {P}acific},\n  publisher = {Oxford University Press},\n  year = {2020}\n}\n');
      await writeFile(join(dir, 'budget.csv'), 'year,spend\n2022,5.4\n2023,6.8\n');
      await writeFile(
        join(dir, 'b.md'),
        '---\ntitle: T\nbibliography: refs.bib\n---\n\n## Cited\n\n- Pacific [@mueller2020].\n\n## Spend {layout=chart kind=bar data=budget.csv}\n\nSource: the defence budget [@mueller2020].\n',
      );
      const out = join(dir, 'out');
      const built = await run(process.execPath, [join(repoRoot, 'bin/briefdeck.js'), 'build', join(dir, 'b.md'), '--pptx', '--out', out, '--quiet']);
      expect(built.stderr).toBe('');
      const page = await readFile(join(out, 'b/default/index.html'), 'utf8');
      expect(page.replace(/<[^>]+>/g, '')).toContain('José Müller, Alliances in the Pacific, Oxford University Press, 2020');
      expect(page).toContain('<svg');
      expect((await stat(join(out, 'b/b-default.pptx'))).size).toBeGreaterThan(10_000);
    } finally {
      await cleanup();
    }
  });
});
