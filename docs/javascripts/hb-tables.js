/* Wide tables on narrow screens (generated index pages, src/huibian/indexes.py).
 *
 * A `.hb-scroll` frame whose table is wider than the screen gets `.hb-scroll--overflows`, which
 * shows its hint (左右滑动查看更多…) and the shadow of its fixed first column. The submission
 * matrix (`.hb-matrix`) lists periods oldest first: it starts scrolled to the newest, where the
 * drafts and missing reports are.
 */
(function () {
  "use strict";

  function scroller(frame) {
    // Material wraps tables in .md-typeset__scrollwrap, which scrolls; without it the table does.
    return frame.querySelector(".md-typeset__scrollwrap") || frame.querySelector("table");
  }

  function mark(frame, first) {
    var box = scroller(frame);
    if (!box) return;
    var overflows = box.scrollWidth > box.clientWidth + 1;
    frame.classList.toggle("hb-scroll--overflows", overflows);
    if (overflows && first && frame.classList.contains("hb-matrix")) box.scrollLeft = box.scrollWidth;
  }

  function markAll(first) {
    var frames = document.querySelectorAll(".hb-scroll");
    for (var i = 0; i < frames.length; i++) mark(frames[i], first);
  }

  function start() {
    // After Material has wrapped the tables (it does so when the page is mounted).
    window.requestAnimationFrame(function () { markAll(true); });
  }

  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(function () { markAll(false); }, 100);
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
