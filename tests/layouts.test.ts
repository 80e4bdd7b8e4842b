import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { cli, pdfFonts, pdfPages, tempDir } from './helpers.js';

const fixture = join(import.meta.dirname, 'fixtures', 'every-layout');
let out: string;
let cleanup: () => Promise<void>;
let doc: ReturnType<typeof parseDocument>;

/** Elements under `root` carrying the class `name`. */
function byClass(root: Element | ReturnType<typeof parseDocument>, name: string): Element[] {
  return DomUtils.findAll((e) => (e.attribs.class ?? '').split(/\s+/).includes(name), root.children);
}
function slide(id: string): Element {
  const found = DomUtils.findOne((e) => e.name === 'section' && e.attribs.id === id, doc.children);
  if (!found) throw new Error(`no slide #${id}`);
  return found;
}
const text = (e: Element | undefined) => (e ? DomUtils.textContent(e).replace(/\s+/g, ' ').trim() : '');
const cites = (e: Element) => byClass(e, 'cite-ref').map((a) => `${text(a)}>${a.attribs.href}`);

beforeAll(async () => {
  ({ dir: out, cleanup } = await tempDir());
  const r = await cli('build', fixture, '--out', out, '--pdf');
  expect(r.err).not.toMatch(/error|warning/);
  expect(r.code).toBe(0);
  doc = parseDocument(readFileSync(join(out, 'every-layout', 'staff', 'index.html'), 'utf8'));
});
afterAll(() => cleanup());

describe('every layout in the built HTML', () => {
  it('bluf: numbered judgments with estimate and confidence tags', () => {
    const items = byClass(slide('bluf'), 'bd-judgment');
    expect(items).toHaveLength(3);
    expect(text(byClass(items[0]!, 'bd-estimate')[0])).toBe('likely');
    expect(byClass(items[0]!, 'bd-estimate')[0]!.attribs['data-step']).toBe('5');
    expect(text(byClass(items[1]!, 'bd-confidence')[0])).toBe('high confidence');
    expect(text(byClass(items[0]!, 'bd-judgment-text')[0])).not.toContain('{');
  });

  it('figures: a big value and a label per item', () => {
    const values = byClass(slide('figures'), 'bd-figure-value').map(text);
    expect(values).toEqual(['2%', '400', '70+']);
    expect(text(byClass(slide('figures'), 'bd-figure-label')[0])).toMatch(/^of GDP: defence spending goal/);
  });

  it('timeline: dated entries in order, Japanese text kept', () => {
    expect(byClass(slide('timeline'), 'bd-event-date').map(text)).toEqual(['1951', '1960', '1997', '2015']);
    expect(text(slide('timeline'))).toContain('日米安全保障条約');
  });

  it('quote: the words and a separate attribution with its citation', () => {
    expect(text(byClass(slide('quote'), 'bd-quote-words')[0])).toBe('Ukraine of today may be East Asia of tomorrow.');
    const by = byClass(slide('quote'), 'bd-quote-attribution')[0]!;
    expect(text(by)).toMatch(/^岸田文雄 \(Kishida Fumio\), Prime Minister/);
    expect(text(by)).toContain(', p. 3');
  });

  it('comparison: one column per ### heading', () => {
    expect(byClass(slide('comparison'), 'bd-column-title').map(text)).toEqual(['Washington', 'Tokyo']);
    expect(byClass(slide('comparison'), 'bd-column')).toHaveLength(2);
  });

  it('table: numeric column right-aligned, source line below', () => {
    const heads = byClass(slide('table'), 'bd-table')[0]!;
    const th = DomUtils.findAll((e) => e.name === 'th', heads.children).map((e) => e.attribs.class);
    expect(th).toEqual(['align-left', 'align-right', 'align-left']);
    expect(text(byClass(slide('table'), 'bd-table-source')[0])).toMatch(/^Source: spending/);
  });

  it('image: copied into the assets, with alt text and caption', () => {
    const img = DomUtils.findOne((e) => e.name === 'img', slide('image').children)!;
    expect(img.attribs.alt).toMatch(/^Bar chart/);
    expect(existsSync(join(out, 'every-layout', 'staff', img.attribs.src!))).toBe(true);
    expect(text(byClass(slide('image'), 'bd-caption')[0])).toMatch(/^Japanese defence spending/);
  });

  it('chart: an inline SVG of the table (two lines, a point per value), its data for screen readers, and its cited source', () => {
    const svg = DomUtils.findOne((e) => e.name === 'svg', slide('chart').children)!;
    expect(svg.attribs.role).toBe('img');
    const marks = (kind: string) => DomUtils.findAll((e) => e.name === 'path' && (DomUtils.getParent(e)?.attribs.class ?? '').startsWith(`mark-${kind} role-mark`), [svg]);
    expect(marks('line')).toHaveLength(2);
    expect(marks('symbol')).toHaveLength(12);
    const cells = DomUtils.findAll((e) => e.name === 'td', byClass(slide('chart'), 'bd-visually-hidden'));
    expect(cells.map(text).slice(0, 2)).toEqual(['1', '1']);
    expect(cites(byClass(slide('chart'), 'bd-chart-source')[0]!)).toEqual(['1>#/sources']);
  });

  it('recommendations: numbers, titles, optional priority and owner', () => {
    const recs = byClass(slide('recommendations'), 'bd-recommendation');
    expect(recs.map((r) => text(byClass(r, 'bd-rec-title')[0]))).toEqual([
      'Make command integration the flagship.',
      'Lock in initiatives early.',
      'Handle Okinawa quietly.',
    ]);
    expect(recs.map((r) => text(byClass(r, 'bd-priority')[0]))).toEqual(['high priority', 'medium priority', '']);
    expect(text(byClass(recs[0]!, 'bd-owner')[0])).toBe('Defence lead');
  });

  it('appendix slides come after Sources and carry the backup marker', () => {
    const ids = DomUtils.findAll((e) => e.name === 'section' && (e.attribs.class ?? '').includes('bd-slide'), doc.children).map((e) => e.attribs.id);
    expect(ids.indexOf('backup-detail')).toBeGreaterThan(ids.indexOf('sources'));
    expect(text(byClass(slide('backup-detail'), 'bd-backup-tag')[0])).toBe('Backup');
    expect(byClass(slide('recommendations'), 'bd-backup-tag')).toHaveLength(0);
  });
});

describe('citations and the Sources slide', () => {
  it('numbers sources by first use across the deck, notes included', () => {
    // alpha, beta (bluf 1), gamma (bluf 2), notes-only (bluf notes), delta (timeline).
    expect(cites(slide('bluf'))).toEqual(['1>#/sources', '2>#/sources', '3>#/sources', '2>#/sources', '4>#/sources']);
    expect(cites(slide('timeline'))[0]).toBe('5>#/sources');
  });

  it('renders locators and several sources in one citation', () => {
    const sup = byClass(slide('figures'), 'cite');
    expect(sup.map(text)).toEqual(['1', '2, p. 4', '1,3']);
  });

  it('lists every cited source once, in number order, in one style', () => {
    const entries = DomUtils.findAll((e) => e.name === 'li', slide('sources').children);
    expect(entries.map((e) => e.attribs.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(text(entries[0])).toBe('Ann Alpha, Alpha Report on Alliance Budgets, Alpha Institute, 2024-01-10. https://example.org/alpha');
    expect(text(entries[3])).toBe('A Source Cited Only in Speaker Notes, Notes Press, 2021.');
    expect(entries[2]!.attribs.id).toBe('source-gamma');
  });

  it('exports a PDF with Noto Sans JP embedded for the Japanese text', () => {
    const pdf = join(out, 'every-layout', 'every-layout-staff.pdf');
    const fonts = pdfFonts(pdf);
    expect(fonts.some((f) => /NotoSansJP/i.test(f.name) && f.embedded)).toBe(true);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(pdfPages(pdf)).toHaveLength(17);
  });
});
