// citation-js ships no types; briefdeck uses only its input chain (BibTeX -> CSL-JSON).
// It is a CommonJS package: `export =`, so its exports object is the import's `default`.
declare module '@citation-js/core' {
  const core: {
    plugins: {
      input: { chain(data: string, options: { target: string; generateGraph?: boolean; forceType?: string }): unknown };
    };
  };
  export = core;
}
declare module '@citation-js/plugin-bibtex';
