// npm run bench: times HTML builds and PDF exports of the sample deck (every audience)
// and of a generated 200-slide deck, and prints a markdown table for the README.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDecks, exportPdf, exportPptx } from '../dist/index.js';
import { processParents } from './process-tree.js';

const sample = 'briefs/us-japan-alliance';
const out = await mkdtemp(join(tmpdir(), 'briefdeck-bench-'));
const rows = [];
let chromiumPeak = 0;

/** Sums the resident memory of this process's descendants: the Chromium it started (Linux /proc). */
async function sampleChromium() {
  const parents = await processParents();
  const ours = (pid) => {
    for (let p = parents.get(pid); p; p = parents.get(p)) if (p === String(process.pid)) return true;
    return false;
  };
  let total = 0;
  for (const pid of parents.keys()) {
    if (!ours(pid)) continue;
    try {
      const rss = /VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
      total += rss ? Number(rss[1]) * 1024 : 0;
    } catch {
      // the process ended while we looked
    }
  }
  chromiumPeak = Math.max(chromiumPeak, total);
}
const sampler = setInterval(() => void sampleChromium(), 200);

async function timed(fn) {
  const start = performance.now();
  const result = await fn();
  return { result, seconds: (performance.now() - start) / 1000 };
}
const s = (n) => `${n.toFixed(2)} s`;

try {
  const html = await timed(() => buildDecks(sample, { out, audience: 'all' }));
  rows.push([`${sample}: HTML build, ${html.result.length} audiences`, s(html.seconds)]);

  const batch = await timed(() => exportPdf(sample, { out, audience: 'all' }));
  for (const v of batch.result) {
    const size = (await readFile(v.pdfPath)).length;
    rows.push([`PDF ${v.audience} (${v.slides} slides, ${(size / 1024).toFixed(0)} KB), in the batch`, s(v.pdfMs / 1000)]);
  }
  rows.push([`batch: every audience, one command (one browser)`, s(batch.seconds)]);

  let oneByOne = 0;
  for (const v of batch.result) oneByOne += (await timed(() => exportPdf(sample, { out, audience: v.audience }))).seconds;
  rows.push([`one by one: one command (and browser) per audience`, s(oneByOne)]);

  const single = await timed(() => exportPdf(sample, { out, audience: 'staff', jobs: 1 }));
  rows.push([`staff alone: PDF after browser start / whole command`, `${s(single.result[0].pdfMs / 1000)} / ${s(single.seconds)}`]);

  // PowerPoint needs no browser: the whole command (HTML built and written with it, as build --pptx), median of 3.
  const pptxRuns = [];
  let pptxBuilt;
  for (let i = 0; i < 3; i++) {
    const run = await timed(() => exportPptx(sample, { out, audience: 'staff' }));
    pptxRuns.push(run.seconds);
    pptxBuilt = run.result[0];
  }
  const pptxSize = (await readFile(pptxBuilt.pptxPath)).length;
  rows.push([`PPTX staff (${pptxBuilt.slides} slides, ${(pptxSize / 1024).toFixed(0)} KB), whole command (median of 3)`, s(pptxRuns.sort((a, b) => a - b)[1])]);

  // The target: a 20-slide PDF in under 1 s once the browser is up. Median of 5 commands.
  const twenty = join(out, 'twenty-deck');
  await generateDeck(twenty, 20);
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push((await exportPdf(twenty, { out, jobs: 1 }))[0].pdfMs / 1000);
  const median = runs.sort((a, b) => a - b)[2];
  rows.push([`generated deck: PDF, 20 pages, after browser start (median of 5)`, s(median)]);

  const big = join(out, 'big-deck');
  await generateDeck(big, 201);
  const bigHtml = await timed(() => buildDecks(big, { out }));
  rows.push([`generated deck: HTML build, ${bigHtml.result[0].slides} slides`, s(bigHtml.seconds)]);
  // Charts: one `briefdeck build` command (a fresh process, so loading vega counts) of ten
  // chart slides against the same ten slides as tables; median of 5 each, wall-clock and CPU time.
  const charts = join(out, 'chart-deck');
  const tables = join(out, 'table-deck');
  await generateChartDeck(charts, 'chart');
  await generateChartDeck(tables, 'table');
  const withCharts = buildCommandTimes(charts, 5);
  const withTables = buildCommandTimes(tables, 5);
  rows.push([`ten charts: HTML build command, ten chart slides / the same as tables (median of 5, wall)`, `${s(withCharts.wall)} / ${s(withTables.wall)}`]);
  rows.push([`ten charts: added to the HTML build, wall / CPU time (target under 0.5 s)`, `${s(withCharts.wall - withTables.wall)} / ${s(withCharts.cpu - withTables.cpu)}`]);
  const bigPdf = await timed(() => exportPdf(big, { out }));
  rows.push([`generated deck: PDF, ${bigPdf.result[0].slides} pages (after browser start / whole command)`, `${s(bigPdf.result[0].pdfMs / 1000)} / ${s(bigPdf.seconds)}`]);
} finally {
  clearInterval(sampler);
  await rm(out, { recursive: true, force: true });
}
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
rows.push(['peak memory: node', mb(process.resourceUsage().maxRSS * 1024)]);
rows.push(['peak memory: Chromium (all its processes, sampled)', mb(chromiumPeak)]);

process.stdout.write(`The denial-of-service table of the security review: npm run stress (bench/stress.js).\n\n| measure | result |\n| --- | --- |\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}\n`);

/** Median wall-clock and CPU seconds of `count` `briefdeck build DECK` commands, one after another. */
function buildCommandTimes(deck, count) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, ['--import', './bench/cpu-time.js', 'bin/briefdeck.js', 'build', deck, '--out', out, '--quiet'], { encoding: 'utf8' });
    wall.push((performance.now() - start) / 1000);
    if (result.status !== 0) throw new Error(`briefdeck build ${deck} failed: ${result.stderr}`);
    cpu.push(Number(/briefdeck-bench-cpu-ms ([\d.]+)/.exec(result.stderr)?.[1]) / 1000);
  }
  const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return { wall: median(wall), cpu: median(cpu) };
}

/** Ten slides of 12 quarters by 3 series, as charts of every kind or as plain tables. */
async function generateChartDeck(dir, layout) {
  await (await import('node:fs/promises')).mkdir(dir, { recursive: true });
  const kinds = ['bar', 'stacked-bar', 'line', 'area', 'dot'];
  let md = '---\ntitle: Ten charts\ndate: 2024-06-01\nsources:\n  - { id: data, title: Generated figures }\n---\n';
  for (let i = 1; i <= 10; i++) {
    const attrs = layout === 'chart' ? `layout=chart kind=${kinds[i % kinds.length]} unit="US$ billion"` : 'layout=table';
    md += `\n## Figures ${i} {${attrs}}\n\n| Quarter | East | West | North |\n|---|---|---|---|\n`;
    for (let q = 0; q < 12; q++) md += `| Q${(q % 4) + 1} ${2021 + Math.floor(q / 4)} | ${(10 + q * 1.5 + i).toFixed(1)} | ${(8 + ((q * 7) % 5) + i).toFixed(1)} | ${(5 + q * 0.8).toFixed(1)} |\n`;
    md += `\nSource: generated figures [@data].\n`;
  }
  await writeFile(join(dir, 'brief.md'), md);
  await writeFile(join(dir, 'deck.yaml'), 'title: Ten charts\ndate: 2024-06-01\nbriefs: [brief.md]\naudiences: [{ name: everyone, detail: deep }]\n');
}

/** A deck of `count` slides in sections of ten, for the large-deck row. */
async function generateDeck(dir, count) {
  await (await import('node:fs/promises')).mkdir(dir, { recursive: true });
  let md = '---\ntitle: Generated brief\ndate: 2024-06-01\n---\n';
  const slides = count - 1 - Math.ceil((count - 1) / 11); // title slide and section slides count too
  for (let i = 1; i <= slides; i++) {
    if (i % 10 === 1) md += `\n# Part ${Math.ceil(i / 10)}\n`;
    md += `\n## Slide ${i}\n\n- A first point about item ${i}.\n- A second point, with **bold** text.\n- A third point.\n\n::: notes\nNotes for slide ${i}.\n:::\n`;
  }
  await writeFile(join(dir, 'brief.md'), md);
  await writeFile(join(dir, 'deck.yaml'), 'title: Generated deck\ndate: 2024-06-01\nbriefs: [brief.md]\naudiences: [{ name: everyone, detail: deep, agenda: false }]\n');
}
