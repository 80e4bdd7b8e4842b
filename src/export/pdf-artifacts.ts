import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFDocument, type PDFPage } from 'pdf-lib';

/**
 * Marks everything Chrome drew outside the PDF's tags as an artifact.
 *
 * Chrome tags what the page's accessibility tree shows and draws the rest (backgrounds,
 * what print-tags.ts hid: marking banners, footers and page numbers, the DRAFT watermark,
 * CSS decorations such as quotation marks and list counters) with no marked content at all.
 * PDF/UA needs every drawing to be either tagged content or an artifact, so a screen reader
 * can tell "read this" from "skip this". This wraps each such drawing in `/Artifact BMC … EMC`,
 * without touching tagged content, its MCIDs or the structure tree.
 */
export function markArtifacts(doc: PDFDocument): void {
  for (const page of doc.getPages()) markPageArtifacts(doc, page);
}

function markPageArtifacts(doc: PDFDocument, page: PDFPage): void {
  const contents = page.node.get(PDFName.of('Contents'));
  const found = contents ? doc.context.lookup(contents) : undefined;
  const refs = found instanceof PDFArray ? found.asArray() : contents ? [contents] : [];
  const streams = refs.map((ref) => doc.context.lookup(ref));
  if (!streams.length || !streams.every((s): s is PDFRawStream => s instanceof PDFRawStream)) return;
  // A page's content streams are one sequence: marked content may not span two of them
  // (ISO 32000-1, 14.6), so each is rewritten on its own.
  const rewritten = streams.map((s) => wrapUntagged(decoded(s)));
  if (rewritten.some((r) => r === undefined)) return;
  // Node's zlib: several times faster than pdf-lib's own deflate, same format.
  const replaced = rewritten.map((bytes) => doc.context.register(doc.context.stream(deflateSync(bytes!), { Filter: 'FlateDecode' })));
  page.node.set(PDFName.of('Contents'), replaced.length === 1 ? replaced[0]! : doc.context.obj(replaced));
  // pdf-lib saves every object it holds: the old streams would stay in the file, unused.
  for (const ref of refs) if (ref instanceof PDFRef) doc.context.delete(ref);
}

/**
 * A content stream's bytes. Chrome deflates each one with no other filter: Node's zlib reads
 * those several times faster than pdf-lib's own inflate, which reads any other kind.
 */
function decoded(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'));
  if (filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) return inflateSync(stream.contents);
  return decodePDFRawStream(stream).decode();
}

const open = new TextEncoder().encode('/Artifact BMC\n');
const close = new TextEncoder().encode('\nEMC\n');

/**
 * One content stream with its untagged drawings wrapped as artifacts, or undefined when it
 * holds something this does not read (an inline image), in which case it is left alone.
 * Markers go only between graphics objects: never inside a path, and an artifact opened
 * inside a text object closes inside it (one opened outside closes before `BT`).
 */
export function wrapUntagged(source: Uint8Array): Uint8Array | undefined {
  const inserts: { at: number; bytes: Uint8Array }[] = [];
  let depth = 0;
  let artifact = false;
  let pathStart = -1;
  const closeArtifact = (at: number) => {
    if (artifact) inserts.push({ at, bytes: close });
    artifact = false;
  };
  const openArtifact = (at: number) => {
    if (!artifact) inserts.push({ at, bytes: open });
    artifact = true;
  };
  const read = scan(source, (kind, start) => {
    if (kind === Kind.MarkedStart) {
      if (depth === 0) closeArtifact(start);
      depth++;
    } else if (kind === Kind.MarkedEnd) {
      depth = Math.max(0, depth - 1);
    } else if (kind === Kind.TextObject) {
      if (depth === 0) closeArtifact(start);
    } else if (kind === Kind.PathPart) {
      if (pathStart === -1) pathStart = start;
    } else if (kind === Kind.PathPaint || kind === Kind.PathEnd) {
      if (depth === 0 && kind === Kind.PathPaint) openArtifact(pathStart === -1 ? start : pathStart);
      pathStart = -1;
    } else if (kind === Kind.Drawing && depth === 0) {
      openArtifact(start);
    }
  });
  if (!read) return undefined;
  closeArtifact(source.length);
  return splice(source, inserts);
}

function splice(source: Uint8Array, inserts: { at: number; bytes: Uint8Array }[]): Uint8Array {
  const size = source.length + inserts.reduce((n, i) => n + i.bytes.length, 0);
  const out = new Uint8Array(size);
  let from = 0;
  let to = 0;
  for (const { at, bytes } of inserts.sort((a, b) => a.at - b.at)) {
    out.set(source.subarray(from, at), to);
    to += at - from;
    out.set(bytes, to);
    to += bytes.length;
    from = at;
  }
  out.set(source.subarray(from), to);
  return out;
}

interface Operation {
  operator: string;
  /** Byte offset where the operation's first operand (or the operator) starts. */
  start: number;
}

/** What an operator does, as far as telling drawings from tagged content goes. */
const Kind = { Other: 0, MarkedStart: 1, MarkedEnd: 2, TextObject: 3, PathPart: 4, PathPaint: 5, PathEnd: 6, Drawing: 7, InlineImage: 8 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

const kinds = new Map<string, Kind>([
  ...['BDC', 'BMC'].map((op) => [op, Kind.MarkedStart] as const),
  ['EMC', Kind.MarkedEnd],
  ...['BT', 'ET'].map((op) => [op, Kind.TextObject] as const),
  ...['m', 'l', 'c', 'v', 'y', 'h', 're'].map((op) => [op, Kind.PathPart] as const),
  ...['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*'].map((op) => [op, Kind.PathPaint] as const),
  ['n', Kind.PathEnd],
  // Text shown, an image or form drawn, a shading painted.
  ...['Tj', 'TJ', "'", '"', 'Do', 'sh'].map((op) => [op, Kind.Drawing] as const),
  ...['BI', 'ID', 'EI'].map((op) => [op, Kind.InlineImage] as const),
]);

/** Byte classes of the content stream syntax: 1 white space, 2 delimiter, 0 regular. */
const byteClass = new Uint8Array(256);
for (const b of [0x20, 0x0a, 0x0d, 0x09, 0x0c, 0x00]) byteClass[b] = 1;
for (const c of '()<>[]{}/%') byteClass[c.charCodeAt(0)] = 2;
const isSpace = (b: number) => byteClass[b] === 1;
const isDelimiter = (b: number) => byteClass[b] === 2;
/** A number starts with a digit, a sign or a point; an operator never does. */
const startsNumber = (b: number) => (b >= 0x30 && b <= 0x39) || b === 0x2b || b === 0x2d || b === 0x2e;

/** The operations of a content stream, with where each starts; undefined for an inline image. */
export function operations(s: Uint8Array): Operation[] | undefined {
  const ops: Operation[] = [];
  return scan(s, (_kind, start, operator) => void ops.push({ operator, start })) ? ops : undefined;
}

/**
 * Reads a content stream, telling `visit` of each operation: what kind it is, where its first
 * operand (or the operator) starts, and the operator. No list of the hundred
 * thousand operations of a long deck is made (issue 19). False for an inline image, which
 * this does not read.
 */
function scan(s: Uint8Array, visit: (kind: Kind, start: number, operator: string) => void): boolean {
  let start = -1;
  let i = 0;
  const skipString = () => {
    let nesting = 0;
    for (; i < s.length; i++) {
      const b = s[i]!;
      if (b === 0x5c) i++; // backslash escapes the next byte
      else if (b === 0x28) nesting++;
      else if (b === 0x29 && --nesting === 0) return void i++;
    }
  };
  while (i < s.length) {
    const b = s[i]!;
    if (isSpace(b)) i++;
    else if (b === 0x25) while (i < s.length && s[i] !== 0x0a && s[i] !== 0x0d) i++; // % comment
    else {
      if (start === -1) start = i;
      if (b === 0x28) skipString();
      else if (b === 0x3c && s[i + 1] === 0x3c) i += 2; // <<
      else if (b === 0x3e && s[i + 1] === 0x3e) i += 2; // >>
      else if (b === 0x3c) i = s.indexOf(0x3e, i) + 1 || s.length; // <hex>
      else if (b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d) i++;
      else if (b === 0x2f) for (i++; i < s.length && !isSpace(s[i]!) && !isDelimiter(s[i]!); i++); // /Name
      else {
        const from = i;
        while (i < s.length && byteClass[s[i]!] === 0) i++;
        if (i === from) return false; // a stray delimiter: not a stream this reads
        if (startsNumber(b)) continue;
        const { word, kind } = wordAt(s, from, i);
        if (word === 'true' || word === 'false' || word === 'null') continue;
        if (kind === Kind.InlineImage) return false;
        visit(kind, start, word);
        start = -1;
      }
    }
  }
  return true;
}

/** Operators by their bytes (at most three, packed with the length into a number): made once each, with their kind. */
const words = new Map<number, { word: string; kind: Kind }>();

/**
 * The word at s[from, to) and its kind. A content stream is mostly operators of one to three
 * letters, a hundred thousand in a long deck: each is looked up, not decoded again (issue 19).
 */
function wordAt(s: Uint8Array, from: number, to: number): { word: string; kind: Kind } {
  const length = to - from;
  if (length > 3) {
    const word = String.fromCharCode(...s.subarray(from, to));
    return { word, kind: kinds.get(word) ?? Kind.Other };
  }
  let key = length;
  for (let i = from; i < to; i++) key = key * 256 + s[i]!;
  let found = words.get(key);
  if (found === undefined) {
    const word = String.fromCharCode(...s.subarray(from, to));
    words.set(key, (found = { word, kind: kinds.get(word) ?? Kind.Other }));
  }
  return found;
}
