import { readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { isBuiltInTemplate } from '../load/template-set.js';
import { BriefdeckError, type Problem } from '../kernel/problem.js';
import type { Logger } from '../kernel/logger.js';
import type { BuiltVersion, ParsedDeck } from '../model.js';
import { normalText, secretsOf, shownText, type Secret } from './leak-text.js';
import { textExtractors } from './output-text.js';

/** Leaks listed per version; the rest are counted. */
const maxLeaksShown = 10;

/** One external version to scan, with the deck it was built from. */
export interface ScannedVersion {
  version: BuiltVersion;
  parsed: ParsedDeck;
}

/** Where the scan reads a version's outputs, and what it does with a version that fails. */
export interface ScanOptions {
  /**
   * Where an output is read from: the build passes its staging place (write/output.ts), so
   * outputs are read before any is swapped in. Messages name the output where it goes.
   */
  readFrom?: (output: string) => string;
  /** What becomes of a version that leaks or cannot be read back: by default its outputs are deleted. */
  remove?: (version: BuiltVersion) => Promise<void>;
}

/** A secret found in an output. */
export interface Leak {
  output: string;
  secret: Secret;
}

/**
 * The leak scan, run in every build: each external version's outputs (its folder's HTML,
 * scripts, styles and JSON, the one-file HTML, the PDF and the handout, text, bookmarks and
 * document properties, the memo, the PowerPoint's slides, notes, masters and properties) are
 * read back, and any text unique to a slide the version dropped fails the build. A build
 * reads them where they are staged, and a version that leaks (or cannot be read back) is
 * removed (ScanOptions): never put in place, so nothing half-safe is left to hand out.
 * Internal versions are not scanned: they may hold anything.
 */
export async function scanVersions(versions: ScannedVersion[], log: Logger, options: ScanOptions = {}): Promise<void> {
  const { readFrom = (path: string) => path, remove = deleteOutputs } = options;
  const problems: Problem[] = [];
  const external = versions.filter((s) => s.version.plan.audience.external);
  // Every version read back at once: reading a PDF is another program's work (pdftotext).
  const scanned = await Promise.allSettled(external.map((v) => leaksOf(v, readFrom)));
  for (const [i, v] of external.entries()) {
    const result = scanned[i]!;
    if (result.status === 'rejected') continue;
    const leaks = result.value;
    if (!leaks.length) {
      log.info(`${v.version.deck}/${v.version.audience}: leak scan found none of the ${v.version.plan.dropped.length} dropped slides in its outputs`);
      continue;
    }
    await remove(v.version);
    const shownLeaks = leaks.slice(0, maxLeaksShown);
    for (const { output, secret } of shownLeaks) {
      const s = secret.slide;
      problems.push({
        file: shown(output),
        severity: 'error',
        message: `leak: the ${secret.what} "${clip(secret.excerpt)}" of slide "${s.title}" (${s.file}:${s.line}) appears, but ${v.version.audience} does not get that slide (${s.reason}); every output of this version was deleted`,
      });
    }
    if (leaks.length > shownLeaks.length) {
      problems.push({ file: shown(dirname(v.version.htmlPath)), severity: 'error', message: `leak: ${leaks.length - shownLeaks.length} more text(s) of dropped slides in the outputs of ${v.version.deck}/${v.version.audience}` });
    }
  }
  const unread = external.filter((_, i) => scanned[i]!.status === 'rejected');
  if (unread.length) {
    // Outputs that could not be read back (no pdftotext) are not left to be handed out
    // unchecked; the versions that leaked are already gone (above).
    for (const v of unread) await remove(v.version);
    throw (scanned.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason;
  }
  if (problems.length) throw BriefdeckError.badInput(problems);
}

/** Every leak in one version's outputs; `readFrom` says where each output is read (see ScanOptions). */
export async function leaksOf({ version, parsed }: ScannedVersion, readFrom: (output: string) => string = (path) => path): Promise<Leak[]> {
  const folder = dirname(version.htmlPath);
  const shownParts = [shownText(version.plan), ...builtInTemplateTexts(parsed), ...(await shippedAssetTexts(join(readFrom(folder), 'assets'), builtInTheme(version, parsed)))];
  const secrets = secretsOf(parsed.slides, version.plan, parsed.sources, shownParts.join('|'));
  if (!secrets.length) return [];
  const perOutput = await Promise.all(
    (await outputsOf(version, readFrom)).map(async ({ output, read }) => {
      const extractor = textExtractors.find((e) => e.handles(output));
      if (!extractor) return [];
      const text = (await extractor.extract(read)).map(normalText).join('|');
      return secrets.filter((secret) => text.includes(secret.phrase)).map((secret) => ({ output, secret }));
    }),
  );
  return perOutput.flat();
}

/** The files of a version (everything in its folder, its one-file HTML, PDF, handout and PowerPoint): where each goes, and where it is read. */
async function outputsOf(v: BuiltVersion, readFrom: (output: string) => string): Promise<{ output: string; read: string }[]> {
  const folder = dirname(v.htmlPath);
  const inFolder = (await filesUnder(readFrom(folder))).map((read) => ({ output: join(folder, relative(readFrom(folder), read)), read }));
  const files = versionOutputs(v)
    .filter((output) => output !== folder)
    .map((output) => ({ output, read: readFrom(output) }))
    .filter(({ read }) => existsSync(read));
  return [...inFolder, ...files];
}

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * The built-in templates' own words (labels such as "notes" or "Sources") are not a dropped
 * slide's. A house style's templates are not trusted so: text they carry is scanned.
 */
function builtInTemplateTexts(parsed: ParsedDeck): string[] {
  const t = parsed.deck.templates;
  return [t.shell, t.handout, t.memo, ...t.layouts.values(), ...t.partials.values()]
    .filter((f) => f !== undefined && isBuiltInTemplate(f.file))
    .map((f) => normalText(f!.text));
}

function builtInTheme(v: BuiltVersion, parsed: ParsedDeck): boolean {
  // A house theme (or its branding layer) is the house's text, not briefdeck's: it is scanned like any output.
  const css = parsed.deck.templates.themes.get(v.plan.info.theme);
  return css !== undefined && !css.house && !v.plan.info.branding.logo && Object.keys(v.plan.info.branding.colors ?? {}).length === 0;
}

/** The shipped styles and scripts (reveal.js, the built-in theme) every version carries, whatever it holds. */
async function shippedAssetTexts(dir: string, themeIsBuiltIn: boolean): Promise<string[]> {
  const files = (await filesUnder(dir)).filter((f) => ['.css', '.js'].includes(extname(f)) && (themeIsBuiltIn || f !== join(dir, 'theme.css')));
  return Promise.all(files.map(async (f) => normalText(await readFile(f, 'utf8'))));
}

/** Where each output of a version goes: its folder, and its files beside it. */
export function versionOutputs(v: BuiltVersion): string[] {
  return [dirname(v.htmlPath), v.singlePath, v.pdfPath, v.handoutPath, v.memoPdfPath, v.memoDocxPath, v.pptxPath].filter((p): p is string => p !== undefined);
}

/** Deletes every output of a version where it goes. */
export async function deleteOutputs(v: BuiltVersion): Promise<void> {
  for (const path of versionOutputs(v)) await rm(path, { recursive: true, force: true });
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
