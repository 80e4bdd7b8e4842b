import { copyFile, lstat, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pLimit from 'p-limit';
import { BriefdeckError, firstLine } from '../kernel/problem.js';
import { makeFolder } from './output-location.js';

/** Files to write: output-relative path -> text or a file to copy. */
export type OutputFiles = Map<string, { text: string } | { bytes: Uint8Array } | { copyFrom: string }>;

/** One output staged beside where it goes, swapped in by `commit`. */
interface Staged {
  target: string;
  staged: string;
  kind: 'folder' | 'file';
  /** Where what was at `target` went while the batch is swapped in. */
  old?: string;
  /** `target` now holds the new output. */
  swapped?: boolean;
}

/**
 * The outputs of a run, written all at once. Each folder or file is first written in full
 * beside its target (a `.tmp-` name on the same disk); `commit` then renames every
 * one into place. If any rename fails, those already done are undone, so a failed run
 * leaves every previous output exactly as it was: never one audience new and one old.
 */
export class OutputBatch {
  private readonly entries: Staged[] = [];
  /** Folders the staging created (an output root, a deck's folder): removed again if nothing is committed. */
  private readonly created: string[] = [];

  /** Writes a whole folder into its staging place; returns that place (to print from before commit). */
  async folder(target: string, files: OutputFiles): Promise<string> {
    const entry = this.add(target, 'folder');
    await this.parentOf(target);
    try {
      // Its few folders first, then every file at once: one after another, a version's dozen
      // files took 10-15 ms of waits on the disk (issue 19).
      const folders = new Set([...files.keys()].map((path) => dirname(join(entry.staged, path))));
      for (const folder of folders) await mkdir(folder, { recursive: true });
      // At most a few dozen files open at once; every write has ended (a failed one too) before an error is thrown and the staging is removed.
      const limit = pLimit(32);
      const written = await Promise.allSettled(
        [...files].map(([path, content]) =>
          limit(() => {
            const dest = join(entry.staged, path);
            if ('text' in content) return writeFile(dest, content.text);
            if ('bytes' in content) return writeFile(dest, content.bytes);
            return copyFile(content.copyFrom, dest);
          }),
        ),
      );
      const failed = written.find((w) => w.status === 'rejected');
      if (failed) throw failed.reason;
    } catch (cause) {
      throw cannotWrite(target, cause);
    }
    return entry.staged;
  }

  /** Writes one file into its staging place. */
  async file(target: string, data: Uint8Array | string): Promise<void> {
    const entry = this.add(target, 'file');
    await this.parentOf(target);
    try {
      await writeFile(entry.staged, data);
    } catch (cause) {
      throw cannotWrite(target, cause);
    }
  }

  /** Where an output is staged until `commit` (the target itself once committed, or if it is no output of this batch). */
  stagedPath(target: string): string {
    return this.entries.find((e) => e.target === target)?.staged ?? target;
  }

  /** Takes these outputs out of the batch before `commit`: their staged copies are removed, and what is at the targets stays. */
  async withhold(targets: string[]): Promise<void> {
    const out = this.entries.filter((e) => targets.includes(e.target));
    for (const entry of out) {
      await rm(entry.staged, { recursive: true, force: true });
      this.entries.splice(this.entries.indexOf(entry), 1);
    }
  }

  /** Swaps every staged output into place, in the order staged; on a failure, undoes the swaps done. */
  async commit(): Promise<void> {
    for (const entry of this.entries) {
      try {
        // A folder replaces whatever is at its place; a file never moves a folder aside.
        const existing = await lstat(entry.target).catch(() => undefined);
        if (existing && (entry.kind === 'folder' || !existing.isDirectory())) {
          const old = `${entry.target}.old-${unique()}`;
          await rename(entry.target, old);
          entry.old = old;
        }
        await rename(entry.staged, entry.target);
        entry.swapped = true;
      } catch (cause) {
        await this.rollBack();
        throw cannotWrite(entry.target, cause);
      }
    }
    // What the new outputs replaced goes all at once: one after another, the dozen a build of
    // four audiences replaces took 10-16 ms of waits on the disk at the end of the run (issue 19).
    await Promise.all(this.entries.filter((entry) => entry.old).map((entry) => rm(entry.old!, { recursive: true, force: true })));
    this.entries.length = 0;
    this.created.length = 0;
  }

  /** Removes whatever is staged and not committed; safe to call on every path (`finally`). */
  async discard(): Promise<void> {
    // Cleaning up never hides the error that stopped the batch (a file where a folder was staged).
    for (const entry of this.entries) await rm(entry.staged, { recursive: true, force: true }).catch(() => undefined);
    for (const dir of this.created.reverse()) await removeEmptyFolders(dir);
    this.entries.length = 0;
    this.created.length = 0;
  }

  /** Makes the folder a target goes in (one level at a time: see makeFolder), remembering what it made. */
  private async parentOf(target: string): Promise<void> {
    const created = await makeFolder(dirname(target));
    if (created) this.created.push(created);
  }

  private add(target: string, kind: Staged['kind']): Staged {
    const entry: Staged = { target, kind, staged: `${target}.tmp-${unique()}` };
    this.entries.push(entry);
    return entry;
  }

  /** Puts back what the swaps replaced, last first. */
  private async rollBack(): Promise<void> {
    for (const entry of [...this.entries].reverse()) {
      if (entry.swapped) await rename(entry.target, entry.staged).catch(() => undefined);
      if (entry.old) await rename(entry.old, entry.target).catch(() => undefined);
      entry.swapped = false;
      entry.old = undefined;
    }
  }
}

/** Removes `dir` and the folders below it if they hold no files (what a discarded batch left). */
async function removeEmptyFolders(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) if (entry.isDirectory()) await removeEmptyFolders(join(dir, entry.name));
  await rmdir(dir).catch(() => undefined);
}

/** Writes one folder atomically: staged beside it, then swapped in; a failure leaves the old folder. */
export async function writeFolder(target: string, files: OutputFiles): Promise<void> {
  const batch = new OutputBatch();
  try {
    await batch.folder(target, files);
    await batch.commit();
  } finally {
    await batch.discard();
  }
}

/** A disk error as a clear message (full folder, a folder where a file should go), not a stack trace. */
function cannotWrite(path: string, cause: unknown): BriefdeckError {
  if (cause instanceof BriefdeckError) return cause;
  return new BriefdeckError('export', `cannot write ${path}: ${firstLine(cause)}`, [], { cause });
}

/**
 * A name suffix for a staged or replaced output: random, so two runs writing the same place
 * never pick the same one. Not a secret, so Math.random serves, and a build need not load
 * Node's crypto module for it (issue 19).
 */
function unique(): string {
  return Math.random().toString(36).slice(2, 10).padEnd(8, '0');
}
