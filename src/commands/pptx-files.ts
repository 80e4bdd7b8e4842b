import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { imageSize } from 'image-size';
import { resolveLocalImage } from '../load/local-file.js';
import { isLocalImage } from '../kernel/image-href.js';
import { Problems, type Problem } from '../kernel/problem.js';
import { silentLogger, type Logger } from '../kernel/logger.js';
import { version } from '../kernel/version.js';
import type { PptxImage, RenderedPptxFile } from '../render/pptx/render.js';
import { houseTheme, themeFromCss } from '../render/pptx/theme.js';
import { writeFileAtomic } from '../write/output.js';
import type { LoadedDeck, PlannedDeck } from '../model.js';

/** Where an audience's PowerPoint goes by default: beside its PDF. */
export function pptxPath(outRoot: string, deck: string, audience: string): string {
  return join(outRoot, deck, `${deck}-${audience}.pptx`);
}

/**
 * One audience version as PowerPoint bytes: the theme's colours read from its CSS and the
 * local images read (with the same containment checks as the HTML's), then the pure renderer.
 */
export async function pptxVersion(deck: LoadedDeck, plan: PlannedDeck): Promise<RenderedPptxFile> {
  const css = deck.templates.themes.get(plan.info.theme);
  const theme = css ? themeFromCss(await readFile(css, 'utf8')) : houseTheme;
  // pptxgenjs loads only when a PowerPoint is written: build and the other commands stay light.
  const { renderPptx } = await import('../render/pptx/render.js');
  return renderPptx(plan, { theme, images: await slideImages(deck, plan), generator: `briefdeck ${version}`, deckFile: deck.file });
}

/** The local images of image slides, read and measured; a missing or unsafe one is an error at its line. */
async function slideImages(deck: LoadedDeck, plan: PlannedDeck): Promise<Map<string, PptxImage>> {
  const images = new Map<string, PptxImage>();
  const problems = new Problems();
  for (const planned of plan.slides) {
    if (planned.kind !== 'content' || planned.slide.data?.kind !== 'image') continue;
    const use = planned.slide.data.image;
    if (!use || !isLocalImage(use.href) || images.has(use.href)) continue;
    const found = await resolveLocalImage(use.href, resolve(use.file), deck.root);
    if (typeof found === 'string') {
      problems.error(use.file, use.line, found);
      continue;
    }
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

/** A rendered PowerPoint waiting to be written. */
export interface RenderedPptx {
  path: string;
  bytes: Uint8Array;
  deck: string;
  plan: PlannedDeck;
  /** Slides whose text could not be fitted (reported as warnings when written). */
  warnings: Problem[];
}

/** Renders versions of one deck (nothing is written): to `pptxPath`, or beside each PDF under `outRoot`. */
export async function renderPptxVersions(deck: LoadedDeck, plans: PlannedDeck[], outRoot: string, pptxFile?: string): Promise<RenderedPptx[]> {
  const rendered: RenderedPptx[] = [];
  for (const plan of plans) {
    const path = pptxFile ? resolve(pptxFile) : pptxPath(outRoot, deck.name, plan.audience.name);
    const { bytes, warnings } = await pptxVersion(deck, plan);
    rendered.push({ path, bytes, deck: deck.name, plan, warnings });
  }
  return rendered;
}

/** Writes rendered versions, each atomically, once all of them rendered. */
export async function writePptxFiles(rendered: RenderedPptx[], log: Logger = silentLogger): Promise<void> {
  for (const { path, bytes, deck, plan, warnings } of rendered) {
    await writeFileAtomic(path, bytes);
    warnings.forEach((w) => log.warn(w));
    log.info(`${deck}/${plan.audience.name}: PowerPoint, ${plan.slides.length} slides -> ${path}`);
  }
}

/** `build --pptx`: every version of a deck rendered, then written beside its PDF. */
export async function writePptxVersions(deck: LoadedDeck, plans: PlannedDeck[], outRoot: string, options: { log?: Logger } = {}): Promise<void> {
  await writePptxFiles(await renderPptxVersions(deck, plans, outRoot), options.log);
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
