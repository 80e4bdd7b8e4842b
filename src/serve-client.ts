/**
 * The script `serve` adds to the deck: reload on a rebuild (reveal.js keeps the slide in
 * the URL hash, so the page comes back where it was) and an overlay listing the build's
 * problems, file:line first, while the brief is broken.
 */
export function liveClient(problems: string[]): string {
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
  var events = new EventSource('/__briefdeck/events');
  events.addEventListener('reload', function () { location.reload(); });
  events.addEventListener('problems', function (e) { show(JSON.parse(e.data).problems); });
})();
</script>`;
}
