import { deflateSync } from 'node:zlib';
import { Cache, PDFCrossRefStream, PDFObjectStream, type PDFFlateStream } from 'pdf-lib';

/**
 * Makes pdf-lib compress what it writes with Node's zlib. Saving a PDF, pdf-lib packs every
 * object that is not a stream (the tags, the pages, the outline: thousands in a tagged deck)
 * into object streams and deflates them with pako, deflate written in JavaScript: 25-45 ms of
 * a 20-slide deck's finishing, most of it. zlib writes the same format, deterministically,
 * several times faster (issue 19). pdf-lib makes these streams in two static factories, which
 * this wraps: each stream they make is deflated by zlib when it is written. Done once, for every
 * pdf-lib save in the process (a program using briefdeck's library included): only the way
 * those two kinds of stream are compressed changes, and the bytes then depend on Node's zlib.
 */
export function deflateWithZlib(): void {
  if (wrapped) return;
  wrapped = true;
  const objectStream = PDFObjectStream.withContextAndObjects.bind(PDFObjectStream);
  PDFObjectStream.withContextAndObjects = (context, objects, encode = true) => withZlib(objectStream(context, objects, encode), encode);
  const crossReference = PDFCrossRefStream.create.bind(PDFCrossRefStream);
  PDFCrossRefStream.create = (dict, encode = true) => withZlib(crossReference(dict, encode), encode);
}

let wrapped = false;

function withZlib<T extends PDFFlateStream>(stream: T, encode: boolean): T {
  if (!encode) return stream;
  // The cache pdf-lib fills with the compressed bytes the first time it asks for them.
  (stream as unknown as { contentsCache: Cache<Uint8Array> }).contentsCache = Cache.populatedBy(() => deflateSync(stream.getUnencodedContents()));
  return stream;
}
