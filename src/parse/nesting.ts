import type { Problems } from '../kernel/problem.js';

/** Deeper than any slide needs; marked recurses per level and would overflow the stack. */
export const maxNesting = 50;

/**
 * Refuses a brief whose lists or quotes nest deeper than `maxNesting`, naming the first
 * line that does, before marked is asked to read it. Counts quote and list markers at
 * the start of a line and indentation (two columns a level). Pure and linear.
 */
export function checkNesting(body: string, bodyLine: number, file: string, problems: Problems): boolean {
  let line = bodyLine;
  let start = 0;
  while (start <= body.length) {
    const end = body.indexOf('\n', start);
    const depth = nestingOf(body, start, end < 0 ? body.length : end);
    if (depth > maxNesting) {
      problems.error(file, line, `lists or quotes nested about ${depth} levels deep; briefdeck reads at most ${maxNesting}`);
      return false;
    }
    if (end < 0) break;
    start = end + 1;
    line++;
  }
  return true;
}

function nestingOf(text: string, from: number, to: number): number {
  let depth = 0;
  let columns = 0;
  let i = from;
  while (i < to) {
    const c = text[i];
    // Indentation nests only before the first marker; after it, spaces just separate.
    if (c === ' ') columns += depth === 0 ? 1 : 0;
    else if (c === '\t') columns += depth === 0 ? 4 : 0;
    else if (c === '>') depth++;
    else if ((c === '-' || c === '*' || c === '+') && (text[i + 1] === ' ' || text[i + 1] === '\t')) depth++;
    else if (c !== undefined && c >= '0' && c <= '9') {
      let j = i;
      while (j < to && j - i < 9 && (text[j] ?? '') >= '0' && (text[j] ?? '') <= '9') j++;
      if ((text[j] === '.' || text[j] === ')') && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
        depth++;
        i = j;
      } else break;
    } else break;
    i++;
  }
  return depth + Math.floor(columns / 2);
}
