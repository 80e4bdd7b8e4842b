import JSZip from 'jszip';
import { formatMarking } from '../../load/marking.js';
import type { PlannedDeck } from '../../model.js';

/**
 * Finishes the package pptxgenjs wrote, so the same plan gives the same bytes and the
 * file opens cleanly in PowerPoint:
 * - document properties (title, author, subject = the full marking, keywords, the as-of
 *   date as created/modified) instead of the clock;
 * - every zip entry dated the as-of date (or 1 January 2000 for an undated deck);
 * - East Asian text in the theme's Japanese typeface;
 * - one paragraph-properties element per paragraph (pptxgenjs repeats it per run, which
 *   PowerPoint reports as needing repair), and speaker notes split into paragraphs.
 */
export async function finishPackage(bytes: Uint8Array, plan: PlannedDeck, generator: string, eastAsianFont: string): Promise<Uint8Array> {
  const zip = await numberChartsFromOne(await JSZip.loadAsync(bytes));
  const asOf = asOfDate(plan.info.date);
  zip.file('docProps/core.xml', coreProperties(plan, asOf, generator));
  for (const path of Object.keys(zip.files)) {
    if (!/^ppt\/(slides|slideLayouts|slideMasters|notesSlides)\/[^/]+\.xml$/.test(path)) continue;
    let xml = await zip.file(path)!.async('string');
    xml = oneParagraphProperties(xml);
    // East Asian text in the theme's Japanese face (charset 128: Office substitutes a Japanese Gothic).
    xml = xml.replace(/<a:ea typeface="[^"]*" pitchFamily="34" charset="-122"\/>/g, `<a:ea typeface="${eastAsianFont.replace(/[<&"]/g, '')}" pitchFamily="34" charset="-128"/>`);
    if (path.startsWith('ppt/notesSlides/')) xml = notesParagraphs(xml);
    // A master's slide-number field shows PowerPoint's own marker, not a number (or "null").
    if (/^ppt\/(slideLayouts|slideMasters)\//.test(path)) xml = xml.replace(/(<a:fld\b[^>]*type="slidenum">(?:(?!<\/a:fld>)[\s\S])*?<a:t>)[^<]*(<\/a:t>)/g, '$1\u2039#\u203a$2');
    zip.file(path, xml);
  }
  const date = asOf ?? new Date(Date.UTC(2000, 0, 1));
  // A chart's data travels as an Excel workbook (Edit Data opens it): a zip of its own, dated the same way.
  for (const path of Object.keys(zip.files).filter((p) => /^ppt\/embeddings\/[^/]+\.xlsx$/.test(p))) {
    zip.file(path, await stableWorkbook(await zip.file(path)!.async('uint8array'), date, generator));
  }
  zip.forEach((_, entry) => {
    entry.date = date;
  });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}

/**
 * pptxgenjs numbers charts (and their workbooks) with a counter shared by every file the
 * process writes: the second PowerPoint's first chart would be chart2.xml. Renumbered from 1
 * in the order written, every reference with them, so the same plan gives the same bytes.
 */
async function numberChartsFromOne(zip: JSZip): Promise<JSZip> {
  const numbers = Object.keys(zip.files)
    .map((path) => /^ppt\/charts\/chart(\d+)\.xml$/.exec(path)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  if (!numbers.length) return zip;
  const renumber = new Map(numbers.map((n, i) => [n, String(i + 1)]));
  const rename = (text: string) =>
    text.replace(/\b(chart|Microsoft_Excel_Worksheet)(\d+)(\.xml|\.xlsx)/g, (whole, name: string, n: string, ext: string) => (renumber.has(n) ? `${name}${renumber.get(n)}${ext}` : whole));
  const out = new JSZip();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const path = /^ppt\/(charts|embeddings)\//.test(entry.name) ? rename(entry.name) : entry.name;
    // Parts refer to charts and workbooks only through relationships and the content types.
    if (/\.rels$/.test(entry.name) || entry.name === '[Content_Types].xml') out.file(path, rename(await entry.async('string')));
    else out.file(path, await entry.async('uint8array'));
  }
  return out;
}

/** An embedded workbook with its properties and entries dated `date`, not the clock. */
async function stableWorkbook(bytes: Uint8Array, date: Date, generator: string): Promise<Uint8Array> {
  const book = await JSZip.loadAsync(bytes);
  const core = book.file('docProps/core.xml');
  if (core) {
    const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const x = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    book.file(
      'docProps/core.xml',
      (await core.async('string'))
        .replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*/g, `$1${when}`)
        .replace(/(<(?:dc:creator|cp:lastModifiedBy)>)[^<]*/g, `$1${x(generator)}`),
    );
  }
  book.forEach((_, entry) => {
    entry.date = date;
  });
  return book.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}

/** The deck's as-of date as a moment (a `2024-06` date is its first day); undefined when undated. */
function asOfDate(date: string | undefined): Date | undefined {
  const m = date ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1))) : undefined;
}

function coreProperties(plan: PlannedDeck, asOf: Date | undefined, generator: string): string {
  const info = plan.info;
  const x = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const author = info.author ?? info.organisation ?? '';
  const subject = plan.marking ? formatMarking(plan.marking) : '';
  const when = asOf ? asOf.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
  const label = plan.audience.label ?? plan.audience.name;
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${x(info.title)}</dc:title>`,
    `<dc:subject>${x(subject)}</dc:subject>`,
    `<dc:creator>${x(author)}</dc:creator>`,
    `<cp:keywords>${x(info.tags.join(', '))}</cp:keywords>`,
    `<dc:description>${x(`${label}. Made by ${generator} from the deck's briefs.`)}</dc:description>`,
    `<dc:language>${x(info.lang)}</dc:language>`,
    `<cp:lastModifiedBy>${x(generator)}</cp:lastModifiedBy>`,
    '<cp:revision>1</cp:revision>',
    `<cp:category>${x(label)}</cp:category>`,
    when ? `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` : '',
    '</cp:coreProperties>',
  ].join('');
}

/** Keeps the first `<a:pPr>` of each paragraph (the one at its start) and drops the repeats. */
export function oneParagraphProperties(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (_, inner: string) => {
    let kept = false;
    const body = inner.replace(/<a:pPr\b(?:[^>]*\/>|[^>]*>[\s\S]*?<\/a:pPr>)/g, (pPr: string, offset: number) => {
      if (offset === 0 && !kept) {
        kept = true;
        return pPr;
      }
      return '';
    });
    return `<a:p>${body}</a:p>`;
  });
}

/** pptxgenjs puts all notes in one run; each line becomes its own paragraph, as typed in PowerPoint. */
function notesParagraphs(xml: string): string {
  return xml.replace(/<a:p><a:r><a:rPr lang="en-US" dirty="0"\/><a:t>([^<]*\n[^<]*)<\/a:t><\/a:r>/, (_, text: string) =>
    text
      .split(/\r?\n/)
      .map((line, i, all) => `<a:p><a:r><a:rPr lang="en-US" dirty="0"/><a:t>${line}</a:t></a:r>${i < all.length - 1 ? '</a:p>' : ''}`)
      .join(''),
  );
}
