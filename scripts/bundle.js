// Bundles the command line (dist/cli/cli.js, as tsc compiled it) into one CommonJS file,
// dist/bundle/cli.cjs, and the large libraries it needs only sometimes into
// dist/bundle/vendor/, then makes V8's code cache for cli.cjs (cli.cjs.<V8 tag>.cache) by
// running it once on the sample deck. bin/briefdeck.js compiles each bundle with its cache:
// the functions a build runs arrive compiled instead of being parsed and compiled again on
// every command (issue 19: the 20-slide `build` 0.27 s -> 0.22 s, the 20-slide `pdf`
// 1.16 s -> 1.12 s). A library bundle gets its cache the first time a command loads it.
// dist/index.js, the library entry, is tsc's output as before.
//
// Why CommonJS: Node 20 has no compile cache for ES modules (module.enableCompileCache came
// with Node 22), while a vm.Script takes V8's cached data. And why no import() in it: Node 20
// loses a cached script's dynamic-import callback, so every import() is made a require()
// (esbuild's `dynamic-import: false`), and the libraries behind one are bundled in: loaded
// lazily still, since esbuild evaluates a module only when it is first required.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { precompileTemplates } from './precompile-templates.js';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'dist/bundle');
const bundle = join(outdir, 'cli.cjs');

await rm(outdir, { recursive: true, force: true }); // no stale bundle or cache of an earlier build

// briefdeck's own templates, compiled now rather than on every run (scripts/precompile-templates.js).
await precompileTemplates();

/**
 * The large libraries a command needs only sometimes (a PDF, a chart, a Word or PowerPoint
 * file) are bundles of their own, dist/bundle/vendor/<name>.cjs, required the first time one
 * is needed: every command reads and compiles the code cache of cli.cjs, and keeping them
 * out of it keeps that small (`--version` 0.14 s with them in, 0.08 s without). Each bundle
 * by name, with the imports it serves. (pptxgenjs is required from node_modules as it is:
 * render/pptx/render.ts.)
 */
const vendors = {
  'puppeteer-core': ['puppeteer-core'],
  'pdf-lib': ['pdf-lib'],
  vega: ['vega'],
  'vega-lite': ['vega-lite'],
  docx: ['docx'],
  'subset-font': ['subset-font'],
  // One bundle for both: the BibTeX plugin registers its parser in the very copy of the core
  // that briefdeck then reads with (two bundles would each hold a core of their own).
  'citation-js': ['@citation-js/core', '@citation-js/plugin-bibtex'],
  jszip: ['jszip'],
  fflate: ['fflate'],
  'csv-parse': ['csv-parse/sync'],
  chokidar: ['chokidar'],
};

/**
 * What a library bundle exports where it is not its one library as Node's require() gives it.
 * briefdeck starts Chromium itself and connects puppeteer to it (src/export/browser.ts):
 * puppeteer's launcher, with its browser downloads and proxy support, never runs, and loading
 * it cost 20 ms of every PDF command (issue 19). The same settings puppeteer's own Node entry
 * makes, but its launcher.
 */
const vendorEntries = {
  'citation-js': "require('@citation-js/plugin-bibtex');\nmodule.exports = require('@citation-js/core');",
  'puppeteer-core': [
    "const { environment } = require('puppeteer-core/internal/environment.js');",
    "environment.value = { fs: require('node:fs'), path: require('node:path') };",
    "const { Puppeteer } = require('puppeteer-core/internal/common/Puppeteer.js');",
    'const puppeteer = new Puppeteer({ isPuppeteerCore: true });',
    'exports.connect = (options) => puppeteer.connect(options);',
  ].join('\n'),
};

const shared = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outdir,
  outExtension: { '.js': '.cjs' },
  supported: { 'dynamic-import': false },
  // vega's canvas module awaits an optional `canvas` package at its top level, which a
  // CommonJS bundle cannot hold. briefdeck draws charts as SVG and has no `canvas`: its
  // browser build (no canvas, no image, as the Node build without `canvas`) is the same.
  alias: { 'vega-canvas': join(root, 'node_modules/vega-canvas/build/vega-canvas.browser.js') },
  // subset-font finds its WebAssembly file with require.resolve, in node_modules as before.
  external: ['harfbuzzjs/dist/harfbuzz-subset.wasm'],
  // Modules work out paths from import.meta.url (templates/, package.json): the bundles sit
  // two folders below the project, as dist/<stage>/*.js do, so those paths stay the same.
  define: { 'import.meta.url': '__briefdeckUrl', 'import.meta.dirname': '__dirname' },
  // "use strict" first: esbuild writes it after the banner, where it is no directive, and the
  // code written as ES modules (briefdeck's, marked, zod, vega) would run in sloppy mode.
  banner: { js: `"use strict";\nconst __briefdeckUrl = require('node:url').pathToFileURL(__filename).href;` },
  // For `--debug`: bin/briefdeck.js turns source maps on, so stack traces name dist/ files.
  sourcemap: true,
  logLevel: 'warning',
};

// Each library as Node's require() gives it (its CommonJS build where it has one), so the
// command line reads it exactly as it reads it from node_modules.
await build({
  ...shared,
  outdir: join(outdir, 'vendor'),
  entryPoints: Object.keys(vendors).map((name) => ({ in: `vendor:${name}`, out: name })),
  plugins: [
    {
      name: 'vendor-entries',
      setup(b) {
        b.onResolve({ filter: /^vendor:/ }, (args) => ({ path: args.path.slice('vendor:'.length), namespace: 'vendor' }));
        b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({ contents: vendorEntries[args.path] ?? `module.exports = require(${JSON.stringify(vendors[args.path][0])});`, resolveDir: root, loader: 'js' }));
      },
    },
  ],
});

await build({
  ...shared,
  entryPoints: { cli: join(root, 'dist/cli/cli.js') },
  // puppeteer itself (not puppeteer-core) is only asked where its own downloaded browser is,
  // when no system Chromium is found: it stays in node_modules, where its configuration
  // search may import a config file.
  external: [...shared.external, 'puppeteer'],
  plugins: [
    {
      name: 'vendors',
      setup(b) {
        const bundleOf = new Map(Object.entries(vendors).flatMap(([name, imports]) => imports.map((i) => [i, name])));
        const names = new RegExp(`^(${[...bundleOf.keys()].map((v) => v.replace(/[-/]/g, '\\$&')).join('|')})$`);
        b.onResolve({ filter: names }, (args) => ({ path: `./vendor/${bundleOf.get(args.path)}.cjs`, external: true }));
      },
    },
  ],
});

// esbuild writes strings ASCII-only (charset: ascii) but leaves regular expressions, comments
// and tagged templates as written. In the first two, a character and its \u escape mean the
// same: those few characters become escapes, and the bundle is read as one-byte text
// (bin/briefdeck.js), 4 MB in 2-3 ms where decoding it as UTF-8 took 14-16 ms on every
// command. A tagged template (String.raw) reads an escape as written, and an escape after a
// backslash is another text: a library update that brings either stops the build here.
const bundles = [bundle, ...Object.keys(vendors).map((name) => join(outdir, 'vendor', `${name}.cjs`))];
for (const file of bundles) {
  const text = await readFile(file, 'utf8');
  const risky = /\\[^\0-\x7f]|[\w$)\]]`[^`\n]*[^\0-\x7f][^`\n]*`/.exec(text);
  if (risky) throw new Error(`bundle: ${file} has a character outside ASCII where a \\u escape would change it: ${JSON.stringify(text.slice(risky.index, risky.index + 80))}`);
  const ascii = text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) await writeFile(file, ascii);
}

// The code cache: one run of a representative command, the sample deck's staff version as
// HTML (every layout, charts, citations). bin/briefdeck.js writes a bundle's cache after a
// run that had none it could use (none yet, another Node version or V8 flags, a bundle
// changed since), beside the bundle.
const sample = join(root, 'briefs/us-japan-alliance');
const out = await mkdtemp(join(tmpdir(), 'briefdeck-cache-'));
try {
  execFileSync(process.execPath, [join(root, 'bin/briefdeck.js'), 'build', sample, '--audience', 'staff', '--out', out, '--quiet'], { cwd: root, stdio: 'inherit' });
} finally {
  await rm(out, { recursive: true, force: true });
}
if (!(await readdir(outdir)).some((name) => name.startsWith('cli.cjs.') && name.endsWith('.cache'))) throw new Error('bundle: no code cache was written');
