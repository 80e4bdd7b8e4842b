import { readFile } from 'node:fs/promises';
import { mediaTypeOf } from '../kernel/media-type.js';
import type { OutputFiles } from './output.js';
import { BriefdeckError } from '../kernel/problem.js';
import { closingTagsEscaped, replaceAsync, stylesInlined } from '../render/html/styles-inlined.js';

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

  let page = await stylesInlined(html, async (path) => (local(path) ? read(path) : undefined));
  page = await replaceAsync(page, /<script src="([^"]+)"><\/script>/g, async (whole, src: string) => {
    if (!local(src)) return whole;
    return `<script>\n${closingTagsEscaped((await read(src)).toString('utf8'), 'script')}\n</script>`;
  });
  return replaceAsync(page, /\b(src|href)="([^"#:]+)"/g, async (whole, attr: string, url: string) =>
    local(url) ? `${attr}="${await dataUrl(url)}"` : whole,
  );
}
