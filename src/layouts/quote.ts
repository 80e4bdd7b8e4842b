import type { Token, Tokens } from 'marked';
import type { LayoutPlugin } from './index.js';
import type { QuoteData, Slide } from '../model.js';
import { bodyBlocks } from './list.js';

/** A paragraph starting with an em dash (or `--`) is the attribution line. */
const attributionMark = /^\s*(?:—|--)\s*/;

/** A quotation: one blockquote whose last paragraph, `— Name, role [@id]`, is its attribution. */
export const quote: LayoutPlugin = {
  read(slide, problems) {
    const quotes = bodyBlocks(slide).filter((b) => b.token.type === 'blockquote');
    const data = read(slide);
    if (quotes.length !== 1) {
      problems.error(slide.file, quotes[1]?.line ?? slide.line, `a quote slide holds one blockquote ("> ..."), not ${quotes.length}`);
    } else if (!data.attribution) {
      problems.warn(slide.file, quotes[0]!.line, 'a quote needs an attribution: end the blockquote with a paragraph "> — Name, role [@source]"');
    }
    return data;
  },
};

function read(slide: Slide): QuoteData {
  const block = slide.body.find((t) => t.type === 'blockquote') as Tokens.Blockquote | undefined;
  const rest = slide.body.filter((t) => t !== block);
  if (!block) return { kind: 'quote', words: [], rest };
  const paragraphs = block.tokens.filter((t) => t.type !== 'space');
  const last = paragraphs[paragraphs.length - 1];
  const first = last?.type === 'paragraph' ? (last as Tokens.Paragraph).tokens[0] : undefined;
  if (!last || !first || first.type !== 'text' || !attributionMark.test((first as Tokens.Text).text)) return { kind: 'quote', words: block.tokens, rest };
  const text = (first as Tokens.Text).text.replace(attributionMark, '');
  const inline: Token[] = [{ ...first, raw: text, text } as Tokens.Text, ...(last as Tokens.Paragraph).tokens.slice(1)];
  return { kind: 'quote', words: paragraphs.slice(0, -1), attribution: inline, rest };
}
