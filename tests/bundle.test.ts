import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

// bin/briefdeck.js runs dist/bundle/ (scripts/bundle.js), built by the tests' global setup.
const bundle = join(repoRoot, 'dist/bundle');
const chunks = new Map(
  readdirSync(bundle)
    .filter((name) => name.endsWith('.js'))
    .map((name) => [name, readFileSync(join(bundle, name), 'utf8')]),
);

describe('the bundle the command line runs', () => {
  it('reads a CommonJS library it imports lazily through its default export', () => {
    // In the bundle, `await import('pdf-lib')` of a CommonJS package has only `default`: named
    // exports (which Node also gives) are undefined there. One such slip broke the leak scan.
    const bundled = [...chunks.values()].filter((text) => /^export default require_\w+\(\);$/m.test(text)).length;
    expect(bundled).toBeGreaterThan(0);
    const slips: string[] = [];
    for (const file of sourceFiles(join(repoRoot, 'src'))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const m of line.matchAll(/(?<!typeof )import\('([^.'][^']*)'\)/g)) {
            if (isCommonJs(m[1]!) && !line.includes('default') && !/^\s*await import\(/.test(line)) slips.push(`${file}:${i + 1}: ${line.trim()}`);
          }
        });
    }
    expect(slips).toEqual([]);
  });

  it('keeps commands lazy: the entry loads no PDF, chart, Word or browser library', () => {
    // What `briefdeck --version` loads: the entry and the chunks it imports statically.
    const loaded = new Set<string>();
    const visit = (name: string) => {
      if (loaded.has(name)) return;
      loaded.add(name);
      for (const m of chunks.get(name)!.matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/([\w-]+\.js)"/gms)) visit(m[1]!);
      for (const m of chunks.get(name)!.matchAll(/^import\s*"\.\/([\w-]+\.js)"/gm)) visit(m[1]!);
    };
    visit('cli.js');
    const text = [...loaded].map((name) => chunks.get(name)).join('\n');
    for (const library of ['puppeteer-core', 'pdf-lib', 'vega', 'docx', 'pptxgenjs', 'marked', 'handlebars']) {
      expect(text, library).not.toContain(`// node_modules/${library}/`);
    }
    expect(text).toContain('// node_modules/commander/');
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** A package Node loads as CommonJS: no `"type": "module"` and no `import` condition in its exports. */
function isCommonJs(specifier: string): boolean {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { type?: string; exports?: unknown };
  return manifest.type !== 'module' && !JSON.stringify(manifest.exports ?? {}).includes('"import"');
}
