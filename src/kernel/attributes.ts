/**
 * Pandoc-style attributes written in braces after a heading or a list item:
 * `{#id .class key=value key="quoted value" flag}`.
 */
export interface Attributes {
  id?: string;
  classes: string[];
  values: Map<string, string>;
  flags: string[];
}

const attributeToken = /\s*(?:#([\w:.-]+)|\.([\w-]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"'}]+))|([\w-]+))/y;

/** Parses the inside of `{...}`; returns an error message for anything it cannot read. */
export function parseAttributes(inside: string): Attributes | string {
  const attrs: Attributes = { classes: [], values: new Map(), flags: [] };
  const rest = inside.trim();
  let pos = 0;
  while (pos < rest.length) {
    attributeToken.lastIndex = pos;
    const m = attributeToken.exec(rest);
    if (!m) return `cannot read attribute "${rest.slice(pos).trim()}" (write {#id .tag key=value key="two words"})`;
    pos = attributeToken.lastIndex;
    const [, id, cls, key, dq, sq, bare, flag] = m;
    if (id !== undefined) attrs.id = id;
    else if (cls !== undefined) attrs.classes.push(cls);
    else if (key !== undefined) {
      if (attrs.values.has(key)) return `attribute "${key}" is given twice`;
      attrs.values.set(key, dq ?? sq ?? bare ?? '');
    } else if (flag !== undefined) attrs.flags.push(flag);
  }
  return attrs;
}

/**
 * Splits `text {attrs}` at a trailing brace group; `attrs` is undefined when there is none.
 * Found with lastIndexOf, not a regex: `(.*?)\s*\{` backtracked over every space of a long
 * run before the brace (quadratic; 100,000 spaces took 30 s).
 */
export function splitTrailingAttributes(text: string): { text: string; attrs?: string } {
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith('}')) return { text };
  const open = trimmed.lastIndexOf('{');
  const inside = open < 0 ? undefined : trimmed.slice(open + 1, -1);
  if (inside === undefined || inside.includes('}') || !/[#.=\w]/.test(inside)) return { text };
  return { text: trimmed.slice(0, open).trimEnd(), attrs: inside };
}

/**
 * A heading's text without an ATX closing sequence (`## Title ##`): the `#`s are dropped
 * only when a space or tab comes before them. Linear, unlike /[ \t]+#+$/ on a long run.
 */
export function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === text.length || end === 0 || (text[end - 1] !== ' ' && text[end - 1] !== '\t')) return text;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(0, end);
}
