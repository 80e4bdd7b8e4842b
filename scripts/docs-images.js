#!/usr/bin/env node
// Renders one PNG per slide layout into docs/layouts/<layout>.png, for the README, and
// docs/house-style.png (the README's house.yaml example applied to the sample deck).
// Uses briefdeck itself: builds the every-layout test deck to PDF, then cuts out the
// first page of each layout with pdftoppm (poppler-utils). Run: npm run docs:images
// It also writes the same deck as PowerPoint, has LibreOffice (soffice) convert that to
// PDF, and cuts out docs/pptx/<layout>.png for the README's PowerPoint section.
// `node scripts/docs-images.js pptx` remakes only those.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const deck = join(root, 'tests', 'fixtures', 'every-layout');
const out = mkdtempSync(join(tmpdir(), 'briefdeck-docs-'));
const target = join(root, 'docs', 'layouts');
const pptxOnly = process.argv[2] === 'pptx';
/** Layouts shown in the README's PowerPoint section. */
const pptxLayouts = ['bluf', 'recommendations', 'table', 'chart'];
try {
  const args = pptxOnly ? ['pptx', deck, '--out', join(out, 'every-layout-staff.pptx')] : ['build', deck, '--out', out, '--pdf', '--pptx'];
  execFileSync(process.execPath, [join(root, 'bin', 'briefdeck.js'), ...args], { stdio: 'inherit' });
  if (pptxOnly) execFileSync(process.execPath, [join(root, 'bin', 'briefdeck.js'), 'build', deck, '--out', out, '--quiet'], { stdio: 'inherit' });
  const report = JSON.parse(readFileSync(join(out, 'every-layout', '.reports', 'staff.json'), 'utf8'));
  if (!pptxOnly) layoutPictures(report, join(out, 'every-layout', 'every-layout-staff.pdf'));
  const pptx = pptxOnly ? join(out, 'every-layout-staff.pptx') : join(out, 'every-layout', 'every-layout-staff.pptx');
  const profile = pathToFileURL(join(out, 'lo-profile')).href;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, pptx], { stdio: 'ignore' });
  mkdirSync(join(root, 'docs', 'pptx'), { recursive: true });
  for (const layout of pptxLayouts) {
    const page = String(report.slides.find((s) => s.layout === layout).number);
    const base = join(out, `pptx-${layout}`);
    // The LibreOffice PDF is 13.33 in wide: 60 dpi gives the 800 px of docs/layouts.
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', page, '-l', page, '-singlefile', join(out, 'every-layout-staff.pdf'), base]);
    renameSync(`${base}.png`, join(root, 'docs', 'pptx', `${layout}.png`));
    console.log(`docs/pptx/${layout}.png  (slide ${page}, PowerPoint as LibreOffice shows it)`);
  }
  if (!pptxOnly) await houseStylePicture();
} finally {
  rmSync(out, { recursive: true, force: true });
}

function layoutPictures(report, pdf) {
  mkdirSync(target, { recursive: true });
  const done = new Set();
  for (const slide of report.slides) {
    if (done.has(slide.layout)) continue;
    done.add(slide.layout);
    const page = String(slide.number);
    const base = join(out, slide.layout);
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', page, '-l', page, '-singlefile', pdf, base]);
    renameSync(`${base}.png`, join(target, `${slide.layout}.png`));
    console.log(`docs/layouts/${slide.layout}.png  (page ${page})`);
  }
}

/** The title slide and the key figures of the sample deck in the house style of tests/fixtures/house-brand, side by side. */
async function houseStylePicture() {
  const house = join(root, 'tests', 'fixtures', 'house-brand');
  const sample = join(root, 'briefs', 'us-japan-alliance');
  execFileSync(process.execPath, [join(root, 'bin', 'briefdeck.js'), 'build', sample, '--audience', 'principal', '--templates', house, '--out', out, '--pdf', '--quiet'], { stdio: 'inherit' });
  const report = JSON.parse(readFileSync(join(out, 'us-japan-alliance', '.reports', 'principal.json'), 'utf8'));
  const figures = report.slides.find((s) => s.layout === 'figures').number;
  const source = await PDFDocument.load(readFileSync(join(out, 'us-japan-alliance', 'us-japan-alliance-principal.pdf')));
  const pair = await PDFDocument.create();
  const [title, numbers] = await pair.embedPages([source.getPage(0), source.getPage(figures - 1)]);
  const gap = 24;
  const page = pair.addPage([title.width * 2 + gap, title.height]);
  page.drawPage(title, { x: 0, y: 0 });
  page.drawPage(numbers, { x: title.width + gap, y: 0 });
  const pdf = join(out, 'house-style.pdf');
  writeFileSync(pdf, await pair.save());
  execFileSync('pdftoppm', ['-png', '-r', '36', '-singlefile', pdf, join(out, 'house-style')]);
  renameSync(join(out, 'house-style.png'), join(root, 'docs', 'house-style.png'));
  console.log('docs/house-style.png');
}
