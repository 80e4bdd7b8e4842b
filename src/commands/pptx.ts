import { BriefdeckError } from '../kernel/problem.js';
import { checkOutputFile } from '../write/output-location.js';
import { buildForFile, type BuildOptions } from './pipeline.js';
import type { BuiltVersion } from '../model.js';

/**
 * `briefdeck pptx`: an editable PowerPoint per deck and audience, from the same plan as
 * the HTML and PDF, validated and written in the same batch as the HTML (and read back by
 * the leak scan); no browser is started. With `pptxPath` (one deck, one audience) that one
 * file is written: the HTML is built in a scratch folder, as `pdf --out FILE` does.
 */
export async function exportPptx(deckArg: string | undefined, options: BuildOptions = {}): Promise<BuiltVersion[]> {
  if (options.pptxPath !== undefined) {
    await checkOutputFile(options.pptxPath);
    if (!/\.pptx$/i.test(options.pptxPath)) throw new BriefdeckError('usage', `--out names the PowerPoint file to write and must end in .pptx (got "${options.pptxPath}")`);
  }
  return buildForFile(deckArg, { ...options, pptx: true }, options.pptxPath);
}
