/* Chronology filters: narrow a chronology page (a month, or a year with few events) by type,
 * actor and place.
 *
 * The page works without JavaScript (every entry is listed and links to actor and place
 * pages, which list their own events); this script only reveals the filter form and hides
 * entries. The choice is kept in the address (#type=…&actor=…&place=…) so a filtered view
 * can be shared, and it works from file:// because nothing is fetched. Links from actor and
 * place pages preset a filter with a query (?actor=…): MkDocs checks every #fragment of a
 * link against the ids of the target page, and a query it leaves alone. The page links of
 * a long month (and the previous/next month links) carry the choice along.
 */
(function () {
  "use strict";

  var KEYS = ["type", "actor", "place"];

  function entryItem(paragraph) {
    return paragraph.closest("li") || paragraph;
  }

  function parse(text) {
    var state = {};
    text.replace(/^[#?]/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length === 2 && KEYS.indexOf(parts[0]) >= 0 && parts[1]) {
        try {
          state[parts[0]] = decodeURIComponent(parts[1]);
        } catch (error) {
          // A malformed escape in a hand-edited address: ignore that filter.
        }
      }
    });
    return state;
  }

  function initialState() {
    var fromHash = parse(location.hash);
    return Object.keys(fromHash).length ? fromHash : parse(location.search);
  }

  /* The address without the filter parameters of the query (other parameters stay). */
  function searchWithoutFilters() {
    var kept = location.search.replace(/^\?/, "").split("&").filter(function (pair) {
      return pair && KEYS.indexOf(pair.split("=")[0]) < 0;
    });
    return kept.length ? "?" + kept.join("&") : "";
  }

  function setup(form) {
    var entries = Array.prototype.slice.call(document.querySelectorAll(".chrono-entry"));
    var count = form.querySelector(".chrono-count");
    var pagers = Array.prototype.slice.call(document.querySelectorAll(".chrono-pager a[href]"));
    pagers.forEach(function (link) {
      link.setAttribute("data-href", link.getAttribute("href").split("#")[0]);
    });
    var selects = {};
    KEYS.forEach(function (key) {
      selects[key] = form.elements.namedItem(key);
    });

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
      KEYS.forEach(function (key) {
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
      var search = searchWithoutFilters();
      if (hash || /^#(type|actor|place)=/.test(location.hash) || search !== location.search) {
        history.replaceState(null, "", location.pathname + search + (hash ? "#" + hash : ""));
      }
      pagers.forEach(function (link) {
        link.setAttribute("href", link.getAttribute("data-href") + (hash ? "#" + hash : ""));
      });
    }

    var initial = initialState();
    KEYS.forEach(function (key) {
      var select = selects[key];
      if (!select) return;
      var value = initial[key];
      if (value && !select.querySelector('option[value="' + CSS.escape(value) + '"]')) {
        // A choice carried over from another page that nothing on this page matches: keep
        // it (the count then says 0 events) rather than silently showing everything.
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (not on this page)";
        select.appendChild(option);
      }
      if (value) select.value = value;
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
