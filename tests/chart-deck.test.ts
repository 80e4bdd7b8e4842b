import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { cli, pdfPages, repoRoot, tempDir } from './helpers.js';

// A deck of chart slides (one from a CSV, one internal), built to HTML and PDF for staff and public.
const fixture = join(repoRoot, 'tests/fixtures/charts');
let out: string;
let cleanup: () => Promise<void>;

const html = async (audience: string) => parseDocument(await readFile(join(out, 'charts', audience, 'index.html'), 'utf8'));
const raw = (audience: string) => readFile(join(out, 'charts', audience, 'index.html'), 'utf8');
const pdf = (audience: string) => join(out, 'charts', `charts-${audience}.pdf`);
const all = (doc: ReturnType<typeof parseDocument>, test: (e: Element) => boolean) => DomUtils.findAll(test, doc.children);
const text = (e: Element) => DomUtils.textContent(e).replace(/\s+/g, ' ').trim();
const slideOf = (doc: ReturnType<typeof parseDocument>, id: string) => DomUtils.findOne((e) => e.name === 'section' && e.attribs.id === id, doc.children);

beforeAll(async () => {
  ({ dir: out, cleanup } = await tempDir());
  const r = await cli('build', fixture, '--out', out, '--pdf');
  expect(r.err).not.toMatch(/error|warning/);
  expect(r.code).toBe(0);
});
afterAll(() => cleanup());

describe('chart slides in a built deck', () => {
  it('draw an accessible inline SVG with the data as a table for screen readers, and a cited source line', async () => {
    const doc = await html('staff');
    const budget = slideOf(doc, 'budget')!;
    const svg = DomUtils.findOne((e) => e.name === 'svg', [budget])!;
    expect(svg.attribs.role).toBe('img');
    expect(svg.attribs['aria-labelledby']).toBe('bd-chart-budget-title bd-chart-budget-desc');
    expect(text(DomUtils.findOne((e) => e.name === 'title', [svg])!)).toBe('Defence budget by year: bar chart');
    const table = DomUtils.findOne((e) => e.name === 'table', [budget])!;
    expect(DomUtils.getParent(table)!.attribs.class).toBe('bd-visually-hidden');
    const rows = DomUtils.findAll((e) => e.name === 'tr', [table]).map((tr) => DomUtils.findAll((e) => e.name === 'th' || e.name === 'td', [tr]).map(text));
    expect(rows).toEqual([['Fiscal year', 'Defence budget (¥ trillion)'], ['FY2022', '5.4'], ['FY2023', '6.8'], ['FY2024', '7.9']]);
    const source = DomUtils.findOne((e) => e.attribs.class === 'bd-chart-source', [budget])!;
    expect(text(source)).toMatch(/^Source: annual budgets \d\.$/);
    expect(DomUtils.findOne((e) => (e.attribs.class ?? '').includes('cite-ref'), [source])!.attribs.href).toBe('#/sources');
  });

  it('hold no script, foreign object or outside reference in any chart', async () => {
    for (const audience of ['staff', 'public']) {
      const svgs = all(await html(audience), (e) => e.name === 'svg');
      expect(svgs.length).toBeGreaterThan(0);
      for (const e of svgs.flatMap((s) => [s, ...DomUtils.findAll(() => true, [s])])) {
        expect(['script', 'foreignobject', 'image', 'use', 'style', 'a']).not.toContain(e.name.toLowerCase());
        expect(Object.keys(e.attribs).filter((a) => /^on|href/i.test(a))).toEqual([]);
      }
    }
  });

  it('an internal chart, its data and every speaker note are absent from the public version', async () => {
    const staff = await raw('staff');
    expect(staff).toContain('Restricted programme');
    expect(staff).toContain('INTERNAL-CHART-NOTE');
    const pub = await raw('public');
    for (const secret of ['Restricted programme', 'Programme costs', '3.25', '4.75', 'INTERNAL-CHART-NOTE', 'SPEAKER-NOTE-ON-A-CHART', 'internal-costs']) {
      expect(pub).not.toContain(secret);
    }
    expect(all(await html('public'), (e) => e.name === 'svg' && e.attribs.role === 'img')).toHaveLength(2);
  });

  it('print in the PDF with their labels and source, and their data table in the PDF tags; the public PDF lacks the internal chart', () => {
    const staffText = pdfPages(pdf('staff')).join('\n');
    expect(staffText).toContain('Restricted programme');
    const pages = pdfPages(pdf('public'));
    const budgetPage = pages.find((p) => p.includes('Defence budget by year'))!;
    for (const label of ['FY2022', 'FY2024', 'Fiscal year', 'Source: annual budgets']) expect(budgetPage).toContain(label);
    const publicText = pages.join('\n');
    for (const secret of ['Restricted programme', 'Programme costs', '3.25', 'INTERNAL-CHART-NOTE', 'SPEAKER-NOTE-ON-A-CHART']) expect(publicText).not.toContain(secret);
    const tags = execFileSync('pdfinfo', ['-struct-text', pdf('public')], { encoding: 'utf8' });
    expect(tags).toMatch(/Table[\s\S]*TH[\s\S]*"FY2023"[\s\S]*TD[\s\S]*"6\.8"/);
    expect(tags).toContain('Figure');
  });
});

describe('check measures a chart slide like any other', () => {
  it('finds nothing wrong with charts that fit, at the theme minimum', async () => {
    const r = await cli('check', fixture, '--json');
    expect(r.code, r.err).toBe(0);
    const findings = JSON.parse(r.out).findings as { kind: string; slide?: { title: string } }[];
    expect(findings.filter((f) => f.kind !== 'word-budget')).toEqual([]);
  });

  it('reports tick labels below a house style\'s larger minimum text size, and a chart pushed off its slide', async () => {
    const { dir, cleanup: done } = await tempDir();
    try {
      // The fixture deck with a house style whose minimum text size is above the charts' 28 px labels
      // (and whose source lines are larger), so only text inside the SVG is too small.
      const css = await readFile(join(repoRoot, 'templates/themes/house.css'), 'utf8');
      await mkdir(join(dir, 'deck', 'house', 'themes'), { recursive: true });
      await writeFile(join(dir, 'deck', 'house', 'themes', 'house.css'), css.replace(/--bd-min-size: 24px;/, '--bd-min-size: 29px;') + '.bd-chart-source { font-size: 32px; }\n');
      for (const file of ['brief.md', 'budget.csv']) await writeFile(join(dir, 'deck', file), await readFile(join(fixture, file)));
      await writeFile(join(dir, 'deck', 'deck.yaml'), (await readFile(join(fixture, 'deck.yaml'), 'utf8')) + 'templates: house\n');
      const r = await cli('check', join(dir, 'deck'), '--json', '--audience', 'staff');
      expect(r.err).toBe('');
      const small = (JSON.parse(r.out).findings as { kind: string; amount: number; message: string; slide: { title: string } }[]).filter((f) => f.kind === 'min-size');
      expect(small.map((f) => f.slide.title).sort()).toEqual(['Defence budget by year', 'Programme costs', 'Spending by service']);
      expect(small.map((f) => f.amount)).toEqual([28, 28, 28]);

      const brief = join(dir, 'long.md');
      const lead = Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1} says a great deal about what the chart below shows and why.`).join('\n\n');
      await writeFile(
        brief,
        `---\ntitle: Long\nsources:\n  - { id: s, title: S }\n---\n\n## Fits {layout=chart}\n\n| Y | V |\n|---|---|\n| 1 | 2 |\n\nSource: [@s].\n\n## Too much {layout=chart}\n\n${lead}\n\n| Y | V |\n|---|---|\n| 1 | 2 |\n\nSource: [@s].\n`,
      );
      const long = await cli('check', brief, '--json');
      const overflow = (JSON.parse(long.out).findings as { kind: string; line: number; slide: { title: string } }[]).filter((f) => f.kind === 'overflow');
      expect(overflow.map((f) => [f.slide.title, f.line])).toEqual([['Too much', 15]]);
    } finally {
      await done();
    }
  });
});

describe('the sample deck\'s chart', () => {
  it('shows what Japan pays the U.S. side, cited, as three bars, to staff only (its figures are unverified)', async () => {
    const { dir, cleanup: done } = await tempDir();
    try {
      const r = await cli('build', join(repoRoot, 'briefs/us-japan-alliance'), '--audience', 'all', '--out', dir, '--quiet');
      expect(r.code, r.err).toBe(0);
      const staff = parseDocument(await readFile(join(dir, 'us-japan-alliance', 'staff', 'index.html'), 'utf8'));
      const chart = slideOf(staff, 'burden-dollars')!;
      expect(chart).toBeTruthy();
      const bars = DomUtils.findAll((e) => e.name === 'path' && (DomUtils.getParent(e)?.attribs.class ?? '').startsWith('mark-rect role-mark'), [chart]);
      expect(bars).toHaveLength(3);
      const source = DomUtils.findOne((e) => e.attribs.class === 'bd-chart-source', [chart])!;
      expect(DomUtils.findAll((e) => (e.attribs.class ?? '').includes('cite-ref'), [source])).toHaveLength(2);
      expect(text(chart)).toContain('our arithmetic');
      // Tagged internal and unverified: no external version carries the chart, its data or its notes.
      for (const audience of ['public', 'partner']) {
        const html = await readFile(join(dir, 'us-japan-alliance', audience, 'index.html'), 'utf8');
        expect(html, audience).not.toContain('burden-dollars');
        expect(html, audience).not.toContain('Asked: four times');
        expect(html, audience).not.toContain('our arithmetic');
      }
      const principal = await readFile(join(dir, 'us-japan-alliance', 'principal', 'index.html'), 'utf8');
      expect(principal).not.toContain('burden-dollars'); // standard detail: not in the principal's read-out
    } finally {
      await done();
    }
  });
});
