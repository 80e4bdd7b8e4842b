import type { Branding } from '../../model.js';

/**
 * The house look in PowerPoint terms. The HTML theme is a 1920x1080 px canvas; a 16:9
 * PowerPoint slide is 13.333 x 7.5 in, so 144 px make an inch and a CSS pixel is half a
 * point. Colours are read from the deck's theme CSS (its `--bd-*` custom properties), so
 * a house theme that recolours the HTML recolours the PowerPoint too.
 */

/** Slide size in inches (PowerPoint's 16:9 "widescreen"). */
export const slideWidth = 13.333;
export const slideHeight = 7.5;

/** CSS pixels of the 1920x1080 canvas to inches, and to points. */
export const px = (value: number): number => Math.round((value / 144) * 1000) / 1000;
export const pt = (cssPx: number): number => cssPx / 2;

/** Where things sit on every slide (inches), mirroring the HTML theme's frame. */
export const frame = {
  banner: px(40),
  left: px(96),
  width: slideWidth - 2 * px(96),
  footerTop: slideHeight - px(40) - px(56),
  footerHeight: px(56),
  kickerTop: px(40) + px(24),
  titleTop: px(40) + px(54),
  titleHeight: px(110),
  ruleTop: px(40) + px(178),
  bodyTop: px(40) + px(206),
};

/** Height left for a slide's body, between the header rule and the footer. */
export const bodyHeight = frame.footerTop - frame.bodyTop - px(16);

/** The body area under the header rule, in inches. */
export const bodyBox = { x: frame.left, y: frame.bodyTop, w: frame.width, h: bodyHeight };

export interface PptxTheme {
  ink: string;
  navy: string;
  accent: string;
  muted: string;
  rule: string;
  paper: string;
  tint: string;
  /** The typeface the deck names; Office substitutes a sans-serif it has when it is missing. */
  font: string;
  /** The typeface for Japanese and other East Asian text (Office substitutes a Japanese Gothic). */
  eastAsianFont: string;
}

/** The house theme's values (templates/themes/house.css), used for any colour a theme leaves out. */
export const houseTheme: PptxTheme = {
  ink: '1D232B',
  navy: '13294B',
  accent: '0B5394',
  muted: '4F5966',
  rule: 'C9D1DB',
  paper: 'FFFFFF',
  tint: 'F2F5F9',
  font: 'Source Sans 3',
  eastAsianFont: 'Noto Sans JP',
};

/** Banner colours by classification, and TLP label colours on black (FIRST TLP 2.0). */
export const bannerColours: Record<string, { fill: string; text: string }> = {
  UNCLASSIFIED: { fill: '007A33', text: 'FFFFFF' },
  CUI: { fill: '502B85', text: 'FFFFFF' },
  CONFIDENTIAL: { fill: '0033A0', text: 'FFFFFF' },
  SECRET: { fill: 'C8102E', text: 'FFFFFF' },
  'TOP SECRET': { fill: 'FF8C00', text: '000000' },
};
export const tlpColours: Record<string, string> = {
  'TLP:RED': 'FF2B2B',
  'TLP:AMBER': 'FFC000',
  'TLP:AMBER+STRICT': 'FFC000',
  'TLP:GREEN': '33FF00',
  'TLP:CLEAR': 'FFFFFF',
};

/** Confidence and priority tag colours, as the HTML theme draws them (7:1 or better on white). */
export const confidenceColours: Record<string, string> = { high: '1C5E33', moderate: '7A4D00', low: '9B1C1C' };
export const priorityColours: Record<string, string> = { high: '9B1C1C', medium: '7A4D00', low: '4F5966' };

/**
 * Reads a theme's colours and first font from its CSS text. Only `--bd-*: #hex` and
 * `--bd-font` declarations are read; anything else keeps the house value.
 */
export function themeFromCss(css: string): PptxTheme {
  const theme = { ...houseTheme };
  const colour = (name: string) => {
    const m = new RegExp(`--bd-${name}\\s*:\\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\\b`).exec(css);
    if (!m) return undefined;
    const hex = m[1]!;
    return (hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex).toUpperCase();
  };
  for (const key of ['ink', 'navy', 'accent', 'muted', 'rule', 'paper', 'tint'] as const) theme[key] = colour(key) ?? theme[key];
  const families = (/--bd-font\s*:\s*([^;]+);/.exec(css)?.[1] ?? '')
    .split(',')
    .map((f) => f.trim().replace(/^['"]|['"]$/g, ''))
    .filter((f) => f && !/^(sans-serif|serif|system-ui|monospace)$/i.test(f));
  if (families[0]) theme.font = families[0];
  const eastAsian = families.find((f) => /\b(JP|CJK|Japanese|Gothic|Mincho)\b/i.test(f));
  if (eastAsian) theme.eastAsianFont = eastAsian;
  return theme;
}

/**
 * house.yaml's branding colours over a theme: primary for titles and rules (navy), accent
 * for links and numbers, text for body text. Font files are not carried over: a PowerPoint
 * cannot embed them, and their family name is briefdeck's own (`House Body`).
 */
export function withBranding(theme: PptxTheme, branding: Pick<Branding, 'colors'> | undefined): PptxTheme {
  const hex = (c: string | undefined) => (c && /^#[0-9a-fA-F]{6}$/.test(c) ? c.slice(1).toUpperCase() : undefined);
  const colors = branding?.colors ?? {};
  return { ...theme, navy: hex(colors.primary) ?? theme.navy, accent: hex(colors.accent) ?? theme.accent, ink: hex(colors.text) ?? theme.ink };
}
