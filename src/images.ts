import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import type { PlannedDeck } from './plan.js';
import type { OutputFiles } from './output.js';
import type { Problems } from './problem.js';

/** The image types a deck may show; anything else is refused. */
export const imageTypes = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp']);

/** Whether an image reference names a file beside the brief (not a URL or data). */
export function isLocalImage(href: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//') && !href.startsWith('#');
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
  const realRoot = await realpath(root).catch(() => resolve(root));
  for (const planned of plan.slides) {
    if (planned.kind !== 'content') continue;
    for (const use of planned.slide.images) {
      if (!isLocalImage(use.href)) continue;
      const href = decodeURI(use.href);
      if (!imageTypes.has(extname(href).toLowerCase())) {
        problems.error(use.file, use.line, `"${use.href}" is not an image (known types: ${[...imageTypes].join(', ')})`);
        continue;
      }
      const path = resolve(dirname(resolve(use.file)), href);
      const real = await realpath(path).catch(() => undefined);
      if (!real) problems.error(use.file, use.line, `image "${use.href}" not found`);
      else if (!inside(realRoot, real)) problems.error(use.file, use.line, `image "${use.href}" lies outside the project (${root}); copy it into the project`);
      else files.set(imageAssetPath(href), { copyFrom: real });
    }
  }
  return files;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
