import { readFile, rm } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { isBuiltInTemplate } from '../load/template-set.js';
import { BriefdeckError, type Problem } from '../kernel/problem.js';
import type { Logger } from '../kernel/logger.js';
import type { BuiltVersion, ParsedDeck } from '../model.js';
import { normalText, phraseIndex, secretsOf, shownText, type Haystack, type Secret } from './leak-text.js';
import { htmlTexts, textExtractors } from './output-text.js';

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
  const scan = leakScan(log, options);
  for (const v of versions) scan.read(v);
  await scan.finish();
}

/** A leak scan taken a version at a time: see scanVersions. */
export interface LeakScan {
  /**
   * Starts reading back one version's outputs written (staged) by now; an output read already is
   * not read again, so a build reads a version's folder once it is written and its PDFs once they
   * are printed. An internal version is skipped.
   */
  read(version: ScannedVersion): void;
  /**
   * Once every output of every version has been read: reports each version (in the order of
   * `order`, the build's, else as read), removes those that leaked or could not be read, and
   * throws what was wrong.
   */
  finish(order?: BuiltVersion[]): Promise<void>;
  /** Waits for every read under way to end, with no verdict: for a build that failed before its scan did. */
  settle(): Promise<void>;
}

/** One external version under scan: what it must not show, what was read of it so far, and what that found. */
interface VersionScan {
  v: ScannedVersion;
  /** Made by the first read (secretsOfVersion): what went wrong then is that read's failure. */
  secrets?: Secret[];
  /** The shipped scripts and styles in its folder (shippedAssets), listed by the first read. */
  shipped?: string[];
  read: Set<string>;
  found: Promise<Leak[]>[];
}

/**
 * The leak scan of scanVersions, begun as each version's outputs are written: a build reads a
 * version's folder while its PDF prints, and the PDF while the next one prints (issue 19). The
 * verdict is the same.
 */
export function leakScan(log: Logger, options: ScanOptions = {}): LeakScan {
  const { readFrom = (path: string) => path, remove = deleteOutputs } = options;
  // The shipped scripts and styles every version carries, put in normal form and indexed (when a phrase is found) once for all of them.
  const texts = scanTexts();
  const external = new Map<BuiltVersion, VersionScan>();
  const leaksOfEach = (scans: VersionScan[]) => Promise.allSettled(scans.map(async (scan) => shippedLeaksRemoved(scan, readFrom, texts, (await Promise.all(scan.found)).flat())));
  return {
    read(v) {
      if (!v.version.plan.audience.external) return;
      let scan = external.get(v.version);
      if (!scan) external.set(v.version, (scan = { v, read: new Set(), found: [] }));
      // Read while the rest goes on: reading a PDF is another program's work (MuPDF's mutool).
      const found = leaksIn(scan, readFrom, texts);
      found.catch(() => undefined); // settled in finish()
      scan.found.push(found);
    },
    async finish(order) {
      const rank = (scan: VersionScan) => order?.indexOf(scan.v.version) ?? 0;
      const scans = [...external.values()].sort((a, b) => rank(a) - rank(b));
      const results = await leaksOfEach(scans);
      await verdict(scans.map((scan, i) => ({ v: scan.v, result: results[i]! })), log, remove);
    },
    async settle() {
      await Promise.allSettled([...external.values()].flatMap((scan) => scan.found));
    },
  };
}

/** What the scan found, version by version: logged, leaking versions removed, the problems thrown. */
async function verdict(results: { v: ScannedVersion; result: PromiseSettledResult<Leak[]> }[], log: Logger, remove: (version: BuiltVersion) => Promise<void>): Promise<void> {
  const problems: Problem[] = [];
  for (const { v, result } of results) {
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
  const unread = results.filter((r) => r.result.status === 'rejected');
  if (unread.length) {
    // Outputs that could not be read back (no mutool) are not left to be handed out
    // unchecked; the versions that leaked are already gone (above).
    for (const { v } of unread) await remove(v.version);
    throw (unread[0]!.result as PromiseRejectedResult).reason;
  }
  if (problems.length) throw BriefdeckError.badInput(problems);
}

/** Every leak in one version's outputs; `readFrom` says where each output is read (see ScanOptions). */
export async function leaksOf(v: ScannedVersion, readFrom: (output: string) => string = (path) => path, texts: ScanTexts = scanTexts()): Promise<Leak[]> {
  const scan: VersionScan = { v, read: new Set(), found: [] };
  return shippedLeaksRemoved(scan, readFrom, texts, await leaksIn(scan, readFrom, texts));
}

/**
 * Phrases of the slides a version dropped that it does not show itself. Those also in the text
 * briefdeck ships are no secrets either: that is asked only of a phrase found (shippedLeaksRemoved).
 */
function secretsOfVersion({ version, parsed }: ScannedVersion): Secret[] {
  // Hundreds of phrases asked of it: indexed, not searched end to end for each (phraseIndex).
  return secretsOf(parsed.slides, version.plan, parsed.sources, phraseIndex(shownText(version.plan)));
}

/** The secrets found in the outputs of a version written by now and not read before (each is then marked read). */
async function leaksIn(scan: VersionScan, readFrom: (output: string) => string, texts: ScanTexts): Promise<Leak[]> {
  // A shipped file is counted as shown (shippedLeaksRemoved), read as the scan reads it: it can hold no secret, and is not read.
  const counted = new Set(shippedOf(scan, readFrom));
  const unread = outputsOf(scan.v.version, readFrom).filter(({ read }) => !counted.has(read) && !scan.read.has(read));
  for (const { read } of unread) scan.read.add(read);
  const secrets = (scan.secrets ??= secretsOfVersion(scan.v));
  if (!secrets.length) return [];
  const perOutput = await Promise.all(
    unread.map(async ({ output, read }) => {
      const extractor = textExtractors.find((e) => e.handles(output));
      if (!extractor) return [];
      const text = phraseIndex((await extractor.extract(read)).map(texts.normal).join('|'));
      return secrets.filter((secret) => text.includes(secret.phrase)).map((secret) => ({ output, secret }));
    }),
  );
  return perOutput.flat();
}

/**
 * The leaks found, less phrases of the built-in templates' words and the shipped files, as
 * written and as the scan reads them: every version shows those (a one-file HTML holds
 * reveal.js), so a phrase in them is no leak. They are read only when something was found.
 */
async function shippedLeaksRemoved(scan: VersionScan, readFrom: (output: string) => string, texts: ScanTexts, found: Leak[]): Promise<Leak[]> {
  if (!found.length) return found;
  const shipped = await Promise.all(shippedOf(scan, readFrom).map(async (file) => texts.index(await readFile(file, 'utf8'), 'html')));
  const fixed = [...builtInTemplateTexts(scan.v.parsed).map((text) => texts.index(text)), ...shipped];
  return found.filter(({ secret }) => !fixed.some((text) => text.includes(secret.phrase)));
}

/** The shipped scripts and styles in a version's staged folder, listed once. */
function shippedOf(scan: VersionScan, readFrom: (output: string) => string): string[] {
  const { version, parsed } = scan.v;
  return (scan.shipped ??= shippedAssets(join(readFrom(dirname(version.htmlPath)), 'assets'), builtInTheme(version, parsed)));
}

/** The files of a version (everything in its folder, its one-file HTML, PDF, handout and PowerPoint): where each goes, and where it is read. */
function outputsOf(v: BuiltVersion, readFrom: (output: string) => string): { output: string; read: string }[] {
  const folder = dirname(v.htmlPath);
  const inFolder = filesUnder(readFrom(folder)).map((read) => ({ output: join(folder, relative(readFrom(folder), read)), read }));
  const files = versionOutputs(v)
    .filter((output) => output !== folder)
    .map((output) => ({ output, read: readFrom(output) }))
    .filter(({ read }) => existsSync(read));
  return [...inFolder, ...files];
}

/** Every file under a folder (a version's few dozen: listed at once). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * The built-in templates' own words (labels such as "notes" or "Sources") are not a dropped
 * slide's. A house style's templates are not trusted so: text they carry is scanned.
 */
function builtInTemplateTexts(parsed: ParsedDeck): string[] {
  const t = parsed.deck.templates;
  return [t.shell, t.handout, t.memo, ...t.layouts.values(), ...t.partials.values()].filter((f) => f !== undefined && isBuiltInTemplate(f.file)).map((f) => f!.text);
}

function builtInTheme(v: BuiltVersion, parsed: ParsedDeck): boolean {
  // A house theme (or its branding layer) is the house's text, not briefdeck's: it is scanned like any output.
  const css = parsed.deck.templates.themes.get(v.plan.info.theme);
  return css !== undefined && !css.house && !v.plan.info.branding.logo && Object.keys(v.plan.info.branding.colors ?? {}).length === 0;
}

/** The shipped styles and scripts (reveal.js, the built-in theme) every version carries, whatever it holds. */
function shippedAssets(dir: string, themeIsBuiltIn: boolean): string[] {
  return filesUnder(dir).filter((f) => ['.css', '.js'].includes(extname(f)) && (themeIsBuiltIn || f !== join(dir, 'theme.css')));
}

/** What a scan keeps from one version to the next: the same texts (reveal.js, the theme, the templates) in every version. */
export interface ScanTexts {
  /** normalText, remembered for long texts. */
  normal(text: string): string;
  /** A text in normal form, indexed for phrases (phraseIndex), remembered by text; `html`: with it as the scan reads it too (htmlTexts). */
  index(text: string, readAs?: 'text' | 'html'): Haystack;
}

/**
 * Texts every version of a build shares are put in normal form and indexed once, not again for
 * each version: reveal.js alone took 8 ms to put in normal form, and looking for each phrase of
 * the dropped slides in it, one at a time, 20-30 ms (issue 19).
 */
export function scanTexts(): ScanTexts {
  const normals = new Map<string, string>();
  const indexes = { text: new Map<string, Haystack>(), html: new Map<string, Haystack>() };
  const normal = (text: string) => {
    if (text.length < 4096) return normalText(text);
    let found = normals.get(text);
    if (found === undefined) normals.set(text, (found = normalText(text)));
    return found;
  };
  return {
    normal,
    index(text, readAs = 'text') {
      let found = indexes[readAs].get(text);
      if (found === undefined) {
        const forms = readAs === 'html' ? [text, ...htmlTexts(text)] : [text];
        indexes[readAs].set(text, (found = phraseIndex(forms.map(normal).join('|'))));
      }
      return found;
    },
  };
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
