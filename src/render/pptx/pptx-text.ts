import JSZip from 'jszip';
import { posix } from 'node:path';

/** The text one slide of a .pptx shows, and what its notes and master add. */
export interface PptxSlideText {
  /** The slide's own text, one line per paragraph. */
  text: string;
  /** The title placeholder's text, if the slide has one. */
  title?: string;
  /** Speaker notes (the slide-number field left out). */
  notes: string;
  /** Text the slide shows from its layout and master: banners, footer. */
  layoutText: string;
  /** Where the slide lives in the package: `ppt/slides/slide3.xml`. */
  path: string;
  /** Its layout: `ppt/slideLayouts/slideLayout2.xml`. */
  layoutPath?: string;
}

/**
 * Reads a .pptx back, slide by slide in show order: its text, title, notes and the text
 * its layout and master put on it. For tests and for a leak scan of any PowerPoint,
 * briefdeck's own or one edited since.
 */
export async function readPptxSlides(bytes: Uint8Array): Promise<PptxSlideText[]> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (path: string) => (await zip.file(path)?.async('string')) ?? '';
  const presentation = await read('ppt/presentation.xml');
  const presRels = relations(await read('ppt/_rels/presentation.xml.rels'), 'ppt');
  const ids = [...presentation.matchAll(/<p:sldId\b[^>]*\br:id="([^"]+)"/g)].map((m) => m[1]!);
  const slides: PptxSlideText[] = [];
  for (const id of ids) {
    const path = presRels.get(id);
    if (!path) continue;
    const xml = await read(path);
    const rels = [...relations(await read(relsPath(path)), posix.dirname(path)).values()];
    const notesPath = rels.find((r) => r.includes('/notesSlides/'));
    const layoutPath = rels.find((r) => r.includes('/slideLayouts/'));
    const layoutText = layoutPath ? await chainText(layoutPath, read) : '';
    const title = /<p:sp>(?:(?!<\/p:sp>)[\s\S])*?<p:ph\b[^>]*\btype="(?:title|ctrTitle)"[\s\S]*?<\/p:sp>/.exec(xml)?.[0];
    slides.push({
      path,
      layoutPath,
      text: paragraphs(xml),
      ...(title ? { title: paragraphs(title) } : {}),
      notes: notesPath ? notesText(await read(notesPath)) : '',
      layoutText,
    });
  }
  return slides;
}

/**
 * All the text a .pptx carries: every slide, its notes, and its layouts' and master's
 * text. What a leak scan compares against what an audience must not receive.
 */
export async function pptxText(bytes: Uint8Array): Promise<string> {
  const slides = await readPptxSlides(bytes);
  const layouts = [...new Set(slides.map((s) => s.layoutText))];
  return [...slides.flatMap((s) => [s.text, s.notes]), ...layouts].filter(Boolean).join('\n');
}

/** Text of a layout and of the master it sits on. */
async function chainText(layoutPath: string, read: (path: string) => Promise<string>): Promise<string> {
  const layout = await read(layoutPath);
  const master = [...relations(await read(relsPath(layoutPath)), posix.dirname(layoutPath)).values()].find((r) => r.includes('/slideMasters/'));
  return [paragraphs(layout), master ? paragraphs(await read(master)) : ''].filter(Boolean).join('\n');
}

function relsPath(path: string): string {
  return posix.join(posix.dirname(path), '_rels', `${posix.basename(path)}.rels`);
}

/** A part's relationships: id -> the target's path inside the package. */
function relations(xml: string, base: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of xml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[1]!)?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[1]!)?.[1];
    if (!id || !target || /TargetMode="External"/.test(m[1]!)) continue;
    map.set(id, posix.normalize(posix.join(base, target)));
  }
  return map;
}

/** One line per `<a:p>`: its runs' text joined, line breaks kept. */
function paragraphs(xml: string): string {
  return [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)]
    .map((m) => [...m[1]!.matchAll(/<a:t>([^<]*)<\/a:t>|<a:br\/>/g)].map((t) => (t[1] === undefined ? '\n' : decode(t[1]))).join(''))
    .filter((line) => line.trim() !== '')
    .join('\n');
}

/** The notes placeholder's text; the slide-number field is not part of the notes. */
function notesText(xml: string): string {
  const body = /<p:sp>(?:(?!<\/p:sp>)[\s\S])*?<p:ph\b[^>]*\btype="body"[\s\S]*?<\/p:sp>/.exec(xml)?.[0] ?? '';
  return paragraphs(body);
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}
