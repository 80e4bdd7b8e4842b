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
// Tags match whatever their case: `{.Internal}` is `internal`.
const tagList = z.array(z.string().regex(/^[\w-]+$/, 'tags are single words (letters, digits, - or _)').transform((t) => t.toLowerCase()));

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
  audiences: z.array(z.union([z.string(), audienceLayerSchema])).optional(),
  /** Tags that restrict release, beyond `internal`, `us-only` and `unverified`: internal audiences only. */
  restrictedTags: tagList.optional(),
});
export type DeckManifest = z.infer<typeof deckManifestSchema>;

/** `house.yaml` in a house-style folder: deck settings every deck built with it starts from. */
export const houseSettingsSchema = z.object({
  author: text.optional(),
  organisation: text.optional(),
  classification: markingText.optional(),
  status: z.enum(['draft', 'final']).optional(),
  lang: text.optional(),
  theme: text.optional(),
  restrictedTags: tagList.optional(),
});
export type HouseSettings = z.infer<typeof houseSettingsSchema>;
