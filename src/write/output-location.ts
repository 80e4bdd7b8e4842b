import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, parse, resolve } from 'node:path';
import { BriefdeckError } from '../kernel/problem.js';
import { isPathSegment } from '../kernel/path-segment.js';

/**
 * A path under the output root made of deck and audience names, each checked to be one
 * safe segment and the whole to stay inside the root; anything else is refused, never
 * written (the last line of defence behind the names the load stage makes safe).
 */
export function outputPath(root: string, ...segments: string[]): string {
  const bad = segments.find((s) => !isPathSegment(s));
  if (bad !== undefined) throw new BriefdeckError('bad-input', `refusing to write "${bad}" under ${root}: a deck or audience name must be one plain folder or file name`);
  return join(root, ...segments);
}

/**
 * Checks the folder a build writes into (`--out`) before anything is built: an empty name or
 * a file in the way is a usage error naming it. The folder itself is made when the first
 * version is written (makeFolder), so a deck with bad input leaves nothing behind.
 */
export async function checkOutputFolder(out: string, flag = '--out'): Promise<string> {
  if (out.trim() === '') throw new BriefdeckError('usage', `${flag} needs a folder name (it was empty)`);
  const folder = resolve(out);
  await noFileInTheWay(folder, flag);
  return folder;
}

/** Checks `pdf --out FILE` the same way: not empty, not a folder, no file where a folder must be. */
export async function checkOutputFile(path: string, flag = '--out'): Promise<string> {
  if (path.trim() === '') throw new BriefdeckError('usage', `${flag} needs a file name (it was empty)`);
  const file = resolve(path);
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) throw new BriefdeckError('usage', `${flag} ${path} is a folder; name the PDF file to write (e.g. ${join(path, 'deck.pdf')})`);
  await noFileInTheWay(dirname(file), flag);
  return file;
}

/** The nearest part of `folder` that exists must be a folder. */
async function noFileInTheWay(folder: string, flag: string): Promise<void> {
  for (let at = folder; ; at = dirname(at)) {
    const info = await stat(at).catch(() => undefined);
    if (info && !info.isDirectory()) throw new BriefdeckError('usage', `${flag} ${folder}: ${at} is a file, not a folder`);
    if (info || at === parse(at).root) return;
  }
}

/**
 * Makes a folder and those above it, one level at a time, each failure an environment error
 * that says why. (Node's recursive mkdir looped forever at 100% CPU under /proc, and called
 * a read-only folder ENOENT.)
 */
export async function makeFolder(folder: string): Promise<string | undefined> {
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) => error);
    if (!(info instanceof Error)) {
      if (!info.isDirectory()) throw new BriefdeckError('usage', `cannot write into ${folder}: ${at} is a file, not a folder`);
      break;
    }
    if (info.code !== 'ENOENT' || at === parse(at).root) throw cannotMake(folder, at, info);
    missing.unshift(at);
  }
  for (const path of missing) {
    try {
      await mkdir(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotMake(folder, path, error as NodeJS.ErrnoException);
    }
  }
  // The first folder it made (the top of what is new), as mkdir's recursive form returns it.
  return missing[0];
}

function cannotMake(folder: string, at: string, error: NodeJS.ErrnoException): BriefdeckError {
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'the disk is read-only',
    ENOENT: 'no folder can be made there',
    ENOTDIR: 'a file is in the way',
    ENOSPC: 'the disk is full',
  };
  const reason = why[error.code ?? ''] ?? error.message.split('\n')[0];
  return new BriefdeckError('environment', `cannot write into ${folder}: cannot create ${at} (${reason}); choose a folder you can write to`, [], { cause: error });
}
