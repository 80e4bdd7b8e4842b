import { parseAttributes } from '../kernel/attributes.js';
import { detailLevels, type DetailLevel } from '../load/schema.js';
import { formatMarking, parseMarking } from '../load/marking.js';

export interface SlideSettings {
  id?: string;
  layout?: string;
  audiences: string[];
  detail?: DetailLevel;
  tags: string[];
  marking?: string;
  backup: boolean;
  memo: boolean;
  /** Attributes only a layout reads (see layoutAttributeKeys). */
  layoutOptions: Record<string, string>;
}

/** The attribute keys a heading may carry, documented in the README. */
export const slideAttributeKeys = ['layout', 'audience', 'detail', 'tags', 'marking', 'backup', 'memo'] as const;

/** Attributes that belong to one layout: its plugin reads and checks their values. */
export const layoutAttributeKeys: Readonly<Record<string, readonly string[]>> = {
  chart: ['kind', 'data', 'x', 'y', 'unit', 'highlight'],
};

/** Reads `{#id .tag layout=... audience="a b" detail=... tags="x y" marking=... backup memo}`. */
export function readSlideAttributes(inside: string | undefined): SlideSettings | string {
  const settings: SlideSettings = { audiences: [], tags: [], backup: false, memo: false, layoutOptions: {} };
  if (inside === undefined) return settings;
  const attrs = parseAttributes(inside);
  if (typeof attrs === 'string') return attrs;
  settings.id = attrs.id;
  settings.tags.push(...attrs.classes);
  for (const flag of attrs.flags) {
    if (flag === 'backup') settings.backup = true;
    else if (flag === 'memo') settings.memo = true;
    else return `unknown attribute "${flag}" (known: #id, .tag, ${slideAttributeKeys.join(', ')})`;
  }
  for (const [key, value] of attrs.values) {
    switch (key) {
      case 'layout':
        settings.layout = value;
        break;
      case 'audience':
        settings.audiences.push(...words(value));
        break;
      case 'detail':
        if (!(detailLevels as readonly string[]).includes(value)) {
          return `detail must be one of ${detailLevels.join(', ')}, not "${value}"`;
        }
        settings.detail = value as DetailLevel;
        break;
      case 'tags':
        settings.tags.push(...words(value));
        break;
      case 'marking': {
        // Portion marks are checked here so a misspelt one is an error at the heading's line.
        const marking = parseMarking(value);
        if (typeof marking === 'string') return marking;
        settings.marking = formatMarking(marking);
        break;
      }
      case 'backup':
        if (value !== 'true' && value !== 'false') return `backup is true or false, not "${value}"`;
        settings.backup = value === 'true';
        break;
      default:
        if (!Object.values(layoutAttributeKeys).some((keys) => keys.includes(key))) {
          return `unknown attribute "${key}" (known: #id, .tag, ${slideAttributeKeys.join(', ')})`;
        }
        settings.layoutOptions[key] = value;
    }
  }
  const layout = settings.layout ?? 'bullets';
  const foreign = Object.keys(settings.layoutOptions).find((key) => !layoutAttributeKeys[layout]?.includes(key));
  if (foreign !== undefined) {
    const owner = Object.entries(layoutAttributeKeys).find(([, keys]) => keys.includes(foreign))?.[0];
    return `attribute "${foreign}" belongs to ${owner} slides (layout=${owner}), not to a ${layout} slide`;
  }
  return settings;
}

function words(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}

/** A slide id from its title: lower-case words joined by hyphens. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'slide';
}
