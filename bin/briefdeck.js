#!/usr/bin/env node
// The only place that sets the exit code: the CLI itself returns it.
// With --debug, stack traces name the compiled files under dist/, not the bundle's chunks.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
const { runCli } = await import('../dist/bundle/cli.js');

process.exitCode = await runCli(process.argv.slice(2));
// Normally the process ends here by itself, its output flushed. Work that was stopped but is
// still stuck on something (a browser that does not answer) must not keep it alive.
setTimeout(() => process.exit(), 2_000).unref();
