import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, pdfInfo, pdfPages, repoRoot, tempDir, writeIn } from './helpers.js';
import { buildDecks } from '../src/commands/pipeline.js';

/** Briefs as analysts already write them for Pandoc, Quarto, Marp or reveal-md. */
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('briefdeck-pandoc-')));
afterAll(() => cleanup());

const write = (name: string, content: string) => writeIn(dir, name, content);

async function build(path: string, ...flags: string[]) {
  const out = join(dir, 'out', path.replace(/\W/g, '-'));
  const r = await cli('build', path, '--out', out, '-q', ...flags);
  return { ...r, out };
}

async function html(out: string, deck: string, audience = 'default'): Promise<string> {
  return readFile(join(out, deck, audience, 'index.html'), 'utf8');
}

const text = (page: string) =>
  page.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').replace(/ ([,.])/g, '$1');

describe('a plain markdown file is a brief', () => {
  it('takes the title from the first "# " heading and the text before the first slide as the abstract, and check says so', async () => {
    const path = await write('plain/gulf.md', '# Maritime Security in the Gulf of Guinea\n\nPiracy has fallen since 2020,\nbut kidnapping has moved offshore.\n\n## What changed\n\n- Fewer boardings\n\n# Outlook\n\n## What to watch\n\n- Funding\n');
    const r = await build(path);
    expect(r.code, r.err).toBe(0);
    const page = await html(r.out, 'gulf');
    expect(page).toContain('<h1 class="bd-deck-title">Maritime Security in the Gulf of Guinea</h1>');
    expect(page).toContain('<p class="bd-abstract">Piracy has fallen since 2020, but kidnapping has moved offshore.</p>');
    // The title heading is not a section divider too; "# Outlook" after it is.
    expect(page.match(/class="[^"]*layout-section/g)).toHaveLength(1);
    const check = await cli('check', path);
    expect(check.code, check.err).toBe(0);
    expect(check.err).toContain('gulf.md: note: no front matter: read as a plain markdown brief\n');
    expect(check.err).toContain('gulf.md: note: title: "Maritime Security in the Gulf of Guinea" from the first "# " heading (line 1)\n');
    expect(check.err).toContain('gulf.md: note: abstract: taken from the text before the first slide (line 3)\n');
  });

  it('takes the title from the file name when there is no "# " heading', async () => {
    const path = await write('plain/arctic-shipping_routes.md', '## Routes\n\n- Northern Sea Route\n');
    const r = await build(path);
    expect(r.code, r.err).toBe(0);
    expect(await html(r.out, 'arctic-shipping_routes')).toContain('<h1 class="bd-deck-title">Arctic Shipping Routes</h1>');
    expect((await cli('check', path)).err).toContain('note: title: "Arctic Shipping Routes" from the file name (no "# " heading before the first slide)');
  });

  it('in a brief with front matter, text before the first heading is the abstract, unless abstract: is set too', async () => {
    const lead = await write('lead/a.md', '---\ntitle: T\n---\n\nOne line of context.\n\n## S\n\n- x\n');
    const r = await build(lead);
    expect(r.code, r.err).toBe(0);
    expect(await html(r.out, 'a')).toContain('<p class="bd-abstract">One line of context.</p>');
    const both = await write('lead/b.md', '---\ntitle: T\nabstract: Set here.\n---\n\nAnd written here.\n\n## S\n\n- x\n');
    const bad = await build(both);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('b.md:6: text before the first "## " heading belongs to no slide; it is the abstract only when the front matter has no abstract: key');
  });
});

describe('Pandoc and Quarto front matter', () => {
  it('author as a string, a list, or a list of {name, affiliation, email}', async () => {
    const cases: [string, string][] = [
      ['author: Jane Analyst', 'Jane Analyst'],
      ['author: [Jane Analyst, Kenji Sato]', 'Jane Analyst and Kenji Sato'],
      [
        'author:\n  - name: Jane Analyst\n    affiliation: Indo-Pacific Desk\n    email: jane@example.org\n  - name: Kenji Sato\n  - Ana Ruiz',
        'Jane Analyst (Indo-Pacific Desk), Kenji Sato and Ana Ruiz',
      ],
    ];
    for (const [i, [yaml, line]] of cases.entries()) {
      const r = await build(await write(`authors/a${i}.md`, `---\ntitle: T\n${yaml}\n---\n\n## S\n\n- x\n`));
      expect(r.code, r.err).toBe(0);
      expect(await html(r.out, `a${i}`)).toContain(`<p class="bd-author">${line}</p>`);
    }
  });

  it('date: today resolves once, to the run date; last-modified to the file\'s date', async () => {
    const today = await write('dates/today.md', '---\ntitle: T\ndate: today\n---\n\n## S\n\n- x\n');
    const out = join(dir, 'out', 'dates');
    const built = await buildDecks(today, { out, today: '2026-01-02' });
    expect(built[0]!.plan.info.date).toBe('2026-01-02');
    expect(await html(out, 'today')).toContain('As of 2026-01-02');
    expect(JSON.parse(await readFile(join(out, 'today', '.reports', 'default.json'), 'utf8')).asOf).toBe('2026-01-02');
    const modified = await write('dates/modified.md', '---\ntitle: T\ndate: last-modified\n---\n\n## S\n\n- x\n');
    const [version] = await buildDecks(modified, { out, today: '2026-01-02' });
    expect(version!.plan.info.date).toBe(new Date().toISOString().slice(0, 10)); // written just now
  });

  it('abstract and keywords reach the PDF metadata; Pandoc keys briefdeck does not use are named in a warning', async () => {
    const path = await write('meta/m.md', '---\ntitle: Port Calls\nauthor: [Jane Analyst, Kenji Sato]\ndate: 2024-06-01\nabstract: Where the navy calls, and why.\nkeywords: [ports, logistics]\ntoc: true\nformat: revealjs\n---\n\n## S\n\n- x\n');
    const out = join(dir, 'out', 'meta');
    const r = await cli('pdf', path, '--out', join(out, 'm.pdf'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('m.md:7: warning: "toc" is a Pandoc/Quarto key that briefdeck does not use; it is ignored');
    expect(r.err).toContain('m.md:8: warning: "format" is a Pandoc/Quarto key that briefdeck does not use; it is ignored');
    const info = pdfInfo(join(out, 'm.pdf'));
    expect(info.Author).toBe('Jane Analyst and Kenji Sato');
    expect(info.Keywords).toMatch(/^ports,? logistics/);
    expect(pdfPages(join(out, 'm.pdf'))[0]).toContain('Where the navy calls, and why.');
    // pdf --out FILE names the PDF only: the scratch HTML it printed from is gone and not reported.
    expect(r.out + r.err).not.toMatch(/briefdeck-html-/);
  });
});

describe('bibliography: BibTeX, CSL-JSON and CSL-YAML', () => {
  const bib = `% exported from Zotero
@article{hornung2024,
  author  = {Hornung, Jeffrey W.},
  title   = {Japan's Alliance with the {U.S.} Has Just Gone Global},
  journal = {Nikkei Asia},
  year    = {2024}, month = apr, day = 16,
  url     = {https://www.rand.org/pubs/commentary/2024/04/japans-alliance.html}
}

@techreport{karim2024,
  author      = {Karim, Muhammad Usman},
  title       = {The Deepening {U.S.}-{Japan} Alliance},
  institution = {Institute of Strategic Studies Islamabad},
  year        = {2024}
}

@book{mueller2020,
  author    = {M{\\"u}ller, Jos{\\'e} and {\\O}stergaard, S{\\o}ren},
  title     = {Alliances in the {P}acific},
  publisher = {Oxford University Press},
  year      = {2020},
  doi       = {10.1000/xyz123}
}
`;

  it('reads @article, @techreport and @book with braces and accents into the Sources slide', async () => {
    await write('bib/refs.bib', bib);
    const path = await write('bib/b.md', '---\ntitle: T\nbibliography: refs.bib\n---\n\n## S\n\n- Global [@hornung2024].\n- Deepening [@karim2024, p. 3].\n- Pacific [@mueller2020].\n');
    const r = await build(path);
    expect(r.code, r.err).toBe(0);
    const sources = text(await html(r.out, 'b'));
    expect(sources).toContain("Jeffrey W. Hornung, Japan's Alliance with the U.S. Has Just Gone Global, Nikkei Asia, 2024-04-16");
    expect(sources).toContain('Muhammad Usman Karim, The Deepening U.S.-Japan Alliance, Institute of Strategic Studies Islamabad, 2024');
    expect(sources).toContain('José Müller and Søren Østergaard, Alliances in the Pacific, Oxford University Press, 2020');
    expect(await html(r.out, 'b')).toContain('href="https://doi.org/10.1000/xyz123"');
  });

  it('reads CSL-JSON and CSL-YAML, merged with inline sources', async () => {
    await write('csl/refs.json', JSON.stringify([{ id: 'asia-times', type: 'article-newspaper', title: 'US-Japan alliance amid changing security environment', 'container-title': 'Asia Times', issued: { 'date-parts': [[2024, 1]] } }], null, 2));
    await write('csl/refs.yaml', 'references:\n  - id: pacforum\n    type: report\n    title: An Alliance Renewed?\n    publisher: Pacific Forum\n    issued:\n      date-parts: [[2022]]\n');
    const path = await write('csl/c.md', '---\ntitle: T\nbibliography: [refs.json, refs.yaml]\nsources:\n  - id: inline\n    title: Written here\n---\n\n## S\n\n- A [@asia-times] B [@pacforum] C [@inline].\n');
    const r = await build(path);
    expect(r.code, r.err).toBe(0);
    const page = text(await html(r.out, 'c'));
    expect(page).toContain('US-Japan alliance amid changing security environment, Asia Times, 2024-01');
    expect(page).toContain('An Alliance Renewed?, Pacific Forum, 2022');
    expect(page).toContain('Written here');
  });

  it('a duplicate id across a bibliography and inline sources is an error at both places', async () => {
    await write('dup/refs.bib', '@misc{shared,\n  title = {From the bib file}\n}\n');
    const path = await write('dup/d.md', '---\ntitle: T\nbibliography: refs.bib\nsources:\n  - id: shared\n    title: From the brief\n---\n\n## S\n\n- x [@shared].\n');
    const r = await build(path);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines.some((l) => /d\.md:5: source id "shared" is declared twice: here and at .*refs\.bib:1; each source needs its own id$/.test(l))).toBe(true);
    expect(lines.some((l) => /refs\.bib:1: source id "shared" is declared twice: here and at .*d\.md:5; each source needs its own id$/.test(l))).toBe(true);
  });

  it('a bibliography outside the project, or in a format briefdeck does not read, is an error at the key', async () => {
    const outside = await write('escape/e.md', '---\ntitle: T\nbibliography: ../../../../etc/refs.bib\n---\n\n## S\n\n- x\n');
    expect((await build(outside)).err).toMatch(/e\.md:3: bibliography "\.\.\/\.\.\/\.\.\/\.\.\/etc\/refs\.bib" is outside the project folder/);
    const ris = await write('escape/r.md', '---\ntitle: T\nbibliography: refs.ris\n---\n\n## S\n\n- x\n');
    expect((await build(ris)).err).toContain('r.md:3: bibliography "refs.ris": briefdeck reads BibTeX (.bib), CSL-JSON (.json) or CSL-YAML (.yaml), not .ris');
  });
});

describe('messages that say what is wrong and how to fix it', () => {
  const problem = async (name: string, yaml: string) => {
    const r = await build(await write(`messages/${name}.md`, `---\ntitle: T\n${yaml}\n---\n\n## S\n\n- x\n`));
    return r.err.trim().split('\n');
  };

  it('an impossible date names the part that is wrong', async () => {
    expect((await problem('month', 'date: 2026-13-01'))[0]).toMatch(/month\.md:3: front matter: date: "2026-13-01" has month 13; months run from 01 to 12$/);
    expect((await problem('day', 'date: 2025-02-29'))[0]).toMatch(/day\.md:3: front matter: date: "2025-02-29" has day 29; 2025-02 has 28 days$/);
  });

  it('a web address without its scheme gets the address it meant', async () => {
    const lines = await problem('url', 'sources:\n  - id: x\n    title: X\n    url: www.example.org/x');
    expect(lines[0]).toMatch(/url\.md:6: front matter: sources\.0\.url: "www\.example\.org\/x" is not a web address: it needs http:\/\/ or https:\/\/; did you mean "https:\/\/www\.example\.org\/x"\?$/);
  });

  it('a REL TO list with a country that is not a trigraph suggests the trigraph', async () => {
    expect((await problem('rel', 'classification: UNCLASSIFIED//REL TO USA, UK'))[0]).toMatch(/rel\.md:3: front matter: classification: marking "UNCLASSIFIED\/\/REL TO USA, UK": "UK" is not an ISO 3166 country trigraph; did you mean GBR\?$/);
  });

  it('sources: FILE in a brief says where a sources file belongs, with no false "could not be read"', async () => {
    const r = await build(await write('messages/srcfile.md', '---\ntitle: T\nsources: sources.yaml\n---\n\n## S\n\n- x [@a].\n'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/srcfile\.md:3: front matter: sources: a brief lists its sources as entries \(- id: \.\.\., title: \.\.\.\); a sources file \("sources\.yaml"\) is named in deck\.yaml \(sources: sources\.yaml\) or as bibliography: sources\.yaml\n/);
    expect(r.err).not.toContain('could not be read');
  });

  it('audiences: in a brief says it belongs in deck.yaml', async () => {
    const r = await build(await write('messages/aud.md', '---\ntitle: T\naudiences: [principal]\n---\n\n## S\n\n- x\n'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/aud\.md:3: warning: "audiences" belongs in the deck's deck\.yaml \(audiences: \.\.\.\), not in a brief; it is ignored here\n/);
    expect(r.err).not.toContain('unknown key');
  });

  it('--verbose says why a section divider was left out while its slides were kept', async () => {
    const path = await write('verbose/v.md', '---\ntitle: T\n---\n\n# Part one\n\n## Kept {detail=summary}\n\n- x\n');
    const r = await cli('build', path, '--out', join(dir, 'out', 'verbose'), '--audience', 'principal', '--verbose');
    expect(r.code, r.err).toBe(0);
    expect(r.out + r.err).toContain('dropped #part-one "Part one" (');
    expect(r.out + r.err).toContain('section divider at detail=standard; principal gets summary, so the slides of this section that it gets run on without the divider (write {detail=summary} on the "# " heading to show it)');
  });
});

describe('build with no DECK builds every deck, then reports', () => {
  it('a broken deck among three leaves the other two built, exits 1, and says how many failed', async () => {
    const project = join(dir, 'three');
    for (const name of ['alpha', 'bravo', 'charlie']) {
      await mkdir(join(project, 'briefs', name), { recursive: true });
      const body = name === 'bravo' ? '## S {layout=nonsense}\n\n- x\n' : '## S\n\n- x\n';
      await writeFile(join(project, 'briefs', name, 'a.md'), `---\ntitle: ${name}\n---\n\n${body}`);
      await writeFile(join(project, 'briefs', name, 'deck.yaml'), `title: ${name}\nbriefs: [a.md]\n`);
    }
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin/briefdeck.js'), 'build', '--quiet'], { cwd: project, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(existsSync(join(project, 'output/alpha/default/index.html'))).toBe(true);
    expect(existsSync(join(project, 'output/charlie/default/index.html'))).toBe(true);
    expect(existsSync(join(project, 'output/bravo'))).toBe(false);
    expect(r.stderr).toMatch(/briefs\/bravo\/a\.md:5: unknown layout "nonsense"/);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('briefdeck: built 2 of 3 decks; 1 failed: briefs/bravo/deck.yaml');
  });
});
