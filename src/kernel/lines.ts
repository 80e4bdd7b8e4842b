/** How many line breaks `s` holds: a piece's line count, for file:line positions. */
export function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The line number a message from a library (Handlebars: "Parse error on line 4") names, if any. */
export function lineInMessage(message: string): number | undefined {
  const line = Number(/line (\d+)/.exec(message)?.[1]);
  return line > 0 ? line : undefined;
}
