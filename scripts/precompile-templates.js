// Compiles briefdeck's own Handlebars templates (templates/**/*.hbs) when briefdeck is built,
// into dist/render/html/precompiled-templates.js, in place of the empty table tsc compiled from
// src/render/html/precompiled-templates.ts. render.ts uses a compiled template for a built-in
// template whose text is still the one compiled here; anything else it compiles at run time.
// The options are render.ts's (strict, escaping on): the same functions hb.compile would make.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';

const root = join(import.meta.dirname, '..');
const templates = join(root, 'templates');
const target = join(root, 'dist/render/html/precompiled-templates.js');

export async function precompileTemplates() {
  const files = (await readdir(templates, { recursive: true })).filter((name) => name.endsWith('.hbs')).sort();
  const entries = [];
  for (const name of files) {
    const text = await readFile(join(templates, name), 'utf8');
    const spec = Handlebars.precompile(text, { strict: true, noEscape: false });
    const key = relative(templates, join(templates, name)).split('\\').join('/');
    entries.push(`  [${JSON.stringify(key)}, { text: ${JSON.stringify(text)}, spec: ${spec} }],`);
  }
  await writeFile(
    target,
    `// Written by scripts/precompile-templates.js when briefdeck was built: every built-in template, compiled.\n` +
      `export const precompiledTemplates = new Map([\n${entries.join('\n')}\n]);\n`,
  );
  return files.length;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`precompiled ${await precompileTemplates()} templates`);
