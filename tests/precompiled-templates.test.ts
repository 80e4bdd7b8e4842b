import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { briefWith, renderBriefText } from './pure-deck.js';
import { repoRoot } from './helpers.js';
import { loadTemplateSet, type TemplateSet } from '../src/load/template-set.js';

/**
 * Built-in templates compiled when briefdeck is built (scripts/precompile-templates.js). From
 * source the table is empty; here it is filled by hand, so a test can tell which compiled
 * template a render used.
 */
const table = vi.hoisted(() => new Map<string, { text: string; spec: TemplateSpecification }>());
vi.mock('../src/render/html/precompiled-templates.js', () => ({ precompiledTemplates: table }));

const compiledFrom = (source: string) => Handlebars.precompile(source, { strict: true, noEscape: false }) as unknown as string;
// The compiled form is JavaScript source, as in the built table.
const spec = (source: string) => new Function(`return ${compiledFrom(source)};`)() as TemplateSpecification;

let set: TemplateSet;
beforeEach(async () => {
  table.clear();
  set = await loadTemplateSet(); // a set of its own each time: its compiled templates are kept per set
});

describe('built-in templates compiled when briefdeck is built', () => {
  it('renders a built-in template from its compiled form while its text is the one compiled', () => {
    const title = set.layouts.get('title')!;
    table.set('layouts/title.hbs', { text: title.text, spec: spec('<section id="{{slide.id}}">compiled at build time</section>') });
    expect(renderBriefText(briefWith('A point.'), set).html).toContain('compiled at build time');
  });

  it('compiles a template whose file changed since the build, rather than use its stale form', () => {
    const title = set.layouts.get('title')!;
    table.set('layouts/title.hbs', { text: `${title.text}<!-- before an edit -->`, spec: spec('<section>stale</section>') });
    const { html } = renderBriefText(briefWith('A point.'), set);
    expect(html).not.toContain('stale');
    expect(html).toContain('A point.');
  });

  it('never uses the table for a house template, even one with the same name and text', () => {
    const title = set.layouts.get('title')!;
    set.layouts.set('title', { ...title, house: { dir: '/house', output: 'house' } });
    table.set('layouts/title.hbs', { text: title.text, spec: spec('<section>built in</section>') });
    expect(renderBriefText(briefWith('A point.'), set).html).not.toContain('built in');
  });

  it('the table `npm run build` wrote holds every built-in template, with its text as shipped', async () => {
    const built = (await import(join(repoRoot, 'dist/render/html/precompiled-templates.js'))) as { precompiledTemplates: Map<string, { text: string }> };
    const templates = join(repoRoot, 'templates');
    const files = (await readdir(templates, { recursive: true })).filter((name) => name.endsWith('.hbs')).sort();
    expect(files.length).toBeGreaterThan(15);
    expect([...built.precompiledTemplates.keys()].sort()).toEqual(files);
    for (const name of files) expect(built.precompiledTemplates.get(name)!.text, name).toBe(await readFile(join(templates, name), 'utf8'));
  });
});
