#!/usr/bin/env node
// The only place that sets the exit code: the CLI itself returns it.
import { runCli } from '../dist/cli/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
