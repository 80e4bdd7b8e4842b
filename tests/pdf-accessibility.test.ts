import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';
import { cli, pdfPages, repoRoot, tempDir } from './helpers.js';
import { allTags, readPdfStructure, tagsOf, type PageStructure } from './pdf-structure.js';

// The PDF's tags must say what each slide says: its title as the one heading of the page,
// its lists, table headers, figures with their alt text, quotes, links and the language of
// Japanese text; everything else drawn on the page (banners, footer, page number) is an
// artifact. Checked page by page against the HTML slide the page was printed from.

/** Text compared without whitespace or case: PDF text runs break lines and CSS upper-cases some labels. */
const plain = (text: string) => text.replace(/\s+/g, '').toLowerCase();
const textOf = (e: Element) => DomUtils.textContent(e).replace(/\s+/g, ' ').trim();

interface SlideFacts {
  id: string;
  title: string;
  items: number;
  headers: string[];
  alts: string[];
  links: number;
  quotes: number;
  japanese: string[];
  notes: string[];
  /** The slide's text below its title. */
  body: string;
  /** What the slide shows above its title (the section name, the organisation). */
  above: string;
}

/**
 * An image's alt text, or the name of a drawing with role="img": its aria-label, or the text
 * of what its aria-labelledby names, in that order, joined by spaces (how its accessible name
 * is computed: for a chart's svg, its <title> then its <desc>).
 */
function altOf(e: Element, doc: ReturnType<typeof parseDocument>['children']): string {
  if (e.name === 'img') return e.attribs.alt ?? '';
  if (e.attribs['aria-label'] !== undefined) return e.attribs['aria-label'];
  const ids = (e.attribs['aria-labelledby'] ?? '').split(/\s+/).filter(Boolean);
  return ids
    .map((id) => DomUtils.findOne((n) => n.attribs.id === id, doc))
    .map((n) => (n ? textOf(n) : ''))
    .filter(Boolean)
    .join(' ');
}

/** What each slide of a built deck shows, read from its HTML (speaker notes apart). */
function slidesOf(htmlFile: string): SlideFacts[] {
  const doc = parseDocument(readFileSync(htmlFile, 'utf8'));
  const sections = DomUtils.findAll((e) => e.name === 'section' && (e.attribs.class ?? '').includes('bd-slide'), doc.children);
  return sections.map((section) => {
    const frame = DomUtils.findOne((e) => (e.attribs.class ?? '').split(' ').includes('bd-frame'), section.children)!;
    const find = (test: (e: Element) => boolean) => DomUtils.findAll(test, frame.children);
    const notes = DomUtils.findAll((e) => e.name === 'aside' && e.attribs.class === 'notes', section.children);
    return {
      id: section.attribs.id!,
      title: find((e) => e.name === 'h1' || e.name === 'h2').map(textOf).join(' | '),
      items: find((e) => e.name === 'li').length,
      headers: find((e) => e.name === 'th').map(textOf),
      // Images, and drawings marked as one (a chart's svg with role="img" and a label).
      alts: find((e) => e.name === 'img' || e.attribs.role === 'img').map((e) => altOf(e, doc.children)),
      links: find((e) => e.name === 'a').length,
      quotes: find((e) => e.name === 'blockquote').length,
      japanese: find((e) => e.name === 'span' && e.attribs.lang === 'ja').map(textOf),
      notes: notes.map(textOf).filter(Boolean),
      body: find((e) => (e.attribs.class ?? '').split(' ').includes('bd-body')).map(textOf).join(' '),
      above: find((e) => /\bbd-(kicker|organisation)\b/.test(e.attribs.class ?? '')).map(textOf).join(' '),
    };
  });
}

/** Every text the PDF gives assistive technology on a page: tagged text and alt text. */
function spoken(page: PageStructure): string {
  return allTags(page.tags)
    .map((t) => `${t.children.length ? '' : t.text} ${t.alt ?? ''}`)
    .join(' ');
}

/** Asserts, page by page, that the PDF's tags mirror the slides of the HTML it was printed from. */
function expectTagsMirrorSlides(pages: PageStructure[], slides: SlideFacts[], where: string): void {
  expect(pages.length, where).toBe(slides.length);
  pages.forEach((page, i) => {
    const slide = slides[i]!;
    const at = `${where} page ${i + 1} (#${slide.id})`;
    expect(page.untagged, `${at}: text outside tags and artifacts`).toEqual([]);
    const headings = tagsOf(page.tags, 'H1', 'H2');
    expect(headings.map((h) => plain(h.text)), `${at}: one heading, the slide's title`).toEqual([plain(slide.title)]);
    expect(headings[0]!.role, `${at}: deck title H1, slide titles H2`).toBe(i === 0 ? 'H1' : 'H2');
    // Reading order: nothing is read before the title but what the slide shows above it.
    const leaves = allTags(page.tags).filter((t) => !t.children.length);
    const before = leaves.slice(0, leaves.findIndex((t) => headings[0]!.children.includes(t) || t === headings[0])).map((t) => t.text).join('');
    expect(plain(before), `${at}: read before the title`).toBe(plain(slide.above));
    expect(tagsOf(page.tags, 'LI').length, `${at}: list items`).toBe(slide.items);
    expect(tagsOf(page.tags, 'TH').map((t) => plain(t.text)), `${at}: table header cells`).toEqual(slide.headers.map(plain));
    const figures = tagsOf(page.tags, 'Figure');
    expect(figures.map((f) => f.alt), `${at}: figures and their alt text`).toEqual(slide.alts);
    expect(tagsOf(page.tags, 'Link').length, `${at}: links`).toBe(slide.links);
    expect(tagsOf(page.tags, 'BlockQuote').length, `${at}: quotes`).toBe(slide.quotes);
    const japanese = allTags(page.tags).filter((t) => t.lang === 'ja');
    expect(japanese.map((t) => plain(t.text)), `${at}: Japanese text tagged as such`).toEqual(slide.japanese.map(plain));
    expect(page.artifacts.join(' '), `${at}: the page number is an artifact`).toContain(`${i + 1} / ${slides.length}`);
    for (const note of slide.notes) expect(plain(spoken(page)), `${at}: speaker notes`).not.toContain(plain(note).slice(0, 40));
  });
}

/** Document-level accessibility entries, and every link described and tagged. */
async function documentEntries(file: string) {
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const links = doc.getPages().flatMap((page) =>
    (page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [])
      .map((ref) => doc.context.lookup(ref, PDFDict))
      .filter((a) => a.get(PDFName.of('Subtype')) === PDFName.of('Link')),
  );
  const contents = links.map((l) => l.lookupMaybe(PDFName.of('Contents'), PDFString, PDFHexString)?.decodeText());
  return {
    lang: doc.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString)?.decodeText(),
    displayTitle: doc.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict)?.lookupMaybe(PDFName.of('DisplayDocTitle'), PDFBool)?.asBoolean(),
    marked: doc.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict)?.lookupMaybe(PDFName.of('Marked'), PDFBool)?.asBoolean(),
    roleMap: Object.fromEntries([...(root.lookupMaybe(PDFName.of('RoleMap'), PDFDict)?.entries() ?? [])].map(([k, v]) => [k.decodeText(), v.toString()])),
    links: links.length,
    untaggedLinks: links.filter((l) => !l.has(PDFName.of('StructParent'))).length,
    contents,
  };
}

describe('the tagged PDF of a deck with every layout', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let pages: PageStructure[];
  let slides: SlideFacts[];
  const pdf = () => join(dir, 'every-layout/every-layout-staff.pdf');

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    const r = await cli('build', join(repoRoot, 'tests/fixtures/every-layout'), '--pdf', '--out', dir, '--quiet');
    expect(r.code, r.err).toBe(0);
    pages = await readPdfStructure(pdf());
    slides = slidesOf(join(dir, 'every-layout/staff/index.html'));
  });
  afterAll(() => cleanup());

  it('tags every page like its slide: one title heading, lists, table headers, figures, quotes, links, Japanese', () => {
    expectTagsMirrorSlides(pages, slides, 'every-layout staff');
  });

  it('reads what the fixture says, not only what the HTML says', () => {
    const page = (id: string) => pages[slides.findIndex((s) => s.id === id)]!;
    expect(tagsOf(page('title').tags, 'H1')[0]!.text).toBe('Every layout: a briefdeck test deck');
    expect(tagsOf(page('judgments').tags, 'H2')[0]!.text).toBe('Judgments'); // a section divider is a slide title too
    expect(tagsOf(page('bluf').tags, 'LI')).toHaveLength(3);
    expect(tagsOf(page('table').tags, 'TH').map((t) => t.text.toLowerCase())).toEqual(['figure', 'value', 'unit']);
    expect(tagsOf(page('table').tags, 'TD')).toHaveLength(9);
    expect(tagsOf(page('image').tags, 'Figure').map((f) => f.alt)).toEqual(['Bar chart of Japanese defence spending rising from 2021 to 2024']);
    // A chart is one Figure, its alt text the chart's title and what it shows; its data a table with header cells.
    const chart = tagsOf(page('chart').tags, 'Figure');
    expect(chart).toHaveLength(1);
    expect(chart[0]!.alt).toMatch(/^The path to 2%: line chart Line chart of Defence spending and Earlier plan \(% of GDP\) by Fiscal year, FY2022 to FY2027\..*FY2027 is highlighted\.$/);
    expect(tagsOf(page('chart').tags, 'TH').map((t) => t.text)).toEqual(['Fiscal year', 'Defence spending (% of GDP)', 'Earlier plan (% of GDP)', 'FY2022', 'FY2023', 'FY2024', 'FY2025', 'FY2026', 'FY2027']);
    expect(tagsOf(page('chart').tags, 'TD').map((t) => t.text)).toEqual(['1', '1', '1.2', '1', '1.4', '1.1', '1.6', '1.1', '1.8', '1.2', '2', '1.2']);
    expect(tagsOf(page('quote').tags, 'BlockQuote')[0]!.text).toContain('Ukraine of today may be East Asia of tomorrow.');
    expect(allTags(page('timeline').tags).filter((t) => t.lang === 'ja').map((t) => t.text)).toEqual(['日米安全保障条約']);
    // Text drawn only to decorate or repeat (banners, footer, page number) is an artifact, never read out.
    expect(page('bluf').artifacts).toEqual(expect.arrayContaining(['UNCLASSIFIED', 'TLP:AMBER', '4 / 17']));
    for (const p of pages) expect(spoken(p)).not.toMatch(/TLP:AMBER|as of 2024-06-01/);
  });

  it('draws the DRAFT watermark on every page as an artifact, never read out', async () => {
    const draft = join(dir, 'draft.pdf');
    const r = await cli('pdf', join(repoRoot, 'tests/fixtures/every-layout'), '--draft', '--out', draft, '--quiet');
    expect(r.code, r.err).toBe(0);
    const drafted = await readPdfStructure(draft);
    expect(drafted).toHaveLength(slides.length);
    for (const p of drafted) {
      expect(p.artifacts).toContain('DRAFT');
      expect(p.untagged).toEqual([]);
      expect(spoken(p)).not.toContain('DRAFT');
    }
  });

  it('tags the handout too: every slide picture with its title and lists, the notes as text, nothing untagged', async () => {
    const r = await cli('pdf', join(repoRoot, 'tests/fixtures/every-layout'), '--handout', '--out', join(dir, 'handout-run.pdf'), '--quiet');
    expect(r.code, r.err).toBe(0);
    const handout = await readPdfStructure(join(dir, 'handout-run-handout.pdf'));
    for (const p of handout) expect(p.untagged).toEqual([]);
    const titles = handout.flatMap((p) => tagsOf(p.tags, 'H2').map((h) => plain(h.text)));
    expect(titles).toEqual(slides.slice(1).map((s) => plain(s.title)));
    expect(handout.reduce((n, p) => n + tagsOf(p.tags, 'LI').length, 0)).toBeGreaterThanOrEqual(slides.reduce((n, s) => n + s.items, 0));
    expect(plain(handout.map(spoken).join(' '))).toContain(plain('Judgment 3 leans on one source'));
  });

  it('never tags the speaker notes, which are not on the slides', () => {
    expect(slides.find((s) => s.id === 'bluf')!.notes.join(' ')).toContain('Judgment 3 leans on one source');
    for (const p of pages) expect(spoken(p)).not.toContain('Judgment 3 leans');
    expect(pdfPages(pdf()).join(' ')).not.toContain('Judgment 3 leans');
  });

  it('declares its language, shows its title, maps Chrome\'s extra tag types and describes every link', async () => {
    const entries = await documentEntries(pdf());
    expect(entries).toMatchObject({ lang: 'en', displayTitle: true, marked: true, untaggedLinks: 0 });
    expect(entries.roleMap).toMatchObject({ Strong: '/Span', Em: '/Span' });
    expect(entries.links).toBeGreaterThan(20);
    expect(entries.contents.filter((c) => !c)).toEqual([]);
    expect(entries.contents).toContain('Source 1: Alpha Report on Alliance Budgets');
    expect(entries.contents).toContain('Slide: Judgments');
    expect(entries.contents).toContain('Link to https://example.org/alpha');
  });
});

describe('the tagged PDFs of the sample deck, in its four versions', () => {
  const audiences = ['principal', 'staff', 'public', 'partner'];
  let dir: string;
  let cleanup: () => Promise<void>;
  const structure = new Map<string, { pages: PageStructure[]; slides: SlideFacts[] }>();

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    const r = await cli('build', join(repoRoot, 'briefs/us-japan-alliance'), '--audience', 'all', '--pdf', '--out', dir, '--quiet');
    expect(r.code, r.err).toBe(0);
    for (const a of audiences) {
      structure.set(a, {
        pages: await readPdfStructure(join(dir, `us-japan-alliance/us-japan-alliance-${a}.pdf`)),
        slides: slidesOf(join(dir, `us-japan-alliance/${a}/index.html`)),
      });
    }
  });
  afterAll(() => cleanup());

  it.each(audiences)('tags every page of the %s PDF like its slide', (audience) => {
    const { pages, slides } = structure.get(audience)!;
    expectTagsMirrorSlides(pages, slides, audience);
  });

  it.each(['public', 'partner'])('gives the %s PDF no tag, alt text or link description from a slide it does not get', async (audience) => {
    const staff = structure.get('staff')!;
    const mine = structure.get(audience)!;
    const kept = new Set(mine.slides.map((s) => s.id));
    // A withheld slide may share its title with one this version gets (the sample's two
    // bottom lines, one per release): only what is the withheld slide's own is looked for.
    const keptTitles = new Set(mine.slides.map((s) => plain(s.title)));
    const withheld = staff.slides.filter((s) => !kept.has(s.id) && !keptTitles.has(plain(s.title)));
    expect(withheld.length).toBeGreaterThan(0);
    const said = plain(mine.pages.map(spoken).join(' '));
    const links = plain((await documentEntries(join(dir, `us-japan-alliance/us-japan-alliance-${audience}.pdf`))).contents.join(' '));
    const headings = mine.pages.flatMap((p) => tagsOf(p.tags, 'H1', 'H2').map((h) => plain(h.text)));
    for (const slide of withheld) {
      expect(headings, `${audience} has withheld slide "${slide.title}"`).not.toContain(plain(slide.title));
      if (slide.body) expect(said, `${audience} tags text of withheld slide "${slide.title}"`).not.toContain(plain(slide.body).slice(0, 60));
      expect(links, `${audience} links to withheld slide "${slide.title}"`).not.toContain(plain(`Slide: ${slide.title}`));
    }
    for (const note of staff.slides.flatMap((s) => s.notes)) expect(said).not.toContain(plain(note).slice(0, 40));
  });
});
