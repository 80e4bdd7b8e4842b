import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
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
    // The table layout's numbers may start with a minus sign or a currency symbol.
    expect(cli).toMatch(/\[-\+\\u2212\]\?\[\$\\u20ac\\u00a3\\u00a5\]/);
  });

  it('makes no dynamic import: Node 20 loses the import callback of a script compiled from a code cache', () => {
    // A real import( is code, not text in a string (a code generator may write the word).
    const dynamicImport = /(?<![\w$."'`])import\(/;
    expect(dynamicImport.test(cli)).toBe(false);
    for (const name of vendors) expect(dynamicImport.test(readFileSync(join(bundle, 'vendor', name), 'utf8')), name).toBe(false);
  });

  it('runs with its code cache, refuses a cache V8 does not accept, and writes a new one', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      // A copy of the install: bin/, dist/bundle/ and package.json (the version).
      await mkdir(join(dir, 'bin'));
      await cp(join(repoRoot, 'bin/briefdeck.js'), join(dir, 'bin/briefdeck.js'));
      await cp(bundle, join(dir, 'dist/bundle'), { recursive: true });
      await cp(join(repoRoot, 'package.json'), join(dir, 'package.json'));
      const version = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')).version as string;
      const cache = join(dir, 'dist/bundle/cli.cjs.cache');
      const briefdeck = () => run(process.execPath, [join(dir, 'bin/briefdeck.js'), '--version']);

      expect((await briefdeck()).stdout.trim()).toBe(version);
      const good = await readFile(cache);
      expect(good.length).toBeGreaterThan(100_000);

      await writeFile(cache, 'not a code cache');
      expect((await briefdeck()).stdout.trim()).toBe(version);
      const rewritten = await readFile(cache);
      expect(rewritten.length).toBeGreaterThan(1_000);
      expect(rewritten.toString('latin1')).not.toBe('not a code cache');
    } finally {
      await cleanup();
    }
  });
});
