import type { Problem } from './problem.js';

/** Where messages go; the CLI passes one in, the library never prints. */
export interface Logger {
  info(message: string): void;
  warn(problem: Problem): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined };
