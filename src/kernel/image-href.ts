import { basename } from 'node:path';
import { crypto } from './crypto.js';
import { schemeOf } from './safe-url.js';

/** Whether an image reference names a file beside the brief (not a URL or data). */
export function isLocalImage(href: string): boolean {
  return schemeOf(href) === undefined && !href.startsWith('//') && !href.startsWith('#');
}

/** Where a local image goes in the built deck: a name unique to what the brief wrote. */
export function imageAssetPath(href: string): string {
  const hash = crypto().createHash('sha1').update(href).digest('hex').slice(0, 8);
  return `assets/images/${hash}-${basename(href).replace(/[^\w.-]/g, '_')}`;
}

/** A brief's image path with %-escapes undone; a malformed escape is kept as written. */
export function decodeHref(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}
