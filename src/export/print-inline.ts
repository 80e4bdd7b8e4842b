import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { schemeOf } from '../kernel/safe-url.js';
import { isInside } from '../load/local-file.js';
import { stylesInlined } from '../render/html/styles-inlined.js';

/**
 * The built-in deck page as the browser is given it to print: the staged index.html, its
 * stylesheets and the fonts they name written into it (stylesInlined, as the one-file HTML
 * does), read from the staged folder itself. Chrome then asks for one file where it asked for
 * twelve (four stylesheets, four fonts, three scripts it did not run, the page), each a round
 * trip through the browser's file loader and request blocking: 35-40 ms of CPU a print
 * (issue 19). The page keeps its address in the folder, so what it still loads (images)
 * resolves and is checked as before. The PDF is the same, byte for byte: the same rules in
 * the same order, the same font files.
 */
export async function pageForPrint(htmlFile: string, unused: readonly string[] = []): Promise<string> {
  const folder = resolve(htmlFile, '..');
  // The scripts the print has no use for (revealScripts: the page is laid out without them)
  // are not even named: each was a request to refuse.
  const html = unused.reduce((page, src) => page.replace(`<script src="${src}"></script>`, ''), await readFile(htmlFile, 'utf8'));
  const own = async (path: string): Promise<Buffer | undefined> => {
    // Only the deck's own files: nothing with a scheme, nothing outside the folder.
    const file = join(folder, path);
    if (schemeOf(path) !== undefined || isAbsolute(path) || !isInside(folder, file)) return undefined;
    const bytes = await readFile(file).catch(() => undefined);
    // A stylesheet that imports another is left linked: an @import is read relative to its sheet.
    if (bytes && path.toLowerCase().endsWith('.css') && /@import/i.test(bytes.toString('latin1'))) return undefined;
    return bytes;
  };
  // What a stylesheet names and is not written in (a query or fragment after a file name, a file
  // that is not there, another site) stays where the linked sheet would have found it.
  const page = pathToFileURL(htmlFile).href;
  const elsewhere = (href: string, ref: string) => (ref.startsWith('#') ? ref : new URL(ref, new URL(href, page)).href);
  return stylesInlined(html, own, elsewhere);
}
