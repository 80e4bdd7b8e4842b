/**
 * Marks runs of Japanese, Chinese or Korean text in a deck written in another language with
 * their own language (`<span lang="ja">`), so a screen reader switches voice for them and
 * the PDF tags them with their language (print-tags.ts makes Chrome give each such span a
 * tag of its own, with `/Lang`).
 *
 * Which language: a run with Hangul is Korean; any other run of Han characters, kana and
 * CJK punctuation is Japanese, the language briefdeck ships fonts for. A run in the deck's
 * own language (`lang: ja` and Japanese text) is left as it is.
 */
const script = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
// CJK symbols and punctuation, the kana blocks' marks (ー・), full-width forms.
const joiners = String.raw`\u3000-\u303f\u30a0-\u30ff\uff01-\uff65`;
const run = new RegExp(`[${script}][${script}${joiners}]*`, 'gu');
const hangul = /\p{Script=Hangul}/u;
/** Elements whose text is not shown as text, or may not hold a span. */
const opaque = new Set(['script', 'style', 'title', 'textarea', 'option']);

/** The language of a run of CJK text, as a BCP 47 tag. */
export function languageOf(text: string): 'ja' | 'ko' {
  return hangul.test(text) ? 'ko' : 'ja';
}

/** `html` with each CJK run outside the deck's language wrapped in a span naming its language. */
export function markLanguages(html: string, deckLang: string): string {
  const own = deckLang.toLowerCase().split('-')[0];
  let inside: string | undefined;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        const tag = /^<(\/?)([a-zA-Z][\w-]*)/.exec(part);
        const name = tag?.[2]?.toLowerCase();
        if (name && opaque.has(name)) inside = tag![1] ? undefined : name;
        return part;
      }
      if (inside || !part) return part;
      return part.replace(run, (text) => {
        const lang = languageOf(text);
        return lang === own ? text : `<span lang="${lang}">${text}</span>`;
      });
    })
    .join('');
}
