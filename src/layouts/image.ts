import type { Tokens } from 'marked';
import type { LayoutPlugin } from './index.js';

/** A local figure with a caption: `![alt text](figure.png)` then a caption paragraph. */
export const image: LayoutPlugin = {
  read(slide, problems) {
    if (slide.images.length !== 1) {
      problems.error(slide.file, slide.images[1]?.line ?? slide.line, `an image slide shows one image ("![alt text](figure.png)"), not ${slide.images.length}`);
    } else {
      const use = slide.images[0]!;
      if (!use.alt.trim()) problems.warn(use.file, use.line, `image "${use.href}" has no alt text; describe it in the brackets: ![what the figure shows](${use.href})`);
    }
    // The paragraph holding the image, and everything else as its caption.
    const figure = slide.body.find((t) => t.type === 'paragraph' && (t as Tokens.Paragraph).tokens.some((i) => i.type === 'image')) as Tokens.Paragraph | undefined;
    return { kind: 'image', figure: figure?.tokens ?? [], image: slide.images[0], caption: slide.body.filter((t) => t !== figure) };
  },
};
