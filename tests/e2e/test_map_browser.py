"""The maps in Chromium, on both builds: the offline bundle from file:// and the hosted site over
http (fixtures from test_browser.py).

What the map should show is computed here from data/map-data.js and the catalog, never from
what map.js draws: the opening view against maps.map_frame's box, every drawn marker's
position against its event's own coordinates (read from the data, and from Leaflet's
pre-spiderfy position while a cluster is open), the filters' results against the scheme
applied to the catalog in Python.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date

import pytest
from test_browser import REPO, TIMEOUT, Site, Tab, site, tab

from generator.content.catalog import Catalog
from generator.content.geography import country_at, outlines
from generator.content.model import Location
from generator.site.maps import locate
from generator.site.urls import page_uri

#: test_browser's fixtures, which pytest finds here by name: each test on both builds, a tab.
FIXTURES = (site, tab)

MAP = "map/index.md"
#: How far a drawn marker may be from its place, px.
TOLERANCE = 3
ALL = '.chronology-map[data-map="all"]'
#: An event's or a place's page: its small map.
SMALL = ".chronology-map"
#: A map is still once nothing in it has changed for this long (ms) while nothing moves.
QUIET_MS = 100

#: Resolves once the map in ``selector`` is still: no zoom or pan animation (Leaflet), no
#: cluster animation and no queued cluster step (markercluster; the Map page's map exposes
#: both as chronologyMap), no CSS transition running in it (how both animate, and the
#: popups fade), and no change to its elements for QUIET_MS (names are placed, borders and
#: markers drawn in tasks of their own after a move). Fails after the timeout.
STILL = """async ([selector, quietMs, timeoutMs]) => {
  const container = document.querySelector(selector);
  const m = container.chronologyMap;
  const moving = () => (m && (m.map._animatingZoom || m.map._panAnim?._inProgress
      || m.clusters._inZoomAnimation > 0 || m.clusters._queueTimeout))
    || container.getAnimations({subtree: true}).some((a) => a.playState === 'running');
  let changed = performance.now();
  const observer = new MutationObserver(() => { changed = performance.now(); });
  observer.observe(container, {subtree: true, childList: true, attributes: true,
                               characterData: true});
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const start = performance.now();
  try {
    for (;;) {
      await frame();
      const now = performance.now();
      if (moving()) changed = now;
      else if (now - changed >= quietMs) return;
      if (now - start > timeoutMs) throw new Error(`${selector}: still moving at ${timeoutMs} ms`);
    }
  } finally {
    observer.disconnect();
  }
}"""


def still(tab: Tab, selector: str = ALL) -> None:
    """Waits until the map has finished what the last action started (see STILL)."""
    tab.page.evaluate(STILL, [selector, QUIET_MS, TIMEOUT])


def map_data(site: Site) -> dict:
    """What data/map-data.js gives the map (read here, not in the browser)."""
    text = (site.folder / "data" / "map-data.js").read_text(encoding="utf-8")
    match = re.fullmatch(r"window\.CHRONOLOGY_MAP = (.*);\s*", text, re.S)
    assert match, "data/map-data.js is not 'window.CHRONOLOGY_MAP = {...};'"
    return json.loads(match.group(1))


def area_ids(data: dict) -> set[str]:
    return {place["id"] for place in data["locations"] if place["area"]}


def open_map(tab: Tab, address: str = "") -> None:
    tab.page.goto(tab.site.url(MAP) + address)
    tab.page.locator('.chronology-map[data-map="all"][data-map-drawn]').wait_for()
    still(tab)


def move(tab: Tab, lat: float, lon: float, zoom: float) -> None:
    tab.page.evaluate(
        "([lat, lon, zoom]) => document.querySelector('.chronology-map[data-map=all]')"
        ".chronologyMap.map.setView([lat, lon], zoom)",
        [lat, lon, zoom],
    )
    still(tab)


#: Every icon drawn in the marker pane, and what it stands for: an event's marker (its true
#: coordinates from the data), a cluster (its own position and the box of its events), an
#: area's marker. Positions are the element's centre against Leaflet's projection.
DRAWN = """() => {
  const container = document.querySelector('.chronology-map[data-map=all]');
  const m = container.chronologyMap;
  const frame = container.getBoundingClientRect();
  const centre = (el) => {
    const r = el.getBoundingClientRect();
    return [r.left + r.width / 2 - frame.left, r.top + r.height / 2 - frame.top];
  };
  const at = (lat, lon) => {
    const p = m.map.latLngToContainerPoint([lat, lon]);
    return [p.x, p.y];
  };
  const view = m.map.getBounds();
  const accounted = new Set();
  const events = [];
  const shown = new Set(m.shown());
  for (const item of m.items) {
    const e = item.event;
    const entry = {id: e.id, lat: e.lat, lon: e.lon, inView: view.contains([e.lat, e.lon]),
                   shown: shown.has(item)};
    if (item.area) {
      const ll = item.area.marker.getLatLng();
      entry.areaInView = view.contains(ll);
      const el = m.map.hasLayer(item.area.marker) && item.area.marker.getElement();
      entry.kind = el && item.area.shown.includes(item) ? 'area' : 'none';
      if (el) {
        accounted.add(el);
        entry.drawn = centre(el);
        entry.expected = at(ll.lat, ll.lng);
      }
    } else {
      const parent = m.clusters.getVisibleParent(item.marker);
      if (parent === item.marker) {
        entry.kind = 'marker';
        const ll = item.marker.getLatLng();
        entry.markerLatLng = [ll.lat, ll.lng];
        entry.drawn = centre(item.marker.getElement());
        entry.expected = at(e.lat, e.lon);
        accounted.add(item.marker.getElement());
      } else if (parent) {
        entry.kind = 'cluster';
        const el = parent.getElement();
        accounted.add(el);
        const ll = parent.getLatLng();
        const b = parent.getBounds();
        entry.cluster = {
          drawn: centre(el), expected: at(ll.lat, ll.lng), count: parent.getChildCount(),
          contains: b.pad(1e-9).contains([e.lat, e.lon]), inside: b.pad(1e-9).contains(ll),
          onePoint: b.getNorthEast().equals(b.getSouthWest())
        };
      } else {
        entry.kind = 'none';
      }
    }
    events.push(entry);
  }
  const icons = [...container.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon')];
  return {events, stray: icons.filter((el) => !accounted.has(el)).map((el) => el.className),
          zoom: m.map.getZoom()};
}"""


#: The map's view: [south, west, north, east].
VIEW = """() => {
  const b = document.querySelector('.chronology-map[data-map=all]').chronologyMap.map.getBounds();
  return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()];
}"""


def inside(event: dict, box: list[float]) -> bool:
    south, west, north, east = box
    return south <= event["lat"] <= north and west <= event["lon"] <= east


def near(a: list[float], b: list[float]) -> bool:
    return abs(a[0] - b[0]) <= TOLERANCE and abs(a[1] - b[1]) <= TOLERANCE


def check_positions(tab: Tab, data: dict) -> dict:
    """Every drawn marker at its place (within TOLERANCE px) and every located event drawn
    or in a drawn cluster when its place is in view; nothing else in the marker pane."""
    drawn = tab.page.evaluate(DRAWN)
    areas = area_ids(data)
    by_id = {e["id"]: e for e in data["events"]}
    assert drawn["stray"] == [], f"icons that stand for no event at zoom {drawn['zoom']}"
    assert len(drawn["events"]) == len(data["events"])
    for entry in drawn["events"]:
        event = by_id[entry["id"]]
        where = f"{entry['id']} at zoom {drawn['zoom']}"
        if not entry["shown"]:
            assert entry["kind"] == "none", f"{where}: drawn, but the filters leave it out"
        elif event["place_id"] in areas:
            assert entry["kind"] in ("area", "none"), f"{where}: an area's event as a pin"
            if entry["kind"] == "area":
                assert near(entry["drawn"], entry["expected"]), where
            else:
                assert not entry["areaInView"], f"{where}: its area's marker is not drawn"
        elif entry["kind"] == "marker":
            assert entry["markerLatLng"] == [event["lat"], event["lon"]], where
            assert near(entry["drawn"], entry["expected"]), f"{where}: {entry}"
        elif entry["kind"] == "cluster":
            cluster = entry["cluster"]
            assert near(cluster["drawn"], cluster["expected"]), f"{where}: {cluster}"
            assert cluster["contains"] and cluster["inside"], where
            assert cluster["count"] >= 2, where
        else:
            assert not entry["inView"], f"{where}: in view but not drawn"
    return drawn


# --- the Map page ----------------------------------------------------------------------------


def test_the_map_opens_framed_on_the_events_and_can_show_all(tab: Tab) -> None:
    data = map_data(tab.site)
    frame = data["frame"]
    box = [frame["south"], frame["west"], frame["north"], frame["east"]]
    main = [e for e in data["events"] if inside(e, box)]
    assert len(main) == frame["main"] and frame["outside"] == 2
    open_map(tab)
    view = tab.page.evaluate(VIEW)
    assert view[3] - view[1] < 60, f"the map opens on {view}: more than Iraq and around"
    for event in main:
        assert inside(event, view), event["id"]
    outside = tab.page.locator(".chronology-map-outside")
    assert outside.inner_text() == "2 events outside this view · Show all"
    outside.get_by_role("button", name="Show all").click()
    still(tab)
    assert outside.is_hidden()
    view = tab.page.evaluate(VIEW)
    for event in data["events"]:
        assert inside(event, view), event["id"]
    tab.assert_clean()


def test_no_marker_is_drawn_away_from_its_place_at_three_zooms(tab: Tab) -> None:
    data = map_data(tab.site)
    open_map(tab)
    opening = check_positions(tab, data)
    kinds = {e["kind"] for e in opening["events"]}
    assert {"cluster", "area"} <= kinds  # the Baghdad events are clustered at first
    baghdad = next(p for p in data["locations"] if p["id"] == "baghdad")
    for step in (2, 4, 7):
        move(tab, baghdad["lat"], baghdad["lon"], opening["zoom"] + step)
        check_positions(tab, data)
    # Closest in, only events at one point remain together.
    drawn = tab.page.evaluate(DRAWN)
    assert drawn["zoom"] == 12
    clustered = [e for e in drawn["events"] if e["kind"] == "cluster"]
    assert clustered and all(e["cluster"]["onePoint"] for e in clustered)
    tab.assert_clean()


#: The cluster elements in the marker pane with their counts.
CLUSTERS = """() => [
  ...document.querySelectorAll('.chronology-map[data-map=all] .chronology-map-cluster')
].map((el) => Number(el.textContent))"""

#: While a cluster is spread open: each spread marker's true position (Leaflet keeps it while
#: the marker is moved aside) and where its leg starts.
SPREAD = """() => {
  const m = document.querySelector('.chronology-map[data-map=all]').chronologyMap;
  return m.items.filter((item) => item.marker && item.marker._preSpiderfyLatlng).map((item) => ({
    id: item.event.id,
    truth: [item.marker._preSpiderfyLatlng.lat, item.marker._preSpiderfyLatlng.lng],
    leg: [item.marker._spiderLeg.getLatLngs()[0].lat, item.marker._spiderLeg.getLatLngs()[0].lng],
    data: [item.event.lat, item.event.lon]
  }));
}"""


def test_a_cluster_opens_into_its_events_by_click_and_by_enter(tab: Tab) -> None:
    data = map_data(tab.site)
    open_map(tab)
    counts = tab.page.evaluate(CLUSTERS)
    assert counts and max(counts) >= 5
    zoom = tab.page.evaluate(DRAWN)["zoom"]
    # Click: the map zooms in to the cluster's events.
    tab.page.locator(".chronology-map-cluster").first.click()
    still(tab)
    after = check_positions(tab, data)
    assert after["zoom"] > zoom
    # Enter, closest in, on the events of one place (Baghdad): they spread around their
    # true point, each leg drawn from it, and close again when the map is clicked.
    baghdad = next(p for p in data["locations"] if p["id"] == "baghdad")
    move(tab, baghdad["lat"], baghdad["lon"], 12)
    here = [e["id"] for e in data["events"] if e["place_id"] == "baghdad"]
    cluster = tab.page.locator(".chronology-map-cluster", has_text=str(len(here))).first
    cluster.focus()
    cluster.press("Enter")
    still(tab)
    spread = tab.page.evaluate(SPREAD)
    assert sorted(s["id"] for s in spread) == sorted(here)
    for item in spread:
        assert item["truth"] == item["data"] == [baghdad["lat"], baghdad["lon"]]
        assert item["leg"] == pytest.approx(item["truth"], abs=1e-6)
    assert tab.page.locator(".chronology-map path.chronology-map-leg").count() == len(here)
    tab.page.evaluate(
        "() => document.querySelector('.chronology-map[data-map=all]')"
        ".chronologyMap.map.fire('click')"
    )
    still(tab)
    assert tab.page.locator(".chronology-map path.chronology-map-leg").count() == 0
    check_positions(tab, data)
    tab.assert_clean()


def overlaps(catalog: Catalog, event_id: str, first: date, last: date | None) -> bool:
    """Whether the days the event's EDTF date allows overlap first..last (None: open)."""
    when = catalog.when(catalog.events[event_id])
    return (when.last_day is None or when.last_day >= first) and (
        last is None or when.first_day is None or when.first_day <= last
    )


def overlaps_year(catalog: Catalog, event_id: str, year: int) -> bool:
    return overlaps(catalog, event_id, date(year, 1, 1), date(year, 12, 31))


def shown_count(tab: Tab) -> int:
    text = tab.page.locator(".chronology-map-status").inner_text()
    match = re.fullmatch(r"Showing (\d+) of (\d+) located events\.", text)
    assert match, text
    return int(match.group(1))


def test_filters_round_trip_through_the_address(tab: Tab, catalog: Catalog) -> None:
    data = map_data(tab.site)
    events = data["events"]
    airstrikes = [
        e["id"]
        for e in events
        if e["type"] == "airstrike" and overlaps(catalog, e["id"], date(2020, 1, 1), None)
    ]
    assert airstrikes
    # The address -> the panel and the markers.
    open_map(tab, "#type=airstrike&from=2020")
    assert shown_count(tab) == len(airstrikes)
    boxes = tab.page.locator(".chronology-map-types input")
    checked = [
        boxes.nth(i).get_attribute("value")
        for i in range(boxes.count())
        if boxes.nth(i).is_checked()
    ]
    assert checked == ["airstrike"]
    drawn = check_positions(tab, data)
    assert {e["id"] for e in drawn["events"] if e["shown"]} == set(airstrikes)
    # The list below follows: only those rows.
    rows = tab.page.locator("article table tbody tr:visible")
    assert rows.count() == len(airstrikes)
    listed = tab.page.locator(".chronology-map-listed").inner_text()
    assert listed.startswith(f"Listed as on the map: {len(airstrikes)} of {len(events)} events")
    # The panel -> the address.
    tab.page.locator(".chronology-map-year select").select_option("2021")
    assert tab.page.evaluate("location.hash") == "#type=airstrike&from=2021-01-01&to=2021-12-31"
    tab.page.locator(".chronology-map-types input[value=political]").check()
    hash_ = "#type=airstrike,political&from=2021-01-01&to=2021-12-31"
    assert tab.page.evaluate("location.hash") == hash_
    tab.page.locator(".chronology-map-types input[value=airstrike]").uncheck()
    assert tab.page.evaluate("location.hash") == "#type=political&from=2021-01-01&to=2021-12-31"
    # A link with the filters as a query: they move into the fragment.
    tab.page.goto(tab.site.url(MAP) + "?type=airstrike")
    tab.page.locator('.chronology-map[data-map="all"][data-map-drawn]').wait_for()
    assert tab.page.evaluate("[location.search, location.hash]") == ["", "#type=airstrike"]
    # What the page cannot read it says, and leaves out.
    open_map(tab, "#colour=red&type=airstrike,nope")
    problems = tab.page.locator(".chronology-map-panel .chronology-map-problems")
    assert problems.inner_text() == (
        "Not applied: “colour” is not a filter this page knows; "
        "“type=nope”: no event type has this id; left out."
    )
    assert shown_count(tab) == sum(e["type"] == "airstrike" for e in events)
    tab.assert_clean()


def test_legend_counts_follow_the_year(tab: Tab, catalog: Catalog) -> None:
    data = map_data(tab.site)
    open_map(tab)
    tab.page.locator(".chronology-map-year select").select_option("2020")
    assert shown_count(tab) == sum(overlaps_year(catalog, e["id"], 2020) for e in data["events"])
    for t in data["types"]:
        expected = sum(
            e["type"] == t["id"] and overlaps_year(catalog, e["id"], 2020) for e in data["events"]
        )
        label = tab.page.locator(f".chronology-map-types input[value='{t['id']}'] ~ span").last
        assert label.inner_text() == f"{t['label']} ({expected})"
    tab.assert_clean()


@pytest.mark.parametrize("width", [1280, 390])
def test_tab_reaches_a_marker_and_enter_opens_its_popup_in_view(tab: Tab, width: int) -> None:
    tab.page.set_viewport_size({"width": width, "height": 800})
    open_map(tab)
    tab.page.locator("a.chronology-map-skip").focus()
    assert tab.page.locator("a.chronology-map-skip").is_visible()  # shown while focused
    opened = False
    for _ in range(80):
        tab.page.keyboard.press("Tab")
        active = tab.page.evaluate(
            "() => { const el = document.activeElement; return [el.className, "
            "getComputedStyle(el).outlineStyle, el.getAttribute('aria-label') || ''] }"
        )
        if "chronology-map-cluster" in active[0]:
            assert active[1] != "none" and active[2].startswith("Group of ")
            tab.page.keyboard.press("Enter")
            still(tab)
        elif "chronology-map-event" in active[0]:
            assert active[1] != "none", "no visible focus on a marker"
            tab.page.keyboard.press("Enter")
            opened = True
            break
    assert opened, "Tab never reached an event's marker"
    popup = tab.page.locator(".chronology-map .leaflet-popup")
    popup.locator("a").first.wait_for()
    still(tab)
    box = popup.bounding_box()
    frame = tab.page.locator('.chronology-map[data-map="all"]').bounding_box()
    assert box["x"] >= frame["x"] and box["y"] >= frame["y"], (box, frame)
    assert box["x"] + box["width"] <= frame["x"] + frame["width"], (box, frame)
    assert box["y"] + box["height"] <= frame["y"] + frame["height"], (box, frame)
    tab.assert_clean()


def test_events_placed_at_a_country_are_the_area_not_a_pin(tab: Tab) -> None:
    data = map_data(tab.site)
    in_iraq = [e["id"] for e in data["events"] if e["place_id"] == "iraq"]
    assert len(in_iraq) >= 5
    open_map(tab)
    for event_id in in_iraq:
        assert tab.page.locator(f'[data-event="{event_id}"]').count() == 0
    marker = tab.page.locator('.chronology-map-area-marker[data-area="iraq"]')
    words = f"somewhere in Iraq ({len(in_iraq)} events)"
    assert marker.get_attribute("aria-label") == f"{words}: list them"
    assert tab.page.locator("path.chronology-map-area").count() >= 1  # Iraq's outline, hatched
    label = tab.page.locator(".chronology-map-label--area:not(.chronology-map-label--hidden)")
    assert words in label.all_text_contents()
    marker.click()
    links = tab.page.locator(".leaflet-popup-content .chronology-map-popup-title a")
    links.first.wait_for()
    assert links.count() == len(in_iraq)
    # Names: places with events, and the countries around.
    visible = ":not(.chronology-map-label--hidden)"
    places = tab.page.locator(f".chronology-map-label--place{visible}").all_text_contents()
    assert "Baghdad" in places
    countries = tab.page.locator(f".chronology-map-label--country{visible}").all_text_contents()
    neighbours = {"Iran", "Syria", "Saudi Arabia", "Turkey", "Kuwait", "Jordan"}
    assert len(countries) >= 3 and len(neighbours & set(countries)) >= 2, countries
    tab.assert_clean()


# --- small maps ----------------------------------------------------------------------------


def visible_labels(tab: Tab, kind: str) -> list[str]:
    return tab.page.locator(
        f".chronology-map .chronology-map-label--{kind}:not(.chronology-map-label--hidden)"
    ).all_text_contents()


#: A small map's drawing, in page pixels: its box, its own marker's centre, and every label
#: shown: kinds (own, context, country, home), text, the text's box, its dot's centre if any.
SMALL_MAP = """() => {
  const map = document.querySelector('.chronology-map');
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const box = (r) => [r.left, r.top, r.right, r.bottom];
  const shown = map.querySelectorAll('.chronology-map-label:not(.chronology-map-label--hidden)');
  return {
    frame: box(map.getBoundingClientRect()),
    marker: centre(map.querySelector('.chronology-map-place').getBoundingClientRect()),
    labels: [...shown].map((el) => {
      const dot = el.querySelector('.chronology-map-dot');
      return {
        kinds: [...el.classList].filter((c) => c.startsWith('chronology-map-label--'))
          .map((c) => c.slice('chronology-map-label--'.length)),
        text: el.querySelector('span').textContent,
        box: box(el.querySelector('span').getBoundingClientRect()),
        dot: dot ? centre(dot.getBoundingClientRect()) : null,
      };
    }),
  };
}"""
#: A nearby place's dot is at least this far from the map's own marker and from another
#: named dot (closer, it reads as the marker's name), and at most NAME_PX from its name.
CLEAR_PX = 12
NAME_PX = 20


def small_map(tab: Tab, uri: str) -> None:
    tab.open(uri)
    tab.page.locator(".chronology-map").scroll_into_view_if_needed()  # drawn when near
    tab.page.locator(".chronology-map .chronology-map-label--own").wait_for(state="attached")
    still(tab, SMALL)


def zoom_in(tab: Tab) -> None:
    tab.page.locator(".chronology-map .leaflet-control-zoom-in").click()
    still(tab, SMALL)


def country_of(catalog: Catalog, location: Location) -> set[str]:
    """The names (and aliases) of the country a place lies in: its nearest country ancestor
    (Location.parent), else the basemap outline that holds its point."""
    seen: set[str] = set()
    current: Location | None = location
    while current is not None and current.id not in seen:
        if current.kind == "country":
            return {n.casefold() for n in (current.name, *current.aliases)}
        seen.add(current.id)
        current = catalog.locations.get(current.parent) if current.parent else None
    assert location.coordinates is not None
    shapes = outlines(REPO)
    assert shapes, "the basemap's outlines could not be read"
    name = country_at(shapes, location.coordinates.lat, location.coordinates.lon)
    assert name, f"{location.id} lies in no country of the basemap"
    return {name.casefold()}


def gap(point: list[float], box: list[float]) -> float:
    """Pixels from a point to the nearest point of a box (0 inside it)."""
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return math.hypot(dx, dy)


def check_small_map(tab: Tab, country: set[str], where: str) -> list[str]:
    """Asserts what a small map must show, as drawn now; the nearby places it names."""
    drawn = tab.page.evaluate(SMALL_MAP)
    left, top, right, bottom = drawn["frame"]
    labels = drawn["labels"]
    for label in labels:  # every name shown lies on the map, not cut by its edge
        x0, y0, x1, y1 = label["box"]
        assert left - 1 <= x0 and x1 <= right + 1 and top - 1 <= y0 and y1 <= bottom + 1, (
            where,
            label,
        )
    # A country's label, or the map's own name when the map is of the country ("Iraq",
    # "somewhere in Iraq").
    ends = re.compile(r"\b(?:" + "|".join(map(re.escape, country)) + r")$")
    assert tab.page.evaluate(NAMES_UNDER_ICONS) == [], where
    named = [
        label
        for label in labels
        if ("country" in label["kinds"] and label["text"].casefold() in country)
        or ("own" in label["kinds"] and ends.search(label["text"].casefold()))
    ]
    assert named, f"{where}: no visible label names {sorted(country)}: {labels}"
    context = [label for label in labels if "context" in label["kinds"]]
    dots = [drawn["marker"]]
    for label in context:
        assert label["dot"], f"{where}: {label['text']} has no dot"
        for other in dots:
            assert math.dist(label["dot"], other) >= CLEAR_PX, (where, label, other)
        assert gap(label["dot"], label["box"]) <= NAME_PX, (where, label)
        dots.append(label["dot"])
    return [label["text"] for label in context]


def small_map_pages(catalog: Catalog) -> list[tuple[str, Location]]:
    """Every event and place page with a small map: (page, the place it shows)."""
    pages = [
        (page_uri(location), location)
        for location in sorted(catalog.locations.values(), key=lambda loc: loc.id)
        if location.coordinates is not None
    ]
    for event in sorted(catalog.events.values(), key=lambda e: e.id):
        located = locate(catalog, event)
        if located is not None:
            pages.append((page_uri(event), located.location))
    return pages


def test_every_small_map_names_its_country_and_keeps_nearby_places_apart(
    tab: Tab, catalog: Catalog
) -> None:
    pages = small_map_pages(catalog)
    assert len(pages) > 20
    for uri, location in pages:
        small_map(tab, uri)
        check_small_map(tab, country_of(catalog, location), uri)
    tab.assert_clean()


@pytest.mark.parametrize("width", [1280, 390])
def test_small_maps_name_nearby_places_once_apart(tab: Tab, catalog: Catalog, width: int) -> None:
    """At the opening zoom Baghdad's places lie within a few pixels of one another and are
    left out; zoomed in, they are named, each by its own dot."""
    tab.page.set_viewport_size({"width": width, "height": 800})
    saqr = catalog.events["2020-07-saqr-camp-explosion"]
    for record, place in [
        (saqr, catalog.locations["saqr-camp"]),
        (catalog.locations["baghdad"], catalog.locations["baghdad"]),
        (catalog.locations["baghdad-international-airport"],) * 2,
        (catalog.locations["iraq"], catalog.locations["iraq"]),
        (catalog.locations["iraq-syria-border"], catalog.locations["iraq-syria-border"]),
    ]:
        uri = page_uri(record)
        country = country_of(catalog, place)
        small_map(tab, uri)
        opening = check_small_map(tab, country, uri)
        if place.id == "iraq-syria-border":
            assert opening == ["Baghdad"], opening
        elif place.id != "iraq":
            # Saqr Camp, the airport, the Green Zone, Baghdad: a few px apart at zoom 6.
            assert opening == [], opening
            zoom_in(tab)
            zoom_in(tab)
            closer = check_small_map(tab, country, uri + " +2")
            assert closer and ("Baghdad" in closer or place.id == "baghdad"), closer
    tab.assert_clean()


#: Every name shown that lies over a marker, a cluster or an area's marker: [name, icon].
NAMES_UNDER_ICONS = """() => {
  const icons = [...document.querySelectorAll(
    '.chronology-map .leaflet-marker-pane .leaflet-marker-icon')];
  const names = document.querySelectorAll(
    '.chronology-map-label:not(.chronology-map-label--hidden) span');
  const over = [];
  for (const name of names) {
    const r = name.getBoundingClientRect();
    for (const icon of icons) {
      const b = icon.getBoundingClientRect();
      if (r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom) {
        over.push([name.textContent, icon.className]);
      }
    }
  }
  return over;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_map_page_names_iraq_and_no_name_lies_under_a_marker(tab: Tab, width: int) -> None:
    tab.page.set_viewport_size({"width": width, "height": 800})
    open_map(tab)
    assert "Iraq" in visible_labels(tab, "country")
    assert tab.page.evaluate(NAMES_UNDER_ICONS) == []
    tab.assert_clean()


def test_an_event_page_draws_its_map_without_the_map_data(tab: Tab, catalog: Catalog) -> None:
    """Only the Map page loads data/map-data.js (every located event); an event page's map
    has its place in data attributes, and neither the clusters nor the filters."""
    event = next(
        e
        for e in sorted(catalog.events.values(), key=lambda e: e.id)
        if any(catalog.locations[p.place].coordinates for p in e.locations)
    )
    tab.open(page_uri(event))
    tab.page.locator(".chronology-map").scroll_into_view_if_needed()  # drawn when near
    tab.page.locator(".chronology-map .chronology-map-place").wait_for()
    # The borders of the countries in and around the view (map.js draws no others until the
    # reader pans or zooms out): Iraq's neighbours, more or less. They are drawn a few at a
    # time after the marker (map.js inTurns), so the test waits for them (or times out).
    tab.page.wait_for_function(
        "document.querySelectorAll('.chronology-map path.chronology-map-country').length > 5"
    )
    tab.assert_clean()
    requested = tab.recorder.requests
    assert [url for url in requested if url.endswith("/assets/map.js")]
    assert [url for url in requested if "map-data" in url or "markercluster" in url] == []
    assert [url for url in requested if "explore-index" in url] == []
