import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { resolveLocalImage } from './local-file.js';
import { schemeOf } from './safe-url.js';
import type { PlannedDeck } from './plan.js';
import type { OutputFiles } from './output.js';
import type { Problems } from './problem.js';

/** Whether an image reference names a file beside the brief (not a URL or data). */
export function isLocalImage(href: string): boolean {
  return schemeOf(href) === undefined && !href.startsWith('//') && !href.startsWith('#');
}

/** Where a local image goes in the built deck: a name unique to what the brief wrote. */
export function imageAssetPath(href: string): string {
  const hash = createHash('sha1').update(href).digest('hex').slice(0, 8);
  return `assets/images/${hash}-${basename(href).replace(/[^\w.-]/g, '_')}`;
}

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

/** A brief's image path with %-escapes undone; a malformed escape is kept as written. */
export function decodeHref(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}
