import { tagsForPrint } from './print-tags.js';

/** The deck's scripts that lay it out on screen: a slide deck printed by layoutForPrint needs none of them. */
export const revealScripts = ['assets/reveal/reveal.js', 'assets/reveal/plugin/notes.js', 'assets/deck.js'];

/**
 * reveal.js's print view (`?print-pdf`), done once, without reveal: every slide on a 1920x1080
 * page of its own, in the same elements and classes reveal's print styles and briefdeck's
 * theme expect. For the built-in deck page, whose reveal settings are fixed (no margin, no
 * centring, no fragments, no slide numbers, no notes in print: render/html/render.ts): reveal
 * spends a tenth of a second per deck starting up and waiting for frames to reach the same
 * pages. Kept as source text: it runs in the page, not in Node.
 */
export const layoutForPrint = `(() => {
  const width = 1920, height = 1080;
  const sheet = (css) => { const s = document.createElement('style'); s.textContent = css; document.head.appendChild(s); };
  sheet('@page{size:' + width + 'px ' + height + 'px; margin: 0px;}');
  sheet('.reveal section>img, .reveal section>video, .reveal section>iframe{max-width: ' + width + 'px; max-height:' + height + 'px}');
  document.documentElement.classList.add('reveal-full-page', 'reveal-print', 'print-pdf');
  const body = document.body;
  body.classList.add('reveal-viewport');
  body.style.setProperty('--slide-width', width + 'px');
  body.style.setProperty('--slide-height', height + 'px');
  body.style.width = width + 'px';
  body.style.height = height + 'px';
  document.querySelector('.reveal').classList.add('none', 'focused', 'has-horizontal-slides', 'ready');
  const background = getComputedStyle(body).background;
  const container = document.querySelector('.reveal .slides');
  const pages = [...container.querySelectorAll(':scope > section')].map((slide) => {
    const page = document.createElement('div');
    page.className = 'pdf-page';
    // reveal's pdfPageHeightOffset: a page a pixel short of the paper, so none spills onto a blank one.
    page.style.height = (height - 1) + 'px';
    if (background) page.style.background = background;
    page.appendChild(slide);
    slide.classList.add('present');
    slide.style.display = 'block';
    slide.style.left = '0px';
    slide.style.top = '0px';
    slide.style.width = width + 'px';
    for (const fragment of slide.querySelectorAll('.fragment:not(.fade-out)')) fragment.classList.add('visible');
    return page;
  });
  container.append(...pages);
})()`;

/**
 * What runs inside the page just before it prints, as one script so it costs one round
 * trip to the browser. Kept as source text: it runs in the page, not in Node.
 *
 * 1. Loads every font the page declares and waits for them (never measure or print with a
 *    fallback font). Chrome loads a web font only once a layout needs it, and nothing has laid
 *    out the page since layoutForPrint showed every slide (a background tab draws no frames):
 *    `document.fonts.ready` alone would not wait for the weights only those slides use.
 * 2. Turns reveal.js's hash links (`#/sources`) into links to the element they name
 *    (`#sources`, or `#handout-sources` in the handout). Chrome writes a link to an element
 *    id as an internal PDF link (a named destination), while `#/…` would lead nowhere.
 *    A citation links to its own entry on the Sources slide (`#source-<id>`), not just the slide.
 * 3. Shapes what Chrome writes as the PDF's tags (see print-tags.ts).
 * 4. For slides, lists those whose content runs past the canvas (clipped, never split).
 * 5. Returns the URLs the page's Content-Security-Policy refused (all loads are done by now).
 */
export const prepareForPrint = `(async () => {
  await Promise.all([...document.fonts].map((face) => face.load().catch(() => undefined)));
  await document.fonts.ready;
  ${tagsForPrint}
  for (const a of document.querySelectorAll('a[href^="#/"]')) {
    const id = decodeURIComponent(a.getAttribute('href').slice(2));
    const entry = a.dataset.source && document.getElementById('source-' + a.dataset.source) ? 'source-' + a.dataset.source : undefined;
    const target = entry ?? (document.getElementById(id) ? id : document.getElementById('handout-' + id) ? 'handout-' + id : undefined);
    if (target) a.setAttribute('href', '#' + target);
  }
  const overflows = [...document.querySelectorAll('section.bd-slide')].flatMap((section, i) => {
    const frame = section.querySelector('.bd-frame');
    if (!frame) return [];
    const pixels = Math.max(frame.scrollHeight - frame.clientHeight, frame.scrollWidth - frame.clientWidth);
    return pixels > 1 ? [{ number: i + 1, id: section.id, pixels }] : [];
  });
  return { overflows, refused: window.briefdeckBlocked || [] };
})()`;

/** The marking in the page margins, top and bottom of every page (Chrome's header and footer). */
export function marginTemplates(banner: string, footer?: string): { headerTemplate: string; footerTemplate: string } {
  // Chrome draws these in their own tiny documents: no page fonts or styles, 0 font size by default.
  const style = 'width:100%;font:700 8pt/1 sans-serif;letter-spacing:0.08em;text-align:center;color:#000;-webkit-print-color-adjust:exact';
  const text = escapeHtml(banner);
  // The house style's footer line (house.yaml `footer:`), bottom left of every page.
  const house = footer ? `<span style="position:absolute;left:15mm;font-weight:400;letter-spacing:0">${escapeHtml(footer)}</span>` : '';
  return {
    headerTemplate: `<div style="${style}">${text}</div>`,
    footerTemplate:
      `<div style="${style};position:relative">${house}${text}` +
      `<span style="position:absolute;right:15mm;font-weight:400;letter-spacing:0"><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
