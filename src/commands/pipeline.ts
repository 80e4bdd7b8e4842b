import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadDeckParts, findDecks, type LoadOptions } from '../load/deck-file.js';
import { loadAudienceProfile } from '../load/audience-file.js';
import { parseDeck } from '../parse/deck.js';
import { readLayouts } from '../layouts/index.js';
import { loadSlideData } from '../load/chart-data.js';
import { planDeck } from '../plan/plan.js';
import { renderDeck, type RenderedDeck } from '../render/html/render.js';
import { deckAssets, assetsDir } from '../write/assets.js';
import { writeFileAtomic, writeFolder, type OutputFiles } from '../write/output.js';
import { renderHandout, handoutFile } from '../render/html/handout.js';
import { drawCharts, noCharts, type ChartArt } from '../render/html/chart-svg.js';
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
 *          then a chart's CSV is read, each slide read by its layout, charts drawn   chart-data.ts, layouts/, chart-svg.ts
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
  log?: Logger;
  progress?: Progress;
}

/**
 * load -> parse -> layouts for one deck, its charts drawn (once, for every audience), and
 * the audiences to build. Problems of every stage and file are reported together, in one
 * error; warnings go to the logger.
 */
export async function readDeck(deckPath: string, options: BuildOptions = {}): Promise<{ parsed: ParsedDeck; audiences: AudienceProfile[]; charts: ChartArt }> {
  // Load and parse share one list: a bad file does not hide the problems of the others.
  const problems = new Problems();
  const loaded = await loadDeckParts(deckPath, options, problems);
  if (!loaded) {
    problems.throwIfErrors();
    throw new BriefdeckError('bad-input', `cannot read ${deckPath}`);
  }
  // A chart's CSV file is read (load-stage I/O) before the pure layouts stage reads the slide.
  const parsed = readLayouts(await loadSlideData(parseDeck(loaded, problems), problems), problems);
  const audiences = await chooseAudiences(loaded, options.audience, problems);
  problems.throwIfErrors();
  problems.warnings.forEach((w) => (options.log ?? silentLogger).warn(w));
  // Charts are drawn once per deck (vega draws asynchronously), then shown in every version.
  return { parsed, audiences, charts: await drawCharts(parsed) };
}

/** plan -> render for one audience; budget and theme problems of the plan are thrown. */
export function renderVersion(parsed: ParsedDeck, audience: AudienceProfile, options: BuildOptions = {}, charts: ChartArt = noCharts): { plan: PlannedDeck; rendered: RenderedDeck } {
  const log = options.log ?? silentLogger;
  const plan = planDeck(parsed, audience, options.settings);
  if (options.verbose) droppedLines(parsed.deck.name, plan).forEach((line) => log.info(line));
  if (plan.problems.some((p) => p.severity === 'error')) throw BriefdeckError.badInput(plan.problems);
  plan.problems.forEach((w) => log.warn(w));
  return { plan, rendered: renderDeck(plan, parsed.deck.templates, { assets: assetsDir, version, charts }) };
}

/** Runs load -> parse -> plan -> render for one deck and its chosen audiences; nothing is written. */
export async function prepareDeck(deckPath: string, options: BuildOptions = {}): Promise<{ parsed: ParsedDeck; versions: { plan: PlannedDeck; rendered: RenderedDeck }[]; charts: ChartArt }> {
  const { parsed, audiences, charts } = await readDeck(deckPath, options);
  return { parsed, versions: audiences.map((audience) => renderVersion(parsed, audience, options, charts)), charts };
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
  const { parsed, versions, charts } = await prepareDeck(deckPath, options);
  if (options.pdfPath && versions.length > 1) throw onePdfFileError();
  const deck = parsed.deck;
  const outRoot = resolve(options.out ?? 'output');
  const built: BuiltVersion[] = [];
  for (const { plan, rendered } of versions) {
    const folder = join(outRoot, deck.name, plan.audience.name);
    const files = await deckFiles(deck, plan, rendered);
    files.set('build-report.json', { text: JSON.stringify(buildReport(plan), null, 2) + '\n' });
    if (options.handout) files.set(handoutFile, { text: renderHandout(plan, deck.templates, { assets: assetsDir, version, charts }) });
    await writeFolder(folder, files);
    if (options.singleFile) {
      const single = join(outRoot, deck.name, `${deck.name}-${plan.audience.name}.html`);
      await writeFileAtomic(single, await singleFileDeck(rendered.html, files));
      log.info(`${deck.name}/${plan.audience.name}: one-file HTML -> ${single}`);
    }
    log.info(`${deck.name}/${plan.audience.name}: ${plan.slides.length} slides -> ${join(folder, 'index.html')}`);
    built.push({ deck: deck.name, audience: plan.audience.name, htmlPath: join(folder, 'index.html'), slides: plan.slides.length, plan });
  }
  if (options.pdf) await exportBuilt(built, outRoot, options);
  return built;
}

/** Builds every deck named (or every deck under briefs/) with one browser for all PDFs. */
export async function buildDecks(deckArg: string | undefined, options: BuildOptions = {}): Promise<BuiltVersion[]> {
  const paths = await findDecks(deckArg, options.cwd);
  if (options.pdfPath && paths.length > 1) throw onePdfFileError();
  const all: BuiltVersion[] = [];
  for (const path of paths) all.push(...(await buildDeck(path, { ...options, pdf: false })));
  if (options.pdf) await exportBuilt(all, resolve(options.out ?? 'output'), options);
  return all;
}

/** Exports PDFs: builds the HTML of each deck and audience, then prints them all with one browser. */
export async function exportPdf(deckArg: string | undefined, options: BuildOptions = {}): Promise<BuiltVersion[]> {
  if (options.pdfPath === undefined || options.out !== undefined) return buildDecks(deckArg, { ...options, pdf: true });
  // `pdf --out FILE` writes that file only: the HTML it prints from is built in a scratch folder.
  const scratch = await mkdtemp(join(tmpdir(), 'briefdeck-html-'));
  try {
    return await buildDecks(deckArg, { ...options, out: scratch, pdf: true });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** `pdf --out FILE` names one PDF: refused before anything is built when more would be made. */
function onePdfFileError(): BriefdeckError {
  return new BriefdeckError('usage', '--out names one PDF file, but this exports several decks or audiences; name one deck and pick one --audience');
}

/** Prints every built version with one browser; puppeteer loads only here. */
async function exportBuilt(built: BuiltVersion[], outRoot: string, options: BuildOptions): Promise<void> {
  const { exportVersions } = await import('../export/export.js');
  await exportVersions(built, outRoot, { ...options, log: options.log ?? silentLogger });
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
