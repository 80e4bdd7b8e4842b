/** The most pixels an image may have: 40 million (8000 x 5000). A browser decodes every pixel at 4 bytes. */
export const maxImagePixels = 40_000_000;

/** How many bytes of a file imageSize needs to see (a JPEG's size can follow a large EXIF block). */
export const imageHeadBytes = 256 * 1024;

/**
 * An image's width and height in pixels, read from its header (never decoding it): PNG,
 * GIF, WebP (lossy, lossless, extended) and JPEG (its first frame header). Undefined when
 * the header does not say (SVG, a truncated file). Pure.
 */
export function imageSize(head: Uint8Array, mediaType: string): { width: number; height: number } | undefined {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (mediaType === 'image/png' && b.length >= 24 && b.toString('latin1', 12, 16) === 'IHDR') return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (mediaType === 'image/gif' && b.length >= 10) return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (mediaType === 'image/webp') return webpSize(b);
  if (mediaType === 'image/jpeg') return jpegSize(b);
  return undefined;
}

function webpSize(b: Buffer): { width: number; height: number } | undefined {
  if (b.length < 30) return undefined;
  const chunk = b.toString('latin1', 12, 16);
  if (chunk === 'VP8X') return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  return undefined;
}

/** Walks a JPEG's segments to its first start-of-frame marker (SOF0-SOF15 but DHT, JPG, DAC). */
function jpegSize(b: Buffer): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2; // markers without a length
      continue;
    }
    at += 2 + b.readUInt16BE(at + 2);
  }
  return undefined;
}
