import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TemplateSet } from '../load/template-set.js';
import { builtInTemplates } from '../load/template-set.js';
import { fontAssets } from './fonts.js';
import type { OutputFiles } from './output.js';

const require = createRequire(import.meta.url);

/** The folder, beside index.html, that holds everything the deck loads. */
export const assetsDir = 'assets';

/**
 * Everything a built deck loads, copied from node_modules and the templates, so the
 * deck opens from disk with no network: reveal.js, the theme, the fonts it needs.
 */
export async function deckAssets(templates: TemplateSet, theme: string, text: string): Promise<OutputFiles> {
  const files: OutputFiles = new Map();
  // reveal.js's exports map hides package.json; its main entry sits in dist/.
  const reveal = dirname(dirname(require.resolve('reveal.js')));
  for (const file of ['reset.css', 'reveal.css', 'reveal.js', 'plugin/notes.js']) {
    files.set(`${assetsDir}/reveal/${file}`, { copyFrom: join(reveal, 'dist', file) });
  }
  // Every theme a settings layer names was checked at load (unknownTheme in template-set.ts).
  files.set(`${assetsDir}/theme.css`, { copyFrom: templates.themes.get(theme)! });
  files.set(`${assetsDir}/deck.js`, { copyFrom: join(builtInTemplates, 'scripts', 'deck.js') });
  const fonts = await fontAssets(text, '');
  files.set(`${assetsDir}/fonts/fonts.css`, { text: fonts.css });
  for (const [name, src] of fonts.files) files.set(`${assetsDir}/fonts/${name}`, { copyFrom: src });
  return files;
}
