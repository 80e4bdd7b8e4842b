/**
 * Chrome writes a tagged PDF from the page's accessibility tree, so what the PDF's tags say
 * is decided here, in the page, just before it prints. Kept as source text: it runs in the
 * page (spliced into prepareForPrint), not in Node.
 *
 * - reveal.js hides every slide but the current one from assistive technology
 *   (`aria-hidden`, `hidden`, `inert`); printed, every slide is on its page, so every slide
 *   is shown to it again. Without this, only the first page had tags.
 * - What repeats on every page or only decorates it (marking banners, the footer with the
 *   title and page number, the DRAFT watermark, reveal's backgrounds and controls) is hidden
 *   from it: Chrome then draws it untagged, and finishPdf marks it as an artifact
 *   (pdf-artifacts.ts). The classification is still in the PDF's Subject, and the HTML deck
 *   keeps its banners for screen readers.
 * - A span in another language (render/html/text-language.ts) is made a generic element
 *   explicitly, which is what a span is anyway: Chrome then gives it a tag of its own, with
 *   the span's `/Lang`, instead of folding its text into the sentence around it. (Only in
 *   print: in the HTML deck, where ARIA applies, the plain span with `lang` is right.)
 * - A `<figure>` with no label of its own (around an image and its caption, a quote and its
 *   attribution, a chart) becomes a group: Chrome would write it as a Figure with no
 *   alternative text around the image's own Figure, which PDF/UA forbids. The image (or
 *   an `svg` with `role="img"` and a label) keeps its Figure and alt text; the caption stays.
 */
export const tagsForPrint = `
  for (const slide of document.querySelectorAll('.reveal .slides section')) {
    slide.removeAttribute('hidden');
    slide.removeAttribute('aria-hidden');
    slide.removeAttribute('inert');
  }
  for (const decoration of document.querySelectorAll('.bd-marking, .bd-footer, .bd-draft, .reveal .backgrounds, .reveal .slide-background, .reveal .controls, .reveal .progress, .reveal .slide-number, .reveal .aria-status')) {
    decoration.setAttribute('aria-hidden', 'true');
  }
  for (const span of document.querySelectorAll('.reveal span[lang]')) span.setAttribute('role', 'generic');
  for (const figure of document.querySelectorAll('.reveal figure:not([aria-label]):not([aria-labelledby]):not([role])')) figure.setAttribute('role', 'group');
`;
