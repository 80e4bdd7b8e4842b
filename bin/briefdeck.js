#!/usr/bin/env node
// The only place that sets the exit code: the CLI itself returns it.
//
// The command line is one CommonJS bundle, with the large libraries it needs only sometimes
// in bundles of their own (scripts/bundle.js). Each is compiled here with V8's code cache
// for it (<bundle>.cache): what a representative run compiled arrives compiled, instead of
// being parsed and compiled again on every command (issue 19). A bundle without a cache, or
// with one V8 refuses (another Node version), compiles from source, and its cache is written
// after the run where the install can be written to.
import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

// A command is short: V8 compiles each regular expression to machine code when it is first
// used, instead of interpreting it first and compiling it again once it is hot. marked's
// large expressions then cost their first brief 14 ms instead of 35 ms; the 20-slide build
// takes 0.20 s against 0.21 s (issue 19). Set before anything compiles, so it is the same
// for every run, and the code caches (whose flags must match) stay valid.
setFlagsFromString('--no-regexp-tier-up');

const bundle = fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url));
/** Bundles compiled without a usable cache: theirs is written after the run. */
const uncached = [];
/** The library bundles loaded so far, by file. */
const loaded = new Map();

let cli;
if (process.argv.includes('--debug')) {
  // Stack traces name the compiled files under dist/, through the bundles' source maps.
  process.setSourceMapsEnabled(true);
  cli = createRequire(import.meta.url)(bundle);
} else {
  cli = loadCached(bundle);
}

process.exitCode = await cli.runCli(process.argv.slice(2));
for (const { file, script } of uncached) writeCache(`${file}.cache`, script.createCachedData());
// Normally the process ends here by itself, its output flushed. Work that was stopped but is
// still stuck on something (a browser that does not answer) must not keep it alive.
setTimeout(() => process.exit(), 2_000).unref();

/**
 * A CommonJS bundle's exports, compiled with its code cache. Its require() loads the library
 * bundles beside it (./vendor/<name>.cjs) the same way, once each, and anything else as Node does.
 */
function loadCached(file) {
  const cachedData = readOrNothing(`${file}.cache`);
  // An ASCII bundle (scripts/bundle.js) read as one-byte text: no UTF-8 to decode.
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // Node's own CommonJS wrapper, on the bundle's first line: line numbers stay the bundle's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) uncached.push({ file, script });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, bundleRequire(file), module, file, dirname(file));
  return module.exports;
}

function bundleRequire(file) {
  const nodeRequire = createRequire(file);
  const require = (id) => {
    if (!id.startsWith('./vendor/')) return nodeRequire(id);
    const path = join(dirname(file), id);
    if (!loaded.has(path)) loaded.set(path, loadCached(path));
    return loaded.get(path);
  };
  return Object.assign(require, { resolve: nodeRequire.resolve, cache: nodeRequire.cache });
}

function readOrNothing(path) {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (two commands at once each write their own, then rename). */
function writeCache(path, data) {
  const scratch = `${path}.${process.pid}`;
  try {
    writeFileSync(scratch, data);
    renameSync(scratch, path);
  } catch {
    // A read-only install runs without a cache: slower to start, the same otherwise.
  }
}
