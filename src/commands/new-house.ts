import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { BriefdeckError } from '../kernel/problem.js';

/**
 * The `house.yaml` that `briefdeck new --house DIR` writes: every key, each explained.
 * The keys that need files of the organisation's own (logo, fonts, a theme) are written
 * commented out, so the folder builds as it is; the colours are the built-in theme's.
 */
function scaffoldHouse(): string {
  return `# A house style: the organisation's look, applied to every deck built with it
# (\`--templates DIR\`, \`templates:\` in a deck.yaml, or BRIEFDECK_HOUSE=DIR).
# Every file named here is relative to this folder and must stay inside it.

# Shown above the title of every deck (a deck or brief may name its own).
organisation: Your Organisation

# The logo: PNG, JPEG, GIF, WebP or SVG. Shown on the title slide (up to 560 x 150 px)
# and in every footer (34 px high), on slides, PDFs and handouts.
# logo: logo.png

# Colours as #rrggbb. Each must reach 4.5:1 contrast against what it is drawn on
# (white slides, tinted panels; white text on the primary colour), or the build stops.
colors:
  primary: "#13294b"   # titles, rules, section dividers
  accent: "#0b5394"    # links, citation numbers, bullets
  text: "#1d232b"      # body text

# Font files (.woff2, .ttf or .otf), subset to what each deck uses and embedded.
# fonts:
#   body: fonts/Body.ttf
#   heading: fonts/Heading.otf

# A line of text in every slide's footer.
# footer: Prepared by Your Organisation

# Paper for handouts (pdf --handout) and other page documents: a4 or letter.
paper: a4

# Tags that restrict release, beyond internal, us-only and unverified: a slide carrying
# one never reaches an external audience (public, partner), whatever a profile says.
# restrictedTags: [noforn-like, pre-decisional]

# A theme of your own: themes/NAME.css in this folder, loaded after the built-in theme,
# so it only needs the rules it changes (e.g. :root { --bd-navy: #0b3d2e; }).
# theme: brand

# The built-in theme a house theme is layered over: house, or none to start from nothing.
# baseTheme: house

# Settings every deck starts from (a deck.yaml or brief front matter may override them).
# author: Policy Analysis Unit
# classification: UNCLASSIFIED
# status: draft
# lang: en
`;
}

/** Writes DIR/house.yaml (making DIR); refuses to overwrite a house.yaml already there. */
export async function newHouse(dir: string, cwd = process.cwd()): Promise<string> {
  const folder = resolve(cwd, dir);
  const path = join(folder, 'house.yaml');
  const shown = relative(cwd, path) || path;
  if (existsSync(path)) throw new BriefdeckError('usage', `${shown} already exists; briefdeck new never overwrites`);
  await mkdir(folder, { recursive: true });
  await writeFile(path, scaffoldHouse(), { flag: 'wx' });
  return shown;
}
