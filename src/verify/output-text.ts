import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { decodeEntities } from '../kernel/entities.js';
import { readPdfText } from './pdf-text.js';

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

/** HTML and what it loads as text (scripts, styles, JSON): text with tags removed, and the whole source (attributes, scripts). */
const htmlText: TextExtractor = {
  kind: 'html',
  handles: (path) => ['.html', '.htm', '.js', '.mjs', '.css', '.json', '.txt', '.md', '.svg', '.xml'].includes(extname(path).toLowerCase()),
  extract: async (path) => htmlTexts(await readFile(path, 'utf8')),
};

/** What the scan reads in an HTML file, script, style or JSON: its text with tags removed, and its whole source. */
export function htmlTexts(file: string): string[] {
  // Base64 payloads (fonts and images of a one-file HTML) are bytes, not text: dropped before reading.
  const source = decodeEntities(file.replace(/;base64,[A-Za-z0-9+/=]+/g, ';base64, '));
  return [source.replace(/<[^>]*>/g, ' '), source];
}

/** A PDF: its page text, every entry of its document properties, and its bookmarks (pdf-text.ts). */
const pdfText: TextExtractor = {
  kind: 'pdf',
  handles: (path) => extname(path).toLowerCase() === '.pdf',
  extract: readPdfText,
};

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
