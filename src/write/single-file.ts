import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { mediaTypeOf } from '../kernel/media-type.js';
import type { OutputFiles } from './output.js';
import { BriefdeckError } from '../kernel/problem.js';

/**
 * One self-contained HTML file, for email: every stylesheet, script, font and image the
 * built deck loads from its folder is written into the page (styles and scripts inline,
 * fonts and images as data: URLs), so it opens offline from an attachment.
 */
export async function singleFileDeck(html: string, files: OutputFiles): Promise<string> {
  const read = async (path: string): Promise<Buffer> => {
    const file = files.get(path);
    if (!file) throw new BriefdeckError('bad-input', `the deck loads ${path}, which the build did not write`);
    if ('text' in file) return Buffer.from(file.text);
    return 'bytes' in file ? Buffer.from(file.bytes) : readFile(file.copyFrom);
  };
  const dataUrl = async (path: string) => `data:${mediaTypeOf(path)};base64,${(await read(path)).toString('base64')}`;
  const local = (url: string) => files.has(url);

  let page = await replaceAsync(html, /<link rel="stylesheet" href="([^"]+)">/g, async (whole, href: string) => {
    if (!local(href)) return whole;
    const css = (await read(href)).toString('utf8');
    const inlined = await replaceAsync(css, /url\((['"]?)([^'")]+)\1\)/g, async (u, _q, ref: string) => {
      const target = posix.normalize(posix.join(posix.dirname(href), ref));
      return local(target) ? `url(${await dataUrl(target)})` : u;
    });
    return `<style>\n${closingTagsEscaped(inlined, 'style')}\n</style>`;
  });
  page = await replaceAsync(page, /<script src="([^"]+)"><\/script>/g, async (whole, src: string) => {
    if (!local(src)) return whole;
    return `<script>\n${closingTagsEscaped((await read(src)).toString('utf8'), 'script')}\n</script>`;
  });
  return replaceAsync(page, /\b(src|href)="([^"#:]+)"/g, async (whole, attr: string, url: string) =>
    local(url) ? `${attr}="${await dataUrl(url)}"` : whole,
  );
}

/** `</script` inside inlined code would end the element early; `<\/script` means the same to JS and CSS. */
function closingTagsEscaped(code: string, tag: string): string {
  return code.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);
}

async function replaceAsync(text: string, pattern: RegExp, replace: (...match: string[]) => Promise<string>): Promise<string> {
  const parts: Promise<string>[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(Promise.resolve(text.slice(last, match.index)), replace(...(match as unknown as string[])));
    last = match.index + match[0].length;
  }
  parts.push(Promise.resolve(text.slice(last)));
  return (await Promise.all(parts)).join('');
}
