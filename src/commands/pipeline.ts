import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadDeckParts, findDecks, type LoadOptions } from '../load/deck-file.js';
import { chooseAudiences } from '../load/audience-file.js';
import { checkDeckImages, type DeckImages } from '../load/deck-images.js';
import { parseDeck } from '../parse/deck.js';
import { readLayouts } from '../layouts/index.js';
import { loadSlideData } from '../load/chart-data.js';
import { planDeck } from '../plan/plan.js';
import { renderDeck, type RenderedDeck } from '../render/html/render.js';
import { checkOutputFile, checkOutputFolder, outputPath } from '../write/output-location.js';
import { handoutFile } from '../render/html/handout.js';
import { memoContent, walk, type MemoContent, type MemoFormat } from '../render/memo/memo-content.js';
import { memoFile, renderMemoHtml } from '../render/memo/memo-html.js';
import { assetsDir } from '../write/assets.js';
import { houseScript, revealOnlyPage } from '../load/template-set.js';
import { deckFiles } from '../write/deck-files.js';
import { OutputBatch, type OutputFiles } from '../write/output.js';
import { drawCharts, noCharts, type ChartArt } from '../render/html/chart-svg.js';
import { singleFileDeck } from '../write/single-file.js';
import type { StartedBrowser } from '../export/browser.js';
import type { ExportResult } from '../export/export.js';
import type { Logger } from '../kernel/logger.js';
import { BriefdeckError, Problems, type Problem } from '../kernel/problem.js';
import { runContext, type RunContext, type RunOptions } from '../kernel/run.js';
import type { AudienceProfile } from '../load/schema.js';
import { version } from '../kernel/version.js';
import type { SettingsLayer } from '../load/settings.js';
import { bannerText, formatMarking } from '../load/marking.js';
import { ceilingOf } from '../plan/audience.js';
import type { BuiltVersion, LoadedDeck, ParsedDeck, PlannedDeck } from '../model.js';
import { deleteOutputs, leakScan, versionOutputs, type LeakScan } from '../verify/leak-scan.js';
import type { RenderedPptxFile } from '../render/pptx/render.js';

/**
 * The whole program, one stage after another:
 *
 *   load    files -> LoadedDeck      (front matter, manifest, audiences validated)  load/
 *   parse   LoadedDeck -> ParsedDeck (slides, attributes, notes, citations)       parse/
 *   layouts a chart's CSV read, each slide read once into typed data, charts drawn once;
 *           local images checked, once                                           layouts/, load/
 *   plan    ParsedDeck -> PlannedDeck per audience (select, order, settings)       plan/
 *   render  PlannedDeck -> HTML      (Handlebars layouts, reveal.js)              render/html/
 *           PlannedDeck -> PowerPoint (pptxgenjs, editable, no browser)         render/pptx/, pptx-files.ts
 *   write   every output staged, then all swapped in at once (or none)            write/
 *   export  staged index.html -> PDF (puppeteer), written with the rest           export/
 *   verify  external versions' outputs read back: no text of a slide they dropped    verify/
 *
 * Validate everything, then write: every deck and every audience goes through load to
 * render, its problems into one list, before the first file is written. parse, plan and
 * render are pure; only load, write and export touch disk or a browser.
 */

export interface BuildOptions extends LoadOptions, RunOptions {
  /** An audience name, `all`, or undefined for every audience the deck names. */
  audience?: string;
  /** Also export a PDF per audience. */
  pdf?: boolean;
  /** For `pdf` with one deck and one audience: the PDF file to write (relative to `cwd`). */
  pdfPath?: string;
  /** Settings from command-line flags (`--draft`): the last layer, so they win. */
  settings?: SettingsLayer;
  /** The HTML is only a step towards a PDF (`pdf --out FILE`): its scratch folder is not reported. */
  scratchHtml?: boolean;
  /** Also log, per audience, every slide it did not get and why. */
  verbose?: boolean;
  /** Also write one self-contained HTML file per version. */
  singleFile?: boolean;
  /** Also build and print a read-ahead handout per version. */
  handout?: boolean;
  /** Also write an editable PowerPoint per version (no browser needed). */
  pptx?: boolean;
  /** For `pptx` with one deck and one audience: the PowerPoint file to write (relative to `cwd`). */
  pptxPath?: string;
  /** Read every external version's outputs back for text of slides it dropped (default: on). */
  leakScan?: boolean;
  /** Also make the read-ahead memo per version: its PDF, its Word file, or both. */
  memo?: MemoFormat;
  /** For `memo --out FILE` with one deck and one audience: the memo file (its extension is the format's). */
  memoPath?: string;
}

/** A deck loaded, parsed and checked (images included), with the audiences to build. */
export interface CheckedDeck {
  parsed: ParsedDeck;
  audiences: AudienceProfile[];
  images: DeckImages;
  /** Every chart of the deck, drawn once (vega draws asynchronously) for every version. */
  charts: ChartArt;
}

/** One audience version, planned and rendered. */
export interface RenderedVersion {
  plan: PlannedDeck;
  rendered: RenderedDeck;
}

/**
 * load -> parse -> layouts for one deck, its local images and the audiences to build.
 * Problems of every stage and file are reported together, in one error; warnings go to the logger.
 */
export async function readDeck(deckPath: string, options: BuildOptions = {}): Promise<CheckedDeck> {
  const run = runContext(options);
  const problems = new Problems();
  const read = await readInto(deckPath, options, run, problems);
  settle(problems, run.log); // a deck that could not be read at all has said why
  return read!;
}

/** plan -> render for one audience; budget and template problems are thrown, warnings logged. */
export function renderVersion(parsed: ParsedDeck, audience: AudienceProfile, options: BuildOptions = {}, charts: ChartArt = noCharts): RenderedVersion {
  const run = runContext(options);
  const problems = new Problems();
  const version = planAndRender(parsed, audience, options, run.log, problems, charts);
  settle(problems, run.log);
  return version!;
}

/** Runs load -> parse -> plan -> render for one deck and its chosen audiences; nothing is written. */
export async function prepareDeck(deckPath: string, options: BuildOptions = {}): Promise<CheckedDeck & { versions: RenderedVersion[] }> {
  const run = runContext(options);
  const problems = new Problems();
  const read = await readInto(deckPath, options, run, problems);
  const versions = read && !problems.hasErrors ? read.audiences.map((a) => problems.caught(() => planAndRender(read.parsed, a, options, run.log, problems, read.charts))) : [];
  settle(problems, run.log);
  return { ...read!, versions: versions.map((v) => v!) };
}

/** Builds one deck: every chosen audience validated and rendered first, then written, then (optionally) printed. */
export async function buildDeck(deckPath: string, options: BuildOptions = {}): Promise<BuiltVersion[]> {
  return buildPaths([deckPath], options, runContext(options));
}

/** Builds every deck named (or every deck under briefs/) with one browser for all PDFs. */
export async function buildDecks(deckArg: string | undefined, options: BuildOptions = {}): Promise<BuiltVersion[]> {
  const run = runContext(options);
  const paths = await findDecks(deckArg, run.cwd);
  if (paths.length > 1) refuseSeveralForOneFile(options);
  return buildPaths(paths, options, run);
}

/** Exports PDFs: builds the HTML of each deck and audience, then prints them all with one browser. */
export async function exportPdf(deckArg: string | undefined, options: BuildOptions = {}): Promise<BuiltVersion[]> {
  if (options.pdfPath !== undefined) await checkOutputFile(options.pdfPath);
  return buildForFile(deckArg, { ...options, pdf: true }, options.pdfPath);
}

/**
 * `pdf`, `memo` and `pptx` with `--out FILE` write that one file only: the HTML it is made
 * from is built in a scratch folder, removed afterwards. Without it, a build as usual.
 * The caller has checked the file's name (checkOutputFile).
 */
export async function buildForFile(deckArg: string | undefined, options: BuildOptions, file: string | undefined): Promise<BuiltVersion[]> {
  if (file === undefined || options.out !== undefined) return buildDecks(deckArg, options);
  const scratch = await mkdtemp(join(tmpdir(), 'briefdeck-html-'));
  try {
    return await buildDecks(deckArg, { ...options, out: scratch, scratchHtml: true });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** One audience version ready to write: every file it needs, already rendered. */
interface ReadyVersion extends RenderedVersion {
  deck: LoadedDeck;
  /** The read-ahead memo's Word file, when asked for (its PDF is printed from memo.html). */
  memoDocx?: Uint8Array;
  parsed: ParsedDeck;
  files: OutputFiles;
  /** The build report: written outside the folder that is handed out (`.reports/`). */
  report: string;
  singleFile?: string;
  /** The PowerPoint (`--pptx`), rendered with the rest before anything is written. */
  pptx?: RenderedPptxFile;
}

/**
 * Validate everything, then write (with the PDFs, if asked) in one batch. Of several decks,
 * a broken one is reported and not written at all; the others are still built, and the
 * run then fails with a line saying how many decks failed.
 */
async function buildPaths(paths: string[], options: BuildOptions, run: RunContext): Promise<BuiltVersion[]> {
  // A bad --out (empty, a file in the way) is a usage error before anything is built.
  await checkOutputFolder(options.out?.trim() === '' ? '' : run.outRoot);
  // Chromium starts now, while the decks load and render (issue 19); it is closed on every
  // path below, and a browser that cannot be found or started fails only when the PDFs print.
  const browser = options.pdf || memoPdf(options) ? await startBrowserEarly(run) : undefined;
  try {
    const { ready, failed, problems } = await validateAll(paths, options, run);
    if (paths.length === 1 || failed.length === 0) settle(problems, run.log);
    else problems.warnings.forEach((w) => run.log.warn(w));
    if (ready.length > 1) refuseSeveralForOneFile(options);
    // A tab for each print that starts at once, opened while the versions are written out.
    const prints = ready.length * (Number(Boolean(options.pdf)) * (options.handout ? 2 : 1) + Number(memoPdf(options)));
    browser?.openQuietTabs(Math.min(run.jobs, prints));
    const built = await writeAll(ready, options, run, browser);
    if (failed.length) throw decksFailed(paths.length, failed, problems, run.cwd);
    return built;
  } finally {
    await browser?.close();
  }
}

/** The browser the PDFs will print with, starting; puppeteer loads only here and in export. */
async function startBrowserEarly(run: RunContext): Promise<StartedBrowser> {
  const { resolveBrowser, startBrowser } = await import('../export/browser.js');
  return startBrowser(() => resolveBrowser(run.browser), run.signal, { quietTabs: 1 });
}

/** Every broken deck's problems in one error, closed by a line saying how many decks built. */
function decksFailed(total: number, failed: string[], problems: Problems, cwd: string): BriefdeckError {
  const summary = `built ${total - failed.length} of ${total} decks; ${failed.length} failed: ${failed.map((path) => relative(cwd, path) || path).join(', ')}`;
  return new BriefdeckError('bad-input', summary, problems.list.filter((p) => p.severity === 'error'), { summary: true });
}

/**
 * Every deck and every audience through load, parse, layouts, image checks, plan and
 * render, into one problem list; throws it all before anything is written.
 */
async function validateAll(paths: string[], options: BuildOptions, run: RunContext): Promise<{ ready: ReadyVersion[]; failed: string[]; problems: Problems }> {
  const problems = new Problems();
  const ready: ReadyVersion[] = [];
  const failed: string[] = [];
  for (const path of paths) {
    const errorsBefore = problems.errorCount;
    const read = await readInto(path, options, run, problems);
    const deck = read?.parsed.deck;
    // Templates run as trusted code in the built deck and during export (README, Security).
    if (deck?.manifestTemplates) run.log.info(`${deck.name}: templates from ${deck.manifestTemplates} (chosen by ${deck.file}; templates are trusted code)`);
    const versions: ReadyVersion[] = [];
    // A deck with bad input is not planned: its plan would only repeat its problems.
    if (read && problems.errorCount === errorsBefore) {
      for (const audience of read.audiences) {
        const version = problems.caught(() => planAndRender(read.parsed, audience, options, run.log, problems, read.charts));
        // The memo stands on the version's bottom line: a version without one fails here, before any write.
        const memo = version && options.memo ? problems.caught(() => memoContent(version.plan, read.parsed.deck.file)) : undefined;
        if (version && (memo || !options.memo)) versions.push(await readyVersion(read, version, options, problems, memo));
      }
    }
    // A deck with any error is written in none of its audiences.
    if (!read || problems.errorCount > errorsBefore) failed.push(path);
    else ready.push(...versions);
  }
  return { ready, failed, problems };
}

/** The end of validation: every problem thrown together if any is an error, else the warnings logged. */
function settle(problems: Problems, log: Logger): void {
  problems.throwIfErrors();
  problems.warnings.forEach((w) => log.warn(w));
}

async function readInto(deckPath: string, options: BuildOptions, run: RunContext, problems: Problems): Promise<CheckedDeck | undefined> {
  const loaded = await loadDeckParts(resolve(run.cwd, deckPath), { ...options, cwd: run.cwd }, problems);
  if (!loaded) return undefined;
  const audiences = await chooseAudiences(loaded, options.audience, problems, run.cwd);
  // A chart's CSV file is read (load-stage I/O) before the pure layouts stage reads the slide.
  const parsed = readLayouts(await loadSlideData(parseDeck(loaded, problems), problems), problems);
  const images = await checkDeckImages(parsed, problems);
  // Charts are drawn once per deck, then shown in every version; bad chart data was reported above.
  return { parsed, audiences, images, charts: problems.hasErrors ? noCharts : await drawCharts(parsed) };
}

function planAndRender(parsed: ParsedDeck, audience: AudienceProfile, options: BuildOptions, log: Logger, problems: Problems, charts: ChartArt): RenderedVersion | undefined {
  const plan = planDeck(parsed, audience, options.settings);
  if (options.verbose) droppedLines(parsed.deck.name, plan).forEach((line) => log.info(line));
  problems.list.push(...plan.problems);
  if (plan.problems.some((p) => p.severity === 'error')) return undefined;
  return { plan, rendered: renderDeck(plan, parsed.deck.templates, { assets: assetsDir, version, charts, handout: options.handout }) };
}

async function readyVersion(read: CheckedDeck, { plan, rendered }: RenderedVersion, options: BuildOptions, problems: Problems, memo?: MemoContent): Promise<ReadyVersion> {
  const deck = read.parsed.deck;
  // The memo's words are in the deck's font subsets too.
  const files = await deckFiles(deck, plan, memo ? { ...rendered, text: `${rendered.text} ${memoText(memo)}` } : rendered, read.images);
  const paper = plan.info.branding.paper === 'letter' ? 'letter' : 'a4';
  if (memo && options.memo !== 'docx') files.set(memoFile, { text: renderMemoHtml(memo, deck.templates, { assets: assetsDir, version, audienceName: plan.audience.name, paper }) });
  // The Word writer (the docx package) loads only when a Word memo is asked for: `build` stays light.
  const memoDocx = memo && options.memo !== 'pdf' ? await (await import('../render/memo/memo-docx.js')).renderMemoDocx(memo, { paper, generator: `briefdeck ${version}`, keywords: plan.info.keywords }) : undefined;
  if (rendered.handout !== undefined) files.set(handoutFile, { text: rendered.handout });
  const singleFile = options.singleFile ? await singleFileDeck(rendered.html, files) : undefined;
  const report = JSON.stringify(buildReport(plan), null, 2) + '\n';
  // The PowerPoint is rendered (and its images checked) here, validated with the rest; its fit warnings join the run's.
  // The PowerPoint writer (pptxgenjs, image-size) loads only when a PowerPoint is asked for, as the Word writer does.
  const pptx = options.pptx ? await (await import('./pptx-files.js')).pptxVersion(deck, plan, read.images) : undefined;
  if (pptx) problems.list.push(...pptx.warnings);
  return { deck, parsed: read.parsed, plan, rendered, files, report, singleFile, memoDocx, pptx };
}

/**
 * Stages every version's folder (and one-file HTML), prints the PDFs from the staged
 * folders, stages them too, then swaps everything in at once: a failure anywhere, the
 * browser's included, leaves every earlier output as it was.
 */
async function writeAll(ready: ReadyVersion[], options: BuildOptions, run: RunContext, browser?: StartedBrowser): Promise<BuiltVersion[]> {
  const batch = new OutputBatch();
  let scan: LeakScan | undefined;
  try {
    const built: BuiltVersion[] = [];
    const staged: string[] = [];
    for (const v of ready) {
      const deck = v.deck.name;
      const audience = v.plan.audience.name;
      // Deck and audience names are single safe path segments, checked again here: nothing lands outside --out.
      const folder = outputPath(run.outRoot, deck, audience);
      staged.push(await batch.folder(folder, v.files));
      // Outside the folder that is handed out: the report names what this version dropped.
      await batch.file(reportPath(run.outRoot, deck, audience), v.report);
      const singlePath = v.singleFile !== undefined ? outputPath(run.outRoot, deck, `${deck}-${audience}.html`) : undefined;
      if (singlePath) await batch.file(singlePath, v.singleFile!);
      // `pptx --out FILE` names the one file; otherwise beside the PDF: <out>/<deck>/<deck>-<audience>.pptx.
      const pptxPath = v.pptx ? (options.pptxPath ? resolve(run.cwd, options.pptxPath) : outputPath(run.outRoot, deck, `${deck}-${audience}.pptx`)) : undefined;
      if (pptxPath) await batch.file(pptxPath, v.pptx!.bytes);
      const memoDocxPath = v.memoDocx ? memoOutput(options, run, deck, audience, 'docx') : undefined;
      if (memoDocxPath) await batch.file(memoDocxPath, v.memoDocx!);
      built.push({ deck, audience, htmlPath: join(folder, 'index.html'), singlePath, pptxPath, slides: v.plan.slides.length, plan: v.plan, parsed: v.parsed, memoDocxPath });
    }
    // Before anything is swapped in, the scan reads every external version's staged outputs
    // back. One that shows text of a slide it dropped (or cannot be read) is never put in
    // place, not even for a moment, and what an earlier run left there is deleted.
    const withheld: BuiltVersion[] = [];
    // What the scan found is said after the lines naming what was written.
    const scanned: string[] = [];
    const log = { info: (message: string) => void scanned.push(message), warn: (problem: Problem) => run.log.warn(problem) };
    scan = options.leakScan !== false ? leakScan(log, { readFrom: (output) => batch.stagedPath(output), remove: async (v) => void withheld.push(v) }) : undefined;
    const read = (v: BuiltVersion) => scan?.read({ version: v, parsed: v.parsed });
    // What is written by now is read back while the PDFs print; each version's PDFs, once
    // they are staged, while the next version prints. An output read already is not read again.
    built.forEach(read);
    if (options.pdf || memoPdf(options)) {
      await stagePdfs(built, staged, batch, options, run, browser, read);
      // Whatever each print's end read already: every output is read before the verdict.
      built.forEach(read);
    }
    let leaked: unknown;
    if (scan) {
      await scan.finish(built).catch((error: unknown) => (leaked = error));
      for (const v of withheld) await batch.withhold(versionOutputs(v));
    }
    await batch.commit();
    for (const v of withheld) await deleteOutputs(v);
    for (const v of built) if (!withheld.includes(v)) logBuilt(v, options, run);
    for (const message of scanned) run.log.info(message);
    if (leaked !== undefined) throw leaked;
    return built;
  } finally {
    // A build that failed while versions were being read waits for those reads before their files go.
    await scan?.settle();
    await batch.discard();
  }
}

/**
 * Prints every version from its staged folder with one browser (puppeteer loads only here),
 * and stages each version's PDFs as soon as they are finished, then hands it to `ready`
 * (the leak scan). External versions print first: they are read back while the rest print.
 */
async function stagePdfs(built: BuiltVersion[], staged: string[], batch: OutputBatch, options: BuildOptions, run: RunContext, browser: StartedBrowser | undefined, ready: (v: BuiltVersion) => void): Promise<void> {
  const { exportVersions } = await import('../export/export.js');
  // Larger decks first within each group: the last print, and the finishing nothing else overlaps, is then the smallest.
  const external = (i: number) => Number(built[i]!.plan.audience.external);
  const order = [...built.keys()].sort((a, b) => external(b) - external(a) || built[b]!.slides - built[a]!.slides);
  const jobs = order.map((i) => ({ v: built[i]!, folder: staged[i]! })).map(({ v, folder }) => ({
    label: `${v.deck}/${v.audience}`,
    htmlFile: join(folder, 'index.html'),
    shownAs: v.htmlPath,
    plan: v.plan,
    slides: Boolean(options.pdf),
    handout: Boolean(options.pdf && options.handout),
    memo: memoPdf(options),
    builtInPage: revealOnlyPage(v.parsed.deck.templates),
    scriptedPages: houseScript(v.parsed.deck.templates.handout) || houseScript(v.parsed.deck.templates.memo),
  }));
  const onePdf = options.pdfPath ? resolve(run.cwd, options.pdfPath) : undefined;
  const stage = async (v: BuiltVersion, result: ExportResult) => {
    if (result.memo) {
      v.memoPdfPath = memoOutput(options, run, v.deck, v.audience, 'pdf');
      v.memoPages = result.memo.pages;
      await batch.file(v.memoPdfPath, result.memo.pdf);
    }
    if (result.pdf) {
      v.pdfPath = onePdf ?? join(run.outRoot, v.deck, `${v.deck}-${v.audience}.pdf`);
      v.pdfMs = result.ms;
      await batch.file(v.pdfPath, result.pdf);
    }
    if (result.handout) {
      // Beside the slides PDF: `--out brief.pdf` gives `brief-handout.pdf`.
      v.handoutPath = onePdf ? onePdf.replace(/(\.pdf)?$/i, '-handout.pdf') : join(run.outRoot, v.deck, `${v.deck}-${v.audience}-handout.pdf`);
      await batch.file(v.handoutPath, result.handout);
    }
    ready(v);
  };
  await exportVersions(jobs, run, { started: browser, done: (j, result) => stage(built[order[j]!]!, result) });
}

function logBuilt(v: BuiltVersion, options: BuildOptions, run: RunContext): void {
  const name = `${v.deck}/${v.audience}`;
  if (options.singleFile) run.log.info(`${name}: one-file HTML -> ${join(run.outRoot, v.deck, `${v.deck}-${v.audience}.html`)}`);
  // `pdf --out FILE` prints from a scratch folder that is gone when the command ends: not worth a line.
  if (!options.scratchHtml) run.log.info(`${name}: ${v.slides} slides -> ${v.htmlPath}`);
  if (v.pdfPath) run.log.info(`${name}: PDF ${v.slides} pages in ${((v.pdfMs ?? 0) / 1000).toFixed(1)} s -> ${v.pdfPath}`);
  if (v.handoutPath) run.log.info(`${name}: handout -> ${v.handoutPath}`);
  if (v.pptxPath) run.log.info(`${name}: PowerPoint, ${v.slides} slides -> ${v.pptxPath}`);
  if (v.memoPdfPath) run.log.info(`${name}: memo, ${v.memoPages} page${v.memoPages === 1 ? '' : 's'} -> ${v.memoPdfPath}`);
  if (v.memoDocxPath) run.log.info(`${name}: memo (Word) -> ${v.memoDocxPath}`);
}

/**
 * `briefdeck memo`: the read-ahead of each version (the deck's HTML is built as for `pdf`).
 * With `--out FILE` the memo is written there and the HTML it printed from is scratch.
 */
export async function exportMemo(deckArg: string | undefined, options: BuildOptions & { memo: MemoFormat }): Promise<BuiltVersion[]> {
  if (options.memoPath !== undefined) await checkOutputFile(options.memoPath);
  return buildForFile(deckArg, { ...options, pdf: false }, options.memoPath);
}

/** Where a memo file goes: beside the version's PDF, or the `--out` file with the format's extension. */
function memoOutput(options: BuildOptions, run: RunContext, deck: string, audience: string, ext: 'pdf' | 'docx'): string {
  if (options.memoPath) return resolve(run.cwd, options.memoPath).replace(/\.(pdf|docx)$/i, '') + `.${ext}`;
  return outputPath(run.outRoot, deck, `${deck}-${audience}-memo.${ext}`);
}

function memoPdf(options: BuildOptions): boolean {
  return options.memo === 'pdf' || options.memo === 'both';
}

/** The memo's words, so its font subsets are copied with the deck's. */
function memoText(memo: MemoContent): string {
  const words: string[] = [];
  walk([...memo.bottomLine.lead.flatMap((l) => l.blocks), ...memo.bottomLine.judgments.flatMap((j) => j.text), ...memo.body.flatMap((b) => b.blocks)], (t) => {
    if ('text' in t && typeof t.text === 'string') words.push(t.text);
  });
  return words.join(' ') + ' ' + memo.sources.map((s) => s.source.title).join(' ');
}

/** `--out FILE` names one file: refused before anything is written when more would be made. */
function refuseSeveralForOneFile(options: BuildOptions): void {
  const what = options.pptxPath !== undefined ? 'PowerPoint' : options.memoPath !== undefined ? 'memo' : options.pdfPath !== undefined ? 'PDF' : undefined;
  if (what) throw new BriefdeckError('usage', `--out names one ${what} file, but this exports several decks or audiences; name one deck and pick one --audience`);
}

/** `--verbose`: one line per slide an audience did not get, so an analyst sees why. */
function droppedLines(deck: string, plan: PlannedDeck): string[] {
  const head = `${deck}/${plan.audience.name}: kept ${plan.slides.length} slides, dropped ${plan.dropped.length}`;
  return [head, ...plan.dropped.map((d) => `  dropped #${d.id} "${d.title}" (${d.file}:${d.line}): ${d.reason}`)];
}

/** Where a version's build report goes: `<out>/<deck>/.reports/<audience>.json`, never inside the version's folder. */
function reportPath(outRoot: string, deck: string, audience: string): string {
  return join(outRoot, deck, '.reports', `${audience}.json`);
}

/** What an audience version holds and what it left out, for the analyst (not for the audience). */
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
