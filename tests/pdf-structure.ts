import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One element of a page's structure tree (tagged PDF), with the text of the content it tags. */
export interface Tag {
  role: string;
  alt?: string;
  lang?: string;
  children: Tag[];
  /** The text of this element's own marked content, and of every element inside it. */
  text: string;
}

/** What one PDF page says to assistive technology. */
export interface PageStructure {
  /** The page's structure tree, below its root. */
  tags: Tag[];
  /** Text drawn on the page outside any tagged content and outside any artifact: a defect. */
  untagged: string[];
  /** Text drawn as an artifact (banners, footers, page numbers, watermarks). */
  artifacts: string[];
}

interface PdfjsNode {
  role?: string;
  alt?: string;
  lang?: string;
  type?: string;
  id?: string;
  children?: PdfjsNode[];
}

interface PdfjsItem {
  type?: string;
  tag?: string;
  id?: string | null;
  str?: string;
}

/**
 * Reads a PDF's structure page by page with pdf.js (the reader Firefox uses): the tag tree
 * as `getStructTree` reports it, and every piece of drawn text sorted into tagged content,
 * artifacts, or neither.
 */
export async function readPdfStructure(file: string): Promise<PageStructure[]> {
  const data = new Uint8Array(await readFile(file));
  const pdf = await getDocument({ data, verbosity: 0 }).promise;
  try {
    const pages: PageStructure[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const textById = new Map<string, string>();
      const untagged: string[] = [];
      const artifacts: string[] = [];
      const open: PdfjsItem[] = [];
      for (const item of content.items as PdfjsItem[]) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') open.push(item);
        else if (item.type === 'endMarkedContent') open.pop();
        else if (item.str !== undefined && item.str.trim() !== '') {
          const tagged = [...open].reverse().find((m) => m.id);
          if (open.some((m) => m.tag === 'Artifact')) artifacts.push(item.str);
          else if (tagged?.id) textById.set(tagged.id, (textById.get(tagged.id) ?? '') + item.str);
          else untagged.push(item.str);
        }
      }
      const root = (await page.getStructTree()) as PdfjsNode | null;
      pages.push({ tags: (root?.children ?? []).flatMap((c) => toTag(c, textById)), untagged, artifacts });
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

function toTag(node: PdfjsNode, textById: Map<string, string>): Tag[] {
  if (!node.role) return [];
  const children: Tag[] = [];
  const parts: string[] = [];
  // Keep the text in document order: the element's own content and its children interleave.
  for (const c of node.children ?? []) {
    if (c.type === 'content' && c.id) parts.push(textById.get(c.id) ?? '');
    for (const child of toTag(c, textById)) {
      children.push(child);
      parts.push(child.text);
    }
  }
  return [{ role: node.role, ...(node.alt ? { alt: node.alt } : {}), ...(node.lang ? { lang: node.lang } : {}), children, text: parts.join('') }];
}

/** Every element of `tags`, depth first, in reading order. */
export function allTags(tags: Tag[]): Tag[] {
  return tags.flatMap((t) => [t, ...allTags(t.children)]);
}

/** Elements with one of these roles, in reading order. */
export function tagsOf(tags: Tag[], ...roles: string[]): Tag[] {
  return allTags(tags).filter((t) => roles.includes(t.role));
}

/** Text with its whitespace collapsed, for comparing what was drawn with what was written. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
