import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

/** The ids Chrome gives tags that others point at (a table's header cells): `node` and a number. */
const chromeId = /^node(\d+)$/;

/**
 * Numbers the ids of a PDF's tags 1, 2, 3... in the order Chrome numbered them. Chrome names
 * each header cell's tag after the page element it was printed from (`/ID (node00000315)`),
 * and the data cells' `/Headers` and the structure tree's id index point at it; that number
 * counts every element the browser's page made before, so the same version printed after
 * another (four audiences in one run) came out with other ids, and other bytes, than printed
 * alone. Renumbered, a PDF is the same whatever was printed before it. Only ids of tags are
 * renumbered, everywhere they are written; their order, which the index is sorted by, is kept.
 */
export function renumberTagIds(doc: PDFDocument): void {
  const found = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('StructElem')) continue;
    const id = textOf(object.get(PDFName.of('ID')));
    if (id !== undefined && chromeId.test(id)) found.add(id);
  }
  if (found.size === 0) return;
  const width = Math.max(...[...found].map((id) => id.length - 'node'.length));
  const order = [...found].sort((a, b) => Number(chromeId.exec(a)![1]) - Number(chromeId.exec(b)![1]));
  const renamed = new Map(order.map((id, i) => [id, PDFString.of(`node${String(i + 1).padStart(width, '0')}`)]));
  const rename = (value: PDFObject | undefined): PDFObject | undefined => {
    const text = textOf(value);
    return text === undefined ? undefined : renamed.get(text);
  };
  const visit = (object: PDFObject | undefined, seen: Set<PDFObject>): void => {
    if (object === undefined || seen.has(object)) return;
    seen.add(object);
    if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const replaced = rename(value);
        if (replaced) object.set(key, replaced);
        else visit(value, seen);
      }
    } else if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i++) {
        const replaced = rename(object.get(i));
        if (replaced) object.set(i, replaced);
        else visit(object.get(i), seen);
      }
    }
  };
  const seen = new Set<PDFObject>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) visit(object, seen);
}

function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}
