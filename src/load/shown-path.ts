import { relative } from 'node:path';

/** A file as problems name it: relative to the run's working directory when inside it, else absolute. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}
