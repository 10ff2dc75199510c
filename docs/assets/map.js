/* Chronology maps. Draws every <div class="chronology-map"> on the page with Leaflet over the
 * vendored Natural Earth country borders: no tile layer, nothing requested from any host, so
 * the maps work offline and from file://.
 *
 *   <div class="chronology-map" data-map="all" data-root="../"></div>
 *       every located event in window.CHRONOLOGY_MAP (data/map-data.js). Events at a site are
 *       markers at their place, coloured by type, clustered where they would overlap
 *       (leaflet.markercluster: a cluster shows its count and opens into its events); events
 *       placed only at an area (a country, region or border area) are the area: its outline
 *       hatched and a marker "somewhere in Iraq (12 events)" listing them. Filters use the
 *       explorer's address scheme (assets/filters.js over data/explore-index.js), kept in the
 *       address; the page's list of events follows them. data-root is the relative path from
 *       this page to the site root; without it the root is worked out from this script's
 *       own address (…/assets/map.js).
 *   <div class="chronology-map" data-lat="33.26" data-lon="44.23" data-label="…" data-zoom="6"
 *        data-context='[["Baghdad", 33.3, 44.4], …]' [data-area="somewhere in Iraq"
 *        data-outline='["Iraq"]']>
 *       one place with its name; the nearest other places, each a small dot with a lighter
 *       name, left out where they would crowd its marker; the country it lies in, always
 *       named, and its neighbours. An area is drawn as an area.
 *
 * Loaded (deferred) on the pages with a map; it inserts Leaflet (window.L), the clustering
 * library (Map page only) and the basemap (window.CHRONOLOGY_BASEMAP) itself when a map is
 * about to be seen (see "start" below). The Map page loads its data before this script (its
 * front matter lists it). A missing library or data file leaves a short note in the container
 * instead of a map, never a script error. Text from the data is only ever set as text.
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
  var MARKER = 14; // an event marker's diameter, px
  var MAX_ZOOM = 12; // the closest a map goes: places of one city apart, with room for markers
  // Clusters gather markers within this many px; at MAX_ZOOM only events at one point remain
  // together, so a cluster opened there spreads from its events' true point.
  var CLUSTER_RADIUS = 30;
  // Default view when there is nothing to fit: Iraq and its neighbours.
  var REGION_CENTRE = [33, 44];
  var REGION_ZOOM = 4;
  var serial = 0;
  var has = Object.prototype.hasOwnProperty;

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

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
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

  function readJson(container, name) {
    try {
      var value = JSON.parse(container.getAttribute(name) || "null");
      return value;
    } catch (error) {
      return null;
    }
  }

  function baseMap(container) {
    container.classList.add("chronology-map--active");
    if (!container.getAttribute("role")) container.setAttribute("role", "region");
    var map = window.L.map(container, {
      attributionControl: true,
      scrollWheelZoom: false, // page scrolling is not hijacked; click the map to enable
      minZoom: 1,
      maxZoom: MAX_ZOOM,
      zoomSnap: 0.5
    });
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution("Borders: Natural Earth");
    map.on("click", function () { map.scrollWheelZoom.enable(); });
    map.on("mouseout", function () { map.scrollWheelZoom.disable(); });
    // Panes, bottom to top: borders, hatched areas, labels, then Leaflet's markers (600).
    [["chronology-borders", 350], ["chronology-areas", 360], ["chronology-labels", 450]]
      .forEach(function (pane) { map.createPane(pane[0]).style.zIndex = pane[1]; });
    map.getPane("chronology-labels").style.pointerEvents = "none";
    return map;
  }

  // A div icon whose element carries an accessible name (Leaflet makes a keyboard-operable
  // marker's icon a focusable role="button"). `html` is an element, never markup.
  function icon(className, size, label, html) {
    var Named = window.L.DivIcon.extend({
      createIcon: function (old) {
        var div = window.L.DivIcon.prototype.createIcon.call(this, old);
        if (label) div.setAttribute("aria-label", label);
        return div;
      }
    });
    return new Named({
      className: className,
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
      html: html || ""
    });
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
  function inTurns(items, each, done) {
    var next = 0;
    function turn() {
      var start = Date.now();
      while (next < items.length && Date.now() - start < TURN_MS) each(items[next++]);
      if (next < items.length) setTimeout(turn, 0);
      else if (done) done();
    }
    setTimeout(turn, 0);
  }

  function basemapFeatures() {
    var borders = window.CHRONOLOGY_BASEMAP;
    if (!borders || borders.type !== "FeatureCollection" || !Array.isArray(borders.features)) {
      return [];
    }
    return borders.features;
  }

  // The basemap's country whose name is one of `names` (a place's name and aliases, compared
  // without case): how an area place finds its outline.
  function outlineOf(names) {
    if (!Array.isArray(names) || !names.length) return null;
    var wanted = names.map(function (name) { return String(name).toLowerCase(); });
    var features = basemapFeatures();
    for (var i = 0; i < features.length; i++) {
      var name = features[i].properties && features[i].properties.name;
      if (typeof name === "string" && wanted.indexOf(name.toLowerCase()) >= 0) return features[i];
    }
    return null;
  }

  // The country borders, drawn after the map has its first view and only for the countries
  // within (or near) what is shown: projecting and drawing all ~240 of them as SVG was most
  // of a map's start-up time, for a view that shows a dozen. Countries come into view as the
  // reader pans or zooms out, and stay once drawn.
  function drawBorders(map) {
    var layer = window.L.geoJSON(null, {
      pane: "chronology-borders",
      interactive: false,
      style: function () {
        return { className: "chronology-map-country", weight: 0.7, fillOpacity: 1 };
      }
    }).addTo(map);
    var left = basemapFeatures().slice();
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

  // An area drawn as an area: its outline filled with a hatch (an SVG pattern in the areas'
  // own renderer; Leaflet writes fillColor into the path's fill attribute).
  function hatchedArea(map, feature) {
    var renderer = window.L.svg({ pane: "chronology-areas" });
    var id = "chronology-hatch-" + (serial += 1);
    var layer = window.L.geoJSON(feature, {
      pane: "chronology-areas",
      renderer: renderer,
      interactive: false,
      style: function () {
        return {
          className: "chronology-map-area",
          weight: 1.5,
          dashArray: "4 3",
          fillColor: "url(#" + id + ")",
          fillOpacity: 1
        };
      }
    }).addTo(map);
    // The renderer's <svg> exists once the map has a view (Leaflet adds layers then).
    map.whenReady(function () {
      var svg = renderer._container;
      var ns = svg.namespaceURI;
      var defs = document.createElementNS(ns, "defs");
      var pattern = document.createElementNS(ns, "pattern");
      pattern.setAttribute("id", id);
      pattern.setAttribute("width", "8");
      pattern.setAttribute("height", "8");
      pattern.setAttribute("patternUnits", "userSpaceOnUse");
      pattern.setAttribute("patternTransform", "rotate(45)");
      var line = document.createElementNS(ns, "line");
      line.setAttribute("x1", "0");
      line.setAttribute("y1", "0");
      line.setAttribute("x2", "0");
      line.setAttribute("y2", "8");
      line.setAttribute("class", "chronology-map-hatch");
      pattern.appendChild(line);
      defs.appendChild(pattern);
      svg.insertBefore(defs, svg.firstChild);
    });
    return layer;
  }

  // --- labels --------------------------------------------------------------------------------
  // Names on the map (places, areas, countries), none over another: after every move the
  // labels in view are placed busiest first and one that would overlap a placed label, or a
  // marker the map asks to keep clear, is hidden until the reader zooms in.

  // How close (px) a context place's dot may come to the map's own marker or to a dot
  // already named: closer, it would read as a name for the marker, so it is left out.
  var CLEAR = 12;
  var DOT = 5; // a context place's dot, px

  function Labeller(map) {
    this.map = map;
    this.items = [];
    this.layer = window.L.layerGroup().addTo(map);
    this.obstacles = function () { return []; };
    this.anchors = function () { return []; }; // latlngs the dots keep CLEAR of
    var self = this;
    // After the move's other handlers (the clusters are redrawn on zoomend and moveend).
    map.on("moveend", function () { setTimeout(function () { self.place(); }, 0); });
  }

  // `item`: {latlng, text, rank (higher first), className, dx: px right of the point, or
  // centred on it when absent; dot: true to mark the point (a context place), shown and
  // hidden with the name; feature: a country's outline, its name then placed at its label
  // point or, when that is taken or out of view, at another point inside it; on: false to
  // keep it hidden}. The label's element sits at the point with no size; its text is placed
  // around it by map.css and `dx`.
  Labeller.prototype.add = function (item) {
    item.span = element("span", null, item.text);
    var dot = item.dot ? element("i", "chronology-map-dot") : null;
    var Icon = window.L.DivIcon.extend({
      createIcon: function (old) {
        var div = window.L.DivIcon.prototype.createIcon.call(this, old);
        if (dot) div.insertBefore(dot, div.firstChild);
        return div;
      }
    });
    item.marker = window.L.marker(item.latlng, {
      pane: "chronology-labels",
      interactive: false,
      keyboard: false,
      icon: new Icon({
        className: "chronology-map-label " + (item.className || ""),
        iconSize: [0, 0],
        iconAnchor: [0, 0],
        html: item.span
      })
    });
    if (item.feature) item.bounds = featureBounds(item.feature);
    item.on = item.on !== false;
    this.items.push(item);
    return item;
  };

  Labeller.prototype.setText = function (item, text) {
    item.text = text;
    item.span.textContent = text;
    item.width = 0; // measured again when next placed
  };

  // Three passes, so the browser lays the labels out once, not once per label: add the
  // labels in view, measure the new ones, then place them.
  Labeller.prototype.place = function () {
    var map = this.map;
    var view = map.getBounds();
    var size = map.getSize();
    var layer = this.layer;
    var ordered = this.items.slice().sort(function (a, b) { return b.rank - a.rank; });
    var showing = ordered.filter(function (item) {
      var show = item.on && (item.feature ? meets(view, item.bounds) : view.contains(item.latlng));
      if (!show && layer.hasLayer(item.marker)) layer.removeLayer(item.marker);
      if (show && !layer.hasLayer(item.marker)) layer.addLayer(item.marker);
      return show && item.marker.getElement(); // none while the first view is being set
    });
    showing.forEach(function (item) {
      if (!item.width) {
        item.width = item.span.offsetWidth;
        item.height = item.span.offsetHeight;
      }
    });
    var taken = this.obstacles().concat(controlBoxes(map));
    var dots = this.anchors().map(function (at) { return map.latLngToContainerPoint(at); });
    showing.forEach(function (item) {
      var box = null;
      if (item.dot) {
        var p = map.latLngToContainerPoint(item.latlng);
        var r = DOT / 2 + 1;
        var mark = { left: p.x - r, right: p.x + r, top: p.y - r, bottom: p.y + r };
        var apart = dots.every(function (q) { return p.distanceTo(q) >= CLEAR; });
        box = apart && !taken.some(overlaps(mark)) ? spot(item, taken, map, size) : null;
        if (box) {
          taken.push(mark);
          dots.push(p);
        }
      } else if (!item.bounds || wideEnough(map, item)) {
        box = spot(item, taken, map, size) || (item.feature && roam(item, taken, map, size));
      }
      item.marker.getElement().classList.toggle("chronology-map-label--hidden", !box);
      if (box) taken.push(box);
    });
  };

  // Whether a [west, south, east, north] box meets the view.
  function meets(view, box) {
    return box[0] <= view.getEast() && box[2] >= view.getWest() &&
      box[1] <= view.getNorth() && box[3] >= view.getSouth();
  }

  // Whether a country spans more than its name.
  function wideEnough(map, item) {
    var west = map.latLngToContainerPoint([item.bounds[1], item.bounds[0]]);
    var east = map.latLngToContainerPoint([item.bounds[3], item.bounds[2]]);
    return east.x - west.x > item.width + 8;
  }

  function fits(box, taken, size) {
    return box.right <= size.x && box.left >= 0 && box.top >= 0 && box.bottom <= size.y &&
      !taken.some(overlaps(box));
  }

  // The first free box for the label (and its text moved there), or null.
  function spot(item, taken, map, size) {
    var p = map.latLngToContainerPoint(item.latlng);
    var w = item.width;
    var h = item.height;
    var d = item.dx;
    // Where the text's top left corner may go, from the point: a place's name right of
    // it, else left, below or above (moved sideways to stay on the map, a bit farther if
    // need be); a country's centred on its label point.
    var centred = Math.min(Math.max(-w / 2, -p.x), size.x - p.x - w);
    var offsets = d === undefined ? [[-w / 2, -h / 2]]
      : [[d, -h / 2], [-d - w, -h / 2], [centred, d - 4], [centred, 4 - d - h],
        [centred, d + 10], [centred, -10 - d - h]];
    for (var k = 0; k < offsets.length; k++) {
      var left = p.x + offsets[k][0];
      var top = p.y + offsets[k][1];
      var box = { left: left, top: top, right: left + w, bottom: top + h };
      if (fits(box, taken, size)) {
        item.span.style.left = offsets[k][0] + "px";
        item.span.style.top = offsets[k][1] + "px";
        return box;
      }
    }
    return null;
  }

  // A country's name moved to a free spot inside it, when its label point is taken or out of
  // view: the nearest to the label point of a grid of points over the part of the country in
  // view whose name's box lies inside the outline (never astride a border), or null.
  var ROAM_GRID = 6;
  function roam(item, taken, map, size) {
    var w = item.width;
    var h = item.height;
    var home = map.latLngToContainerPoint(item.latlng);
    var nw = map.latLngToContainerPoint([item.bounds[3], item.bounds[0]]);
    var se = map.latLngToContainerPoint([item.bounds[1], item.bounds[2]]);
    var left = Math.max(0, nw.x);
    var top = Math.max(0, nw.y);
    var right = Math.min(size.x, se.x);
    var bottom = Math.min(size.y, se.y);
    if (right - left < w || bottom - top < h) return null;
    var points = [];
    for (var i = 0; i < ROAM_GRID; i++) {
      for (var j = 0; j < ROAM_GRID; j++) {
        points.push(window.L.point(left + (i + 0.5) * (right - left) / ROAM_GRID,
          top + (j + 0.5) * (bottom - top) / ROAM_GRID));
      }
    }
    points.sort(function (a, b) { return a.distanceTo(home) - b.distanceTo(home); });
    for (var k = 0; k < points.length; k++) {
      var c = points[k];
      var box = { left: c.x - w / 2, top: c.y - h / 2, right: c.x + w / 2, bottom: c.y + h / 2 };
      if (!fits(box, taken, size)) continue;
      var corners = [c, [box.left, box.top], [box.right, box.top], [box.left, box.bottom],
        [box.right, box.bottom]];
      var within = corners.every(function (at) {
        var ll = map.containerPointToLatLng(at);
        return contains(item.feature, ll.lng, ll.lat);
      });
      if (within) {
        item.span.style.left = (box.left - home.x) + "px";
        item.span.style.top = (box.top - home.y) + "px";
        return box;
      }
    }
    return null;
  }

  // Whether (lon, lat) lies inside a country's outline (a Polygon or MultiPolygon; even-odd
  // over all its rings, so holes are outside).
  function contains(feature, lon, lat) {
    var box = featureBounds(feature); // sampled: padded by a degree
    if (lon < box[0] - 1 || lon > box[2] + 1 || lat < box[1] - 1 || lat > box[3] + 1) return false;
    var geometry = feature.geometry || {};
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates]
      : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    var odd = false;
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          var a = ring[i];
          var b = ring[j];
          if ((a[1] > lat) !== (b[1] > lat) &&
              lon < (b[0] - a[0]) * (lat - a[1]) / (b[1] - a[1]) + a[0]) odd = !odd;
        }
      });
    });
    return odd;
  }

  // The basemap's country whose outline holds the point, or null (at sea, or no basemap).
  function countryAt(lat, lon) {
    var features = basemapFeatures();
    for (var i = 0; i < features.length; i++) {
      if (contains(features[i], lon, lat)) return features[i];
    }
    return null;
  }

  function overlaps(box) {
    return function (other) {
      return box.left < other.right && other.left < box.right &&
        box.top < other.bottom && other.top < box.bottom;
    };
  }

  // The boxes of the map's controls shown (zoom buttons, attribution, notes, the Map page's
  // panel), in container pixels: a name under one would be cut.
  function controlBoxes(map) {
    var container = map.getContainer();
    var frame = container.getBoundingClientRect();
    var boxes = [];
    container.querySelectorAll(".leaflet-control").forEach(function (control) {
      var r = control.getBoundingClientRect();
      if (!r.width || !r.height) return;
      boxes.push({ left: r.left - frame.left - 2, right: r.right - frame.left + 2,
        top: r.top - frame.top - 2, bottom: r.bottom - frame.top + 2 });
    });
    return boxes;
  }

  // The boxes of drawn markers (`layers`), in container pixels, for labels to keep clear of:
  // the icon's drawn size (a cluster is its own icon, with no iconSize), else its set size.
  function iconBoxes(map, layers) {
    return layers.map(function (layer) {
      var p = map.latLngToContainerPoint(layer.getLatLng());
      var el = layer.getElement && layer.getElement();
      var size = el && el.offsetWidth ? [el.offsetWidth, el.offsetHeight]
        : layer.options.icon.options.iconSize || [0, 0];
      var w = (size.x !== undefined ? size.x : size[0]) / 2 + 2;
      var h = (size.y !== undefined ? size.y : size[1]) / 2 + 2;
      return { left: p.x - w, right: p.x + w, top: p.y - h, bottom: p.y + h };
    });
  }

  // Country names at their label points (inside each country), below every place's name;
  // the items by feature.
  function countryLabels(labeller) {
    var items = [];
    basemapFeatures().forEach(function (feature) {
      var props = feature.properties || {};
      if (!Array.isArray(props.label) || typeof props.name !== "string") return;
      items.push(labeller.add({
        latlng: window.L.latLng(props.label[1], props.label[0]),
        text: props.name,
        rank: -1,
        className: "chronology-map-label--country",
        feature: feature
      }));
    });
    return items;
  }

  // --- one place -------------------------------------------------------------------------------

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
    var map = baseMap(container);
    map.setView([lat, lon], isFinite(zoom) ? zoom : 6);
    drawBorders(map);
    var labeller = new Labeller(map);
    var area = container.hasAttribute("data-area");
    var outline = area ? outlineOf(readJson(container, "data-outline")) : null;
    if (outline) {
      hatchedArea(map, outline);
    } else if (area) {
      window.L.circle([lat, lon], {
        radius: 60000, pane: "chronology-areas", interactive: false,
        className: "chronology-map-area", dashArray: "4 3", weight: 1.5, fillOpacity: 0.15
      }).addTo(map);
    }
    var here = window.L.marker([lat, lon], {
      interactive: false,
      keyboard: false,
      icon: icon("chronology-map-place" + (area ? " chronology-map-place--area" : ""), area ? 10 : MARKER)
    }).addTo(map);
    here.getElement().setAttribute("data-lat", String(lat));
    here.getElement().setAttribute("data-lon", String(lon));
    if (label) {
      labeller.add({ latlng: [lat, lon], text: label, rank: 1000, className: "chronology-map-label--own", dx: 10 });
    }
    // Nearby places, each a small dot with a lighter name, left out where it would crowd the
    // marker; then the countries, the one the place lies in first (unless the map is of that
    // country: its own name says it).
    labeller.obstacles = function () { return iconBoxes(map, [here]); };
    labeller.anchors = function () { return [[lat, lon]]; };
    var context = readJson(container, "data-context");
    (Array.isArray(context) ? context : []).forEach(function (place, i) {
      if (!Array.isArray(place) || typeof place[0] !== "string") return;
      var at = [Number(place[1]), Number(place[2])];
      if (!isFinite(at[0]) || !isFinite(at[1])) return;
      labeller.add({ latlng: at, text: place[0], rank: 100 - i, className: "chronology-map-label--context",
        dx: 6, dot: true });
    });
    var home = countryAt(lat, lon);
    countryLabels(labeller).forEach(function (item) {
      if (item.feature === outline) item.on = false; // the map's own name says it
      if (item.feature === home && home !== outline) {
        item.rank = 500;
        item.marker.options.icon.options.className += " chronology-map-label--home";
      }
    });
    labeller.place();
  }

  // --- every event ---------------------------------------------------------------------------

  function colour(type) {
    return has.call(TYPE_COLOURS, type) ? TYPE_COLOURS[type] : OTHER_COLOUR;
  }

  function eventLine(event, root, withPlace) {
    var box = element("div", "chronology-map-popup-event");
    var heading = element("div", "chronology-map-popup-title");
    var href = pageHref(root, event.url);
    var title = href ? element("a", null, event.title) : element("span", null, event.title);
    if (href) title.setAttribute("href", href);
    heading.appendChild(title);
    box.appendChild(heading);
    box.appendChild(element("div", null, (event.when || event.date) + " · " + (event.type_label || event.type)));
    if (withPlace) {
      var where = (event.precision_label ? event.precision_label + " " : "") + event.place;
      box.appendChild(element("div", "chronology-map-popup-place", where));
    }
    return box;
  }

  function areaPopup(area, root) {
    var box = element("div", "chronology-map-popup chronology-map-popup--area");
    box.appendChild(element("p", "chronology-map-popup-lead",
      "Placed only " + area.phrase + ", not at a site:"));
    area.shown.forEach(function (item) { box.appendChild(eventLine(item.event, root, false)); });
    return box;
  }

  function allMap(container) {
    var data = window.CHRONOLOGY_MAP;
    if (!data || !Array.isArray(data.events)) {
      note(container, "The map data could not be loaded. The events are listed below.");
      return;
    }
    if (!window.L.MarkerClusterGroup) {
      note(container, "The map could not be loaded. The events are listed below.");
      return;
    }
    if (!container.getAttribute("aria-label")) {
      container.setAttribute("aria-label", "Map of all located events");
    }
    container.classList.add("chronology-map--all");
    var root = siteRoot(container);
    var map = baseMap(container);
    var filters = window.ChronologyFilters;
    var index = filters && filters.index();
    var labeller = new Labeller(map);

    var places = {};
    (Array.isArray(data.locations) ? data.locations : []).forEach(function (place) {
      if (place && typeof place.id === "string") places[place.id] = place;
    });
    var number = {};
    if (index) index.events.id.forEach(function (id, i) { number[id] = i; });

    // Events at a site are markers (clustered); events at an area are gathered per area.
    var items = [];
    var areas = {};
    data.events.forEach(function (event) {
      var lat = Number(event.lat);
      var lon = Number(event.lon);
      if (!isFinite(lat) || !isFinite(lon)) return;
      var place = places[event.place_id] || {};
      var item = { event: event, latlng: window.L.latLng(lat, lon), index: number[event.id] };
      items.push(item);
      if (place.area) {
        var area = areas[place.id];
        if (!area) {
          var outline = outlineOf(place.outline);
          var label = outline && outline.properties.label;
          area = areas[place.id] = {
            place: place, phrase: place.area, items: [], shown: [], outline: outline,
            // The area's marker sits where its name goes: the outline's label point.
            latlng: label ? window.L.latLng(label[1], label[0]) : item.latlng
          };
        }
        area.items.push(item);
        item.area = area;
        return;
      }
      item.marker = window.L.marker(item.latlng, {
        icon: icon("chronology-map-event", MARKER,
          event.title + ", " + (event.when || event.date) + ", " + (event.precision_label || "at") + " " + event.place),
        riseOnHover: true
      });
      item.marker.on("add", function () {
        var node = item.marker.getElement();
        node.style.backgroundColor = colour(event.type);
        node.setAttribute("data-event", event.id);
      });
      item.marker.bindPopup(function () {
        var box = element("div", "chronology-map-popup");
        box.appendChild(eventLine(event, root, true));
        return box;
      }, popupOptions());
    });

    // Popups stay in view, clear of the filter panel (top right) and of the line under it
    // (bottom): Leaflet reads the padding when it pans, and update() keeps it to the panel's
    // width (none while the panel is closed, as on a phone at first).
    var clearOfPanel = [12, 40];
    function popupOptions() {
      return { maxWidth: 280, autoPanPaddingTopLeft: [12, 12], autoPanPaddingBottomRight: clearOfPanel };
    }

    var clusters = window.L.markerClusterGroup({
      maxClusterRadius: function (zoom) { return zoom >= MAX_ZOOM ? 1 : CLUSTER_RADIUS; },
      showCoverageOnHover: false,
      chunkedLoading: true, // thousands of markers are added in slices, not one long task
      // Names keep clear of the clusters once all are drawn.
      chunkProgress: function (done, total) { if (done === total) labeller.place(); },
      spiderLegPolylineOptions: { className: "chronology-map-leg", weight: 1.5, opacity: 0.8 },
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        return icon("chronology-map-cluster", n < 10 ? 28 : n < 100 ? 34 : 40,
          "Group of " + n + " events: open", element("span", null, n));
      }
    }).addTo(map);
    var areaLayer = window.L.layerGroup().addTo(map);

    Object.keys(areas).forEach(function (id) {
      var area = areas[id];
      if (area.outline) area.hatch = hatchedArea(map, area.outline);
      area.text = element("span", "chronology-map-area-text");
      area.marker = window.L.marker(area.latlng, {
        icon: icon("chronology-map-area-marker", 20, null, element("span", null, "~")),
        zIndexOffset: -1000
      });
      area.marker.on("add", function () {
        var node = area.marker.getElement();
        node.setAttribute("aria-label", area.words + ": list them");
        node.setAttribute("data-area", area.place.id);
      });
      area.marker.bindPopup(function () { return areaPopup(area, root); }, popupOptions());
      area.label = labeller.add({ latlng: area.latlng, text: "", rank: 1e6, dx: 14, on: false,
        className: "chronology-map-label--area" });
    });

    // --- controls ------------------------------------------------------------------------
    var state = filters ? filters.parse(location.hash || location.search) : null;
    var panel = element("div", "chronology-map-panel leaflet-bar");
    var toggle = element("button", "chronology-map-toggle", "Filters");
    toggle.type = "button";
    var body = element("div", "chronology-map-panel-body");
    body.id = "chronology-map-filters-" + (serial += 1);
    toggle.setAttribute("aria-controls", body.id);
    panel.appendChild(toggle);
    panel.appendChild(body);

    var controls = filterControls(body, data, index, items);
    var status = element("p", "chronology-map-status");
    status.setAttribute("aria-live", "polite");
    body.appendChild(status);
    var problems = element("p", "chronology-map-problems");
    body.appendChild(problems);
    var explore = element("a", "chronology-map-explore", "Open in the explorer");
    if (index) body.appendChild(explore);

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      body.hidden = !open;
    }
    setOpen(container.clientWidth >= 560);
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
      clearOfPanel[0] = panelWidth() + 12;
      labeller.place();
    });
    leafletControl(map, panel, "topright");

    // "2 events outside this view · Show all"
    var outside = element("div", "chronology-map-outside leaflet-bar");
    var outsideText = element("span");
    var showAll = element("button", "chronology-map-show-all", "Show all");
    showAll.type = "button";
    outside.appendChild(outsideText);
    outside.appendChild(document.createTextNode(" · "));
    outside.appendChild(showAll);
    outside.hidden = true;
    leafletControl(map, outside, "bottomleft");

    function panelWidth() {
      return body.hidden ? 0 : panel.offsetWidth + 10;
    }

    var shown = [];
    function shownLatLngs() {
      return shown.map(function (item) { return item.area ? item.area.latlng : item.latlng; });
    }
    function countOutside() {
      var view = map.getBounds();
      var n = shown.filter(function (item) {
        return !view.contains(item.area ? item.area.latlng : item.latlng);
      }).length;
      outsideText.textContent = plural(n, "event", "events") + " outside this view";
      outside.hidden = n === 0;
    }
    // An area's marker is drawn while its events are shown and it is in view: one outside
    // would still take the keyboard's focus, and focusing it scrolls the map's box.
    function showAreaMarkers() {
      var view = map.getBounds().pad(0.05);
      Object.keys(areas).forEach(function (id) {
        var area = areas[id];
        var wanted = area.shown.length > 0 && view.contains(area.latlng);
        if (wanted && !areaLayer.hasLayer(area.marker)) areaLayer.addLayer(area.marker);
        if (!wanted && areaLayer.hasLayer(area.marker)) areaLayer.removeLayer(area.marker);
      });
    }
    map.on("moveend", showAreaMarkers);
    showAll.addEventListener("click", function () {
      fit(map, shownLatLngs(), panelWidth());
    });
    map.on("moveend", countOutside);

    var list = eventList(container, data, root);

    function update() {
      var test = index ? filters.compile(index, state) : null;
      var others = index ? filters.compile(index, withoutTypes(state)) : null;
      shown = items.filter(function (item) {
        return !test || (item.index !== undefined && test(item.index));
      });
      var visible = {};
      shown.forEach(function (item) { visible[item.event.id] = true; });
      clusters.clearLayers();
      clusters.addLayers(shown.filter(function (item) { return item.marker; })
        .map(function (item) { return item.marker; }));
      areaLayer.clearLayers();
      Object.keys(areas).forEach(function (id) {
        var area = areas[id];
        area.shown = area.items.filter(function (item) { return visible[item.event.id]; });
        var n = area.shown.length;
        area.words = area.phrase + " (" + plural(n, "event", "events") + ")";
        area.label.on = n > 0;
        labeller.setText(area.label, area.words);
        if (area.hatch) {
          area.hatch.eachLayer(function (layer) {
            var path = layer.getElement && layer.getElement();
            if (path) path.classList.toggle("chronology-map-area--empty", n === 0);
          });
        }
      });
      showAreaMarkers();
      clearOfPanel[0] = panelWidth() + 12;
      labeller.place();
      var counts = {};
      if (others) {
        items.forEach(function (item) {
          if (item.index !== undefined && others(item.index)) {
            counts[item.event.type] = (counts[item.event.type] || 0) + 1;
          }
        });
      }
      controls.show(state, others ? counts : null);
      status.textContent = "Showing " + shown.length + " of " + plural(items.length, "located event", "located events") + ".";
      var unread = state ? filters.resolve(index, state).problems : [];
      problems.textContent = unread.length ? "Not applied: " + unread.join("; ") + "." : "";
      problems.hidden = !unread.length;
      if (index) explore.setAttribute("href", exploreHref(root, index, state));
      list.follow(visible, shown.length, items.length);
      countOutside();
    }

    function writeAddress() {
      state.page = 1;
      var text = filters.serialise(state);
      history.replaceState(history.state, "", location.pathname + (text ? "#" + text : ""));
    }
    function setState(next) {
      state = next;
      writeAddress();
      update();
    }
    controls.onChange = function (change) {
      var next = {};
      Object.keys(state).forEach(function (key) { next[key] = state[key]; });
      change(next);
      setState(next);
    };
    if (state) {
      // Links from other pages carry the filters as a query; the address keeps them in the
      // fragment, as the explorer's does.
      if (!location.hash && location.search) writeAddress();
      window.addEventListener("hashchange", function () {
        state = filters.parse(location.hash);
        update();
      });
    }

    // Names keep clear of the markers, clusters and area markers drawn.
    labeller.obstacles = function () {
      var drawn = [];
      var seen = {};
      shown.forEach(function (item) {
        var layer = item.marker ? clusters.getVisibleParent(item.marker) : item.area.marker;
        if (!layer || !map.hasLayer(layer) || seen[window.L.stamp(layer)]) return;
        seen[window.L.stamp(layer)] = true;
        drawn.push(layer);
      });
      var boxes = iconBoxes(map, drawn);
      if (!body.hidden) {
        var frame = container.getBoundingClientRect();
        var at = panel.getBoundingClientRect();
        boxes.push({ left: at.left - frame.left - 4, right: at.right - frame.left,
          top: at.top - frame.top, bottom: at.bottom - frame.top + 4 });
      }
      return boxes;
    };
    Object.keys(places).forEach(function (id) {
      var place = places[id];
      if (place.area || !place.events) return;
      labeller.add({ latlng: [place.lat, place.lon], text: place.name, rank: place.weight || 0,
        className: "chronology-map-label--place", dx: 12 });
    });
    countryLabels(labeller);

    // For the tests and the curious: the map and what is drawn on it.
    container.chronologyMap = {
      map: map, clusters: clusters, items: items, areas: areas,
      shown: function () { return shown; }
    };

    // The view once the browser has laid out the new map and panel (a frame later, in its own
    // task: fitting measures the map), then the markers in a task of their own (see inTurns).
    requestAnimationFrame(function () {
      setTimeout(function () {
        openingView(map, data.frame, items, panelWidth());
        drawBorders(map);
        setTimeout(function () {
          update();
          container.setAttribute("data-map-drawn", "true");
        }, 0);
      }, 0);
    });
  }

  function withoutTypes(state) {
    var copy = {};
    Object.keys(state).forEach(function (key) { copy[key] = state[key]; });
    copy.type = [];
    return copy;
  }

  function exploreHref(root, index, state) {
    var text = window.ChronologyFilters.serialise(state);
    return root + "explore/" + (index.suffix === "/" ? "" : "index.html") + (text ? "#" + text : "");
  }

  function leafletControl(map, node, position) {
    var Control = window.L.Control.extend({
      options: { position: position },
      onAdd: function () {
        window.L.DomEvent.disableClickPropagation(node);
        window.L.DomEvent.disableScrollPropagation(node);
        return node;
      }
    });
    new Control().addTo(map);
  }

  // Show every point; `right` keeps them clear of a panel on the map's right-hand side.
  function fit(map, latlngs, right) {
    if (!latlngs.length) {
      map.setView(REGION_CENTRE, REGION_ZOOM);
      return;
    }
    map.fitBounds(window.L.latLngBounds(latlngs), {
      paddingTopLeft: [30, 30],
      paddingBottomRight: [30 + (right || 0), 30],
      maxZoom: latlngs.length === 1 ? 6 : 8
    });
  }

  // The Map page opens on the frame data/map-data.js gives (generator/site/maps.py map_frame:
  // the main concentration of the events), else on every event.
  function openingView(map, frame, items, right) {
    var box = frame && [frame.south, frame.west, frame.north, frame.east].map(Number);
    if (box && box.every(isFinite)) {
      map.fitBounds([[box[0], box[1]], [box[2], box[3]]], {
        paddingTopLeft: [20, 20],
        paddingBottomRight: [20 + (right || 0), 20]
      });
      return;
    }
    fit(map, items.map(function (item) { return item.latlng; }), right);
  }

  // --- the filter panel --------------------------------------------------------------------
  // Year (or the range in the address), event types with counts, actor with role. Every
  // change goes through onChange(function (state) {...}); show(state, counts) sets the
  // controls from a state.

  function filterControls(body, data, index, items) {
    var controls = { onChange: function () {}, show: function () {} };
    if (!index) {
      body.appendChild(element("p", "chronology-map-problems",
        "The filters could not be loaded: every located event is shown."));
      return controls;
    }
    // Years from the earliest to the latest day an event may have.
    var first = Infinity;
    var last = -Infinity;
    items.forEach(function (item) {
      var i = item.index;
      if (i === undefined) return;
      [index.events.start[i], index.events.end[i]].forEach(function (day) {
        if (day === null || day === undefined) return;
        var year = new Date(day * 86400000).getUTCFullYear();
        if (year < first) first = year;
        if (year > last) last = year;
      });
    });
    var yearLabel = element("label", "chronology-map-year");
    yearLabel.appendChild(element("span", null, "Year "));
    var select = element("select");
    select.appendChild(new Option("All years", ""));
    for (var year = first; year <= last && isFinite(year); year++) {
      select.appendChild(new Option(String(year), String(year)));
    }
    var custom = new Option("", "custom");
    custom.hidden = true;
    select.appendChild(custom);
    yearLabel.appendChild(select);
    body.appendChild(yearLabel);
    select.addEventListener("change", function () {
      var value = select.value;
      controls.onChange(function (state) {
        state.from = value ? value + "-01-01" : null;
        state.to = value ? value + "-12-31" : null;
      });
    });

    var fieldset = element("fieldset", "chronology-map-types");
    fieldset.appendChild(element("legend", null, "Event types"));
    var boxes = {};
    var names = {};
    (Array.isArray(data.types) ? data.types : []).forEach(function (t) {
      if (!t || has.call(boxes, t.id)) return;
      var row = element("label", "chronology-map-type");
      var box = element("input");
      box.type = "checkbox";
      box.value = t.id;
      boxes[t.id] = box;
      var swatch = element("span", "chronology-map-swatch");
      swatch.style.backgroundColor = colour(t.id);
      swatch.setAttribute("aria-hidden", "true");
      names[t.id] = element("span", null, t.label);
      row.appendChild(box);
      row.appendChild(swatch);
      row.appendChild(names[t.id]);
      fieldset.appendChild(row);
      box.addEventListener("change", function () {
        controls.onChange(function (state) {
          var checked = Object.keys(boxes).filter(function (id) { return boxes[id].checked; });
          state.type = checked.length === Object.keys(boxes).length ? [] : checked;
        });
      });
    });
    body.appendChild(fieldset);

    // Actors that appear in a located event, by name.
    var seen = {};
    items.forEach(function (item) {
      var list = item.index === undefined ? [] : index.events.actors[item.index];
      for (var k = 0; k < list.length; k += 2) seen[list[k]] = true;
    });
    var actorLabel = element("label", "chronology-map-actor");
    actorLabel.appendChild(element("span", null, "Actor "));
    var actor = element("select");
    actor.appendChild(new Option("Any actor", ""));
    Object.keys(seen).map(Number).sort(function (a, b) {
      return index.actors.name[a].localeCompare(index.actors.name[b]);
    }).forEach(function (n) {
      actor.appendChild(new Option(index.actors.name[n], index.actors.id[n]));
    });
    actorLabel.appendChild(actor);
    body.appendChild(actorLabel);
    var roleLabel = element("label", "chronology-map-role");
    roleLabel.appendChild(element("span", null, "as "));
    var role = element("select");
    role.appendChild(new Option("any role", ""));
    index.roles.forEach(function (pair) { role.appendChild(new Option(pair[1], pair[0])); });
    roleLabel.appendChild(role);
    body.appendChild(roleLabel);
    var membersLabel = element("label", "chronology-map-members");
    var members = element("input");
    members.type = "checkbox";
    membersLabel.appendChild(members);
    membersLabel.appendChild(element("span", null, " with its member organisations"));
    body.appendChild(membersLabel);
    actor.addEventListener("change", function () {
      controls.onChange(function (state) { state.actor = actor.value ? [actor.value] : []; });
    });
    role.addEventListener("change", function () {
      controls.onChange(function (state) { state.role = role.value ? [role.value] : []; });
    });
    members.addEventListener("change", function () {
      controls.onChange(function (state) { state.members = members.checked; });
    });

    controls.show = function (state, counts) {
      var from = state.from;
      var to = state.to;
      var whole = from && to && from.slice(0, 4) === to.slice(0, 4) &&
        from.slice(4) === "-01-01" && to.slice(4) === "-12-31";
      if (!from && !to) {
        select.value = "";
      } else if (whole && select.querySelector('option[value="' + from.slice(0, 4) + '"]')) {
        select.value = from.slice(0, 4);
      } else {
        custom.textContent = (from || "…") + " to " + (to || "…");
        custom.hidden = false;
        select.value = "custom";
      }
      custom.hidden = select.value !== "custom";
      Object.keys(boxes).forEach(function (id) {
        boxes[id].checked = !state.type.length || state.type.indexOf(id) >= 0;
        var label = (data.types.filter(function (t) { return t.id === id; })[0] || {}).label || id;
        names[id].textContent = label + (counts ? " (" + (counts[id] || 0) + ")" : "");
      });
      actor.value = state.actor.length === 1 ? state.actor[0] : "";
      role.value = state.role.length === 1 ? state.role[0] : "";
      members.checked = !!state.members;
    };
    return controls;
  }

  // --- the list of the same events on the page -----------------------------------------------
  // The Map page lists its events by year below the map (the skip link's target). Rows whose
  // event the filters leave out are hidden, and a line says how many are listed; a page that
  // lists counts instead of events says that its list is not filtered.

  function eventList(container, data, root) {
    var none = { follow: function () {} };
    var skip = document.querySelector("a.chronology-map-skip");
    var target = skip && document.getElementById((skip.getAttribute("href") || "").slice(1));
    if (!target) return none;
    var byHref = {};
    data.events.forEach(function (event) {
      var href = pageHref(root, event.url);
      if (href) byHref[new URL(href, location.href).href] = event.id;
    });
    var rows = [];
    var tables = [];
    var node = target.nextElementSibling;
    while (node && !/^H2$/.test(node.tagName)) {
      var tableRows = node.querySelectorAll ? node.querySelectorAll("tbody tr") : [];
      var table = { heading: null, node: node, lines: [] };
      Array.prototype.forEach.call(tableRows, function (row) {
        var link = row.querySelector("a[href]");
        var id = link && byHref[link.href];
        if (id) {
          rows.push({ row: row, id: id });
          table.lines.push(row);
        }
      });
      if (table.lines.length) {
        var heading = node.previousElementSibling;
        table.heading = heading && heading.tagName === "H3" ? heading : null;
        tables.push(table);
      }
      node = node.nextElementSibling;
    }
    var line = element("p", "chronology-map-listed");
    line.setAttribute("aria-live", "polite");
    target.parentNode.insertBefore(line, target.nextSibling);
    return {
      follow: function (visible, n, total) {
        if (!rows.length) {
          line.textContent = n === total ? "" : "This list is not filtered: it counts every event on the map.";
          return;
        }
        rows.forEach(function (item) { item.row.hidden = !visible[item.id]; });
        tables.forEach(function (table) {
          var any = table.lines.some(function (row) { return !row.hidden; });
          table.node.hidden = !any;
          if (table.heading) table.heading.hidden = !any;
        });
        line.textContent = n === total ? "" : "Listed as on the map: " + n + " of " + total + " events (the filters are in the map's panel).";
      }
    };
  }

  // --- start ---------------------------------------------------------------------------------
  // Pages list only this script (deferred). Leaflet, its styles and the basemap (~560 KB,
  // most of a map page's script time) are inserted when a map is about to be seen, so a
  // page whose map is further down paints and settles without them. Inserted elements work
  // from file:// too, where the bundle is opened. The clustering library only where the map
  // of every event is.

  var LEAFLET = "assets/vendor/leaflet/leaflet.js";
  var CLUSTERS = "assets/vendor/leaflet.markercluster/leaflet.markercluster.js";
  var BASEMAP = "assets/vendor/natural-earth/basemap.js";
  var STYLES = ["assets/vendor/leaflet/leaflet.css",
    "assets/vendor/leaflet.markercluster/MarkerCluster.css"];
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

  function loadLibraries(container, clustered, done) {
    if ((leafletReady() && (!clustered || window.L.MarkerClusterGroup)) || settled) return done();
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
    var styles = (clustered ? STYLES : STYLES.slice(0, 1)).map(function (path) {
      var style = element("link");
      style.rel = "stylesheet";
      style.href = root + path;
      return style;
    });
    var scripts = (clustered ? [LEAFLET, CLUSTERS, BASEMAP] : [LEAFLET, BASEMAP]).map(function (path) {
      var script = element("script");
      script.src = root + path;
      script.async = false; // fetched together, run in this order
      return script;
    });
    pending = styles.length + scripts.length;
    // The libraries' styles go before map.css, whose rules of equal weight must win.
    var ours = document.querySelector('link[rel="stylesheet"][href*="assets/map.css"]');
    styles.concat(scripts).forEach(function (node) {
      node.onload = node.onerror = loaded;
      if (node.tagName === "LINK" && ours) ours.parentNode.insertBefore(node, ours);
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
    var clustered = !!document.querySelector('div.chronology-map[data-map="all"]');
    Array.prototype.forEach.call(containers, function (container) {
      if (container.getAttribute("data-map-ready")) return; // already drawn
      container.setAttribute("data-map-ready", "true");
      whenNear(container, function () {
        loadLibraries(container, clustered, function () { draw(container); });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
