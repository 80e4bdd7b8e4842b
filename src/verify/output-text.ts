import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import type { PDFDict as PdfDict, PDFDocument } from 'pdf-lib';
import { BriefdeckError } from '../kernel/problem.js';
import { decodeEntities } from '../kernel/entities.js';

/**
 * Reading an output back as text, one extractor per kind of output. The leak scan asks
 * each in turn; a new output kind (a Word file, say) adds its extractor here.
 */
export interface TextExtractor {
  kind: string;
  handles: (path: string) => boolean;
  /** Every text the file carries, in any part a reader or a program can get at. */
  extract: (path: string) => Promise<string[]>;
}

const run = promisify(execFile);

/** HTML and what it loads as text (scripts, styles, JSON): text with tags removed, and the whole source (attributes, scripts). */
const htmlText: TextExtractor = {
  kind: 'html',
  handles: (path) => ['.html', '.htm', '.js', '.mjs', '.css', '.json', '.txt', '.md', '.svg', '.xml'].includes(extname(path).toLowerCase()),
  extract: async (path) => {
    // Base64 payloads (fonts and images of a one-file HTML) are bytes, not text: dropped before reading.
    const source = decodeEntities((await readFile(path, 'utf8')).replace(/;base64,[A-Za-z0-9+/=]+/g, ';base64, '));
    return [source.replace(/<[^>]*>/g, ' '), source];
  },
};

/** A PDF: its page text (pdftotext, from poppler-utils), its bookmarks and its document properties. */
const pdfText: TextExtractor = {
  kind: 'pdf',
  handles: (path) => extname(path).toLowerCase() === '.pdf',
  extract: async (path) => {
    // pdftotext reads the pages while pdf-lib reads the rest, here.
    const pages = pageText(path);
    pages.catch(() => undefined); // awaited below
    // pdf-lib loads only when there is a PDF to read: `build` alone stays light. A CommonJS
    // package: its exports are the import's default, in Node and in the bundle (scripts/bundle.js) alike.
    const pdfLib = (await import('pdf-lib')).default;
    // Read in one go: pdf-lib otherwise pauses for a timer every 100 objects (export/pdf-metadata.ts, readAtOnce).
    let doc: PDFDocument;
    try {
      doc = await pdfLib.PDFDocument.load(await readFile(path), { updateMetadata: false, parseSpeed: pdfLib.ParseSpeeds.Fastest });
    } catch (error) {
      await pages; // a missing pdftotext is said first: it fails every PDF
      throw error;
    }
    const properties = [doc.getTitle(), doc.getSubject(), doc.getAuthor(), doc.getKeywords(), doc.getCreator(), doc.getProducer()];
    return [await pages, ...properties.filter((p): p is string => typeof p === 'string'), ...outlineTitles(doc, pdfLib)];
  },
};

/** The text of every page of a PDF, by pdftotext (poppler-utils). */
async function pageText(path: string): Promise<string> {
  try {
    return (await run('pdftotext', ['-enc', 'UTF-8', path, '-'], { maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new BriefdeckError('environment', 'the leak scan reads PDFs back with pdftotext, which is not installed (Debian/Ubuntu: apt-get install poppler-utils, or scripts/install-system-deps)', [], { cause });
    }
    throw cause;
  }
}

/**
 * A PowerPoint: every slide's text, its notes and its layouts' and master's text (pptxText,
 * runs of a paragraph joined), then every XML part of the package as text and as source:
 * document properties, chart data and series names, alt text, whatever a program could read.
 */
const pptxFileText: TextExtractor = {
  kind: 'pptx',
  handles: (path) => extname(path).toLowerCase() === '.pptx',
  extract: async (path) => {
    const bytes = await readFile(path);
    // JSZip and the reader load only when there is a PowerPoint to read.
    const [{ pptxText }, { default: JSZip }] = await Promise.all([import('../render/pptx/pptx-text.js'), import('jszip')]);
    const zip = await JSZip.loadAsync(bytes);
    const parts = await Promise.all(
      Object.values(zip.files)
        .filter((f) => !f.dir && /\.(xml|rels)$/i.test(f.name))
        .map(async (f) => decodeEntities(await f.async('string'))),
    );
    return [await pptxText(bytes), ...parts.flatMap((source) => [source.replace(/<[^>]*>/g, ' '), source])];
  },
};

/** A Word file (the memo): the text of every part, body, headers, footers and document properties. */
const docxText: TextExtractor = {
  kind: 'docx',
  handles: (path) => extname(path).toLowerCase() === '.docx',
  extract: async (path) => {
    const { strFromU8, unzipSync } = await import('fflate');
    const parts = unzipSync(await readFile(path));
    // Each part three ways: runs joined as Word shows them, every element apart (document
    // properties sit side by side with no space between), and the source (attribute values).
    return Object.entries(parts)
      .filter(([name]) => name.endsWith('.xml'))
      .flatMap(([, bytes]) => {
        const xml = strFromU8(bytes).replace(/<\/w:p>/g, '\n');
        return [xml.replace(/<[^>]*>/g, ''), xml.replace(/<[^>]*>/g, ' '), xml].map(decodeEntities);
      });
  },
};

/** The extractors the leak scan uses, by output kind. */
export const textExtractors: TextExtractor[] = [htmlText, pdfText, docxText, pptxFileText];

/** The titles of every bookmark of a PDF (the outline tree, depth first). */
function outlineTitles(doc: PDFDocument, { PDFDict, PDFHexString, PDFName, PDFString }: typeof import('pdf-lib')): string[] {
  const titles: string[] = [];
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const seen = new Set<PdfDict>();
  const walk = (item: PdfDict | undefined) => {
    while (item && !seen.has(item)) {
      seen.add(item);
      const title = item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString);
      if (title) titles.push(title.decodeText());
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict));
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
    }
  };
  walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
  return titles;
}

