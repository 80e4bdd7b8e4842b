// npm run bench: times HTML builds and PDF exports of the sample deck (every audience)
// and of a generated 200-slide deck, and prints a markdown table for the README.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDecks, exportPdf } from '../dist/index.js';

const sample = 'briefs/us-japan-alliance';
const out = await mkdtemp(join(tmpdir(), 'briefdeck-bench-'));
const rows = [];
let chromiumPeak = 0;

/** Sums the resident memory of this process's descendants: the Chromium it started (Linux /proc). */
async function sampleChromium() {
  const parents = new Map();
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const ppid = /\) \S+ (\d+)/.exec(stat)?.[1];
    if (ppid) parents.set(pid, ppid);
  }
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
