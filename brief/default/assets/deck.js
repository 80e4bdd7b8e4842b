// Starts reveal.js with the settings briefdeck wrote into the page, and tells the
// exporter when the deck is laid out: `ready` on screen, `printReady` in the print view.
(function () {
  var state = { ready: false, printReady: false };
  window.briefdeck = state;
  var config = JSON.parse(document.getElementById('briefdeck-config').textContent);
  config.plugins = typeof RevealNotes === 'undefined' ? [] : [RevealNotes];
  Reveal.on('ready', function () { state.ready = true; });
  Reveal.on('pdf-ready', function () { state.printReady = true; });
  Reveal.initialize(config);
})();
