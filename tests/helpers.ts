import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { runCli } from '../src/cli/cli.js';

/** Runs the CLI in process, as a user would, and returns its exit code and output. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** Writes a file under `dir` (making its folders) and returns its path. */
export async function writeIn(dir: string, name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
  return path;
}

/** A fresh temporary folder, removed by the returned cleanup. */
export async function tempDir(prefix = 'briefdeck-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Every file under `root` with its content, so "untouched" can be compared exactly. */
export async function snapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(path.slice(root.length), (await readFile(path)).toString('base64'));
    }
  }
  return files;
}

/** Text of a PDF, page by page (pdftotext, from poppler-utils). */
export function pdfPages(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/** `pdfinfo` fields of a PDF. */
export function pdfInfo(pdf: string): Record<string, string> {
  const text = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Object.fromEntries(text.split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
}

/** Fonts listed by `pdffonts`: name and whether embedded. */
export function pdfFonts(pdf: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' };
  });
}

export const repoRoot = join(import.meta.dirname, '..');

/** How many processes have `marker` in their command line (`pgrep -f`; pgrep never counts itself). */
export function processesMatching(marker: string): number {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
  } catch {
    return 0; // pgrep exits 1 when nothing matches
  }
}

/**
 * How many such processes are still running after waiting up to `ms` for them to exit.
 * Chromium's helper processes take a moment to go after the browser is closed (longer on
 * a loaded machine); one that was really left behind is still there when the wait ends.
 */
export async function processesLeft(marker: string, ms = 10_000): Promise<number> {
  const until = Date.now() + ms;
  let left = processesMatching(marker);
  while (left > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    left = processesMatching(marker);
  }
  return left;
}

/** Waits up to `ms` for at least one such process to start; returns how many there are. */
export async function processesStarted(marker: string, ms = 60_000): Promise<number> {
  const until = Date.now() + ms;
  let count = processesMatching(marker);
  while (count === 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    count = processesMatching(marker);
  }
  return count;
}

/** How many frames a page draws in 0.3 s: run it in the page (page.evaluate). */
export const framesIn300ms = (): Promise<number> =>
  new Promise<number>((done) => {
    let frames = 0;
    const frame = () => {
      frames++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    setTimeout(() => done(frames), 300);
  });
