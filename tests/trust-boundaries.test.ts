import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, pdfPages, repoRoot, tempDir } from './helpers.js';
import { renderBriefText, slideBody, briefWith, templates } from './pure-deck.js';
import { buildDecks } from '../src/commands/pipeline.js';

/**
 * Trust boundaries from the security review. A manifest's `templates:` folder is trusted
 * code, but during export what it runs reaches nothing (no WebSocket, no popup, no request
 * outside the deck) and the build names the folder; the handout carries a
 * Content-Security-Policy; a raw <img> with an absolute or file: path never reaches the HTML.
 */
let dir: string;
let cleanup: () => Promise<void>;
let server: Server;
let port: number;
const hits: string[] = [];
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('briefdeck-trust-'));
  server = createServer((req, res) => {
    hits.push(`http ${req.url}`);
    res.end('probe');
  });
  server.on('upgrade', (req, socket) => {
    hits.push(`upgrade ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.close();
  await cleanup();
});

describe('a manifest-chosen template during export', () => {
  it('reaches no loopback probe by WebSocket (a worker’s too), window.open or a target=_blank link; the PDF is written and the blocks reported', async () => {
    const deck = join(dir, 'hostile');
    await mkdir(join(deck, 'house'), { recursive: true });
    const shell = await readFile(join(repoRoot, 'templates/deck.hbs'), 'utf8');
    // The hostile shell drops the deck's own Content-Security-Policy, so only export stops it.
    // A web worker's WebSocket too: the page's own guard does not reach a worker, only the browser's "no network" does.
    const probe = `<script>
      try { new WebSocket('ws://127.0.0.1:${port}/socket'); } catch (e) {}
      try { new Worker(URL.createObjectURL(new Blob(["new WebSocket('ws://127.0.0.1:${port}/worker')"], { type: 'text/javascript' }))); } catch (e) {}
      try { window.open('http://127.0.0.1:${port}/popup'); } catch (e) {}
      var a = document.createElement('a'); a.href = 'http://127.0.0.1:${port}/blank'; a.target = '_blank'; document.body.appendChild(a); a.click();
    </script></body>`;
    const hostile = shell.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '').replace('</body>', probe);
    expect(hostile).not.toContain('Content-Security-Policy');
    await writeFile(join(deck, 'house', 'deck.hbs'), hostile);
    await writeFile(join(deck, 'brief.md'), '---\ntitle: Hostile template\n---\n\n## Probe\n\n- nothing should leave\n');
    await writeFile(join(deck, 'deck.yaml'), 'title: Hostile\nbriefs: [brief.md]\ntemplates: house\n');
    // With the browser briefdeck finds (the headless shell, where installed), and with Chrome itself.
    for (const browser of [[], ...(existsSync('/usr/bin/chromium') ? [['--browser', '/usr/bin/chromium']] : [])]) {
      const pdf = join(dir, 'hostile.pdf');
      const r = await cli('pdf', deck, '--out', pdf, ...browser);
      expect(r.code, r.err).toBe(0);
      // Give a connection the page tried a moment to arrive, were it not blocked.
      await new Promise((done) => setTimeout(done, 500));
      expect(hits).toEqual([]);
      expect(pdfPages(pdf).join('\n')).toContain('nothing should leave');
      expect(r.err).toMatch(new RegExp(`warning: blocked a request outside the deck: WebSocket ws://127\\.0\\.0\\.1:${port}/socket`));
      expect(r.err).toMatch(new RegExp(`warning: blocked a request outside the deck: window\\.open http://127\\.0\\.0\\.1:${port}/popup`));
      expect(r.err).toMatch(new RegExp(`warning: blocked a request outside the deck: popup http://127\\.0\\.0\\.1:${port}/blank`));
    }
  });

  it('build names the templates folder a manifest chose', async () => {
    const deck = join(dir, 'named');
    await mkdir(join(deck, 'house'), { recursive: true });
    await writeFile(join(deck, 'house', 'deck.hbs'), await readFile(join(repoRoot, 'templates/deck.hbs'), 'utf8'));
    await writeFile(join(deck, 'brief.md'), '---\ntitle: Named\n---\n\n## One\n\n- a point\n');
    await writeFile(join(deck, 'deck.yaml'), 'title: Named\nbriefs: [brief.md]\ntemplates: house\n');
    const r = await cli('build', deck, '--out', join(dir, 'named-out'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`named: templates from ${join(deck, 'house')} (chosen by `);
    expect(r.err).toContain('templates are trusted code');
    const plain = await cli('build', join(deck, 'brief.md'), '--out', join(dir, 'plain-out'));
    expect(plain.err).not.toContain('templates from');
  });
});

describe('the handout', () => {
  it('carries a Content-Security-Policy (no script, no remote load), and what printing it blocked is reported', async () => {
    const brief = join(dir, 'handout.md');
    await writeFile(brief, `---\ntitle: Handout\n---\n\n## One\n\n- a point\n\n![remote](http://127.0.0.1:${port}/handout.png)\n\n::: notes\nsay this\n:::\n`);
    const out = join(dir, 'handout-out');
    await buildDecks(brief, { out, handout: true });
    const html = await readFile(join(out, 'handout/default/handout.html'), 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'none';[^"]*img-src 'self' data:;[^"]*connect-src 'none'/);
    expect(html).not.toMatch(/<script/);
    const r = await cli('pdf', brief, '--handout', '--out', join(out, 'h.pdf'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(new RegExp(`handout\\.html: warning: blocked a request outside the deck: http://127\\.0\\.0\\.1:${port}/handout\\.png`));
    expect(hits.filter((h) => h.includes('handout'))).toEqual([]);
  });
});

describe('raw <img> with a path on the reader\'s disk', () => {
  it.each(['/etc/briefdeck/secret.png', 'file:///etc/briefdeck/secret.png', 'C:\\\\secret.png', '\\\\\\\\server\\\\secret.png'])('src="%s" is removed, with a warning at its line', async (src) => {
    const r = renderBriefText(briefWith(`Before <img src="${src}" alt="a chart"> after`), await templates());
    const body = slideBody(r.html);
    expect(body).toContain('alt="a chart"');
    expect(body).not.toContain('secret.png');
    expect(r.problems.warnings.map((w) => `${w.line}: ${w.message}`).join('\n')).toMatch(/^7: src=".*" on <img> is removed: /m);
  });

  it('a relative raw <img> is left alone', async () => {
    const r = renderBriefText(briefWith('<img src="figures/chart.png" alt="c">'), await templates());
    expect(slideBody(r.html)).toContain('src="figures/chart.png"');
  });
});
