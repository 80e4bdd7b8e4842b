import { LineCounter, parseDocument, isMap, isScalar, isSeq, visit, type Node } from 'yaml';
import type { z } from 'zod';
import { firstLine, type Problems } from '../kernel/problem.js';
import { editDistance } from '../kernel/edit-distance.js';
import { ignoredKey } from './schema.js';

/**
 * YAML text read with line numbers kept, so every schema problem can name its line.
 * `firstLine` is where the YAML starts in its file (front matter starts on line 2).
 */
export interface YamlText {
  file: string;
  text: string;
  firstLine: number;
}

/** The line of a key path in a YAML text already parsed (falls back to the nearest parent's). */
export type LineOf = (path: (string | number)[]) => number;

/** Parses and validates YAML against a zod schema; problems go to `problems` with file:line. */
export function readYaml<S extends z.ZodType>(
  source: YamlText,
  schema: S,
  problems: Problems,
  what: string,
): z.infer<S> | undefined {
  return readYamlData(source, schema, problems, what).value;
}

/**
 * Like readYaml, but also hands back the data when it is valid YAML that fails the
 * schema (`raw`), so the load stage can keep what is valid and report every problem,
 * and `lineOf` to name lines found after validation without parsing the text again.
 */
export function readYamlData<S extends z.ZodType>(
  source: YamlText,
  schema: S,
  problems: Problems,
  what: string,
): { value?: z.infer<S>; raw?: unknown; lineOf: LineOf } {
  const lineCounter = new LineCounter();
  // yaml's own `uniqueKeys` compares each key with every earlier one (50,000 keys took 66 s);
  // duplicateKeys below does the same check with one Set per map.
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + source.firstLine - 1;
  const lineOf: LineOf = (path) => lineIn(doc.contents, path, lineAt, source.firstLine);
  for (const err of doc.errors) {
    problems.error(source.file, lineAt(err.pos[0]), `invalid YAML in ${what}: ${firstLine(err.message)}`);
  }
  const duplicates = duplicateKeys(doc);
  for (const { key, offset, firstOffset } of duplicates) {
    problems.error(source.file, lineAt(offset), `invalid YAML in ${what}: key "${key}" is given twice (first on line ${lineAt(firstOffset)})`);
  }
  if (doc.errors.length > 0 || duplicates.length > 0) return { lineOf };
  let data: unknown;
  try {
    // maxAliasCount bounds "billion laughs" alias expansion; an unresolved alias throws.
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (cause) {
    problems.error(source.file, source.firstLine, `invalid YAML in ${what}: ${firstLine(cause)}`);
    return { lineOf };
  }
  const result = schema.safeParse(data);
  // Warned even when validation fails: a misspelt key often explains the error next to it.
  warnUnknownKeys(doc.contents, schema, source, problems, lineAt, what);
  if (result.success) return { value: result.data, raw: data, lineOf };
  for (const issue of result.error.issues.flatMap(unionBranch)) {
    const key = issue.path.length ? `${issue.path.join('.')}: ` : '';
    problems.error(source.file, lineIn(doc.contents, issue.path, lineAt, source.firstLine), `${what}: ${key}${issue.message}`);
  }
  return { raw: data, lineOf };
}

function lineIn(root: unknown, path: PropertyKey[], lineAt: (offset: number) => number, fallback: number): number {
  const node = nodeAt(root, path);
  return node?.range ? lineAt(node.range[0]) : fallback;
}

function nodeAt(root: unknown, path: PropertyKey[]): Node | undefined {
  let node = root as Node | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      node = (pair.value ?? pair.key) as Node;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

/**
 * Unknown top-level keys are never silently ignored: one within two edits of a known key is
 * a misspelling (`clasification`) and an error naming the key meant, since the setting it
 * was meant to make (a marking...) would otherwise be missing; any other is a warning.
 */
function warnUnknownKeys(
  contents: unknown,
  schema: z.ZodType,
  source: YamlText,
  problems: Problems,
  lineAt: (offset: number) => number,
  what: string,
): void {
  const shape = (schema as unknown as { shape?: Record<string, { description?: string }> }).shape;
  if (!shape || !isMap(contents)) return;
  // Keys accepted only to be named in their own warning (Pandoc's) are not offered as known keys.
  const known = Object.keys(shape).filter((k) => shape[k]?.description !== ignoredKey);
  for (const pair of contents.items) {
    const key = (pair.key as { value?: unknown; range?: [number, number, number] } | null);
    if (typeof key?.value === 'string' && !(key.value in shape)) {
      const line = key.range ? lineAt(key.range[0]) : source.firstLine;
      const word = key.value;
      // A near miss of a known key is an error: a misspelt `clasification` must not go out unmarked.
      const meant = known
        .map((k) => ({ k, d: editDistance(k.toLowerCase(), word.toLowerCase()) }))
        .filter(({ d }) => d <= 2)
        .sort((a, b) => a.d - b.d)[0];
      if (meant) problems.error(source.file, line, `unknown key "${word}" in ${what} (did you mean "${meant.k}"?)`);
      else problems.warn(source.file, line, `unknown key "${word}" in ${what} (known: ${known.join(', ')})`);
    }
  }
}

/** Keys given twice in one mapping, each with where it is and where it was first given. Linear. */
function duplicateKeys(doc: ReturnType<typeof parseDocument>): { key: string; offset: number; firstOffset: number }[] {
  const found: { key: string; offset: number; firstOffset: number }[] = [];
  visit(doc, {
    Map(_, map) {
      const first = new Map<unknown, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const offset = pair.key.range?.[0] ?? 0;
        const earlier = first.get(pair.key.value);
        if (earlier === undefined) first.set(pair.key.value, offset);
        else found.push({ key: String(pair.key.value), offset, firstOffset: earlier });
      }
    },
  });
  return found;
}

type Issue = { code: string; path: PropertyKey[]; message: string; errors?: Issue[][] };

/**
 * "Invalid input" from a union (an audience is a name or an inline profile) says nothing;
 * report the branch that got furthest instead, its paths made absolute.
 */
function unionBranch(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return [issue];
  const depth = (branch: Issue[]) => Math.max(...branch.map((i) => i.path.length));
  const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!;
  if (depth(best) === 0) return [issue];
  return best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })).flatMap(unionBranch);
}
