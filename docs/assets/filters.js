/* The explorer's address scheme, shared by the Explorer page (assets/explore.js) and the Map
 * page (assets/map.js), so both read a filter the same way.
 *
 * A filtered view is written in the address: #actor=kataib-hezbollah&role=claimed,suspected
 * &members=1&from=2020-01-01 (docs/data.md, "Explorer addresses", says what each key means).
 * window.ChronologyFilters:
 *   parse(text)           a state from a "#…" or "?…" string; what it cannot read is listed
 *                         in state.problems (never thrown) and otherwise ignored
 *   serialise(state)      "actor=…&role=…", keys in the scheme's order, defaults left out
 *   resolve(index, state) the state with ids and vocabulary terms the index does not know
 *                         taken out, each named in state.problems
 *   compile(index, state) function (i) -> whether event number i of the index matches
 *   index()               the compact index (data/explore-index.js), or null
 *   eventUrl(index, i), actorUrl(index, n), placeUrl(index, n)   addresses from the site root
 *   dayOf("YYYY-MM-DD")   the day number the index uses (days since 1970-01-01)
 * Nothing here touches the page.
 */
(function () {
  "use strict";

  var KEYS = ["actor", "role", "members", "type", "place", "within", "from", "to",
    "killed", "wounded", "page"];
  var LISTS = ["actor", "role", "type", "place", "killed", "wounded"];
  var DAY = 86400000;
  var DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

  function empty() {
    return {
      actor: [], role: [], members: false, type: [], place: [], within: false,
      from: null, to: null, killed: [], wounded: [], page: 1, problems: []
    };
  }

  function daysInMonth(year, month) {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  }

  function pad(n, width) {
    var text = String(n);
    while (text.length < width) text = "0" + text;
    return text;
  }

  /* "2020" -> "2020-01-01" (from) or "2020-12-31" (to); null when it is not a date. */
  function readDate(text, last) {
    var match = DATE.exec(text);
    if (!match) return null;
    var year = Number(match[1]);
    var month = match[2] === undefined ? (last ? 12 : 1) : Number(match[2]);
    if (month < 1 || month > 12) return null;
    var days = daysInMonth(year, month);
    var day = match[3] === undefined ? (last ? days : 1) : Number(match[3]);
    if (day < 1 || day > days) return null;
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
  }

  function dayOf(text) {
    var parts = text.split("-");
    return Math.round(Date.UTC(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2])) / DAY);
  }

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch (error) {
      return null;
    }
  }

  function parse(text) {
    var state = empty();
    var seen = {};
    String(text || "").replace(/^[#?]/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var at = pair.indexOf("=");
      var key = decode(at < 0 ? pair : pair.slice(0, at));
      var value = at < 0 ? "" : decode(pair.slice(at + 1));
      if (key === null || value === null) {
        state.problems.push("“" + pair + "” is not a readable filter");
        return;
      }
      if (KEYS.indexOf(key) < 0) {
        state.problems.push("“" + key + "” is not a filter this page knows");
        return;
      }
      if (seen[key]) {
        state.problems.push("“" + key + "” is given twice; the first is used");
        return;
      }
      seen[key] = true;
      if (LISTS.indexOf(key) >= 0) {
        var values = value.split(",").map(function (v) { return v.trim(); })
          .filter(function (v, i, all) { return v && all.indexOf(v) === i; });
        if (!values.length) state.problems.push("“" + key + "” has no value");
        state[key] = values;
      } else if (key === "members" || key === "within") {
        if (value === "1" || value === "0") state[key] = value === "1";
        else state.problems.push("“" + key + "=" + value + "”: write " + key + "=1 or leave it out");
      } else if (key === "from" || key === "to") {
        var day = readDate(value, key === "to");
        if (day) state[key] = day;
        else state.problems.push("“" + key + "=" + value + "” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
      } else if (key === "page") {
        if (/^[1-9]\d{0,6}$/.test(value)) state.page = Number(value);
        else state.problems.push("“page=" + value + "” is not a page number");
      }
    });
    return state;
  }

  function serialise(state) {
    var parts = [];
    KEYS.forEach(function (key) {
      var value = state[key];
      if (LISTS.indexOf(key) >= 0) {
        if (value && value.length) {
          parts.push(key + "=" + value.map(function (v) {
            return encodeURIComponent(v).replace(/%2C/gi, ",");
          }).join(","));
        }
      } else if (key === "members" || key === "within") {
        if (value) parts.push(key + "=1");
      } else if (key === "from" || key === "to") {
        if (value) parts.push(key + "=" + value);
      } else if (key === "page") {
        if (value && value > 1) parts.push("page=" + value);
      }
    });
    return parts.join("&");
  }

  function numbers(list) {
    var map = Object.create(null);
    list.forEach(function (id, i) { map[id] = i; });
    return map;
  }

  function keys(pairs) {
    return pairs.map(function (pair) { return pair[0]; });
  }

  var WHAT = { actor: "actor", place: "place", role: "role", type: "event type",
    killed: "casualty group", wounded: "casualty group" };

  /* The state with what the index does not know taken out (and named in problems). */
  function resolve(index, state) {
    var out = {};
    Object.keys(state).forEach(function (key) { out[key] = state[key]; });
    out.problems = (state.problems || []).slice();
    if (!index) return out;
    var known = {
      actor: index.actors.id, place: index.places.id, role: keys(index.roles),
      type: keys(index.types), killed: keys(index.groups).concat(["any"]),
      wounded: keys(index.groups).concat(["any"])
    };
    Object.keys(known).forEach(function (key) {
      var values = state[key] || [];
      out[key] = values.filter(function (value) {
        if (known[key].indexOf(value) >= 0) return true;
        out.problems.push("“" + key + "=" + value + "”: no " + WHAT[key] + " has this id; left out");
        return false;
      });
    });
    if (out.from && out.to && out.from > out.to) {
      out.problems.push("“from=" + out.from + "” is after “to=" + out.to + "”; no event can match");
    }
    return out;
  }

  /* The numbers of the records in `ids` and, with `deep`, of every record under them. */
  function withDescendants(table, ids, deep) {
    var number = numbers(table.id);
    var chosen = new Uint8Array(table.id.length);
    ids.forEach(function (id) { if (id in number) chosen[number[id]] = 1; });
    if (deep) {
      // A record is under a chosen one when walking its parents reaches it. The content
      // checks forbid cycles; `steps` guards against one anyway.
      for (var i = 0; i < table.parent.length; i += 1) {
        var p = table.parent[i];
        for (var steps = 0; p >= 0 && !chosen[i] && steps < table.parent.length; steps += 1) {
          if (chosen[p]) chosen[i] = 1;
          p = table.parent[p];
        }
      }
    }
    return chosen;
  }

  function flags(all, chosen) {
    var out = new Uint8Array(all.length);
    chosen.forEach(function (key) { var i = all.indexOf(key); if (i >= 0) out[i] = 1; });
    return out;
  }

  /* Whether figures ([[group, low, high], ...]) report anyone of the chosen groups: a low
   * bound of at least 1. An unknown group is absent, so never matches. */
  function reports(groupFlags, any) {
    return function (figures) {
      for (var i = 0; i < figures.length; i += 1) {
        if (figures[i][1] >= 1 && (any || groupFlags[figures[i][0]])) return true;
      }
      return false;
    };
  }

  function compile(index, state) {
    var s = resolve(index, state);
    var e = index.events;
    var tests = [];
    if (s.actor.length) {
      var actors = withDescendants(index.actors, s.actor, s.members);
      var anyRole = !s.role.length;
      var roles = flags(keys(index.roles), s.role);
      tests.push(function (i) {
        var list = e.actors[i];
        for (var k = 0; k < list.length; k += 2) {
          if (actors[list[k]] && (anyRole || roles[list[k + 1]])) return true;
        }
        return false;
      });
    } else if (s.role.length) {
      var onlyRoles = flags(keys(index.roles), s.role);
      tests.push(function (i) {
        var list = e.actors[i];
        for (var k = 1; k < list.length; k += 2) if (onlyRoles[list[k]]) return true;
        return false;
      });
    }
    if (s.type.length) {
      var types = flags(keys(index.types), s.type);
      tests.push(function (i) { return types[e.type[i]] === 1; });
    }
    if (s.place.length) {
      var places = withDescendants(index.places, s.place, s.within);
      tests.push(function (i) {
        var list = e.places[i];
        for (var k = 0; k < list.length; k += 2) if (places[list[k]]) return true;
        return false;
      });
    }
    if (s.from) {
      var from = dayOf(s.from);
      tests.push(function (i) { return e.end[i] === null || e.end[i] >= from; });
    }
    if (s.to) {
      var to = dayOf(s.to);
      tests.push(function (i) { return e.start[i] === null || e.start[i] <= to; });
    }
    [["killed", e.killed], ["wounded", e.wounded]].forEach(function (pair) {
      var chosen = s[pair[0]];
      if (!chosen.length) return;
      var test = reports(flags(keys(index.groups), chosen), chosen.indexOf("any") >= 0);
      var column = pair[1];
      tests.push(function (i) { return test(column[i]); });
    });
    return function (i) {
      for (var t = 0; t < tests.length; t += 1) if (!tests[t](i)) return false;
      return true;
    };
  }

  function index() {
    var data = window.CHRONOLOGY_EXPLORE;
    return data && data.events ? data : null;
  }

  function address(index, folder, id) {
    return index.folders[folder] + encodeURIComponent(id) + index.suffix;
  }

  window.ChronologyFilters = {
    KEYS: KEYS,
    parse: parse,
    serialise: serialise,
    resolve: resolve,
    compile: compile,
    index: index,
    dayOf: dayOf,
    eventUrl: function (index, i) { return address(index, "event", index.events.id[i]); },
    actorUrl: function (index, n) { return address(index, "actor", index.actors.id[n]); },
    placeUrl: function (index, n) { return address(index, "place", index.places.id[n]); }
  };
})();
