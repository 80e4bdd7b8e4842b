import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { repoRoot, tempDir } from './helpers.js';
import { renderBriefText, templates } from './pure-deck.js';
import { imageSize, maxImagePixels } from '../src/load/image-size.js';
import { limitProblems } from '../src/kernel/problem-limit.js';
import type { Problem } from '../src/kernel/problem.js';

/**
 * The denial-of-service table of the security review (README, Security; `npm run stress`
 * times it). Each case runs the real CLI in a child process and asserts what the user gets:
 * bounded messages, a refusal, the right output. No speed is asserted; a run that does not
 * end (the quadratic regexes and loops took 16 s to minutes) is killed at `killAfter`, ten
 * times the 2 s target, and fails. (In process, a runaway regex would block vitest's own
 * timeout.)
 */
const killAfter = 20_000;
const bound = { timeout: killAfter + 10_000 };
const head = (extra = '') => `---\ntitle: Stress\n${extra}---\n\n`;
let dir: string;
let cleanup: () => Promise<void>;
let set: Awaited<ReturnType<typeof templates>>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('briefdeck-dos-'));
  set = await templates();
});
afterAll(() => cleanup());

/** Builds a brief with the real CLI in a child process; `html` is the built deck, if any. */
async function build(name: string, files: Record<string, string | Buffer>) {
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) await writeFile(join(folder, file), content);
  const bin = join(repoRoot, 'bin/briefdeck.js');
  const run = await new Promise<{ code: number | null; signal: string | null; err: string }>((done) => {
    const child = execFile(process.execPath, [bin, 'build', join(folder, 'brief.md'), '--out', join(folder, 'out'), '--quiet'], { timeout: killAfter, maxBuffer: 64 * 1024 * 1024 }, (error, _out, err) =>
      done({ code: child.exitCode, signal: child.signalCode, err }),
    );
  });
  expect(run.signal, `${name}: the CLI did not end within ${killAfter / 1000} s and was killed`).toBeNull();
  const html = await readFile(join(folder, 'out/brief/default/index.html'), 'utf8').catch(() => '');
  return { ...run, html, lines: run.err.split('\n').filter(Boolean) };
}

/** A PNG whose header says width x height; its pixels deflate to almost nothing. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1;
  const raw = deflateSync(Buffer.alloc((1 + Math.ceil(width / 8)) * Math.min(height, 64)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', raw), chunk('IEND', Buffer.alloc(0))]);
}

describe('hostile briefs under the 5 MB limit', () => {
  it('50,000 front-matter keys: 50 warnings, then one line counting the rest', bound, async () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `key${i}: value\n`).join('');
    const { code, lines } = await build('keys', { 'brief.md': head(keys) + '## One\n\n- point\n' });
    expect(code).toBe(0);
    expect(lines).toHaveLength(51);
    expect(lines[0]).toMatch(/brief\.md:3: warning: unknown key "key0" in front matter/);
    expect(lines[50]).toMatch(/keys\/brief\.md: warning: and 49,950 more warnings of this kind \(the first 50 are listed\): unknown key "…" in front matter$/);
  });

  it('a key given twice is still an error at its line, found without yaml\'s quadratic check', bound, async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `key${i}: value\n`).join('');
    const { code, err } = await build('dup', { 'brief.md': head(`${keys}key7: again\n`) + '## One\n\n- point\n' });
    expect(code).toBe(1);
    expect(err).toContain('brief.md:20003: invalid YAML in front matter: key "key7" is given twice (first on line 10)');
  });

  it('3,000 unknown citations: 50 short errors, then a count; known ids are not all listed', bound, async () => {
    const sources = Array.from({ length: 3000 }, (_, i) => `  - id: source-${i}\n    title: Source ${i}\n`).join('');
    const cites = Array.from({ length: 3000 }, (_, i) => `- claim [@missing-${i}-x]\n`).join('');
    const { code, lines } = await build('cites', { 'brief.md': head(`sources:\n${sources}`) + `## Claims\n\n${cites}` });
    expect(code).toBe(1);
    expect(lines).toHaveLength(51);
    expect(lines[0]).toMatch(/brief\.md:6008: unknown source id "@missing-0-x" \(known: source-0, source-1, .* and 2990 more\)$/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(400);
    expect(lines[50]).toMatch(/brief\.md: and 2,950 more errors of this kind \(the first 50 are listed\): unknown source id "…"$/);
  });

  it('a near miss among many sources is still suggested', async () => {
    const sources = Array.from({ length: 100 }, (_, i) => `  - id: report-${i}\n    title: Report ${i}\n`).join('');
    expect(() => renderBriefText(head(`sources:\n${sources}`) + '## C\n\n- x [@reprot-42]\n', set)).toThrow(/unknown source id "@reprot-42" \(did you mean "report-42"\?\)/);
  });

  it('<div> then 200,000 "<a", and 100,000 unclosed "<!--"', bound, async () => {
    const tags = await build('tags', { 'brief.md': head() + `## Html\n\n<div>${'<a'.repeat(200_000)}\n\n## After\n` });
    expect(tags.code).toBe(0);
    expect(tags.html).toContain('<section id="after"');
    const comments = await build('comments', { 'brief.md': head() + `## Html\n\n<div>${'<!--'.repeat(100_000)}\n\n## After\n` });
    expect(comments.code).toBe(0);
    expect(comments.html).toContain('<section id="html"');
  });

  it('a heading with 100,000 spaces before its attributes keeps them', bound, async () => {
    const { html } = await build('heading', { 'brief.md': head() + `## Title${' '.repeat(100_000)}x {#t}\n\n- point\n` });
    expect(html).toMatch(/<section id="t"/);
    const closing = (await build('closing', { 'brief.md': head() + `## Title${' '.repeat(100_000)}#x {#u}\n\n## Closed ## {#v}\n` })).html;
    expect(closing).toMatch(/<section id="u"/);
    expect(closing).toMatch(/<h2[^>]*>Closed<\/h2>/);
  });

  it('a citation locator with 100,000 spaces reads trimmed', bound, async () => {
    const { html } = await build('locator', { 'brief.md': head('sources:\n  - id: a\n    title: A\n') + `## Cite\n\n- claim [@a, p.${' '.repeat(100_000)}x]\n` });
    expect(html).toMatch(/<span class="cite-locator">, p\. +x<\/span>/);
  });

  it('a list item with 100,000 spaces before its attributes keeps them', bound, async () => {
    const { html } = await build('item', { 'brief.md': head() + `## Judgments {layout=bluf}\n\n- Japan will spend more${' '.repeat(100_000)}x {confidence=high}\n` });
    expect(html).toContain('bd-confidence-high');
  });

  it('20,000 slides with the same title get ids same, same-2 ... same-20000', bound, async () => {
    const { html } = await build('same', { 'brief.md': head() + '## Same\n\n'.repeat(20_000) });
    expect(html.match(/<section id="same/g)).toHaveLength(20_000);
    expect(html).toContain('<section id="same-20000"');
    expect(html).not.toContain('same-20001');
  });
});

describe('images are refused above a pixel limit read from their header', () => {
  it('a 20000 x 20000 PNG (a few hundred KB on disk) is an error at its line; 800 x 600 builds', bound, async () => {
    const brief = head() + '## Map {layout=image}\n\n![A map](map.png)\n';
    const huge = await build('huge', { 'brief.md': brief, 'map.png': png(20_000, 20_000) });
    expect(huge.code).toBe(1);
    expect(huge.err).toContain('brief.md:7: image "map.png" is 20000 x 20000 pixels; the limit is 40 million pixels (8000 x 5000): scale it down');
    const fine = await build('fine', { 'brief.md': brief, 'map.png': png(800, 600) });
    expect(fine.code).toBe(0);
  });

  it('reads the size of PNG, GIF, WebP and JPEG headers', () => {
    expect(imageSize(png(20_000, 3), 'image/png')).toEqual({ width: 20_000, height: 3 });
    const gif = Buffer.from('GIF89a\x40\x1f\x10\x00', 'latin1');
    expect(imageSize(gif, 'image/gif')).toEqual({ width: 8000, height: 16 });
    const vp8x = Buffer.alloc(30);
    vp8x.write('RIFF', 0, 'latin1');
    vp8x.write('WEBPVP8X', 8, 'latin1');
    vp8x.writeUIntLE(9999, 24, 3);
    vp8x.writeUIntLE(4999, 27, 3);
    expect(imageSize(vp8x, 'image/webp')).toEqual({ width: 10_000, height: 5000 });
    // SOI, an APP0 segment, then SOF0 with height 7000 and width 9000.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x1b, 0x58, 0x23, 0x28, 0x03]);
    expect(imageSize(Buffer.concat([jpeg, Buffer.alloc(16)]), 'image/jpeg')).toEqual({ width: 9000, height: 7000 });
    expect(9000 * 7000).toBeGreaterThan(maxImagePixels);
    expect(imageSize(Buffer.from('<svg/>'), 'image/svg+xml')).toBeUndefined();
  });
});

describe('limitProblems', () => {
  const p = (message: string, severity: Problem['severity'] = 'error'): Problem => ({ file: 'b.md', line: 1, message, severity });
  it('keeps 50 of a kind, counts the rest, and leaves other kinds alone', () => {
    const list = [...Array.from({ length: 120 }, (_, i) => p(`unknown source id "@x${i}" (known: a, b)`)), p('a slide heading needs a title'), p('unknown layout "y"', 'warning')];
    const limited = limitProblems(list);
    expect(limited).toHaveLength(53);
    expect(limited.filter((q) => q.message.startsWith('unknown source id'))).toHaveLength(50);
    expect(limited.at(-1)).toEqual({ file: 'b.md', severity: 'error', message: 'and 70 more errors of this kind (the first 50 are listed): unknown source id "…"' });
    expect(limitProblems(list.slice(0, 50))).toHaveLength(50);
  });
});
