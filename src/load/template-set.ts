import { BriefdeckError } from '../kernel/problem.js';
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
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
  layouts: Map<string, TemplateFile>;
  partials: Map<string, TemplateFile>;
  /** Theme name -> path of its CSS file. */
  themes: Map<string, string>;
  /** Audience profile name -> path of its YAML file (the last layer). */
  audiences: Map<string, string>;
  /** Audience profile name -> every file of that name, built-in first: each extends the one before. */
  audienceLayers: Map<string, string[]>;
  layoutNames: string[];
  /** `house.yaml` of the last house-style folder that has one: settings for every deck. */
  house?: string;
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
  const themes = new Map<string, string>();
  const audiences = new Map<string, string>();
  const audienceLayers = new Map<string, string[]>();
  let shell: TemplateFile | undefined;
  let house: string | undefined;
  let handout: TemplateFile | undefined;
  for (const dir of dirs) {
    if (dir !== builtInTemplates && existsSync(join(dir, 'house.yaml'))) house = join(dir, 'house.yaml');
    const shellFile = join(dir, 'deck.hbs');
    if (existsSync(shellFile)) shell = await templateFile(shellFile, cwd, 'deck');
    if (existsSync(join(dir, 'handout.hbs'))) handout = await templateFile(join(dir, 'handout.hbs'), cwd, 'handout');
    for (const file of await filesIn(join(dir, 'layouts'), '.hbs')) layouts.set(nameOf(file), await templateFile(file, cwd));
    for (const file of await filesIn(join(dir, 'partials'), '.hbs')) partials.set(nameOf(file), await templateFile(file, cwd));
    for (const file of await filesIn(join(dir, 'themes'), '.css')) themes.set(nameOf(file), file);
    await addAudienceFolder({ audiences, audienceLayers }, join(dir, 'audiences'));
  }
  if (!shell) throw new Error(`briefdeck is installed without its templates (${builtInTemplates})`);
  return { shell, handout, layouts, partials, themes, audiences, audienceLayers, layoutNames: [...layouts.keys()].sort(), house };
}

/** Adds the profiles of an `audiences/` folder (`<name>.yaml`): each extends the earlier one of its name. */
export async function addAudienceFolder(set: Pick<TemplateSet, 'audiences' | 'audienceLayers'>, dir: string): Promise<void> {
  for (const file of await filesIn(dir, '.yaml')) {
    const name = nameOf(file);
    set.audiences.set(name, file);
    const layers = set.audienceLayers.get(name) ?? [];
    if (!layers.includes(file)) set.audienceLayers.set(name, [...layers, file]);
  }
}

async function filesIn(dir: string, ext: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const names = await readdir(dir);
  return names.filter((n) => extname(n) === ext).sort().map((n) => join(dir, n));
}

async function templateFile(file: string, cwd: string, name = nameOf(file)): Promise<TemplateFile> {
  return { name, file: shownPath(file, cwd), text: await readFile(file, 'utf8') };
}

function nameOf(file: string): string {
  return basename(file, extname(file));
}

/** Why a theme name is not one the set has (the message of every unknown-theme problem), or undefined. */
export function unknownTheme(theme: string | undefined, templates: TemplateSet): string | undefined {
  if (theme === undefined || templates.themes.has(theme)) return undefined;
  return `unknown theme "${theme}" (known: ${[...templates.themes.keys()].join(', ')})`;
}
