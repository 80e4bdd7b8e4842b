import { createRequire } from 'node:module';
import type { Pptx, PptxConstructor, PptxSlide } from './pptx-types.js';
import type { PlannedDeck, PlannedSlide } from '../../model.js';
import type { Problem } from '../../kernel/problem.js';
import { formatMarking } from '../../load/marking.js';
import { defineMasters, masters } from './master.js';
import { drawContentSlide, masterFor } from './content-slide.js';
import { drawAgendaSlide, drawSourcesSlide, drawTitleSlide } from './generated-slides.js';
import { finishPackage } from './package.js';
import { plainText } from './text-runs.js';
import { frame, px, slideWidth, type PptxTheme } from './theme.js';
import type { PptxImage, SlideContext } from './slide-context.js';

// The CommonJS build: it loads the same way on every Node 20 (the ES build is not marked as a module).
const PptxGen = createRequire(import.meta.url)('pptxgenjs') as PptxConstructor;

export type { PptxImage } from './slide-context.js';

export interface PptxOptions {
  /** The deck's manifest (or brief): what warnings about generated slides name. */
  deckFile: string;
  theme: PptxTheme;
  /** The deck's local images, read by the caller, by the href written in the brief. */
  images: ReadonlyMap<string, PptxImage>;
  /** `briefdeck 0.1.0`: written into the document properties. */
  generator: string;
}

/** A rendered PowerPoint, and the slides whose text could not be fitted to its boxes. */
export interface RenderedPptxFile {
  bytes: Uint8Array;
  warnings: Problem[];
}

/**
 * The PowerPoint renderer: a planned deck as an editable .pptx, drawn from the plan and
 * each slide's typed layout data (never from the HTML, never as pictures). Pure: no disk,
 * no clock; the same plan gives the same bytes.
 */
export async function renderPptx(plan: PlannedDeck, options: PptxOptions): Promise<RenderedPptxFile> {
  const pptx = new PptxGen();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = plan.info.title;
  pptx.author = plan.info.author ?? plan.info.organisation ?? '';
  pptx.company = plan.info.organisation ?? '';
  pptx.subject = plan.marking ? formatMarking(plan.marking) : '';
  pptx.theme = { headFontFace: options.theme.font, bodyFontFace: options.theme.font };
  defineMasters(pptx, plan, options.theme);

  const numbers = new Map(plan.slides.map((s, i) => [s.id, i + 1]));
  const cited = new Map(plan.sources.map((s) => [s.source.id, s]));
  const warnings: Problem[] = [];
  let drawing: PlannedSlide | undefined;
  const overflowed = new Set<string>();
  const ctx: SlideContext = {
    overflow: (min) => {
      if (!drawing || overflowed.has(drawing.id)) return;
      overflowed.add(drawing.id);
      const at = drawing.kind === 'content' ? { file: drawing.slide.file, line: drawing.slide.line } : { file: options.deckFile };
      const message = `slide ${numbers.get(drawing.id)} "${drawing.title}" (${plan.audience.name}): text does not fit its box in PowerPoint even at ${min} pt, so PowerPoint shrinks it further; split the slide or move detail to the notes`;
      warnings.push({ ...at, message, severity: 'warning' });
    },
    plan,
    theme: options.theme,
    images: options.images,
    slideNumber: (id) => numbers.get(id),
    text: {
      theme: options.theme,
      cite: {
        number: (id) => cited.get(id)?.number,
        sourcesSlide: (id) => {
          const entry = cited.get(id);
          return entry && plan.audience.sourcesSlide ? numbers.get(entry.slideId) : undefined;
        },
      },
    },
  };
  for (const planned of plan.slides) {
    drawing = planned;
    drawSlide(pptx, planned, ctx);
  }
  const written = (await pptx.write({ outputType: 'uint8array' })) as Uint8Array;
  return { bytes: await finishPackage(written, plan, options.generator, options.theme.eastAsianFont), warnings };
}

function drawSlide(pptx: Pptx, planned: PlannedSlide, ctx: SlideContext): void {
  switch (planned.kind) {
    case 'title':
      return drawTitleSlide(pptx.addSlide({ masterName: masters.title }), ctx);
    case 'agenda':
      return drawAgendaSlide(pptx.addSlide({ masterName: masters.titleOnly }), planned.title, planned.items, ctx);
    case 'sources':
      return drawSourcesSlide(pptx.addSlide({ masterName: masters.titleOnly }), planned.title, planned.entries, ctx);
    case 'content': {
      const slide = pptx.addSlide({ masterName: masterFor(planned.slide) });
      drawContentSlide(slide, planned.slide, ctx);
      if (planned.backup) backupTag(slide, ctx);
      // Notes only for audiences that get them: a public deck carries none, not even empty ones.
      if (ctx.plan.audience.notes && planned.slide.notes.length) {
        slide.addNotes(plainText(planned.slide.notes, ctx.text.cite.number).trim());
      }
      return;
    }
  }
}

/** Appendix slides say "Backup" in the footer, as in the HTML and PDF. */
function backupTag(slide: PptxSlide, ctx: SlideContext): void {
  slide.addText('BACKUP', {
    x: slideWidth - frame.left - 1.2 - px(150), y: frame.footerTop + px(12), w: px(130), h: px(32), objectName: 'Backup',
    fontFace: ctx.theme.font, fontSize: 9, bold: true, charSpacing: 1, color: ctx.theme.navy, align: 'center', valign: 'middle', margin: 0,
    line: { color: ctx.theme.navy, width: 1 },
  });
}
