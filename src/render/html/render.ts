import Handlebars from 'handlebars';

import { relative, sep } from 'node:path';
import { builtInTemplates, type TemplateSet, type TemplateFile } from '../../load/template-set.js';
import { precompiledTemplates, type PrecompiledTemplate } from './precompiled-templates.js';
import { markdownHtml, type CitationView, type SlideMarkdown } from './markdown-html.js';
import { layoutView } from './layout-view.js';
import { markLanguages } from './text-language.js';
import { noCharts, type ChartArt } from './chart-svg.js';
import { BriefdeckError, formatProblem } from '../../kernel/problem.js';
import { templateProblem } from '../../load/template-check.js';
import { bannerText, portionMark, validMarking, type Marking } from '../../load/marking.js';
import type { AgendaItem, PlannedDeck, PlannedSlide } from '../../model.js';

/** Options the HTML needs that do not come from the plan. */
export interface RenderOptions {
  /** Where the deck's assets live, relative to index.html. */
  assets: string;
  version: string;
  /** The deck's charts, drawn beforehand (drawCharts: vega draws asynchronously). */
  charts?: ChartArt;
  /** Also the read-ahead handout page: the same slides through `handout.hbs`, each rendered once for both. */
  handout?: boolean;
}

/** What render produces: the page, the text it shows (for choosing font subsets), and the handout page if asked for. */
export interface RenderedDeck {
  html: string;
  text: string;
  handout?: string;
}

/**
 * Render stage: a planned deck through Handlebars layouts into reveal.js HTML. Pure: strict
 * templates, every value escaped except HTML that briefdeck produced itself (rendered
 * markdown, sanitised). The Handlebars environment of a template set (its helpers, partials
 * and compiled templates, none of which a render changes) is made once and shared by every
 * audience version rendered from it.
 */
export function renderDeck(plan: PlannedDeck, templates: TemplateSet, options: RenderOptions): RenderedDeck {
  const compile = compilerFor(templates);
  const md = slideMarkdown(plan);
  const deck = deckView(plan, options);
  const total = plan.slides.length;
  const slides = plan.slides.map((planned, i) => {
    const template = templates.layouts.get(planned.layout);
    if (!template) throw new BriefdeckError('bad-input', `no template for layout "${planned.layout}"`);
    const view = slideView(planned, plan, md, i + 1, total, options.charts ?? noCharts);
    return { ...view, html: run(template, compile(template), { slide: view, deck }) };
  });
  const page = (template: TemplateFile) =>
    markLanguages(run(template, compile(template), {
      deck,
      slides,
      // \u003c keeps a '</script>' in any value from closing the config's script element.
      config: JSON.stringify(revealConfig(plan)).replace(/</g, '\\u003c'),
    }), plan.info.lang);
  const text = slides.map((s) => s.html).join(' ') + ' ' + plan.info.title;
  if (options.handout && !templates.handout) throw new BriefdeckError('bad-input', 'the templates have no handout.hbs to print a handout with');
  const html = page(templates.shell);
  return options.handout && templates.handout ? { html, text, handout: page(templates.handout) } : { html, text };
}

function slideMarkdown(plan: PlannedDeck): SlideMarkdown {
  const numbers = new Map(plan.sources.map((s) => [s.source.id, s]));
  const view: CitationView = {
    number: (id) => numbers.get(id)?.number,
    href: (id) => `#/${numbers.get(id)?.slideId ?? 'sources'}`,
  };
  return markdownHtml(view);
}

/** Everything a layout template may read about one slide; every key present (strict mode). */
function slideView(planned: PlannedSlide, plan: PlannedDeck, md: SlideMarkdown, number: number, total: number, charts: ChartArt) {
  const base = {
    id: planned.id,
    layout: planned.layout,
    title: planned.title,
    titleHtml: Handlebars.escapeExpression(planned.title),
    number,
    total,
    backup: planned.backup,
    bodyHtml: '',
    notesHtml: '',
    section: null as string | null,
    items: [] as AgendaItem[],
    entries: [] as unknown[],
    page: 1,
    pages: 1,
    data: {} as Record<string, unknown>,
  };
  switch (planned.kind) {
    case 'title':
      return base;
    case 'agenda':
      return { ...base, items: planned.items };
    case 'sources':
      return { ...base, entries: planned.entries.map(sourceEntryView), page: planned.page, pages: planned.pages };
    case 'content': {
      const slide = planned.slide;
      return {
        ...base,
        titleHtml: portionHtml(slide.marking) + md.inline(slide.titleTokens),
        bodyHtml: md.block(slide.body),
        notesHtml: plan.audience.notes ? md.block(slide.notes) : '',
        section: slide.section ?? null,
        data: layoutView(slide.data ?? { kind: 'plain' }, md, charts),
      };
    }
  }
}

function sourceEntryView(entry: PlannedDeck['sources'][number]) {
  const s = entry.source;
  return {
    number: entry.number,
    id: s.id,
    author: s.author ?? null,
    title: s.title,
    publisher: s.publisher ?? null,
    date: s.date ?? null,
    url: s.url ?? null,
    accessed: s.accessed ?? null,
  };
}

function deckView(plan: PlannedDeck, options: RenderOptions) {
  const i = plan.info;
  return {
    title: i.title,
    shortTitle: i.shortTitle,
    subtitle: i.subtitle ?? null,
    abstract: i.abstract ?? null,
    author: i.author ?? null,
    organisation: i.organisation ?? null,
    date: i.date ?? null,
    classification: i.classification ?? null,
    draft: i.status === 'draft',
    lang: i.lang,
    theme: i.theme,
    audience: { name: plan.audience.name, label: plan.audience.label ?? plan.audience.name, preparedFor: plan.info.preparedFor ?? null },
    marking: markingView(plan.marking),
    assets: options.assets,
    // The house style's branding (house.yaml): the logo's place beside the deck, footer text, paper.
    logo: i.branding.logo ? `${options.assets}/${i.branding.logo.asset}` : null,
    footer: i.branding.footer ?? null,
    paper: i.branding.paper === 'letter' ? 'letter' : 'A4',
    generator: `briefdeck ${options.version}`,
  };
}

/** The banner: classification and REL TO centred, the TLP label on its own, right-aligned. */
function markingView(marking: Marking | undefined) {
  if (!marking) return null;
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z]+/g, '-');
  return {
    text: bannerText(marking) || null,
    level: marking.classification ? slug(marking.classification) : 'none',
    tlp: marking.tlp ?? null,
    tlpClass: marking.tlp ? slug(marking.tlp.slice(4)) : null,
  };
}

/** A portion mark such as `(U)` before a marked slide's title. */
function portionHtml(marking: string | undefined): string {
  const mark = marking ? portionMark(validMarking(marking)!) : '';
  return mark ? `<span class="bd-portion">${Handlebars.escapeExpression(mark)}</span> ` : '';
}

/** reveal.js settings: a fixed 16:9 canvas and one PDF page per slide. */
function revealConfig(plan: PlannedDeck) {
  return {
    width: 1920,
    height: 1080,
    margin: 0,
    minScale: 0.1,
    maxScale: 4,
    center: false,
    hash: true,
    transition: 'none',
    backgroundTransition: 'none',
    slideNumber: false,
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    showNotes: false,
    controls: true,
    // Arrows at the screen's edges, clear of the footer's slide number and the banner.
    controlsLayout: 'edges',
    progress: true,
    notesAudience: plan.audience.name,
  };
}

function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''));
}

/** Each template set's compiled templates, in the one Handlebars environment they share. */
const compilers = new WeakMap<TemplateSet, (template: TemplateFile) => HandlebarsTemplateDelegate>();

/**
 * Compiles a template of the set once (a deck uses each layout many times, and each audience
 * version uses them again). Handlebars compiles on a template's first run, so a template
 * error surfaces in `run`, which names the template; `compile` fails only on what it checks.
 */
function compilerFor(templates: TemplateSet): (template: TemplateFile) => HandlebarsTemplateDelegate {
  const known = compilers.get(templates);
  if (known) return known;
  const hb = Handlebars.create();
  registerHelpers(hb);
  const compiled = new Map<TemplateFile, HandlebarsTemplateDelegate>();
  const compile = (template: TemplateFile) => {
    let fn = compiled.get(template);
    if (!fn) {
      try {
        const built = precompiled(template);
        fn = built ? hb.template(built.spec) : hb.compile(template.text, { strict: true, noEscape: false });
      } catch (cause) {
        throw templateError(template, cause);
      }
      compiled.set(template, fn);
    }
    return fn;
  };
  for (const partial of templates.partials.values()) hb.registerPartial(partial.name, compile(partial));
  compilers.set(templates, compile);
  return compile;
}

/** A built-in template as compiled when briefdeck was built, if its text is still the one compiled. */
function precompiled(template: TemplateFile): PrecompiledTemplate | undefined {
  if (template.house) return undefined;
  const built = precompiledTemplates.get(relative(builtInTemplates, template.file).split(sep).join('/'));
  return built?.text === template.text ? built : undefined;
}

/**
 * A whole page of a template set (the memo page) through the set's Handlebars environment:
 * compiled once, a template error named at its file and line, text in another language marked.
 */
export function renderPage(templates: TemplateSet, template: TemplateFile, context: unknown, lang: string): string {
  return markLanguages(run(template, compilerFor(templates)(template), context), lang);
}

function run(template: TemplateFile, fn: HandlebarsTemplateDelegate, context: unknown): string {
  try {
    return fn(context);
  } catch (cause) {
    throw templateError(template, cause);
  }
}

function templateError(template: TemplateFile, cause: unknown): BriefdeckError {
  const problem = templateProblem(template, cause);
  return new BriefdeckError('bad-input', formatProblem(problem), [problem], { cause });
}
