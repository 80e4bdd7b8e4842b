/**
 * The deck as briefdeck sees it at each stage: loaded from disk, parsed into slides,
 * planned for one audience. Types only: every stage and every renderer reads these
 * shapes, none owns them. Nothing here is HTML-specific; text stays as markdown tokens
 * (with citations as their own tokens) so that each renderer draws it its own way.
 */
import type { Token } from 'marked';
import type { AudienceProfile, DetailLevel, HouseSettings, Source } from './load/schema.js';
import type { TemplateSet } from './load/template-set.js';
import type { Settings } from './load/settings.js';
import type { Marking } from './load/marking.js';
import type { Problem } from './kernel/problem.js';
import type { CitationRef } from './parse/markdown.js';
import type { DroppedSlide } from './plan/audience.js';
import type { BriefFrontMatter } from './load/schema.js';

/** A citation as written in a brief, with where it was written. */
export interface CitationUse extends CitationRef {
  file: string;
  line: number;
  inNotes: boolean;
}

/** A local or remote image a slide shows, with where it was written. */
export interface ImageUse {
  href: string;
  alt: string;
  file: string;
  line: number;
}

/** One slide read from a brief: its heading, attributes, content and notes as tokens. */
export interface Slide {
  kind: 'slide' | 'section';
  id: string;
  explicitId: boolean;
  title: string;
  titleTokens: Token[];
  layout: string;
  audiences: string[];
  detail: DetailLevel;
  tags: string[];
  marking?: string;
  backup: boolean;
  /** Title of the `# section` the slide sits in. */
  section?: string;
  body: Token[];
  /** Line of each token in `body` (layouts report problems at an item's line). */
  bodyLines: number[];
  notes: Token[];
  citations: CitationUse[];
  images: ImageUse[];
  file: string;
  line: number;
  /** What the slide's layout read from it (the layouts stage sets it; plain until then). */
  data?: LayoutData;
  /** `{memo}`: the slide's text also goes into the read-ahead memo's body. */
  memo?: boolean;
  /** `::: memo` blocks: prose written for the memo only, never shown on the slide. */
  memoText?: Token[];
  /** Attributes only its layout reads (a chart's `kind=line data=budget.csv`), checked by that layout. */
  layoutOptions?: Record<string, string>;
  /** A data file the slide names (`data=budget.csv`), read by the load stage (chart-data.ts). */
  dataFile?: DataTable;
}

/** Rows of data with where each was written: a chart's CSV file or markdown table. */
export interface DataTable {
  /** Where the rows come from (the CSV as shown to the user, or the brief). */
  file: string;
  /** The header row's cells and line. */
  header: string[];
  headerLine: number;
  rows: { cells: string[]; line: number }[];
}

/** What the title slide, footer and PDF metadata say about a deck. */
export interface DeckInfo {
  title: string;
  shortTitle: string;
  subtitle?: string;
  author?: string;
  organisation?: string;
  date?: string;
  classification?: string;
  status?: 'draft' | 'final';
  /** Unset unless the manifest (or brief) names them: the house style or defaults may (settings.ts). */
  lang?: string;
  theme?: string;
  tags: string[];
  /** Pandoc's abstract: the title slide's lead, and part of the PDF's Subject. */
  abstract?: string;
  /** Pandoc's keywords: into the PDF's Keywords. */
  keywords?: string[];
  /** The read-ahead memo's page budget: 1 (the default) or 2. */
  memoPages?: 1 | 2;
}

/** A font file of the house style, for one role (body text or headings). */
export interface BrandFont {
  /** The CSS family name briefdeck gives it (`House Body`, `House Heading`). */
  family: string;
  /** The file's real path (inside the house-style folder). */
  path: string;
  format: 'woff2' | 'truetype' | 'opentype';
}

/**
 * The organisation's look from `house.yaml`, resolved and checked at load: files exist
 * inside the house-style folder, colours pass 4.5:1. Every renderer (HTML, handout,
 * PowerPoint) draws the same branding from the planned deck's settings.
 */
export interface Branding {
  /** The organisation's name as resolved for this deck (house, then manifest, then brief). */
  organisation?: string;
  /** The logo: its real path, and where it is written beside the deck (under `assets/`). */
  logo?: { path: string; mediaType: string; asset: string };
  /** `#rrggbb` colours: primary (titles, rules, dividers), accent (links, numbers), text (body). */
  colors: { primary?: string; accent?: string; text?: string };
  fonts: { body?: BrandFont; heading?: BrandFont };
  /** Text on every slide's footer (and every handout page). */
  footer?: string;
  /** Paper for handouts and other page documents. */
  paper: 'a4' | 'letter';
  /** The built-in theme a house theme is layered over, or `none` (the house theme stands alone). */
  baseTheme: string;
}

/** A deck as loaded from disk: manifest settings, briefs, sources, audiences, templates. */
export interface LoadedDeck {
  /** Folder name under output/. */
  name: string;
  /** The manifest, or the brief for a one-brief deck: what errors about the deck name. */
  file: string;
  /** The project root that local files may not escape. */
  root: string;
  info: DeckInfo;
  briefs: LoadedBrief[];
  sources: DeclaredSource[];
  audiences: AudienceProfile[];
  /** Every audience the manifest names, those whose profile could not be composed (already reported) included. */
  audienceNames?: string[];
  templates: TemplateSet;
  /** The templates folder the manifest chose (`templates:`): trusted code, named in build's output. */
  manifestTemplates?: string;
  /** `house.yaml` of the house style, if it has one. */
  house?: HouseSettings;
  /** Tags the house style and the manifest declare restricted (`restrictedTags:`), beyond the built-in ones. */
  restrictedTags: string[];
  /** The branding `house.yaml` sets (organisation aside: settings resolve that per audience). */
  branding?: Omit<Branding, 'organisation'>;
  /** Source declarations in files that failed to load (sources file, missing briefs). */
  sourceGaps?: SourceGaps;
}

/** A deck after the parse stage: every brief's slides in order, and the known sources. */
export interface ParsedDeck {
  deck: LoadedDeck;
  slides: Slide[];
  sources: Map<string, Source>;
}

/** A source entry with where it was declared. */
export interface DeclaredSource {
  source: Source;
  file: string;
  line: number;
  /** Read from a `bibliography:` file: its id may be declared nowhere else. */
  bibliography?: boolean;
}

/**
 * Source declarations the load stage could not fully read. A citation of one of them
 * would only repeat a problem already reported, so it is not a second error.
 */
export interface SourceGaps {
  /** Ids declared with invalid details (the details are the error). */
  invalidIds: Set<string>;
  /** Files whose source declarations could not be read at all: any id may be in them. */
  unreadable: string[];
}

/** A cited source with its number in this deck. */
export interface NumberedSource {
  number: number;
  source: Source;
  /** Id of the Sources slide (page) that lists it. */
  slideId: string;
}

/** A slide in the order it is shown: written in a brief, or generated by briefdeck. */
export type PlannedSlide =
  | { kind: 'title'; id: 'title'; layout: 'title'; title: string; backup: false }
  | { kind: 'agenda'; id: 'agenda'; layout: 'agenda'; title: string; backup: false; items: AgendaItem[] }
  | { kind: 'sources'; id: string; layout: 'sources'; title: string; backup: false; entries: NumberedSource[]; page: number; pages: number }
  | { kind: 'content'; id: string; layout: string; title: string; backup: boolean; slide: Slide };

/** A part of the deck as the agenda lists it, with the slide it starts on. */
export interface AgendaItem {
  title: string;
  slideId: string;
}

/** One deck for one audience: what to show, in order, and what was left out. */
export interface PlannedDeck {
  /** Settings resolved for this audience (see settings.ts for who wins). */
  info: Settings;
  audience: AudienceProfile;
  slides: PlannedSlide[];
  sources: NumberedSource[];
  dropped: DroppedSlide[];
  /** Every tag that restricts release in this deck (built-in and declared). */
  restrictedTags: string[];
  /** The banner: the highest marking present in this version, undefined when nothing is marked. */
  marking?: Marking;
  /** Slides counted against the profile's budget (all before the appendix). */
  budget: { maxSlides?: number; counted: number; overBudget: 'error' | 'warn' };
  /** Budget problems: errors unless the profile says to warn. */
  problems: Problem[];
}

/** One audience version of a deck, as written. */
export interface BuiltVersion {
  deck: string;
  audience: string;
  htmlPath: string;
  /** The one-file HTML (`--single-file`). */
  singlePath?: string;
  pdfPath?: string;
  handoutPath?: string;
  /** The editable PowerPoint (`--pptx`, `briefdeck pptx`). */
  pptxPath?: string;
  /** The read-ahead memo: its PDF and Word file, where made. */
  memoPdfPath?: string;
  memoDocxPath?: string;
  /** Pages of the memo PDF. */
  memoPages?: number;
  /** Milliseconds spent printing and finishing this version's PDF. */
  pdfMs?: number;
  slides: number;
  plan: PlannedDeck;
  /** The deck it was planned from: the leak scan reads what the version dropped from it (never rendered). */
  parsed: ParsedDeck;
}

/** A brief as read from disk: validated front matter and the markdown body. */
export interface LoadedBrief {
  /** Path as shown to the user (relative to the working directory). */
  file: string;
  absPath: string;
  frontMatter: BriefFrontMatter;
  body: string;
  /** Line of the file where `body` starts. */
  bodyLine: number;
  /** Line of each front-matter source entry, for errors about sources. */
  sourceLines: Map<string, number>;
  /**
   * Set when the front matter failed validation: `frontMatter` then holds its valid keys
   * and a placeholder title, only so the body can still be parsed for more problems.
   */
  invalidFrontMatter?: { invalidSourceIds: string[]; sourcesUnreadable: boolean };
  /** What briefdeck took for itself from a brief that did not say (no front matter...), as `check` reports it. */
  defaults?: string[];
  /** Sources read from the brief's `bibliography:` files, with their file and line. */
  bibliography?: DeclaredSource[];
  /** Line of the `bibliography:` key, for problems with the files it names. */
  bibliographyLine?: number;
}

/**
 * What a layout read from a slide, once, at the layouts stage: typed parts of the
 * slide's markdown (as tokens), for every renderer to draw its own way.
 */
export type LayoutData =
  | { kind: 'plain' }
  | BlufData
  | BoldLeadData
  | QuoteData
  | ComparisonData
  | TableData
  | ImageData
  | RecommendationsData
  | ChartData;

/** Bottom line up front: key judgments, each with an ICD 203 estimate word and a confidence. */
export interface BlufData {
  kind: 'bluf';
  lead: Token[];
  judgments: { text: Token[]; rest: Token[]; estimate?: string; /** 1 (almost no chance) to 7 (almost certain) */ estimateStep?: number; confidence?: string }[];
}

/** Big numbers (figures) or dated entries (timeline): a bold lead and its text. */
export interface BoldLeadData {
  kind: 'figures' | 'timeline';
  items: { lead: Token[]; text: Token[]; rest: Token[] }[];
}

export interface QuoteData {
  kind: 'quote';
  words: Token[];
  attribution?: Token[];
  rest: Token[];
}

export interface ComparisonData {
  kind: 'comparison';
  lead: Token[];
  columns: { title: Token[]; blocks: Token[] }[];
}

export interface TableCell {
  text: Token[];
  align: 'left' | 'right' | 'center';
}

export interface TableData {
  kind: 'table';
  head: TableCell[];
  rows: TableCell[][];
  /** The `Source: ...` line under the table. */
  source?: Token[];
  rest: Token[];
}

export interface ImageData {
  kind: 'image';
  /** The paragraph holding the image (inline tokens). */
  figure: Token[];
  image?: ImageUse;
  caption: Token[];
}

export interface RecommendationsData {
  kind: 'recommendations';
  lead: Token[];
  items: { number: number; title?: Token[]; text: Token[]; rest: Token[]; owner?: string; priority?: string }[];
}

/** The kinds of chart a `chart` slide can draw. */
export type ChartKind = 'bar' | 'stacked-bar' | 'line' | 'area' | 'dot';

/**
 * A chart read from a markdown table or CSV: numbers and strings only, so that every
 * renderer draws it natively (SVG in the HTML deck, a chart object in PowerPoint).
 */
export interface ChartData {
  kind: 'chart';
  chart: ChartKind;
  /** The first column's header (what the categories are: "Fiscal year"). */
  categoryName: string;
  /** The first column: categories or dates, in the order written. */
  categories: string[];
  /** The other columns: one series each, one value per category. */
  series: { name: string; values: number[] }[];
  /** Axis titles: the categories' axis (x) and the values' axis (y). */
  xTitle: string;
  yTitle?: string;
  /** The values' unit ("¥ trillion", "%"), shown with the value axis and the data table. */
  unit?: string;
  /** A series or a category drawn in the accent colour, the rest subdued. */
  highlight?: { series?: string; category?: string };
  /** The `Source: ...` line (inline tokens, citations included); required. */
  source: Token[];
  /** Other blocks written on the slide (a takeaway sentence), shown above the chart. */
  lead: Token[];
  /** One sentence saying what the chart shows, for screen readers and alt text. */
  summary: string;
}
