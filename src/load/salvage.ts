import type { z } from 'zod';
import { sourceSchema, type Source } from './schema.js';

/**
 * What the load stage keeps of a manifest or front matter that failed validation, so a
 * run still parses every brief it can and reports all problems together. What is kept
 * only lets the run continue to report more problems: a run with any error renders nothing.
 */

/** The keys of `raw` that pass their own part of `schema`; the rest were already reported. */
export function validKeys<S extends z.ZodObject>(schema: S, raw: unknown): Partial<z.infer<S>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const part = (schema.shape as Record<string, z.ZodType | undefined>)[key];
    const result = part?.safeParse(value);
    if (result?.success) kept[key] = result.data;
  }
  return kept as Partial<z.infer<S>>;
}

/** A list of sources read entry by entry: the valid ones, and what is known of the rest. */
export interface SourceEntries {
  valid: { source: Source; index: number }[];
  /** Ids of entries whose other details are invalid: citing them is not a second error. */
  invalidIds: string[];
  /** False when some entry (or the list itself) is unreadable, so any id might be missing. */
  complete: boolean;
}

export function sourceEntries(raw: unknown): SourceEntries {
  if (raw === undefined) return { valid: [], invalidIds: [], complete: true };
  if (!Array.isArray(raw)) return { valid: [], invalidIds: [], complete: false };
  const entries: SourceEntries = { valid: [], invalidIds: [], complete: true };
  raw.forEach((item: unknown, index) => {
    const result = sourceSchema.safeParse(item);
    const id = (item as { id?: unknown } | null)?.id;
    if (result.success) entries.valid.push({ source: result.data, index });
    else if (typeof id === 'string' && id !== '') entries.invalidIds.push(id);
    else entries.complete = false;
  });
  return entries;
}
