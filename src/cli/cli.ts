import { existsSync, statSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { BuildOptions } from '../commands/pipeline.js';
import type { MemoFormat } from '../render/memo/memo-content.js';
import type { Logger } from '../kernel/logger.js';
import { BriefdeckError, ExitCode, formatProblem, type Problem } from '../kernel/problem.js';
import { version } from '../kernel/version.js';
import { addAuthoringCommands } from './cli-authoring.js';
import { positiveInteger, seconds } from './option-values.js';
import { defaultTimeoutMs } from '../kernel/run.js';
import { progressDisplay, wantsLiveProgress, type ProgressDisplay } from '../kernel/progress.js';
import { onStop, stopExitCode, type StopReason } from './stop-signals.js';

/** Where the CLI writes; tests pass their own to read what a user would see. */
export interface CliStreams {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether `err` is a terminal: a live progress line instead of plain lines. */
  errIsTTY?: boolean;
  /** The environment (BRIEFDECK_HOUSE); the process's own unless a test passes one. */
  env?: Record<string, string | undefined>;
}

const processStreams: CliStreams = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTTY: process.stderr.isTTY,
};

/** What build and pdf both take on the command line. */
interface SharedOptions {
  audience?: string;
  jobs?: number;
  templates?: string;
  browser?: string;
  timeout: number;
  quiet?: boolean;
  verbose?: boolean;
  draft?: boolean;
}

/**
 * The briefdeck command line. Returns the exit code (0 done, 1 bad input, 2 usage,
 * 3 environment); only bin/briefdeck.js sets it. Nothing else in briefdeck prints.
 */
export async function runCli(argv: string[], streams: CliStreams = processStreams): Promise<number> {
  let debug = argv.includes('--debug');
  const display: ProgressDisplay = progressDisplay(streams.err, wantsLiveProgress(streams.errIsTTY));
  const logger = (verbose: boolean): Logger => ({
    info: (message) => verbose && display.line(message),
    warn: (problem: Problem) => display.line(formatProblem({ ...problem, severity: 'warning' })),
  });
  const jobs = () => new Option('-j, --jobs <n>', 'how many PDFs print at once (default: one per CPU, at least two)').argParser(positiveInteger);
  let action: Promise<number> = Promise.resolve(ExitCode.ok);
  // A shared house style, named once for every project (may live outside any of them).
  const sharedHouse = () => houseFromEnv(streams.env ?? process.env);
  // Ctrl-C, SIGTERM or SIGHUP during build/pdf aborts: the export closes its browser and the
  // CLI exits 128 + the signal's number (a second Ctrl-C kills at once). stop-signals.ts.
  const interrupt = new AbortController();
  let stopReason: StopReason | undefined;
  let stopListening = () => {};
  const interruptible = () => {
    stopListening();
    stopListening = onStop((reason) => {
      stopReason = reason;
      interrupt.abort();
    });
    return interrupt.signal;
  };
  // The command modules load when their command runs: --version and --help stay a fraction
  // of a second instead of paying for the whole pipeline (issue 19).
  const pipeline = () => import('../commands/pipeline.js');
  const program = new Command('briefdeck')
    .description('Policy briefs in markdown -> reveal.js decks and PDFs, tailored to the audience in the room')
    .version(version, '-V, --version')
    .option('--debug', 'show stack traces for unexpected errors')
    .exitOverride()
    .configureOutput({ writeOut: streams.out, writeErr: streams.err })
    .showHelpAfterError('(briefdeck --help lists the commands)');

  const audience = () => new Option('-a, --audience <name>', 'an audience profile, or "all" (default: every audience the deck names)');
  const timeout = () => new Option('--timeout <seconds>', 'give up on a deck that does not lay out for print in this time').default(defaultTimeoutMs / 1000).argParser(seconds);

  /** Options build and pdf share, in the order --help lists them after each command's own. */
  const withSharedOptions = (command: Command, browserHelp: string) =>
    command
      .addOption(audience())
      .addOption(jobs())
      .option('--templates <dir>', 'a house-style folder laid over the built-in templates')
      .option('--browser <path>', browserHelp)
      .addOption(timeout())
      .option('-q, --quiet', 'print only warnings and errors')
      .option('-v, --verbose', 'also list, per audience, each slide it did not get and why')
      .option('--draft', 'put a DRAFT watermark on every slide and page');
  const sharedSettings = (opts: SharedOptions): BuildOptions => ({
    house: sharedHouse(),
    audience: opts.audience,
    jobs: opts.jobs,
    templates: opts.templates ? [opts.templates] : undefined,
    browser: opts.browser,
    timeoutMs: opts.timeout * 1000,
    signal: interruptible(),
    verbose: opts.verbose,
    settings: opts.draft ? { status: 'draft' } : undefined,
    progress: opts.quiet ? undefined : display,
    log: logger(!opts.quiet),
  });

  withSharedOptions(
    program
      .command('build')
      .description('build the HTML deck for each audience: output/<deck>/<audience>/index.html')
      .argument('[deck]', 'a deck.yaml, a folder holding one, or one brief .md (default: every deck under briefs/)')
      .option('-o, --out <dir>', 'the folder to write into', 'output')
      .option('--pdf', 'also export each version as a PDF: output/<deck>/<deck>-<audience>.pdf')
      .option('--single-file', 'also write one self-contained HTML file per version: output/<deck>/<deck>-<audience>.html')
      .option('--pptx', 'also write an editable PowerPoint per version: output/<deck>/<deck>-<audience>.pptx')
      .addOption(
        new Option('--memo [format]', 'also make the read-ahead memo per version: output/<deck>/<deck>-<audience>-memo.pdf and .docx (or only FORMAT: pdf, docx)')
          .choices(['pdf', 'docx', 'both'])
          .preset('both'),
      ),
    'with --pdf or --memo: the Chromium or Chrome to print with',
  ).action((deck: string | undefined, opts: SharedOptions & { out: string; pdf?: boolean; singleFile?: boolean; pptx?: boolean; memo?: MemoFormat }) => {
    action = pipeline().then(({ buildDecks }) => buildDecks(deck, { ...sharedSettings(opts), out: opts.out, pdf: opts.pdf, singleFile: opts.singleFile, pptx: opts.pptx, memo: opts.memo })).then(() => ExitCode.ok);
  });

  withSharedOptions(
    program
      .command('memo')
      .description('make the read-ahead memo of each audience version (bottom line, key figures, recommendations, sources): output/<deck>/<deck>-<audience>-memo.pdf and .docx')
      .argument('[deck]', 'a deck.yaml, a folder holding one, or one brief .md (default: every deck under briefs/)')
      .addOption(new Option('--format <format>', 'pdf, docx or both').choices(['pdf', 'docx', 'both']).default('both'))
      .option('-o, --out <path>', 'write this one memo and nothing else (one deck, one audience); with --format both, FILE.pdf and FILE.docx'),
    'the Chromium or Chrome to print the memo PDF with',
  ).action((deck: string | undefined, opts: SharedOptions & { out?: string; format: MemoFormat }) => {
    action = pipeline().then(({ exportMemo }) => exportMemo(deck, { ...sharedSettings(opts), memo: opts.format, memoPath: opts.out })).then(() => ExitCode.ok);
  });

  withSharedOptions(
    program
      .command('pdf')
      .description('export each audience version as a PDF, one 16:9 page per slide: output/<deck>/<deck>-<audience>.pdf')
      .argument('[deck]', 'a deck.yaml, a folder holding one, or one brief .md (default: every deck under briefs/)')
      .option('-o, --out <path>', 'write this one PDF file and nothing else (one deck, one audience)')
      .option('--handout', 'also print a read-ahead handout (slides with their speaker notes, on A4 or the house style\'s paper): output/<deck>/<deck>-<audience>-handout.pdf'),
    'the Chromium or Chrome to print with',
  ).action((deck: string | undefined, opts: SharedOptions & { out?: string; handout?: boolean }) => {
    action = pipeline().then(({ exportPdf }) => exportPdf(deck, { ...sharedSettings(opts), pdfPath: opts.out, handout: opts.handout })).then(() => ExitCode.ok);
  });

  program
    .command('pptx')
    .description('write an editable PowerPoint for each audience version: output/<deck>/<deck>-<audience>.pptx (no browser needed)')
    .argument('[deck]', 'a deck.yaml, a folder holding one, or one brief .md (default: every deck under briefs/)')
    .addOption(audience())
    .option('-o, --out <path>', 'write this one .pptx file and nothing else (one deck, one audience)')
    .option('--templates <dir>', 'a house-style folder laid over the built-in templates')
    .option('-q, --quiet', 'print only warnings and errors')
    .option('-v, --verbose', 'also list, per audience, each slide it did not get and why')
    .option('--draft', 'put a DRAFT watermark on every slide')
    .action((deck: string | undefined, opts: { audience?: string; out?: string; templates?: string; quiet?: boolean; verbose?: boolean; draft?: boolean }) => {
      action = import('../commands/pptx.js').then(({ exportPptx }) => exportPptx(deck, {
        house: sharedHouse(),
        audience: opts.audience,
        templates: opts.templates ? [opts.templates] : undefined,
        verbose: opts.verbose,
        settings: opts.draft ? { status: 'draft' } : undefined,
        log: logger(!opts.quiet),
        pptxPath: opts.out,
      })).then(() => ExitCode.ok);
    });

  addAuthoringCommands(program, {
    ...streams,
    logger,
    run: (work) => void (action = work),
    interrupted: () => new Promise((done) => void onStop(() => done())),
    get house() {
      return sharedHouse();
    },
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    debug = Boolean(program.opts().debug) || debug;
    // Once stopped, the work has a few seconds to close its browser and say so; past that the
    // CLI returns anyway (and bin/briefdeck.js exits), whatever the work is stuck on.
    const givenUp = new Promise<number>((done) =>
      interrupt.signal.addEventListener('abort', () => setTimeout(() => done(ExitCode.interrupted), stopGraceMs).unref(), { once: true }),
    );
    const code = await Promise.race([action, givenUp]);
    if (interrupt.signal.aborted) throw new BriefdeckError('interrupted', 'interrupted');
    return code;
  } catch (error) {
    const code = reportError(error, streams, debug);
    return code === ExitCode.interrupted && stopReason ? stopExitCode[stopReason] : code;
  } finally {
    stopListening();
  }
}

/** How long stopped work may take to close its browser before the CLI returns without it. */
const stopGraceMs = 5_000;

/** BRIEFDECK_HOUSE=DIR: a house style for every deck, under a deck's own `templates:` and `--templates`. */
function houseFromEnv(env: Record<string, string | undefined>): string | undefined {
  const dir = env.BRIEFDECK_HOUSE?.trim();
  if (!dir) return undefined;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BriefdeckError('usage', `BRIEFDECK_HOUSE names "${dir}", which is not a folder (a house style folder, holding house.yaml)`);
  return dir;
}


function reportError(error: unknown, streams: CliStreams, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return ExitCode.ok; // --help, --version
    return ExitCode.usage;
  }
  if (error instanceof BriefdeckError) {
    const lines = error.problems.length ? error.problems.map(formatProblem) : [`briefdeck: ${error.message}`];
    if (error.problems.length && error.summary) lines.push(`briefdeck: ${error.message}`);
    streams.err(lines.join('\n') + '\n');
    if (debug && error.stack) streams.err(`${error.stack}\n`);
    const code = { 'bad-input': ExitCode.badInput, usage: ExitCode.usage, environment: ExitCode.environment, export: ExitCode.badInput, interrupted: ExitCode.interrupted }[error.code];
    return code;
  }
  const message = error instanceof Error ? error.message : String(error);
  streams.err(`briefdeck: unexpected error: ${message}\n`);
  streams.err(debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'run again with --debug for details\n');
  return ExitCode.badInput;
}
