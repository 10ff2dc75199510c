/* Chronology filters: narrow a year page by type, actor and place.
 *
 * The page works without JavaScript (every entry is listed and links to actor and place
 * pages, which list their own events); this script only reveals the filter form and hides
 * entries. The choice is kept in the address (#type=…&actor=…&place=…) so a filtered view
 * can be shared, and it works from file:// because nothing is fetched.
 */
(function () {
  "use strict";

  function entryItem(paragraph) {
    return paragraph.closest("li") || paragraph;
  }

  function readHash() {
    var state = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length === 2 && /^(type|actor|place)$/.test(parts[0])) {
        state[parts[0]] = decodeURIComponent(parts[1]);
      }
    });
    return state;
  }

  function setup(form) {
    var entries = Array.prototype.slice.call(document.querySelectorAll(".chrono-entry"));
    var count = form.querySelector(".chrono-count");
    var selects = {
      type: form.elements.namedItem("type"),
      actor: form.elements.namedItem("actor"),
      place: form.elements.namedItem("place"),
    };

    function matches(entry, state) {
      var words = function (name) {
        return (entry.getAttribute("data-" + name) || "").split(" ");
      };
      return (!state.type || entry.getAttribute("data-type") === state.type) &&
        (!state.actor || words("actors").indexOf(state.actor) >= 0) &&
        (!state.place || words("places").indexOf(state.place) >= 0);
    }

    function apply() {
      var state = {};
      Object.keys(selects).forEach(function (key) {
        if (selects[key] && selects[key].value) state[key] = selects[key].value;
      });
      var shown = 0;
      entries.forEach(function (entry) {
        var visible = matches(entry, state);
        entryItem(entry).hidden = !visible;
        if (visible) shown += 1;
      });
      // Hide month headings (and their lists) left with nothing to show.
      document.querySelectorAll(".md-content h2").forEach(function (heading) {
        var list = heading.nextElementSibling;
        if (!list || list.tagName !== "UL" || !list.querySelector(".chrono-entry")) return;
        var any = Array.prototype.some.call(list.children, function (li) { return !li.hidden; });
        heading.hidden = !any;
        list.hidden = !any;
      });
      if (count) {
        count.textContent = Object.keys(state).length
          ? "Showing " + shown + " of " + entries.length + " events"
          : entries.length + " events";
      }
      var hash = Object.keys(state).map(function (key) {
        return key + "=" + encodeURIComponent(state[key]);
      }).join("&");
      if (hash || /^#(type|actor|place)=/.test(location.hash)) {
        history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
      }
    }

    var initial = readHash();
    Object.keys(selects).forEach(function (key) {
      var select = selects[key];
      if (!select) return;
      if (initial[key] && select.querySelector('option[value="' + CSS.escape(initial[key]) + '"]')) {
        select.value = initial[key];
      }
      select.addEventListener("change", apply);
    });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function start() {
    var form = document.querySelector("form.chrono-filters");
    if (form) setup(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
