import { deckAssets } from './assets.js';
import type { OutputFiles } from './output.js';
import type { DeckImages } from '../load/deck-images.js';
import type { RenderedDeck } from '../render/html/render.js';
import type { LoadedDeck, PlannedDeck } from '../model.js';

/**
 * The files a browser needs to show one audience version: theme and reveal.js assets,
 * the local images of the slides this audience gets (and no others), index.html.
 * Build, check and serve all write these. The images were checked once for the deck.
 */
export async function deckFiles(deck: LoadedDeck, plan: PlannedDeck, rendered: RenderedDeck, images: DeckImages): Promise<OutputFiles> {
  const files = await deckAssets(deck.templates, plan.info, rendered.text);
  for (const planned of plan.slides) {
    if (planned.kind !== 'content') continue;
    for (const use of planned.slide.images) {
      const image = images.get(use);
      if (image) files.set(image.asset, { copyFrom: image.path });
    }
  }
  files.set('index.html', { text: rendered.html });
  return files;
}
