import { briefFrontMatterSchema, deckKeysInBrief, pandocKeysNotUsed, type BriefFrontMatter } from './schema.js';
import { readYamlData, type LineOf, type YamlText } from './yaml-file.js';
import { bodyDefaults, titleFromFileName } from './plain-brief.js';
import { fileDates, resolveDate, type BriefDates } from './brief-date.js';
import { sourceEntries, validKeys } from './salvage.js';
import { readTextFile } from './text-file.js';
import { countLines } from '../kernel/lines.js';
import type { LoadedBrief } from '../model.js';
import type { Problems } from '../kernel/problem.js';

/** Stands in for the title of a brief whose front matter is invalid; never rendered (the run fails). */
const placeholderTitle = '(front matter invalid)';

/** Splits `---` front matter from a brief's text; pure. */
function splitFrontMatter(text: string): { yaml: string; body: string; bodyLine: number } | undefined {
  const m = /^---[ \t]*\n([\s\S]*?\n)?---[ \t]*(?:\n|$)/.exec(text);
  if (!m) return undefined;
  const yaml = m[1] ?? '';
  return { yaml, body: text.slice(m[0].length), bodyLine: countLines(m[0]) + 1 };
}

/**
 * Reads and validates a brief's text; pure apart from the problems it records. A file
 * with no front matter is a plain markdown brief: its first `# ` heading is the title
 * (else the file name), and text before the first slide is the abstract.
 */
export function readBrief(text: string, file: string, absPath: string, problems: Problems, dates?: BriefDates): LoadedBrief | undefined {
  const parts = splitFrontMatter(text);
  if (!parts && /^---[ \t]*\r?\n/.test(text)) {
    problems.error(file, 1, 'the front matter opened with "---" on line 1 is never closed: end it with a line "---" before the first heading');
    return undefined;
  }
  if (!parts) return plainBrief(text, file, absPath);
  const yaml: YamlText = { file, text: parts.yaml, firstLine: 2 };
  const { value, raw, lineOf } = readYamlData(yaml, briefFrontMatterSchema, problems, 'front matter');
  const sourceLines = new Map<string, number>();
  warnAboutKeys(raw, file, lineOf, problems);
  const lead = bodyDefaults(parts.body, parts.bodyLine, false);
  const brief = { file, absPath, body: parts.body, bodyLine: parts.bodyLine, sourceLines };
  if (value) {
    value.sources?.forEach((s, i) => sourceLines.set(s.id, lineOf(['sources', i])));
    const frontMatter = { ...value, date: resolveDate(value.date, dates) };
    if (value.bibliography !== undefined) Object.assign(brief, { bibliographyLine: lineOf(['bibliography']) });
    // With an abstract: already set, the text stays in the body, where parsing reports it as belonging to no slide.
    if (!lead.abstract || value.abstract !== undefined) return { ...brief, frontMatter };
    const defaults = [`abstract: taken from the text before the first slide (line ${lead.abstract.line})`];
    return { ...brief, body: lead.body, frontMatter: { ...frontMatter, abstract: lead.abstract.text }, defaults };
  }
  // Invalid front matter (already reported): keep the body and the valid sources for parsing.
  const entries = sourceEntries((raw as { sources?: unknown } | undefined)?.sources);
  entries.valid.forEach(({ source, index }) => sourceLines.set(source.id, lineOf(['sources', index])));
  const frontMatter: BriefFrontMatter = { ...validKeys(briefFrontMatterSchema, raw), title: placeholderTitle, sources: entries.valid.map((e) => e.source) };
  const invalidFrontMatter = { invalidSourceIds: entries.invalidIds, sourcesUnreadable: raw === undefined || !entries.complete };
  return { ...brief, frontMatter, invalidFrontMatter };
}

/** A markdown file with no front matter, taken as a brief with the defaults `check` reports. */
function plainBrief(text: string, file: string, absPath: string): LoadedBrief {
  const found = bodyDefaults(text, 1, true);
  const title = found.title?.text ?? titleFromFileName(file);
  const defaults = [
    'no front matter: read as a plain markdown brief',
    found.title ? `title: "${title}" from the first "# " heading (line ${found.title.line})` : `title: "${title}" from the file name (no "# " heading before the first slide)`,
  ];
  if (found.abstract) defaults.push(`abstract: taken from the text before the first slide (line ${found.abstract.line})`);
  const frontMatter: BriefFrontMatter = { title, ...(found.abstract ? { abstract: found.abstract.text } : {}) };
  return { file, absPath, body: found.body, bodyLine: 1, sourceLines: new Map(), frontMatter, defaults };
}

/** Keys that are read but not used say so: Pandoc/Quarto keys, and a deck's keys written in a brief. */
function warnAboutKeys(raw: unknown, file: string, lineOf: LineOf, problems: Problems): void {
  if (typeof raw !== 'object' || raw === null) return;
  for (const key of Object.keys(raw)) {
    if ((pandocKeysNotUsed as readonly string[]).includes(key)) {
      problems.warn(file, lineOf([key]), `"${key}" is a Pandoc/Quarto key that briefdeck does not use; it is ignored`);
    } else if ((deckKeysInBrief as readonly string[]).includes(key)) {
      problems.warn(file, lineOf([key]), `"${key}" belongs in the deck's deck.yaml (${key}: ...), not in a brief; it is ignored here`);
    }
  }
}

export async function loadBrief(absPath: string, file: string, problems: Problems, today?: string): Promise<LoadedBrief | undefined> {
  const text = await readTextFile(absPath, file, problems);
  if (text === undefined) return undefined;
  return readBrief(text, file, absPath, problems, await fileDates(absPath, today));
}
