import { BriefdeckError } from '../kernel/problem.js';

/** puppeteer's TimeoutError as briefdeck's export error with `message`; anything else is returned as it is. */
export function timeoutAsError(cause: unknown, message: string): unknown {
  if (cause instanceof Error && cause.name === 'TimeoutError') return new BriefdeckError('export', message, [], { cause });
  return cause;
}
