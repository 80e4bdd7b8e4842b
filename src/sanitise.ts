import sanitizeHtml from 'sanitize-html';

/**
 * Raw HTML in a brief is untrusted: only a small, documented subset of inline markup
 * survives; scripts, event handlers, styles, frames, forms and script URLs never do.
 */
export const allowedHtml: sanitizeHtml.IOptions = {
  allowedTags: ['br', 'sup', 'sub', 'kbd', 'span', 'strong', 'em', 'b', 'i', 'u', 's', 'small', 'mark', 'abbr', 'cite', 'q', 'code', 'wbr', 'div', 'p', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { span: ['class', 'lang'], div: ['class', 'lang'], abbr: ['title'], a: ['href', 'title'], p: ['class'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  allowedClasses: { span: [/^[\w-]+$/], div: [/^[\w-]+$/], p: [/^[\w-]+$/] },
};

export function sanitise(html: string): string {
  return sanitizeHtml(html, allowedHtml);
}
