import type { Marked, Token, Tokens } from 'marked';
import { briefLexer, type AttributedHeading, type CitationToken, type FencedBlockToken } from './markdown.js';
import { readSlideAttributes, slugify } from './slide.js';

import type { Problems } from '../kernel/problem.js';
import { checkNesting } from './nesting.js';
import { countLines } from '../kernel/lines.js';
import { formatMarking, highestMarking, parseMarking, type Marking } from '../load/marking.js';
import type { CitationUse, ImageUse, LoadedBrief, Slide } from '../model.js';

export interface ParseOptions {
  /** Layout names the templates provide; any other `layout=` is an error. */
  layouts: ReadonlySet<string>;
}

/**
 * Parse stage for one brief: markdown body -> slides. Pure: text in, slides out,
 * problems recorded with the brief's file and line.
 *
 * `# Heading` starts a section divider, `## Heading` a slide; a section titled
 * "Appendix" (or a slide marked `backup`) puts what follows after the Sources slide.
 */
export function parseBrief(brief: LoadedBrief, options: ParseOptions, problems: Problems): Slide[] {
  if (!checkNesting(brief.body, brief.bodyLine, brief.file, problems)) return [];
  const lexer = briefLexer();
  let tokens: Token[];
  try {
    tokens = lexer.lexer(brief.body);
  } catch (cause) {
    // marked recurses per nested block; checkNesting catches the usual shapes, this the rest.
    if (!(cause instanceof RangeError)) throw cause;
    problems.error(brief.file, brief.bodyLine, 'this brief nests blocks too deeply to read (lists, quotes or "::: notes" inside each other)');
    return [];
  }
  const slides: Slide[] = [];
  let current: Slide | undefined;
  let section: Slide | undefined;
  let inAppendix = false;
  let line = brief.bodyLine;

  for (const token of tokens) {
    const at = line;
    line += countLines(token.raw);
    if (token.type === 'heading' && (token as Tokens.Heading).depth <= 2) {
      const heading = token as AttributedHeading;
      current = startSlide(heading, brief, at, options, problems);
      if (current.kind === 'section') {
        section = current;
        inAppendix = /^appendix\b/i.test(current.title) || current.backup;
      } else if (section) {
        inheritSection(current, section, problems);
      }
      current.section = current.kind === 'slide' ? section?.title : undefined;
      current.backup ||= inAppendix;
      slides.push(current);
      continue;
    }
    if (token.type === 'space') continue;
    if (!current) {
      problems.error(brief.file, at, 'text before the first "## " heading belongs to no slide; it is the abstract only when the front matter has no abstract: key');
      continue;
    }
    if (token.type === 'fencedBlock') {
      const block = token as FencedBlockToken;
      if (block.name === '') {
        problems.error(brief.file, at, 'a ":::" line with no block open; speaker notes open with "::: notes"');
      } else if (block.name !== 'notes' && block.name !== 'memo') {
        problems.error(brief.file, at, `unknown block "::: ${block.name}" (known: ::: notes, ::: memo)`);
      } else if (block.nestedLine !== undefined) {
        problems.error(brief.file, at + block.nestedLine, `a "::: " block cannot open inside "::: ${block.name}"; close it with a line ":::" first`);
      } else if (!block.closed) {
        problems.error(brief.file, at, `this "::: ${block.name}" block is never closed with a line ":::"`);
      }
      if (block.name === 'memo') {
        // Prose for the read-ahead memo only: never on the slide; its citations count like the slide's own.
        (current.memoText ??= []).push(...block.tokens);
        collectUses(lexer, block.tokens, token.raw, at, brief.file, current, false, problems);
      } else {
        current.notes.push(...block.tokens);
        collectUses(lexer, block.tokens, token.raw, at, brief.file, current, true, problems);
      }
      continue;
    }
    current.body.push(token);
    current.bodyLines.push(at);
    collectUses(lexer, [token], token.raw, at, brief.file, current, false, problems);
  }
  return slides;
}

function startSlide(
  heading: AttributedHeading,
  brief: LoadedBrief,
  line: number,
  options: ParseOptions,
  problems: Problems,
): Slide {
  const kind = heading.depth === 1 ? 'section' : 'slide';
  const title = plainText(heading.tokens).trim();
  const settings = readSlideAttributes(heading.attrs);
  const slide: Slide = {
    kind,
    id: slugify(title),
    explicitId: false,
    title,
    titleTokens: heading.tokens,
    layout: kind === 'section' ? 'section' : 'bullets',
    audiences: [],
    detail: 'standard',
    tags: [...(brief.frontMatter.tags ?? [])],
    backup: false,
    body: [],
    bodyLines: [],
    notes: [],
    citations: [],
    images: [],
    file: brief.file,
    line,
  };
  if (title === '') problems.error(brief.file, line, 'a slide heading needs a title');
  if (typeof settings === 'string') {
    problems.error(brief.file, line, settings);
    return slide;
  }
  if (settings.id) {
    slide.id = settings.id;
    slide.explicitId = true;
  }
  if (settings.layout !== undefined) {
    if (!options.layouts.has(settings.layout)) {
      const known = [...options.layouts].sort().join(', ');
      problems.error(brief.file, line, `unknown layout "${settings.layout}" (known: ${known})`);
    } else {
      slide.layout = settings.layout;
    }
  }
  slide.audiences = settings.audiences;
  slide.detail = settings.detail ?? 'standard';
  // Tags match whatever their case: `{.Internal}` is `internal`.
  const tags = settings.tags.map((t) => t.toLowerCase());
  slide.tags.push(...tags.filter((t, i) => !slide.tags.includes(t) && tags.indexOf(t) === i));
  slide.marking = settings.marking;
  slide.backup = settings.backup;
  if (settings.memo) slide.memo = true;
  if (Object.keys(settings.layoutOptions).length > 0) slide.layoutOptions = settings.layoutOptions;
  return slide;
}

/**
 * A `# section` heading's tags, audiences and marking apply to every slide under it: a
 * slide adds to its section's tags, may only narrow its audiences, and carries the higher
 * of the two markings (and only the countries both release to).
 */
function inheritSection(slide: Slide, section: Slide, problems: Problems): void {
  slide.tags.push(...section.tags.filter((t) => !slide.tags.includes(t)));
  if (section.audiences.length) {
    if (!slide.audiences.length) slide.audiences = [...section.audiences];
    else {
      const outside = slide.audiences.filter((a) => !section.audiences.includes(a));
      if (outside.length) {
        problems.error(slide.file, slide.line, `audience="${slide.audiences.join(' ')}" names ${outside.join(', ')}, outside its section's audience="${section.audiences.join(' ')}" (${section.file}:${section.line})`);
      }
      slide.audiences = slide.audiences.filter((a) => section.audiences.includes(a));
    }
  }
  if (section.marking) {
    const both = [section.marking, slide.marking].filter((m): m is string => m !== undefined).map(parseMarking);
    const markings = both.filter((m): m is Marking => typeof m !== 'string');
    slide.marking = formatMarking(highestMarking(markings));
  }
}

/** Records the citations and images inside `tokens`, each with the line it is on. */
function collectUses(
  lexer: Marked,
  tokens: Token[],
  raw: string,
  firstLine: number,
  file: string,
  slide: Slide,
  inNotes: boolean,
  problems: Problems,
): void {
  let cursor = 0;
  const lineOf = (piece: string): number => {
    const found = raw.indexOf(piece, cursor);
    if (found < 0) return firstLine;
    cursor = found;
    return firstLine + countLines(raw.slice(0, found));
  };
  lexer.walkTokens(tokens, (t) => {
    if (t.type === 'citation') {
      const cite = t as CitationToken;
      const line = lineOf(cite.raw);
      if (cite.malformed !== undefined) {
        problems.error(file, line, `cannot read citation "${cite.raw}" (write [@id], [@id, p. 4] or [@a; @b])`);
      }
      for (const ref of cite.refs) slide.citations.push({ ...ref, file, line, inNotes } satisfies CitationUse);
    } else if (t.type === 'image' && !inNotes) {
      const image = t as Tokens.Image;
      slide.images.push({ href: image.href, alt: image.text, file, line: lineOf(image.raw) } satisfies ImageUse);
    }
  });
}

/** The text a reader sees in inline tokens, without markup or citations. */
export function plainText(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  return tokens
    .map((t) => {
      if (t.type === 'citation') return '';
      if ('tokens' in t && Array.isArray(t.tokens)) return plainText(t.tokens);
      if (t.type === 'br') return ' ';
      return 'text' in t && typeof t.text === 'string' ? t.text : '';
    })
    .join('')
    .replace(/\s+/g, ' ');
}
