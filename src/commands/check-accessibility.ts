import type { Token, Tokens } from 'marked';
import { plainText } from '../parse/brief.js';
import type { SlideMeasure } from '../export/overflow.js';
import type { Finding } from './check-report.js';
import type { ImageUse, PlannedDeck, Slide } from '../model.js';

/**
 * Authoring checks for accessibility, read from the briefs' slides (pure): things a screen
 * reader user would miss and the author can fix in the brief. Missing alt text is
 * check-report.ts's `alt-text`; these are the others.
 *
 * - image-of-text: an image that probably shows words (a screenshot of a table or a
 *   slide), which a screen reader cannot read and which does not scale. The heuristic: the
 *   alt text or the file name says screenshot, screen shot, text, table, scan or slide;
 *   or the image is on a slide with almost no text of its own (fewer than
 *   `fewWords` words besides the title, the alt text and citations).
 * - table-header: a table whose header row is empty, or a raw HTML table with no `<th>`.
 * - heading-level: a heading in a slide body that skips a level (the slide title is a
 *   level 2 heading, so the first heading in the body is `###`).
 * - colour-only (from the measured slides): an estimate, confidence or priority tag drawn
 *   without its words, so colour alone carries the meaning (a house template's doing).
 */
export type AccessibilityKind = 'image-of-text' | 'table-header' | 'heading-level' | 'colour-only';

/** Fewer words than this on an image's slide (besides its title and alt text) suggest the image carries the text. */
const fewWords = 4;
const textWords = /\b(screen ?shots?|screen-shots?|text|tables?|scan(ned)?|slides?)\b/i;

export function accessibilityFindings(deck: string, plan: PlannedDeck): Finding[] {
  const findings: Finding[] = [];
  for (const planned of plan.slides) {
    if (planned.kind !== 'content') continue;
    const slide = planned.slide;
    const base = { deck, audiences: [plan.audience.name], severity: 'warning' as const, slide: { id: planned.id, title: planned.title } };
    for (const image of slide.images) {
      const why = imageOfText(image, slide);
      if (why) findings.push({ ...base, kind: 'image-of-text', file: image.file, line: image.line, message: `image "${image.href}" may be a picture of text (${why}): put the words on the slide as text, or describe what the picture shows in its alt text` });
    }
    slide.body.forEach((token, i) => {
      const line = slide.bodyLines[i] ?? slide.line;
      if (token.type === 'table' && (token as Tokens.Table).header.every((c) => !plainText(c.tokens).trim())) {
        findings.push({ ...base, kind: 'table-header', file: slide.file, line, message: 'table has an empty header row: name each column in the first row, so a screen reader can say what each cell is' });
      }
      if (token.type === 'html' && /<table\b/i.test(token.raw) && !/<th\b/i.test(token.raw)) {
        findings.push({ ...base, kind: 'table-header', file: slide.file, line, message: 'HTML table has no header cells (<th>): name each column, or write it as a markdown table' });
      }
    });
    let level = 2;
    slide.body.forEach((token, i) => {
      if (token.type !== 'heading') return;
      const depth = (token as Tokens.Heading).depth;
      if (depth > level + 1) {
        findings.push({ ...base, kind: 'heading-level', file: slide.file, line: slide.bodyLines[i] ?? slide.line, message: `heading "${plainText((token as Tokens.Heading).tokens).trim()}" skips from level ${level} to ${depth}: use ${'#'.repeat(level + 1)} (the slide title is level 2)` });
      }
      level = depth;
    });
  }
  return findings;
}

/** Why an image looks like a picture of text, or undefined. */
function imageOfText(image: ImageUse, slide: Slide): string | undefined {
  const said = textWords.exec(image.alt);
  if (said) return `its alt text says "${said[0]}"`;
  const name = image.href.split('/').pop() ?? image.href;
  const named = textWords.exec(name.replace(/\.[a-z0-9]+$/i, '').replace(/[-_.]+/g, ' '));
  if (named) return `its file name says "${named[0]}"`;
  const words = bodyWords(slide.body);
  if (words < fewWords) return `the slide has ${words === 0 ? 'no' : `only ${words}`} word${words === 1 ? '' : 's'} of text besides it`;
  return undefined;
}

/** Words of text in a slide body, not counting images (their alt text) and citations. */
function bodyWords(tokens: Token[]): number {
  let count = 0;
  const walk = (list: Token[]) => {
    for (const t of list) {
      if (t.type === 'image' || t.type === 'citation') continue;
      if ('tokens' in t && Array.isArray(t.tokens)) walk(t.tokens);
      else if ('items' in t && Array.isArray(t.items)) walk(t.items as Token[]);
      else if (t.type === 'table') {
        const table = t as Tokens.Table;
        walk(table.header.flatMap((c) => c.tokens));
        walk(table.rows.flat().flatMap((c) => c.tokens));
      } else if (t.type === 'text' || t.type === 'codespan') count += t.text.split(/\s+/).filter((w: string) => /[\p{L}\p{N}]/u.test(w)).length;
    }
  };
  walk(tokens);
  return count;
}

/**
 * Estimate, confidence and priority tags that show no words, only colour: found by comparing
 * what the slide's layout read (the estimate "likely", the confidence "high"...) with the
 * text each tag shows on the measured slide, tag by tag in order.
 */
export function colourOnlyFindings(deck: string, plan: PlannedDeck, measured: SlideMeasure[]): Finding[] {
  const findings: Finding[] = [];
  for (const m of measured) {
    const planned = plan.slides[m.index];
    if (planned?.kind !== 'content') continue;
    const data = planned.slide.data;
    const expected: { kind: 'estimate' | 'confidence' | 'priority'; word: string }[] = [];
    if (data?.kind === 'bluf') {
      for (const j of data.judgments) {
        if (j.estimate) expected.push({ kind: 'estimate', word: j.estimate });
        if (j.confidence) expected.push({ kind: 'confidence', word: j.confidence });
      }
    } else if (data?.kind === 'recommendations') {
      for (const item of data.items) if (item.priority) expected.push({ kind: 'priority', word: item.priority });
    }
    for (const kind of ['estimate', 'confidence', 'priority'] as const) {
      const shown = m.tags.filter((t) => t.kind === kind);
      expected
        .filter((e) => e.kind === kind)
        .forEach((e, i) => {
          const tag = shown[i];
          if (!tag || words(tag.text).includes(words(e.word))) return;
          findings.push({
            deck,
            audiences: [plan.audience.name],
            file: planned.slide.file,
            line: planned.slide.line,
            severity: 'warning',
            kind: 'colour-only',
            slide: { id: planned.id, title: planned.title },
            message: `slide "${planned.title}": the ${kind} "${e.word}" is shown by colour only${tag.text ? ` (the tag says "${tag.text}")` : ''}; the template must write the word in the tag`,
          });
        });
    }
  }
  return findings;
}

const words = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
