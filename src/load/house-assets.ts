import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { contained } from './local-file.js';
import { schemeOf } from '../kernel/safe-url.js';
import type { Problems } from '../kernel/problem.js';
import { allTemplates, type HouseAsset, type HouseFolder, type TemplateFile, type TemplateSet, type ThemeFile } from './template-set.js';

/**
 * Files a house style references travel with the deck. Every `src`/`href` in its templates
 * and every `url()` in its stylesheets names a file relative to the house-style folder;
 * each must exist inside that folder (no `..`, absolute path or symlink out). Each
 * reference is rewritten to the file's copy under the deck's `assets/` folder, which the
 * write stage fills from `assets` (so a deck never loads a file from outside its folder).
 */
export async function findHouseAssets(templates: TemplateSet, problems: Problems): Promise<void> {
  for (const template of allTemplates(templates)) if (template.house) await templateAssets(template, template.house, problems);
  for (const theme of templates.themes.values()) if (theme.house) await themeAssets(theme, theme.house, problems);
}

/** `src="seal.png"` and `href="extra.css"` written literally in a template (not `{{...}}` values). */
const attributePattern = /(\s(?:src|href)\s*=\s*)(["'])([^"'{}<>]*)\2/gi;

async function templateAssets(template: TemplateFile, house: HouseFolder, problems: Problems): Promise<void> {
  const found: HouseAsset[] = [];
  const edits: Edit[] = [];
  for (const m of template.text.matchAll(attributePattern)) {
    const written = m[3]!.trim();
    if (!isFileReference(written)) continue;
    const asset = await houseFile(written, house, template.file, lineAt(template.text, m.index), problems);
    if (!asset) continue;
    found.push(asset);
    // Every template sees the deck (layouts, the shell and the memo page at the top, partials through @root).
    edits.push({ at: m.index, length: m[0].length, text: `${m[1]}${m[2]}{{@root.deck.assets}}/${asset.output}${m[2]}` });
  }
  template.assets = found;
  template.text = edited(template.text, edits);
}

/** `url(font.woff2)`, `url("logo.png")` and `@import "x.css"` in a stylesheet. */
const urlPattern = /url\(\s*(["']?)([^"')]*)\1\s*\)/gi;
const importPattern = /@import\b/gi;

async function themeAssets(theme: ThemeFile, house: HouseFolder, problems: Problems): Promise<void> {
  const text = withoutComments(theme.text);
  // A theme is concatenated after the built-in one, where @import would be ignored: refuse it, do not drop it.
  for (const m of text.matchAll(importPattern)) {
    problems.error(theme.file, lineAt(text, m.index), '@import is not supported in a house theme: write the rules into the theme itself');
  }
  const found: HouseAsset[] = [];
  const edits: Edit[] = [];
  for (const m of text.matchAll(urlPattern)) {
    const written = m[2]!.trim();
    if (!isFileReference(written)) continue;
    const asset = await houseFile(written, house, theme.file, lineAt(text, m.index), problems);
    if (!asset) continue;
    found.push(asset);
    // theme.css sits in assets/, so the copy is found by the same relative path.
    edits.push({ at: m.index, length: m[0].length, text: `url("${asset.output}")` });
  }
  theme.assets = found;
  // The blanked text has the original's length (comments kept as spaces), so its offsets hold there.
  theme.text = edited(theme.text, edits);
}

/** A relative file path: not an in-page anchor, a data: or remote URL, or a path from the site root. */
function isFileReference(written: string): boolean {
  return written !== '' && !written.startsWith('#') && !written.startsWith('/') && !written.startsWith('//') && schemeOf(written) === undefined;
}

/**
 * Resolves one reference inside the house folder, or reports why not at `file:line`.
 * Remote URLs are not references: the deck's security policy blocks them anyway.
 */
export async function houseFile(written: string, house: HouseFolder, file: string, line: number | undefined, problems: Problems, what = 'file'): Promise<HouseAsset | undefined> {
  let path: string;
  try {
    path = decodeURIComponent(written.replace(/[?#].*$/, ''));
  } catch {
    problems.error(file, line, `${what} "${written}" is not a valid path`);
    return undefined;
  }
  const wanted = resolve(house.dir, path);
  // The one containment rule for local files (local-file.ts): no `..`, absolute path or symlink out.
  const found = await contained(wanted, house.dir);
  if (found === 'outside') {
    problems.error(file, line, `${what} "${written}" is outside the house style folder (${house.dir}); files a house style uses live in it`);
    return undefined;
  }
  if (found === 'link-out') {
    problems.error(file, line, `${what} "${written}" is a link to a file outside the house style folder; copy the file in instead`);
    return undefined;
  }
  if (found === 'missing' || !(await stat(found.real).then((s) => s.isFile(), () => false))) {
    problems.error(file, line, `${what} "${written}" not found (looked for ${wanted}; paths are relative to the house style folder)`);
    return undefined;
  }
  const rel = relative(house.dir, wanted).split(sep).join('/');
  return { written, path: found.real, output: `${house.output}/${rel}` };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** CSS comments blanked out (newlines kept, so lines still count): a url() in a comment is no reference. */
function withoutComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
}

/** A span of a text to replace. */
interface Edit {
  at: number;
  length: number;
  text: string;
}

/** `text` with each (non-overlapping, in order) edit made. */
function edited(text: string, edits: Edit[]): string {
  let out = '';
  let last = 0;
  for (const edit of edits) {
    out += text.slice(last, edit.at) + edit.text;
    last = edit.at + edit.length;
  }
  return out + text.slice(last);
}
