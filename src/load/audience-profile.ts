import { aboveCeiling, validMarking } from './marking.js';
import { audienceProfileSchema, type AudienceLayer, type AudienceProfile } from './schema.js';
import type { LineOf } from './yaml-file.js';
import { defined } from './settings.js';
import type { Problems } from '../kernel/problem.js';

/** One written layer of a profile: a file of `audiences/`, or an inline profile in a manifest. */
export interface ProfileLayer {
  layer: AudienceLayer;
  file: string;
  lineOf: LineOf;
}

/** What `loosen:` may name besides an inherited excluded tag. */
const loosenable = ['notes', 'ceiling'] as const;

/**
 * Composes an audience profile from its layers, lowest first, over `base` (what an
 * `extends:` names). A layer adds to what it extends: `include` and `exclude` lists grow,
 * other keys are replaced. A layer may not quietly loosen what it inherits: dropping an
 * excluded tag, turning notes on, or raising the ceiling needs `loosen: [...]` naming it
 * (and is reported as a warning); an external audience never becomes internal. Pure.
 */
export function composeProfile(name: string, base: AudienceProfile | undefined, layers: ProfileLayer[], problems: Problems): AudienceProfile | undefined {
  let acc: Partial<AudienceProfile> | undefined = base ? { ...base, name } : undefined;
  let ok = true;
  let themeAt = base ? themeWritten.get(base) : undefined;
  for (const { layer, file, lineOf } of layers) {
    const { extends: _parent, loosen = [], ...own } = layer;
    if (own.theme !== undefined) themeAt = { file, line: lineOf(['theme']) };
    if (!acc) {
      if (loosen.length) {
        problems.error(file, lineOf(['loosen']), `audience ${name}: loosen: this profile extends nothing, so there is nothing to loosen`);
        ok = false;
      }
      acc = { ...own };
      continue;
    }
    const error = (key: string, message: string) => {
      problems.error(file, lineOf([key]), `audience ${name}: ${message}`);
      ok = false;
    };
    const inheritedExclude = acc.exclude ?? [];
    for (const item of loosen) {
      if (!(loosenable as readonly string[]).includes(item) && !inheritedExclude.includes(item)) {
        error('loosen', `loosen: "${item}" is not a restriction this profile inherits (it may name ${[...loosenable, ...inheritedExclude].join(', ') || 'notes, ceiling'})`);
      }
    }
    if (acc.external === true && own.external === false) {
      error('external', `external: false: ${name} extends an external audience, which stays external (write a new profile under another name for an internal audience)`);
    }
    const merged: Partial<AudienceProfile> = {
      ...acc,
      ...defined(own),
      include: union(acc.include, own.include),
      exclude: union(inheritedExclude, own.exclude).filter((t) => !loosen.includes(t) || (own.exclude ?? []).includes(t)),
    };
    const loosened: string[] = inheritedExclude.filter((t) => loosen.includes(t)).map((t) => `exclude ${t}`);
    if (acc.notes === false && merged.notes === true) {
      if (loosen.includes('notes')) loosened.push('notes: true');
      else error('notes', 'notes: true loosens the profile it extends (notes: false); add "notes" to loosen: [...] if the audience really gets speaker notes');
    }
    const before = validMarking(acc.ceiling ?? acc.marking);
    const after = validMarking(merged.ceiling ?? merged.marking);
    const raised = before && after ? aboveCeiling(after, before) : undefined;
    if (raised) {
      if (loosen.includes('ceiling')) loosened.push(`ceiling raised (${raised})`);
      else error(own.ceiling ? 'ceiling' : 'marking', `raises the ceiling of the profile it extends (${raised}); add "ceiling" to loosen: [...] if that is meant`);
    }
    if (loosened.length) problems.warn(file, lineOf(['loosen']), `audience ${name} loosens what it extends: ${loosened.join('; ')}`);
    acc = merged;
  }
  if (!ok || !acc) return undefined;
  const result = audienceProfileSchema.safeParse({ ...acc, name });
  if (!result.success) throw new Error(`internal: composed audience profile ${name} is invalid: ${result.error.message}`);
  if (themeAt) themeWritten.set(result.data, themeAt);
  return result.data;
}

/** Where a composed profile's theme is written: the file and line of the last layer that names one. */
const themeWritten = new WeakMap<AudienceProfile, { file: string; line: number | undefined }>();

/** The file and line that name a profile's theme, for a problem with it; undefined when no layer names one. */
export function whereThemeIsWritten(profile: AudienceProfile): { file: string; line: number | undefined } | undefined {
  return themeWritten.get(profile);
}

function union(a: string[] = [], b: string[] = []): string[] {
  return [...new Set([...a, ...b])];
}
