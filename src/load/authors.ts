import type { AuthorField } from './schema.js';

/**
 * One author line from Pandoc/Quarto's forms: "Jane Analyst", ["A", "B"] or
 * [{name, affiliation}]. Names are joined "A, B and C"; an affiliation follows its author
 * in parentheses, since a briefing's byline names who is speaking for which office.
 */
export function authorLine(field: AuthorField): string {
  const entries = Array.isArray(field) ? field : [field];
  const names = entries.map((entry) => {
    if (typeof entry === 'string') return entry.trim();
    const affiliation = [entry.affiliation ?? []].flat().map((a) => a.trim()).filter(Boolean).join('; ');
    return affiliation ? `${entry.name.trim()} (${affiliation})` : entry.name.trim();
  });
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
