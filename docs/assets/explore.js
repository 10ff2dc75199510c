/* The Explorer page (explore/): every event of the chronology, filtered in the browser.
 *
 * The form and the results are built here from the compact index (data/explore-index.js,
 * window.CHRONOLOGY_EXPLORE) and filtered by assets/filters.js, which the Map page shares, so
 * both read an address alike. The whole state lives in the address fragment
 * (#actor=…&role=…, docs/data.md "Explorer addresses"): read on load and whenever it changes
 * (back and forward), written as the form changes. Links from other pages carry the filters
 * as a query (?actor=…), moved into the fragment here. Nothing is fetched, so the page works
 * from file://. Text from the index is only ever set as text (textContent, setAttribute).
 */
(function () {
  "use strict";

  var F = window.ChronologyFilters;

  function element(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      var value = attributes[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function plural(n, one, many) {
    return n.toLocaleString("en-GB") + " " + (n === 1 ? one : many);
  }

  function setup(root) {
    var index = F.index();
    var base = root.getAttribute("data-root") || "";
    var nojs = document.querySelector(".explore-nojs");
    if (nojs) nojs.hidden = true;
    if (!index) {
      root.appendChild(element("p", { "class": "explore-problems", text:
        "The list of events (data/explore-index.js) did not load, so nothing can be filtered. " +
        "The chronology lists every event by year and month." }));
      root.removeAttribute("aria-busy");
      return;
    }
    var e = index.events;
    var count = e.id.length;
    var keysOf = function (pairs) { return pairs.map(function (p) { return p[0]; }); };
    var labelOf = function (pairs) {
      var map = {};
      pairs.forEach(function (p) { map[p[0]] = p[1]; });
      return map;
    };
    var roleLabels = index.roles.map(function (p) { return p[1].toLowerCase(); });
    var state = F.parse("");
    var lastHash = null;
    var carried = [];  // problems read from a query moved into the fragment

    // --- the form ----------------------------------------------------------------------------

    function checkboxes(name, pairs, legend, hint) {
      var boxes = element("div", { "class": "explore-options" });
      pairs.forEach(function (pair) {
        boxes.appendChild(element("label", {}, [
          element("input", { type: "checkbox", name: name, value: pair[0] }), " " + pair[1]
        ]));
      });
      return element("fieldset", { "class": "explore-set explore-" + name }, [
        element("legend", {}, [legend, hint ? element("span", { "class": "explore-hint", text: hint }) : null]),
        boxes
      ]);
    }

    /* A choice among thousands of records: a <select> grouped by kind, an Add button, and
     * the chosen records listed with a Remove button each. */
    function picker(key, table, kinds, noun, legend, extraName, extraLabel) {
      var id = "explore-" + key + "-choice";
      var select = element("select", { id: id, "class": "explore-select" }, [
        element("option", { value: "", text: "Choose " + noun + "…" })
      ]);
      // Thousands of options cost more than the first results: they are added once those
      // are painted, or as soon as a reader reaches the list, whichever comes first.
      var filled = false;
      function fill() {
        if (filled) return;
        filled = true;
        var byKind = kinds.map(function () { return []; });
        table.id.forEach(function (_, n) { byKind[table.kind[n]].push(n); });
        var fragment = document.createDocumentFragment();
        byKind.forEach(function (numbers, k) {
          if (!numbers.length) return;
          numbers.sort(function (a, b) { return table.name[a].localeCompare(table.name[b], "en"); });
          var group = element("optgroup", { label: kinds[k][1] });
          numbers.forEach(function (n) {
            group.appendChild(element("option", { value: table.id[n], text: table.name[n] }));
          });
          fragment.appendChild(group);
        });
        select.appendChild(fragment);
      }
      ["focus", "mousedown", "touchstart"].forEach(function (type) {
        select.addEventListener(type, fill);
      });
      var add = element("button", { type: "button", "class": "explore-add", text: "Add" });
      var chosen = element("ul", { "class": "explore-chosen", "aria-label": "Chosen " + noun.replace(/^an? /, "") + "s" });
      add.addEventListener("click", function () {
        if (!select.value) { select.focus(); return; }
        if (state[key].indexOf(select.value) < 0) {
          change(function (s) { s[key] = s[key].concat([select.value]); });
        }
        select.value = "";
      });
      var extra = element("label", { "class": "explore-extra" }, [
        element("input", { type: "checkbox", name: extraName }), " " + extraLabel
      ]);
      var set = element("fieldset", { "class": "explore-set explore-" + key }, [
        element("legend", { text: legend }),
        element("div", { "class": "explore-pick" }, [
          element("label", { "for": id, text: "Add " + noun.replace(/^an? /, "") }), select, add
        ]),
        chosen,
        extra
      ]);
      return { set: set, select: select, chosen: chosen, table: table, key: key, fill: fill };
    }

    var actorsNumber = {};
    index.actors.id.forEach(function (id, n) { actorsNumber[id] = n; });
    var placesNumber = {};
    index.places.id.forEach(function (id, n) { placesNumber[id] = n; });

    var actorPick = picker("actor", index.actors, index.actor_kinds, "an actor", "Actors",
      "members", "Include member organisations");
    var placePick = picker("place", index.places, index.place_kinds, "a place", "Places",
      "within", "Include places within");
    var roleSet = checkboxes("role", index.roles, "Role of the actor", " (none ticked: any role)");
    actorPick.set.insertBefore(roleSet, actorPick.chosen.nextSibling);
    var groups = index.groups;
    var casualtyChoices = [["any", "Anyone (any group)"]].concat(groups);
    var from = element("input", { type: "date", id: "explore-from", name: "from" });
    var to = element("input", { type: "date", id: "explore-to", name: "to" });
    var clear = element("button", { type: "button", "class": "explore-clear", text: "Clear all filters" });
    var form = element("form", { "class": "explore-form", "aria-label": "Filters", role: "search" }, [
      actorPick.set,
      checkboxes("type", index.types, "Event types", " (none ticked: every type)"),
      placePick.set,
      element("fieldset", { "class": "explore-set explore-dates" }, [
        element("legend", {}, ["Dates", element("span", { "class": "explore-hint", text: " (an event counts if any day it may have happened on is in the range)" })]),
        element("label", { "for": "explore-from", text: "From" }), from,
        element("label", { "for": "explore-to", text: "To" }), to
      ]),
      checkboxes("killed", casualtyChoices, "Reported killed", " (none ticked: any figure or none)"),
      checkboxes("wounded", casualtyChoices, "Reported wounded", " (none ticked: any figure or none)"),
      element("div", { "class": "explore-actions" }, [clear])
    ]);
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    // The form is long on a phone: a way past it that leaves the address alone (a #link
    // would replace the filters in the fragment).
    var jump = element("button", { type: "button", "class": "explore-jump", text: "Go to the results" });
    var heading = element("h2", { id: "explore-results", tabindex: "-1", text: "Results" });
    jump.addEventListener("click", function () {
      heading.scrollIntoView({ block: "start" });
      heading.focus({ preventScroll: true });
    });
    var problems = element("div", { "class": "explore-problems", role: "status" });
    var countLine = element("p", { "class": "explore-count", id: "explore-count", role: "status", "aria-live": "polite" });
    var pagerTop = element("nav", { "class": "explore-pager", "aria-label": "Result pages" });
    var results = element("ol", { "class": "explore-results", "aria-labelledby": "explore-count" });
    var pagerBottom = element("nav", { "class": "explore-pager", "aria-label": "Result pages, again" });
    root.appendChild(jump);
    root.appendChild(form);
    root.appendChild(heading);
    root.appendChild(problems);
    root.appendChild(countLine);
    root.appendChild(pagerTop);
    root.appendChild(results);
    root.appendChild(pagerBottom);

    function boxesOf(name) {
      return Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="' + name + '"]'));
    }

    /* The form shows the state. */
    function showState(s) {
      ["role", "type", "killed", "wounded"].forEach(function (name) {
        boxesOf(name).forEach(function (box) { box.checked = s[name].indexOf(box.value) >= 0; });
      });
      boxesOf("members")[0].checked = s.members;
      boxesOf("within")[0].checked = s.within;
      from.value = s.from || "";
      to.value = s.to || "";
      [actorPick, placePick].forEach(function (pick) {
        var numbers = pick.key === "actor" ? actorsNumber : placesNumber;
        pick.chosen.textContent = "";
        s[pick.key].forEach(function (id) {
          if (!(id in numbers)) return;
          var name = pick.table.name[numbers[id]];
          var remove = element("button", { type: "button", "class": "explore-remove", "aria-label": "Remove " + name, text: "×" });
          remove.addEventListener("click", function () {
            change(function (next) { next[pick.key] = next[pick.key].filter(function (v) { return v !== id; }); });
            pick.select.focus();
          });
          pick.chosen.appendChild(element("li", {}, [element("span", { text: name }), " ", remove]));
        });
        pick.chosen.hidden = !s[pick.key].length;
      });
    }

    /* The state the form shows, for the fields a reader changes directly. */
    function readForm(s) {
      ["role", "type", "killed", "wounded"].forEach(function (name) {
        s[name] = boxesOf(name).filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      });
      s.members = boxesOf("members")[0].checked;
      s.within = boxesOf("within")[0].checked;
      s.from = from.value || null;
      s.to = to.value || null;
    }

    function copy(s) {
      var out = {};
      Object.keys(s).forEach(function (k) { out[k] = Array.isArray(s[k]) ? s[k].slice() : s[k]; });
      out.problems = [];
      return out;
    }

    /* A reader changed a filter: a new history entry, back to the first page of results. */
    function change(edit) {
      var next = copy(state);
      edit(next);
      next.page = 1;
      var hash = "#" + F.serialise(next);
      if (hash !== location.hash && !(hash === "#" && !location.hash)) {
        history.pushState(null, "", hash === "#" ? location.pathname + location.search : hash);
      }
      carried = [];
      render(next, false);
    }

    form.addEventListener("change", function (event) {
      if (event.target === actorPick.select || event.target === placePick.select) return;
      change(readForm);
    });
    clear.addEventListener("click", function () {
      change(function (next) {
        var fresh = F.parse("");
        Object.keys(fresh).forEach(function (k) { next[k] = fresh[k]; });
      });
    });

    // --- the results ---------------------------------------------------------------------------

    function link(href, text) {
      return element("a", { href: base + href, text: text });
    }

    function figureTotal(figures) {
      if (!figures.length) return null;
      var low = 0, high = 0;
      figures.forEach(function (f) { low += f[1]; high += f[2]; });
      return low === high ? String(low) : low + "–" + high;
    }

    function entry(i) {
      var line = [element("strong", { text: e.date[i] }), " · ",
        link(F.eventUrl(index, i), e.title[i]), " · " + index.types[e.type[i]][1]];
      var places = e.places[i];
      if (places.length) {
        line.push(" · ");
        for (var k = 0; k < places.length; k += 2) {
          if (k) line.push(", ");
          line.push(link(F.placeUrl(index, places[k]), index.places.name[places[k]]));
        }
      }
      var killed = figureTotal(e.killed[i]);
      var wounded = figureTotal(e.wounded[i]);
      if (killed) line.push(" · " + killed + " killed");
      if (wounded) line.push((killed ? ", " : " · ") + wounded + " wounded");
      var actors = e.actors[i];
      if (actors.length) {
        line.push(element("br"));
        for (var a = 0; a < actors.length; a += 2) {
          if (a) line.push("; ");
          line.push(link(F.actorUrl(index, actors[a]), index.actors.name[actors[a]]));
          line.push(" (" + roleLabels[actors[a + 1]] + ")");
        }
      }
      return element("li", { "class": "explore-entry", "data-event": e.id[i] }, [element("p", {}, line)]);
    }

    function pager(nav, s, pages) {
      nav.textContent = "";
      nav.hidden = pages < 2;
      if (pages < 2) return;
      var href = function (n) {
        var target = copy(s);
        target.page = n;
        return "#" + F.serialise(target);
      };
      var items = [];
      if (s.page > 1) items.push(element("a", { href: href(s.page - 1), rel: "prev", text: "‹ previous" }));
      var shown = {};
      [1, s.page - 2, s.page - 1, s.page, s.page + 1, s.page + 2, pages].forEach(function (n) {
        if (n >= 1 && n <= pages) shown[n] = true;
      });
      var last = 0;
      Object.keys(shown).map(Number).sort(function (a, b) { return a - b; }).forEach(function (n) {
        if (n > last + 1) items.push(element("span", { text: "…" }));
        items.push(n === s.page
          ? element("strong", { "aria-current": "page", text: String(n) })
          : element("a", { href: href(n), "aria-label": "Page " + n, text: String(n) }));
        last = n;
      });
      if (s.page < pages) items.push(element("a", { href: href(s.page + 1), rel: "next", text: "next ›" }));
      nav.appendChild(element("span", { text: "Page " + s.page + " of " + pages + ": " }));
      items.forEach(function (item, n) {
        if (n) nav.appendChild(document.createTextNode(" · "));
        nav.appendChild(item);
      });
    }

    function render(s, fromAddress) {
      var resolved = F.resolve(index, copy(s));
      var said = carried.concat(resolved.problems);
      resolved.problems = [];
      state = resolved;
      showState(resolved);
      problems.textContent = "";
      if (said.length) {
        problems.appendChild(element("p", { text: "Some filters in the address could not be read and are left out:" }));
        problems.appendChild(element("ul", {}, said.map(function (text) { return element("li", { text: text }); })));
      }
      var matches = F.compile(index, resolved);
      var found = [];
      for (var i = 0; i < count; i += 1) if (matches(i)) found.push(i);
      var size = index.page_size;
      var pages = Math.max(1, Math.ceil(found.length / size));
      if (resolved.page > pages) {
        if (fromAddress) problems.appendChild(element("p", { text: "There is no page " + resolved.page + " of these results; this is page " + pages + "." }));
        resolved.page = pages;
      }
      var first = (resolved.page - 1) * size;
      var shown = found.slice(first, first + size);
      var text = found.length
        ? plural(found.length, "event matches", "events match") + " of " + count.toLocaleString("en-GB")
        : "No event matches these filters";
      if (pages > 1) text += " · showing " + (first + 1) + "–" + (first + shown.length);
      countLine.textContent = text;
      var list = document.createDocumentFragment();
      shown.forEach(function (n) { list.appendChild(entry(n)); });
      results.textContent = "";
      results.setAttribute("start", String(first + 1));
      results.appendChild(list);
      pager(pagerTop, resolved, pages);
      pager(pagerBottom, resolved, pages);
      lastHash = location.hash;
    }

    function fromAddress() {
      if (location.hash === lastHash) return;
      var previous = state;
      var next = F.parse(location.hash);
      var samePage1 = function (s) { var c = copy(F.resolve(index, s)); c.page = 1; return F.serialise(c); };
      var pageOnly = samePage1(next) === samePage1(previous);
      carried = next.problems;
      render(next, true);
      if (pageOnly && next.page !== previous.page) {
        heading.scrollIntoView({ block: "start" });
        heading.focus({ preventScroll: true });
      }
    }

    // A query from a link elsewhere on the site becomes the fragment, the address a reader
    // copies; parameters that are not filters stay in the query.
    var initial = location.hash;
    if (!initial && location.search) {
      var fromQuery = F.parse(location.search);
      var kept = location.search.replace(/^\?/, "").split("&").filter(function (pair) {
        return pair && F.KEYS.indexOf(pair.split("=")[0]) < 0;
      });
      var query = kept.length ? "?" + kept.join("&") : "";
      var fragment = F.serialise(fromQuery);
      history.replaceState(null, "", location.pathname + query + (fragment ? "#" + fragment : ""));
      carried = fromQuery.problems.filter(function (p) { return !/is not a filter this page knows/.test(p); });
      render(fromQuery, true);
    } else {
      var first = F.parse(initial);
      carried = first.problems;
      render(first, true);
    }
    root.removeAttribute("aria-busy");
    // When the first results are in the page, and when they have been painted (the frame
    // after): `make bench` reads these (scripts/bench_explore.py).
    var marks = window.performance && performance.mark ? performance : { mark: function () {} };
    marks.mark("explore-results");
    requestAnimationFrame(function () {
      setTimeout(function () {
        marks.mark("explore-results-painted");
        actorPick.fill();
        placePick.fill();
      }, 0);
    });
    window.addEventListener("hashchange", fromAddress);
    window.addEventListener("popstate", fromAddress);
  }

  function start() {
    var root = document.getElementById("explore");
    if (root && F) setup(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
