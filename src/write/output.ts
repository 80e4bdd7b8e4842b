import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BriefdeckError } from '../kernel/problem.js';

/** Files to write: output-relative path -> text or a file to copy. */
export type OutputFiles = Map<string, { text: string } | { bytes: Uint8Array } | { copyFrom: string }>;

/**
 * Writes a folder all at once: into a hidden staging folder beside it, then swapped in
 * by rename. A failed build leaves the previous output as it was and nothing partial.
 */
export async function writeFolder(target: string, files: OutputFiles): Promise<void> {
  const staging = `${target}.tmp-${randomBytes(4).toString('hex')}`;
  const old = `${target}.old-${randomBytes(4).toString('hex')}`;
  try {
    for (const [path, content] of files) {
      const dest = join(staging, path);
      await mkdir(dirname(dest), { recursive: true });
      if ('text' in content) await writeFile(dest, content.text);
      else if ('bytes' in content) await writeFile(dest, content.bytes);
      else await copyFile(content.copyFrom, dest);
    }
    await mkdir(dirname(target), { recursive: true });
    const hadOld = await rename(target, old).then(
      () => true,
      () => false,
    );
    await rename(staging, target);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (cause) {
    throw cannotWrite(target, cause);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Writes one file atomically (temporary file, then rename). */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (cause) {
    throw cannotWrite(path, cause);
  } finally {
    await rm(tmp, { force: true });
  }
}

/** A disk error as a clear message (full folder, a folder where a file should go), not a stack trace. */
function cannotWrite(path: string, cause: unknown): BriefdeckError {
  if (cause instanceof BriefdeckError) return cause;
  const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new BriefdeckError('export', `cannot write ${path}: ${reason}`, [], { cause });
}
