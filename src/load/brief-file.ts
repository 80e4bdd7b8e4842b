import { briefFrontMatterSchema, type BriefFrontMatter } from './schema.js';
import { readYamlData, type YamlText } from './yaml-file.js';
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

/** Reads and validates a brief's text; pure apart from the problems it records. */
export function readBrief(text: string, file: string, absPath: string, problems: Problems): LoadedBrief | undefined {
  const parts = splitFrontMatter(text);
  if (!parts) {
    problems.error(file, 1, 'a brief starts with front matter: a line "---", "title: ...", then "---"');
    return undefined;
  }
  const yaml: YamlText = { file, text: parts.yaml, firstLine: 2 };
  const { value, raw, lineOf } = readYamlData(yaml, briefFrontMatterSchema, problems, 'front matter');
  const sourceLines = new Map<string, number>();
  const brief = { file, absPath, body: parts.body, bodyLine: parts.bodyLine, sourceLines };
  if (value) {
    value.sources?.forEach((s, i) => sourceLines.set(s.id, lineOf(['sources', i])));
    return { ...brief, frontMatter: value };
  }
  // Invalid front matter (already reported): keep the body and the valid sources for parsing.
  const entries = sourceEntries((raw as { sources?: unknown } | undefined)?.sources);
  entries.valid.forEach(({ source, index }) => sourceLines.set(source.id, lineOf(['sources', index])));
  const frontMatter: BriefFrontMatter = { ...validKeys(briefFrontMatterSchema, raw), title: placeholderTitle, sources: entries.valid.map((e) => e.source) };
  const invalidFrontMatter = { invalidSourceIds: entries.invalidIds, sourcesUnreadable: raw === undefined || !entries.complete };
  return { ...brief, frontMatter, invalidFrontMatter };
}

export async function loadBrief(absPath: string, file: string, problems: Problems): Promise<LoadedBrief | undefined> {
  const text = await readTextFile(absPath, file, problems);
  return text === undefined ? undefined : readBrief(text, file, absPath, problems);
}
