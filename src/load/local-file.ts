import { open, realpath, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { isRemoteUrl, schemeOf } from '../kernel/safe-url.js';
import { imageHeadBytes, imageSize, maxImagePixels } from './image-size.js';

/** An image a brief may show, checked: inside the project, a real image, not too large. */
export interface LocalImage {
  /** The file's real path (symlinks resolved), to copy into the deck's assets. */
  path: string;
  mediaType: string;
  /** The extension to copy it under, from what the bytes are, not what the name says. */
  ext: string;
}

const maxImageBytes = 25 * 1024 * 1024;

/** True when `path` is `root` or below it (lexically; resolve symlinks first for the real answer). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Where `wanted` really is, if it stays inside `root`: lexically (no `..` or absolute path
 * out) and once symlinks are resolved. The one containment rule for every local file.
 */
export async function contained(wanted: string, root: string): Promise<{ real: string } | 'outside' | 'missing' | 'link-out'> {
  if (wanted.includes('\0') || !isInside(root, wanted)) return 'outside';
  let real: string;
  let realRoot: string;
  try {
    real = await realpath(wanted);
    realRoot = await realpath(root);
  } catch {
    return 'missing';
  }
  return isInside(realRoot, real) ? { real } : 'link-out';
}

/**
 * Resolves a file or folder a manifest names (a brief, a sources file, a templates
 * folder) by the same rule as images: relative to the manifest, never escaping `root`
 * by `..`, an absolute path or a symlink. Returns the path (as written, resolved), or why not.
 */
export async function resolveInProject(written: string, dir: string, root: string, what: string): Promise<{ path: string } | string> {
  const wanted = resolve(dir, written);
  const found = await contained(wanted, root);
  if (found === 'outside') return `${what} "${written}" is outside the project folder (${root}); keep it inside`;
  if (found === 'missing') return `${what} "${written}" not found (looked for ${wanted})`;
  if (found === 'link-out') return `${what} "${written}" is a link to a place outside the project folder; copy it in instead`;
  return { path: wanted };
}

/**
 * Resolves an image written in a brief (`![alt](figures/map.png)`): relative to the brief,
 * never escaping `root` (by `..`, an absolute path, percent-encoding or a symlink), and
 * only a PNG, JPEG, GIF, WebP or SVG by its content. Returns the image, or a message
 * saying why not (the caller reports it at the image's file and line).
 */
export async function resolveLocalImage(href: string, briefPath: string, root: string): Promise<LocalImage | string> {
  if (isRemoteUrl(href)) return `"${href}" is a remote image; copy it next to the brief (export never fetches from the network)`;
  if (schemeOf(href) !== undefined) return `"${href}" is not a file path; write a path relative to the brief`;
  let written: string;
  try {
    written = decodeURIComponent(href.replace(/[?#].*$/, ''));
  } catch {
    return `"${href}" is not a valid path`;
  }
  if (written.includes('\0')) return `"${href}" is not a valid path`;
  const wanted = resolve(dirname(briefPath), written);
  const found = await contained(wanted, root);
  if (found === 'outside') return `image "${href}" is outside the project folder (${root}); keep images inside it`;
  if (found === 'missing') return `image "${href}" not found (looked for ${wanted})`;
  if (found === 'link-out') return `image "${href}" is a link to a file outside the project folder; copy the file in instead`;
  const real = found.real;
  const info = await stat(real);
  if (!info.isFile()) return `image "${href}" is not a file`;
  if (info.size > maxImageBytes) return `image "${href}" is ${(info.size / 1024 / 1024).toFixed(1)} MB; the limit is ${maxImageBytes / 1024 / 1024} MB`;
  const head = await firstBytes(real, imageHeadBytes);
  const type = imageType(head, extname(real));
  if (!type) return `"${href}" is not an image briefdeck can show (PNG, JPEG, GIF, WebP or SVG)`;
  // Refused by the size its header states, before any browser decodes it (a 389 KB PNG of
  // 20000 x 20000 pixels took 4.5 GB and 21 s to print).
  const size = imageSize(head, type.mediaType);
  if (size && size.width * size.height > maxImagePixels) {
    return `image "${href}" is ${size.width} x ${size.height} pixels; the limit is ${maxImagePixels / 1_000_000} million pixels (8000 x 5000): scale it down`;
  }
  return { path: real, ...type };
}

async function firstBytes(path: string, count: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await file.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** What an image is, by its first bytes (the name can lie). Pure. */
export function imageType(head: Uint8Array, ext: string): { mediaType: string; ext: string } | undefined {
  const b = Buffer.from(head);
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { mediaType: 'image/png', ext: '.png' };
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mediaType: 'image/jpeg', ext: '.jpg' };
  if (b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a') return { mediaType: 'image/gif', ext: '.gif' };
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return { mediaType: 'image/webp', ext: '.webp' };
  // SVG is text: only under its own name, and shown through <img>, where its scripts never run.
  const text = b.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (ext.toLowerCase() === '.svg' && /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)) return { mediaType: 'image/svg+xml', ext: '.svg' };
  return undefined;
}
