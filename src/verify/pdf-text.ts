import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BriefdeckError, firstLine } from '../kernel/problem.js';

const run = promisify(execFile);

/**
 * A PDF read back as a reader gets it: the text of every page, every entry of the document
 * properties (the Info dictionary, custom entries too), and every bookmark title, nested ones
 * included. MuPDF reads it, through `mutool run` and the script below: one process a PDF.
 *
 * It was poppler-utils, three programs a PDF (pdftotext, pdfinfo, pdftohtml for the
 * bookmarks): 45 ms of CPU for the sample's 28-page public version where MuPDF takes 20 ms,
 * three processes forked from Node where this is one (issue 19). MuPDF also keeps words
 * apart that pdftotext glued together across a line end ("defence" and "production" read
 * as "defenceproduction", a hyphenated "U.S.-Japan-" and "Philippines" as "JapanPhilippines"),
 * so a dropped slide's phrase split that way is no longer missed. The tests read every PDF
 * with poppler-utils: the two engines check each other.
 */
export async function readPdfText(path: string): Promise<string[]> {
  // The script and the page text it writes live in a folder of this read's own (mkdtemp: only this user can open it).
  const folder = await mkdtemp(join(tmpdir(), 'briefdeck-read-'));
  try {
    const script = join(folder, 'read-pdf.js');
    const pages = join(folder, 'pages.txt');
    await writeFile(script, readerScript);
    const { stdout } = await mutool(['run', script, path, pages], path);
    // The properties, then the bookmarks: every part is kept, should a title hold the separator itself.
    return [await readFile(pages, 'utf8'), ...stdout.split(recordSeparator)];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Between the document properties and the bookmarks in what the script prints. */
const recordSeparator = '\u001e';

/**
 * The reading, in MuPDF's JavaScript (mujs, ES5). The pages go through MuPDF's own text
 * output, written to the file named second (a C writer: a script walking every character
 * took half as long again). Written for MuPDF 1.21 (Debian 12) and what later versions renamed:
 * Document.openDocument for `new Document`, Matrix.identity for Identity, and the order of the
 * arguments PDFObject.forEach passes. A PDF it cannot open stops it with an error (exit 1).
 */
const readerScript = String.raw`
var path = scriptArgs[0], pagesFile = scriptArgs[1];
var doc = typeof Document.openDocument === "function" ? Document.openDocument(path) : new Document(path);
var identity = typeof Identity !== "undefined" ? Identity : Matrix.identity;
var writer = new DocumentWriter(pagesFile, "text", "");
for (var i = 0, n = doc.countPages(); i < n; i++) {
  var page = doc.loadPage(i);
  var device = writer.beginPage(page.bound());
  page.run(device, identity);
  writer.endPage();
}
writer.close();
var properties = [];
var info = doc.isPDF() ? doc.getTrailer().get("Info") : null;
if (info && info.isDictionary()) {
  info.forEach(function (a, b) {
    var key = typeof a === "string" ? a : b, value = typeof a === "string" ? b : a;
    properties.push(key + ": " + (value.isString() ? value.asString() : value.toString()));
  });
}
var titles = [];
function bookmarks(items) {
  for (var j = 0; items && j < items.length; j++) {
    titles.push(items[j].title || "");
    bookmarks(items[j].down);
  }
}
bookmarks(doc.loadOutline());
print(properties.join("\n") + "\u001e" + titles.join("\n"));
`;

/** What `mutool` prints reading `pdf`; a missing mutool is an environment error saying how to install it. */
async function mutool(args: string[], pdf: string): Promise<{ stdout: string }> {
  try {
    return await run('mutool', args, { maxBuffer: 256 * 1024 * 1024 });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new BriefdeckError('environment', 'the leak scan reads PDFs back with mutool (MuPDF), and it is not installed (Debian/Ubuntu: apt-get install mupdf-tools; macOS: brew install mupdf-tools; or scripts/install-system-deps)', [], { cause });
    }
    // MuPDF says why it stopped on a line of its own ("error: no objects found"): that, not the whole command line.
    const said = String((cause as { stderr?: unknown }).stderr ?? '').split('\n').find((line) => /^error:/i.test(line.trim()));
    throw new BriefdeckError('export', `${pdf}: MuPDF could not read the PDF back for the leak scan: ${said?.trim().replace(/^error:\s*/i, '') ?? firstLine(cause)}`, [], { cause });
  }
}
