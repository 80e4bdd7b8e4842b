import { sourceSchema, type Source } from './schema.js';

/** The parts of a CSL-JSON item (the citation format Pandoc, Zotero and citation-js share) that a Sources slide shows. */
export interface CslItem {
  id?: unknown;
  type?: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  publisher?: string;
  'container-title'?: string;
  'collection-title'?: string;
  authority?: string;
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  DOI?: string;
  note?: string;
}

interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

interface CslDate {
  'date-parts'?: (number | string)[][];
  raw?: string;
  literal?: string;
}

/**
 * A CSL item as a briefdeck source: authors "Given Family" joined with "and", the journal
 * or institution as the publisher, the issued date as YYYY[-MM[-DD]], a DOI as its
 * https://doi.org/ address. Returns a message when the item lacks what a source needs.
 */
export function sourceFromCsl(item: CslItem): Source | string {
  const id = typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : '';
  if (!id) return 'an entry has no id (citation key)';
  const candidate = {
    id,
    title: item.title?.trim() || undefined,
    author: names(item.author ?? item.editor),
    publisher: [item['container-title'], item.publisher ?? item.authority].filter((p): p is string => !!p?.trim()).join(', ') || undefined,
    date: cslDate(item.issued),
    url: item.URL?.trim() || (item.DOI ? `https://doi.org/${item.DOI.trim().replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')}` : undefined),
    accessed: cslDate(item.accessed),
    note: item.note?.trim() || undefined,
  };
  const result = sourceSchema.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  return `entry "${id}": ${issue.path.join('.') || 'entry'}: ${issue.message === 'is required' ? 'is missing' : issue.message}`;
}

function names(list: CslName[] | undefined): string | undefined {
  const all = (list ?? []).map((n) => n.literal ?? [n.given, n.family].filter(Boolean).join(' ')).map((n) => n.trim()).filter(Boolean);
  if (all.length === 0) return undefined;
  return all.length === 1 ? all[0] : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}

function cslDate(date: CslDate | undefined): string | undefined {
  const parts = date?.['date-parts']?.[0];
  if (!parts?.length) return date?.raw && /^\d{4}(-\d{2}){0,2}$/.test(date.raw) ? date.raw : undefined;
  const [y, m, d] = parts.map(Number);
  if (!y) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return [String(y), m ? pad(m) : undefined, m && d ? pad(d) : undefined].filter(Boolean).join('-');
}
