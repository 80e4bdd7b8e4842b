import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

/**
 * The dependency rule of the README's Development section, checked over the compiled
 * import graph (type-only imports vanish in compilation, as they should): a module
 * imports only the model, the kernel and earlier stages, and there are no circles.
 */
const stageOrder = ['model', 'kernel', 'load', 'parse', 'layouts', 'plan', 'render', 'write', 'export', 'verify', 'commands', 'cli', 'index'];

const dist = join(repoRoot, 'dist');

/** dist/bundle/ is the bundler's output of all of them together (scripts/bundle.js), not a stage. */
const bundle = join(dist, 'bundle');

function modules(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (path === bundle) continue;
    if (statSync(path).isDirectory()) modules(path, out);
    else if (entry.endsWith('.js')) out.push(path);
  }
  return out;
}

function stageOf(file: string): string {
  const rel = relative(dist, file);
  return rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : rel.replace(/\.js$/, '');
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)];
  return specs.map((m) => resolve(dirname(file), (m[1] ?? m[2])!));
}

const graph = new Map(modules(dist).map((file) => [file, importsOf(file)]));

describe('architecture', () => {
  it('has one folder per stage, and every module sits in a known stage', () => {
    const unknown = [...graph.keys()].map(stageOf).filter((s) => !stageOrder.includes(s));
    expect(unknown).toEqual([]);
  });

  it('imports only from the model, the kernel and earlier stages', () => {
    const crossings: string[] = [];
    for (const [file, imports] of graph) {
      const from = stageOrder.indexOf(stageOf(file));
      for (const target of imports) {
        const to = stageOrder.indexOf(stageOf(target));
        const sameStage = to === from;
        if (to > from || (stageOf(target) === 'index' && !sameStage)) crossings.push(`${relative(dist, file)} -> ${relative(dist, target)}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('keeps export a function of its inputs: it writes nothing and knows no pipeline', () => {
    const reached = [...graph].filter(([file]) => stageOf(file) === 'export').flatMap(([file, imports]) =>
      imports.filter((t) => ['write', 'commands'].includes(stageOf(t))).map((t) => `${relative(dist, file)} -> ${relative(dist, t)}`),
    );
    expect(reached).toEqual([]);
  });

  it('has no import circles', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push(path.slice(path.indexOf(file)).concat(file).map((f) => relative(dist, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      path.push(file);
      for (const target of graph.get(file) ?? []) visit(target);
      path.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file);
    expect(circles).toEqual([]);
  });
});
