import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, type PDFDocument } from 'pdf-lib';
import type { PlannedDeck } from '../model.js';

/** One bookmark: a title, the page (0-based) it opens, and bookmarks under it. */
export interface OutlineItem {
  title: string;
  page: number;
  children: OutlineItem[];
}

/**
 * The deck's bookmarks, from the plan (Chrome's own outline finds almost nothing in a
 * reveal.js deck): sections hold their slides, the appendix holds the backup slides.
 * Pages are slides, one each, so a slide's index is its page. Pure.
 */
export function outlineOf(plan: PlannedDeck): OutlineItem[] {
  const top: OutlineItem[] = [];
  let section: { title: string; item: OutlineItem } | undefined;
  let appendix: OutlineItem | undefined;
  plan.slides.forEach((planned, page) => {
    const item: OutlineItem = { title: planned.title, page, children: [] };
    if (planned.backup) {
      appendix ??= pushed(top, { title: 'Appendix', page, children: [] });
      appendix.children.push(item);
    } else if (planned.kind === 'content' && planned.slide.kind === 'section') {
      section = { title: planned.title, item: pushed(top, item) };
    } else if (planned.kind === 'content' && section && planned.slide.section === section.title) {
      section.item.children.push(item);
    } else {
      section = undefined;
      top.push(item);
    }
  });
  return top;
}

/**
 * The same bookmarks on other pages: `pageOf` maps a slide's index to the page it is
 * printed on (the handout holds up to two slides a page). Pure.
 */
export function onPages(items: OutlineItem[], pageOf: (slide: number) => number): OutlineItem[] {
  return items.map((item) => ({ ...item, page: pageOf(item.page), children: onPages(item.children, pageOf) }));
}

/**
 * The page (0-based) of each named destination Chrome wrote: one per element that an
 * internal link points at (`<a href="#handout-bluf">`), found in the catalog's /Dests.
 */
export function destinationPages(doc: PDFDocument): Map<string, number> {
  const found = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return found;
  const pages = doc.getPages().map((p) => p.ref);
  for (const [name, value] of dests.entries()) {
    const dest = doc.context.lookup(value);
    const array = dest instanceof PDFDict ? dest.lookupMaybe(PDFName.of('D'), PDFArray) : dest instanceof PDFArray ? dest : undefined;
    const ref = array?.get(0);
    const page = ref instanceof PDFRef ? pages.findIndex((p) => p === ref || p.toString() === ref.toString()) : -1;
    if (page >= 0) found.set(decodeName(name.asString()), page);
  }
  return found;
}

/** A PDF name as written (`/handout-bluf`, with #xx escapes) back to the element id. */
function decodeName(name: string): string {
  return name.replace(/^\//, '').replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function pushed(list: OutlineItem[], item: OutlineItem): OutlineItem {
  list.push(item);
  return item;
}

/** Writes bookmarks into the PDF and opens it with the bookmarks panel shown. */
export function writeOutline(doc: PDFDocument, items: OutlineItem[]): void {
  if (items.length === 0) return;
  const context = doc.context;
  const pages = doc.getPages().map((p) => p.ref);
  const root = context.nextRef();
  const { first, last } = writeLevel(doc, items, root, pages);
  context.assign(root, context.obj({ Type: 'Outlines', First: first, Last: last, Count: items.length }));
  doc.catalog.set(PDFName.of('Outlines'), root);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

function writeLevel(doc: PDFDocument, items: OutlineItem[], parent: PDFRef, pages: PDFRef[]): { first: PDFRef; last: PDFRef } {
  const context = doc.context;
  const refs = items.map(() => context.nextRef());
  items.forEach((item, i) => {
    const dict = context.obj({}) as PDFDict;
    dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
    dict.set(PDFName.of('Parent'), parent);
    dict.set(PDFName.of('Dest'), context.obj([pages[Math.min(item.page, pages.length - 1)]!, PDFName.of('Fit')]));
    if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
    if (item.children.length) {
      const { first, last } = writeLevel(doc, item.children, refs[i]!, pages);
      dict.set(PDFName.of('First'), first);
      dict.set(PDFName.of('Last'), last);
      // Negative: the section starts closed, so the panel opens as a short table of contents.
      dict.set(PDFName.of('Count'), PDFNumber.of(-item.children.length));
    }
    context.assign(refs[i]!, dict);
  });
  return { first: refs[0]!, last: refs[refs.length - 1]! };
}

/** Page labels 1, 2, 3... so a viewer's page box shows the number printed on the slide. */
export function writePageLabels(doc: PDFDocument): void {
  const labels = doc.context.obj({ Nums: [0, { S: 'D', St: 1 }] });
  doc.catalog.set(PDFName.of('PageLabels'), labels);
}
