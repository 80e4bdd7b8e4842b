import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { silentLogger, type Logger } from './logger.js';
import { silentProgress, type Progress } from './progress.js';

/** How long one deck may take to lay out in the browser, unless `--timeout` says otherwise. */
export const defaultTimeoutMs = 60_000;

/** What a caller may say about a run; every key optional (defaults: `runContext`). */
export interface RunOptions {
  /** The folder every relative path of the run is read against (deck, `--out`, `--templates`, `--out FILE`). */
  cwd?: string;
  /** Output root, relative to `cwd`; decks go to `<out>/<deck>/<audience>/`. */
  out?: string;
  log?: Logger;
  progress?: Progress;
  /** Aborting (Ctrl-C) closes the browser and stops the export. */
  signal?: AbortSignal;
  /** How long one deck may take to lay out for print before export gives up. */
  timeoutMs?: number;
  /** PDFs printed at once (default: one per CPU, at least two: defaultJobs). */
  jobs?: number;
  /** Browser executable (else PUPPETEER_EXECUTABLE_PATH, a system Chromium, puppeteer's own). */
  browser?: string;
}

/** A run's options with every default applied, once, here: what the stages below receive. */
export interface RunContext {
  cwd: string;
  /** Absolute. */
  outRoot: string;
  log: Logger;
  progress: Progress;
  signal?: AbortSignal;
  timeoutMs: number;
  jobs: number;
  browser?: string;
}

export function runContext(options: RunOptions = {}): RunContext {
  const cwd = resolve(options.cwd ?? process.cwd());
  return {
    cwd,
    outRoot: resolve(cwd, options.out ?? 'output'),
    log: options.log ?? silentLogger,
    progress: options.progress ?? silentProgress,
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    jobs: Math.max(1, options.jobs ?? defaultJobs()),
    browser: options.browser,
  };
}

/**
 * How many PDFs print at once unless `--jobs` says: one per CPU, at least two. Each print keeps
 * the page's renderer busy while Node drives the next one and finishes the one before. With
 * Chromium's headless shell, on 2 CPUs, the four versions of the sample deck took 1.61 s one
 * at a time, 1.51 s two at a time and 1.45 s three at a time (issue 19, medians of 7-9), a
 * deck and its handout 1.30 s one at a time and 1.11 s two at a time.
 */
export function defaultJobs(cpus = availableParallelism()): number {
  return Math.max(2, cpus);
}
