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

/** Splits `text {attrs}` at a trailing brace group; `attrs` is undefined when there is none. */
export function splitTrailingAttributes(text: string): { text: string; attrs?: string } {
  const m = /^(.*?)\s*\{([^{}]*)\}\s*$/s.exec(text);
  if (!m || m[2] === undefined || !/[#.=\w]/.test(m[2])) return { text };
  return { text: m[1] ?? '', attrs: m[2] };
}
