import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageForPrint } from '../src/export/print-inline.js';
import { tempDir } from './helpers.js';

/** The built-in deck page as it is printed: its own stylesheets and fonts written in, nothing else changed in meaning. */
describe('the page handed to the browser to print', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let page: string;
  let deck: string;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    deck = join(dir, 'deck');
    await mkdir(join(deck, 'assets/fonts'), { recursive: true });
    await writeFile(join(deck, 'assets/fonts/face.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    await writeFile(join(deck, 'assets/logo.png'), Buffer.from([0x89, 0x50]));
    await writeFile(join(deck, 'assets/fonts/fonts.css'), "@font-face{font-family:'Face';src:url(face.woff2) format('woff2');}\n");
    await writeFile(join(deck, 'assets/theme.css'), '.a{background:url(logo.png)}.b{background:url(logo.png?v=2)}.c{filter:url(#glow)}.d{background:url(https://example.org/x.png)}\n');
    await writeFile(join(deck, 'assets/imports.css'), '@import "theme.css";\n');
    await writeFile(join(dir, 'outside.css'), '.secret{color:red}\n');
    const links = ['assets/fonts/fonts.css', 'assets/theme.css', 'assets/imports.css', '../outside.css', 'assets/missing.css'];
    const scripts = '<script src="assets/reveal/reveal.js"></script><script src="assets/own.js"></script>';
    await writeFile(join(deck, 'index.html'), `<html><head>${links.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}</head><body><img src="assets/logo.png">${scripts}</body></html>`);
    page = await pageForPrint(join(deck, 'index.html'), ['assets/reveal/reveal.js']);
  });
  afterAll(() => cleanup());

  it('writes in the stylesheets of its folder, in their places, with the fonts and images they name', () => {
    expect(page).not.toContain('href="assets/fonts/fonts.css"');
    expect(page).not.toContain('href="assets/theme.css"');
    expect(page).toContain(`url(data:font/woff2;base64,${Buffer.from([0x77, 0x4f, 0x46, 0x32]).toString('base64')})`);
    expect(page).toContain('.a{background:url(data:image/png;base64,');
    // fonts.css comes before theme.css, as the links did: the same cascade.
    expect(page.indexOf("font-family:'Face'")).toBeLessThan(page.indexOf('.a{background'));
    // The page's own markup is left alone (its images load from the folder as before).
    expect(page).toContain('<img src="assets/logo.png">');
  });

  it('names none of the scripts the print has no use for, and every other', () => {
    expect(page).not.toContain('reveal.js');
    expect(page).toContain('<script src="assets/own.js"></script>');
  });

  it('keeps what a stylesheet names and cannot write in where the linked sheet would have found it', () => {
    const assets = pathToFileURL(join(deck, 'assets')).href;
    expect(page).toContain(`.b{background:url("${assets}/logo.png?v=2")}`);
    expect(page).toContain('.c{filter:url(#glow)}');
    expect(page).toContain('.d{background:url(https://example.org/x.png)}');
  });

  it('leaves linked a stylesheet that imports another, one outside the folder, and one that is not there', () => {
    expect(page).toContain('<link rel="stylesheet" href="assets/imports.css">');
    expect(page).toContain('<link rel="stylesheet" href="../outside.css">');
    expect(page).not.toContain('.secret');
    expect(page).toContain('<link rel="stylesheet" href="assets/missing.css">');
  });
});
