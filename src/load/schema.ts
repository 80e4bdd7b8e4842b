import * as z from 'zod';
import { formatMarking, parseMarking } from './marking.js';
import { authorLine } from './authors.js';
import { schemeOf } from '../kernel/safe-url.js';

/**
 * Every key a user can write, in one place: brief front matter, deck manifest, sources
 * and audience profiles. The README's tables of keys are checked against these shapes.
 */

/** A calendar date; with `relative`, also Pandoc and Quarto's `today` and `last-modified`. */
function dateField(relative: boolean) {
  return z.union([z.string(), z.number(), z.date()]).transform((v, ctx) => {
    // YAML reads an unquoted 2024-06-01 as text here (the yaml package's core schema), but a
    // timestamp from another tool may arrive as a Date: both mean the same calendar day.
    const value = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
    if (relative && (relativeDates as readonly string[]).includes(value)) return value;
    const problem = calendarDateProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: relative ? problem.replace('(or YYYY-MM, or YYYY)', '(or YYYY-MM, YYYY, today or last-modified)') : problem });
      return z.NEVER;
    }
    return value;
  });
}

const asOfDate = dateField(false);

/** Why a text is not a calendar date (YYYY-MM-DD, YYYY-MM or YYYY), or undefined when it is one. */
function calendarDateProblem(value: string): string | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return `expected a date as YYYY-MM-DD (or YYYY-MM, or YYYY), not "${value}"`;
  const [, y, mo, d] = m;
  if (mo === undefined) return undefined;
  const month = Number(mo);
  if (month < 1 || month > 12) return `"${value}" has month ${mo}; months run from 01 to 12`;
  if (d === undefined) return undefined;
  const days = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (Number(d) < 1 || Number(d) > days) return `"${value}" has day ${d}; ${y}-${mo} has ${days} days`;
  return undefined;
}

/** Pandoc and Quarto's moving dates, resolved once per build when the brief is loaded (load/brief-date.ts). */
export const relativeDates = ['today', 'last-modified'] as const;

/** The as-of date of a brief or deck: a calendar date, or `today` / `last-modified` (Pandoc, Quarto). */
const briefDate = dateField(true);

/**
 * An author as Pandoc and Quarto write one: a name, a list of names, or a list of
 * `{name, affiliation, email}`. Shown as one line ("A, B and C"); see load/authors.ts.
 */
const authorEntry = z.union([
  z.string().trim().min(1, 'an author name must not be empty'),
  z.object({
    name: z.string().trim().min(1, 'an author needs a name'),
    affiliation: z.union([z.string(), z.array(z.string())]).optional(),
    email: z.string().optional(),
    url: z.string().optional(),
    orcid: z.string().optional(),
  }),
]);
const authorForms = z.union([authorEntry, z.array(authorEntry).min(1, 'list at least one author')]);
export type AuthorField = z.infer<typeof authorForms>;
export const authorField = authorForms.transform(authorLine);

// "title: is required" reads better to an analyst than zod's "expected string, received undefined".
const text = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') }).trim().min(1, 'must not be empty');

/** A marking (classification, TLP label, REL TO list), validated and written in its canonical form. */
const markingText = z.string().transform((value, ctx) => {
  const marking = parseMarking(value);
  if (typeof marking === 'string') {
    ctx.addIssue({ code: 'custom', message: marking });
    return z.NEVER;
  }
  return formatMarking(marking);
});
// Tags match whatever their case: `{.Internal}` is `internal`.
const tagList = z.array(z.string().regex(/^[\w-]+$/, 'tags are single words (letters, digits, - or _)').transform((t) => t.toLowerCase()));

export const sourceSchema = z.object({
  id: z.string().regex(/^[\w][\w.:-]*$/, 'a source id is one word: letters, digits, - _ . :'),
  title: text,
  author: text.optional(),
  publisher: text.optional(),
  date: asOfDate.optional(),
  url: z.string().transform((value, ctx) => webAddress(value, ctx)).optional(),
  accessed: asOfDate.optional(),
  note: text.optional(),
});
export type Source = z.infer<typeof sourceSchema>;

export const sourceListSchema = z.array(sourceSchema);

/** `sources: sources.yaml` in a brief: the file form belongs in deck.yaml, a brief lists entries. */
function sourcesInBrief(issue: { input: unknown }): string {
  return typeof issue.input === 'string'
    ? `a brief lists its sources as entries (- id: ..., title: ...); a sources file ("${issue.input}") is named in deck.yaml (sources: ${issue.input}) or as bibliography: ${issue.input}`
    : 'sources is a list of entries (- id: ..., title: ...)';
}

/** A web address: http(s) only; one written without its scheme gets a suggestion. */
function webAddress(value: string, ctx: z.RefinementCtx): string {
  const trimmed = value.trim();
  const scheme = schemeOf(trimmed);
  if (scheme === undefined) {
    const suggestion = /^[\w-]+(\.[\w-]+)+(?:[/?#:]|$)/.test(trimmed) ? `; did you mean "https://${trimmed}"?` : '';
    ctx.addIssue({ code: 'custom', message: `"${trimmed}" is not a web address: it needs http:// or https://${suggestion}` });
    return z.NEVER;
  }
  if (scheme !== 'http' && scheme !== 'https') {
    ctx.addIssue({ code: 'custom', message: `a source url is an http:// or https:// address, not ${scheme}:` });
    return z.NEVER;
  }
  try {
    new URL(trimmed);
    return trimmed;
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${trimmed}" is not a valid web address` });
    return z.NEVER;
  }
}

/**
 * Pandoc and Quarto keys that briefdeck reads but does not use: accepted (a file written for
 * Pandoc still builds) and each named in a warning by the brief loader, never silently dropped.
 */
export const pandocKeysNotUsed = [
  'format', 'execute', 'jupyter', 'engine', 'toc', 'toc-depth', 'toc-title', 'number-sections', 'csl', 'link-citations',
  'nocite', 'reference-section-title', 'header-includes', 'include-before', 'include-after', 'documentclass', 'classoption',
  'geometry', 'fontsize', 'mainfont', 'papersize', 'margin', 'linestretch', 'institute', 'date-format', 'editor',
  'slide-level', 'incremental', 'revealjs-url', 'css', 'filters', 'citeproc', 'subject', 'description', 'category', 'categories',
] as const;

/** Keys of deck.yaml that a brief accepts only to say where they belong (the brief loader warns). */
export const deckKeysInBrief = ['audiences', 'briefs', 'templates'] as const;

type IgnoredKey = (typeof pandocKeysNotUsed)[number] | (typeof deckKeysInBrief)[number];

/** Marks a key that is accepted only to be named in a warning: never listed among the known keys. */
export const ignoredKey = 'briefdeck:ignored';

function ignoredKeys(): Record<IgnoredKey, z.ZodOptional<z.ZodUnknown>> {
  return Object.fromEntries([...pandocKeysNotUsed, ...deckKeysInBrief].map((key) => [key, z.unknown().optional().describe(ignoredKey)])) as Record<IgnoredKey, z.ZodOptional<z.ZodUnknown>>;
}

/** What the title slide says, in a brief's front matter and a deck manifest alike. */
const titleKeys = {
  subtitle: text.optional(),
  author: authorField.optional(),
  organisation: text.optional(),
  date: briefDate.optional(),
  /** Pandoc's summary: the title slide's lead line, and the PDF's Subject after the marking. */
  abstract: text.optional(),
  /** Pandoc's keywords: into the PDF's Keywords, beside the brief's tags. */
  keywords: z.union([text, z.array(text)]).optional(),
  classification: markingText.optional(),
  status: z.enum(['draft', 'final']).optional(),
};

export const briefFrontMatterSchema = z.object({
  title: text,
  ...titleKeys,
  /** BibTeX (.bib), CSL-JSON (.json) or CSL-YAML (.yaml) files of sources, relative to the brief. */
  bibliography: z.union([text, z.array(text).min(1)]).optional(),
  tags: tagList.optional(),
  lang: text.optional(),
  sources: z.array(z.unknown(), { error: sourcesInBrief }).pipe(sourceListSchema).optional(),
  ...ignoredKeys(),
});
export type BriefFrontMatter = z.infer<typeof briefFrontMatterSchema>;

export const detailLevels = ['summary', 'standard', 'deep'] as const;
export type DetailLevel = (typeof detailLevels)[number];

/**
 * One audience profile file (or inline profile) as written: every key optional, no
 * defaults, so a profile that extends another (a deck's `partner.yaml` over the built-in
 * `partner`) changes only what it sets. load/audience-profile.ts composes the layers.
 */
export const audienceLayerSchema = z.object({
  name: z.string().regex(/^[a-z][\w-]*$/, 'an audience name is one lower-case word'),
  label: text.optional(),
  /** External audiences (public, partners) never receive a restricted tag. */
  external: z.boolean().optional(),
  /** The profile this one adds to; a profile named like an existing one extends it without saying so. */
  extends: z.string().regex(/^[a-z][\w-]*$/, 'an audience name is one lower-case word').optional(),
  /** Restrictions of the extended profile this one lifts on purpose: `notes`, `ceiling`, or excluded tags. */
  loosen: tagList.optional(),
  detail: z.enum(detailLevels).optional(),
  include: tagList.optional(),
  exclude: tagList.optional(),
  maxSlides: z.number().int().positive().optional(),
  overBudget: z.enum(['error', 'warn']).optional(),
  notes: z.boolean().optional(),
  agenda: z.boolean().optional(),
  sourcesSlide: z.boolean().optional(),
  appendix: z.boolean().optional(),
  marking: markingText.optional(),
  /** The highest marking this audience may receive; defaults to `marking`. */
  ceiling: markingText.optional(),
  theme: text.optional(),
  preparedFor: text.optional(),
});
export type AudienceLayer = z.infer<typeof audienceLayerSchema>;

/** A profile after composition, with every default applied: what the plan stage reads. */
export const audienceProfileSchema = audienceLayerSchema.omit({ extends: true, loosen: true }).extend({
  external: z.boolean().default(false),
  detail: z.enum(detailLevels).default('standard'),
  include: tagList.default([]),
  exclude: tagList.default([]),
  overBudget: z.enum(['error', 'warn']).default('error'),
  notes: z.boolean().default(true),
  agenda: z.boolean().default(true),
  sourcesSlide: z.boolean().default(true),
  appendix: z.boolean().default(true),
});
export type AudienceProfile = z.infer<typeof audienceProfileSchema>;

export const deckManifestSchema = z.object({
  title: text,
  shortTitle: text.optional(),
  ...titleKeys,
  memoPages: z.union([z.literal(1), z.literal(2)], { error: 'memoPages is 1 or 2: a read-ahead is one page, two at most' }).optional(),
  lang: text.optional(),
  theme: text.optional(),
  templates: text.optional(),
  briefs: z.array(text).min(1, 'a deck needs at least one brief'),
  sources: z.union([text, sourceListSchema]).optional(),
  audiences: z.array(z.union([z.string(), audienceLayerSchema])).optional(),
  /** Tags that restrict release, beyond `internal`, `us-only` and `unverified`: internal audiences only. */
  restrictedTags: tagList.optional(),
});
export type DeckManifest = z.infer<typeof deckManifestSchema>;

/** A colour as the theme writes it: `#rgb` or `#rrggbb`. */
const hexColour = z.string().regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, 'a colour is written as #rrggbb (or #rgb), e.g. "#0b3d2e"');

/** A file in the house-style folder, written relative to it. */
const houseFile = text;

/**
 * `house.yaml` in a house-style folder: deck settings every deck built with it starts
 * from, and the organisation's branding, layered over the built-in theme.
 */
export const houseSettingsSchema = z.object({
  author: text.optional(),
  organisation: text.optional(),
  classification: markingText.optional(),
  status: z.enum(['draft', 'final']).optional(),
  lang: text.optional(),
  theme: text.optional(),
  restrictedTags: tagList.optional(),
  /** The built-in theme a house theme is layered over, or `none` to start from nothing. */
  baseTheme: text.optional(),
  logo: houseFile.optional(),
  colors: z.strictObject({ primary: hexColour.optional(), accent: hexColour.optional(), text: hexColour.optional() }).optional(),
  fonts: z.strictObject({ body: houseFile.optional(), heading: houseFile.optional() }).optional(),
  footer: text.optional(),
  paper: z.enum(['a4', 'letter']).optional(),
});
export type HouseSettings = z.infer<typeof houseSettingsSchema>;
