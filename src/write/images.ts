import { resolve } from 'node:path';
import { resolveLocalImage } from '../load/local-file.js';
import { decodeHref, imageAssetPath, isLocalImage } from '../kernel/image-href.js';

import type { OutputFiles } from './output.js';
import type { Problems } from '../kernel/problem.js';
import type { PlannedDeck } from '../model.js';

/**
 * Copies the local images a planned deck shows into its assets. Each must be an image
 * type, exist, and stay inside the project root after symlinks are followed.
 */
export async function imageFiles(plan: PlannedDeck, root: string, problems: Problems): Promise<OutputFiles> {
  const files: OutputFiles = new Map();
  for (const planned of plan.slides) {
    if (planned.kind !== 'content') continue;
    for (const use of planned.slide.images) {
      if (!isLocalImage(use.href)) continue;
      // Containment, symlinks and the type by the file's bytes (not its name): local-file.ts.
      const image = await resolveLocalImage(use.href, resolve(use.file), root);
      if (typeof image === 'string') problems.error(use.file, use.line, image);
      else files.set(imageAssetPath(decodeHref(use.href)), { copyFrom: image.path });
    }
  }
  return files;
}
