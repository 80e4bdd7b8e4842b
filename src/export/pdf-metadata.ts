import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, ParseSpeeds } from 'pdf-lib';

import { markArtifacts } from './pdf-artifacts.js';
import { readPrintedPdf } from './pdf-read.js';
import { deflateWithZlib } from './pdf-deflate.js';
import { writeRoleMap } from './pdf-role-map.js';
import { renumberTagIds } from './pdf-tag-ids.js';
import { describeLinks } from './pdf-links.js';
import { destinationPages, onPages, outlineOf, writeOutline, writePageLabels } from './pdf-outline.js';
import type { PlannedDeck } from '../model.js';
import { formatMarking } from '../load/marking.js';

/** A finished PDF and its page count. */
export interface FinishedPdf {
  pdf: Uint8Array;
  pages: number;
}

/** What a finished PDF says about itself in its document properties. */
export interface PdfDescription {
  title: string;
  author?: string;
  subject: string;
  keywords: string[];
  lang: string;
  /** The deck's as-of date (YYYY-MM-DD): the PDF's creation and modification date. */
  asOf?: string;
  /** "briefdeck 1.2.3": Creator and Producer. */
  generator: string;
}

/** Document properties for one audience version of a deck. Pure. */
export function describePdf(plan: PlannedDeck, generator: string, kind: 'deck' | 'handout' = 'deck'): PdfDescription {
  const { info, audience } = plan;
  const label = audience.label ?? audience.name;
  // Restricted tags (us-only...) say what a version holds back: never listed in its file.
  const restricted = new Set(plan.restrictedTags ?? []);
  const tags = new Set([...info.tags, ...plan.slides.flatMap((s) => (s.kind === 'content' ? s.slide.tags : []))].filter((t) => !restricted.has(t)));
  // The full marking of the version (banner, REL TO, TLP), as every page shows it.
  const marking = plan.marking ? formatMarking(plan.marking) : info.classification;
  return {
    title: kind === 'handout' ? `${info.title} (handout)` : info.title,
    author: info.author ?? info.organisation,
    subject: [label, marking].filter(Boolean).join(' · '),
    // The full marking first, then the author's keywords as written, then the tags this version may carry.
    keywords: [...new Set([...(marking ? [marking] : []), ...(info.keywords ?? []), ...[...tags].sort()])],
    lang: info.lang,
    asOf: info.date,
    generator,
  };
}

/**
 * Finishes a PDF that Chrome printed: document properties, language, bookmarks and page
 * labels, and nothing that depends on the clock or chance, so the same input always gives
 * the same bytes. Chrome's structure tree (tagged PDF) and link annotations are kept;
 * what Chrome drew outside the tags is marked as an artifact, and the structure types it
 * writes beyond PDF 1.7 are role-mapped to standard ones, and the ids of its tags are
 * numbered from 1, whatever the browser printed before.
 */
export async function finishPdf(pdf: Uint8Array, about: PdfDescription, plan?: PlannedDeck, kind: 'deck' | 'handout' = 'deck'): Promise<FinishedPdf> {
  // Read as Chrome wrote it where it can be (pdf-read.ts), else by pdf-lib in full.
  // updateMetadata: false, or pdf-lib stamps its own name and the current time.
  const doc = readPrintedPdf(pdf) ?? (await PDFDocument.load(pdf, readAtOnce));
  doc.setTitle(about.title, { showInWindowTitleBar: true });
  if (about.author) doc.setAuthor(about.author);
  doc.setSubject(about.subject);
  doc.setKeywords(about.keywords);
  doc.setCreator(about.generator);
  doc.setProducer(about.generator);
  doc.setLanguage(about.lang);
  setDates(doc, about.asOf);
  doc.catalog.delete(PDFName.of('Metadata')); // XMP would repeat the dates Chrome chose
  markArtifacts(doc);
  writeRoleMap(doc);
  renumberTagIds(doc);
  if (plan) {
    describeLinks(doc, plan, kind === 'handout');
    writeOutline(doc, kind === 'deck' ? outlineOf(plan) : handoutOutline(doc, plan));
    writePageLabels(doc);
  }
  doc.context.trailerInfo.ID = documentId(doc, about);
  deflateWithZlib();
  return { pdf: await doc.save({ useObjectStreams: true, objectsPerTick: Infinity }), pages: doc.getPageCount() };
}

/**
 * pdf-lib's options for reading a whole PDF in one go. By default it reads 100 objects (and
 * writes 50) at a time and waits for a timer in between, to keep a web page responsive: a
 * tagged 36-page deck has thousands of objects, and those waits took 0.1-0.2 s of the
 * 0.35 s spent finishing it (issue 19). Saving takes `objectsPerTick: Infinity` likewise.
 */
const readAtOnce = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest } as const;

/**
 * The handout's bookmarks: the deck's, each on the page its slide landed on. The handout's
 * contents list links every slide, so Chrome names each slide's place (`handout-<id>`).
 */
function handoutOutline(doc: PDFDocument, plan: PlannedDeck) {
  const named = destinationPages(doc);
  // A house handout without the contents list names no places: no bookmarks, rather than wrong ones.
  if (!plan.slides.some((s) => named.has(`handout-${s.id}`))) return [];
  let last = 0;
  const pages = plan.slides.map((s) => (last = named.get(`handout-${s.id}`) ?? last));
  return onPages(outlineOf(plan), (slide) => pages[slide] ?? 0);
}

function setDates(doc: PDFDocument, asOf: string | undefined): void {
  const date = asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? new Date(`${asOf}T00:00:00Z`) : undefined;
  if (date && !Number.isNaN(date.getTime())) {
    doc.setCreationDate(date);
    doc.setModificationDate(date);
    return;
  }
  // No as-of date: no dates at all rather than the clock's.
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info?.delete(PDFName.of('CreationDate'));
  info?.delete(PDFName.of('ModDate'));
}

/** The file identifier: a hash of what the PDF is, so it is stable across exports. */
function documentId(doc: PDFDocument, about: PdfDescription): PDFArray {
  const hash = createHash('md5')
    .update(JSON.stringify(about))
    .update(String(doc.getPageCount()))
    .digest('hex');
  return doc.context.obj([PDFHexString.of(hash), PDFHexString.of(hash)]);
}
