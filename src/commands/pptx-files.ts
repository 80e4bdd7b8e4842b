import { readFile } from 'node:fs/promises';
import { imageSize } from 'image-size';
import type { DeckImages } from '../load/deck-images.js';
import { isLocalImage } from '../kernel/image-href.js';
import { Problems } from '../kernel/problem.js';
import { version } from '../kernel/version.js';
import type { PptxImage, RenderedPptxFile } from '../render/pptx/render.js';
import { houseTheme, themeFromCss, withBranding } from '../render/pptx/theme.js';
import type { LoadedDeck, PlannedDeck } from '../model.js';

/**
 * One audience version as PowerPoint bytes: the theme's colours read from its CSS and the
 * local images read (with the same containment checks as the HTML's), then the pure renderer.
 */
export async function pptxVersion(deck: LoadedDeck, plan: PlannedDeck, images: DeckImages): Promise<RenderedPptxFile> {
  const css = deck.templates.themes.get(plan.info.theme);
  // The theme's CSS, then the house.yaml branding colours over it (as the HTML layers them).
  const theme = withBranding(css ? themeFromCss(css.text) : houseTheme, plan.info.branding);
  // pptxgenjs loads only when a PowerPoint is written: build and the other commands stay light.
  const { renderPptx } = await import('../render/pptx/render.js');
  return renderPptx(plan, { theme, images: await slideImages(plan, images), generator: `briefdeck ${version}`, deckFile: deck.file });
}

/**
 * The local images of image slides, read and measured. Each was found and checked once for
 * the deck (checkDeckImages); one briefdeck cannot measure is an error at its line.
 */
async function slideImages(plan: PlannedDeck, checked: DeckImages): Promise<Map<string, PptxImage>> {
  const images = new Map<string, PptxImage>();
  const problems = new Problems();
  for (const planned of plan.slides) {
    if (planned.kind !== 'content' || planned.slide.data?.kind !== 'image') continue;
    const use = planned.slide.data.image;
    const found = use && isLocalImage(use.href) && !images.has(use.href) ? checked.get(use) : undefined;
    if (!use || !found) continue;
    const bytes = await readFile(found.path);
    const size = measure(bytes);
    if (!size) {
      problems.error(use.file, use.line, `image "${use.href}" has no width and height briefdeck can read`);
      continue;
    }
    images.set(use.href, { data: `${found.mediaType};base64,${bytes.toString('base64')}`, ...size });
  }
  problems.throwIfErrors();
  return images;
}

/** Pixel size as shown (a JPEG rotated by its EXIF orientation swaps width and height). */
function measure(bytes: Buffer): { width: number; height: number } | undefined {
  try {
    const size = imageSize(bytes);
    if (!size.width || !size.height) return undefined;
    const turned = size.orientation !== undefined && size.orientation >= 5;
    return turned ? { width: size.height, height: size.width } : { width: size.width, height: size.height };
  } catch {
    return undefined;
  }
}
