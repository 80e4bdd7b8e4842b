import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { HouseAsset, TemplateSet, ThemeFile } from '../load/template-set.js';
import { allTemplates, builtInTemplates } from '../load/template-set.js';
import { fontAssets } from './fonts.js';
import { brandFonts, brandingCss } from './branding-css.js';
import type { Settings } from '../load/settings.js';
import type { OutputFiles } from './output.js';

const require = createRequire(import.meta.url);

/** The folder, beside index.html, that holds everything the deck loads. */
export const assetsDir = 'assets';

/**
 * Everything a built deck loads, copied from node_modules, the templates and the house
 * style, so the deck opens from disk with no network: reveal.js, the theme (built-in,
 * then the branding of house.yaml, then a house theme), the fonts it needs, and every
 * file the house style references.
 */
export async function deckAssets(templates: TemplateSet, settings: Pick<Settings, 'theme' | 'branding'>, text: string): Promise<OutputFiles> {
  const files: OutputFiles = new Map();
  // reveal.js's exports map hides package.json; its main entry sits in dist/.
  const reveal = dirname(dirname(require.resolve('reveal.js')));
  for (const file of ['reset.css', 'reveal.css', 'reveal.js', 'plugin/notes.js']) {
    files.set(`${assetsDir}/reveal/${file}`, { copyFrom: join(reveal, 'dist', file) });
  }
  // Every theme a settings layer names was checked at load (unknownTheme in template-set.ts).
  const theme = templates.themes.get(settings.theme)!;
  files.set(`${assetsDir}/theme.css`, { text: themeCss(theme, templates, settings.branding) });
  files.set(`${assetsDir}/deck.js`, { copyFrom: join(builtInTemplates, 'scripts', 'deck.js') });
  const fonts = await fontAssets(text, '');
  const house = await brandFonts(settings.branding, text);
  files.set(`${assetsDir}/fonts/fonts.css`, { text: fonts.css + house.css });
  for (const [name, src] of fonts.files) files.set(`${assetsDir}/fonts/${name}`, { copyFrom: src });
  for (const [name, bytes] of house.files) files.set(`${assetsDir}/fonts/${name}`, { bytes });
  const logo = settings.branding.logo;
  if (logo) files.set(`${assetsDir}/${logo.asset}`, { copyFrom: logo.path });
  for (const asset of houseAssets(templates, theme)) files.set(`${assetsDir}/${asset.output}`, { copyFrom: asset.path });
  return files;
}

/**
 * The one stylesheet a deck loads: a house theme extends a built-in one (its `baseTheme`,
 * `house` unless house.yaml says `none`) and overrides only what it sets.
 */
function themeCss(theme: ThemeFile, templates: TemplateSet, branding: Settings['branding']): string {
  const base = theme.house && branding.baseTheme !== 'none' ? templates.builtInThemes.get(branding.baseTheme) : undefined;
  const layers = theme.house ? [base?.text ?? '', brandingCss(branding), `/* house theme: ${theme.name} */\n${theme.text}`] : [theme.text, brandingCss(branding)];
  return layers.filter(Boolean).join('\n');
}

/** Files the templates and the theme in use reference from the house style. */
function houseAssets(templates: TemplateSet, theme: ThemeFile): HouseAsset[] {
  return [...allTemplates(templates), theme].flatMap((t) => t.assets ?? []);
}
