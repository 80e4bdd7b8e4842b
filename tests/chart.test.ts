import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { readDeck } from '../src/commands/pipeline.js';
import { BriefdeckError, formatProblem } from '../src/kernel/problem.js';
import { chartStyle } from '../src/render/html/chart-style.js';
import { accessibleSvg } from '../src/render/html/chart-svg.js';
import type { ChartData } from '../src/model.js';
import { repoRoot, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let count = 0;
beforeAll(async () => ({ dir, cleanup } = await tempDir('briefdeck-chart-')));
afterAll(() => cleanup());

/** Front matter on lines 1-5, so the first slide heading is on line 7. */
const head = '---\ntitle: Charts\nsources:\n  - { id: mod, title: Defense of Japan 2023 }\n---\n\n';
const table = '| Year | Army | Navy |\n|---|---|---|\n| 2020 | 1.8 | 1.2 |\n| 2021 | 1.8 | 1.3 |\n| 2022 | 1.9 | 1.6 |\n| 2023 | 2.0 | 2.1 |\n';
const chartSlide = (attrs: string, body = table, source = 'Source: MOD budgets [@mod].') => `## Spending {#c layout=chart ${attrs}}\n\n${body}\n${source}\n`;

/** Writes a project (the brief is b.md) and reads it as `build` would: charts read, laid out and drawn. */
async function project(brief: string, files: Record<string, string> = {}) {
  const root = join(dir, `p${++count}`, 'project');
  for (const [name, text] of Object.entries({ 'b.md': head + brief, ...files })) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), text);
  }
  return readDeck(join(root, 'b.md'), { cwd: root });
}

async function chartOf(brief: string, files?: Record<string, string>): Promise<{ data: ChartData; svg: string }> {
  const { parsed, charts } = await project(brief, files);
  const data = parsed.slides.find((s) => s.id === 'c')!.data as ChartData;
  return { data, svg: charts.get(data)! };
}

async function problemsOf(brief: string, files?: Record<string, string>): Promise<string[]> {
  try {
    await project(brief, files);
  } catch (error) {
    if (error instanceof BriefdeckError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

const svgDoc = (svg: string) => parseDocument(svg, { xmlMode: true });
const groups = (svg: string, mark: string): Element[] =>
  DomUtils.findAll((e) => e.name === 'g' && (e.attribs.class ?? '').startsWith(`mark-${mark} role-mark`), svgDoc(svg).children);
/** The marks drawn: one <path> per bar, point, line or area. */
const marks = (svg: string, mark: string) => groups(svg, mark).flatMap((g) => DomUtils.findAll((e) => e.name === 'path', g.children));
const texts = (svg: string, role: string) =>
  DomUtils.findAll((e) => e.name === 'g' && (e.attribs.class ?? '').includes(`role-${role}`), svgDoc(svg).children).flatMap((g) =>
    DomUtils.findAll((e) => e.name === 'text', g.children).map((t) => DomUtils.textContent(t)),
  );

describe('chart layout: each kind draws its marks and axes', () => {
  it('bar: one bar per value, grouped by series; categories on the x axis in the order written', async () => {
    const { data, svg } = await chartOf(chartSlide('kind=bar x="Fiscal year" y="Budget" unit="¥ trillion"'));
    expect(data).toMatchObject({ chart: 'bar', categories: ['2020', '2021', '2022', '2023'], xTitle: 'Fiscal year', yTitle: 'Budget', unit: '¥ trillion' });
    expect(data.series).toEqual([{ name: 'Army', values: [1.8, 1.8, 1.9, 2.0] }, { name: 'Navy', values: [1.2, 1.3, 1.6, 2.1] }]);
    expect(marks(svg, 'rect')).toHaveLength(8);
    expect(texts(svg, 'axis-label').slice(0, 4)).toEqual(['2020', '2021', '2022', '2023']);
    expect(texts(svg, 'axis-title')).toEqual(['Fiscal year', 'Budget (¥ trillion)']);
    expect(texts(svg, 'legend-label')).toEqual(['Army', 'Navy']);
  });

  it('stacked-bar: one segment per value', async () => {
    const { svg } = await chartOf(chartSlide('kind=stacked-bar'));
    expect(marks(svg, 'rect')).toHaveLength(8);
    expect(texts(svg, 'axis-title')).toEqual(['Year']);
  });

  it('line: one line per series and a point per value', async () => {
    const { svg } = await chartOf(chartSlide('kind=line'));
    expect(marks(svg, 'line')).toHaveLength(2);
    expect(marks(svg, 'symbol')).toHaveLength(8);
  });

  it('area: one stacked area per series', async () => {
    const { svg } = await chartOf(chartSlide('kind=area'));
    expect(marks(svg, 'area')).toHaveLength(2);
    expect(marks(svg, 'rect')).toHaveLength(0);
  });

  it('dot: one dot per value; a single series is named on the value axis, with no legend', async () => {
    const { svg } = await chartOf(chartSlide('kind=dot', '| Year | Budget |\n|---|---|\n| 2022 | 5.4 |\n| 2023 | 6.8 |\n| 2024 | 7.9 |\n'));
    expect(marks(svg, 'symbol')).toHaveLength(3);
    expect(texts(svg, 'axis-title')).toEqual(['Year', 'Budget']);
    expect(texts(svg, 'legend-label')).toEqual([]);
  });

  it('bar is the default kind; numbers may carry thousands separators, a minus or a %', async () => {
    const { data } = await chartOf(chartSlide('', '| Q | Share |\n|---|---|\n| Q1 | 1,250.5 |\n| Q2 | −3 |\n| Q3 | 12% |\n'));
    expect(data.chart).toBe('bar');
    expect(data.series[0]!.values).toEqual([1250.5, -3, 12]);
  });

  it('shows every category label whole: a long one on two lines, never cut short', async () => {
    const body = '| Item | US$ bn |\n|---|---|\n| Host-nation support for U.S. forces, 2021 | 1.9 |\n| Trump-era demand | 7.6 |\n| 400 Tomahawks | 1.7 |\n| Aid | 12 |\n| A | 1 |\n| B | 2 |\n';
    const { svg } = await chartOf(chartSlide('', body));
    const labels = DomUtils.findAll((e) => e.name === 'g' && (e.attribs.class ?? '').includes('role-axis-label'), svgDoc(svg).children)[0]!;
    const first = DomUtils.findOne((e) => e.name === 'text', labels.children)!;
    expect(DomUtils.findAll((e) => e.name === 'tspan', first.children).map((t) => DomUtils.textContent(t))).toEqual(['Host-nation support', 'for U.S. forces, 2021']);
    expect(texts(svg, 'axis-label').slice(1, 6)).toEqual(['Trump-era demand', '400 Tomahawks', 'Aid', 'A', 'B']);
    expect(svg).not.toContain('…');
  });

  it('a highlighted category is labelled with its value and the other bars are subdued', async () => {
    const { data, svg } = await chartOf(chartSlide('highlight=2023', '| Year | Budget |\n|---|---|\n| 2022 | 5.4 |\n| 2023 | 6.8 |\n'));
    expect(data.highlight).toEqual({ category: '2023' });
    expect(marks(svg, 'rect').map((p) => p.attribs.opacity)).toEqual([String(chartStyle.subdued), '1']);
    expect(DomUtils.findAll((e) => e.name === 'text', groups(svg, 'text')).map((t) => DomUtils.textContent(t))).toEqual(['6.8']);
  });

  it('a highlighted series keeps full strength, the others are subdued', async () => {
    const { data, svg } = await chartOf(chartSlide('kind=line highlight=Navy'));
    expect(data.highlight).toEqual({ series: 'Navy' });
    expect(groups(svg, 'line').map((g) => DomUtils.findOne((e) => e.name === 'path', g.children)!.attribs.opacity)).toEqual([String(chartStyle.subdued), '1']);
  });
});

describe('chart SVG: accessible, house style, safe', () => {
  it('carries role="img" labelled by its <title> and <desc>, which says what the chart shows', async () => {
    const { svg, data } = await chartOf(chartSlide('kind=line unit="¥ trillion"'));
    const root = DomUtils.findOne((e) => e.name === 'svg', svgDoc(svg).children)!;
    expect(root.attribs.role).toBe('img');
    const [titleId, descId] = root.attribs['aria-labelledby']!.split(' ');
    const byId = (id: string) => DomUtils.findOne((e) => e.attribs.id === id, [root])!;
    expect(byId(titleId!).name).toBe('title');
    expect(DomUtils.textContent(byId(titleId!))).toBe('Spending: line chart');
    expect(byId(descId!).name).toBe('desc');
    expect(DomUtils.textContent(byId(descId!))).toBe(
      'Line chart of Army and Navy (¥ trillion) by Year, 2020 to 2023. Army: 1.8 in 2020 to 2 in 2023 (lowest 1.8, highest 2). Navy: 1.2 in 2020 to 2.1 in 2023 (lowest 1.2, highest 2.1).',
    );
    expect(data.summary).toBe(DomUtils.textContent(byId(descId!)));
    // One picture, named once: no role or ARIA of vega's own below the root (a graphics-symbol
    // without a name is a violation to axe-core, and means nothing inside role="img").
    for (const kind of ['bar', 'line', 'area', 'dot', 'stacked-bar']) {
      const { svg: drawn } = await chartOf(chartSlide(`kind=${kind} highlight=Navy`));
      const inner = DomUtils.findAll(() => true, DomUtils.findOne((e) => e.name === 'svg', svgDoc(drawn).children)!.children);
      expect(inner.length, kind).toBeGreaterThan(10);
      expect(inner.flatMap((e) => Object.keys(e.attribs).filter((a) => a === 'role' || a.startsWith('aria-'))), kind).toEqual([]);
    }
  });

  it('uses the house font and colours, and no text smaller than the theme minimum', async () => {
    const css = readFileSync(join(repoRoot, 'templates/themes/house.css'), 'utf8');
    const value = (name: string) => new RegExp(`${name}:\\s*([^;]+);`).exec(css)?.[1]?.trim();
    expect(value('--bd-font')).toBe(chartStyle.font);
    expect(value('--bd-accent')).toBe(chartStyle.accent);
    expect(value('--bd-ink')).toBe(chartStyle.ink);
    expect(value('--bd-muted')).toBe(chartStyle.muted);
    expect(value('--bd-rule')).toBe(chartStyle.rule);
    expect(value('--bd-min-size')).toBe(`${chartStyle.minTextSize}px`);
    const { svg } = await chartOf(chartSlide('kind=bar highlight=2021'));
    const textEls = DomUtils.findAll((e) => e.name === 'text', svgDoc(svg).children);
    expect(textEls.length).toBeGreaterThan(10);
    for (const t of textEls) {
      expect(t.attribs['font-family']).toBe(chartStyle.font);
      expect(parseFloat(t.attribs['font-size']!)).toBeGreaterThanOrEqual(chartStyle.minTextSize);
    }
    expect(marks(svg, 'rect').map((p) => p.attribs.fill)).toEqual([...Array(4).fill(chartStyle.series[0]), ...Array(4).fill(chartStyle.series[1])]);
  });

  it('escapes what the brief wrote and holds nothing that runs or fetches', async () => {
    const hostile = '| Year | <script>alert(1)</script> |\n|---|---|\n| <img src=x onerror=alert(1)> | 1 |\n| 2021 | 2 |\n';
    const { svg } = await chartOf(chartSlide('', hostile));
    const all = DomUtils.findAll(() => true, svgDoc(svg).children);
    const allowed = new Set(['svg', 'title', 'desc', 'g', 'path', 'line', 'text', 'tspan', 'rect', 'defs', 'clipPath']);
    expect(all.map((e) => e.name).filter((n) => !allowed.has(n))).toEqual([]);
    for (const e of all) {
      expect(Object.keys(e.attribs).filter((a) => /^on|href$/i.test(a))).toEqual([]);
      expect(Object.values(e.attribs).join(' ')).not.toMatch(/url\((?!#)|javascript:/i);
    }
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses to pass on an SVG that could run or fetch anything (a guard on vega itself)', async () => {
    const { data } = await chartOf(chartSlide(''));
    const wrap = (inner: string) => `<svg width="10" height="10" viewBox="0 0 10 10">${inner}</svg>`;
    for (const bad of ['<script>x()</script>', '<foreignObject></foreignObject>', '<image href="https://x.test/a.png"/>', '<g onload="x()"></g>', '<rect fill="url(https://x.test/#a)"/>', '<use xlink:href="other.svg#a"/>']) {
      expect(() => accessibleSvg(wrap(bad), 'p', 't', data), bad).toThrow(/may not carry/);
    }
    expect(accessibleSvg(wrap('<text>&lt;script&gt; onload= url(x)</text><rect clip-path="url(#clip1)"/>'), 'p', 't', data)).toContain('url(#p-clip1)');
  });

  it('gives every chart its own clip-path ids, so several charts share a page', async () => {
    const brief = chartSlide('kind=bar') + '\n' + chartSlide('kind=line').replace('#c ', '#d ');
    const { parsed, charts } = await project(brief);
    const ids = [...charts.values()].flatMap((svg) => [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
    expect(new Set(ids).size).toBe(ids.length);
    for (const svg of charts.values()) for (const [, ref] of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref);
    expect(parsed.slides).toHaveLength(2);
  });

  it('draws the same SVG every time (snapshot)', async () => {
    const { svg } = await chartOf(chartSlide('kind=bar x="Fiscal year" y="Defence budget" unit="¥ trillion" highlight=Navy'));
    await expect(svg.replace(/></g, '>\n<')).toMatchFileSnapshot('__snapshots__/chart-bar.svg');
  });
});

describe('chart data from a CSV file beside the brief', () => {
  const csv = 'Year,Army,Navy\n2020,1.8,1.2\n2021,1.8,1.3\n"2022",1.9,1.6\n2023,2.0,2.1\n';

  it('a CSV and a markdown table give the same chart', async () => {
    const fromTable = await chartOf(chartSlide('kind=line highlight=Navy'));
    const fromCsv = await chartOf(chartSlide('kind=line highlight=Navy data=data/budget.csv', ''), { 'data/budget.csv': csv });
    const { source: _a, ...tableData } = fromTable.data;
    const { source: _b, ...csvData } = fromCsv.data;
    expect(csvData).toEqual(tableData);
    expect(fromCsv.svg).toBe(fromTable.svg);
  });

  it('reports a bad cell or a ragged row at the CSV file and line', async () => {
    const bad = 'Year,Army,Navy\n2020,1.8,1.2\n2021,n/a,1.3\n2022,1.9\n';
    expect(await problemsOf(chartSlide('data=budget.csv', ''), { 'budget.csv': bad })).toEqual([
      'budget.csv:3: "n/a" in column "Army" is not a number (write 1234.5, 1,234 or 12%)',
      'budget.csv:4: this row has 2 cells; the header has 3',
    ]);
  });

  it('refuses a CSV outside the project, a missing one, and a file that is not CSV, at the heading line', async () => {
    expect(await problemsOf(chartSlide('data=../../secret.csv', ''))).toEqual([expect.stringMatching(/^b\.md:7: data file "\.\.\/\.\.\/secret\.csv" is outside the project folder/)]);
    expect(await problemsOf(chartSlide('data=missing.csv', ''))).toEqual([expect.stringMatching(/^b\.md:7: data file "missing\.csv" not found/)]);
    expect(await problemsOf(chartSlide('data=/etc/passwd', ''))).toEqual([expect.stringMatching(/^b\.md:7: data file "\/etc\/passwd" is not a \.csv file/)]);
  });

  it('refuses a table as well as a data file', async () => {
    expect(await problemsOf(chartSlide('data=budget.csv'), { 'budget.csv': csv })).toEqual([
      'b.md:9: this chart reads its data from "budget.csv"; remove the table, or the data= attribute',
    ]);
  });
});

describe('chart errors at file:line', () => {
  it('a non-numeric cell and a ragged row in a markdown table, at their lines', async () => {
    const body = '| Year | Army | Navy |\n|---|---|---|\n| 2020 | 1.8 | 1.2 |\n| 2021 | lots | 1.3 |\n| 2022 | 1.9 | 1.6 | 4 |\n| 2023 | |\n';
    expect(await problemsOf(chartSlide('', body))).toEqual([
      'b.md:12: "lots" in column "Army" is not a number (write 1234.5, 1,234 or 12%)',
      'b.md:13: this row has 4 cells; the header has 3',
      'b.md:14: this row has 2 cells; the header has 3',
    ]);
  });

  it('an unknown kind, an unknown highlight, and chart attributes on another layout', async () => {
    expect(await problemsOf(chartSlide('kind=pie'))).toEqual(['b.md:7: unknown chart kind "pie" (known: bar, stacked-bar, line, area, dot)']);
    expect(await problemsOf(chartSlide('highlight=Marines'))).toEqual([
      'b.md:7: highlight "Marines" is neither a series nor a category of this chart (known: "Army", "Navy", "2020", "2021", "2022", "2023")',
    ]);
    expect(await problemsOf('## Plain {kind=bar}\n\n- text\n')).toEqual(['b.md:7: attribute "kind" belongs to chart slides (layout=chart), not to a bullets slide']);
  });

  it('a missing source line, or one that cites nothing', async () => {
    expect(await problemsOf(chartSlide('', table, ''))).toEqual(['b.md:7: a chart shows its source: add a line "Source: ... [@id]" under the data']);
    expect(await problemsOf(chartSlide('', table, 'Source: my own sums.'))).toEqual(['b.md:16: the chart\'s "Source:" line cites no source; cite one with [@id]']);
    expect(await problemsOf(chartSlide('', table, 'Source: [@nope].'))).toEqual([expect.stringMatching(/^b\.md:16: unknown source id "@nope"/)]);
  });

  it('no table, or two', async () => {
    expect(await problemsOf(chartSlide('', 'Just words.\n'))).toEqual(['b.md:7: a chart slide holds one markdown table of its data (or names a CSV file: data=figures.csv), not 0']);
    expect(await problemsOf(chartSlide('', table + '\n' + table))).toEqual([expect.stringMatching(/^b\.md:16: a chart slide holds one markdown table/)]);
  });

  it(`more than 500 points per series, at the first row too many`, async () => {
    const rows = Array.from({ length: 501 }, (_, i) => `${i},${i % 7}`).join('\n');
    expect(await problemsOf(chartSlide('data=big.csv', ''), { 'big.csv': `t,v\n${rows}\n` })).toEqual([
      'big.csv:502: a chart shows at most 500 points per series; this data has 501 rows (summarise it first)',
    ]);
    const fine = Array.from({ length: 500 }, (_, i) => `${i},${i % 7}`).join('\n');
    expect(await problemsOf(chartSlide('kind=line data=ok.csv', ''), { 'ok.csv': `t,v\n${fine}\n` })).toEqual([]);
  });

  it('more series than the palette has colours, and a repeated category', async () => {
    const wide = '| Y | a | b | c | d | e | f | g |\n|---|---|---|---|---|---|---|---|\n| 1 | 1 | 1 | 1 | 1 | 1 | 1 | 1 |\n';
    expect(await problemsOf(chartSlide('', wide))).toEqual(['b.md:9: a chart shows at most 6 series (columns after the first); this one has 7']);
    expect(await problemsOf(chartSlide('', '| Y | a |\n|---|---|\n| 1 | 1 |\n| 1 | 2 |\n'))).toEqual(['b.md:12: category "1" appears twice']);
  });
});
