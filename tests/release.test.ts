import { cp, readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { existsSync, watch } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { cli, pdfInfo, pdfPages, repoRoot, tempDir } from './helpers.js';

/**
 * The release model, read back from real outputs. The fixture deck's restricted slides
 * (internal, us-only, unverified, a deck-declared tag, a REL TO list the audiences do not
 * match, a section tagged internal) each carry a unique marker word; no output of an
 * external version (public, the deck's partner override, an inline `press` profile) may
 * hold any of them, in its text, its bookmarks or its document properties.
 */
const fixture = join(repoRoot, 'tests/fixtures/release-deck');
const markers = ['Zanzibar', 'Quokka', 'Xylophone', 'Marmoset', 'Wombat', 'Pangolin', 'Narwhal', 'Axolotl', 'Capybara', 'Okapi', 'Tapir'];
const external = ['public', 'partner', 'press'];

let dir: string;
let cleanup: () => Promise<void>;
let out: string;
let pdfRun: Awaited<ReturnType<typeof cli>>;
let buildRun: Awaited<ReturnType<typeof cli>>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('briefdeck-release-'));
  // PDFs and handouts first (`pdf` writes into output/ of the folder it runs in; its --out
  // names one file), then the HTML again with one-file copies: every output kind.
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin/briefdeck.js'), 'pdf', fixture, '--handout', '--quiet'], { cwd: dir, encoding: 'utf8' });
  pdfRun = { code: run.status ?? -1, out: run.stdout, err: run.stderr };
  out = join(dir, 'output');
  buildRun = await cli('build', fixture, '--single-file', '--out', out, '--quiet');
}, 240_000);
afterAll(() => cleanup());

const deckDir = () => join(out, 'release-deck');

/** The titles of every bookmark of a PDF. */
async function outline(pdf: string): Promise<string[]> {
  const doc = await PDFDocument.load(await readFile(pdf), { updateMetadata: false });
  const titles: string[] = [];
  const walk = (item: PDFDict | undefined) => {
    for (; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      titles.push(item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString)?.decodeText() ?? '');
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict));
  return titles;
}

/** Every text an audience version's outputs carry, by where it was read. */
async function everything(audience: string): Promise<Record<string, string>> {
  const d = deckDir();
  const pdf = join(d, `release-deck-${audience}.pdf`);
  const handout = join(d, `release-deck-${audience}-handout.pdf`);
  const folder = join(d, audience);
  const texts: Record<string, string> = {
    'pdf text': pdfPages(pdf).join('\n'),
    'handout text': pdfPages(handout).join('\n'),
    'pdf outline': (await outline(pdf)).join('\n'),
    'handout outline': (await outline(handout)).join('\n'),
    'pdf metadata': JSON.stringify(pdfInfo(pdf)),
    'handout metadata': JSON.stringify(pdfInfo(handout)),
    'single-file html': await readFile(join(d, `release-deck-${audience}.html`), 'utf8'),
  };
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.(html|js|json|css|txt)$/.test(entry.name)) {
      texts[join(entry.parentPath, entry.name).slice(folder.length + 1)] = await readFile(join(entry.parentPath, entry.name), 'utf8');
    }
  }
  return texts;
}

function markersIn(texts: Record<string, string>): string[] {
  return Object.entries(texts).flatMap(([where, text]) => markers.filter((m) => text.toLowerCase().includes(m.toLowerCase())).map((m) => `${m} in ${where}`));
}

describe('release: what external audiences never receive', () => {
  it('builds every audience, reporting the deck partner profile loosening notes', () => {
    expect(pdfRun.err).not.toMatch(/leak:/);
    expect([pdfRun.code, buildRun.code]).toEqual([0, 0]);
    expect(pdfRun.err).toContain('release-deck/audiences/partner.yaml:4: warning: audience partner loosens what it extends: notes: true');
  });

  it('puts every marker word in the staff version (so the checks below can fail)', async () => {
    const found = markersIn(await everything('staff'));
    for (const m of markers) expect(found.some((f) => f.startsWith(`${m} in`))).toBe(true);
  });

  it.each(external)('leaves every restricted slide out of every %s output: text, outline, metadata, HTML, scripts', async (audience) => {
    expect(markersIn(await everything(audience))).toEqual([]);
  });

  it('lists a source cited only in notes in versions with notes, and not in those without', async () => {
    expect((await everything('public'))['pdf text']).not.toContain('Ocelot');
    expect((await everything('press'))['pdf text']).toContain('Ocelot dossier cited in speaker notes only');
  });

  it('keeps a dropped section out of the agenda and the slide kickers', async () => {
    const publicHtml = await readFile(join(deckDir(), 'public/index.html'), 'utf8');
    expect(publicHtml).toContain('Open outlook');
    expect(publicHtml).not.toMatch(/okapi/i);
  });

  it('drops a REL TO slide from the public and from a partner it does not name, and the banner keeps the partner list', () => {
    const partner = pdfInfo(join(deckDir(), 'release-deck-partner.pdf'));
    expect(partner.Subject).toBe('U.S.-Japan partner version · UNCLASSIFIED//REL TO USA, JPN//TLP:GREEN');
    expect(pdfPages(join(deckDir(), 'release-deck-partner.pdf'))[0]).toContain('UNCLASSIFIED//REL TO USA, JPN');
  });

  it('carries the full marking in PDF Subject and Keywords, and no restricted tag', () => {
    for (const audience of [...external, 'staff', 'principal']) {
      const info = pdfInfo(join(deckDir(), `release-deck-${audience}.pdf`));
      expect(info.Keywords).not.toMatch(/internal|us-only|unverified|desk-only/);
      expect(info.Subject).toMatch(/UNCLASSIFIED(\/\/REL TO [A-Z, ]+)?\/\/TLP:[A-Z]+$/);
    }
    expect(pdfInfo(join(deckDir(), 'release-deck-public.pdf')).Subject).toBe('Public release · UNCLASSIFIED//TLP:CLEAR');
  });

  it('keeps reports outside the folders handed out', async () => {
    for (const audience of [...external, 'staff', 'principal']) {
      expect(existsSync(join(deckDir(), audience, 'build-report.json'))).toBe(false);
      const report = JSON.parse(await readFile(join(deckDir(), '.reports', `${audience}.json`), 'utf8')) as { audience: string };
      expect(report.audience).toBe(audience);
    }
    const publicReport = await readFile(join(deckDir(), '.reports/public.json'), 'utf8');
    expect(publicReport).toContain('Zanzibar internal judgement'); // the analyst's record of what was dropped
  });
});

describe('release errors', () => {
  it('an unverified slide that would reach an external audience is an error at its line', async () => {
    const { dir: d, cleanup: done } = await tempDir();
    try {
      await cp(fixture, join(d, 'deck'), { recursive: true });
      const brief = join(d, 'deck/01-open.md');
      await writeFile(brief, (await readFile(brief, 'utf8')).replace(' .unverified audience="principal staff"}', ' .unverified}'));
      const r = await cli('build', join(d, 'deck'), '--audience', 'public', '--out', join(d, 'out'));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/deck\/01-open\.md:22: slide "Narwhal claim awaiting checks" is tagged unverified and would go to the external audience public/);
      expect(existsSync(join(d, 'out'))).toBe(false);
      expect((await cli('build', join(d, 'deck'), '--audience', 'staff', '--out', join(d, 'out'))).code).toBe(0);
    } finally {
      await done();
    }
  });

  it('a REL TO slide naming an external audience it does not cover is an error', async () => {
    const { dir: d, cleanup: done } = await tempDir();
    try {
      await cp(fixture, join(d, 'deck'), { recursive: true });
      const brief = join(d, 'deck/01-open.md');
      await writeFile(brief, (await readFile(brief, 'utf8')).replace('marking="U//REL TO USA, GBR"}', 'marking="U//REL TO USA, GBR" audience="partner staff"}'));
      const r = await cli('build', join(d, 'deck'), '--audience', 'partner', '--out', join(d, 'out'));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/01-open\.md:28: slide "Capybara note for London" names audience partner, but its marking is releasable to USA, GBR only, not JPN/);
    } finally {
      await done();
    }
  });

  it('the leak scan fails the build and deletes the version when a house template leaks a dropped slide', async () => {
    const { dir: d, cleanup: done } = await tempDir();
    try {
      const house = join(d, 'house');
      await mkdir(join(house, 'partials'), { recursive: true });
      const footer = await readFile(join(repoRoot, 'templates/partials/slide-footer.hbs'), 'utf8');
      // A careless house footer: someone pasted an internal slide's title into it.
      await writeFile(join(house, 'partials/slide-footer.hbs'), `<span class="house-note">Zanzibar internal judgement</span>\n${footer}`);
      const outDir = join(d, 'out');
      await mkdir(outDir);
      // Every name that appears in the output folder while the build runs.
      const appeared: string[] = [];
      const watcher = watch(outDir, { recursive: true }, (_event, name) => void (name && appeared.push(String(name))));
      const r = await cli('build', fixture, '--templates', house, '--pdf', '--single-file', '--out', outDir);
      await new Promise((done) => setTimeout(done, 300));
      watcher.close();
      expect(r.code).toBe(1);
      // The scan reads the staged outputs: a leaking version is never put in place, not even
      // for the moment before it would be deleted. (The watcher does see versions put in place.)
      expect(appeared).toContain(join('release-deck', 'staff'));
      for (const audience of external) {
        const names = [join('release-deck', audience), join('release-deck', `release-deck-${audience}.pdf`), join('release-deck', `release-deck-${audience}.html`)];
        expect(appeared.filter((n) => names.includes(n)), audience).toEqual([]);
        expect(r.err, audience).not.toMatch(new RegExp(`release-deck/${audience}: \\d+ slides ->`));
      }
      expect(r.err).toMatch(/public\/index\.html: leak: the title "Zanzibar internal judgement" of slide "Zanzibar internal judgement" \(.*01-open\.md:12\) appears, but public does not get that slide/);
      expect(r.err).toMatch(/release-deck-public\.pdf: leak: the title "Zanzibar internal judgement"/);
      expect(r.err).toMatch(/release-deck-partner\.html: leak:/);
      for (const audience of external) {
        expect(existsSync(join(outDir, 'release-deck', audience))).toBe(false);
        expect(existsSync(join(outDir, 'release-deck', `release-deck-${audience}.pdf`))).toBe(false);
        expect(existsSync(join(outDir, 'release-deck', `release-deck-${audience}.html`))).toBe(false);
      }
      // Internal versions may hold the slide: they are built and kept.
      expect(existsSync(join(outDir, 'release-deck', 'release-deck-staff.pdf'))).toBe(true);
    } finally {
      await done();
    }
  }, 180_000);
});

describe('the leak scan and the text briefdeck ships', () => {
  it('a dropped slide quoting reveal.js is no leak in a one-file HTML that carries reveal.js, and a phrase of its own still is', async () => {
    const { dir: d, cleanup: done } = await tempDir();
    try {
      const shippedLine = 'Hakim El Hattab, https://hakim.se';
      expect(await readFile(join(repoRoot, 'node_modules/reveal.js/dist/reveal.js'), 'utf8')).toContain(shippedLine);
      const deck = join(d, 'release-deck');
      await cp(fixture, deck, { recursive: true });
      const brief = join(deck, '01-open.md');
      // The internal slide (public does not get it) quotes reveal.js's header, which every one-file HTML carries.
      const source = await readFile(brief, 'utf8');
      await writeFile(brief, source.replace('- Quokka assessment that the desk keeps in house [@secret-source].', `$&\n- ${shippedLine}`));
      const r = await cli('build', deck, '-a', 'public', '--single-file', '--out', join(d, 'out'));
      expect(r.err).not.toMatch(/leak:/);
      expect(r.code).toBe(0);
      expect(await readFile(join(d, 'out/release-deck/release-deck-public.html'), 'utf8')).toContain(shippedLine);
      expect(r.out + r.err).toMatch(/release-deck\/public: leak scan found none of the 7 dropped slides/);

      // The same slide's own words in a house footer: still found, in the one-file HTML too.
      const house = join(d, 'house');
      await mkdir(join(house, 'partials'), { recursive: true });
      const footer = await readFile(join(repoRoot, 'templates/partials/slide-footer.hbs'), 'utf8');
      await writeFile(join(house, 'partials/slide-footer.hbs'), `<span>Quokka assessment that the desk keeps in house</span>\n${footer}`);
      const leaked = await cli('build', deck, '-a', 'public', '--single-file', '--templates', house, '--out', join(d, 'out2'));
      expect(leaked.code).toBe(1);
      expect(leaked.err).toMatch(/release-deck-public\.html: leak: the body "- Quokka assessment that the desk keeps in house"/);
      expect(leaked.err).not.toMatch(/Hakim/);
    } finally {
      await done();
    }
  }, 120_000);
});

describe('the leak scan without mutool', () => {
  it('cannot read the PDF back, so it deletes the version and exits 3 saying how to install it', async () => {
    const { dir: d, cleanup: done } = await tempDir();
    try {
      // A PATH with nothing on it: no mutool (node and the browser are named directly).
      await mkdir(join(d, 'empty-bin'));
      const env = { ...process.env, PATH: join(d, 'empty-bin') };
      const r = spawnSync(process.execPath, [join(repoRoot, 'bin/briefdeck.js'), 'build', fixture, '--audience', 'public', '--pdf', '--browser', '/usr/bin/chromium', '--out', join(d, 'out'), '--quiet'], { env, encoding: 'utf8' });
      expect(r.stderr).toMatch(/reads PDFs back with mutool \(MuPDF\), and it is not installed \(Debian\/Ubuntu: apt-get install mupdf-tools/);
      expect(r.status).toBe(3);
      expect(existsSync(join(d, 'out/release-deck/public'))).toBe(false);
      expect(existsSync(join(d, 'out/release-deck/release-deck-public.pdf'))).toBe(false);
    } finally {
      await done();
    }
  }, 120_000);
});

describe('check --release', () => {
  it('prints every slide by every audience with the reason, marks, tags and markings (JSON)', async () => {
    const r = await cli('check', fixture, '--release', '--json');
    expect(r.code).toBe(0);
    const matrix = JSON.parse(r.out) as {
      ok: boolean;
      decks: { audiences: { name: string; external: boolean; marking: string | null }[]; slides: { id: string; mark: string | null; tags: string[]; audiences: Record<string, { included: boolean; reason?: string }> }[] }[];
    };
    const deck = matrix.decks[0]!;
    expect(deck.audiences.map((a) => [a.name, a.external])).toEqual([['principal', false], ['staff', false], ['public', true], ['partner', true], ['press', true]]);
    expect(deck.audiences.find((a) => a.name === 'partner')?.marking).toBe('UNCLASSIFIED//REL TO USA, JPN//TLP:GREEN');
    const internal = deck.slides.find((s) => s.id === 'internal-slide')!;
    expect(internal.tags).toEqual(['internal']);
    expect(internal.audiences.staff).toEqual({ included: true });
    expect(internal.audiences.public).toEqual({ included: false, reason: 'tagged internal: restricted, never released to an external audience (public)' });
    expect(deck.slides.find((s) => s.id === 'rel-gbr')?.mark).toBe('(U//REL TO USA, GBR)');
    expect(deck.slides.find((s) => s.id === 'tapir-planning-slide')?.tags).toContain('internal');
  });

  it('as text: one row per slide, then why each was dropped', async () => {
    const r = await cli('check', fixture, '--release');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/public: external, marked UNCLASSIFIED\/\/TLP:CLEAR/);
    expect(r.out).toMatch(/01-open\.md:19 Wombat channel for U\.S\. eyes\s+\(U\)\s+us-only\s+-\s+yes\s+-\s+-\s+-/);
    expect(r.out).toContain('#us-slide public: tagged us-only: restricted, never released to an external audience (public)');
  });
});
