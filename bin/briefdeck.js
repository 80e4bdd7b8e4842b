#!/usr/bin/env node
// The only place that sets the exit code: the CLI itself returns it.
//
// The command line is one CommonJS bundle, with the large libraries it needs only sometimes
// in bundles of their own (scripts/bundle.js). Each is compiled here with V8's code cache
// for it: what a representative run compiled arrives compiled, instead of being parsed and
// compiled again on every command (issue 19). A bundle without a cache it can trust compiles
// from source, and its cache is written after the run, where the install can be written to.
//
// It is CommonJS (bin/package.json says so): an ES module as the entry point starts Node's ES
// module loader first, 4-5 ms of every command.
'use strict';
const { isAscii } = require('node:buffer');
const { accessSync, constants, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { cachedDataVersionTag, setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');
const { crc32 } = require('node:zlib');

// A command is short: V8 compiles each regular expression to machine code when it is first
// used, instead of interpreting it first and compiling it again once it is hot. marked's
// large expressions then cost their first brief 14 ms instead of 35 ms (issue 19).
setFlagsFromString('--no-regexp-tier-up');
// puppeteer makes a new `debug` logger for every protocol message it sends or receives, even
// with logging off, and each one asks whether stderr is a terminal: a system call per message,
// 0.1 s of the main thread for four audiences' PDFs. Saying once that its log is not coloured
// answers that question. `DEBUG=puppeteer:*` still logs; DEBUG_COLORS=1 colours it.
process.env.DEBUG_COLORS ??= 'no';

const bundle = join(__dirname, '../dist/bundle/cli.cjs');
// V8 refuses a cache made by another V8 version or with other flags; caches for each are kept
// apart (named by V8's tag for them), so runs with other flags do not overwrite each other's.
const cacheName = `${cachedDataVersionTag()}.cache`;
/** Bundles compiled without a cache they could use: theirs is written after the run. */
const uncached = [];
/** The library bundles loaded so far, by file. */
const loaded = new Map();

let cli;
if (process.argv.includes('--debug')) {
  // Stack traces name the compiled files under dist/, through the bundles' source maps.
  process.setSourceMapsEnabled(true);
  cli = require(bundle);
} else {
  cli = loadCached(bundle);
}

// Until the command returns, the exit code is Node's for a top-level await that never settled:
// a command that stopped without an answer never ends the process as if it had succeeded.
process.exitCode = 13;
void cli.runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  if (uncached.length) {
    const { randomBytes } = require('node:crypto');
    for (const { file, script, stamp } of uncached) writeCache(file, stamp, script, randomBytes(6).toString('hex'));
  }
  // Normally the process ends here by itself, its output flushed. Work that was stopped but is
  // still stuck on something (a browser that does not answer) must not keep it alive.
  setTimeout(() => process.exit(), 2_000).unref();
});

/**
 * A CommonJS bundle's exports, compiled with its code cache. Its require() loads the library
 * bundles beside it (./vendor/<name>.cjs) the same way, once each, and anything else as Node does.
 */
function loadCached(file) {
  const bytes = readFileSync(file);
  // V8 checks a cache against its source by the source's length only: a cache is used only
  // for the very bundle it was made from (its size and a checksum of its bytes, 1 ms for 4 MB).
  const stamp = `${bytes.length} ${crc32(bytes)}`;
  const cachedData = trustedCache(file, stamp);
  // ASCII bundles (scripts/bundle.js) are read as one-byte text: no UTF-8 to decode.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // Node's own CommonJS wrapper, on the bundle's first line: line numbers stay the bundle's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) uncached.push({ file, script, stamp });
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

/**
 * A cache file is one header line (the bundle's size and checksum, and a checksum of the
 * data: V8 itself does not check that) and V8's data. Anything else is no cache.
 */
function trustedCache(file, stamp) {
  let cache;
  try {
    cache = readFileSync(`${file}.${cacheName}`);
  } catch {
    return undefined;
  }
  const end = cache.indexOf(10);
  const data = cache.subarray(end + 1);
  return end > 0 && cache.toString('latin1', 0, end) === `${stamp} ${crc32(data)}` ? data : undefined;
}

/**
 * Written whole or not at all: into a file of its own, then renamed into place. Made only
 * where the install can be written to; nothing here ever fails the command that ran.
 */
function writeCache(file, stamp, script, unique) {
  const path = `${file}.${cacheName}`;
  const scratch = `${path}.${unique}`;
  try {
    accessSync(dirname(file), constants.W_OK);
    const data = script.createCachedData();
    writeFileSync(scratch, Buffer.concat([Buffer.from(`${stamp} ${crc32(data)}\n`, 'latin1'), data]), { flag: 'wx' });
    renameSync(scratch, path);
  } catch {
    // A read-only install runs without a cache: slower to start, the same otherwise.
    try {
      rmSync(scratch, { force: true });
    } catch {
      // Left for the next build of the bundle, which starts from an empty folder.
    }
  }
}
