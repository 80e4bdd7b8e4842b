import { describe, expect, it } from 'vitest';
import { renderBriefText, templates } from './pure-deck.js';
import { reservedIdReason } from '../src/parse/slide-id.js';

/** Ids briefdeck generates cannot be taken by a slide: an explicit one is an error at its line. */
const brief = (heading: string) => `---\ntitle: Ids\nsources:\n  - id: hornung\n    title: A source\n---\n\n## First\n\n- cites [@hornung]\n\n${heading}\n\n- text\n`;

describe('reserved slide ids', () => {
  it.each(['sources', 'sources-2', 'title', 'agenda', 'briefdeck-config', 'source-hornung', 'handout-first'])('{#%s} is an error at the heading', async (id) => {
    const set = await templates();
    expect(() => renderBriefText(brief(`## Mine {#${id}}`), set)).toThrow(new RegExp(`^brief\\.md:12: slide id "#${id}" is reserved: briefdeck uses it for .+; pick another id$`));
  });

  it('a title that would make a reserved id gets slide- in front, so citation links still reach the source', async () => {
    const { html } = renderBriefText(brief('## Sources\n\n- mine\n\n## Source Hornung\n\n## Title'), await templates());
    expect(html).toContain('<section id="slide-sources"');
    expect(html).toContain('<section id="slide-source-hornung"');
    expect(html).toContain('<section id="slide-title"');
    expect(html.match(/id="source-hornung"/g)).toHaveLength(1);
    expect(html.match(/id="sources"/g)).toHaveLength(1);
  });

  it('names what each reserved id is for, and leaves ordinary ids alone', () => {
    expect(reservedIdReason('sources-12')).toBe('the generated Sources slides');
    expect(reservedIdReason('briefdeck-problems')).toBe("the page's own elements");
    expect(reservedIdReason('sources-of-funding')).toBeUndefined();
    expect(reservedIdReason('titles')).toBeUndefined();
  });
});
