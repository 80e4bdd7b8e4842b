import { PDFDict, PDFName } from 'pdf-lib';
import type { PDFDocument } from 'pdf-lib';

/**
 * Structure types Chrome writes that PDF 1.7 (and so PDF/UA-1) does not define, and the
 * standard type each stands for. Without a role map a reader may drop such an element and
 * its text: poppler reported "StructElem object is wrong type (Strong)" and skipped the
 * bold titles of recommendations.
 */
export const roleMap: Record<string, string> = { Strong: 'Span', Em: 'Span' };

/** Adds the role map to the PDF's structure tree root, keeping any entries already there. */
export function writeRoleMap(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  const existing = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  const map = existing ?? doc.context.obj({});
  for (const [type, standard] of Object.entries(roleMap)) {
    if (!map.has(PDFName.of(type))) map.set(PDFName.of(type), PDFName.of(standard));
  }
  if (!existing) root.set(PDFName.of('RoleMap'), map);
}
