// Bundles the command line (dist/cli/cli.js, as tsc compiled it) into dist/bundle/: one module
// per command, its libraries included, instead of several hundred files that Node resolves,
// reads and links one by one. Measured on the 20-slide `pdf` (issue 19, npm run bench):
// about 0.2 s and 0.3 CPU-seconds less per command, with byte-identical output. Commands
// still load lazily (each command's module, puppeteer, pdf-lib, vega and docx are chunks of
// their own), and dist/index.js, the library entry, is tsc's output as before.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'dist/bundle');

await rm(outdir, { recursive: true, force: true }); // no stale chunks of an earlier build
await build({
  entryPoints: [join(root, 'dist/cli/cli.js')],
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // For `--debug`: bin/briefdeck.js turns source maps on, so stack traces name dist/ files.
  sourcemap: true,
  logLevel: 'warning',
  // CommonJS libraries in an ES module bundle still expect require, __filename and __dirname.
  // The chunks sit two folders below the project, as dist/<stage>/*.js do, so paths that
  // modules work out from import.meta.url (templates/, package.json) stay the same.
  banner: {
    js: [
      "import { createRequire as __briefdeckRequire } from 'node:module';",
      "import { fileURLToPath as __briefdeckPath } from 'node:url';",
      "import { dirname as __briefdeckDirname } from 'node:path';",
      'const require = __briefdeckRequire(import.meta.url);',
      'const __filename = __briefdeckPath(import.meta.url);',
      'const __dirname = __briefdeckDirname(__filename);',
    ].join(' '),
  },
});
