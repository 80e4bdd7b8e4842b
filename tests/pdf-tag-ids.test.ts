import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, type PDFRef } from 'pdf-lib';
import { renumberTagIds } from '../src/export/pdf-tag-ids.js';

/** A structure tree as Chrome writes one for a table: header cells with ids, data cells pointing at them, and the id index. */
async function tableTree(ids: string[]) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const headers = ids.map((id) => ctx.register(ctx.obj({ Type: 'StructElem', S: 'TH', ID: PDFString.of(id) })));
  // Alt text that happens to read like an id is text, not an id.
  const cell = ctx.obj({ Type: 'StructElem', S: 'TD', Alt: PDFString.of(ids[0]!), A: [{ O: 'Table', Headers: ids.map((id) => PDFString.of(id)) }] });
  const cellRef = ctx.register(cell);
  const index = ctx.obj({ Limits: [PDFString.of(ids[0]!), PDFString.of(ids.at(-1)!)], Names: ids.flatMap((id, i) => [PDFString.of(id), headers[i]!]) });
  const root = ctx.obj({ Type: 'StructTreeRoot', K: [...headers, cellRef], IDTree: ctx.register(index) });
  doc.catalog.set(PDFName.of('StructTreeRoot'), ctx.register(root));
  // A string that reads like one of the ids, outside the tags, is not one of them.
  doc.catalog.set(PDFName.of('Note'), PDFString.of(ids[1]!));
  return { doc, headers, cell, index };
}

const text = (v: unknown) => (v as PDFString).decodeText();

describe('renumberTagIds', () => {
  it('numbers the ids of tags from 1 in Chrome\'s order, wherever they are written', async () => {
    const { doc, headers, cell, index } = await tableTree(['node00000315', 'node00000316', 'node00000402']);
    renumberTagIds(doc);
    expect(headers.map((ref: PDFRef) => text(doc.context.lookup(ref, PDFDict).get(PDFName.of('ID'))))).toEqual(['node00000001', 'node00000002', 'node00000003']);
    const attributes = cell.lookup(PDFName.of('A'), PDFArray).lookup(0, PDFDict);
    expect(attributes.lookup(PDFName.of('Headers'), PDFArray).asArray().map(text)).toEqual(['node00000001', 'node00000002', 'node00000003']);
    expect(index.lookup(PDFName.of('Limits'), PDFArray).asArray().map(text)).toEqual(['node00000001', 'node00000003']);
    expect(index.lookup(PDFName.of('Names'), PDFArray).asArray().filter((v) => v instanceof PDFString).map(text)).toEqual(['node00000001', 'node00000002', 'node00000003']);
    expect(text(doc.catalog.get(PDFName.of('Note')))).toBe('node00000316');
    expect(text(cell.get(PDFName.of('Alt')))).toBe('node00000315');
  });

  it('renames a list of headers that several cells share once, even where new ids are old ones', async () => {
    // Chrome's ids 2 and 3 become 1 and 2: renamed twice, 2 would become 1 again.
    const { doc, cell } = await tableTree(['node00000002', 'node00000003']);
    const shared = cell.lookup(PDFName.of('A'), PDFArray);
    const second = doc.context.obj({ Type: 'StructElem', S: 'TD', A: shared });
    doc.context.register(second);
    renumberTagIds(doc);
    expect(shared.lookup(0, PDFDict).lookup(PDFName.of('Headers'), PDFArray).asArray().map(text)).toEqual(['node00000001', 'node00000002']);
  });

  it('renames headers in a single attribute dictionary, and in an id index split into kids', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const ctx = doc.context;
    const th = ['node00000410', 'node00000411'].map((id) => ctx.register(ctx.obj({ Type: 'StructElem', S: 'TH', ID: PDFString.of(id) })));
    const attributes = ctx.register(ctx.obj({ O: 'Table', Headers: [PDFString.of('node00000411')] }));
    const td = ctx.obj({ Type: 'StructElem', S: 'TD', A: attributes });
    ctx.register(td);
    const kids = ['node00000410', 'node00000411'].map((id, i) => ctx.register(ctx.obj({ Limits: [PDFString.of(id), PDFString.of(id)], Names: [PDFString.of(id), th[i]!] })));
    const index = ctx.obj({ Kids: kids });
    doc.catalog.set(PDFName.of('StructTreeRoot'), ctx.register(ctx.obj({ Type: 'StructTreeRoot', K: th, IDTree: ctx.register(index) })));
    renumberTagIds(doc);
    expect(ctx.lookup(attributes, PDFDict).lookup(PDFName.of('Headers'), PDFArray).asArray().map(text)).toEqual(['node00000002']);
    expect(kids.map((k) => ctx.lookup(k, PDFDict).lookup(PDFName.of('Names'), PDFArray).asArray().filter((v) => v instanceof PDFString).map(text))).toEqual([['node00000001'], ['node00000002']]);
    expect(kids.map((k) => ctx.lookup(k, PDFDict).lookup(PDFName.of('Limits'), PDFArray).asArray().map(text))).toEqual([['node00000001', 'node00000001'], ['node00000002', 'node00000002']]);
  });

  it('gives the same ids to the same tags, whatever the browser numbered before', async () => {
    const first = await tableTree(['node00000066', 'node00000067']);
    const later = await tableTree(['node00000315', 'node00000316']);
    renumberTagIds(first.doc);
    renumberTagIds(later.doc);
    // The Alt text and the note keep what each was written with; everything else is the same.
    for (const { doc, cell } of [first, later]) {
      cell.delete(PDFName.of('Alt'));
      doc.catalog.delete(PDFName.of('Note'));
    }
    expect(await later.doc.save({ useObjectStreams: false })).toEqual(await first.doc.save({ useObjectStreams: false }));
  });
});
