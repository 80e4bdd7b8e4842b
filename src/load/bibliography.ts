import { dirname, extname } from 'node:path';
import { parseDocument, isSeq, LineCounter } from 'yaml';
import { resolveInProject } from './local-file.js';
import { readTextFile } from './text-file.js';
import { sourceFromCsl, type CslItem } from './csl-source.js';
import type { DeclaredSource, LoadedBrief } from '../model.js';
import type { Problems } from '../kernel/problem.js';

/** The formats a `bibliography:` file may be in, by its extension. */
const formats: Record<string, 'bibtex' | 'csl-json' | 'csl-yaml'> = {
  '.bib': 'bibtex',
  '.bibtex': 'bibtex',
  '.json': 'csl-json',
  '.yaml': 'csl-yaml',
  '.yml': 'csl-yaml',
};

/**
 * Reads the brief's `bibliography:` files (BibTeX, CSL-JSON or CSL-YAML, as Pandoc takes
 * them), relative to the brief and inside the project, into sources with the file and
 * line of each entry. Problems name the file and line of the entry, or of the key.
 */
export async function loadBibliography(brief: LoadedBrief, root: string, shown: (p: string) => string, problems: Problems): Promise<DeclaredSource[]> {
  const written = [brief.frontMatter.bibliography ?? []].flat();
  const declared: DeclaredSource[] = [];
  for (const name of written) {
    const line = brief.bibliographyLine ?? 1;
    const format = formats[extname(name).toLowerCase()];
    if (!format) {
      problems.error(brief.file, line, `bibliography "${name}": briefdeck reads BibTeX (.bib), CSL-JSON (.json) or CSL-YAML (.yaml), not ${extname(name) || 'a file without an extension'}`);
      continue;
    }
    const found = await resolveInProject(name, dirname(brief.absPath), root, 'bibliography');
    if (typeof found === 'string') {
      problems.error(brief.file, line, found);
      continue;
    }
    const file = shown(found.path);
    const text = await readTextFile(found.path, file, problems);
    if (text === undefined) continue;
    const items = format === 'bibtex' ? await bibtexItems(text, file, problems) : format === 'csl-json' ? cslJsonItems(text, file, problems) : cslYamlItems(text, file, problems);
    for (const { item, line: at } of items) {
      const source = sourceFromCsl(item);
      if (typeof source === 'string') problems.error(file, at, source);
      else declared.push({ source, file, line: at });
    }
  }
  return declared;
}

interface LocatedItem {
  item: CslItem;
  line: number;
}

/** BibTeX through citation-js (loaded only when a deck has a .bib file): braces, accents and LaTeX commands resolved. */
async function bibtexItems(text: string, file: string, problems: Problems): Promise<LocatedItem[]> {
  // A CommonJS package: its exports are the import's default, in Node and in the bundle (scripts/bundle.js) alike.
  const { plugins } = (await import('@citation-js/core')).default;
  await import('@citation-js/plugin-bibtex');
  let items: CslItem[];
  try {
    items = plugins.input.chain(text, { target: '@csl/list+object', generateGraph: false, forceType: '@bibtex/text' }) as CslItem[];
  } catch (cause) {
    problems.error(file, 1, `cannot read this BibTeX file: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`);
    return [];
  }
  const lines = entryLines(text, /@[a-z]+\s*[{(]\s*([^,\s]+)\s*,/gi);
  return items.map((item) => ({ item, line: lines.get(String(item.id)) ?? 1 }));
}

function cslJsonItems(text: string, file: string, problems: Problems): LocatedItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    problems.error(file, 1, `cannot read this CSL-JSON file: ${cause instanceof Error ? cause.message : String(cause)}`);
    return [];
  }
  if (!Array.isArray(data)) {
    problems.error(file, 1, 'a CSL-JSON bibliography is a list of entries: [{"id": "...", "title": "..."}]');
    return [];
  }
  const lines = entryLines(text, /"id"\s*:\s*"([^"]+)"/g);
  return (data as CslItem[]).map((item) => ({ item, line: lines.get(String(item?.id)) ?? 1 }));
}

/** CSL-YAML as Pandoc writes it: a list of entries, or `references:` holding one. */
function cslYamlItems(text: string, file: string, problems: Problems): LocatedItem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    problems.error(file, lineCounter.linePos(doc.errors[0]!.pos[0]).line, `invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
    return [];
  }
  const root = doc.contents;
  const list = isSeq(root) ? root : (doc.get('references', true) as unknown);
  if (!isSeq(list)) {
    problems.error(file, 1, 'a CSL-YAML bibliography is a list of entries (- id: ..., title: ...) or references: holding one');
    return [];
  }
  const data = list.toJSON() as CslItem[];
  return data.map((item, i) => {
    const node = list.items[i] as { range?: [number, number, number] } | undefined;
    return { item, line: node?.range ? lineCounter.linePos(node.range[0]).line : 1 };
  });
}

/** The line each entry's id is written on, found by a pattern whose first group is the id. */
function entryLines(text: string, pattern: RegExp): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    if (!lines.has(m[1]!)) lines.set(m[1]!, line);
  }
  return lines;
}
