import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { objectsMentioning, readPrintedPdf } from '../src/export/pdf-read.js';
import { renumberTagIds } from '../src/export/pdf-tag-ids.js';

/**
 * A PDF laid out as Chrome writes one: objects one after another, one cross-reference table
 * (pdf-lib without object streams writes the same layout). Two pages with content, tags with
 * ids, an attribute dictionary of its own, and a stream whose bytes hold "endobj".
 */
async function plainPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  for (const text of ['first', 'second']) {
    const page = doc.addPage([200, 100]);
    page.drawText(text, { x: 10, y: 50, size: 12 });
  }
  const th = ['node00000410', 'node00000411'].map((id) => ctx.register(ctx.obj({ Type: 'StructElem', S: 'TH', ID: PDFString.of(id) })));
  const attributes = ctx.register(ctx.obj({ O: 'Table', Headers: [PDFString.of('node00000411')] }));
  ctx.register(ctx.obj({ Type: 'StructElem', S: 'TD', A: attributes }));
  const index = ctx.register(ctx.obj({ Limits: [PDFString.of('node00000410'), PDFString.of('node00000411')], Names: [PDFString.of('node00000410'), th[0]!, PDFString.of('node00000411'), th[1]!] }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), ctx.register(ctx.obj({ Type: 'StructTreeRoot', K: th, IDTree: index })));
  doc.catalog.set(PDFName.of('Trap'), ctx.register(ctx.stream('endobj endstream endobj', {})));
  return doc.save({ useObjectStreams: false });
}

/** Every object of a document, each as pdf-lib writes it out, by object number. */
function objectTexts(doc: PDFDocument): Map<number, string> {
  return new Map(doc.context.enumerateIndirectObjects().map(([ref]) => [ref.objectNumber, shownAs(doc.context.lookup(ref))]));
}

function shownAs(object: unknown): string {
  if (object instanceof PDFRawStream) return `${object.dict.toString()} stream ${Buffer.from(object.contents).toString('latin1')}`;
  return String(object);
}

describe('readPrintedPdf', () => {
  it('reads a PDF laid out as Chrome writes one into the same objects pdf-lib reads', async () => {
    const bytes = await plainPdf();
    const lazy = readPrintedPdf(bytes)!;
    expect(lazy).toBeDefined();
    const full = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(lazy.getPageCount()).toBe(2);
    expect(objectTexts(lazy)).toEqual(objectTexts(full));
    expect(lazy.context.trailerInfo.Root).toBe(full.context.trailerInfo.Root);
    expect(lazy.context.largestObjectNumber).toBe(full.context.largestObjectNumber);
  });

  it('writes out an object never looked up as the bytes it was read as, and one changed as changed', async () => {
    const bytes = await plainPdf();
    const doc = readPrintedPdf(bytes)!;
    // Looked up and changed: the first page's size.
    doc.getPage(0).setSize(300, 150);
    const saved = await doc.save({ useObjectStreams: true });
    const again = await PDFDocument.load(saved, { updateMetadata: false });
    expect(again.getPage(0).getSize()).toEqual({ width: 300, height: 150 });
    expect(again.getPage(1).getSize()).toEqual({ width: 200, height: 100 });
    // The trap stream was never looked up: written as it was, "endobj" inside and all.
    const trap = again.catalog.lookup(PDFName.of('Trap'), PDFRawStream);
    expect(Buffer.from(trap.contents).toString('latin1')).toBe('endobj endstream endobj');
    // Every other object reads back as it was.
    const before = objectTexts(await PDFDocument.load(bytes, { updateMetadata: false }));
    const after = objectTexts(again);
    const changed = [...before].filter(([n, text]) => after.get(n) !== text).map(([n]) => n);
    expect(changed).toEqual([again.getPage(0).ref.objectNumber]);
  });

  it('numbers tag ids read this way, an attribute dictionary whose tag was never read included', async () => {
    const doc = readPrintedPdf(await plainPdf())!;
    renumberTagIds(doc);
    const again = await PDFDocument.load(await doc.save(), { updateMetadata: false });
    const strings = [...objectTexts(again).values()].join('\n');
    expect(strings).toContain('/Headers [ (node00000002) ]');
    expect(strings).toContain('/ID (node00000001)');
    expect(strings).not.toMatch(/node0000041/);
  });

  it('finds the objects whose bytes name something, parsed, and only those', async () => {
    const doc = readPrintedPdf(await plainPdf())!;
    const named = objectsMentioning(doc, '/Headers');
    expect(named).toHaveLength(1);
    expect((named[0] as PDFDict).lookup(PDFName.of('Headers'), PDFArray).size()).toBe(1);
    expect(objectsMentioning(doc, '/NoSuchName')).toEqual([]);
    // Of a document pdf-lib read in full: every object, for the caller to check.
    const full = await PDFDocument.load(await plainPdf(), { updateMetadata: false });
    expect(objectsMentioning(full, '/Headers')).toHaveLength(full.context.enumerateIndirectObjects().length);
  });

  it('leaves any other layout to pdf-lib: object streams, an update appended, a broken table', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage();
    expect(readPrintedPdf(await doc.save({ useObjectStreams: true }))).toBeUndefined();

    const plain = Buffer.from(await plainPdf());
    const xref = plain.lastIndexOf('\nxref') + 1;
    const root = /\/Root (\d+) 0 R/.exec(plain.toString('latin1', xref))![1];
    const update = Buffer.from(`xref\n0 1\n0000000000 65535 f \ntrailer\n<<\n/Size 2\n/Root ${root} 0 R\n/Prev ${xref}\n>>\nstartxref\n${plain.length}\n%%EOF\n`, 'latin1');
    expect(readPrintedPdf(Buffer.concat([plain, update]))).toBeUndefined();

    // An entry pointing at the wrong place.
    const table = plain.toString('latin1', xref);
    const shifted = table.replace(/(\d{10}) 00000 n/, (_, offset: string) => `${String(Number(offset) + 1).padStart(10, '0')} 00000 n`);
    expect(readPrintedPdf(Buffer.concat([plain.subarray(0, xref), Buffer.from(shifted, 'latin1')]))).toBeUndefined();
    expect(readPrintedPdf(new TextEncoder().encode('%PDF-1.4\nnot a pdf'))).toBeUndefined();
  });

  it('reads a table in several parts, with free and missing entries, and a stream holding "endobj" once looked up', () => {
    const objects: [number, string][] = [
      [1, '<< /Type /Catalog /Pages 2 0 R >>'],
      [2, '<< /Type /Pages /Kids [ 4 0 R ] /Count 1 >>'],
      [4, '<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 10 10 ] /Contents 5 0 R >>'],
      [5, '<< /Length 23 >>\nstream\nendobj endstream endobj\nendstream'],
    ];
    let file = '%PDF-1.4\n';
    const offsets = new Map<number, number>();
    for (const [n, body] of objects) {
      offsets.set(n, file.length);
      file += `${n} 0 obj\n${body}\nendobj\n`;
    }
    const entry = (n: number) => `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
    const xref = file.length;
    // Object 3 is in neither part; 0 is free.
    file += `xref\n0 3\n0000000000 65535 f \n${entry(1)}${entry(2)}4 2\n${entry(4)}${entry(5)}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    const doc = readPrintedPdf(Buffer.from(file, 'latin1'))!;
    expect(doc).toBeDefined();
    expect(doc.getPageCount()).toBe(1);
    expect(doc.context.largestObjectNumber).toBe(5);
    const stream = doc.context.lookup(PDFRef.of(5), PDFRawStream);
    expect(Buffer.from(stream.contents).toString('latin1')).toBe('endobj endstream endobj');
    expect(doc.context.lookup(PDFRef.of(3))).toBeUndefined();
  });

  it('numbers the headers in a list of attributes written as an object of its own', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const ctx = doc.context;
    ctx.register(ctx.obj({ Type: 'StructElem', S: 'TH', ID: PDFString.of('node00000077') }));
    const list = ctx.register(ctx.obj([{ O: 'Table', Headers: [PDFString.of('node00000077')] }, 0]));
    ctx.register(ctx.obj({ Type: 'StructElem', S: 'TD', A: list }));
    const read = readPrintedPdf(await doc.save({ useObjectStreams: false }))!;
    renumberTagIds(read);
    const strings = [...objectTexts(await PDFDocument.load(await read.save(), { updateMetadata: false })).values()].join('\n');
    expect(strings).toContain('/Headers [ (node00000001) ]');
    expect(strings).not.toContain('node00000077');
  });

  it('reads the content streams finishing rewrites', async () => {
    const doc = readPrintedPdf(await plainPdf())!;
    const contents = doc.getPage(1).node.Contents();
    const stream = doc.context.lookup(contents instanceof PDFArray ? contents.get(0) : (contents as unknown as PDFRef));
    expect(stream).toBeInstanceOf(PDFRawStream);
    const raw = stream as PDFRawStream;
    const text = raw.dict.get(PDFName.of('Filter')) ? inflateSync(raw.contents).toString('latin1') : Buffer.from(raw.contents).toString('latin1');
    expect(text).toMatch(/Tj/);
  });
});
