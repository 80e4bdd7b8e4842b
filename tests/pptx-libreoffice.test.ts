import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { cli, pdfInfo, pdfPages, repoRoot, tempDir } from './helpers.js';

// The PowerPoint opened by another program: LibreOffice Impress converts it to PDF, and
// the PDF is read back page by page. Skipped only where LibreOffice is missing outside CI
// (scripts/install-system-deps installs it); in CI its absence is a failure.
const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = !soffice && !process.env.CI;
if (skip) console.warn('pptx-libreoffice.test.ts: skipped, LibreOffice (soffice) is not installed; scripts/install-system-deps installs libreoffice-impress');

interface Report {
  slides: { title: string }[];
  marking: { banner: string | null; tlp: string | null };
}
interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
interface Page {
  width: number;
  height: number;
  words: Word[];
}

/** Every word on every page with its box (pdftotext -bbox), in PDF points from the top left. */
function pdfWords(pdf: string): Page[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
    words: [...m[3]!.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map((w) => ({
      xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]), text: w[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"),
    })),
  }));
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe.skipIf(skip)('the PowerPoint as LibreOffice shows it', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const versions = [
    { name: 'staff', deck: 'briefs/us-japan-alliance', audience: 'staff', footer: 'U.S.-Japan Alliance · as of 2024-06-01' },
    { name: 'every-layout', deck: 'tests/fixtures/every-layout', audience: 'staff', footer: 'Every layout · as of 2024-06-01' },
  ];
  const reports = new Map<string, Report>();

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    for (const v of versions) {
      const r = await cli('build', join(repoRoot, v.deck), '--audience', v.audience, '--out', join(dir, v.name), '--pptx', '--quiet');
      expect(r.code, r.err).toBe(0);
      const name = v.deck.split('/').at(-1)!;
      reports.set(v.name, JSON.parse(await readFile(join(dir, v.name, name, '.reports', `${v.audience}.json`), 'utf8')) as Report);
      execFileSync('cp', [join(dir, v.name, name, `${name}-${v.audience}.pptx`), join(dir, `${v.name}.pptx`)]);
    }
    // Its own profile folder: never the user's LibreOffice settings, and no clash with another run.
    const profile = pathToFileURL(join(dir, 'lo-profile')).href;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...versions.map((v) => join(dir, `${v.name}.pptx`))], {
      stdio: 'ignore',
      timeout: 240_000,
    });
  }, 300_000);
  afterAll(() => cleanup?.());

  it.each(versions.map((v) => v.name))('%s: one 16:9 page per slide, each with its title and marking', (name) => {
    const report = reports.get(name)!;
    const pdf = join(dir, `${name}.pdf`);
    expect(Number(pdfInfo(pdf).Pages)).toBe(report.slides.length);
    expect(pdfInfo(pdf)['Page size']).toMatch(/^960(\.\d+)? x 540(\.\d+)? pts/);
    const pages = pdfPages(pdf);
    report.slides.forEach((slide, i) => {
      const text = squash(pages[i] ?? '');
      expect(text, `page ${i + 1}`).toContain(squash(slide.title));
      expect(text, `page ${i + 1}`).toContain(squash(report.marking.banner!));
      expect(text, `page ${i + 1}`).toContain(squash(report.marking.tlp!));
    });
  });

  it.each(versions.map((v) => v.name))('%s: nothing runs off its slide or into the banners and footer', (name) => {
    const v = versions.find((x) => x.name === name)!;
    const report = reports.get(name)!;
    const pages = pdfWords(join(dir, `${name}.pdf`));
    // Spaced capitals come out one letter a word: a word belongs if it is part of the text.
    const footerText = squash(`${v.footer} BACKUP`);
    const markingText = squash(`${report.marking.banner} ${report.marking.tlp}`);
    pages.forEach((page, i) => {
      const banner = (page.height * 40) / 1080;
      const footerTop = (page.height * (1080 - 40 - 56)) / 1080;
      for (const w of page.words) {
        const where = `page ${i + 1}: "${w.text}" at ${w.xMin.toFixed(0)},${w.yMin.toFixed(0)}-${w.xMax.toFixed(0)},${w.yMax.toFixed(0)}`;
        expect(w.xMin >= 0 && w.yMin >= 0 && w.xMax <= page.width + 0.5 && w.yMax <= page.height + 0.5, where).toBe(true);
        const centre = (w.yMin + w.yMax) / 2;
        if (centre < banner || centre > page.height - banner) expect(markingText.includes(w.text), `${where} is in a marking banner`).toBe(true);
        else if (centre > footerTop) expect(footerText.includes(w.text) || /^\d+$/.test(w.text), `${where} is in the footer`).toBe(true);
      }
    });
  });

  it('sizes every shape within the 13.33 x 7.5 in slide and every text at 9 pt or more', async () => {
    for (const v of versions) {
      const zip = await JSZip.loadAsync(await readFile(join(dir, `${v.name}.pptx`)));
      const parts = Object.keys(zip.files).filter((p) => /^ppt\/(slides|slideLayouts|slideMasters)\/[^/]+\.xml$/.test(p));
      for (const part of parts) {
        const xml = await zip.file(part)!.async('string');
        for (const m of xml.matchAll(/<a:off x="(-?\d+)" y="(-?\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/g)) {
          const [x, y, cx, cy] = m.slice(1).map(Number) as [number, number, number, number];
          expect(x >= 0 && y >= 0 && x + cx <= 12192000 + 1000 && y + cy <= 6858000 + 1000, `${v.name} ${part}: ${m[0]}`).toBe(true);
        }
        for (const m of xml.matchAll(/<a:rPr[^>]*\bsz="(\d+)"/g)) expect(Number(m[1]), `${v.name} ${part}`).toBeGreaterThanOrEqual(900);
      }
    }
  });
});
