#!/usr/bin/env node
// Renders one PNG per slide layout into docs/layouts/<layout>.png, for the README, and
// docs/house-style.png (the README's house.yaml example applied to the sample deck).
// Uses briefdeck itself: builds the every-layout test deck to PDF, then cuts out the
// first page of each layout with pdftoppm (poppler-utils). Run: npm run docs:images
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const deck = join(root, 'tests', 'fixtures', 'every-layout');
const out = mkdtempSync(join(tmpdir(), 'briefdeck-docs-'));
const target = join(root, 'docs', 'layouts');
try {
  execFileSync(process.execPath, [join(root, 'bin', 'briefdeck.js'), 'build', deck, '--out', out, '--pdf'], { stdio: 'inherit' });
  const report = JSON.parse(readFileSync(join(out, 'every-layout', '.reports', 'staff.json'), 'utf8'));
  const pdf = join(out, 'every-layout', 'every-layout-staff.pdf');
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
  await houseStylePicture();
} finally {
  rmSync(out, { recursive: true, force: true });
}

/** The title slide and the key figures of the sample deck in the house style of tests/fixtures/house-brand, side by side. */
async function houseStylePicture() {
  const house = join(root, 'tests', 'fixtures', 'house-brand');
  const sample = join(root, 'briefs', 'us-japan-alliance');
  execFileSync(process.execPath, [join(root, 'bin', 'briefdeck.js'), 'build', sample, '--audience', 'principal', '--templates', house, '--out', out, '--pdf', '--quiet'], { stdio: 'inherit' });
  const report = JSON.parse(readFileSync(join(out, 'us-japan-alliance', 'principal', 'build-report.json'), 'utf8'));
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
