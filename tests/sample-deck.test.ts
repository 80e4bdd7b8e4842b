import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { cli, pdfInfo, pdfPages, repoRoot, tempDir } from './helpers.js';

// The shipped U.S.-Japan deck, read back as a reader would: facts on their slides, each
// with the citation that supports it, and every citation pointing at a listed source.
const audiences = ['principal', 'staff', 'public', 'partner'];
let out: string;
let cleanup: () => Promise<void>;
const docs = new Map<string, ReturnType<typeof parseDocument>>();

const text = (e: Element) => DomUtils.textContent(e).replace(/\s+/g, ' ').trim();
const all = (root: Element | ReturnType<typeof parseDocument>, test: (e: Element) => boolean) => DomUtils.findAll(test, root.children);
const hasClass = (name: string) => (e: Element) => (e.attribs.class ?? '').split(/\s+/).includes(name);

function slide(audience: string, id: string): Element {
  const found = DomUtils.findOne((e) => e.name === 'section' && e.attribs.id === id, docs.get(audience)!.children);
  if (!found) throw new Error(`${audience} has no slide #${id}`);
  return found;
}

/** Source id -> the number its entry carries on the Sources slide(s). */
function sourceNumbers(audience: string): Map<string, string> {
  const entries = all(docs.get(audience)!, (e) => e.name === 'li' && (e.attribs.id ?? '').startsWith('source-'));
  return new Map(entries.map((e) => [e.attribs.id!.slice('source-'.length), e.attribs.value ?? '']));
}

beforeAll(async () => {
  ({ dir: out, cleanup } = await tempDir());
  const r = await cli('build', join(repoRoot, 'briefs/us-japan-alliance'), '--audience', 'all', '--out', out, '--quiet');
  expect(r.code, r.err).toBe(0);
  for (const a of audiences) docs.set(a, parseDocument(readFileSync(join(out, 'us-japan-alliance', a, 'index.html'), 'utf8')));
});
afterAll(() => cleanup());

describe('the sample U.S.-Japan deck', () => {
  const facts: [slide: string, phrase: string, source: string][] = [
    ['key-figures', 'Tomahawk cruise missiles ordered in January 2024', 'karim-2024'],
    ['key-figures', 'value of the Tomahawk contract', 'karim-2024'],
    ['key-figures', 'Japanese commitment to Ukraine', 'indo-pacific-analyst-2024'],
    ['summit-glance', 'global partners for the future', 'hornung-2024'],
    ['pillar2', 'Camp H.M. Smith, Hawaii, over 6,200 km away', 'karim-2024'],
    ['okinawa', "Japan's host-nation support for U.S. forces in 2021", 'indo-pacific-analyst-2024'],
    ['ukraine-quote', 'Fumio Kishida', 'indo-pacific-analyst-2024'],
    ['timeline-early', 'Treaty of Mutual Cooperation and Security replaces it', 'pacific-forum-2022'],
  ];

  it.each(facts)('#%s says "%s", citing %s by its number on the Sources slide', (id, phrase, source) => {
    const numbers = sourceNumbers('staff');
    const item = all(slide('staff', id), (e) => ['li', 'p', 'figure', 'div'].includes(e.name) && text(e).includes(phrase)).at(-1);
    expect(item, `#${id} should say "${phrase}"`).toBeDefined();
    const cited = all(item!, hasClass('cite-ref')).filter((a) => a.attribs['data-source'] === source);
    expect(cited.length, `"${phrase}" should cite ${source}`).toBeGreaterThan(0);
    expect(text(cited[0]!)).toBe(numbers.get(source));
  });

  it.each(audiences)('%s: every citation resolves to an entry on its Sources slide, with the same number', (audience) => {
    const numbers = sourceNumbers(audience);
    const refs = all(docs.get(audience)!, hasClass('cite-ref'));
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const id = ref.attribs['data-source']!;
      expect(numbers.has(id), `cited ${id} is listed`).toBe(true);
      expect(text(ref)).toBe(numbers.get(id));
      expect(ref.attribs.href).toMatch(/^#\/sources(-\d+)?$/);
    }
    // Numbered 1..n in order of first use, nothing listed that is not cited.
    expect([...numbers.values()]).toEqual([...numbers.keys()].map((_, i) => String(i + 1)));
    expect(new Set(refs.map((r) => r.attribs['data-source']))).toEqual(new Set(numbers.keys()));
  });

  it('corrects the slips in its sources rather than repeating them', () => {
    for (const audience of audiences) {
      const body = text(docs.get(audience)!.children.find((n): n is Element => (n as Element).name === 'html')!);
      expect(body).not.toMatch(/New York|Progress Agreement|\bABD\b|increase GDP by/);
    }
    expect(text(slide('staff', 'corrections'))).toContain('Comprehensive and Progressive Agreement');
  });

  it('gives staff speaker notes on every slide written in a brief', () => {
    const written = all(docs.get('staff')!, (e) => e.name === 'section' && /layout-(?!title|agenda|sources|section)/.test(e.attribs.class ?? ''));
    expect(written.length).toBeGreaterThan(25);
    for (const s of written) expect(all(s, (e) => e.name === 'aside' && hasClass('notes')(e)).length, `#${s.attribs.id} has notes`).toBe(1);
  });

  it('exports the principal read-out as a PDF of at most 10 pages that opens with the bottom line', async () => {
    const pdf = join(out, 'principal.pdf');
    const r = await cli('pdf', join(repoRoot, 'briefs/us-japan-alliance'), '--audience', 'principal', '--out', pdf, '--quiet');
    expect(r.code, r.err).toBe(0);
    const pages = pdfPages(pdf);
    expect(Number(pdfInfo(pdf).Pages)).toBe(pages.length);
    expect(pages.length).toBeLessThanOrEqual(10);
    expect(pages[1]).toContain('Bottom line up front');
    expect(pages.at(-1)).toContain('Sources');
  });
});
