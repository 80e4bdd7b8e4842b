import { resolve } from 'node:path';
import { findDecks } from '../load/deck-file.js';
import { BriefdeckError } from '../kernel/problem.js';
import { silentLogger } from '../kernel/logger.js';
import { planVersion, readDeck, type BuildOptions } from './pipeline.js';
import { renderPptxVersions, writePptxFiles, type RenderedPptx } from './pptx-files.js';
import type { LoadedDeck, PlannedDeck } from '../model.js';

/** What `briefdeck pptx` wrote: one file per deck and audience. */
export interface BuiltPptx {
  deck: string;
  audience: string;
  path: string;
  slides: number;
}

/**
 * `briefdeck pptx`: an editable PowerPoint per deck and audience, from the same plan as
 * the HTML and PDF. Every deck is read and planned before anything is written, and no
 * browser is started. With `pptxPath` (one deck, one audience) that one file is written.
 */
export async function exportPptx(deckArg: string | undefined, options: BuildOptions & { pptxPath?: string } = {}): Promise<BuiltPptx[]> {
  const paths = await findDecks(deckArg, options.cwd);
  if (options.pptxPath && !/\.pptx$/i.test(options.pptxPath)) throw new BriefdeckError('usage', `--out names the PowerPoint file to write and must end in .pptx (got "${options.pptxPath}")`);
  if (options.pptxPath && paths.length > 1) throw onePptxFileError();
  const decks: { deck: LoadedDeck; plans: PlannedDeck[] }[] = [];
  for (const path of paths) {
    const { parsed, audiences } = await readDeck(path, options);
    const plans = audiences.map((audience) => planVersion(parsed, audience, options));
    if (options.pptxPath && plans.length > 1) throw onePptxFileError();
    decks.push({ deck: parsed.deck, plans });
  }
  // Every version of every deck rendered before the first file is written.
  const outRoot = resolve(options.out ?? 'output');
  const rendered: RenderedPptx[] = [];
  for (const { deck, plans } of decks) rendered.push(...(await renderPptxVersions(deck, plans, outRoot, options.pptxPath)));
  await writePptxFiles(rendered, options.log ?? silentLogger);
  const built = rendered.map((r) => ({ deck: r.deck, audience: r.plan.audience.name, path: r.path, slides: r.plan.slides.length }));
  return built;
}

function onePptxFileError(): BriefdeckError {
  return new BriefdeckError('usage', '--out names one PowerPoint file, but this exports several decks or audiences; name one deck and pick one --audience');
}
