/**
 * A brief as many analysts already have it: markdown with no front matter, or with text
 * before its first slide. What briefdeck takes from such a file, and says it took (check).
 */

/** What a brief's body gives when its front matter does not: a title, an abstract, and the body left. */
export interface BodyDefaults {
  title?: { text: string; line: number };
  abstract?: { text: string; line: number };
  /** The body with the title heading and the abstract blanked out (line numbers kept). */
  body: string;
}

const fence = /^\s{0,3}(```|~~~)/;

/**
 * Reads the lines before the first slide (`## `) or section (`# ` after the first):
 * with `takeTitle`, a first `# Heading` is the title; the text before the first slide is
 * the abstract. Both are blanked in the returned body, so every later line keeps its number.
 */
export function bodyDefaults(body: string, firstLine: number, takeTitle: boolean): BodyDefaults {
  const lines = body.split('\n');
  const result: BodyDefaults = { body };
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (takeTitle && i < lines.length) {
    const m = /^#\s+(.+?)\s*(?:\{[^}]*\})?\s*#*\s*$/.exec(lines[i]!);
    if (m && !lines[i]!.startsWith('##')) {
      result.title = { text: m[1]!.trim(), line: firstLine + i };
      lines[i] = '';
      i++;
    }
  }
  const start = i;
  let inFence = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence.test(line)) inFence = !inFence;
    if (!inFence && /^#{1,2}\s/.test(line)) break;
  }
  const lead = lines.slice(start, i);
  const text = lead.join('\n').trim();
  if (text) {
    const first = start + lead.findIndex((l) => l.trim() !== '');
    result.abstract = { text: text.replace(/\s*\n\s*/g, ' '), line: firstLine + first };
    for (let j = start; j < i; j++) lines[j] = '';
  }
  result.body = lines.join('\n');
  return result;
}

/** "us-japan_alliance-2024.md" -> "Us Japan Alliance 2024": a title for a file with none. */
export function titleFromFileName(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const words = base.split(/[-_\s.]+/).filter(Boolean);
  const title = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
  return title || 'Untitled brief';
}
