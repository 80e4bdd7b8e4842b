import type { PptxSlide } from './pptx-types.js';
import type { PlannedDeck } from '../../model.js';
import type { TextContext } from './text-runs.js';
import type { PptxTheme } from './theme.js';

/** A local image the deck shows, read by the caller (the renderer never touches disk). */
export interface PptxImage {
  /** `image/png;base64,...` */
  data: string;
  /** Pixel size, for placing the picture without stretching it. */
  width: number;
  height: number;
}

/** What drawing one slide needs: the plan, the look, citation numbers and images. */
export interface SlideContext {
  plan: PlannedDeck;
  theme: PptxTheme;
  text: TextContext;
  /** Images by the href written in the brief. */
  images: ReadonlyMap<string, PptxImage>;
  /** 1-based slide number of a planned slide id (for agenda and citation links). */
  slideNumber(id: string): number | undefined;
  /** Text of the slide being drawn does not fit its box even at `min` points. */
  overflow(min: number): void;
}

export type Slide = PptxSlide;

/** A small all-caps tag (confidence, priority): a framed or filled box of text. */
export function addTag(slide: Slide, text: string, box: { x: number; y: number; w: number; h: number }, colour: string, style: 'framed' | 'filled', font: string): void {
  slide.addText(text.toUpperCase(), {
    ...box,
    fontFace: font,
    fontSize: 11,
    bold: true,
    charSpacing: 0.5,
    align: 'center',
    valign: 'middle',
    margin: 0,
    color: style === 'filled' ? 'FFFFFF' : colour,
    fill: style === 'filled' ? { color: colour } : undefined,
    line: style === 'framed' ? { color: colour, width: 1 } : undefined,
  });
}
