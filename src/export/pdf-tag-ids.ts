import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

import { objectsMentioning } from './pdf-read.js';

/** The ids Chrome gives tags that others point at (a table's header cells): `node` and a number. */
const chromeId = /^node(\d+)$/;

/**
 * Numbers the ids of a PDF's tags 1, 2, 3... in the order Chrome numbered them. Chrome names
 * each header cell's tag after the page element it was printed from (`/ID (node00000315)`),
 * and the data cells' `/Headers` and the structure tree's id index point at it; that number
 * counts every element the browser's page made before, so the same version printed after
 * another (four audiences in one run) came out with other ids, and other bytes, than printed
 * alone. Renumbered, a PDF is the same whatever was printed before it. Only those three
 * places are rewritten; the order of the ids, which the index is sorted by, is kept.
 */
export function renumberTagIds(doc: PDFDocument): void {
  // Only an object naming an id or a header list can hold one: those are all this reads (pdf-read.ts).
  const mentioned = new Set([...objectsMentioning(doc, '/ID'), ...objectsMentioning(doc, '/Headers')]);
  // A list of attributes may be an object of its own: its dictionaries are read with it.
  const named = new Set([...mentioned].flatMap((o) => (o instanceof PDFArray ? o.asArray().map((item) => doc.context.lookup(item)) : [o])).filter((o) => o instanceof PDFDict));
  const tags = [...named].filter((dict) => dict.get(PDFName.of('Type')) === PDFName.of('StructElem'));
  const found = new Set<string>();
  for (const tag of tags) {
    const id = textOf(tag.get(PDFName.of('ID')));
    if (id !== undefined && chromeId.test(id)) found.add(id);
  }
  if (found.size === 0) return;
  const width = Math.max(...[...found].map((id) => id.length - 'node'.length));
  const order = [...found].sort((a, b) => Number(chromeId.exec(a)![1]) - Number(chromeId.exec(b)![1]));
  const renamed = new Map(order.map((id, i) => [id, `node${String(i + 1).padStart(width, '0')}`]));
  const rename = (value: PDFObject | undefined) => {
    const id = renamed.get(textOf(value) ?? '');
    return id === undefined ? undefined : PDFString.of(id);
  };
  // Each list once: one shared by several tags (or reached twice) must not be renamed again,
  // since a new id can be the old id of another tag.
  const done = new Set<PDFArray>();
  const renameAll = (list: PDFArray | undefined, every = 1) => {
    if (!list || done.has(list)) return;
    done.add(list);
    for (let i = 0; i < list.size(); i += every) {
      const id = rename(list.get(i));
      if (id) list.set(i, id);
    }
  };

  for (const tag of tags) {
    const id = rename(tag.get(PDFName.of('ID')));
    if (id) tag.set(PDFName.of('ID'), id);
    // Its attributes: one dictionary or a list of them (with revision numbers between).
    const attributes = tag.lookup(PDFName.of('A'));
    const owners = attributes instanceof PDFArray ? attributes.asArray().map((a) => doc.context.lookup(a)) : [attributes];
    for (const owner of owners) if (owner instanceof PDFDict) renameAll(owner.lookupMaybe(PDFName.of('Headers'), PDFArray));
  }
  // Attributes written as objects of their own: the tag pointing at them may not have been read.
  for (const owner of named) renameAll(owner.lookupMaybe(PDFName.of('Headers'), PDFArray));
  // The id index: a name tree of (id, tag) pairs, each node with the first and last id below it.
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const walk = (node: PDFDict | undefined, seen: Set<PDFDict>) => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    renameAll(node.lookupMaybe(PDFName.of('Names'), PDFArray), 2);
    renameAll(node.lookupMaybe(PDFName.of('Limits'), PDFArray));
    for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) {
      const child = doc.context.lookup(kid);
      if (child instanceof PDFDict) walk(child, seen);
    }
  };
  walk(root?.lookupMaybe(PDFName.of('IDTree'), PDFDict), new Set());
}

function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}
