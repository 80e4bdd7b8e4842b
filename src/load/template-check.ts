import Handlebars from 'handlebars';
import { allTemplates, type TemplateFile, type TemplateSet } from './template-set.js';
import { firstLine, type Problem, type Problems } from '../kernel/problem.js';
import { lineInMessage } from '../kernel/lines.js';

/**
 * Checks every house template of a set before anything renders: a `{{> name}}` whose
 * partial no folder provides is an error naming the template file and line, found even
 * when the branch holding it would not run for this deck. briefdeck's own templates are
 * not parsed again on every build: they always parse, and every partial they use is
 * built in (a house folder can replace a partial, never remove one); the tests render them all.
 */
export function checkTemplates(templates: TemplateSet, problems: Problems): void {
  const known = new Set(templates.partials.keys());
  for (const template of allTemplates(templates).filter((t) => t.house !== undefined)) {
    for (const use of partialsUsed(template, problems)) {
      if (!known.has(use.name)) {
        problems.error(template.file, use.line, `unknown partial "${use.name}" (known: ${[...known].sort().join(', ') || 'none'})`);
      }
    }
  }
}

/** A Handlebars error in a template, as a problem at the template file's line. */
export function templateProblem(template: TemplateFile, cause: unknown): Problem {
  const message = firstLine(cause);
  return { file: template.file, line: lineInMessage(message), message: `template error: ${message}`, severity: 'error' };
}

interface PartialUse {
  name: string;
  line: number;
}

/** Partial names a template uses; dynamic `{{> (expr)}}` and `@partial-block` are left to run time. */
function partialsUsed(template: TemplateFile, problems: Problems): PartialUse[] {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(template.text);
  } catch (cause) {
    problems.list.push(templateProblem(template, cause));
    return [];
  }
  const found: PartialUse[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; name?: { type: string; original: unknown }; loc?: { start: { line: number } } };
    if ((n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') && n.name?.type === 'PathExpression') {
      const name = String(n.name.original);
      if (!name.startsWith('@')) found.push({ name, line: n.loc?.start.line ?? 1 });
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'loc') walk(value);
  };
  walk(ast);
  return found;
}
