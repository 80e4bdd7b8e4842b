import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { pathSegment } from '../kernel/path-segment.js';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { loadBrief } from './brief-file.js';
import { loadBibliography } from './bibliography.js';
import { fileDates, resolveDate, todayIso } from './brief-date.js';
import { readTextFile } from './text-file.js';
import { readYamlData, type LineOf, type YamlText } from './yaml-file.js';
import { sourceEntries, validKeys } from './salvage.js';
import { resolveInProject } from './local-file.js';
import { deckManifestSchema, houseSettingsSchema, sourceListSchema, type DeckManifest, type HouseSettings } from './schema.js';
import { addAudienceFolder, loadTemplateSet, unknownTheme } from './template-set.js';
import { checkTemplates } from './template-check.js';
import type { TemplateSet } from './template-set.js';
import { findHouseAssets } from './house-assets.js';
import { readBranding } from './branding.js';
import { noBranding } from './settings.js';
import { checkThemes, defaultAudience, loadAudiences } from './audience-file.js';

import { BriefdeckError, Problems } from '../kernel/problem.js';
import type { DeckInfo, DeclaredSource, LoadedBrief, LoadedDeck, SourceGaps } from '../model.js';

export interface LoadOptions {
  /** Extra template folders (`--templates DIR`), applied over the manifest's. */
  templates?: string[];
  /**
   * A shared house style named outside any deck (`BRIEFDECK_HOUSE`): the first overlay,
   * under a manifest's `templates:` and `--templates`. It may live outside the project.
   */
  house?: string;
  /** Working directory: relative paths are read against it, files are shown relative to it, and it is the default project root. */
  cwd?: string;
  /** The date `date: today` means (YYYY-MM-DD); taken once per run when not given. */
  today?: string;
}

/** Load options with the working directory settled. */
type LoadRun = LoadOptions & { cwd: string };

/** Finds the decks a command works on: DECK as given, or every deck under briefs/. */
export async function findDecks(arg: string | undefined, cwd = process.cwd()): Promise<string[]> {
  if (arg !== undefined) {
    const path = resolve(cwd, arg);
    if (!existsSync(path)) throw new BriefdeckError('usage', `no deck, folder or brief at "${arg}"`);
    if (statSync(path).isDirectory()) {
      const manifest = join(path, 'deck.yaml');
      if (!existsSync(manifest)) throw new BriefdeckError('usage', `"${arg}" is a folder without a deck.yaml`);
      return [manifest];
    }
    return [path];
  }
  const briefs = join(cwd, 'briefs');
  if (!existsSync(briefs)) throw new BriefdeckError('usage', 'no DECK given and no briefs/ folder here');
  const found: string[] = [];
  for (const entry of (await readdir(briefs, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(briefs, entry.name);
    if (entry.isDirectory() && existsSync(join(path, 'deck.yaml'))) found.push(join(path, 'deck.yaml'));
    else if (entry.isFile() && extname(entry.name) === '.md') found.push(path);
  }
  if (!found.length) throw new BriefdeckError('usage', 'briefs/ holds no deck.yaml folders and no .md briefs');
  return found;
}

/** Load stage: reads a deck manifest (or one brief) and everything it names; throws on any error. */
export async function loadDeck(path: string, options: LoadOptions = {}): Promise<LoadedDeck> {
  const problems = new Problems();
  const deck = await loadDeckParts(path, options, problems);
  // Every audience it names: a run checks only those it builds (chooseAudiences).
  if (deck) checkThemes(deck.audiences, deck, problems);
  problems.throwIfErrors();
  return deck!;
}

/**
 * Load stage that does not stop at the first bad file: every problem goes to `problems`,
 * and what could be loaded is returned so parse can report its problems in the same run.
 * Undefined only when there is nothing to parse (the manifest or the one brief is unreadable).
 */
export async function loadDeckParts(path: string, options: LoadOptions, problems: Problems): Promise<LoadedDeck | undefined> {
  const run = { ...options, cwd: options.cwd ?? process.cwd() };
  const shown = (p: string) => relative(run.cwd, p) || p;
  const isManifest = extname(path) === '.yaml' || extname(path) === '.yml';
  const deck = isManifest
    ? await loadManifestDeck(path, shown, run, problems)
    : await loadBriefDeck(path, shown, run, problems);
  if (!deck) return undefined;
  checkTemplates(deck.templates, problems);
  await findHouseAssets(deck.templates, problems);
  const { house, branding } = await loadHouse(deck.templates, shown, problems);
  const restrictedTags = [...new Set([...(house?.restrictedTags ?? []), ...deck.restrictedTags])];
  return { ...deck, house, branding, restrictedTags };
}

async function loadBriefDeck(path: string, shown: (p: string) => string, options: LoadRun, problems: Problems) {
  const loaded = await loadBrief(path, shown(path), problems, options.today ?? todayIso());
  if (!loaded) return undefined;
  const root = projectRoot(path, options.cwd);
  const brief = { ...loaded, bibliography: await loadBibliography(loaded, root, shown, problems) };
  const templates = await loadTemplateSet([...(options.house ? [options.house] : []), ...(options.templates ?? [])], options.cwd);
  addAudienceFolder(templates, join(dirname(path), 'audiences'));
  // A one-brief deck's front matter is its manifest (README "Which setting wins", layer 3).
  const { title, subtitle, author, organisation, date, classification, status, lang, tags, abstract, keywords } = brief.frontMatter;
  const info = deckInfo({ title, subtitle, author, organisation, date, classification, status, lang, tags, abstract, keywords });
  return {
    name: pathSegment(basename(path, extname(path)), 'deck'),
    file: brief.file,
    root,
    info,
    briefs: [brief],
    sources: [],
    audiences: [defaultAudience],
    templates,
    restrictedTags: [] as string[],
  };
}

async function loadManifestDeck(path: string, shown: (p: string) => string, options: LoadRun, problems: Problems) {
  const file = shown(path);
  const text = await readTextFile(path, file, problems);
  if (text === undefined) return undefined;
  const yaml: YamlText = { file, text, firstLine: 1 };
  const { manifest, lineOf } = readManifest(yaml, problems);
  if (!manifest) return undefined;
  const dir = dirname(path);
  const root = projectRoot(path, options.cwd);
  const today = options.today ?? todayIso();
  const gaps: SourceGaps = { invalidIds: new Set(manifest.invalidSourceIds), unreadable: manifest.sourcesUnreadable ? [file] : [] };
  const inProject = async (key: (string | number)[], written: string, what: string) => {
    const found = await resolveInProject(written, dir, root, what);
    if (typeof found === 'string') problems.error(file, lineOf(key), found);
    return typeof found === 'string' ? undefined : found.path;
  };
  const templatesDir = manifest.templates === undefined ? undefined : await inProject(['templates'], manifest.templates, 'templates folder');
  const templateDirs = [...(options.house ? [options.house] : []), ...(templatesDir ? [templatesDir] : []), ...(options.templates ?? [])];
  const templates = await loadTemplateSet(templateDirs, options.cwd);
  // A deck's own audiences/ folder beside deck.yaml wins over the house style's and the built-ins.
  addAudienceFolder(templates, join(dir, 'audiences'));

  const briefs: LoadedBrief[] = [];
  for (const [i, name] of manifest.briefs.entries()) {
    const briefPath = await inProject(['briefs', i], name, 'brief');
    const brief = briefPath ? await loadBrief(briefPath, shown(briefPath), problems, today) : undefined;
    if (brief) briefs.push({ ...brief, bibliography: await loadBibliography(brief, root, shown, problems) });
    // An unreadable brief may declare sources that other briefs cite.
    else gaps.unreadable.push(briefPath ? shown(briefPath) : name);
  }
  const sources = await loadSources(manifest, file, lineOf, inProject, shown, problems, gaps);
  const audiences = await loadAudiences(manifest, file, lineOf, templates, problems, options.cwd);
  const info = deckInfo({ ...manifest, date: resolveDate(manifest.date, await fileDates(path, today)) });
  const badTheme = unknownTheme(info.theme, templates);
  if (badTheme) problems.error(file, lineOf(['theme']), badTheme);
  return {
    name: pathSegment(basename(dir), 'deck'),
    file,
    root,
    info,
    briefs,
    sources,
    audiences,
    audienceNames: (manifest.audiences ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.name)),
    templates,
    restrictedTags: manifest.restrictedTags ?? [],
    ...(templatesDir ? { manifestTemplates: templatesDir } : {}),
    sourceGaps: gaps,
  };
}

type ReadManifest = DeckManifest & { invalidSourceIds: string[]; sourcesUnreadable: boolean; sourceIndexes?: number[] };

/** The manifest, or (when it fails validation) its valid keys, so the briefs it names are still read. */
function readManifest(yaml: YamlText, problems: Problems): { manifest?: ReadManifest; lineOf: LineOf } {
  const { value, raw, lineOf } = readYamlData(yaml, deckManifestSchema, problems, 'deck manifest');
  if (value) return { manifest: { ...value, invalidSourceIds: [], sourcesUnreadable: false }, lineOf };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { lineOf };
  const kept = validKeys(deckManifestSchema, raw);
  const rawSources = (raw as { sources?: unknown }).sources;
  const inline = kept.sources === undefined && Array.isArray(rawSources) ? sourceEntries(rawSources) : undefined;
  const manifest: ReadManifest = {
    // The placeholder title only lets the run go on to report more; a run with errors renders nothing.
    title: '(deck manifest invalid)',
    ...kept,
    briefs: kept.briefs ?? [],
    ...(inline ? { sources: inline.valid.map((e) => e.source), sourceIndexes: inline.valid.map((e) => e.index) } : {}),
    invalidSourceIds: inline?.invalidIds ?? [],
    sourcesUnreadable: inline ? !inline.complete : rawSources !== undefined && kept.sources === undefined,
  };
  return { manifest, lineOf };
}

async function loadSources(
  manifest: ReadManifest,
  manifestFile: string,
  lineOf: LineOf,
  inProject: (key: (string | number)[], written: string, what: string) => Promise<string | undefined>,
  shown: (p: string) => string,
  problems: Problems,
  gaps: SourceGaps,
): Promise<DeclaredSource[]> {
  if (manifest.sources === undefined) return [];
  if (Array.isArray(manifest.sources)) {
    // An inline list salvaged from an invalid manifest skips its invalid entries: keep each one's own line.
    return manifest.sources.map((source, i) => ({ source, file: manifestFile, line: lineOf(['sources', manifest.sourceIndexes?.[i] ?? i]) }));
  }
  const path = await inProject(['sources'], manifest.sources, 'sources file');
  const file = path ? shown(path) : manifest.sources;
  const text = path ? await readTextFile(path, file, problems) : undefined;
  if (text === undefined) {
    gaps.unreadable.push(file);
    return [];
  }
  const { value, raw, lineOf: lineInSources } = readYamlData({ file, text, firstLine: 1 }, sourceListSchema, problems, 'sources');
  if (value) return value.map((source, i) => ({ source, file, line: lineInSources([i]) }));
  // Entries with problems are reported; the valid ones still count, so their citations are not errors.
  const entries = sourceEntries(raw);
  entries.invalidIds.forEach((id) => gaps.invalidIds.add(id));
  if (raw === undefined || !entries.complete) gaps.unreadable.push(file);
  return entries.valid.map(({ source, index }) => ({ source, file, line: lineInSources([index]) }));
}

/** `house.yaml`: settings every deck starts from, and the branding (files and colours checked). */
async function loadHouse(templates: TemplateSet, shown: (p: string) => string, problems: Problems): Promise<{ house?: HouseSettings; branding: LoadedDeck['branding'] }> {
  if (!templates.house || !templates.houseFolder) return { branding: noBranding };
  const file = shown(templates.house);
  const text = await readTextFile(templates.house, file, problems);
  if (text === undefined) return { branding: noBranding };
  const { value: house, lineOf } = readYamlData({ file, text, firstLine: 1 }, houseSettingsSchema, problems, 'house settings');
  if (!house) return { branding: noBranding };
  const badTheme = unknownTheme(house.theme, templates);
  if (badTheme) problems.error(file, lineOf(['theme']), badTheme);
  return { house, branding: await readBranding(house, templates.houseFolder, file, lineOf, templates, problems) };
}

/**
 * The manifest's own settings (for a one-brief deck, its front matter's), as one layer.
 * Nothing is merged here: resolveSettings (settings.ts) lays the layers over each other.
 */
function deckInfo(manifest: Partial<Omit<DeckManifest, 'title' | 'briefs'>> & { title: string; tags?: string[] }): DeckInfo {
  return {
    title: manifest.title,
    shortTitle: manifest.shortTitle ?? manifest.title,
    subtitle: manifest.subtitle,
    author: manifest.author,
    organisation: manifest.organisation,
    date: manifest.date,
    classification: manifest.classification,
    status: manifest.status,
    lang: manifest.lang,
    theme: manifest.theme,
    tags: manifest.tags ?? [],
    abstract: manifest.abstract,
    memoPages: manifest.memoPages,
    keywords: [manifest.keywords ?? []].flat(),
  };
}

/** Local files may not escape this folder: the working directory when the deck is inside it, else the deck's own folder. */
function projectRoot(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') || resolve(rel) === rel ? dirname(path) : cwd;
}
