import { BriefdeckError } from '../kernel/problem.js';
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, extname, join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  /** The read-ahead memo page (`memo.hbs`): bottom line, figures, recommendations, sources. */
  memo?: TemplateFile;
  layouts: Map<string, TemplateFile>;
  partials: Map<string, TemplateFile>;
  /** Theme name -> path of its CSS file. */
  themes: Map<string, string>;
  /** Audience profile name -> path of its YAML file. */
  audiences: Map<string, string>;
  layoutNames: string[];
  /** `house.yaml` of the last house-style folder that has one: settings for every deck. */
  house?: string;
}

/** Loads the built-ins, then each overlay folder in order (later wins). */
export async function loadTemplateSet(overlays: string[] = []): Promise<TemplateSet> {
  const dirs = [builtInTemplates, ...overlays.map((d) => resolve(d))];
  // A misspelt house-style folder must not silently fall back to the built-ins.
  const missing = dirs.filter((dir) => !existsSync(dir));
  if (missing.length) {
    throw BriefdeckError.badInput(missing.map((dir) => ({ file: dir, message: 'templates folder not found', severity: 'error' as const })));
  }
  const layouts = new Map<string, TemplateFile>();
  const partials = new Map<string, TemplateFile>();
  const themes = new Map<string, string>();
  const audiences = new Map<string, string>();
  let shell: TemplateFile | undefined;
  let house: string | undefined;
  let handout: TemplateFile | undefined;
  let memo: TemplateFile | undefined;
  for (const dir of dirs) {
    if (dir !== builtInTemplates && existsSync(join(dir, 'house.yaml'))) house = join(dir, 'house.yaml');
    const shellFile = join(dir, 'deck.hbs');
    if (existsSync(shellFile)) shell = await templateFile(shellFile, 'deck');
    if (existsSync(join(dir, 'handout.hbs'))) handout = await templateFile(join(dir, 'handout.hbs'), 'handout');
    if (existsSync(join(dir, 'memo.hbs'))) memo = await templateFile(join(dir, 'memo.hbs'), 'memo');
    for (const file of await filesIn(join(dir, 'layouts'), '.hbs')) layouts.set(nameOf(file), await templateFile(file));
    for (const file of await filesIn(join(dir, 'partials'), '.hbs')) partials.set(nameOf(file), await templateFile(file));
    for (const file of await filesIn(join(dir, 'themes'), '.css')) themes.set(nameOf(file), file);
    await addAudienceFolder(audiences, join(dir, 'audiences'));
  }
  if (!shell) throw new Error(`briefdeck is installed without its templates (${builtInTemplates})`);
  return { shell, handout, memo, layouts, partials, themes, audiences, layoutNames: [...layouts.keys()].sort(), house };
}

/** Adds the profiles of an `audiences/` folder (`<name>.yaml`), overriding earlier ones by name. */
export async function addAudienceFolder(audiences: Map<string, string>, dir: string): Promise<void> {
  for (const file of await filesIn(dir, '.yaml')) audiences.set(nameOf(file), file);
}

async function filesIn(dir: string, ext: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const names = await readdir(dir);
  return names.filter((n) => extname(n) === ext).sort().map((n) => join(dir, n));
}

async function templateFile(file: string, name = nameOf(file)): Promise<TemplateFile> {
  const shown = relative(process.cwd(), file) || file;
  return { name, file: shown.startsWith('..') ? file : shown, text: await readFile(file, 'utf8') };
}

function nameOf(file: string): string {
  return basename(file, extname(file));
}
