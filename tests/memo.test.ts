import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, pdfInfo, pdfPages, repoRoot, tempDir } from './helpers.js';

/** The read-ahead memo: read back from its PDF (pdftotext) and its Word file (the XML in the zip). */
let dir: string;
let cleanup: () => Promise<void>;
const sample = join(repoRoot, 'briefs/us-japan-alliance');
const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('briefdeck-memo-'));
  // One run makes every version's memo, PDF and Word, beside the deck outputs.
  const r = await cli('build', sample, '--audience', 'all', '--memo', '--out', join(dir, 'out'), '--quiet');
  if (r.code !== 0) throw new Error(r.err);
});
afterAll(() => cleanup());

const memoPdf = (audience: string) => join(dir, 'out/us-japan-alliance', `us-japan-alliance-${audience}-memo.pdf`);
const memoDocx = (audience: string) => unzipSync(readFileSync(join(dir, 'out/us-japan-alliance', `us-japan-alliance-${audience}-memo.docx`)));
const xml = (files: Record<string, Uint8Array>, name: string) => strFromU8(files[name] ?? new Uint8Array());
/** The text of a Word part: its runs, paragraph by paragraph. */
const docText = (part: string) => part.split('</w:p>').map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).join('\n');

describe('the principal memo of the sample deck', () => {
  it('is one page with the marking at the top and the bottom', () => {
    expect(pdfInfo(memoPdf('principal')).Pages).toBe('1');
    const lines = pdfPages(memoPdf('principal'))[0]!.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines[0]).toBe('UNCLASSIFIED//TLP:AMBER');
    expect(lines.at(-1)).toMatch(/^UNCLASSIFIED\/\/TLP:AMBER\s+1\s*\/\s*1$/);
  });

  it('states every bottom-line judgment with its estimate and confidence in words, and every recommendation with its owner', () => {
    const text = flat(pdfPages(memoPdf('principal')).join(' '));
    for (const judgment of ['The shift from defending Japan to a global agenda will outlast 2024', 'China, then North Korea and Russia, will keep driving alliance planning', 'The November 2024 U.S. election adds uncertainty allies will watch']) {
      expect(text).toContain(judgment);
    }
    expect(text).toContain('(very likely · moderate confidence)');
    expect(text.match(/low confidence\)/g)?.length).toBe(3);
    for (const owner of ['owner: Defence policy lead · priority: high', 'owner: Indo-Pacific desk · priority: high', 'owner: Indo-Pacific desk · priority: medium']) expect(text).toContain(owner);
    expect(text).toContain('(U) Back both command upgrades as the flagship.');
  });

  it('lists only the sources it cites, numbered as in the deck', async () => {
    const text = flat(pdfPages(memoPdf('principal')).join(' '));
    const sources = text.slice(text.lastIndexOf('SOURCES'));
    // The deck's numbering (the version's build report) and the sources' titles (sources.yaml).
    const report = JSON.parse(readFileSync(join(dir, 'out/us-japan-alliance/.reports/principal.json'), 'utf8')) as { sources: { number: number; id: string }[] };
    const declared = parse(readFileSync(join(sample, 'sources.yaml'), 'utf8')) as { id: string; title: string; author?: string }[];
    // Each source the memo lists carries the number the deck gives it; at least three are listed.
    let listed = 0;
    for (const { number, id } of report.sources) {
      const source = declared.find((d) => d.id === id)!;
      if (!sources.includes(source.title.slice(0, 30))) continue;
      listed++;
      expect(sources).toContain(`${number}. ${source.author ?? source.title.slice(0, 30)}`);
    }
    expect(listed).toBeGreaterThan(2);
    expect(sources).toContain('Jeffrey W. Hornung');
  });
});

describe('the memo as a Word file', () => {
  it('has real headings, a table with a header row, numbered lists, and the marking in the header and footer', () => {
    const files = memoDocx('principal');
    const doc = xml(files, 'word/document.xml');
    const headings = [...doc.matchAll(/<w:pStyle w:val="Heading1"\/>.*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(headings).toEqual(['Bottom line', 'Key figures', 'Recommendations', 'Sources']);
    expect(doc).toContain('<w:tbl>');
    expect(doc).toMatch(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1)"\/>/);
    expect(doc).toMatch(/<w:numPr>/);
    const header = Object.keys(files).filter((f) => /^word\/header\d*\.xml$/.test(f)).map((f) => docText(xml(files, f))).join('\n');
    const footer = Object.keys(files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => docText(xml(files, f))).join('\n');
    expect(header).toContain('UNCLASSIFIED//TLP:AMBER');
    expect(footer).toContain('UNCLASSIFIED//TLP:AMBER');
    const core = xml(files, 'docProps/core.xml');
    expect(core).toContain('<dc:title>U.S.-Japan Alliance: Security Challenges in the Indo-Pacific</dc:title>');
    expect(core).toContain('UNCLASSIFIED//TLP:AMBER');
    expect(core).toContain('2024-06-01T00:00:00Z');
    const text = docText(doc);
    expect(text).toContain('(U) Back both command upgrades as the flagship.');
    expect(text).toContain('(likely · moderate confidence)');
  });

  it('opens in LibreOffice, which converts it to PDF', () => {
    const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);
    if (!soffice) {
      if (process.env.CI) throw new Error('LibreOffice is required in CI (scripts/install-system-deps installs it)');
      console.warn('skipped: LibreOffice (soffice) is not installed; scripts/install-system-deps installs it');
      return;
    }
    const docx = join(dir, 'out/us-japan-alliance/us-japan-alliance-principal-memo.docx');
    execFileSync(soffice, ['--headless', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'ignore', timeout: 120_000 });
    const text = flat(pdfPages(join(dir, 'us-japan-alliance-principal-memo.pdf')).join(' '));
    expect(text).toContain('Bottom line');
    expect(text).toContain('Back both command upgrades as the flagship.');
    expect(text).toContain('UNCLASSIFIED//TLP:AMBER');
  });
});

describe('what a version does not get stays out of its memo', () => {
  it('the public and partner memos have no internal judgment, no recommendation and none of their sources', () => {
    for (const audience of ['public', 'partner']) {
      const pdf = flat(pdfPages(memoPdf(audience)).join(' '));
      // The Tomahawk figures are on two of these versions' slides: one row each in the memo's table.
      expect(pdf.match(/\(U\) \$1\.7bn/g)).toHaveLength(1);
      const word = docText(xml(memoDocx(audience), 'word/document.xml'));
      for (const text of [pdf, word]) {
        expect(text).toContain('Funding the five-year plan');
        expect(text).not.toContain('November 2024 U.S. election');
        expect(text).not.toContain('low cabinet approval');
        expect(text).not.toMatch(/Recommendations/i);
        expect(text).not.toContain('Back both command upgrades');
      }
    }
  });
});

describe('memo input', () => {
  async function deck(name: string, body: string, manifest = ''): Promise<string> {
    const folder = join(dir, name);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'a.md'), `---\ntitle: ${name}\nclassification: UNCLASSIFIED\nsources:\n  - id: s1\n    title: Source One\n  - id: s2\n    title: Source Two\n  - id: s3\n    title: Source Three\n---\n\n${body}`);
    await writeFile(join(folder, 'deck.yaml'), `title: ${name}\ndate: 2024-06-01\nbriefs: [a.md]\n${manifest}`);
    return folder;
  }

  it('a house memo.hbs carries its own files: checked, copied with the version, and linked there', async () => {
    const folder = await deck('housememo', '## Bottom line {layout=bluf}\n\n- A judgment [@s1] {estimate=likely confidence=high}\n');
    const house = join(dir, 'house-memo');
    await mkdir(house, { recursive: true });
    await writeFile(join(house, 'seal.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    const memoTemplate = readFileSync(join(repoRoot, 'templates', 'memo.hbs'), 'utf8').replace(/(<body[^>]*>)/, '$1\n<img src="seal.svg" alt="Desk seal">');
    await writeFile(join(house, 'memo.hbs'), memoTemplate);
    const out = join(dir, 'out-housememo');
    const r = await cli('build', folder, '--out', out, '--memo', 'pdf', '--templates', house, '-q');
    expect(r.code, r.err).toBe(0);
    const page = readFileSync(join(out, 'housememo', 'default', 'memo.html'), 'utf8');
    const src = /<img src="([^"]+)" alt="Desk seal">/.exec(page)?.[1];
    expect(src).toMatch(/^assets\/house\/seal\.svg$/);
    expect(existsSync(join(out, 'housememo', 'default', src!))).toBe(true);
    // A file outside the house folder is an error at the template's line.
    await writeFile(join(house, 'memo.hbs'), memoTemplate.replace('seal.svg', '../outside.svg'));
    const bad = await cli('build', folder, '--out', join(dir, 'out-housememo-bad'), '--memo', 'pdf', '--templates', house, '-q');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/memo\.hbs:\d+: .*outside\.svg/);
    // A template error in it names the file and line, as one in any other template does.
    await writeFile(join(house, 'memo.hbs'), memoTemplate.replace('{{memo.title}}', '{{memo.title}'));
    const broken = await cli('build', folder, '--out', join(dir, 'out-housememo-broken'), '--memo', 'pdf', '--templates', house, '-q');
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/memo\.hbs:\d+: template error/);
    expect(broken.err).not.toMatch(/unexpected error/);
  });

  it('reports what a memo page tried to load from outside the deck, as for the slides', async () => {
    const folder = await deck('remotememo', '## Bottom line {layout=bluf}\n\n- A judgment [@s1] {estimate=likely confidence=high}\n');
    const house = join(dir, 'house-remote');
    await mkdir(house, { recursive: true });
    const memoTemplate = readFileSync(join(repoRoot, 'templates', 'memo.hbs'), 'utf8').replace(/(<body[^>]*>)/, '$1\n<img src="https://tracker.example/pixel.png" alt="">');
    await writeFile(join(house, 'memo.hbs'), memoTemplate);
    const r = await cli('build', folder, '--out', join(dir, 'out-remotememo'), '--memo', 'pdf', '--templates', house);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/memo\.html: warning: blocked a request outside the deck: https:\/\/tracker\.example\/pixel\.png/);
  });

  it('reads a citation in Word as the deck does: numbers in order, each with its locator', async () => {
    const folder = await deck('cites', '## Bottom line {layout=bluf}\n\n- First judgment [@s1] {estimate=likely confidence=high}\n- Second judgment [@s2, p. 4; @s1] {estimate=likely confidence=high}\n');
    const out = join(dir, 'out-cites');
    const r = await cli('build', folder, '--out', out, '--memo', 'docx', '-q');
    expect(r.code, r.err).toBe(0);
    const doc = docText(xml(unzipSync(readFileSync(join(out, 'cites', 'cites-default-memo.docx'))), 'word/document.xml'));
    expect(doc).toContain('Second judgment 1; 2, p. 4 (likely');
    const html = readFileSync(join(out, 'cites', 'default', 'index.html'), 'utf8');
    expect(html).toMatch(/>1<\/a>; <a [^>]*>2<\/a><span class="cite-locator">, p\. 4<\/span>/);
  });

  it('{memo} slides and ::: memo prose go into the memo, and ::: memo never onto a slide', async () => {
    const folder = await deck('body', '## Bottom line {layout=bluf}\n\n- Judgment one [@s1] {estimate=likely confidence=high}\n\n## Context {memo}\n\n- Context bullet for the memo\n\n## Other\n\n- Slide only [@s3]\n\n::: memo\nWritten for the memo alone [@s2].\n:::\n');
    const out = join(dir, 'out-body');
    const r = await cli('build', folder, '--out', out, '--memo', 'docx', '-q');
    expect(r.code, r.err).toBe(0);
    const doc = docText(xml(unzipSync(readFileSync(join(out, 'body', 'body-default-memo.docx'))), 'word/document.xml'));
    expect(doc).toContain('Context bullet for the memo');
    expect(doc).toContain('Written for the memo alone');
    expect(doc).not.toContain('Slide only');
    expect(doc).toContain('Source Two');
    // Cited only on a slide the memo does not take: not in the memo's sources.
    expect(doc).not.toContain('Source Three');
    const slides = readFileSync(join(out, 'body', 'default', 'index.html'), 'utf8');
    expect(slides).not.toContain('Written for the memo alone');
    // --memo docx makes no memo page to print.
    expect(existsSync(join(out, 'body', 'default', 'memo.html'))).toBe(false);
  });

  it('a version without a bluf slide is an error that says what the memo needs', async () => {
    const folder = await deck('nobluf', '## Only bullets\n\n- x\n');
    const r = await cli('memo', folder, '--out', join(dir, 'nobluf.pdf'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('the default memo is built from the deck\'s bottom line, but this version has no bluf slide: add one ("## Bottom line {layout=bluf}" with the key judgments as a list), or give the existing one to this audience');
    expect(existsSync(join(dir, 'nobluf.pdf'))).toBe(false);
  });

  it('a memo over its page budget fails with what to cut', async () => {
    const long = Array.from({ length: 70 }, (_, i) => `- Judgment ${i + 1}: a long sentence about what the alliance will do next year and why it matters [@s1] {estimate=likely confidence=moderate}`).join('\n');
    const folder = await deck('long', `## Bottom line {layout=bluf}\n\n${long}\n`);
    const r = await cli('memo', folder, '--format', 'pdf', '--out', join(dir, 'long.pdf'));
    expect(r.code).toBe(1);
    // At the place to start cutting: the bottom line's slide.
    const line = readFileSync(join(folder, 'a.md'), 'utf8').split('\n').indexOf('## Bottom line {layout=bluf}') + 1;
    expect(line).toBeGreaterThan(1);
    expect(r.err).toMatch(new RegExp(`a\\.md:${line}: the default memo runs to [2-9] pages, over its budget of 1: cut the bottom line \\(\\d+ words\\), or allow two pages with memoPages: 2 in deck\\.yaml`));
    expect(existsSync(join(dir, 'long.pdf'))).toBe(false);
  });
});
