import { relative } from 'node:path';
import { readTextFile } from './text-file.js';
import { readYaml, type LineOf, type YamlText } from './yaml-file.js';
import { audienceProfileSchema, type AudienceProfile, type DeckManifest } from './schema.js';
import type { TemplateSet } from './template-set.js';
import type { Problems } from '../kernel/problem.js';

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
): Promise<AudienceProfile[]> {
  if (!manifest.audiences?.length) return [defaultAudience];
  const profiles: AudienceProfile[] = [];
  for (const [i, entry] of manifest.audiences.entries()) {
    if (typeof entry !== 'string') {
      profiles.push(entry);
      continue;
    }
    const profile = await loadAudienceProfile(entry, templates, problems);
    if (profile) profiles.push(profile);
    else if (!templates.audiences.has(entry)) {
      const known = [...templates.audiences.keys()].join(', ');
      problems.error(manifestFile, lineOf(['audiences', i]), `unknown audience "${entry}" (known: ${known})`);
    }
  }
  return profiles;
}

/** Reads a named profile from the template set, or undefined if there is none by that name. */
export async function loadAudienceProfile(name: string, templates: TemplateSet, problems: Problems): Promise<AudienceProfile | undefined> {
  const path = templates.audiences.get(name);
  if (!path) return undefined;
  const text = await readTextFile(path, path, problems);
  if (text === undefined) return undefined;
  const named = /^name:/m.test(text);
  // The added name line is line 0, so problems still name the file's own lines.
  const yaml: YamlText = { file: relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path), text: named ? text : `name: ${name}\n${text}`, firstLine: named ? 1 : 0 };
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
