/**
 * The deck page as `serve` sends it: the live script added, and the page's
 * Content-Security-Policy opened to its own server for that script's event stream (the
 * built deck allows no connections at all; a meta policy cannot be loosened by a header).
 */
export function liveHtml(html: string, problems: string[]): string {
  return html.replace(/connect-src 'none'/, "connect-src 'self'").replace('</body>', `${liveClient(problems)}</body>`);
}

/**
 * The script `serve` adds to the deck: reload on a rebuild and an overlay listing the
 * build's problems, file:line first, while the brief is broken. reveal.js keeps the slide's
 * id in the URL hash, so the page usually comes back where it was; when the edit renamed
 * that slide, its id is gone and reveal.js would open the title, so the slide's position,
 * saved before the reload, puts the page back.
 */
function liveClient(problems: string[]): string {
  const initial = JSON.stringify(problems).replace(/</g, '\\u003c');
  return `<script>
(function () {
  function show(problems) {
    var old = document.getElementById('briefdeck-problems');
    if (old) old.remove();
    if (!problems.length) return;
    var box = document.createElement('div');
    box.id = 'briefdeck-problems';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'position:fixed;inset:0;z-index:9999;background:rgba(20,24,32,.92);color:#fff;font:20px/1.5 monospace;padding:48px;white-space:pre-wrap;overflow:auto';
    box.textContent = 'briefdeck: the build failed; fix the brief and save.\\n\\n' + problems.join('\\n');
    document.body.appendChild(box);
  }
  show(${initial});
  var key = 'briefdeck-serve-slide';
  // Settled: reveal.js has started and the saved position is back. (Reveal.isReady() turns
  // true a moment before its 'ready' event, so it cannot say that the position is back.)
  var settled = false;
  function restore() {
    var saved = JSON.parse(sessionStorage.getItem(key) || 'null');
    sessionStorage.removeItem(key);
    if (saved && !(saved.id && document.getElementById(saved.id))) Reveal.slide(saved.h, saved.v);
    settled = true;
    window.briefdeckSettled = true; // for tests and the console
  }
  // The page served before the first good build has no deck, only the overlay.
  var deck = typeof Reveal !== 'undefined';
  // deck.js marks briefdeck.ready from reveal's 'ready' event; if that has passed, restore now.
  if (deck && window.briefdeck && window.briefdeck.ready) restore(); else if (deck) Reveal.on('ready', restore);
  var events = new EventSource('/__briefdeck/events');
  window.briefdeckLive = events; // the open connection, for the console and tests
  events.addEventListener('reload', function () {
    // A reload that comes before this page has settled (two rebuilds in quick succession)
    // keeps the position saved by the one before: this page has not restored it yet.
    if (deck && settled) {
      var at = Reveal.getIndices();
      sessionStorage.setItem(key, JSON.stringify({ h: at.h, v: at.v, id: Reveal.getCurrentSlide().id }));
    }
    location.reload();
  });
  events.addEventListener('problems', function (e) { show(JSON.parse(e.data).problems); });
})();
</script>`;
}
