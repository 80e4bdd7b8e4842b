/**
 * URLs a brief may link to: web pages, mail, in-deck anchors and relative paths. Script
 * URLs (`javascript:`, `vbscript:`), `data:` and anything else with a scheme are refused,
 * also when disguised with entities, control characters or mixed case.
 */
const allowedSchemes = new Set(['http', 'https', 'mailto']);

const scheme = /^([a-z][a-z0-9+.-]*):/i;

/** The scheme of a URL (`https`, `data`...), or undefined for a path. */
export function schemeOf(href: string): string | undefined {
  return scheme.exec(href)?.[1]?.toLowerCase();
}

/** The URL if it is safe to put in an href or src, else undefined. */
export function safeUrl(href: string): string | undefined {
  const plain = decodeEntities(href)
    // Browsers ignore these inside a scheme: "java\tscript:" is "javascript:".
    .replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200d\ufeff]/g, '')
    .toLowerCase();
  if (plain.startsWith('//') || plain.startsWith('\\\\') || plain.startsWith('/\\') || plain.startsWith('\\/')) return undefined;
  const written = schemeOf(plain);
  if (written === undefined) return href;
  return allowedSchemes.has(written) ? href : undefined;
}

/** True for an http(s) or protocol-relative URL: something a browser would fetch from elsewhere. */
export function isRemoteUrl(href: string): boolean {
  return /^\s*(?:https?:)?\/\//i.test(decodeEntities(href));
}

const named: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', sol: '/', lpar: '(', rpar: ')', amp: '&' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] !== '#') return named[body.toLowerCase()] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}
