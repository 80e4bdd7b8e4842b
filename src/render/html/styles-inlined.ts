import { posix } from 'node:path';
import { mediaTypeOf } from '../../kernel/media-type.js';

/**
 * The page with every stylesheet it links from its own folder written into it: a `<style>` in
 * the link's place (the same order, so the same cascade), and the fonts and images each names
 * as data: URLs. `read` gives a file of the folder by its path there, or undefined for one
 * that is not the deck's own: its link stays as it is, and its `url()` as `elsewhere` gives
 * it (a URL relative to the stylesheet would otherwise be read relative to the page).
 */
export async function stylesInlined(html: string, read: (path: string) => Promise<Buffer | undefined>, elsewhere: (href: string, ref: string) => string = (_, ref) => ref): Promise<string> {
  return replaceAsync(html, /<link rel="stylesheet" href="([^"]+)">/g, async (whole, href: string) => {
    const css = (await read(href))?.toString('utf8');
    if (css === undefined) return whole;
    const inlined = await replaceAsync(css, /url\((['"]?)([^'")]+)\1\)/g, async (u, _q, ref: string) => {
      const target = posix.normalize(posix.join(posix.dirname(href), ref));
      const bytes = await read(target);
      if (bytes) return `url(data:${mediaTypeOf(target)};base64,${bytes.toString('base64')})`;
      const kept = elsewhere(href, ref);
      return kept === ref ? u : `url("${kept}")`;
    });
    return `<style>\n${closingTagsEscaped(inlined, 'style')}\n</style>`;
  });
}

/** `</script` inside inlined code would end the element early; `<\/script` means the same to JS and CSS. */
export function closingTagsEscaped(code: string, tag: string): string {
  return code.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);
}

/** `text` with each match of `pattern` replaced by what `replace` resolves to, all asked at once. */
export async function replaceAsync(text: string, pattern: RegExp, replace: (...match: string[]) => Promise<string>): Promise<string> {
  const parts: Promise<string>[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(Promise.resolve(text.slice(last, match.index)), replace(...(match as unknown as string[])));
    last = match.index + match[0].length;
  }
  parts.push(Promise.resolve(text.slice(last)));
  return (await Promise.all(parts)).join('');
}
