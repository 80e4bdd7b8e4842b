import { beforeAll, describe, expect, it } from 'vitest';
import { renderBriefText, templates } from './pure-deck.js';
import { maxInputBytes } from '../src/load/text-file.js';

/**
 * Pathological briefs through the pure stages (front matter, parse, plan, render) must
 * finish: vitest's testTimeout bounds each case, so a runaway regex or recursion fails
 * the test instead of hanging. No timing is asserted.
 */
const head = '---\ntitle: Pathological\n---\n\n';
let templates_: Awaited<ReturnType<typeof templates>>;
beforeAll(async () => void (templates_ = await templates()));

describe('pathological briefs finish', () => {
  it('5000 levels of nested lists, quotes and both: a clear error at the line, not a stack overflow', async () => {
    const set = await templates();
    const cases = [
      Array.from({ length: 5000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n'),
      `${'- '.repeat(5000)}deep`,
      `${'> '.repeat(5000)}deep`,
      `${'> 1. '.repeat(2500)}deep`,
    ];
    for (const nested of cases) {
      expect(() => renderBriefText(`${head}## Deep\n\n${nested}\n`, set)).toThrow(/brief\.md:(?:7|57): lists or quotes nested about \d+ levels deep; briefdeck reads at most 50/);
    }
  });

  it('40 levels of nesting still render', async () => {
    const nested = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const r = renderBriefText(`${head}## Deep\n\n${nested}\n\n${'> '.repeat(40)}quote\n`, await templates());
    expect(r.html).toContain('level 39');
    expect(r.html.match(/<blockquote>/g)).toHaveLength(40);
  });

  it('5000 levels of raw HTML', async () => {
    const divs = `${'<div>'.repeat(5000)}deep html${'</div>'.repeat(5000)}`;
    const r = renderBriefText(`${head}## Divs\n\n${divs}\n`, await templates());
    expect(r.html).toContain('deep html');
  });

  it('a 5 MB brief of paragraphs without headings', async () => {
    const r = renderBriefText(`${head}## One slide\n\n${'A short paragraph.\n\n'.repeat(250_000)}`, await templates());
    expect(r.slides).toBeGreaterThanOrEqual(1);
  });

  it('a brief just under the 5 MB limit', async () => {
    const slide = (i: number) => `## Slide ${i}\n\n- A judgment about the alliance, number ${i}, with some *emphasis* and a [link](https://example.org/${i}).\n${'Filler text for a long paragraph. '.repeat(40)}\n\n`;
    let body = '';
    for (let i = 0; body.length < maxInputBytes - 4000; i++) body += slide(i);
    const text = head + body;
    expect(Buffer.byteLength(text)).toBeLessThan(maxInputBytes);
    const r = renderBriefText(text, await templates());
    expect(r.slides).toBeGreaterThan(1000);
  });

  it('a 100,000-character line, of words and of unbroken symbols', async () => {
    const words = 'word '.repeat(20_000);
    const symbols = '*_[`<!'.repeat(17_000);
    const r = renderBriefText(`${head}## Long\n\n${words}\n\n${symbols}\n\n[${'['.repeat(50_000)}\n`, await templates());
    expect(r.html).toContain('word word');
  });

  it('a 3.75 MB line of inline HTML', async () => {
    const r = renderBriefText(`${head}## Spans\n\n${'<span class="x">a</span> '.repeat(150_000)}\n`, await templates());
    expect(r.html).toContain('<span class="x">a</span>');
  });

  it('100,000 unclosed "::: notes" blocks inside each other: a clear error at the first nested one', async () => {
    const nested = /^brief\.md:9: a "::: " block cannot open inside "::: notes"/;
    expect(() => renderBriefText(`${head}## Notes\n\n${'::: notes\nx\n'.repeat(100_000)}`, templates_)).toThrow(nested);
    // Closed at the end too: still refused at line 9, each stray ":::" reported, nothing read twice.
    const closed = `${head}## Notes\n\n${'::: notes\nx\n'.repeat(100_000)}${':::\n'.repeat(100_000)}`;
    expect(() => renderBriefText(closed, templates_)).toThrow(nested);
    expect(() => renderBriefText(closed, templates_)).toThrow(/brief\.md:200008: a ":::" line with no block open/);
  });

  it('notes holding a nested block are refused; notes beside each other still read', async () => {
    expect(() => renderBriefText(`${head}## N\n\n::: notes\nsay this\n::: {.aside}\nx\n:::\n:::\n`, templates_)).toThrow(/brief\.md:9: a "::: " block cannot open inside/);
    const r = renderBriefText(`${head}## N\n\nText.\n\n::: notes\nfirst\n:::\n\n::: notes\nsecond\n:::\n`, templates_);
    expect(r.html).toContain('first');
    expect(r.html).toContain('second');
  });

  it('3000 slides', async () => {
    const body = Array.from({ length: 3000 }, (_, i) => `## Slide ${i} {#s${i}}\n\n- point ${i}\n`).join('\n');
    const r = renderBriefText(head + body, await templates());
    expect(r.slides).toBeGreaterThanOrEqual(3000);
    expect(r.html).toContain('id="s2999"');
  });

  it('many citations and attributes on one line', async () => {
    const fm = '---\ntitle: Cites\nsources:\n  - id: a\n    title: A source\n---\n\n';
    const r = renderBriefText(`${fm}## Cites ${'{'.repeat(2000)}\n\n${'[@a] '.repeat(20_000)}\n`, await templates());
    expect(r.html).toContain('cite-ref');
  });
});
