#!/usr/bin/env node
// The only place that sets the exit code: the CLI itself returns it. Exiting (not just
// setting the code) ends the process even when stopped work is still stuck on something.
import { runCli } from '../dist/cli/cli.js';

process.exit(await runCli(process.argv.slice(2)));
