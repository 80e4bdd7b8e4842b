import { readTextFile } from './text-file.js';
import { readYamlData, type LineOf } from './yaml-file.js';
import { audienceLayerSchema, type AudienceLayer, type AudienceProfile, type DeckManifest } from './schema.js';
import { composeProfile, whereThemeIsWritten, type ProfileLayer } from './audience-profile.js';
import { unknownTheme, type TemplateSet } from './template-set.js';
import { shownPath } from './shown-path.js';
import type { Problems } from '../kernel/problem.js';
import type { LoadedDeck } from '../model.js';

/**
 * Audience profiles as a deck names them: built-in and house-style profiles by name
 * (from the template set's audiences/ folders), inline profiles as written. A profile
 * named like an existing one extends it (see audience-profile.ts).
 */
export async function loadAudiences(
  manifest: DeckManifest,
  manifestFile: string,
  lineOf: LineOf,
  templates: TemplateSet,
  problems: Problems,
  cwd: string,
): Promise<AudienceProfile[]> {
  if (!manifest.audiences?.length) return [defaultAudience];
  const profiles: AudienceProfile[] = [];
  for (const [i, entry] of manifest.audiences.entries()) {
    if (typeof entry !== 'string') {
      const inline: ProfileLayer = { layer: entry as AudienceLayer, file: manifestFile, lineOf: (path) => lineOf(['audiences', i, ...path]) };
      const profile = await resolveProfile(entry.name, templates, problems, cwd, [inline]);
      if (profile) profiles.push(profile);
      continue;
    }
    const profile = await loadAudienceProfile(entry, templates, problems, cwd);
    if (profile) profiles.push(profile);
    else if (!templates.audiences.has(entry)) {
      const known = [...templates.audiences.keys()].join(', ');
      problems.error(manifestFile, lineOf(['audiences', i]), `unknown audience "${entry}" (known: ${known})`);
    }
  }
  return profiles;
}

/** The profile of that name, every layer of it composed, or undefined if there is none by that name. */
export async function loadAudienceProfile(name: string, templates: TemplateSet, problems: Problems, cwd: string): Promise<AudienceProfile | undefined> {
  if (!templates.audienceLayers.has(name)) return undefined;
  return resolveProfile(name, templates, problems, cwd, []);
}

/**
 * The audiences a run builds: the one asked for (`--audience`), or every audience the deck
 * names. Each is checked here, once: an unknown name, and a profile's unknown theme (at the
 * line that names it).
 */
export async function chooseAudiences(deck: LoadedDeck, wanted: string | undefined, problems: Problems, cwd: string): Promise<AudienceProfile[]> {
  let chosen = deck.audiences;
  if (wanted !== undefined && wanted !== 'all') {
    const listed = deck.audiences.find((a) => a.name === wanted);
    // Named by the deck, but its profile could not be composed: why was reported then.
    if (!listed && deck.audienceNames?.includes(wanted)) return [];
    const named = listed ?? (await loadAudienceProfile(wanted, deck.templates, problems, cwd));
    if (!listed && !deck.templates.audienceLayers.has(wanted)) {
      const known = [...new Set([...deck.audiences.map((a) => a.name), ...deck.templates.audiences.keys()])];
      problems.error(deck.file, undefined, `unknown audience "${wanted}" (known: ${known.join(', ')})`);
    }
    chosen = named ? [named] : [];
  }
  checkThemes(chosen, deck, problems);
  return chosen;
}

/** Each profile's theme must be one the deck's templates have: an error at the line that names it. */
export function checkThemes(audiences: AudienceProfile[], deck: Pick<LoadedDeck, 'file' | 'templates'>, problems: Problems): void {
  for (const audience of audiences) {
    const why = unknownTheme(audience.theme, deck.templates);
    const at = whereThemeIsWritten(audience);
    if (why) problems.error(at?.file ?? deck.file, at?.line, `audience ${audience.name}: ${why}`);
  }
}

/**
 * Reads the files of `name` (built-in first), then `extra` layers (an inline profile),
 * following `extends:` to other profiles, and composes them. Undefined when a layer is invalid.
 */
async function resolveProfile(name: string, templates: TemplateSet, problems: Problems, cwd: string, extra: ProfileLayer[], seen: string[] = []): Promise<AudienceProfile | undefined> {
  if (seen.includes(name)) return undefined;
  const layers: ProfileLayer[] = [];
  for (const path of templates.audienceLayers.get(name) ?? []) {
    const layer = await readLayer(path, name, problems, cwd);
    if (!layer) return undefined;
    layers.push(layer);
  }
  layers.push(...extra);
  const first = layers[0];
  if (!first) return undefined;
  // Only the first layer of a name may extend another profile: later ones extend the first.
  let base: AudienceProfile | undefined;
  for (const later of layers.slice(1)) {
    if (later.layer.extends !== undefined && later.layer.extends !== name) {
      problems.error(later.file, later.lineOf(['extends']), `audience ${name}: this profile already extends the "${name}" profile of the same name (${first.file}); it cannot also extend "${later.layer.extends}"`);
      return undefined;
    }
  }
  const parent = first.layer.extends;
  if (parent !== undefined) {
    if (parent === name || seen.includes(parent)) {
      problems.error(first.file, first.lineOf(['extends']), `audience ${name}: extends: ${parent} goes round in a circle (${[...seen, name, parent].join(' -> ')})`);
      return undefined;
    }
    if (!templates.audienceLayers.has(parent)) {
      problems.error(first.file, first.lineOf(['extends']), `audience ${name}: extends unknown audience "${parent}" (known: ${[...templates.audienceLayers.keys()].join(', ')})`);
      return undefined;
    }
    base = await resolveProfile(parent, templates, problems, cwd, [], [...seen, name]);
    if (!base) return undefined;
  }
  return composeProfile(name, base, layers, problems);
}

/** One profile file: its `name:` (if any) must be its file name, so no file silently renames an audience. */
async function readLayer(path: string, name: string, problems: Problems, cwd: string): Promise<ProfileLayer | undefined> {
  const file = shownPath(path, cwd);
  const text = await readTextFile(path, file, problems);
  if (text === undefined) return undefined;
  const named = /^name:/m.test(text);
  // The added name line is line 0, so problems still name the file's own lines.
  const source = { file, text: named ? text : `name: ${name}\n${text}`, firstLine: named ? 1 : 0 };
  const { value, lineOf } = readYamlData(source, audienceLayerSchema, problems, 'audience profile');
  if (!value) return undefined;
  if (value.name !== name) {
    problems.error(file, lineOf(['name']), `audience profile: name: ${value.name} differs from the file's name (${name}.yaml); rename the file or remove the name line`);
    return undefined;
  }
  return { layer: value, file, lineOf };
}

/** The audience of a deck that names none: everything, with notes and sources. */
export const defaultAudience: AudienceProfile = {
  name: 'default',
  label: 'Full deck',
  external: false,
  detail: 'deep',
  include: [],
  exclude: [],
  overBudget: 'error',
  notes: true,
  agenda: true,
  sourcesSlide: true,
  appendix: true,
};
