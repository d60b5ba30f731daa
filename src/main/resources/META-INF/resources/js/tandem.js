// Tandem, every page: dates in the reader's time zone. The server writes "29 Nov 2026, 07:17 UTC"
// inside <time datetime="…" data-human>; here it becomes "29 Nov 2026, 08:17" in the browser's own
// zone, the exact UTC value staying in the title (shown on hover). Without script the UTC text stays.
(function () {
  "use strict";
  var format;
  try {
    format = new Intl.DateTimeFormat("en-GB", {
      day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit"
    });
  } catch (e) {
    return;
  }
  function localize(root) {
    root.querySelectorAll("time[data-human][datetime]").forEach(function (t) {
      var at = new Date(t.getAttribute("datetime"));
      if (!isNaN(at.getTime())) {
        t.textContent = format.format(at);
      }
    });
  }
  window.tandemLocalizeDates = localize;
  // Paper shows every statement: closed <details> open for printing and close again after.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { localize(document); });
  } else {
    localize(document);
  }
})();
