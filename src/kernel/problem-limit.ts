import type { Problem } from './problem.js';

/** How many problems of one kind are listed before the rest are counted instead. */
export const problemsShownPerKind = 50;

/**
 * At most `perKind` problems of each kind (same severity and message once quoted names and
 * numbers are set aside), then one line that counts the rest. 3,000 unknown citations printed
 * 3,000 lines (and 351 MB when each listed every known id); a count says as much.
 */
export function limitProblems(problems: readonly Problem[], perKind = problemsShownPerKind): Problem[] {
  const seen = new Map<string, { count: number; example: Problem }>();
  const kept: Problem[] = [];
  for (const problem of problems) {
    const kind = `${problem.severity} ${kindOf(problem.message)}`;
    const entry = seen.get(kind) ?? { count: 0, example: problem };
    entry.count++;
    seen.set(kind, entry);
    if (entry.count <= perKind) kept.push(problem);
  }
  for (const { count, example } of seen.values()) {
    if (count <= perKind) continue;
    const more = count - perKind;
    const what = example.severity === 'warning' ? 'warning' : 'error';
    kept.push({
      file: example.file,
      severity: example.severity,
      message: `and ${more.toLocaleString('en-US')} more ${what}${more === 1 ? '' : 's'} of this kind (the first ${perKind} are listed): ${kindOf(example.message)}`,
    });
  }
  return kept;
}

/** A message with its particulars (quoted text, parentheses, numbers) taken out: what kind of problem it is. */
function kindOf(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/ \([^()]*\)/g, '')
    .replace(/\d+/g, 'N');
}
