import type { Token, Tokens } from 'marked';
import type { LayoutReader } from './index.js';
import type { Slide } from '../slide.js';

/** A local figure with a caption: `![alt text](figure.png)` then a caption paragraph. */
export const image: LayoutReader = {
  check(slide, problems) {
    if (slide.images.length !== 1) {
      problems.error(slide.file, slide.images[1]?.line ?? slide.line, `an image slide shows one image ("![alt text](figure.png)"), not ${slide.images.length}`);
      return;
    }
    const use = slide.images[0]!;
    if (!use.alt.trim()) problems.warn(use.file, use.line, `image "${use.href}" has no alt text; describe it in the brackets: ![what the figure shows](${use.href})`);
  },
  view(slide, md) {
    const { figure, caption } = read(slide);
    return {
      imageHtml: figure ? md.inline(figure.tokens) : '',
      captionHtml: md.block(caption),
    };
  },
};

/** The paragraph holding the image, and everything else as its caption. */
function read(slide: Slide): { figure?: Tokens.Paragraph; caption: Token[] } {
  const figure = slide.body.find((t) => t.type === 'paragraph' && (t as Tokens.Paragraph).tokens.some((i) => i.type === 'image')) as Tokens.Paragraph | undefined;
  return { figure, caption: slide.body.filter((t) => t !== figure) };
}
