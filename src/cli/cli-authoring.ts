import type { Command } from 'commander';
import { Option } from 'commander';
import { positiveInteger } from './option-values.js';
import { describeFinding, defaultMaxWords } from '../commands/check-report.js';
import { ExitCode, formatProblem } from '../kernel/problem.js';
import type { Logger } from '../kernel/logger.js';
import { BriefdeckError } from '../kernel/problem.js';

/** What the authoring commands need from the CLI shell in cli.ts. */
export interface AuthoringShell {
  out: (text: string) => void;
  err: (text: string) => void;
  logger: (verbose: boolean) => Logger;
  /** Hands the command's work to runCli, which awaits it and returns its exit code. */
  run: (work: Promise<number>) => void;
  /** Resolves when the user asks a long-running command to stop (Ctrl-C). */
  interrupted: () => Promise<void>;
  /** The shared house style named by BRIEFDECK_HOUSE, if any. */
  house?: string;
}

const deckArgument = ['[deck]', 'a deck.yaml, a folder holding one, or one brief .md (default: every deck under briefs/)'] as const;

/** `check`, `serve`, `new` and `list`: the commands an analyst runs while writing. */
export function addAuthoringCommands(program: Command, shell: AuthoringShell): void {
  program
    .command('check')
    .description('check decks before the meeting, writing nothing: every validation a build runs, then each slide measured in a browser (overflow, small text, long slides, alt text)')
    .argument(...deckArgument)
    .addOption(new Option('-a, --audience <name>', 'check one audience (default: every audience the deck names)'))
    .option('--json', 'print one machine-readable report on stdout instead')
    .option('--strict', 'warnings (overflow included) fail the check too')
    .option('--release', 'print the release matrix instead: every slide by every audience, included or dropped and why, with marks, tags and each version\'s marking (no browser)')
    .option('--max-words <n>', 'the word budget per slide', positiveInteger, defaultMaxWords)
    .option('--browser <path>', 'the Chromium or Chrome to measure with')
    .action((deck: string | undefined, opts: { audience?: string; json?: boolean; strict?: boolean; release?: boolean; maxWords: number; browser?: string }) => {
      if (opts.release) return shell.run(printReleaseMatrix(deck, opts.audience, opts.json, shell));
      shell.run(
        import('../commands/check.js').then(({ checkDecks }) => checkDecks(deck, { house: shell.house, audience: opts.audience, strict: opts.strict, maxWords: opts.maxWords, browser: opts.browser, log: shell.logger(false) })).then((report) => {
          if (opts.json) shell.out(JSON.stringify(report, null, 2) + '\n');
          else {
            for (const n of report.notes) shell.err(`${n.file}: note: ${n.message}\n`);
            for (const f of report.findings) shell.err(formatProblem({ ...f, message: describeFinding(f) }) + '\n');
            const versions = report.decks.reduce((n, d) => n + d.audiences.length, 0);
            shell.out(`checked ${report.decks.length} deck(s), ${versions} audience version(s): ${report.errors} error(s), ${report.warnings} warning(s)\n`);
          }
          return report.ok ? ExitCode.ok : ExitCode.badInput;
        }),
      );
    });

  program
    .command('serve')
    .description('show one deck in your browser while you write, on 127.0.0.1: rebuilt on every save, reloaded on the slide you were viewing')
    .argument(...deckArgument)
    .addOption(new Option('-a, --audience <name>', 'the audience version to show (default: the deck\'s first audience)'))
    .option('-p, --port <n>', 'the port to listen on', positiveInteger, 8000)
    .option('--templates <dir>', 'a house-style folder laid over the built-in templates')
    .action((deck: string | undefined, opts: { audience?: string; port: number; templates?: string }) => {
      shell.run(
        (async () => {
          // Loaded here: its file watcher is start-up cost every other command would pay.
          const { serveDeck } = await import('../commands/serve.js');
          const server = await serveDeck(deck, { house: shell.house, audience: opts.audience, port: opts.port, templates: opts.templates ? [opts.templates] : undefined, log: shell.logger(true) });
          shell.out(`serving ${server.url} (Ctrl-C to stop)\n`);
          await shell.interrupted();
          await server.close();
          return ExitCode.ok;
        })(),
      );
    });

  program
    .command('list')
    .description('show the decks under briefs/: each brief (title, as-of date, slides, sources) and each deck\'s audiences')
    .action(() => {
      shell.run(
        import('../commands/deck-list.js').then(async ({ formatTable, listDecks }) => {
          const { rows, audiences, broken } = await listDecks({ house: shell.house });
          const table = rows.map((r) => [r.deck, r.brief, r.title, r.asOf, String(r.slides), String(r.sources)]);
          shell.out(formatTable(['DECK', 'BRIEF', 'TITLE', 'AS OF', 'SLIDES', 'SOURCES'], table));
          shell.out('\n' + formatTable(['DECK', 'AUDIENCES'], [...audiences].map(([deck, names]) => [deck, names.join(', ')])));
          for (const [path, why] of broken) shell.err(`${path}: ${why}\n`);
          return ExitCode.ok;
        }),
      );
    });

  program
    .command('new')
    .description('start a brief: writes briefs/NAME.md with front matter and one example slide of each layout, ready to build; or, with --house DIR, a house style folder')
    .argument('[name]', 'the brief\'s file name: lower-case words joined by hyphens')
    .option('--house <dir>', 'write DIR/house.yaml instead: a house style with every key explained')
    .action((name: string | undefined, opts: { house?: string }) => {
      shell.run(
        (async () => {
          if (name === undefined && opts.house === undefined) throw new BriefdeckError('usage', 'name the brief to start (briefdeck new NAME), or a house style folder (briefdeck new --house DIR)');
          if (opts.house !== undefined) {
            const { newHouse } = await import('../commands/new-house.js');
            const file = await newHouse(opts.house);
            shell.out(`created ${file}; use it with: npx briefdeck build DECK --templates ${opts.house}\n`);
          }
          if (name !== undefined) {
            const { newBrief } = await import('../commands/new-brief.js');
            const file = await newBrief(name);
            shell.out(`created ${file}; build it with: npx briefdeck build ${file}\n`);
          }
          return ExitCode.ok;
        })(),
      );
    });
}

/** `check --release`: the matrix on stdout (or JSON), release errors on stderr; exit 1 on any error. */
async function printReleaseMatrix(deck: string | undefined, audience: string | undefined, json: boolean | undefined, shell: AuthoringShell): Promise<number> {
  const { formatReleaseMatrix, releaseMatrix } = await import('../commands/release-matrix.js');
  const matrix = await releaseMatrix(deck, { house: shell.house, audience, log: shell.logger(false) });
  if (json) shell.out(JSON.stringify(matrix, null, 2) + '\n');
  else {
    shell.out(formatReleaseMatrix(matrix));
    for (const p of matrix.problems) shell.err(formatProblem(p) + '\n');
  }
  return matrix.ok ? ExitCode.ok : ExitCode.badInput;
}

