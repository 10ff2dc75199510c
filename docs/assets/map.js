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
 * Loaded on every page after Leaflet (window.L) and the basemap (window.CHRONOLOGY_BASEMAP);
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

    var borders = window.CHRONOLOGY_BASEMAP;
    if (borders && borders.type === "FeatureCollection" && borders.features) {
      window.L.geoJSON(borders, {
        interactive: false,
        style: function () {
          return { className: "chronology-map-country", weight: 0.7, fillOpacity: 1 };
        }
      }).addTo(map);
    }
    return map;
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

    fit(map, items.map(function (item) { return item.latlng; }), maxZoom, panelWidth());
    update(false);
  }

  // --- start ---------------------------------------------------------------------------------

  function init() {
    var containers = document.querySelectorAll("div.chronology-map");
    for (var i = 0; i < containers.length; i++) {
      var container = containers[i];
      if (container.getAttribute("data-map-ready")) continue; // already drawn
      container.setAttribute("data-map-ready", "true");
      if (!window.L || typeof window.L.map !== "function") {
        note(container, "The map could not be loaded.");
        continue;
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
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
