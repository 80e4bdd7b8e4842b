import sanitizeHtml from 'sanitize-html';

/**
 * A brief's markdown is rendered to HTML and the whole result passes through this
 * allow-list (sanitising each raw-HTML token alone would split `x<sup>2</sup>` apart).
 * Survives: what markdown itself produces, plus a small documented inline subset.
 * Never survives: scripts, event handlers, `style`, frames, objects, embeds, forms,
 * `<meta>`, `<base>`, `<link>`, SVG/MathML, and any URL but http(s), mailto, relative.
 */
const markdownTags = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li',
  'strong', 'em', 'del', 'code', 'pre', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input',
];

/** The raw-HTML subset a brief may use on top of markdown (README, Security). */
const safeSubset = ['sup', 'sub', 'kbd', 'span', 'div', 'b', 'i', 'u', 's', 'small', 'mark', 'abbr', 'cite', 'q', 'wbr', 'dl', 'dt', 'dd'];

/** Class names: words, but not `bd-…`, which the theme uses for markings and frames. */
const userClass = /^(?!bd-)[A-Za-z][\w-]*$/;

export const allowedHtml: sanitizeHtml.IOptions = {
  allowedTags: [...markdownTags, ...safeSubset],
  allowedAttributes: {
    // data-source: the source id a citation link points at (the PDF links it to its entry).
    a: ['href', 'title', 'class', 'data-source'],
    img: ['src', 'alt', 'title', 'class'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
    input: ['type', 'checked', 'disabled'],
    code: ['class'],
    abbr: ['title'],
    '*': ['class', 'lang'],
  },
  allowedClasses: { '*': [userClass] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // The content of these is never text a reader should see.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'title'],
  transformTags: {
    // Task-list boxes only: an <input> can never become a form field.
    input: (_tag, attribs) => ({ tagName: 'input', attribs: { ...attribs, disabled: '' } }),
    // An absolute path would load from the disk of whoever opens the HTML: dropped (a brief's
    // images are written as markdown, checked and copied with the deck).
    img: (_tag, attribs) => ({ tagName: 'img', attribs: isAbsolutePath(attribs.src) ? omit(attribs, 'src') : attribs }),
  },
  exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.type !== 'checkbox',
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

/** `/x`, `\\x` or `C:\\x`: a path on the reader's own disk, not one beside the deck. */
export function isAbsolutePath(src: string | undefined): boolean {
  return src !== undefined && /^\s*(?:[/\\]|[a-z]:[/\\])/i.test(src);
}

function omit(attribs: sanitizeHtml.Attributes, name: string): sanitizeHtml.Attributes {
  const { [name]: _, ...rest } = attribs;
  return rest;
}

/**
 * Sanitised HTML by its input, for the HTML seen again: a slide is the same in most audience
 * versions and in the handout. Bounded, since `serve` runs for hours.
 */
const recent = new Map<string, string>();
const recentLimit = 5_000;

export function sanitise(html: string): string {
  const known = recent.get(html);
  if (known !== undefined) return known;
  const clean = sanitizeHtml(html, allowedHtml);
  if (recent.size >= recentLimit) recent.clear();
  recent.set(html, clean);
  return clean;
}
