import { resolveLocalImage } from './local-file.js';
import { decodeHref, imageAssetPath, isLocalImage } from '../kernel/image-href.js';
import type { Problems } from '../kernel/problem.js';
import type { ImageUse, ParsedDeck } from '../model.js';

/**
 * The local images of a deck, each checked once: what the HTML calls it (`asset`) and the
 * real file to copy. An audience version copies only those its own slides show.
 */
export interface DeckImages {
  get(use: ImageUse): { asset: string; path: string; mediaType: string } | undefined;
}

/**
 * Checks every local image every slide of the deck shows, whichever audience gets the
 * slide, before anything is written: each must be an image type, exist, and stay inside
 * the project root once symlinks are followed (local-file.ts). Problems name the brief's line.
 */
export async function checkDeckImages(parsed: ParsedDeck, problems: Problems): Promise<DeckImages> {
  const checked = new Map<string, { asset: string; path: string; mediaType: string }>();
  const key = (use: ImageUse) => `${use.file}\0${use.href}`;
  // A slide names its brief as shown to the user; images resolve beside the brief's real path.
  const briefPaths = new Map(parsed.deck.briefs.map((b) => [b.file, b.absPath]));
  for (const use of parsed.slides.flatMap((s) => s.images)) {
    if (!isLocalImage(use.href) || checked.has(key(use))) continue;
    const image = await resolveLocalImage(use.href, briefPaths.get(use.file) ?? use.file, parsed.deck.root);
    if (typeof image === 'string') problems.error(use.file, use.line, image);
    else checked.set(key(use), { asset: imageAssetPath(decodeHref(use.href)), path: image.path, mediaType: image.mediaType });
  }
  return { get: (use) => checked.get(key(use)) };
}
