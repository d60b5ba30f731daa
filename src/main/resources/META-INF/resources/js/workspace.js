// The review workspace, enhanced. Without this script every status form posts and the server
// answers with the page again (post/redirect/get). With it:
// - choosing a status saves it in place: the form is posted with fetch and the header
//   X-Tandem-Fragment, and the server answers with only what changed — the progress, the summary
//   of what blocks acceptance, the acceptance section and the control's row, rendered by the same
//   templates as the page — which replace their counterparts here, so no rule lives here. Any
//   other answer (invalid input, a version no longer readable) posts the form as a browser
//   without script would, and the server shows the outcome;
// - keys: j / k next and previous control, a accept, o objection, s show or hide the statement,
//   q ask a question, d propose a deviation (the keys are listed on the page).
(function () {
  "use strict";
  var list = document.getElementById("controls");
  if (!list || !window.fetch || !window.DOMParser) {
    return;
  }
  var keys = document.getElementById("keys");
  var live = document.getElementById("live");
  if (keys) {
    keys.hidden = false;
  }
  var current = -1;

  function rows() {
    return Array.prototype.slice.call(list.querySelectorAll("article.control"));
  }

  function say(text) {
    if (live) {
      live.textContent = text;
    }
  }

  function replace(fresh, id) {
    var el = document.getElementById(id);
    var next = fresh.getElementById(id);
    if (el && next) {
      el.replaceWith(document.importNode(next, true));
      if (window.tandemLocalizeDates) {
        window.tandemLocalizeDates(document.getElementById(id));
      }
    }
  }

  function save(form) {
    var row = form.closest("article.control");
    var id = row ? row.getAttribute("data-control") : null;
    var select = form.querySelector("select[name=status]");
    if (!select || !select.value) {
      return Promise.resolve();
    }
    var open = row && row.querySelector("details") ? row.querySelector("details").open : false;
    var hadFocus = row && row.contains(document.activeElement) ? document.activeElement.id || "row" : null;
    form.setAttribute("aria-busy", "true");
    // Saves in place are not one-time: choosing a status twice before the row comes back must
    // save the second choice too (the one-time token guards the page's Back button, not fetch).
    var data = new FormData(form);
    data.delete("formToken");
    return fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(data),
      credentials: "same-origin",
      headers: { "Accept": "text/html", "X-Tandem-Fragment": "workspace" }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      replace(fresh, "progress-block");
      replace(fresh, "blockers");
      replace(fresh, "acceptance-block");
      if (id) {
        replace(fresh, "c-" + id);
        var now = document.getElementById("c-" + id);
        if (now) {
          var d = now.querySelector("details");
          if (d) {
            d.open = open;
          }
          bind(now);
          if (hadFocus === "row") {
            now.focus();
          } else if (hadFocus && document.getElementById(hadFocus)) {
            document.getElementById(hadFocus).focus();
          }
          now.classList.toggle("current", rows().indexOf(now) === current);
        }
      }
      say("Saved: " + (id || "") + " " + select.options[select.selectedIndex].text);
    }).catch(function () {
      // Fall back to the plain form post: the server shows the outcome.
      form.submit();
    });
  }

  function bind(scope) {
    scope.querySelectorAll("form.status-form").forEach(function (form) {
      if (form.dataset.enhanced) {
        return;
      }
      form.dataset.enhanced = "true";
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        save(form);
      });
      var select = form.querySelector("select[name=status]");
      if (select) {
        select.addEventListener("change", function () { save(form); });
      }
    });
  }

  function move(to) {
    var all = rows();
    if (!all.length) {
      return;
    }
    current = Math.max(0, Math.min(all.length - 1, to));
    all.forEach(function (r, i) { r.classList.toggle("current", i === current); });
    all[current].focus();
    all[current].scrollIntoView({ block: "nearest" });
  }

  function choose(status) {
    var row = rows()[current];
    var select = row ? row.querySelector("select[name=status]") : null;
    if (!select) {
      return;
    }
    var at = current;
    select.value = status;
    save(select.form).then(function () {
      // Back on the row, unless the reader has moved on meanwhile.
      var again = document.getElementById(row.id);
      if (again && current === at) {
        again.focus();
      }
    });
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) {
      return;
    }
    var row = t && t.closest ? t.closest("article.control") : null;
    if (row) {
      current = rows().indexOf(row);
    }
    switch (e.key) {
      case "j": move(current + 1); break;
      case "k": move(current - 1); break;
      case "a": if (current >= 0) { choose("accepted"); } break;
      case "o": if (current >= 0) { choose("objection"); } break;
      case "s": {
        var d = current >= 0 ? rows()[current].querySelector("details") : null;
        if (d) { d.open = !d.open; }
        break;
      }
      case "q":
      case "d": {
        var link = current >= 0 ? rows()[current].querySelector("a[data-key=" + e.key + "]") : null;
        if (link) { window.location.assign(link.href); }
        break;
      }
      default: return;
    }
    e.preventDefault();
  });

  list.addEventListener("focusin", function (e) {
    var row = e.target.closest("article.control");
    if (row) {
      current = rows().indexOf(row);
    }
  });
  bind(document);
})();
