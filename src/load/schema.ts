import { z } from 'zod';
import { formatMarking, parseMarking } from './marking.js';

/**
 * Every key a user can write, in one place: brief front matter, deck manifest, sources
 * and audience profiles. The README's tables of keys are checked against these shapes.
 */

const asOfDate = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .refine(isCalendarDate, { message: 'expected a date as YYYY-MM-DD (or YYYY-MM, or YYYY)' });

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo === undefined) return true;
  const month = Number(mo);
  if (month < 1 || month > 12) return false;
  if (d === undefined) return true;
  const date = new Date(Date.UTC(Number(y), month - 1, Number(d)));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === Number(d);
}

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
const tagList = z.array(z.string().regex(/^[\w-]+$/, 'tags are single words (letters, digits, - or _)'));

export const sourceSchema = z.object({
  id: z.string().regex(/^[\w][\w.:-]*$/, 'a source id is one word: letters, digits, - _ . :'),
  title: text,
  author: text.optional(),
  publisher: text.optional(),
  date: asOfDate.optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
  accessed: asOfDate.optional(),
  note: text.optional(),
});
export type Source = z.infer<typeof sourceSchema>;

export const sourceListSchema = z.array(sourceSchema);

export const briefFrontMatterSchema = z.object({
  title: text,
  subtitle: text.optional(),
  author: text.optional(),
  organisation: text.optional(),
  date: asOfDate.optional(),
  classification: markingText.optional(),
  status: z.enum(['draft', 'final']).optional(),
  tags: tagList.optional(),
  lang: text.optional(),
  sources: sourceListSchema.optional(),
});
export type BriefFrontMatter = z.infer<typeof briefFrontMatterSchema>;

export const detailLevels = ['summary', 'standard', 'deep'] as const;
export type DetailLevel = (typeof detailLevels)[number];

export const audienceProfileSchema = z.object({
  name: z.string().regex(/^[a-z][\w-]*$/, 'an audience name is one lower-case word'),
  label: text.optional(),
  detail: z.enum(detailLevels).default('standard'),
  include: tagList.default([]),
  exclude: tagList.default([]),
  maxSlides: z.number().int().positive().optional(),
  overBudget: z.enum(['error', 'warn']).default('error'),
  notes: z.boolean().default(true),
  agenda: z.boolean().default(true),
  sourcesSlide: z.boolean().default(true),
  appendix: z.boolean().default(true),
  marking: markingText.optional(),
  /** The highest marking this audience may receive; defaults to `marking`. */
  ceiling: markingText.optional(),
  theme: text.optional(),
  preparedFor: text.optional(),
});
export type AudienceProfile = z.infer<typeof audienceProfileSchema>;

export const deckManifestSchema = z.object({
  title: text,
  shortTitle: text.optional(),
  subtitle: text.optional(),
  author: text.optional(),
  organisation: text.optional(),
  date: asOfDate.optional(),
  classification: markingText.optional(),
  status: z.enum(['draft', 'final']).optional(),
  lang: text.optional(),
  theme: text.optional(),
  templates: text.optional(),
  briefs: z.array(text).min(1, 'a deck needs at least one brief'),
  sources: z.union([text, sourceListSchema]).optional(),
  audiences: z.array(z.union([z.string(), audienceProfileSchema])).optional(),
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
  /** The built-in theme a house theme is layered over, or `none` to start from nothing. */
  baseTheme: text.optional(),
  logo: houseFile.optional(),
  colors: z.strictObject({ primary: hexColour.optional(), accent: hexColour.optional(), text: hexColour.optional() }).optional(),
  fonts: z.strictObject({ body: houseFile.optional(), heading: houseFile.optional() }).optional(),
  footer: text.optional(),
  paper: z.enum(['a4', 'letter']).optional(),
});
export type HouseSettings = z.infer<typeof houseSettingsSchema>;
