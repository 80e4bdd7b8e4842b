import { readTextFile } from './text-file.js';
import { readYaml, type LineOf, type YamlText } from './yaml-file.js';
import { audienceProfileSchema, type AudienceProfile, type DeckManifest } from './schema.js';
import { unknownTheme, type TemplateSet } from './template-set.js';
import { shownPath } from './shown-path.js';
import type { Problems } from '../kernel/problem.js';
import type { LoadedDeck } from '../model.js';

/**
 * Audience profiles as a deck names them: built-in and house-style profiles by name
 * (from the template set's audiences/ folders), inline profiles as written.
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
    const where = { file: manifestFile, line: lineOf(['audiences', i]), known: [...templates.audiences.keys()] };
    const profile = typeof entry === 'string' ? await namedAudience(entry, templates, problems, cwd, where) : entry;
    if (profile) profiles.push(profile);
  }
  return profiles;
}

/**
 * The audiences a run builds: the one asked for (`--audience`), or every audience the deck
 * names. Each is checked here, once: an unknown name, and a profile's unknown theme.
 */
export async function chooseAudiences(deck: LoadedDeck, wanted: string | undefined, problems: Problems, cwd: string): Promise<AudienceProfile[]> {
  let chosen = deck.audiences;
  if (wanted !== undefined && wanted !== 'all') {
    const listed = deck.audiences.find((a) => a.name === wanted);
    const known = [...new Set([...deck.audiences.map((a) => a.name), ...deck.templates.audiences.keys()])];
    const named = listed ?? (await namedAudience(wanted, deck.templates, problems, cwd, { file: deck.file, known }));
    chosen = named ? [named] : [];
  }
  for (const audience of chosen) {
    const why = unknownTheme(audience.theme, deck.templates);
    if (why) problems.error(deck.file, undefined, `audience ${audience.name}: ${why}`);
  }
  return chosen;
}

/**
 * A profile by name from the template set's audiences/ folders. A name no folder has is
 * an error at `where`; a profile file with problems reports them at its own lines.
 */
async function namedAudience(
  name: string,
  templates: TemplateSet,
  problems: Problems,
  cwd: string,
  where: { file: string; line?: number; known: string[] },
): Promise<AudienceProfile | undefined> {
  const path = templates.audiences.get(name);
  if (!path) {
    problems.error(where.file, where.line, `unknown audience "${name}" (known: ${where.known.join(', ')})`);
    return undefined;
  }
  const file = shownPath(path, cwd);
  const text = await readTextFile(path, file, problems);
  if (text === undefined) return undefined;
  const named = /^name:/m.test(text);
  // The added name line is line 0, so problems still name the file's own lines.
  const yaml: YamlText = { file, text: named ? text : `name: ${name}\n${text}`, firstLine: named ? 1 : 0 };
  return readYaml(yaml, audienceProfileSchema, problems, 'audience profile');
}

/** The audience of a deck that names none: everything, with notes and sources. */
export const defaultAudience: AudienceProfile = {
  name: 'default',
  label: 'Full deck',
  detail: 'deep',
  include: [],
  exclude: [],
  overBudget: 'error',
  notes: true,
  agenda: true,
  sourcesSlide: true,
  appendix: true,
};
