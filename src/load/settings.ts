

import type { AudienceProfile, HouseSettings } from './schema.js';
import type { Branding, DeckInfo, LoadedBrief } from '../model.js';

/** The branding of a deck with no `house.yaml`: the built-in theme as it is, on A4. */
export const noBranding: Omit<Branding, 'organisation'> = { colors: {}, fonts: {}, paper: 'a4', baseTheme: 'house' };

/** What one source of settings may set; every key optional, `undefined` means "not set here". */
export type SettingsLayer = Partial<DeckInfo> & { preparedFor?: string };

/**
 * The settings one audience version of a deck is built with. `branding` is the house
 * style's look, with the organisation as resolved here: every renderer draws it.
 */
export type Settings = DeckInfo & { lang: string; theme: string; preparedFor?: string; branding: Branding };

/** Built-in defaults: the first layer, overridden by every other. */
const defaultSettings = { lang: 'en', theme: 'house', status: 'final', tags: [] } as const satisfies SettingsLayer;

/** The layers, lowest first. The README ("Settings: who wins") states the same order. */
export interface SettingsLayers {
  /** `house.yaml` in the house-style folder (`--templates DIR` or `templates:`). */
  house?: HouseSettings;
  /** The branding `house.yaml` sets, its files already checked (branding.ts). */
  branding?: Omit<Branding, 'organisation'>;
  /** The deck manifest (or, for a one-brief deck, that brief's front matter). */
  manifest: DeckInfo;
  audience: AudienceProfile;
  /** The briefs of the deck: a one-brief deck's front matter, and any brief's `status: draft`. */
  briefs: LoadedBrief[];
  /** Command-line flags such as `--draft`. */
  cli?: SettingsLayer;
}

/**
 * Resolves settings as ordered spreads: defaults, house config, deck manifest,
 * audience profile, brief front matter, CLI flags; a later layer wins. Pure.
 */
export function resolveSettings(layers: SettingsLayers): Settings {
  const settings = {
    ...defaultSettings,
    ...defined(houseLayer(layers.house)),
    ...defined(layers.manifest),
    ...defined(audienceLayer(layers.audience)),
    ...defined(briefLayer(layers.briefs)),
    ...defined(layers.cli ?? {}),
  } as Omit<Settings, 'branding'>;
  return { ...settings, branding: { ...(layers.branding ?? noBranding), ...defined({ organisation: settings.organisation }) } };
}

/** The deck settings of house.yaml; its branding keys are resolved on their own (branding.ts). */
function houseLayer(house: HouseSettings = {}): SettingsLayer {
  return { author: house.author, organisation: house.organisation, classification: house.classification, status: house.status, lang: house.lang, theme: house.theme };
}

function audienceLayer(profile: AudienceProfile): SettingsLayer {
  return { theme: profile.theme, preparedFor: profile.preparedFor };
}

/**
 * Front matter sets deck-wide settings only for a one-brief deck; in a larger deck each
 * brief's classification and date stay with its own slides. A draft brief makes a draft deck.
 */
function briefLayer(briefs: LoadedBrief[]): SettingsLayer {
  const draft = briefs.some((b) => b.frontMatter.status === 'draft') ? { status: 'draft' as const } : {};
  if (briefs.length !== 1) return draft;
  const fm = briefs[0]!.frontMatter;
  return { classification: fm.classification, date: fm.date, lang: fm.lang, status: fm.status, ...draft };
}

/** Drops keys whose value is undefined, so a spread only overrides what a layer really sets. */
export function defined<T extends object>(layer: T): Partial<T> {
  return Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== undefined)) as Partial<T>;
}
