import { limitProblems } from './problem-limit.js';

/** A problem found in the user's input, always tied to a file and (where known) a line. */
export interface Problem {
  file: string;
  line?: number;
  message: string;
  severity: 'error' | 'warning';
}

/** Exit codes of the CLI contract (DESIGN.md). */
export const ExitCode = { ok: 0, badInput: 1, usage: 2, environment: 3, interrupted: 130 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The first line of an error's message: what a user is shown of a library's multi-line error. */
export function firstLine(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.split('\n')[0] ?? message;
}

export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `${where}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

/**
 * The one error type of briefdeck. `bad-input` carries every problem found, so a run
 * reports them all together; `environment` means the machine lacks something (a browser).
 */
export class BriefdeckError extends Error {
  constructor(
    readonly code: 'bad-input' | 'environment' | 'usage' | 'export' | 'interrupted',
    message: string,
    readonly problems: Problem[] = [],
    options?: { cause?: unknown; summary?: boolean },
  ) {
    super(message, options);
    this.name = 'BriefdeckError';
    this.summary = options?.summary ?? false;
  }

  /** The message is a closing line for the problems (printed after them), not their restatement. */
  readonly summary: boolean;

  /** Carries the problems bounded: at most 50 of a kind, then a count (problem-limit.ts). */
  static badInput(all: Problem[]): BriefdeckError {
    const problems = limitProblems(all);
    const errors = problems.filter((p) => p.severity === 'error');
    return new BriefdeckError('bad-input', errors.map(formatProblem).join('\n'), problems);
  }
}

/** Collects problems during a stage; throws once at the end if any are errors. */
export class Problems {
  readonly list: Problem[] = [];

  error(file: string, line: number | undefined, message: string): void {
    this.list.push({ file, line, message, severity: 'error' });
  }

  warn(file: string, line: number | undefined, message: string): void {
    this.list.push({ file, line, message, severity: 'warning' });
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  get errorCount(): number {
    return this.list.filter((p) => p.severity === 'error').length;
  }

  /** Adds the problems a stage threw as a bad-input error; any other error is rethrown. */
  caught<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof BriefdeckError) || error.code !== 'bad-input' || !error.problems.length) throw error;
      this.list.push(...error.problems);
      return undefined;
    }
  }

  /** The warnings, at most 50 of a kind and then a count (problem-limit.ts). */
  get warnings(): Problem[] {
    return limitProblems(this.list.filter((p) => p.severity === 'warning'));
  }

  /** Throws a bad-input error carrying every problem so far, if any is an error, in reading order. */
  throwIfErrors(): void {
    if (this.hasErrors) throw BriefdeckError.badInput(inReadingOrder(this.list));
  }
}

/**
 * Files in the order they were first reported (the manifest, then briefs as listed),
 * and each file's problems by line, so a report reads top to bottom.
 */
function inReadingOrder(problems: Problem[]): Problem[] {
  const fileOrder = new Map<string, number>();
  for (const p of problems) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
  // Array.prototype.sort is stable: problems on one line keep the order they were found in.
  return [...problems].sort((a, b) => fileOrder.get(a.file)! - fileOrder.get(b.file)! || (a.line ?? 0) - (b.line ?? 0));
}
