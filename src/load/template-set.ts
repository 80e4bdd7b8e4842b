import { BriefdeckError } from '../kernel/problem.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shownPath } from './shown-path.js';

/** The folder of built-in templates shipped with briefdeck. */
export const builtInTemplates = fileURLToPath(new URL('../../templates/', import.meta.url));

/** One template file, with where it came from (for errors naming the template file). */
export interface TemplateFile {
  name: string;
  file: string;
  text: string;
  /** The house-style folder it came from (undefined: built in). Files it references resolve there. */
  house?: HouseFolder;
  /** Local files it references (`src`, `href`), found and checked at load (house-assets.ts). */
  assets?: HouseAsset[];
}

/** A house-style folder, and the folder under the deck's `assets/` its files are copied to. */
export interface HouseFolder {
  dir: string;
  /** `house`, `house-2`...: one per overlay folder, so two house styles' files never collide. */
  output: string;
}

/** A file a house style references, checked to be inside its folder. */
export interface HouseAsset {
  /** As written in the template or stylesheet. */
  written: string;
  /** The file's real path. */
  path: string;
  /** Where it is written, relative to the deck's `assets/` folder (`house/logo.png`). */
  output: string;
}

/** A theme stylesheet: built in, or from a house style (layered over a built-in one). */
export interface ThemeFile {
  name: string;
  /** The path of the CSS file, as shown in errors. */
  file: string;
  /** The CSS, with references to house-style files rewritten to their place under `assets/`. */
  text: string;
  house?: HouseFolder;
  assets?: HouseAsset[];
}

/**
 * Templates by name: the deck shell, one layout per slide kind, partials and theme CSS.
 * A house style folder (`--templates DIR`, `templates:` in a manifest) overlays the
 * built-ins file by file, so it only holds what it changes.
 */
export interface TemplateSet {
  shell: TemplateFile;
  /** The read-ahead handout page: every slide with its notes (`handout.hbs`). */
  handout?: TemplateFile;
  /** The read-ahead memo page (`memo.hbs`): bottom line, figures, recommendations, sources. */
  memo?: TemplateFile;
  layouts: Map<string, TemplateFile>;
  partials: Map<string, TemplateFile>;
  /** Theme name -> its stylesheet (a house style's replaces a built-in of the same name). */
  themes: Map<string, ThemeFile>;
  /** The built-in themes, which a house theme is layered over (`baseTheme` in house.yaml). */
  builtInThemes: Map<string, ThemeFile>;
  /** Audience profile name -> path of its YAML file (the last layer). */
  audiences: Map<string, string>;
  /** Audience profile name -> every file of that name, built-in first: each extends the one before. */
  audienceLayers: Map<string, string[]>;
  layoutNames: string[];
  /** `house.yaml` of the last house-style folder that has one: settings for every deck. */
  house?: string;
  /** The folder that `house.yaml` is in: its `logo` and `fonts` are found there. */
  houseFolder?: HouseFolder;
}

/**
 * Whether a deck page from these templates is laid out only by reveal.js and briefdeck's own
 * script: the built-in deck.hbs, and no house template with a script of its own (which may
 * expect reveal.js running). Such a page can be printed without reveal (export/print-page.ts).
 */
export function revealOnlyPage(templates: TemplateSet): boolean {
  if (templates.shell.house) return false;
  return ![...templates.layouts.values(), ...templates.partials.values()].some(houseScript);
}

/** Whether a template is a house style's with a script of its own (trusted code that may wait for the page to be drawn). */
export function houseScript(template: TemplateFile | undefined): boolean {
  return Boolean(template?.house && /<script\b/i.test(template.text));
}

/** Every template of a set: the deck page, the handout and memo pages, the layouts and the partials. */
export function allTemplates(templates: TemplateSet): TemplateFile[] {
  return [templates.shell, ...(templates.handout ? [templates.handout] : []), ...(templates.memo ? [templates.memo] : []), ...templates.layouts.values(), ...templates.partials.values()];
}

/** Whether a template file is one of briefdeck's own (under its templates/ folder). */
export function isBuiltInTemplate(file: string): boolean {
  return resolve(file).startsWith(resolve(builtInTemplates));
}

/** Loads the built-ins, then each overlay folder in order (later wins); relative folders are read against `cwd`. */
export async function loadTemplateSet(overlays: string[] = [], cwd = process.cwd()): Promise<TemplateSet> {
  const dirs = [builtInTemplates, ...overlays.map((d) => resolve(cwd, d))];
  // A misspelt house-style folder must not silently fall back to the built-ins.
  const missing = dirs.filter((dir) => !existsSync(dir));
  if (missing.length) {
    throw BriefdeckError.badInput(missing.map((dir) => ({ file: dir, message: 'templates folder not found', severity: 'error' as const })));
  }
  const layouts = new Map<string, TemplateFile>();
  const partials = new Map<string, TemplateFile>();
  const themes = new Map<string, ThemeFile>();
  const builtInThemes = new Map<string, ThemeFile>();
  const audiences = new Map<string, string>();
  const audienceLayers = new Map<string, string[]>();
  let shell: TemplateFile | undefined;
  let house: string | undefined;
  let houseFolder: HouseFolder | undefined;
  let handout: TemplateFile | undefined;
  let memo: TemplateFile | undefined;
  for (const [i, dir] of dirs.entries()) {
    const from = i === 0 ? undefined : { dir, output: i === 1 ? 'house' : `house-${i}` };
    if (from && existsSync(join(dir, 'house.yaml'))) {
      house = join(dir, 'house.yaml');
      houseFolder = from;
    }
    const shellFile = join(dir, 'deck.hbs');
    if (existsSync(shellFile)) shell = templateFile(shellFile, cwd, from, 'deck');
    if (existsSync(join(dir, 'handout.hbs'))) handout = templateFile(join(dir, 'handout.hbs'), cwd, from, 'handout');
    if (existsSync(join(dir, 'memo.hbs'))) memo = templateFile(join(dir, 'memo.hbs'), cwd, from, 'memo');
    for (const file of filesIn(join(dir, 'layouts'), '.hbs')) layouts.set(nameOf(file), templateFile(file, cwd, from));
    for (const file of filesIn(join(dir, 'partials'), '.hbs')) partials.set(nameOf(file), templateFile(file, cwd, from));
    for (const file of filesIn(join(dir, 'themes'), '.css')) {
      const theme = templateFile(file, cwd, from);
      themes.set(theme.name, theme);
      if (!from) builtInThemes.set(theme.name, theme);
    }
    addAudienceFolder({ audiences, audienceLayers }, join(dir, 'audiences'));
  }
  if (!shell) throw new Error(`briefdeck is installed without its templates (${builtInTemplates})`);
  return { shell, handout, memo, layouts, partials, themes, builtInThemes, audiences, audienceLayers, layoutNames: [...layouts.keys()].sort(), house, houseFolder };
}

/** Adds the profiles of an `audiences/` folder (`<name>.yaml`): each extends the earlier one of its name. */
export function addAudienceFolder(set: Pick<TemplateSet, 'audiences' | 'audienceLayers'>, dir: string): void {
  for (const file of filesIn(dir, '.yaml')) {
    const name = nameOf(file);
    set.audiences.set(name, file);
    const layers = set.audienceLayers.get(name) ?? [];
    if (!layers.includes(file)) set.audienceLayers.set(name, [...layers, file]);
  }
}

// Template folders hold a few dozen small files, read synchronously: read one after another
// through Node's thread pool they took 6 ms of every build (issue 19).
function filesIn(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir);
  return names.filter((n) => extname(n) === ext).sort().map((n) => join(dir, n));
}

function templateFile(file: string, cwd: string, house: HouseFolder | undefined, name = nameOf(file)): TemplateFile {
  return { name, file: shownPath(file, cwd), text: readFileSync(file, 'utf8'), ...(house ? { house } : {}) };
}

function nameOf(file: string): string {
  return basename(file, extname(file));
}

/** Why a theme name is not one the set has (the message of every unknown-theme problem), or undefined. */
export function unknownTheme(theme: string | undefined, templates: TemplateSet): string | undefined {
  if (theme === undefined || templates.themes.has(theme)) return undefined;
  return `unknown theme "${theme}" (known: ${[...templates.themes.keys()].join(', ')})`;
}
