/* Chronology maps. Draws every <div class="chronology-map"> on the page with Leaflet over the
 * vendored Natural Earth country borders: no tile layer, nothing requested from any host, so
 * the maps work offline and from file://.
 *
 *   <div class="chronology-map" data-map="all" data-root="../"></div>
 *       every located event in window.CHRONOLOGY_MAP (data/map-data.js), coloured by type,
 *       with a year filter, a type legend and popups linking to the event pages. data-root is
 *       the relative path from this page to the site root; without it the root is worked out
 *       from this script's own address (…/assets/map.js).
 *   <div class="chronology-map" data-lat="33.26" data-lon="44.23" data-label="…" data-zoom="6">
 *       one place, one marker.
 *
 * Loaded (deferred) on the pages with a map; it inserts Leaflet (window.L) and the basemap
 * (window.CHRONOLOGY_BASEMAP) itself when a map is about to be seen (see "start" below).
 * data/map-data.js only on the Map page, before this script (its front matter lists it,
 * overrides/main.html loads it). Pages without a container do nothing; a missing library or
 * data file leaves a short note in the container instead of a map, never a script error.
 */
(function () {
  "use strict";

  // This script's address, captured while it runs (currentScript is null afterwards).
  var SCRIPT_SRC = document.currentScript && document.currentScript.src;

  var TYPE_COLOURS = {
    "rocket-attack": "#d62728",
    "drone-attack": "#ff7f0e",
    "airstrike": "#6a3d9a",
    "ied-attack": "#8c564b",
    "explosion": "#e377c2",
    "interception": "#1f77b4",
    "thwarted-attack": "#17becf",
    "arrest-raid": "#2ca02c",
    "protest": "#bcbd22",
    "political": "#7f7f7f",
    "diplomatic": "#393b79",
    "military-posture": "#637939",
    "statement": "#c5b0d5"
  };
  var OTHER_COLOUR = "#444444";
  // The year filter's value for events the chronology files as spanning years or open-ended.
  var SPANNING = "spanning";
  var PLACE_COLOUR = "#d62728";
  var RADIUS = 6; // marker radius, px
  var GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
  // Default view when there is nothing to fit: Iraq and its neighbours.
  var REGION_CENTRE = [31, 45];
  var REGION_ZOOM = 4;
  var panelCount = 0;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function note(container, message) {
    container.classList.add("chronology-map--unavailable");
    container.appendChild(element("p", "chronology-map-note", message));
  }

  function siteRoot(container) {
    var root = container.getAttribute("data-root");
    if (root !== null) return root === "" || /\/$/.test(root) ? root : root + "/";
    if (SCRIPT_SRC) {
      var match = /^(.*\/)assets\/map\.js(?:[?#].*)?$/.exec(SCRIPT_SRC);
      if (match) return match[1];
    }
    return "";
  }

  // A page address from map-data.js (relative to the site root) as seen from this page.
  // Anything with a scheme (javascript:, data:, …) or a leading slash is refused.
  function pageHref(root, url) {
    if (typeof url !== "string" || /^[a-z][a-z0-9+.-]*:/i.test(url) || /^[\/\\]/.test(url)) {
      return null;
    }
    return root + url;
  }

  function baseMap(container, options) {
    container.classList.add("chronology-map--active");
    if (!container.getAttribute("role")) container.setAttribute("role", "region");
    var map = window.L.map(container, {
      attributionControl: true,
      scrollWheelZoom: false, // page scrolling is not hijacked; click the map to enable
      minZoom: 1,
      maxZoom: options.maxZoom || 10,
      zoomSnap: 0.5
    });
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution("Borders: Natural Earth");
    map.on("click", function () { map.scrollWheelZoom.enable(); });
    map.on("mouseout", function () { map.scrollWheelZoom.disable(); });

    return map;
  }

  // About the smallest [west, south, east, north] around a feature's rings, computed once
  // from every fourth point of each ring (a quarter of the time; the view it is compared
  // with is padded by half its size, far more than a border bend the sample can miss).
  function featureBounds(feature) {
    if (feature.bbox) return feature.bbox;
    var box = [180, 90, -180, -90];
    (function walk(value) {
      if (typeof value[0][0] === "number") {
        for (var j = 0; j < value.length; j += j + 4 < value.length ? 4 : 1) {
          var point = value[j];
          if (point[0] < box[0]) box[0] = point[0];
          if (point[1] < box[1]) box[1] = point[1];
          if (point[0] > box[2]) box[2] = point[0];
          if (point[1] > box[3]) box[3] = point[1];
        }
        return;
      }
      for (var i = 0; i < value.length; i++) walk(value[i]);
    })((feature.geometry && feature.geometry.coordinates) || [[]]);
    feature.bbox = box;
    return box;
  }

  // Calls `each` on every item, a few milliseconds' worth at a time, each batch in a task of
  // its own after the current one: one long task would hold up a reader's tap or scroll (and
  // counts as blocking time in Lighthouse, which takes a phone to be four times slower).
  var TURN_MS = 10;
  function inTurns(items, each) {
    var next = 0;
    function turn() {
      var start = Date.now();
      while (next < items.length && Date.now() - start < TURN_MS) each(items[next++]);
      if (next < items.length) setTimeout(turn, 0);
    }
    setTimeout(turn, 0);
  }

  // The country borders, drawn after the map has its first view and only for the countries
  // within (or near) what is shown: projecting and drawing all ~240 of them as SVG was most
  // of a map's start-up time, for a view that shows a dozen. Countries come into view as the
  // reader pans or zooms out, and stay once drawn.
  function drawBorders(map) {
    var borders = window.CHRONOLOGY_BASEMAP;
    if (!borders || borders.type !== "FeatureCollection" || !Array.isArray(borders.features)) {
      return;
    }
    // A pane of their own under the markers' (overlayPane, z-index 400), so that countries
    // added later are never drawn over the markers.
    if (!map.getPane("chronology-borders")) map.createPane("chronology-borders").style.zIndex = 350;
    var layer = window.L.geoJSON(null, {
      pane: "chronology-borders",
      interactive: false,
      style: function () {
        return { className: "chronology-map-country", weight: 0.7, fillOpacity: 1 };
      }
    }).addTo(map);
    var left = borders.features.slice();
    function outside(feature, view) {
      var box = featureBounds(feature);
      return box[0] > view.getEast() || box[2] < view.getWest() ||
        box[1] > view.getNorth() || box[3] < view.getSouth();
    }
    function addVisible() {
      var shown = map.getBounds();
      var around = shown.pad(0.5);
      var seen = [];
      var near = [];
      left = left.filter(function (feature) {
        if (outside(feature, around)) return true;
        (outside(feature, shown) ? near : seen).push(feature);
        return false;
      });
      if (!left.length) map.off("moveend", addVisible);
      inTurns(seen.concat(near), function (feature) { layer.addData(feature); });
    }
    addVisible();
    map.on("moveend", addVisible);
  }

  // Show every point; `right` keeps them clear of a panel on the map's right-hand side.
  function fit(map, latlngs, maxZoom, right) {
    if (!latlngs.length) {
      map.setView(REGION_CENTRE, REGION_ZOOM);
      return;
    }
    map.fitBounds(window.L.latLngBounds(latlngs), {
      paddingTopLeft: [30, 30],
      paddingBottomRight: [30 + (right || 0), 30],
      maxZoom: latlngs.length === 1 ? Math.min(maxZoom, 6) : maxZoom
    });
  }

  // --- one place ---------------------------------------------------------------------------

  function placeMap(container) {
    var lat = parseFloat(container.getAttribute("data-lat"));
    var lon = parseFloat(container.getAttribute("data-lon"));
    var label = container.getAttribute("data-label") || "";
    var zoom = parseFloat(container.getAttribute("data-zoom"));
    if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      note(container, "No coordinates for this map.");
      return;
    }
    if (!container.getAttribute("aria-label")) {
      container.setAttribute("aria-label", label ? "Map: " + label : "Map");
    }
    container.classList.add("chronology-map--place");
    var map = baseMap(container, {});
    map.setView([lat, lon], isFinite(zoom) ? zoom : 6);
    drawBorders(map);
    var marker = window.L.circleMarker([lat, lon], {
      radius: RADIUS + 2,
      className: "chronology-map-marker",
      color: "#ffffff",
      weight: 2,
      fillColor: PLACE_COLOUR,
      fillOpacity: 0.95
    }).addTo(map);
    if (label) {
      marker.bindTooltip(element("span", null, label), {
        permanent: true,
        direction: "right",
        offset: [RADIUS + 4, 0],
        className: "chronology-map-label"
      });
    }
  }

  // --- every event -------------------------------------------------------------------------

  function colour(type) {
    return Object.prototype.hasOwnProperty.call(TYPE_COLOURS, type) ? TYPE_COLOURS[type] : OTHER_COLOUR;
  }

  function popup(event, root) {
    var box = element("div", "chronology-map-popup");
    var heading = element("div", "chronology-map-popup-title");
    var href = pageHref(root, event.url);
    var title = href ? element("a", null, event.title) : element("span", null, event.title);
    if (href) title.setAttribute("href", href);
    heading.appendChild(title);
    box.appendChild(heading);
    box.appendChild(element("div", null, (event.when || event.date) + " · " + (event.type_label || event.type)));
    var where = (event.precision_label ? event.precision_label + " " : "") + event.place;
    box.appendChild(element("div", "chronology-map-popup-place", where));
    return box;
  }

  // Markers that would overlap at the current zoom are spread out in a small sunflower
  // (Vogel's spiral) around the middle of their places, so every event can be clicked at
  // every zoom; closer in, they separate and sit at their own places again. Groups whose
  // sunflowers would touch are merged until none do. Items keep chronological order, so the
  // earliest event of a group is nearest its middle.
  var SPREAD = RADIUS + 4; // spiral spacing, px: neighbours are at least ~2.5 radii apart

  function extent(group) {
    var n = group.items.length;
    return (n === 1 ? 0 : SPREAD * Math.sqrt(n - 0.5)) + RADIUS + 1;
  }

  function declutter(map, shown) {
    var groups = shown.map(function (item) {
      return { centre: map.latLngToLayerPoint(item.latlng), items: [item] };
    });
    var merged = true;
    while (merged) {
      merged = false;
      for (var a = 0; a < groups.length; a++) {
        for (var b = a + 1; b < groups.length; b++) {
          var one = groups[a];
          var other = groups[b];
          if (one.centre.distanceTo(other.centre) >= extent(one) + extent(other)) continue;
          var n = one.items.length;
          var m = other.items.length;
          one.centre = one.centre.multiplyBy(n).add(other.centre.multiplyBy(m)).divideBy(n + m);
          one.items = one.items.concat(other.items);
          groups.splice(b, 1);
          b = a; // compare the grown group with all the others again
          merged = true;
        }
      }
    }
    groups.forEach(function (group) {
      if (group.items.length === 1) {
        group.items[0].marker.setLatLng(group.items[0].latlng);
        return;
      }
      group.items.sort(function (x, y) { return x.order - y.order; });
      group.items.forEach(function (item, i) {
        var r = SPREAD * Math.sqrt(i + 0.5);
        var angle = i * GOLDEN_ANGLE;
        var offset = window.L.point(r * Math.cos(angle), r * Math.sin(angle));
        item.marker.setLatLng(map.layerPointToLatLng(group.centre.add(offset)));
      });
    });
  }

  function allMap(container) {
    var data = window.CHRONOLOGY_MAP;
    if (!data || !Array.isArray(data.events)) {
      note(container, "The map data could not be loaded. The events are listed below.");
      return;
    }
    if (!container.getAttribute("aria-label")) {
      container.setAttribute("aria-label", "Map of all located events");
    }
    container.classList.add("chronology-map--all");
    var root = siteRoot(container);
    var maxZoom = 8;
    var map = baseMap(container, { maxZoom: 10 });
    var layer = window.L.layerGroup().addTo(map);

    var items = [];
    data.events.forEach(function (event) {
      var lat = Number(event.lat);
      var lon = Number(event.lon);
      if (!isFinite(lat) || !isFinite(lon)) return;
      var latlng = window.L.latLng(lat, lon);
      var marker = window.L.circleMarker(latlng, {
        radius: RADIUS,
        className: "chronology-map-marker",
        color: "#ffffff",
        weight: 1.5,
        fillColor: colour(event.type),
        fillOpacity: 0.95
      });
      marker.bindPopup(function () { return popup(event, root); }, { maxWidth: 280 });
      marker.bindTooltip(element("span", null, event.title), { direction: "top", offset: [0, -RADIUS] });
      items.push({ event: event, latlng: latlng, marker: marker, order: items.length });
    });

    // Types in the order map-data.js gives (the site's vocabulary order), then any others.
    var types = [];
    var labels = {};
    (Array.isArray(data.types) ? data.types : []).forEach(function (t) {
      if (t && !Object.prototype.hasOwnProperty.call(labels, t.id)) {
        types.push(t.id);
        labels[t.id] = t.label;
      }
    });
    var counts = {};
    var years = [];
    items.forEach(function (item) {
      var type = item.event.type;
      if (!Object.prototype.hasOwnProperty.call(labels, type)) {
        types.push(type);
        labels[type] = item.event.type_label || type;
      }
      counts[type] = (counts[type] || 0) + 1;
      if (years.indexOf(item.event.year) < 0) years.push(item.event.year);
    });
    // Events spanning years or open-ended have no year (null): their choice comes last.
    years.sort(function (a, b) { return a === null ? 1 : b === null ? -1 : a - b; });

    // --- controls: year, types, status -------------------------------------------------
    var panel = element("div", "chronology-map-panel leaflet-bar");
    var toggle = element("button", "chronology-map-toggle", "Filters");
    toggle.type = "button";
    var body = element("div", "chronology-map-panel-body");
    panelCount += 1;
    body.id = "chronology-map-filters-" + panelCount;
    toggle.setAttribute("aria-controls", body.id);
    panel.appendChild(toggle);
    panel.appendChild(body);

    var yearLabel = element("label", "chronology-map-year");
    yearLabel.appendChild(element("span", null, "Year "));
    var select = element("select");
    select.appendChild(new Option("All years", ""));
    years.forEach(function (year) {
      select.appendChild(year === null
        ? new Option("Spanning years or open-ended", SPANNING)
        : new Option(String(year), String(year)));
    });
    yearLabel.appendChild(select);
    body.appendChild(yearLabel);

    var fieldset = element("fieldset", "chronology-map-types");
    fieldset.appendChild(element("legend", null, "Event types"));
    var boxes = {};
    types.forEach(function (type) {
      var row = element("label", "chronology-map-type");
      var box = element("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = type;
      boxes[type] = box;
      var swatch = element("span", "chronology-map-swatch");
      swatch.style.backgroundColor = colour(type);
      swatch.setAttribute("aria-hidden", "true");
      row.appendChild(box);
      row.appendChild(swatch);
      row.appendChild(element("span", null, labels[type] + " (" + (counts[type] || 0) + ")"));
      fieldset.appendChild(row);
    });
    body.appendChild(fieldset);
    var status = element("p", "chronology-map-status");
    status.setAttribute("aria-live", "polite");
    body.appendChild(status);

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      body.hidden = !open;
    }
    setOpen(container.clientWidth >= 560);
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });

    var Panel = window.L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        window.L.DomEvent.disableClickPropagation(panel);
        window.L.DomEvent.disableScrollPropagation(panel);
        return panel;
      }
    });
    new Panel().addTo(map);

    function panelWidth() {
      return body.hidden ? 0 : panel.offsetWidth + 10;
    }

    var shown = [];
    function update(refit) {
      var year = select.value;
      shown = items.filter(function (item) {
        var type = item.event.type;
        var filed = item.event.year === null ? SPANNING : String(item.event.year);
        return (year === "" || filed === year) && boxes[type] && boxes[type].checked;
      });
      layer.clearLayers();
      if (refit) fit(map, shown.map(function (item) { return item.latlng; }), maxZoom, panelWidth());
      shown.forEach(function (item) { layer.addLayer(item.marker); });
      declutter(map, shown);
      status.textContent = "Showing " + shown.length + " of " + items.length + " located events.";
    }
    select.addEventListener("change", function () { update(true); });
    Object.keys(boxes).forEach(function (type) {
      boxes[type].addEventListener("change", function () { update(false); });
    });
    map.on("zoomend", function () { declutter(map, shown); });

    // The view once the browser has laid out the new map and panel (a frame later, in its own
    // task: fitting measures the map), then the markers in a task of their own (see inTurns).
    requestAnimationFrame(function () {
      setTimeout(function () {
        fit(map, items.map(function (item) { return item.latlng; }), maxZoom, panelWidth());
        drawBorders(map);
        setTimeout(function () { update(false); }, 0);
      }, 0);
    });
  }

  // --- start ---------------------------------------------------------------------------------
  // Pages list only this script (deferred). Leaflet, its styles and the basemap (~560 KB,
  // most of a map page's script time) are inserted when a map is about to be seen, so a
  // page whose map is further down paints and settles without them. Inserted elements work
  // from file:// too, where the bundle is opened.

  var LIBRARIES = ["assets/vendor/leaflet/leaflet.js", "assets/vendor/natural-earth/basemap.js"];
  var LIBRARY_STYLE = "assets/vendor/leaflet/leaflet.css";
  var waiting = null; // what to do once the libraries have loaded, while they load
  var settled = false; // they have loaded, or failed to (draw() then leaves a note)

  function leafletReady() {
    return window.L && typeof window.L.map === "function";
  }

  // The folder above assets/, from this script's address, else from the container.
  function assetRoot(container) {
    var match = SCRIPT_SRC && /^(.*\/)assets\/map\.js(?:[?#].*)?$/.exec(SCRIPT_SRC);
    return match ? match[1] : siteRoot(container);
  }

  function loadLibraries(container, done) {
    if (leafletReady() || settled) return done(); // or a page that loads them itself
    if (waiting) return waiting.push(done);
    waiting = [done];
    var root = assetRoot(container);
    var pending = 0;
    function loaded() {
      pending -= 1;
      if (pending) return;
      var callbacks = waiting;
      waiting = null;
      settled = true;
      // Each map is drawn in a task of its own, not in the one that ran the basemap.
      callbacks.forEach(function (callback) { setTimeout(callback, 0); });
    }
    var style = element("link");
    style.rel = "stylesheet";
    style.href = root + LIBRARY_STYLE;
    var elements = [style];
    LIBRARIES.forEach(function (path) {
      var script = element("script");
      script.src = root + path;
      script.async = false; // fetched together, run in this order: Leaflet, then the basemap
      elements.push(script);
    });
    pending = elements.length;
    // Leaflet's styles go before map.css, whose rules of equal weight must win.
    var ours = document.querySelector('link[rel="stylesheet"][href*="assets/map.css"]');
    elements.forEach(function (node) {
      node.onload = node.onerror = loaded;
      if (node === style && ours) ours.parentNode.insertBefore(node, ours);
      else document.head.appendChild(node);
    });
  }

  function draw(container) {
    if (!leafletReady()) {
      note(container, "The map could not be loaded.");
      return;
    }
    try {
      if (container.getAttribute("data-map") === "all") {
        allMap(container);
      } else if (container.hasAttribute("data-lat")) {
        placeMap(container);
      }
    } catch (error) {
      note(container, "The map could not be drawn.");
      if (window.console && window.console.warn) window.console.warn("chronology map:", error);
    }
  }

  // Calls `show` once the container is within 300 px of the viewport.
  function whenNear(container, show) {
    if (!("IntersectionObserver" in window)) return show();
    var observer = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      observer.disconnect();
      show();
    }, { rootMargin: "300px 0px" });
    observer.observe(container);
  }

  function init() {
    var containers = document.querySelectorAll("div.chronology-map");
    Array.prototype.forEach.call(containers, function (container) {
      if (container.getAttribute("data-map-ready")) return; // already drawn
      container.setAttribute("data-map-ready", "true");
      whenNear(container, function () {
        loadLibraries(container, function () { draw(container); });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
