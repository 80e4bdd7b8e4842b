/** subset-font 2.9 ships no types: the one call briefdeck makes (harfbuzz's hb-subset, then WOFF2). */
declare module 'subset-font' {
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype' },
  ): Promise<Buffer>;
}
