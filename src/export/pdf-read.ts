import { PDFContext, PDFDict, PDFDocument, PDFInvalidObject, PDFObject, PDFObjectParser, PDFRef } from 'pdf-lib';

/**
 * Reads a PDF that Chrome printed, for finishing, taking apart only the objects finishing
 * looks at. pdf-lib's own reader parses every object of the file into its object model:
 * thousands in a tagged deck (a tag per paragraph, list item and cell), 60-100 ms for a
 * 36-page deck while the code is still cold, most of a PDF's finishing, where the finishing
 * itself reads the catalog, the pages, their contents and links and a few tags (issue 19).
 *
 * Chrome writes a plain PDF: one cross-reference table giving every object's place, no
 * updates appended, no object streams. This reads that table and keeps each object as the
 * bytes Chrome wrote; an object is parsed (by pdf-lib's own object parser) the first time
 * finishing looks it up, and one never looked up is written out again byte for byte. A file
 * laid out any other way is read by pdf-lib in full (undefined here): the same objects, each
 * then written as pdf-lib writes it.
 */
export function readPrintedPdf(bytes: Uint8Array): PDFDocument | undefined {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const table = crossReference(file);
  if (!table) return undefined;
  const context = PDFContext.create();
  const trailer = PDFObjectParser.forBytes(file.subarray(table.trailer), context).parseObject();
  if (!(trailer instanceof PDFDict)) return undefined;
  const { Root, Info, ID, Encrypt, Prev, XRefStm } = Object.fromEntries([...trailer.entries()].map(([key, value]) => [key.decodeText(), value]));
  // Updates appended, a compressed table beside it, encryption: for pdf-lib's full reader.
  if (!(Root instanceof PDFRef) || Prev || XRefStm || Encrypt) return undefined;

  const objects = new UnreadObjects(context);
  // In the order of the file: an object ends where the next one (or the table) starts, at its last `endobj` before there.
  const inOrder = table.entries.sort((a, b) => a.offset - b.offset);
  for (const [i, { number, offset }] of inOrder.entries()) {
    const header = /^(\d+) 0 obj\b/.exec(file.toString('latin1', offset, offset + 24));
    if (Number(header?.[1]) !== number) return undefined;
    const end = file.lastIndexOf('endobj', inOrder[i + 1]?.offset ?? table.offset);
    if (end <= offset) return undefined;
    objects.keep(PDFRef.of(number), trimmed(file, offset + header![0].length, end), offset);
  }
  // pdf-lib's own reader would stop at the same things, they are outside what Chrome writes.
  if (!objects.has(Root)) return undefined;
  // The map pdf-lib keeps every object in (private in its types, a plain field in its code).
  (context as unknown as { indirectObjects: Map<PDFRef, PDFObject> }).indirectObjects = objects;
  context.largestObjectNumber = table.entries.reduce((largest, e) => Math.max(largest, e.number), 0);
  context.trailerInfo = { Root, Info, ID };
  readers.set(context, { file, objects });
  // The constructor PDFDocument.load ends with, given a context read here (PDFDocument.load(bytes, { updateMetadata: false })).
  return Reflect.construct(PDFDocument, [context, false, false]) as PDFDocument;
}

/**
 * The indirect objects of a document whose bytes hold `marker` (a name such as `/ID`), parsed;
 * of a document pdf-lib read in full, every object (a superset of those, as any caller of this
 * must expect: each object found is still checked for what it is).
 */
export function objectsMentioning(doc: PDFDocument, marker: string): PDFObject[] {
  const reader = readers.get(doc.context);
  if (!reader) return doc.context.enumerateIndirectObjects().map(([, object]) => object);
  const refs = new Set<PDFRef>();
  for (let at = reader.file.indexOf(marker); at !== -1; at = reader.file.indexOf(marker, at + marker.length)) {
    const ref = reader.objects.refAt(at);
    if (ref) refs.add(ref);
  }
  return [...refs].map((ref) => doc.context.lookup(ref)).filter((object): object is PDFObject => object !== undefined);
}

/** What readPrintedPdf kept of each document it read, for objectsMentioning. */
const readers = new WeakMap<PDFContext, { file: Buffer; objects: UnreadObjects }>();

/** The cross-reference table of a file with exactly one (at the offset `startxref` gives), or undefined. */
function crossReference(file: Buffer): { offset: number; trailer: number; entries: { number: number; offset: number }[] } | undefined {
  const tail = file.toString('latin1', Math.max(0, file.length - 64));
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const offset = Number(start?.[1]);
  if (!start || offset >= file.length) return undefined;
  const text = file.toString('latin1', offset, file.length);
  const trailerAt = text.indexOf('trailer');
  if (!text.startsWith('xref') || trailerAt === -1) return undefined;
  const entries: { number: number; offset: number }[] = [];
  // Subsections: "first count", then count entries of "offset generation n|f".
  const lines = text.slice(4, trailerAt).trim().split(/\s*[\r\n]+\s*/);
  for (let i = 0; i < lines.length; ) {
    const section = /^(\d+) (\d+)$/.exec(lines[i++]!);
    if (!section) return undefined;
    const [first, count] = [Number(section[1]), Number(section[2])];
    for (let n = 0; n < count; n++) {
      const entry = /^(\d{10}) (\d{5}) ([nf])$/.exec(lines[i++] ?? '');
      if (!entry) return undefined;
      if (entry[3] === 'f') continue;
      // Objects of another generation than 0 are not what Chrome writes.
      if (entry[2] !== '00000') return undefined;
      entries.push({ number: first + n, offset: Number(entry[1]) });
    }
  }
  return { offset, trailer: offset + trailerAt + 'trailer'.length, entries };
}

/** The bytes from `from` to `to` without the white space around them. */
function trimmed(file: Buffer, from: number, to: number): Buffer {
  const space = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
  while (from < to && space(file[from]!)) from++;
  while (to > from && space(file[to - 1]!)) to--;
  return file.subarray(from, to);
}

/**
 * A document's indirect objects, each kept as the bytes Chrome wrote until it is looked up
 * (pdf-lib looks objects up through this map's `get`): then parsed once and kept parsed.
 * Until then the map holds a stand-in that pdf-lib writes out as those same bytes: a stream
 * as a PDFInvalidObject (written on its own, as streams are), anything else as an
 * UnreadObject (packed into object streams with the objects pdf-lib parsed).
 */
class UnreadObjects extends Map<PDFRef, PDFObject> {
  readonly #unread = new Map<PDFRef, Buffer>();
  /** Where each object starts in the file, in the file's order (as kept), for refAt. */
  readonly #starts: { offset: number; ref: PDFRef }[] = [];

  constructor(private readonly context: PDFContext) {
    super();
  }

  /** Keeps an object's bytes, unread; objects are kept in the order of the file. */
  keep(ref: PDFRef, bytes: Buffer, offset: number): void {
    this.#unread.set(ref, bytes);
    const stream = bytes.length >= 9 && bytes.toString('latin1', bytes.length - 9) === 'endstream';
    super.set(ref, stream ? PDFInvalidObject.of(bytes) : new UnreadObject(bytes));
    this.#starts.push({ offset, ref });
  }

  /** The object whose bytes include the file's byte `at`. */
  refAt(at: number): PDFRef | undefined {
    let [low, high] = [0, this.#starts.length - 1];
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.#starts[middle]!.offset <= at) low = middle;
      else high = middle - 1;
    }
    const found = this.#starts[low];
    return found && found.offset <= at ? found.ref : undefined;
  }

  override get(ref: PDFRef): PDFObject | undefined {
    const bytes = this.#unread.get(ref);
    if (bytes === undefined) return super.get(ref);
    this.#unread.delete(ref);
    const object = parsed(bytes, this.context);
    super.set(ref, object);
    return object;
  }

  override set(ref: PDFRef, object: PDFObject): this {
    this.#unread.delete(ref);
    return super.set(ref, object);
  }

  override delete(ref: PDFRef): boolean {
    this.#unread.delete(ref);
    return super.delete(ref);
  }
}

/** An object's bytes taken apart; what does not parse is kept as it is, as pdf-lib's own reader keeps it. */
function parsed(bytes: Buffer, context: PDFContext): PDFObject {
  try {
    return PDFObjectParser.forBytes(bytes, context).parseObject();
  } catch {
    return PDFInvalidObject.of(bytes);
  }
}

/** An object not taken apart: written out as the bytes it was read as. */
class UnreadObject extends PDFObject {
  constructor(private readonly bytes: Buffer) {
    super();
  }

  override clone(): PDFObject {
    return this;
  }

  override toString(): string {
    return this.bytes.toString('latin1');
  }

  override sizeInBytes(): number {
    return this.bytes.length;
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.bytes, offset);
    return this.bytes.length;
  }
}
