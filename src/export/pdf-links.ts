import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import type { PlannedDeck } from '../model.js';

/**
 * Gives every link in the PDF a description (the annotation's `/Contents`, which PDF/UA
 * requires and screen readers announce): a citation says which source it leads to, an
 * agenda entry which slide, a web link its address. Chrome writes links without one, so a
 * citation was announced as just "link, 3".
 */
export function describeLinks(doc: PDFDocument, plan: PlannedDeck, handout = false): void {
  const places = linkPlaces(plan, handout);
  for (const page of doc.getPages()) {
    for (const ref of page.node.Annots()?.asArray() ?? []) {
      const link = doc.context.lookup(ref);
      if (!(link instanceof PDFDict) || link.get(PDFName.of('Subtype')) !== PDFName.of('Link') || link.has(PDFName.of('Contents'))) continue;
      const description = describe(link, places);
      if (description) link.set(PDFName.of('Contents'), PDFHexString.fromText(description));
    }
  }
}

/** What each named place in the deck is: source entries and slides, by the element id Chrome named the destination after. */
function linkPlaces(plan: PlannedDeck, handout: boolean): Map<string, string> {
  const places = new Map<string, string>();
  for (const s of plan.slides) {
    places.set(s.id, `Slide: ${s.title}`);
    if (handout) places.set(`handout-${s.id}`, `Slide: ${s.title}`);
  }
  for (const { number, source } of plan.sources) places.set(`source-${source.id}`, `Source ${number}: ${source.title}`);
  return places;
}

function describe(link: PDFDict, places: Map<string, string>): string | undefined {
  const dest = link.get(PDFName.of('Dest'));
  if (dest instanceof PDFName) return places.get(dest.decodeText());
  if (dest instanceof PDFString) return places.get(dest.decodeText());
  const action = link.lookupMaybe(PDFName.of('A'), PDFDict);
  const uri = action?.lookup(PDFName.of('URI'));
  if (uri instanceof PDFString) return `Link to ${uri.decodeText()}`;
  return undefined;
}
