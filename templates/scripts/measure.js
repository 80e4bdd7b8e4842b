// Measures every slide of a built deck as the audience sees it (the normal view, not
// print), for `briefdeck check`. Run in the page once reveal.js is ready and the fonts
// have loaded; returns one plain object per slide. Lengths are slide pixels (1920x1080),
// whatever the window's scale.
//
// The content area is the slide's `.bd-frame` (between the marking banners, above the
// footer). Its extent is measured from what is drawn: the boxes of the text itself
// (ranges over text nodes) and of images, tables and other replaced elements, never from
// scrollHeight, whose trailing margins and padding would raise false alarms.
(function () {
  var scale = typeof Reveal !== 'undefined' && Reveal.getScale ? Reveal.getScale() : 1;
  var rootStyle = getComputedStyle(document.documentElement);
  var minSize = parseFloat(rootStyle.getPropertyValue('--bd-min-size')) || 0;
  var sections = Array.prototype.slice.call(document.querySelectorAll('.reveal .slides > section.bd-slide'));
  var drawn = 'img, svg, video, canvas, iframe, table, hr';

  function visible(el) {
    var style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.opacity !== '0' && el.getClientRects().length > 0;
  }

  // How much transforms (a fitting script, say) shrink or grow an element on screen.
  function shrink(el) {
    var block = el;
    while (block && !block.offsetWidth) block = block.parentElement;
    if (!block) return 1;
    return block.getBoundingClientRect().width / block.offsetWidth / scale;
  }

  // The nearest ancestor inside the frame that clips its content, if any.
  function clipper(el, frame) {
    for (var a = el.parentElement; a && a !== frame; a = a.parentElement) {
      var s = getComputedStyle(a);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') return a;
    }
    return null;
  }

  function beyond(rect, box) {
    return {
      top: Math.max(0, box.top - rect.top) / scale,
      bottom: Math.max(0, rect.bottom - box.bottom) / scale,
      left: Math.max(0, box.left - rect.left) / scale,
      right: Math.max(0, rect.right - box.right) / scale,
    };
  }

  function measure(section, index) {
    var frame = section.querySelector('.bd-frame');
    var result = { index: index, id: section.id, top: 0, bottom: 0, left: 0, right: 0, clipped: 0, words: 0, smallest: null, missingAlt: 0, tags: [] };
    if (!frame) return result;
    var box = frame.getBoundingClientRect();
    var range = document.createRange();

    function extend(rect, el) {
      if (rect.width === 0 && rect.height === 0) return;
      var out = beyond(rect, box);
      result.top = Math.max(result.top, out.top);
      result.bottom = Math.max(result.bottom, out.bottom);
      result.left = Math.max(result.left, out.left);
      result.right = Math.max(result.right, out.right);
      var clip = clipper(el, frame);
      if (clip) {
        var hidden = beyond(rect, clip.getBoundingClientRect());
        result.clipped = Math.max(result.clipped, hidden.top, hidden.bottom, hidden.left, hidden.right);
      }
    }

    var walker = document.createTreeWalker(frame, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var text = node.textContent.trim();
      var el = node.parentElement;
      if (!text || !el || !visible(el)) continue;
      // What only screen readers get (a chart's data table) is not on the slide.
      if (el.closest('.bd-visually-hidden')) continue;
      range.selectNodeContents(node);
      var rects = range.getClientRects();
      for (var i = 0; i < rects.length; i++) extend(rects[i], el);
      // Citation markers are superscripts by design; the heading is not body text.
      if (el.closest('sup, sub')) continue;
      var size = parseFloat(getComputedStyle(el).fontSize) * shrink(el);
      if (!result.smallest || size < result.smallest.size) result.smallest = { size: Math.round(size * 10) / 10, text: text.slice(0, 60) };
      // Labels a layout adds (estimate and priority tags, owners) are marked data-meta: not prose.
      if (!el.closest('.bd-header, [data-meta]')) result.words += text.split(/\s+/).filter(function (w) { return /[\p{L}\p{N}]/u.test(w); }).length;
    }
    var things = frame.querySelectorAll(drawn);
    for (var j = 0; j < things.length; j++) if (visible(things[j]) && !things[j].closest('.bd-visually-hidden')) extend(things[j].getBoundingClientRect(), things[j]);
    var images = frame.querySelectorAll('img');
    for (var k = 0; k < images.length; k++) if (!(images[k].getAttribute('alt') || '').trim()) result.missingAlt++;
    // Estimate, confidence and priority tags, with the words they show (colour alone is not enough).
    var tags = frame.querySelectorAll('.bd-estimate, .bd-confidence, .bd-priority');
    for (var t = 0; t < tags.length; t++) {
      var kind = /bd-(estimate|confidence|priority)\b/.exec(tags[t].className)[1];
      result.tags.push({ kind: kind, text: visible(tags[t]) ? tags[t].innerText.replace(/\s+/g, ' ').trim() : '' });
    }
    ['top', 'bottom', 'left', 'right', 'clipped'].forEach(function (key) { result[key] = Math.round(result[key]); });
    return result;
  }

  var slides = sections.map(function (section, index) {
    if (typeof Reveal !== 'undefined') Reveal.slide(index, 0);
    return measure(section, index);
  });
  if (typeof Reveal !== 'undefined') Reveal.slide(0, 0);
  return { minSize: minSize, slides: slides };
})();
