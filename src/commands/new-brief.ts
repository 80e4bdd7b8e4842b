import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadTemplateSet } from '../load/template-set.js';
import { BriefdeckError } from '../kernel/problem.js';

/**
 * One example slide per layout, in the syntax the README documents. Layouts without a
 * template in this installation are left out; `image` is left out because it needs a
 * picture of the analyst's own.
 */
const examples: [layout: string, markdown: string][] = [
  ['bluf', `## Bottom line up front {layout=bluf}\n\n- State the key judgment first, in one sentence [@example-report] {estimate="likely" confidence=moderate}\n- A second judgment, with how sure you are [@example-report] {estimate="very likely" confidence=high}\n\n::: notes\nWhat to say aloud, and which claims rest on one source only.\n:::\n`],
  ['figures', `## Key figures {layout=figures}\n\n- **2%** of GDP: the spending goal [@example-report]\n- **400** units on order [@example-report]\n- **70+** initiatives announced [@example-data]\n`],
  ['timeline', `## How we got here {layout=timeline}\n\n- **1951** The founding agreement [@example-report]\n- **1997** Guidelines revised [@example-report]\n- **2024** The latest summit [@example-data]\n`],
  ['quote', `## In their words {layout=quote}\n\n> A short quotation that captures the position.\n>\n> — A. Speaker, title, date [@example-report]\n`],
  ['comparison', `## Two positions {layout=comparison}\n\n### Side A\n- What A wants [@example-report]\n- What A fears\n\n### Side B\n- What B wants [@example-data]\n- What B fears\n`],
  ['table', `## The numbers checked {layout=table}\n\n| Item | Value | Unit |\n|---|---|---|\n| Spending goal | 2 | % of GDP |\n| Units on order | 400 | units |\n\nSource: [@example-data].\n`],
  ['recommendations', `## Recommendations {layout=recommendations}\n\n1. **Do the most useful thing first.** Why it matters [@example-report] {owner="Desk lead" priority=high}\n2. **Then the next one.** Why it matters {priority=medium}\n`],
  ['bullets', `## A plain slide\n\n- Bullets are the default layout [@example-data]\n- Keep each slide under about 80 words\n`],
];

/** The brief `briefdeck new NAME` writes: front matter, a section, one slide per layout. */
function scaffoldBrief(name: string, layouts: ReadonlySet<string>, today: string): string {
  const title = name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
  const front = [
    '---',
    `title: ${title}`,
    'subtitle: One line on why this matters now',
    'author: Your Name',
    `date: ${today}`,
    'classification: UNCLASSIFIED',
    'status: draft',
    'sources:',
    '  - id: example-report',
    '    title: An Example Report',
    '    publisher: Example Institute',
    `    date: ${today.slice(0, 4)}`,
    '    url: https://example.org/report',
    '  - id: example-data',
    '    title: An Example Data Set',
    '    publisher: Example Statistics Office',
    '---',
    '',
    `# ${title}`,
    '',
  ].join('\n');
  const slides = examples.filter(([layout]) => layouts.has(layout)).map(([, md]) => md);
  return front + slides.join('\n');
}

/** Writes briefs/NAME.md; refuses a name already taken by a brief or a deck folder. */
export async function newBrief(name: string, cwd = process.cwd(), today = new Date().toISOString().slice(0, 10)): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new BriefdeckError('usage', `"${name}" is not a brief name: use lower-case letters, digits and hyphens (e.g. taiwan-strait)`);
  }
  const path = join(cwd, 'briefs', `${name}.md`);
  const shown = relative(cwd, path);
  if (existsSync(path) || existsSync(join(cwd, 'briefs', name))) {
    throw new BriefdeckError('usage', `${shown} (or briefs/${name}/) already exists; briefdeck new never overwrites`);
  }
  const templates = await loadTemplateSet();
  await mkdir(join(cwd, 'briefs'), { recursive: true });
  await writeFile(path, scaffoldBrief(name, new Set(templates.layoutNames), today), { flag: 'wx' });
  return shown;
}
