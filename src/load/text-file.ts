import { readFile, stat } from 'node:fs/promises';
import type { Problems } from '../kernel/problem.js';

/** Larger inputs are refused with a clear message rather than parsed slowly. */
export const maxInputBytes = 5 * 1024 * 1024;

/**
 * Reads a user's text file (brief, manifest, sources, profile) as UTF-8, refusing
 * what is not a text file: missing, empty, too large, binary or invalid UTF-8.
 */
export async function readTextFile(path: string, shown: string, problems: Problems): Promise<string | undefined> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      problems.error(shown, undefined, 'is not a file');
      return undefined;
    }
    size = info.size;
  } catch {
    problems.error(shown, undefined, 'file not found');
    return undefined;
  }
  if (size > maxInputBytes) {
    problems.error(shown, undefined, `file is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${maxInputBytes / 1024 / 1024} MB`);
    return undefined;
  }
  const bytes = await readFile(path);
  if (bytes.includes(0)) {
    problems.error(shown, undefined, 'is a binary file, not UTF-8 text');
    return undefined;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.error(shown, lineOfBadUtf8(bytes), 'is not valid UTF-8 text (save it as UTF-8)');
    return undefined;
  }
  if (text.trim() === '') {
    problems.error(shown, undefined, 'file is empty');
    return undefined;
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function lineOfBadUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
