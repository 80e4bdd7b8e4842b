/**
 * briefdeck's own templates, compiled by Handlebars when briefdeck is built, by template path
 * under templates/ (`layouts/bullets.hbs`), each with the text it was compiled from.
 *
 * This module holds none: `npm run build` writes its compiled form in dist/ with every
 * built-in template in it (scripts/precompile-templates.js), so the command line, whose code
 * V8 caches, does not compile them again on every run (issue 19: 15 ms of a 20-slide build).
 * Run from source (the tests), every template is compiled at run time, as a house template
 * always is: the same templates, the same output.
 */
export const precompiledTemplates: ReadonlyMap<string, PrecompiledTemplate> = new Map();

export interface PrecompiledTemplate {
  /** The template's text when it was compiled: a file changed since is compiled again. */
  text: string;
  spec: TemplateSpecification;
}
