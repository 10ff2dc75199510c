"""Data for the maps: ``data/map-data.js`` and the facts the Map page lists.

The maps run from ``file://`` (a zip opened locally), where browsers refuse fetch/XHR of
local files, so the data is a script that sets ``window.CHRONOLOGY_MAP`` rather than a .json
file. ``docs/assets/map.js`` draws it; the Map page (``site_templates/map.md.j2``) lists the
same events as tables, so nothing is only available to readers with JavaScript. Only the Map
page loads the data (its front matter lists it under ``scripts``): the one-place maps of
event and location pages carry their coordinates in data attributes.

An event is placed at the first of its places that has coordinates; an event with no such
place is "unlocated" and appears in the Map page's list instead of on the map. An event whose
place is an area (a country, a region, a border area: ``AREA_KINDS``) is drawn as that area,
never as a pin that would read as a site. The Map page opens on ``map_frame``: the main
concentration of the events, not the whole world.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from markupsafe import Markup, escape

from ..content import edtf
from ..content.catalog import Catalog
from ..content.filing import filing
from ..content.model import Event, EventPlace, Location
from ..content.vocabulary import EVENT_TYPES, PLACE_PRECISIONS
from .places import PlaceGrid, km_between
from .urls import SPANNING_URI, page_uri, page_url, relative_uri, year_uri

#: Zoom of a one-place map by location kind (the borders are 1:50m, so closer shows nothing
#: more); other kinds use DEFAULT_PLACE_ZOOM.
PLACE_ZOOM = {"country": 4, "region": 5, "border-area": 5}
DEFAULT_PLACE_ZOOM = 6

#: Location kinds that name an area rather than a site. Their events are drawn as the area:
#: the country's Natural Earth outline hatched (matched by the place's name or an alias,
#: case-insensitively) and a marker saying "somewhere in Iraq (12 events)".
AREA_KINDS = frozenset({"country", "region", "border-area"})
#: The Map page opens on the events within this distance of their component-wise median
#: (when they are most of the events; on all of them otherwise).
FRAME_RADIUS_KM = 2000.0
#: The opening view spans at least this many degrees each way, so that events in one city
#: open on the city with its country and neighbours, not on a street.
FRAME_MIN_DEGREES = 10.0
#: A small map labels up to this many other places, the nearest within CONTEXT_KM...
CONTEXT_PLACES = 6
CONTEXT_KM = 600.0
#: ...and up to this many of the nearest cities, APART_KM from the cities named: map.js
#: leaves out a dot within 12 px of the marker (25 km at zoom 6), as a city's places often are.
CONTEXT_CITIES = 4
APART_KM = 40.0

#: The global map-data.js sets; docs/assets/map.js reads it.
MAP_DATA_GLOBAL = "window.CHRONOLOGY_MAP"

#: Where the data file is written, relative to the site root.
MAP_DATA_PATH = "data/map-data.js"
#: The Map page lists events one by one up to this many; beyond, counts and links.
MAP_PAGE_LIST_LIMIT = 200
#: How many places the Map page names when it lists counts.
TOP_PLACES = 25
#: What the Map page loads for its filters, written by site/explore.py (the explorer's
#: index) and docs/assets/filters.js (the address scheme), before assets/map.js.
MAP_FILTER_SCRIPTS = ("data/explore-index.js", "assets/filters.js")
#: The anchor of the Map page's list of its events, the target of its skip link.
MAP_LIST_ANCHOR = "events-on-the-map"


@dataclass(frozen=True)
class LocatedEvent:
    """An event with the place it is drawn at."""

    event: Event
    place: EventPlace  # the event's reference: precision and note
    location: Location  # has coordinates
    year: int | None  # the year the chronology files it under; None when it spans years

    @property
    def lat(self) -> float:
        assert self.location.coordinates is not None
        return self.location.coordinates.lat

    @property
    def lon(self) -> float:
        assert self.location.coordinates is not None
        return self.location.coordinates.lon


def locate(catalog: Catalog, event: Event) -> LocatedEvent | None:
    """The event at its first place with coordinates, or None when no place has any."""
    for place in event.locations:
        location = catalog.locations[place.place]
        if location.coordinates is not None:
            year = filing(catalog.when(event)).year
            return LocatedEvent(event, place, location, year)
    return None


_located: dict[int, tuple[Catalog, tuple[list[LocatedEvent], list[Event]]]] = {}


def located_events(catalog: Catalog) -> tuple[list[LocatedEvent], list[Event]]:
    """(events that can be drawn, in chronological order; events that cannot), worked out
    once per catalog: the Map page and its data both ask."""
    kept = _located.get(id(catalog))
    if kept is not None and kept[0] is catalog:
        return kept[1]
    located: list[LocatedEvent] = []
    unlocated: list[Event] = []
    for event in catalog.events.values():
        item = locate(catalog, event)
        if item is None:
            unlocated.append(event)
        else:
            located.append(item)
    _located.clear()
    _located[id(catalog)] = (catalog, (located, unlocated))
    return located, unlocated


def area_phrase(location: Location) -> str | None:
    """How the map names an area place ("somewhere in Iraq"), or None for a site."""
    if location.kind not in AREA_KINDS:
        return None
    if location.kind == "border-area":
        return f"somewhere along the {location.name}"
    return f"somewhere in {location.name}"


@dataclass(frozen=True)
class Frame:
    """The Map page's opening view: the box around its main events, in degrees."""

    south: float
    west: float
    north: float
    east: float
    main: int  # events inside the box
    outside: int  # located events left outside it ("2 events outside this view · Show all")


def map_frame(points: list[tuple[float, float]]) -> Frame | None:
    """The view the Map page opens on, for the events' (lat, lon) points (one per event).

    The events within FRAME_RADIUS_KM of the component-wise median point when they are more
    than half of them (a handful of events in Washington or Rome do not zoom the map out to
    the world); all events otherwise. None when there is no point."""
    if not points:
        return None
    middle = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
    near = [p for p in points if km_between(middle, p) <= FRAME_RADIUS_KM]
    main = near if 2 * len(near) > len(points) else points
    south, north = _at_least(min(p[0] for p in main), max(p[0] for p in main), -85.0, 85.0)
    west, east = _at_least(min(p[1] for p in main), max(p[1] for p in main), -180.0, 180.0)
    return Frame(south, west, north, east, main=len(main), outside=len(points) - len(main))


def _at_least(low: float, high: float, floor: float, ceiling: float) -> tuple[float, float]:
    """The interval widened about its middle to FRAME_MIN_DEGREES, within floor..ceiling."""
    grow = max(0.0, FRAME_MIN_DEGREES - (high - low)) / 2
    return max(floor, round(low - grow, 4)), min(ceiling, round(high + grow, 4))


def map_page_values(catalog: Catalog, uri: str = "map/index.md") -> dict[str, Any]:
    """Template values for site_templates/map.md.j2, as the page at ``uri``.

    ``years``: [(heading, chronology page, [LocatedEvent, ...]), ...] by the year the
    chronology files each event under (content.filing), in chronological order; events that
    span years or are open-ended last, under their own heading;
    ``located_count``; ``unlocated``: events without coordinates, chronological;
    ``scripts``: what the page loads besides every page's scripts (its front matter names
    them for overrides/main.html): the map data, megabytes with a long chronology, and the
    explorer's index and filters; ``list_anchor``: the list's heading, the skip link's target;
    ``data_root``: the path from the page to the site root, or None where it depends on
    ``use_directory_urls`` (a page that is not an index), so map.js works it out.
    """
    located, unlocated = located_events(catalog)
    by_year: dict[int, list[LocatedEvent]] = defaultdict(list)
    spanning: list[LocatedEvent] = []
    for item in located:
        year = filing(catalog.when(item.event)).year
        (spanning if year is None else by_year[year]).append(item)
    years = [(str(year), year_uri(year), by_year[year]) for year in sorted(by_year)]
    if spanning:
        years.append(("Spanning years or open-ended", SPANNING_URI, spanning))
    busiest = Counter(item.location.id for item in located).most_common()
    root = relative_uri("index.md", uri)[: -len("index.md")] if uri.endswith("index.md") else None
    return {
        "scripts": [MAP_DATA_PATH, *MAP_FILTER_SCRIPTS],
        # Markup: an anchor is written as it is (ASCII letters and dashes, a constant).
        "list_anchor": Markup(MAP_LIST_ANCHOR),
        "list_heading_attributes": Markup(f"{{#{MAP_LIST_ANCHOR}}}"),
        "data_root": None if root is None else Markup(escape(root)),
        "years": years,
        "located_count": len(located),
        "unlocated": unlocated,
        # Past this many rows the page lists counts instead of events, so that it does not
        # grow with the chronology (the year pages and place pages list the events).
        "list_limit": MAP_PAGE_LIST_LIMIT,
        "top_places": [
            (catalog.locations[i], n)
            for i, n in sorted(busiest, key=lambda x: (-x[1], x[0]))[:TOP_PLACES]
        ],
    }


def map_data(catalog: Catalog, directory_urls: bool = True) -> dict[str, Any]:
    """The document map-data.js carries, as plain Python values."""

    def url(record: Any) -> str:
        return page_url(page_uri(record), directory_urls)

    located, _ = located_events(catalog)
    at = Counter(item.location.id for item in located)
    events = [
        {
            "id": item.event.id,
            "title": item.event.title,
            "date": item.event.date,
            "when": edtf.describe(catalog.when(item.event)),
            "year": item.year,
            "type": item.event.type,
            "type_label": EVENT_TYPES[item.event.type],
            "url": url(item.event),
            "lat": item.lat,
            "lon": item.lon,
            "place": item.location.name,
            "place_id": item.location.id,
            "precision": item.place.precision,
            "precision_label": PLACE_PRECISIONS[item.place.precision],
        }
        for item in located
    ]
    within = _events_within(catalog, at)
    locations = [
        {
            "id": location.id,
            "name": location.name,
            "lat": location.coordinates.lat,
            "lon": location.coordinates.lon,
            "url": url(location),
            "kind": location.kind,
            # "somewhere in Iraq" for an area, None for a site.
            "area": area_phrase(location),
            # The names its Natural Earth outline may have, for an area.
            "outline": [location.name, *location.aliases] if area_phrase(location) else [],
            # Events drawn here, and here or at places within it (whose label wins when
            # labels would overlap: Baghdad's over its airport's).
            "events": at[location.id],
            "weight": within[location.id],
        }
        for location in sorted(catalog.locations.values(), key=lambda loc: loc.id)
        if location.coordinates is not None
    ]
    used = {item.event.type for item in located}
    types = [{"id": key, "label": label} for key, label in EVENT_TYPES.items() if key in used]
    frame = map_frame([(item.lat, item.lon) for item in located])
    return {
        "events": events,
        "locations": locations,
        "types": types,
        "frame": None if frame is None else asdict(frame),
    }


def _events_within(catalog: Catalog, at: Counter[str]) -> Counter[str]:
    """Events drawn at each place or at any place within it (Location.parent, transitively)."""
    within: Counter[str] = Counter()
    for place, count in at.items():
        seen: set[str] = set()
        current: str | None = place
        while current and current in catalog.locations and current not in seen:
            seen.add(current)
            within[current] += count
            current = catalog.locations[current].parent
    return within


def js_literal(value: Any) -> str:
    """JSON that is also safe to embed in HTML or a <script> element: ASCII only, and
    ``<``, ``>``, ``&`` written as \\u escapes, so no text can close the element or open a
    comment; U+2028/U+2029 (line breaks to older JavaScript) are escaped by ensure_ascii."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def map_data_js(catalog: Catalog, directory_urls: bool = True) -> str:
    """The text of data/map-data.js: ``window.CHRONOLOGY_MAP = {...};``.

    Every ``url`` is relative to the site root, as data/events.json's are."""
    return f"{MAP_DATA_GLOBAL} = {js_literal(map_data(catalog, directory_urls))};\n"


_grids: dict[int, tuple[Catalog, PlaceGrid, PlaceGrid, dict]] = {}  # see _grids_of
Near = tuple[float, str, Location]  # (km, id, place)


def _grids_of(catalog: Catalog) -> tuple[PlaceGrid, PlaceGrid, dict[str, list[list[Any]]]]:
    """(every place, the cities) in grids and each place's context, for the latest catalog."""
    kept = _grids.get(id(catalog))
    if kept is None or kept[0] is not catalog:
        _grids.clear()
        cities = PlaceGrid(catalog)
        for cell in cities.cells.values():
            cell[:] = [place for place in cell if place.kind == "city"]
        kept = _grids[id(catalog)] = (catalog, PlaceGrid(catalog), cities, {})
    return kept[1], kept[2], kept[3]


def _nearest(grid: PlaceGrid, location: Location, wanted: int, keep: Any) -> list[Near]:
    """The ``wanted`` nearest (km, id, place) within CONTEXT_KM that ``keep`` accepts."""
    here = _at(location)
    found: list[Near] = []
    for bound, candidates in grid.rings(location, CONTEXT_KM):
        if len(found) >= wanted and sorted(found)[wanted - 1][0] < bound:
            break
        for other in candidates:  # all located
            km = km_between(here, _at(other))
            if other.id != location.id and km <= CONTEXT_KM and keep(other, km):
                found.append((km, other.id, other))
    return sorted(found)[:wanted]


def map_context(catalog: Catalog, location: Location) -> list[list[Any]]:
    """[[name, lat, lon], ...]: the sites a small map names (the nearest, and cities apart;
    cities first; for an area, its cities only), so a reader sees where it is."""
    places, cities, known = _grids_of(catalog)
    if location.id in known:
        return known[location.id]
    area = location.kind in AREA_KINDS

    def site(other: Location, km: float) -> bool:
        return km > 0.5 and other.kind not in AREA_KINDS and (other.kind == "city" or not area)

    near = _nearest(places, location, CONTEXT_PLACES, site)
    apart: list[Near] = []
    for far in _nearest(cities, location, 4 * CONTEXT_CITIES, lambda o, km: km > 0.5):
        named = [o for o in near + apart if o[2].kind == "city"]
        if far not in near and all(km_between(_at(far[2]), _at(o[2])) >= APART_KM for o in named):
            apart.append(far)
    near += apart[:CONTEXT_CITIES]
    near.sort(key=lambda item: (item[2].kind != "city", item[0], item[1]))  # cities first
    known[location.id] = [[other.name, *_at(other)] for _, _, other in near]
    return known[location.id]


def _at(location: Location) -> tuple[float, float]:
    assert location.coordinates is not None
    return (location.coordinates.lat, location.coordinates.lon)


def small_map_html(catalog: Catalog, record: Event | Location) -> Markup:
    """The container of a one-place map for an event's or a location's page, or empty
    Markup when there are no coordinates. Attribute values are HTML-escaped only: the
    element is a raw HTML block, where Markdown escapes would show as backslashes.
    ``data-context`` names the nearest other places (map_context), ``data-area`` says how an
    area place is named ("somewhere in Iraq") and ``data-outline`` the names of its outline.

    Put it on a line of its own with blank lines around it, so Markdown passes it through.
    """
    if isinstance(record, Event):
        item = locate(catalog, record)
        if item is None:
            return Markup("")
        location = item.location
        label = f"{PLACE_PRECISIONS[item.place.precision]} {location.name}"
    else:
        location = record
        if location.coordinates is None:
            return Markup("")
        label = location.name
    assert location.coordinates is not None
    attributes = {
        "class": "chronology-map",
        "data-lat": repr(location.coordinates.lat),
        "data-lon": repr(location.coordinates.lon),
        "data-label": label,
        "data-zoom": str(PLACE_ZOOM.get(location.kind, DEFAULT_PLACE_ZOOM)),
        "data-context": js_literal(map_context(catalog, location)),
        **(
            {
                "data-area": area_phrase(location) or "",
                "data-outline": js_literal([location.name, *location.aliases]),
            }
            if location.kind in AREA_KINDS
            else {}
        ),
        "role": "region",
        "aria-label": f"Map: {label}",
    }
    text = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    return Markup(f"<div {text}></div>")
