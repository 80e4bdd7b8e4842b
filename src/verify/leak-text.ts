import type { Token } from 'marked';
import type { Source } from '../load/schema.js';
import type { PlannedDeck, Slide } from '../model.js';

/**
 * What a version must not show: text unique to the slides it dropped (title, body, notes,
 * and sources cited only there), cut into phrases that survive rendering (markup,
 * citation numbers, line breaks in a PDF) and compared in one normal form. Pure.
 */

/** A phrase of a dropped slide, in normal form, with what it came from. */
export interface Secret {
  phrase: string;
  /** As written, for the message. */
  excerpt: string;
  what: 'title' | 'body' | 'notes' | 'source';
  slide: { id: string; title: string; file: string; line: number; reason: string };
}

/** Lower case, compatibility forms folded (ligatures), every run of non-letters one space. */
export function normalText(text: string): string {
  return ` ${text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

/** A text to look for phrases in (normal form): a string, or a phraseIndex of one. */
export interface Haystack {
  includes(phrase: string): boolean;
}

/**
 * A text in normal form, indexed for asking whether it holds a phrase in normal form, many
 * times over: the place of every word is listed once, and a phrase is looked for only where
 * its rarest word is. The same answers as the text's own `includes`; hundreds of phrases
 * against reveal.js's 200 kB cost a few milliseconds instead of tens (issue 19).
 */
export function phraseIndex(text: string): Haystack {
  // Where each word starts, as the place of the space before it (normal form: words between single spaces).
  const places = new Map<string, number[]>();
  for (let space = text.indexOf(' '); space !== -1; ) {
    const next = text.indexOf(' ', space + 1);
    const word = text.slice(space + 1, next === -1 ? text.length : next);
    const list = places.get(word);
    if (list) list.push(space);
    else places.set(word, [space]);
    space = next;
  }
  return {
    includes(phrase) {
      if (!phrase.startsWith(' ') || !phrase.endsWith(' ') || phrase.length < 3) return text.includes(phrase);
      let rarest: number[] | undefined;
      let offset = 0;
      for (let space = 0; space < phrase.length - 1; space = phrase.indexOf(' ', space + 1)) {
        const at = places.get(phrase.slice(space + 1, phrase.indexOf(' ', space + 1)));
        if (!at) return false;
        if (!rarest || at.length < rarest.length) [rarest, offset] = [at, space];
      }
      return rarest!.some((place) => place >= offset && text.startsWith(phrase, place - offset));
    },
  };
}

/** Phrases shorter than this (in normal form) are too common to tell a leak from chance. */
const minTitleChars = 5;
const minPhraseWords = 3;
const minPhraseChars = 15;

/**
 * The secrets of one version: phrases of each slide it dropped that are not also in what
 * it legitimately shows (`shown`, in normal form: its kept slides, generated text, templates
 * and shipped assets). A phrase shown elsewhere in the version is not unique to a dropped slide.
 */
export function secretsOf(slides: Slide[], plan: PlannedDeck, sources: Map<string, Source>, shown: Haystack): Secret[] {
  const reasons = new Map(plan.dropped.map((d) => [`${d.file}:${d.line}:${d.id}`, d.reason]));
  const listed = new Set(plan.sources.map((s) => s.source.id));
  const secrets: Secret[] = [];
  const sought = new Set<string>();
  for (const slide of slides) {
    const reason = reasons.get(`${slide.file}:${slide.line}:${slide.id}`);
    if (reason === undefined) continue;
    const about = { id: slide.id, title: slide.title, file: slide.file, line: slide.line, reason };
    const add = (what: Secret['what'], excerpt: string, minChars: number, minWords: number) => {
      const phrase = normalText(excerpt);
      const words = phrase.trim().split(' ').length;
      if (phrase.trim().length < minChars || words < minWords || shown.includes(phrase)) return;
      if (sought.has(phrase)) return;
      sought.add(phrase);
      secrets.push({ phrase, excerpt: excerpt.trim(), what, slide: about });
    };
    add('title', slide.title, minTitleChars, 1);
    for (const piece of phrases(slide.body)) add('body', piece, minPhraseChars, minPhraseWords);
    for (const piece of phrases(slide.notes)) add('notes', piece, minPhraseChars, minPhraseWords);
    for (const cite of slide.citations) {
      const source = sources.get(cite.id);
      if (source && !listed.has(source.id)) add('source', source.title, minPhraseChars, 2);
    }
  }
  return secrets;
}

/**
 * The phrases of markdown tokens as a reader sees them: citations, link targets and
 * `{attributes}` removed, cut at line ends, sentence ends and table cells (a PDF or a
 * layout may set those apart; a citation number may sit between them).
 */
export function phrases(tokens: Token[]): string[] {
  const raw = tokens.map((t) => t.raw).join('\n');
  const text = raw
    .replace(/\[@[^\]]*\]/g, '\n')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\{[^{}]*\}/g, '\n')
    .replace(/<[^>]*>/g, ' ');
  return text.split(/\n|\||(?<=[.!?;:])\s+/).map((p) => p.trim()).filter(Boolean);
}

/** Everything a version legitimately shows, in normal form: its kept slides and generated text. */
export function shownText(plan: PlannedDeck): string {
  const parts: string[] = [plan.info.title, plan.info.subtitle ?? '', plan.info.author ?? '', plan.info.organisation ?? '', plan.info.preparedFor ?? '', plan.audience.label ?? ''];
  for (const planned of plan.slides) {
    parts.push(planned.title);
    if (planned.kind === 'agenda') parts.push(...planned.items.map((i) => i.title));
    if (planned.kind !== 'content') continue;
    const slide = planned.slide;
    parts.push(slide.section ?? '', ...phrases(slide.body), ...(plan.audience.notes ? phrases(slide.notes) : []));
  }
  for (const { source } of plan.sources) parts.push(source.title, source.author ?? '', source.publisher ?? '', source.note ?? '');
  return parts.map(normalText).join('|');
}
