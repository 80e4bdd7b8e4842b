import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadDeckParts, findDecks, type LoadOptions } from '../load/deck-file.js';
import { loadAudienceProfile } from '../load/audience-file.js';
import { parseDeck } from '../parse/deck.js';
import { readLayouts } from '../layouts/index.js';
import { planDeck } from '../plan/plan.js';
import { renderDeck, type RenderedDeck } from '../render/html/render.js';
import { deckAssets, assetsDir } from '../write/assets.js';
import { writeFileAtomic, writeFolder, type OutputFiles } from '../write/output.js';
import { renderHandout, handoutFile } from '../render/html/handout.js';
import { memoContent, walk, type MemoContent, type MemoFormat } from '../render/memo/memo-content.js';
import { memoFile, renderMemoHtml, type Paper } from '../render/memo/memo-html.js';
import { renderMemoDocx } from '../render/memo/memo-docx.js';
import { silentLogger, type Logger } from '../kernel/logger.js';
import { singleFileDeck } from '../write/single-file.js';
import { imageFiles } from '../write/images.js';
import { BriefdeckError, Problems, type Problem } from '../kernel/problem.js';
import type { Progress } from '../kernel/progress.js';
import type { AudienceProfile } from '../load/schema.js';
import { version } from '../kernel/version.js';
import type { SettingsLayer } from '../load/settings.js';
import { bannerText, formatMarking } from '../load/marking.js';
import { ceilingOf } from '../plan/audience.js';
import type { BuiltVersion, LoadedDeck, ParsedDeck, PlannedDeck } from '../model.js';

/**
 * The whole program, one stage after another:
 *
 *   load   files -> LoadedDeck      (front matter and manifest validated)   deck-file.ts
 *   parse  LoadedDeck -> ParsedDeck (slides, attributes, notes, citations)  deck.ts, brief.ts
 *   plan   ParsedDeck -> PlannedDeck per audience (select, order, number)   plan.ts, audience.ts
 *   render PlannedDeck -> HTML      (Handlebars layouts, reveal.js)         render.ts
 *   write  HTML + assets -> output/<deck>/<audience>/                      output.ts, assets.ts
 *   export index.html -> PDF        (puppeteer, one page per slide)         pdf.ts, browser.ts
 *
 * parse, plan and render are pure; only load, write and export touch disk or a browser.
 */

export interface BuildOptions extends LoadOptions {
  /** An audience name, `all`, or undefined for every audience the deck names. */
  audience?: string;
  /** Output root; decks go to `<out>/<deck>/<audience>/`. */
  out?: string;
  /** Also export a PDF per audience. */
  pdf?: boolean;
  /** For `pdf` with one deck and one audience: the PDF file to write. */
  pdfPath?: string;
  /** Browser executable (else PUPPETEER_EXECUTABLE_PATH, a system Chromium, puppeteer's own). */
  browser?: string;
  /** Settings from command-line flags (`--draft`): the last layer, so they win. */
  settings?: SettingsLayer;
  /** The HTML is only a step towards a PDF (`pdf --out FILE`): its scratch folder is not reported. */
  scratchHtml?: boolean;
  /** Also log, per audience, every slide it did not get and why. */
  verbose?: boolean;
  /** How long one deck may take to lay out for print before export gives up. */
  timeoutMs?: number;
  /** Aborting (Ctrl-C) closes the browser and stops the export. */
  signal?: AbortSignal;
  /** PDFs printed at once (default: the number of CPUs). */
  jobs?: number;
  /** Also write one self-contained HTML file per version. */
  singleFile?: boolean;
  /** Also build and print a read-ahead handout per version. */
  handout?: boolean;
  /** The caller prints every deck's PDFs with one browser once all are built (buildDecks). */
  exportDeferred?: boolean;
  /** Also make the read-ahead memo per version: its PDF, its Word file, or both. */
  memo?: MemoFormat;
  /** For `memo --out FILE` with one deck and one audience: the memo file (its extension is the format's). */
  memoPath?: string;
  log?: Logger;
  progress?: Progress;
}

/**
 * load -> parse for one deck, and the audiences to build. Problems of every stage and
 * file are reported together, in one error; warnings go to the logger.
 */
export async function readDeck(deckPath: string, options: BuildOptions = {}): Promise<{ parsed: ParsedDeck; audiences: AudienceProfile[] }> {
  // Load and parse share one list: a bad file does not hide the problems of the others.
  const problems = new Problems();
  const loaded = await loadDeckParts(deckPath, options, problems);
  if (!loaded) {
    problems.throwIfErrors();
    throw new BriefdeckError('bad-input', `cannot read ${deckPath}`);
  }
  const parsed = readLayouts(parseDeck(loaded, problems), problems);
  const audiences = await chooseAudiences(loaded, options.audience, problems);
  problems.throwIfErrors();
  problems.warnings.forEach((w) => (options.log ?? silentLogger).warn(w));
  return { parsed, audiences };
}

/** plan -> render for one audience; budget and theme problems of the plan are thrown. */
export function renderVersion(parsed: ParsedDeck, audience: AudienceProfile, options: BuildOptions = {}): { plan: PlannedDeck; rendered: RenderedDeck } {
  const log = options.log ?? silentLogger;
  const plan = planDeck(parsed, audience, options.settings);
  if (options.verbose) droppedLines(parsed.deck.name, plan).forEach((line) => log.info(line));
  if (plan.problems.some((p) => p.severity === 'error')) throw BriefdeckError.badInput(plan.problems);
  plan.problems.forEach((w) => log.warn(w));
  return { plan, rendered: renderDeck(plan, parsed.deck.templates, { assets: assetsDir, version }) };
}

/** Runs load -> parse -> plan -> render for one deck and its chosen audiences; nothing is written. */
export async function prepareDeck(deckPath: string, options: BuildOptions = {}): Promise<{ parsed: ParsedDeck; versions: { plan: PlannedDeck; rendered: RenderedDeck }[] }> {
  const { parsed, audiences } = await readDeck(deckPath, options);
  return { parsed, versions: audiences.map((audience) => renderVersion(parsed, audience, options)) };
}

/**
 * The files a browser needs to show one audience version: theme and reveal.js assets, the
 * brief's local images, index.html. Build, check and serve all write these; a missing or
 * unsafe image is an error.
 */
export async function deckFiles(deck: LoadedDeck, plan: PlannedDeck, rendered: RenderedDeck): Promise<OutputFiles> {
  const files = await deckAssets(deck.templates, plan.info.theme, rendered.text);
  const imageProblems = new Problems();
  for (const [path, file] of await imageFiles(plan, deck.root, imageProblems)) files.set(path, file);
  imageProblems.throwIfErrors();
  files.set('index.html', { text: rendered.html });
  return files;
}

/** Builds one deck: every chosen audience rendered first, then written, then (optionally) printed. */
export async function buildDeck(deckPath: string, options: BuildOptions = {}): Promise<BuiltVersion[]> {
  const log = options.log ?? silentLogger;
  const { parsed, versions } = await prepareDeck(deckPath, options);
  if ((options.pdfPath || options.memoPath) && versions.length > 1) throw onePdfFileError();
  const deck = parsed.deck;
  const outRoot = resolve(options.out ?? 'output');
  // Every memo is made before anything is written: a version without a bottom line fails the run.
  const memos = options.memo ? versions.map((v) => memoContent(v.plan, deck.file)) : [];
  const built: BuiltVersion[] = [];
  for (const [i, { plan, rendered }] of versions.entries()) {
    const folder = join(outRoot, deck.name, plan.audience.name);
    const memo = memos[i];
    const files = await deckFiles(deck, plan, memo ? { ...rendered, text: `${rendered.text} ${memoText(memo)}` } : rendered);
    files.set('build-report.json', { text: JSON.stringify(buildReport(plan), null, 2) + '\n' });
    if (options.handout) files.set(handoutFile, { text: renderHandout(plan, deck.templates, { assets: assetsDir, version }) });
    if (memo && options.memo !== 'docx') {
      files.set(memoFile, { text: renderMemoHtml(memo, deck.templates, { assets: assetsDir, version, audienceName: plan.audience.name, paper: paperOf(plan) }) });
    }
    await writeFolder(folder, files);
    let memoDocxPath: string | undefined;
    if (memo && options.memo !== 'pdf') {
      memoDocxPath = memoOutput(options, outRoot, deck.name, plan.audience.name, 'docx');
      await writeFileAtomic(memoDocxPath, await renderMemoDocx(memo, { paper: paperOf(plan), generator: `briefdeck ${version}`, keywords: plan.info.keywords }));
      log.info(`${deck.name}/${plan.audience.name}: memo (Word) -> ${memoDocxPath}`);
    }
    if (options.singleFile) {
      const single = join(outRoot, deck.name, `${deck.name}-${plan.audience.name}.html`);
      await writeFileAtomic(single, await singleFileDeck(rendered.html, files));
      log.info(`${deck.name}/${plan.audience.name}: one-file HTML -> ${single}`);
    }
    // `pdf --out FILE` prints from a scratch folder that is gone when the command ends: not worth a line.
    if (!options.scratchHtml) log.info(`${deck.name}/${plan.audience.name}: ${plan.slides.length} slides -> ${join(folder, 'index.html')}`);
    built.push({ deck: deck.name, audience: plan.audience.name, htmlPath: join(folder, 'index.html'), slides: plan.slides.length, plan, memoDocxPath });
  }
  if (!options.exportDeferred && (options.pdf || memoPdf(options))) await exportBuilt(built, outRoot, options);
  return built;
}

/** Builds every deck named (or every deck under briefs/) with one browser for all PDFs. */
export async function buildDecks(deckArg: string | undefined, options: BuildOptions = {}): Promise<BuiltVersion[]> {
  const paths = await findDecks(deckArg, options.cwd);
  if ((options.pdfPath || options.memoPath) && paths.length > 1) throw onePdfFileError();
  const all: BuiltVersion[] = [];
  // Every deck is attempted: one broken deck is reported, not a reason to skip the rest.
  const failed: { path: string; error: BriefdeckError }[] = [];
  for (const path of paths) {
    try {
      all.push(...(await buildDeck(path, { ...options, exportDeferred: true })));
    } catch (error) {
      if (paths.length === 1 || !(error instanceof BriefdeckError) || error.code !== 'bad-input') throw error;
      failed.push({ path, error });
    }
  }
  if (options.pdf || memoPdf(options)) await exportBuilt(all, resolve(options.out ?? 'output'), options);
  if (failed.length) throw decksFailed(paths.length, failed);
  return all;
}

/** Exports PDFs: builds the HTML of each deck and audience, then prints them all with one browser. */
export async function exportPdf(deckArg: string | undefined, options: BuildOptions = {}): Promise<BuiltVersion[]> {
  if (options.pdfPath === undefined || options.out !== undefined) return buildDecks(deckArg, { ...options, pdf: true });
  // `pdf --out FILE` writes that file only: the HTML it prints from is built in a scratch folder.
  const scratch = await mkdtemp(join(tmpdir(), 'briefdeck-html-'));
  try {
    return await buildDecks(deckArg, { ...options, out: scratch, pdf: true, scratchHtml: true });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Every broken deck's problems in one error, closed by a line saying how many decks built. */
function decksFailed(total: number, failed: { path: string; error: BriefdeckError }[]): BriefdeckError {
  const problems = failed.flatMap((f) => (f.error.problems.length ? f.error.problems : [{ file: f.path, message: f.error.message, severity: 'error' as const }]));
  const summary = `built ${total - failed.length} of ${total} decks; ${failed.length} failed: ${failed.map((f) => relative(process.cwd(), f.path) || f.path).join(', ')}`;
  return new BriefdeckError('bad-input', summary, problems, { summary: true });
}

/**
 * `briefdeck memo`: the read-ahead of each version (HTML of the deck built as for `pdf`).
 * With `--out FILE` the memo is written there and the HTML it printed from is scratch.
 */
export async function exportMemo(deckArg: string | undefined, options: BuildOptions & { memo: MemoFormat }): Promise<BuiltVersion[]> {
  if (options.memoPath === undefined || options.out !== undefined) return buildDecks(deckArg, { ...options, pdf: false });
  const scratch = await mkdtemp(join(tmpdir(), 'briefdeck-html-'));
  try {
    return await buildDecks(deckArg, { ...options, out: scratch, pdf: false, scratchHtml: true });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Where a memo file goes: beside the version's PDF, or the `--out` file with the format's extension. */
export function memoOutput(options: BuildOptions, outRoot: string, deck: string, audience: string, ext: 'pdf' | 'docx'): string {
  if (options.memoPath) return resolve(options.memoPath).replace(/\.(pdf|docx)$/i, '') + `.${ext}`;
  return join(outRoot, deck, `${deck}-${audience}-memo.${ext}`);
}

function memoPdf(options: BuildOptions): boolean {
  return options.memo === 'pdf' || options.memo === 'both';
}

/** The house style's paper for page documents (A4 unless it says letter). */
function paperOf(plan: PlannedDeck): Paper {
  return (plan.info as { paper?: string }).paper === 'letter' ? 'letter' : 'a4';
}

/** The memo's words, so its font subsets are copied with the deck's. */
function memoText(memo: MemoContent): string {
  const words: string[] = [];
  walk([...memo.bottomLine.lead.flatMap((l) => l.blocks), ...memo.bottomLine.judgments.flatMap((j) => j.text), ...memo.body.flatMap((b) => b.blocks)], (t) => {
    if ('text' in t && typeof t.text === 'string') words.push(t.text);
  });
  return words.join(' ') + ' ' + memo.sources.map((s) => s.source.title).join(' ');
}

/** `pdf --out FILE` names one PDF: refused before anything is built when more would be made. */
function onePdfFileError(): BriefdeckError {
  return new BriefdeckError('usage', '--out names one file, but this makes several (decks or audiences); name one deck and pick one --audience');
}

/** Prints every built version with one browser; puppeteer loads only here. */
async function exportBuilt(built: BuiltVersion[], outRoot: string, options: BuildOptions): Promise<void> {
  const { exportVersions } = await import('../export/export.js');
  await exportVersions(built, outRoot, { ...options, deckPdfs: Boolean(options.pdf), memoPdf: memoPdf(options), log: options.log ?? silentLogger });
}

/** The audiences to build: the named one, or all of the deck's. Unknown names are errors. */
async function chooseAudiences(deck: LoadedDeck, wanted: string | undefined, problems: Problems): Promise<AudienceProfile[]> {
  if (wanted === undefined || wanted === 'all') return deck.audiences;
  const listed = deck.audiences.find((a) => a.name === wanted);
  if (listed) return [listed];
  const named = await loadAudienceProfile(wanted, deck.templates, problems);
  if (named) return [named];
  const known = [...new Set([...deck.audiences.map((a) => a.name), ...deck.templates.audiences.keys()])].join(', ');
  problems.error(deck.file, undefined, `unknown audience "${wanted}" (known: ${known})`);
  return [];
}

/** `--verbose`: one line per slide an audience did not get, so an analyst sees why. */
function droppedLines(deck: string, plan: PlannedDeck): string[] {
  const head = `${deck}/${plan.audience.name}: kept ${plan.slides.length} slides, dropped ${plan.dropped.length}`;
  return [head, ...plan.dropped.map((d) => `  dropped #${d.id} "${d.title}" (${d.file}:${d.line}): ${d.reason}`)];
}

/** What an audience version holds and what it left out, written beside the deck. */
export function buildReport(plan: PlannedDeck) {
  const ceiling = ceilingOf(plan.audience);
  const { maxSlides, counted, overBudget } = plan.budget;
  return {
    generator: `briefdeck ${version}`,
    audience: plan.audience.name,
    label: plan.audience.label ?? plan.audience.name,
    preparedFor: plan.info.preparedFor ?? null,
    theme: plan.info.theme,
    // The as-of date this version was built with (`date: today` resolved once for the run).
    asOf: plan.info.date ?? null,
    draft: plan.info.status === 'draft',
    marking: {
      banner: plan.marking ? bannerText(plan.marking) || null : null,
      tlp: plan.marking?.tlp ?? null,
      full: plan.marking ? formatMarking(plan.marking) : null,
      ceiling: ceiling ? formatMarking(ceiling) : null,
    },
    budget: { maxSlides: maxSlides ?? null, counted, over: maxSlides === undefined ? 0 : Math.max(0, counted - maxSlides), overBudget },
    slides: plan.slides.map((s, i) => ({
      number: i + 1,
      id: s.id,
      title: s.title,
      layout: s.layout,
      backup: s.backup,
      generated: s.kind !== 'content',
      ...(s.kind === 'content' ? { file: s.slide.file, line: s.slide.line, marking: s.slide.marking ?? null } : {}),
    })),
    dropped: plan.dropped,
    sources: plan.sources.map((s) => ({ number: s.number, id: s.source.id })),
    problems: plan.problems,
  };
}
