// citation-js ships no types; briefdeck uses only its input chain (BibTeX -> CSL-JSON).
declare module '@citation-js/core' {
  export const plugins: {
    input: { chain(data: string, options: { target: string; generateGraph?: boolean; forceType?: string }): unknown };
  };
}
declare module '@citation-js/plugin-bibtex';
