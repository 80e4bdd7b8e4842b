#!/usr/bin/env node
// Renders one PNG per slide layout into docs/layouts/<layout>.png, for the README.
// Uses briefdeck itself: builds the every-layout test deck to PDF, then cuts out the
// first page of each layout with pdftoppm (poppler-utils). Run: npm run docs:images
// It also writes the same deck as PowerPoint, has LibreOffice (soffice) convert that to
// PDF, and cuts out docs/pptx/<layout>.png for the README's PowerPoint section.
// `node scripts/docs-images.js pptx` remakes only those.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync, renameSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const deck = join(root, 'tests', 'fixtures', 'every-layout');
const out = mkdtempSync(join(tmpdir(), 'briefdeck-docs-'));
const target = join(root, 'docs', 'layouts');
const pptxOnly = process.argv[2] === 'pptx';
/** Layouts shown in the README's PowerPoint section. */
const pptxLayouts = ['bluf', 'recommendations', 'table'];
try {
  const args = pptxOnly ? ['pptx', deck, '--out', join(out, 'every-layout-staff.pptx')] : ['build', deck, '--out', out, '--pdf', '--pptx'];
  execFileSync(process.execPath, [join(root, 'bin', 'briefdeck.js'), ...args], { stdio: 'inherit' });
  if (pptxOnly) execFileSync(process.execPath, [join(root, 'bin', 'briefdeck.js'), 'build', deck, '--out', out, '--quiet'], { stdio: 'inherit' });
  const report = JSON.parse(readFileSync(join(out, 'every-layout', 'staff', 'build-report.json'), 'utf8'));
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
