import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { houseFile } from './house-assets.js';
import { resolveLocalImage } from './local-file.js';
import { contrastRatio, minimumContrast } from '../kernel/contrast.js';
import type { LineOf } from './yaml-file.js';
import type { HouseSettings } from './schema.js';
import type { HouseFolder, TemplateSet } from './template-set.js';
import type { Problems } from '../kernel/problem.js';
import type { BrandFont, Branding } from '../model.js';

/**
 * Reads the branding keys of `house.yaml`: the logo and font files (relative to the house
 * folder, confined to it, checked by their bytes), the colours (each checked at 4.5:1
 * against what it is drawn on), paper and base theme. Problems name house.yaml's line.
 */
export async function readBranding(house: HouseSettings, folder: HouseFolder, file: string, lineOf: LineOf, templates: TemplateSet, problems: Problems): Promise<Omit<Branding, 'organisation'>> {
  const baseTheme = house.baseTheme ?? 'house';
  if (baseTheme !== 'none' && !templates.builtInThemes.has(baseTheme)) {
    const known = [...templates.builtInThemes.keys(), 'none'].join(', ');
    problems.error(file, lineOf(['baseTheme']), `baseTheme: unknown built-in theme "${baseTheme}" (known: ${known})`);
  }
  const colors = house.colors ?? {};
  const base = templates.builtInThemes.get(baseTheme === 'none' ? 'house' : baseTheme)?.text ?? '';
  for (const finding of contrastProblems(colors, base)) problems.error(file, lineOf(['colors', finding.key]), finding.message);
  return {
    ...(house.logo !== undefined ? { logo: await readLogo(house.logo, folder, file, lineOf(['logo']), problems) } : {}),
    colors,
    fonts: {
      ...(house.fonts?.body !== undefined ? { body: await readFont(house.fonts.body, 'House Body', folder, file, lineOf(['fonts', 'body']), problems) } : {}),
      ...(house.fonts?.heading !== undefined ? { heading: await readFont(house.fonts.heading, 'House Heading', folder, file, lineOf(['fonts', 'heading']), problems) } : {}),
    },
    ...(house.footer !== undefined ? { footer: house.footer } : {}),
    paper: house.paper ?? 'a4',
    baseTheme,
  };
}

async function readLogo(written: string, folder: HouseFolder, file: string, line: number, problems: Problems): Promise<Branding['logo']> {
  const asset = await houseFile(written, folder, file, line, problems, 'logo');
  if (!asset) return undefined;
  // The same check as a brief's images: a real PNG, JPEG, GIF, WebP or SVG by its bytes.
  const image = await resolveLocalImage(asset.path, join(folder.dir, 'house.yaml'), '/');
  if (typeof image === 'string') {
    problems.error(file, line, `logo: ${image}`);
    return undefined;
  }
  return { path: image.path, mediaType: image.mediaType, asset: asset.output };
}

async function readFont(written: string, family: string, folder: HouseFolder, file: string, line: number, problems: Problems): Promise<BrandFont | undefined> {
  const asset = await houseFile(written, folder, file, line, problems, 'font');
  if (!asset) return undefined;
  const format = fontFormat(await firstBytes(asset.path));
  if (!format) {
    problems.error(file, line, `font "${written}" is not a font file briefdeck can embed (WOFF2, TrueType .ttf or OpenType .otf)`);
    return undefined;
  }
  return { family, path: asset.path, format };
}

/** What a font file is, by its first four bytes (the name can lie). Pure. */
export function fontFormat(head: Uint8Array): BrandFont['format'] | undefined {
  const tag = Buffer.from(head.subarray(0, 4)).toString('latin1');
  if (tag === 'wOF2') return 'woff2';
  if (tag === '\u0000\u0001\u0000\u0000' || tag === 'true') return 'truetype';
  if (tag === 'OTTO') return 'opentype';
  return undefined;
}

async function firstBytes(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Text the built-in theme draws on the primary colour (section dividers, numbered badges). */
export const textOnPrimary = [
  { colour: '#ffffff', what: 'white titles on section dividers' },
  { colour: '#e6ebf2', what: 'the light text of section dividers' },
];

/**
 * Every colour against every background it is drawn on, in the base theme's own paper
 * and tint. Pure; one message per failing pair, naming both colours and the ratio.
 */
export function contrastProblems(colors: Branding['colors'], baseCss: string): { key: 'primary' | 'accent' | 'text'; message: string }[] {
  const paper = cssVariable(baseCss, '--bd-paper') ?? '#ffffff';
  const tint = cssVariable(baseCss, '--bd-tint') ?? paper;
  const grounds = [
    { colour: paper, what: 'the slide background' },
    { colour: tint, what: 'the tinted panels' },
  ];
  const found: { key: 'primary' | 'accent' | 'text'; message: string }[] = [];
  const check = (key: 'primary' | 'accent' | 'text', fg: string, bg: string, pair: string) => {
    const ratio = contrastRatio(fg, bg);
    if (ratio < minimumContrast) found.push({ key, message: `colors.${key}: ${pair} has contrast ${(Math.floor(ratio * 100) / 100).toFixed(2)}:1; text needs ${minimumContrast}:1 (pick a darker or lighter colour)` });
  };
  for (const key of ['primary', 'accent', 'text'] as const) {
    const colour = colors[key];
    if (!colour) continue;
    for (const ground of grounds) check(key, colour, ground.colour, `${colour} on ${ground.what} (${ground.colour})`);
    if (key === 'primary') for (const text of textOnPrimary) check(key, text.colour, colour, `${text.what} (${text.colour}) on ${colour}`);
  }
  return found;
}

function cssVariable(css: string, name: string): string | undefined {
  return new RegExp(`${name}:\\s*(#[0-9a-f]{3,6})\\b`, 'i').exec(css)?.[1];
}
