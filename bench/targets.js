// npm run bench, first table: the targets of issue 19, each as a ratio of two medians of
// whole commands (fresh processes, one after another) with PASS/FAIL, and the load average.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { processParents } from './process-tree.js';

const runs = Number(process.env.BENCH_RUNS ?? 7); // medians of 7 (5 for the long rows)
const sample = 'briefs/us-japan-alliance';
const out = await mkdtemp(join(tmpdir(), 'briefdeck-targets-'));
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
// The browser briefdeck prints with where it is installed (src/export/browser.ts): Marp is given the same.
const shell = ['/usr/lib/chromium/chromium-headless-shell'].find((p) => existsSync(p));
// Marp CLI, the comparison the issue names: installed under bench/marp/ by `npm run bench:marp`, never a dependency.
const marpCli = join(import.meta.dirname, 'marp/node_modules/@marp-team/marp-cli/marp-cli.js');
const marpInstalled = existsSync(marpCli);
const marpSkipped = 'skipped: Marp CLI is not installed (npm run bench:marp installs it under bench/marp/)';
const loadBefore = loadavg();
const rows = [];

/** Sums the resident memory of one process tree (Linux /proc): Chromium under a briefdeck command. */
async function treeRss(root) {
  const parents = await processParents();
  let total = 0;
  for (const pid of parents.keys()) {
    let under = false;
    for (let p = parents.get(pid); p; p = parents.get(p)) if (p === String(root)) under = true;
    if (!under) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  }
  return total;
}

/** One command, timed: wall-clock seconds, node's peak RSS (briefdeck only) and its children's peak memory. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let childPeak = 0;
    const sampler = setInterval(() => void treeRss(child.pid).then((n) => (childPeak = Math.max(childPeak, n))), 200);
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      const seconds = (performance.now() - start) / 1000;
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      const maxRssKb = Number(/briefdeck-bench-maxrss-kb (\d+)/.exec(stderr)?.[1] ?? 0);
      resolve({ seconds, nodeRss: maxRssKb * 1024, childPeak });
    });
  });
}
const briefdeck = (...args) => run(process.execPath, ['--import', './bench/cpu-time.js', 'bin/briefdeck.js', ...args]);

/**
 * Medians of `count` runs of each of `fns` (seconds), and the largest memory figures seen. The
 * commands a ratio compares take turns (A B, A B...): on a shared machine whose speed drifts
 * from one minute to the next, both sides of a ratio then see the same minutes.
 */
async function medians(count, ...fns) {
  const all = fns.map(() => []);
  for (let i = 0; i < count; i++) for (const [j, fn] of fns.entries()) all[j].push(await fn());
  return all.map((results) => ({
    seconds: results.map((r) => r.seconds).sort((a, b) => a - b)[Math.floor(count / 2)],
    nodeRss: Math.max(...results.map((r) => r.nodeRss ?? 0)),
    childPeak: Math.max(...results.map((r) => r.childPeak ?? 0)),
  }));
}
const s = (n) => `${n.toFixed(2)} s`;
/** A row comparing two medians as a ratio, against the goal's largest ratio. */
const ratioRow = (label, measured, against, most) => {
  const ratio = measured.seconds / against.seconds;
  return [label, `${s(measured.seconds)} / ${s(against.seconds)}`, `${ratio.toFixed(2)}x`, `≤ ${most}x`, verdict(ratio <= most)];
};
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

try {
  const twenty = join(out, 'twenty-deck');
  const big = join(out, 'big-deck');
  await generateDeck(twenty, 20);
  await generateDeck(big, 201);
  const trivial = join(out, 'trivial.html');
  await writeFile(trivial, '<!doctype html><title>t</title><p>Hello</p>');

  // 1. 20-slide PDF, whole command, against a bare Chromium printing a trivial page, and
  // against Marp CLI's PDF of the same content (each in turn).
  if (!chromium) throw new Error('no Chromium found for the bare-Chromium row');
  const marpDeck = join(out, 'marp.md');
  await writeFile(marpDeck, marpMarkdown(20));
  // Marp prints with the browser briefdeck prints with; as root it needs the sandbox off, as briefdeck does.
  const marp = (...args) => run(process.execPath, [marpCli, marpDeck, '--no-config-file', '--browser', 'chrome', '--browser-path', shell ?? chromium, ...args]);
  const bareRun = (browser, file) => () => run(browser, ['--headless', '--no-sandbox', '--disable-gpu', `--print-to-pdf=${join(out, file)}`, pathToFileURL(trivial).href]);
  const timed = await medians(
    runs,
    bareRun(chromium, 'bare.pdf'),
    () => briefdeck('pdf', twenty, '--out', join(out, 'twenty.pdf'), '--quiet'),
    ...(shell ? [bareRun(shell, 'bare-shell.pdf')] : []),
    ...(marpInstalled ? [() => marp('--pdf', '-o', join(out, 'marp.pdf'))] : []),
  );
  const [bare, pdf20] = timed;
  const bareShell = shell ? timed[2] : undefined;
  const marpPdf = marpInstalled ? timed.at(-1) : undefined;
  rows.push(ratioRow('20-slide `pdf`, whole command / bare headless Chromium printing a trivial page to PDF', pdf20, bare, 1.5));
  // Not a target: against the browser briefdeck prints with, printing a trivial page with nothing around it.
  if (bareShell) rows.push(['20-slide `pdf` / bare Chromium headless shell (the browser briefdeck prints with) printing a trivial page', `${s(pdf20.seconds)} / ${s(bareShell.seconds)}`, `${(pdf20.seconds / bareShell.seconds).toFixed(2)}x`, 'reported', '—']);
  if (marpPdf) rows.push(ratioRow('20-slide `pdf` / Marp CLI PDF of the same content', pdf20, marpPdf, 0.5));
  else rows.push(['20-slide `pdf` / Marp CLI PDF of the same content', '—', '—', '≤ 0.5x', marpSkipped]);

  // 2. build (HTML only) against Marp's HTML, and the CLI's start-up against node itself.
  const [build20, node0, version, help, marpHtml] = await medians(
    runs,
    () => briefdeck('build', twenty, '--out', join(out, 'html'), '--quiet'),
    () => run(process.execPath, ['-e', '0']),
    () => run(process.execPath, ['bin/briefdeck.js', '--version']),
    () => run(process.execPath, ['bin/briefdeck.js', '--help']),
    ...(marpInstalled ? [() => run(process.execPath, [marpCli, marpDeck, '--no-config-file', '-o', join(out, 'marp.html')])] : []),
  );
  if (marpHtml) rows.push(ratioRow('20-slide `build` (HTML only), whole command / Marp CLI HTML', build20, marpHtml, 0.35));
  else rows.push(['20-slide `build` (HTML only), whole command / Marp CLI HTML', `${s(build20.seconds)} / —`, '—', '≤ 0.35x', marpSkipped]);
  for (const [flag, cli] of [['--version', version], ['--help', help]]) {
    const over = cli.seconds - node0.seconds;
    rows.push([`\`briefdeck ${flag}\` / \`node -e 0\``, `${s(cli.seconds)} / ${s(node0.seconds)}`, `+${over.toFixed(2)} s`, '≤ +0.1 s', verdict(over <= 0.1)]);
  }

  // 3. Every audience of the sample deck, HTML and PDF in one command, against one audience's (staff, the largest).
  // Five each, not three: the ratio of this row sits near its goal, and a median of three
  // moved it by 0.03 from one run of the bench to the next.
  const long = Math.min(runs, 5);
  const [all, one] = await medians(
    long,
    () => briefdeck('build', sample, '--pdf', '--out', join(out, 'all'), '--quiet'),
    () => briefdeck('build', sample, '--pdf', '-a', 'staff', '--out', join(out, 'one'), '--quiet'),
  );
  rows.push(ratioRow(`${sample}: all four audiences, HTML + PDF, one command / staff alone`, all, one, 1.5));

  // 4. A 200-slide deck's PDF against the 20-slide deck's; memory.
  const [pdf200, again20] = await medians(
    long,
    () => briefdeck('pdf', big, '--out', join(out, 'big.pdf'), '--quiet'),
    () => briefdeck('pdf', twenty, '--out', join(out, 'twenty.pdf'), '--quiet'),
  );
  rows.push(ratioRow('201-slide `pdf` / 20-slide `pdf`, whole commands', pdf200, again20, 3));
  const nodePeak = Math.max(pdf200.nodeRss, all.nodeRss);
  rows.push(['peak Node RSS (201-slide PDF; all four audiences)', `${mb(pdf200.nodeRss)}; ${mb(all.nodeRss)}`, mb(nodePeak), '≤ 200 MB', verdict(nodePeak <= 200 * 1024 * 1024)]);
  rows.push(['peak Chromium memory (all its processes, sampled every 0.2 s; 201-slide PDF; all four audiences)', `${mb(pdf200.childPeak)}; ${mb(all.childPeak)}`, '—', 'reported', '—']);
} finally {
  await rm(out, { recursive: true, force: true });
}

const load = (l) => l.map((n) => n.toFixed(2)).join(', ');
process.stdout.write(
  `Targets of issue 19 (medians of ${runs} whole commands, ${Math.min(runs, 5)} for the sample-deck and 201-slide rows; the commands a ratio compares run in turn), ` +
    `load average ${load(loadBefore)} at the start, ${load(loadavg())} at the end (1, 5, 15 min), ${(await import('node:os')).availableParallelism()} CPUs:\n\n` +
    `| target | medians | ratio | goal | result |\n| --- | --- | --- | --- | --- |\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n\n`,
);

/** The same slides as generateDeck, as Marp markdown: a title slide, a heading slide per part, notes as comments. */
function marpMarkdown(count) {
  const pages = ['# Generated deck\n\n2024-06-01'];
  const slides = count - 1 - Math.ceil((count - 1) / 11);
  for (let i = 1; i <= slides; i++) {
    if (i % 10 === 1) pages.push(`# Part ${Math.ceil(i / 10)}`);
    pages.push(`## Slide ${i}\n\n- A first point about item ${i}.\n- A second point, with **bold** text.\n- A third point.\n\n<!-- Notes for slide ${i}. -->`);
  }
  return `---\nmarp: true\nsize: 16:9\n---\n\n${pages.join('\n\n---\n\n')}\n`;
}

/** A deck of `count` slides in sections of ten (the same generator as bench/run.js). */
async function generateDeck(dir, count) {
  await mkdir(dir, { recursive: true });
  let md = '---\ntitle: Generated brief\ndate: 2024-06-01\n---\n';
  const slides = count - 1 - Math.ceil((count - 1) / 11);
  for (let i = 1; i <= slides; i++) {
    if (i % 10 === 1) md += `\n# Part ${Math.ceil(i / 10)}\n`;
    md += `\n## Slide ${i}\n\n- A first point about item ${i}.\n- A second point, with **bold** text.\n- A third point.\n\n::: notes\nNotes for slide ${i}.\n:::\n`;
  }
  await writeFile(join(dir, 'brief.md'), md);
  await writeFile(join(dir, 'deck.yaml'), 'title: Generated deck\ndate: 2024-06-01\nbriefs: [brief.md]\naudiences: [{ name: everyone, detail: deep, agenda: false }]\n');
}
