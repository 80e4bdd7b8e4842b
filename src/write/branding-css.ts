import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { BriefdeckError } from '../kernel/problem.js';
import type { BrandFont, Branding } from '../model.js';

/** The built-in font stack, after a house font: characters it lacks still have a face. */
const fallbackStack = `'Source Sans 3', 'Noto Sans JP', sans-serif`;

/**
 * The branding of `house.yaml` as CSS, placed after the base theme and before a house
 * theme (which may refine it): colours and fonts as the base theme's variables, and a
 * sensible size for the logo on the title slide and in the footer. Pure.
 */
export function brandingCss(branding: Branding): string {
  const vars: string[] = [];
  if (branding.colors.primary) vars.push(`--bd-navy: ${branding.colors.primary};`);
  if (branding.colors.accent) vars.push(`--bd-accent: ${branding.colors.accent};`);
  if (branding.colors.text) vars.push(`--bd-ink: ${branding.colors.text};`);
  const body = branding.fonts.body;
  const heading = branding.fonts.heading;
  if (body) vars.push(`--bd-font: '${body.family}', ${fallbackStack};`);
  if (heading) vars.push(`--bd-heading-font: '${heading.family}', ${body ? `'${body.family}', ` : ''}${fallbackStack};`);
  const rules = [
    '/* Branding from house.yaml (briefdeck) */',
    ...(vars.length ? [`:root { ${vars.join(' ')} }`] : []),
    // A logo of any shape fits a box: never taller than the footer's type, never wider than a title.
    '.bd-title-logo { display: block; max-width: 560px; max-height: 150px; width: auto; height: auto; object-fit: contain; margin: 0 0 36px; }',
    '.bd-footer-logo { flex: 0 0 auto; height: 34px; width: auto; max-width: 220px; object-fit: contain; }',
    '.bd-footer-text { flex: 0 1 auto; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }',
  ];
  return rules.join('\n') + '\n';
}

/** Characters every house font keeps, whatever a deck says: Latin-1 and common punctuation. */
const alwaysKept = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('') +
  Array.from({ length: 0x100 - 0xa0 }, (_, i) => String.fromCharCode(0xa0 + i)).join('') + '‘’“”–—…•·€';

/**
 * A house style's own fonts, subset to the characters the deck uses (plus Latin-1) and
 * written as WOFF2 beside the bundled fonts, with their `@font-face` rules. The body face
 * is declared at normal weight (bold is drawn from it); the heading face at every weight,
 * so headings show the file exactly as designed.
 */
export async function brandFonts(branding: Branding, text: string): Promise<{ css: string; files: Map<string, Uint8Array> }> {
  const files = new Map<string, Uint8Array>();
  const rules: string[] = [];
  const fonts = (Object.entries(branding.fonts) as [string, BrandFont | undefined][]).filter((entry): entry is [string, BrandFont] => entry[1] !== undefined);
  // The characters to keep are gathered only for a house font to subset (most decks have none).
  const keep = fonts.length ? [...new Set(Array.from(text + alwaysKept))].join('') : '';
  for (const [role, font] of fonts) {
    const name = `house-${role}.woff2`;
    files.set(name, await subset(font, keep));
    const weight = role === 'heading' ? '100 900' : '400';
    rules.push(`@font-face{font-family:'${font.family}';font-style:normal;font-weight:${weight};font-display:block;src:url(${name}) format('woff2');}`);
  }
  return { css: rules.map((r) => r + '\n').join(''), files };
}

async function subset(font: BrandFont, keep: string): Promise<Uint8Array> {
  try {
    // Loaded only for a house font: harfbuzz's WebAssembly is start-up cost every other build would pay.
    const { default: subsetFont } = await import('subset-font');
    return await subsetFont(await readFile(font.path), keep, { targetFormat: 'woff2' });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    const shown = relative(process.cwd(), font.path) || font.path;
    throw new BriefdeckError('bad-input', `${shown}: cannot read this font to embed it (${reason}); export it again as WOFF2, TTF or OTF`);
  }
}
