import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { cli, repoRoot, tempDir } from './helpers.js';
import { pptxText, readPptxSlides, type PptxSlideText } from '../src/render/pptx/pptx-text.js';
import { textExtractors } from '../src/verify/output-text.js';
import { leaksOf, scanVersions } from '../src/verify/leak-scan.js';
import { buildDecks } from '../src/commands/pipeline.js';
import { silentLogger } from '../src/kernel/logger.js';

// The sample deck built for its four audiences with `build --pptx`; each PowerPoint is read
// back as the zip of XML it is, and compared with the build report of the same version.
const deck = join(repoRoot, 'briefs/us-japan-alliance');
const audiences = ['principal', 'staff', 'public', 'partner'] as const;
let out: string;
let cleanup: () => Promise<void>;

interface Report {
  slides: { id: string; title: string; layout: string; generated: boolean; marking: string | null }[];
  marking: { banner: string | null; tlp: string | null; full: string | null };
}
const report = async (audience: string) => JSON.parse(await readFile(join(out, 'us-japan-alliance', '.reports', `${audience}.json`), 'utf8')) as Report;
const pptxFile = (audience: string) => join(out, 'us-japan-alliance', `us-japan-alliance-${audience}.pptx`);
const slidesOf = async (audience: string) => readPptxSlides(await readFile(pptxFile(audience)));
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  ({ dir: out, cleanup } = await tempDir());
  const r = await cli('build', deck, '--audience', 'all', '--out', out, '--pptx', '--quiet');
  expect(r.code, r.err).toBe(0);
  expect(r.err, 'every slide of the sample deck fits in PowerPoint').not.toContain('does not fit');
});
afterAll(() => cleanup());

describe('briefdeck build --pptx on the sample deck', () => {
  it.each(audiences)('%s: one PowerPoint slide per planned slide, each with its title as text', async (audience) => {
    const [r, slides] = [await report(audience), await slidesOf(audience)];
    expect(slides.length).toBe(r.slides.length);
    r.slides.forEach((planned, i) => {
      const slide = slides[i]!;
      // The title sits in the slide's title placeholder (the outline and accessibility read it).
      expect(squash(slide.title ?? ''), `slide ${i + 1}`).toContain(squash(planned.title));
      expect(squash(slide.text)).toContain(squash(planned.title));
    });
  });

  it.each(audiences)('%s: the marking (banner and TLP label) is on every slide, from its master', async (audience) => {
    const [r, slides] = [await report(audience), await slidesOf(audience)];
    expect(r.marking.banner).toBeTruthy();
    for (const slide of slides) {
      const lines = slide.layoutText.split('\n');
      // Top and bottom: the banner text twice, the TLP label twice.
      expect(lines.filter((l) => l === r.marking.banner).length, slide.path).toBe(2);
      expect(lines.filter((l) => l === r.marking.tlp).length, slide.path).toBe(2);
    }
  });

  it('draws the table layout as a real table and never a slide as one picture', async () => {
    const zip = await JSZip.loadAsync(await readFile(pptxFile('staff')));
    const r = await report('staff');
    const slides = await slidesOf('staff');
    const tableAt = r.slides.findIndex((s) => s.layout === 'table');
    expect(tableAt).toBeGreaterThan(0);
    const tableXml = await zip.file(slides[tableAt]!.path)!.async('string');
    expect(tableXml).toContain('<a:tbl>');
    expect(tableXml).toMatch(/<a:t>Defence spending goal<\/a:t>/);
    for (const slide of slides) {
      const xml = await zip.file(slide.path)!.async('string');
      expect(xml.match(/<p:sp>/g)?.length ?? 0, slide.path).toBeGreaterThan(0);
      for (const pic of xml.match(/<p:pic>[\s\S]*?<\/p:pic>/g) ?? []) {
        const [cx, cy] = [...(/<a:ext cx="(\d+)" cy="(\d+)"/.exec(pic) ?? [])].slice(1).map(Number);
        expect((cx! * cy!) / (12192000 * 6858000), `${slide.path} is a picture`).toBeLessThan(0.8);
      }
    }
  });

  it('keeps bullet lists as lists with levels, and citations as superscript links to the Sources slide', async () => {
    const zip = await JSZip.loadAsync(await readFile(pptxFile('staff')));
    const r = await report('staff');
    const slides = await slidesOf('staff');
    const bullets = r.slides.findIndex((s) => s.layout === 'bullets');
    const xml = await zip.file(slides[bullets]!.path)!.async('string');
    expect(xml).toContain('<a:buChar');
    const sourcesAt = r.slides.findIndex((s) => s.id === 'sources') + 1;
    const rels = await zip.file(slides[bullets]!.path.replace('slides/', 'slides/_rels/') + '.rels')!.async('string');
    const cite = /<a:rPr[^>]*baseline="30000"[^>]*>(?:(?!<\/a:rPr>)[\s\S])*?<a:hlinkClick r:id="(rId\d+)"[^>]*ppaction:\/\/hlinksldjump/.exec(xml);
    expect(cite, 'a superscript citation link').not.toBeNull();
    expect(rels).toMatch(new RegExp(`Id="${cite![1]}"[^>]*Target="[^"]*slide${sourcesAt}\\.xml"`));
    // One paragraph-properties element per paragraph: what PowerPoint opens without repair.
    for (const p of xml.match(/<a:p>[\s\S]*?<\/a:p>/g) ?? []) expect(p.match(/<a:pPr\b/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it('gives notes to the staff version only', async () => {
    const staff = await slidesOf('staff');
    expect(staff.filter((s) => s.notes).length).toBeGreaterThan(10);
    expect(staff.map((s) => s.notes).join('\n')).toContain('The owners are desk roles, not named officials.');
    for (const audience of ['principal', 'public', 'partner']) {
      const slides = await slidesOf(audience);
      expect(slides.filter((s) => s.notes).map((s) => s.path), audience).toEqual([]);
    }
  });

  it('leaves what a version drops out of its PowerPoint: internal and us-only slides, and their notes, from public and partner', async () => {
    // The principal (an internal audience) gets the internal recommendations: the words are real.
    const principal = await pptxText(await readFile(pptxFile('principal')));
    expect(principal).toContain('Back both command upgrades as the flagship.');
    const staff = await pptxText(await readFile(pptxFile('staff')));
    expect(staff).toContain('These are internal desk recommendations');
    for (const audience of ['public', 'partner']) {
      const ids = (await report(audience)).slides.map((s) => s.id);
      for (const id of ['recommendations', 'tokyo-followthrough', 'okinawa', 'figure-crosscheck']) expect(ids, `${audience} must not get #${id}`).not.toContain(id);
      const text = await pptxText(await readFile(pptxFile(audience)));
      for (const words of [
        'Back both command upgrades as the flagship',
        "Take up Tokyo's offer to share the load",
        'Defence policy lead',
        'HIGH PRIORITY',
        "Watchpoints on Tokyo's follow-through",
        'A weak yen cuts what the yen budget buys abroad',
        'U.S. Marine convictions',
        // notes of the internal slides
        'These are internal desk recommendations',
        "This slide assesses an ally's ability to deliver",
        'The desk has not verified these figures',
      ]) {
        expect(text, `${audience} must not carry "${words}"`).not.toContain(words);
      }
    }
    // Whatever else a version's plan dropped is absent too, by its title.
    for (const audience of audiences) {
      const r = await report(audience);
      const all = await pptxText(await readFile(pptxFile(audience)));
      const dropped = JSON.parse(await readFile(join(out, 'us-japan-alliance', '.reports', `${audience}.json`), 'utf8')).dropped as { title: string }[];
      const kept = new Set(r.slides.map((s) => s.title));
      for (const d of dropped.filter((d) => !kept.has(d.title) && d.title.length > 20)) expect(all, `${audience}: ${d.title}`).not.toContain(d.title);
    }
  });

  it('draws the chart slide as a native PowerPoint chart with its data, and its source line as text', async () => {
    const zip = await JSZip.loadAsync(await readFile(pptxFile('staff')));
    const r = await report('staff');
    const slides = await slidesOf('staff');
    const at = r.slides.findIndex((s) => s.layout === 'chart');
    expect(at).toBeGreaterThan(0);
    const rels = await zip.file(slides[at]!.path.replace('slides/', 'slides/_rels/') + '.rels')!.async('string');
    const chartPath = /Target="(?:\.\.|\/ppt)\/charts\/(chart\d+\.xml)"/.exec(rels)?.[1];
    expect(chartPath, 'the slide holds a chart part').toMatch(/^chart\d+\.xml$/);
    const chart = await zip.file(`ppt/charts/${chartPath}`)!.async('string');
    expect(chart).toContain('<c:barChart>');
    const cells = [...chart.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
    // The same categories and values as the brief's table (briefs/us-japan-alliance/06-constraints.md).
    for (const cell of ['Host-nation support, 2021', '400 Tomahawks, Jan 2024', 'Asked: four times (our estimate)', 'Amount', '1.9', '7.6', '1.7']) expect(cells, cell).toContain(cell);
    // Editable: its data travels as a workbook (Edit Data), and the chart keeps its description.
    expect(Object.keys(zip.files).some((p) => /^ppt\/embeddings\/.+\.xlsx$/.test(p))).toBe(true);
    const slideXml = await zip.file(slides[at]!.path)!.async('string');
    expect(slideXml).toMatch(/<p:graphicFrame>[\s\S]*descr="[^"]+"/);
    expect(squash(slides[at]!.text)).toContain('Source: host-nation support and the demand to quadruple it');
  });

  it('is read back by the leak scan: a marker of a dropped slide is in the staff PowerPoint only', async () => {
    const marker = 'U.S. Marine convictions';
    expect(await pptxText(await readFile(pptxFile('staff')))).toContain(marker);
    for (const audience of ['public', 'partner']) {
      expect(await pptxText(await readFile(pptxFile(audience)))).not.toContain(marker);
      // The scan's extractor reads the same file: the words of the slides it kept, none it dropped.
      const pptx = textExtractors.find((e) => e.handles(pptxFile(audience)))!;
      expect(pptx.kind).toBe('pptx');
      const text = (await pptx.extract(pptxFile(audience))).join('\n');
      expect(text).toContain('Legal and political limits in Japan');
      expect(text).not.toContain('What Japan pays the U.S. side');
      expect(text).not.toContain(marker);
    }
  });

  it('carries title, author, the full marking, organisation and the as-of date in its properties', async () => {
    const zip = await JSZip.loadAsync(await readFile(pptxFile('partner')));
    const core = await zip.file('docProps/core.xml')!.async('string');
    const app = await zip.file('docProps/app.xml')!.async('string');
    const r = await report('partner');
    expect(core).toContain('<dc:title>U.S.-Japan Alliance: Security Challenges in the Indo-Pacific</dc:title>');
    expect(core).toContain(`<dc:subject>${r.marking.full}</dc:subject>`);
    expect(r.marking.full).toBe('UNCLASSIFIED//REL TO USA, JPN//TLP:GREEN');
    expect(core).toMatch(/<dcterms:created xsi:type="dcterms:W3CDTF">2024-06-01T00:00:00Z<\/dcterms:created>/);
    expect(core).toMatch(/<dc:creator>[^<]+<\/dc:creator>/);
    expect(app).toMatch(/<Company>[^<]+<\/Company>/);
  });

  it('is 16:9 with slide masters a user can add slides from', async () => {
    const zip = await JSZip.loadAsync(await readFile(pptxFile('public')));
    const presentation = await zip.file('ppt/presentation.xml')!.async('string');
    expect(presentation).toMatch(/<p:sldSz cx="12192000" cy="6858000"/);
    const layouts = Object.keys(zip.files).filter((p) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(p));
    const names = await Promise.all(layouts.map(async (p) => /<p:cSld name="([^"]+)"/.exec(await zip.file(p)!.async('string'))?.[1]));
    expect(names).toEqual(expect.arrayContaining(['Briefdeck Title and Content', 'Briefdeck Title Only', 'Briefdeck Title', 'Briefdeck Section']));
    const content = await zip.file(layouts[names.indexOf('Briefdeck Title and Content')]!)!.async('string');
    expect(content).toMatch(/<p:ph\b[^>]*type="title"/);
    expect(content).toMatch(/<p:ph\b[^>]*type="body"/);
    expect(content).toContain('UNCLASSIFIED');
    // Slide-number fields on the master show PowerPoint's marker, not a stale number or "null".
    const master = await zip.file('ppt/slideMasters/slideMaster1.xml')!.async('string');
    for (const xml of [content, master]) expect(xml).not.toMatch(/type="slidenum">(?:(?!<\/a:fld>)[\s\S])*?<a:t>(?!\u2039#\u203a)[^<]*<\/a:t>/);
  });
});

describe('briefdeck pptx', () => {
  let dir: string;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup: done } = await tempDir());
  });
  afterAll(() => done());

  it('gives byte-identical files for the same input', async () => {
    const a = join(dir, 'a.pptx');
    const b = join(dir, 'b.pptx');
    expect((await cli('pptx', deck, '--audience', 'staff', '--out', a, '--quiet')).code).toBe(0);
    expect((await cli('pptx', deck, '--audience', 'staff', '--out', b, '--quiet')).code).toBe(0);
    const [x, y] = [await readFile(a), await readFile(b)];
    expect(x.length).toBeGreaterThan(50_000);
    expect(x.equals(y)).toBe(true);
    // Not the clock: every entry of the package is dated the deck's as-of date.
    const zip = await JSZip.loadAsync(x);
    const dates = new Set(Object.values(zip.files).map((f) => f.date.toISOString().slice(0, 10)));
    expect([...dates]).toEqual(['2024-06-01']);
  });

  it('places images as pictures with their alt text, and draws every layout', async () => {
    const file = join(dir, 'every.pptx');
    const r = await cli('pptx', join(repoRoot, 'tests/fixtures/every-layout'), '--audience', 'staff', '--out', file, '--quiet');
    expect(r.code, r.err).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(file));
    const slides: PptxSlideText[] = await readPptxSlides(await readFile(file));
    const withPicture = await Promise.all(slides.map(async (s) => (await zip.file(s.path)!.async('string')).match(/<p:pic>[\s\S]*?<\/p:pic>/)?.[0]));
    const pic = withPicture.find(Boolean);
    expect(pic).toContain('descr="Bar chart of Japanese defence spending rising from 2021 to 2024"');
    expect(Object.keys(zip.files).some((p) => /^ppt\/media\/.+\.png$/.test(p))).toBe(true);
    const all = slides.map((s) => s.text).join('\n');
    for (const words of ['ALMOST CERTAIN', 'HIGH CONFIDENCE', 'HIGH PRIORITY', 'Washington', '1951']) expect(all).toContain(words);
  });

  it('puts portion marks before the titles of marked slides, and the highest marking in the banner', async () => {
    const file = join(dir, 'marked.pptx');
    const r = await cli('pptx', join(repoRoot, 'tests/fixtures/audience-deck'), '--audience', 'staff', '--out', file, '--quiet');
    expect(r.code, r.err).toBe(0);
    const slides = await readPptxSlides(await readFile(file));
    const titles = slides.map((s) => s.title);
    expect(titles).toContain('(CUI) Controlled view');
    expect(titles).toContain('(U//REL TO USA, AUS) Releasable to Australia');
    for (const slide of slides) expect(slide.layoutText.split('\n').filter((l) => l === 'CUI//REL TO USA, AUS').length).toBe(2);
  });

  it('turns markdown into formatted runs and real lists, and keeps no markup it cannot trust', async () => {
    const brief = join(dir, 'runs.md');
    await writeFile(
      brief,
      [
        '---', 'title: Runs', 'date: 2024-06-01', '---', '',
        '## Formatting',
        '- **Bold words** and *leaning words* and `code words`, E = mc<sup>2</sup>, press <kbd>Ctrl</kbd>',
        '  - A nested point with a [link](https://example.org/report)',
        '- <img src=x onerror=alert(1)> [click](javascript:alert(1))',
        '',
        '1. First numbered',
        '2. Second numbered',
        '',
      ].join('\n'),
    );
    const file = join(dir, 'runs.pptx');
    const r = await cli('pptx', brief, '--out', file, '--quiet');
    expect(r.code, r.err).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(file));
    const xml = await zip.file('ppt/slides/slide2.xml')!.async('string');
    const run = (text: string) => new RegExp(`<a:rPr([^>]*)>(?:(?!</a:rPr>)[\\s\\S])*?</a:rPr><a:t>${text}</a:t>`).exec(xml)?.[0] ?? '';
    expect(run('Bold words')).toMatch(/ b="1"/);
    expect(run('leaning words')).toMatch(/ i="1"/);
    expect(run('code words')).toContain('typeface="Consolas"');
    expect(run('2')).toMatch(/baseline="30000"/);
    expect(run('Ctrl')).toContain('typeface="Consolas"');
    expect(xml).toMatch(/<a:pPr[^>]*lvl="1"[^>]*>(?:(?!<\/a:pPr>)[\s\S])*<a:buChar(?:(?!<\/a:p>)[\s\S])*A nested point/);
    expect(xml).toMatch(/<a:buAutoNum type="arabicPeriod" startAt="1"\/>(?:(?!<\/a:p>)[\s\S])*?<a:t>First numbered<\/a:t>/);
    const rels = await zip.file('ppt/slides/_rels/slide2.xml.rels')!.async('string');
    expect(rels).toContain('Target="https://example.org/report"');
    expect(xml + rels).not.toMatch(/javascript:|onerror/);
    expect(run('click')).toContain('<a:srgbClr val="1D232B"/>'); // the text stays, as plain ink, not a link
  });

  it('draws every chart kind as a native chart: bars clustered and stacked, line, area, and dot as markers without a line', async () => {
    const brief = join(dir, 'charts.md');
    const table = ['| Year | Tokyo | Seoul |', '|---|---|---|', '| 2022 | 1.0 | 2.5 |', '| 2023 | 1.2 | 2.6 |', '| 2024 | 1.4 | 2.8 |', '', 'Source: illustrative [@s1].', ''];
    const kinds = ['bar', 'stacked-bar', 'line', 'area', 'dot'];
    await writeFile(
      brief,
      [
        '---', 'title: Charts', 'date: 2024-06-01', 'sources:', '  - id: s1', '    title: A source', '    publisher: Nobody', '---', '',
        ...kinds.flatMap((kind) => [`## Spending as ${kind} {#${kind} layout=chart kind=${kind} unit="% of GDP"}`, '', ...table]),
      ].join('\n'),
    );
    const file = join(dir, 'charts.pptx');
    const r = await cli('pptx', brief, '--out', file, '--quiet');
    expect(r.code, r.err).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(file));
    const charts = await Promise.all(kinds.map((_, i) => zip.file(`ppt/charts/chart${i + 1}.xml`)!.async('string')));
    const [bar, stacked, line, area, dot] = charts as [string, string, string, string, string];
    expect(bar).toMatch(/<c:barChart>[\s\S]*<c:grouping val="clustered"\/>/);
    expect(stacked).toMatch(/<c:barChart>[\s\S]*<c:grouping val="stacked"\/>/);
    expect(line).toContain('<c:lineChart>');
    expect(area).toContain('<c:areaChart>');
    expect(dot).toContain('<c:lineChart>');
    expect(dot).toContain('<a:ln><a:noFill/></a:ln>');
    expect(dot).toContain('<c:symbol val="circle"/>');
    for (const xml of charts) {
      const cells = [...xml.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
      expect(cells).toEqual(expect.arrayContaining(['Tokyo', 'Seoul', '2022', '2024', '1.4', '2.8']));
    }
  });

  it('warns, at the slide\'s line, when text cannot be fitted to its box, and still writes the file', async () => {
    const brief = join(dir, 'long.md');
    const bullets = Array.from({ length: 40 }, (_, i) => `- Point ${i + 1} is long enough to take up a whole line of its own on any slide at all`);
    await writeFile(brief, ['---', 'title: Long', '---', '', '## Short slide', '- One point', '', '## Far too much', ...bullets, ''].join('\n'));
    const file = join(dir, 'long.pptx');
    const r = await cli('pptx', brief, '--out', file, '--quiet');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/long\.md:8: warning: slide 3 "Far too much" \(default\): text does not fit its box in PowerPoint even at 12 pt/);
    expect(r.err).not.toContain('Short slide');
    expect(existsSync(file)).toBe(true);
  });

  it('puts the DRAFT watermark on the masters only for a draft', async () => {
    const draft = join(dir, 'draft.pptx');
    const final = join(dir, 'final.pptx');
    expect((await cli('pptx', join(repoRoot, 'briefs/sample-brief.md'), '--draft', '--out', draft, '--quiet')).code).toBe(0);
    expect((await cli('pptx', join(repoRoot, 'briefs/sample-brief.md'), '--out', final, '--quiet')).code).toBe(0);
    for (const slide of await readPptxSlides(await readFile(draft))) expect(slide.layoutText.split('\n')).toContain('DRAFT');
    for (const slide of await readPptxSlides(await readFile(final))) expect(slide.layoutText.split('\n')).not.toContain('DRAFT');
  });

  it("takes a house theme's colours from its CSS", async () => {
    const file = join(dir, 'agency.pptx');
    const r = await cli('pptx', join(repoRoot, 'briefs/sample-brief.md'), '--templates', join(repoRoot, 'tests/fixtures/house-style'), '--out', file, '--quiet');
    expect(r.code, r.err).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(file));
    const slide = await zip.file('ppt/slides/slide2.xml')!.async('string');
    expect(slide).toContain('<a:srgbClr val="0B4F4A"/>'); // the agency's navy (tests/fixtures/house-style/themes/agency.css)
    expect(slide).not.toContain('<a:srgbClr val="13294B"/>'); // the house navy it replaces
    expect(slide).toContain('<a:srgbClr val="1D232B"/>'); // ink, which the agency theme leaves to the house
  });

  it("takes house.yaml's branding colours over the theme's", async () => {
    const file = join(dir, 'brand.pptx');
    const r = await cli('pptx', join(repoRoot, 'briefs/sample-brief.md'), '--templates', join(repoRoot, 'tests/fixtures/house-brand'), '--out', file, '--quiet');
    expect(r.code, r.err).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(file));
    const slide = await zip.file('ppt/slides/slide2.xml')!.async('string');
    expect(slide).toContain('<a:srgbClr val="0B3D2E"/>'); // colors.primary (tests/fixtures/house-brand/house.yaml): the title
    expect(slide).not.toContain('<a:srgbClr val="13294B"/>'); // the built-in navy it replaces
  });

  it('refuses an --out that is not one .pptx file for one version', async () => {
    expect((await cli('pptx', deck, '--audience', 'staff', '--out', join(dir, 'x.pdf'))).code).toBe(2);
    const several = await cli('pptx', deck, '--out', join(dir, 'all.pptx'));
    expect(several.code).toBe(2);
    expect(several.err).toContain('--audience');
    expect(existsSync(join(dir, 'all.pptx'))).toBe(false);
  });

  it('reports an unknown audience as bad input, writing nothing', async () => {
    const r = await cli('pptx', deck, '--audience', 'minister', '--out', join(dir, 'm.pptx'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/deck\.yaml: unknown audience "minister"/);
    expect(existsSync(join(dir, 'm.pptx'))).toBe(false);
  });
});

describe('the leak scan over PowerPoint files', () => {
  it('reads an external version\'s PowerPoint back, and deletes the version when it shows text of a slide it dropped', async () => {
    const { dir, cleanup: done } = await tempDir();
    try {
      const built = await buildDecks(deck, { audience: 'all', out: dir, pptx: true, leakScan: false });
      const [partner, staff] = (['partner', 'staff'] as const).map((a) => built.find((b) => b.audience === a)!);
      expect(partner.pptxPath).toBe(join(dir, 'us-japan-alliance', 'us-japan-alliance-partner.pptx'));
      expect(await leaksOf({ version: partner, parsed: partner.parsed })).toEqual([]);
      // A partner PowerPoint that carries the internal slides (the staff file in its place) is caught, there only.
      await copyFile(staff.pptxPath!, partner.pptxPath!);
      const leaks = await leaksOf({ version: partner, parsed: partner.parsed });
      expect(leaks.length).toBeGreaterThan(0);
      expect([...new Set(leaks.map((l) => l.output))]).toEqual([partner.pptxPath]);
      expect(leaks.map((l) => l.secret.slide.title)).toContain('Recommendations');
      await expect(scanVersions([{ version: partner, parsed: partner.parsed }], silentLogger)).rejects.toThrow(/leak: .*us-japan-alliance-partner\.pptx|us-japan-alliance-partner\.pptx.*leak: /);
      // Every output of the leaking version is gone; the staff version is untouched.
      expect(existsSync(partner.pptxPath!)).toBe(false);
      expect(existsSync(partner.htmlPath)).toBe(false);
      expect(existsSync(staff.pptxPath!)).toBe(true);
    } finally {
      await done();
    }
  });
});
