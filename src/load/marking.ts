import { createRequire } from 'node:module';
// The library without its locales: its Node entry registers the country names of every
// language (0.9 MB of the bundle, 30 ms to load); English is registered when needed below.
import countries from 'i18n-iso-countries/index.js';

/**
 * Markings: a classification, a TLP 2.0 label and a releasability list, parsed from
 * text such as `UNCLASSIFIED//REL TO USA, JPN//TLP:GREEN` (parts joined by `//`, any
 * order, any case). Pure: text in, a marking or a message out. Levels are ordered so
 * a profile's ceiling can be compared and a deck's banner can show the highest present.
 */

export const classifications = ['UNCLASSIFIED', 'CUI', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET'] as const;
type Classification = (typeof classifications)[number];

/** TLP 2.0 (FIRST), least to most restricted. */
const tlpLabels = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
type TlpLabel = (typeof tlpLabels)[number];

/** Portion-mark abbreviations, as written at the start of a marked title: `(U)`, `(CUI)`. */
const abbreviations: Record<Classification, string> = {
  UNCLASSIFIED: 'U',
  CUI: 'CUI',
  CONFIDENTIAL: 'C',
  SECRET: 'S',
  'TOP SECRET': 'TS',
};

/** Groupings that stand in a REL TO list after the country trigraphs. */
const tetragraphs = new Set(['FVEY', 'NATO', 'ACGU']);

export interface Marking {
  classification?: Classification;
  tlp?: TlpLabel;
  /** Countries (USA first, then trigraphs A-Z, then tetragraphs A-Z) it may be released to. */
  relTo?: string[];
}

/** Reads a marking; a string result is the message saying what is wrong. */
export function parseMarking(text: string): Marking | string {
  const parts = text.split('//').map((p) => p.trim().replace(/\s+/g, ' ').toUpperCase());
  if (!text.trim() || parts.some((p) => !p)) return `"${text}" is not a marking: parts are joined by "//" and none may be empty`;
  const marking: Marking = {};
  for (const part of parts) {
    const problem = readPart(part, marking);
    if (problem) return `marking "${text}": ${problem}`;
  }
  return marking;
}

function readPart(part: string, marking: Marking): string | undefined {
  const level = classificationOf(part);
  if (level) {
    if (marking.classification) return `two classifications (${marking.classification} and ${level})`;
    marking.classification = level;
    return undefined;
  }
  if (/^TLP\s*:/.test(part)) {
    const label = part.replace(/\s+/g, '');
    if (label === 'TLP:WHITE') return 'TLP:WHITE became TLP:CLEAR in TLP 2.0';
    if (!(tlpLabels as readonly string[]).includes(label)) return `unknown TLP label "${part}" (known: ${tlpLabels.join(', ')})`;
    if (marking.tlp) return `two TLP labels (${marking.tlp} and ${label})`;
    marking.tlp = label as TlpLabel;
    return undefined;
  }
  const rel = /^REL(?:EASABLE)? TO (.+)$/.exec(part);
  if (rel) {
    if (marking.relTo) return 'two REL TO lists';
    const list = releasability(rel[1]!);
    if (typeof list === 'string') return list;
    marking.relTo = list;
    return undefined;
  }
  return `unknown part "${part}" (expected a classification: ${classifications.join(', ')}; a TLP label such as TLP:GREEN; or REL TO USA, ...)`;
}

function classificationOf(part: string): Classification | undefined {
  const full = classifications.find((c) => c === part);
  if (full) return full;
  return classifications.find((c) => abbreviations[c] === part);
}

/** The trigraph a writer most likely meant: UK and GB -> GBR, JP -> JPN, Japan -> JPN. */
function trigraphFor(code: string): string | undefined {
  if (code === 'UK') return 'GBR';
  if (/^[A-Z]{2}$/.test(code)) return countries.alpha2ToAlpha3(code);
  // English country names, loaded only to suggest a fix for a list already in error.
  if (!countries.langs().includes('en')) countries.registerLocale(createRequire(import.meta.url)('i18n-iso-countries/langs/en.json'));
  return countries.getAlpha3Code(code.charAt(0) + code.slice(1).toLowerCase(), 'en') ?? undefined;
}

/** `JPN, usa` -> ['USA', 'JPN']: USA first, trigraphs in alphabetical order, then tetragraphs. */
function releasability(list: string): string[] | string {
  const codes = [...new Set(list.split(/[\s,]+/).filter(Boolean))];
  for (const code of codes) {
    if (tetragraphs.has(code)) continue;
    if (!/^[A-Z]{3}$/.test(code) || countries.alpha3ToAlpha2(code) === undefined) {
      const meant = trigraphFor(code);
      const hint = meant ? `; did you mean ${meant}?` : ` (like JPN) or one of ${[...tetragraphs].join(', ')}`;
      return `"${code}" is not an ISO 3166 country trigraph${hint}`;
    }
  }
  const trigraphs = codes.filter((c) => c !== 'USA' && !tetragraphs.has(c)).sort();
  const groups = codes.filter((c) => tetragraphs.has(c)).sort();
  return ['USA', ...trigraphs, ...groups];
}

/** The banner line without the TLP label: `UNCLASSIFIED//REL TO USA, JPN`. */
export function bannerText(marking: Marking): string {
  return [marking.classification, marking.relTo && `REL TO ${marking.relTo.join(', ')}`].filter(Boolean).join('//');
}

/** The canonical written form, which parses back to the same marking. */
export function formatMarking(marking: Marking): string {
  return [bannerText(marking), marking.tlp].filter(Boolean).join('//');
}

/** The portion mark at the start of a slide title: `(U)`, `(CUI)`, `(U//REL TO USA, JPN)`, `(TLP:GREEN)`. */
export function portionMark(marking: Marking): string {
  const level = marking.classification && abbreviations[marking.classification];
  const rel = marking.relTo && `REL TO ${marking.relTo.join(', ')}`;
  const text = [level, rel].filter(Boolean).join('//') || marking.tlp || '';
  return text ? `(${text})` : '';
}

/**
 * The highest of several markings, for a banner over all of them: the highest
 * classification and TLP label, and only the countries every REL TO list allows.
 */
export function highestMarking(markings: Marking[]): Marking {
  const rank = <T>(order: readonly T[], values: (T | undefined)[]) =>
    values.reduce<T | undefined>((top, v) => (v !== undefined && (top === undefined || order.indexOf(v) > order.indexOf(top)) ? v : top), undefined);
  const lists = markings.map((m) => m.relTo).filter((l): l is string[] => l !== undefined);
  const result: Marking = {};
  const classification = rank(classifications, markings.map((m) => m.classification));
  const tlp = rank(tlpLabels, markings.map((m) => m.tlp));
  if (classification) result.classification = classification;
  if (tlp) result.tlp = tlp;
  if (lists.length) result.relTo = lists.reduce((common, list) => common.filter((c) => list.includes(c)));
  return result;
}

/**
 * Why a slide marked `marking` may not go to an audience whose ceiling is `ceiling`,
 * or undefined when it may. A ceiling's REL TO list names the countries in the room:
 * each of them must be in the slide's own REL TO list, if it has one.
 */
export function aboveCeiling(marking: Marking, ceiling: Marking): string | undefined {
  const over = <T>(order: readonly T[], value?: T, top?: T) => value !== undefined && top !== undefined && order.indexOf(value) > order.indexOf(top);
  if (over(classifications, marking.classification, ceiling.classification)) return `marked ${marking.classification}, above the ceiling ${ceiling.classification}`;
  if (over(tlpLabels, marking.tlp, ceiling.tlp)) return `marked ${marking.tlp}, above the ceiling ${ceiling.tlp}`;
  const missing = ceiling.relTo && marking.relTo ? ceiling.relTo.filter((c) => !marking.relTo!.includes(c)) : [];
  if (missing.length) return `releasable to ${marking.relTo!.join(', ')} only, not ${missing.join(', ')}`;
  return undefined;
}

/** Parses a marking already validated at load time (canonical text); undefined stays undefined. */
export function validMarking(text: string | undefined): Marking | undefined {
  if (text === undefined) return undefined;
  const marking = parseMarking(text);
  if (typeof marking === 'string') throw new Error(`internal: unvalidated marking reached the plan: ${marking}`);
  return marking;
}
