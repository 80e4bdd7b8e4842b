#!/usr/bin/env node
// Renders one PNG per slide layout into docs/layouts/<layout>.png, for the README.
// Uses briefdeck itself: builds the every-layout test deck to PDF, then cuts out the
// first page of each layout with pdftoppm (poppler-utils). Run: npm run docs:images
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync, renameSync } from 'node:fs';
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
} finally {
  rmSync(out, { recursive: true, force: true });
}
