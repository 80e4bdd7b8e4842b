// npm run stress: the denial-of-service table of the security review (README, Security),
// rerun. Each row writes one hostile input under the 5 MB limit, runs the real CLI on it
// in a child process and prints its time against the target, what the CLI said (exit code,
// how many lines of messages) and whether the row is within target. A row that runs past
// `stop` seconds is killed and shown as such, so the table always finishes.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';

const bin = join(import.meta.dirname, '..', 'bin', 'briefdeck.js');
const target = 2; // seconds, every row
const stop = Number(process.env.STRESS_STOP_SECONDS) || 60; // seconds before a row is killed
const work = await mkdtemp(join(tmpdir(), 'briefdeck-stress-'));
const head = (extra = '') => `---\ntitle: Stress\n${extra}---\n\n`;

/** A PNG of the given size whose header says so; the pixels are one deflated row repeated (small on disk). */
function hugePng(width, height) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth 1
  ihdr[9] = 0; // greyscale
  const row = Buffer.alloc(1 + Math.ceil(width / 8)); // filter byte + one bit per pixel
  const raw = Buffer.alloc(row.length * height); // zeros: deflates to a few hundred KB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

const rows = [
  {
    input: '50,000 front-matter keys',
    files: () => ({ 'brief.md': head(Array.from({ length: 50_000 }, (_, i) => `key${i}: value\n`).join('')) + '## One\n\n- point\n' }),
  },
  {
    input: '3,000 unknown citations (3,000 sources declared)',
    files: () => {
      const sources = Array.from({ length: 3000 }, (_, i) => `  - id: source-${i}\n    title: Source ${i}\n`).join('');
      const cites = Array.from({ length: 3000 }, (_, i) => `- claim [@missing-${i}-x]\n`).join('');
      return { 'brief.md': head(`sources:\n${sources}`) + `## Claims\n\n${cites}` };
    },
  },
  { input: '<div> then 200,000 "<a"', files: () => ({ 'brief.md': head() + `## Html\n\n<div>${'<a'.repeat(200_000)}\n` }) },
  { input: '<div> then 100,000 "<!--"', files: () => ({ 'brief.md': head() + `## Html\n\n<div>${'<!--'.repeat(100_000)}\n` }) },
  { input: 'a heading with 100,000 spaces before "{"', files: () => ({ 'brief.md': head() + `## Title${' '.repeat(100_000)}x {#t}\n\n- point\n` }) },
  { input: 'a heading ending in 100,000 spaces then "#x"', files: () => ({ 'brief.md': head() + `## Title${' '.repeat(100_000)}#x {#t}\n\n- point\n` }) },
  { input: 'a citation locator with 100,000 spaces', files: () => ({ 'brief.md': head('sources:\n  - id: a\n    title: A\n') + `## Cite\n\n- claim [@a, p.${' '.repeat(100_000)}x]\n` }) },
  {
    input: 'a list item with 100,000 spaces before its attributes',
    files: () => ({ 'brief.md': head() + `## Judgments {layout=bluf}\n\n- Japan will spend more${' '.repeat(100_000)}x {confidence=high}\n` }),
  },
  { input: '20,000 slides with the same title', files: () => ({ 'brief.md': head() + '## Same\n\n'.repeat(20_000) }) },
  {
    input: 'a 20000x20000 PNG',
    pdf: true,
    files: () => ({ 'brief.md': head() + '## Map {layout=image}\n\n![A map](map.png)\n', 'map.png': hugePng(20_000, 20_000) }),
  },
];

const table = [];
let failures = 0;
try {
  for (const [i, row] of rows.entries()) {
    const dir = join(work, `case-${i}`);
    let bytes = 0;
    for (const [name, content] of Object.entries(row.files())) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), content);
      bytes += Buffer.byteLength(content);
    }
    const args = row.pdf ? ['pdf', join(dir, 'brief.md'), '--out', join(dir, 'out.pdf')] : ['build', join(dir, 'brief.md'), '--out', join(dir, 'out')];
    const started = performance.now();
    const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: stop * 1000, maxBuffer: 512 * 1024 * 1024 });
    const seconds = (performance.now() - started) / 1000;
    const lines = (run.stderr ?? '').split('\n').filter(Boolean).length;
    const killed = run.signal !== null;
    const ok = !killed && seconds < target;
    if (!ok) failures++;
    const said = killed ? `killed after ${stop} s` : `exit ${run.status}, ${lines} line(s) on stderr`;
    table.push([row.input, `${(bytes / 1024).toFixed(0)} KB`, `${seconds.toFixed(2)} s`, `< ${target} s`, said, ok ? 'ok' : 'OVER']);
    process.stderr.write(`${row.input}: ${seconds.toFixed(2)} s\n`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
const header = ['input', 'input size', 'time', 'target', 'what the CLI said', 'within target'];
process.stdout.write(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|\n${table.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
process.exitCode = failures ? 1 : 0;
