"""Data for the maps: ``data/map-data.js`` and the facts the Map page lists.

The maps run from ``file://`` (a zip opened locally), where browsers refuse fetch/XHR of
local files, so the data is a script that sets ``window.CHRONOLOGY_MAP`` rather than a .json
file. ``docs/assets/map.js`` draws it; the Map page (``site_templates/map.md.j2``) lists the
same events as tables, so nothing is only available to readers with JavaScript. Only the Map
page loads the data (its front matter lists it under ``scripts``): the one-place maps of
event and location pages carry their coordinates in data attributes.

An event is placed at the first of its places that has coordinates; an event with no such
place is "unlocated" and appears in the Map page's list instead of on the map.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..content import edtf
from ..content.catalog import Catalog
from ..content.filing import filing
from ..content.model import Event, EventPlace, Location
from ..content.vocabulary import EVENT_TYPES, PLACE_PRECISIONS
from .urls import SPANNING_URI, page_uri, page_url, relative_uri, year_uri

#: Zoom of a one-place map by location kind (the borders are 1:50m, so closer shows nothing
#: more); other kinds use DEFAULT_PLACE_ZOOM.
PLACE_ZOOM = {"country": 4, "region": 5, "border-area": 5}
DEFAULT_PLACE_ZOOM = 6

#: The global map-data.js sets; docs/assets/map.js reads it.
MAP_DATA_GLOBAL = "window.CHRONOLOGY_MAP"

#: Where the data file is written, relative to the site root.
MAP_DATA_PATH = "data/map-data.js"
#: The Map page lists events one by one up to this many; beyond, counts and links.
MAP_PAGE_LIST_LIMIT = 200
#: How many places the Map page names when it lists counts.
TOP_PLACES = 25


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


def located_events(catalog: Catalog) -> tuple[list[LocatedEvent], list[Event]]:
    """(events that can be drawn, in chronological order; events that cannot)."""
    located: list[LocatedEvent] = []
    unlocated: list[Event] = []
    for event in catalog.events.values():
        item = locate(catalog, event)
        if item is None:
            unlocated.append(event)
        else:
            located.append(item)
    return located, unlocated


def map_page_values(catalog: Catalog, uri: str = "map/index.md") -> dict[str, Any]:
    """Template values for site_templates/map.md.j2, as the page at ``uri``.

    ``years``: [(heading, chronology page, [LocatedEvent, ...]), ...] by the year the
    chronology files each event under (content.filing), in chronological order; events that
    span years or are open-ended last, under their own heading;
    ``located_count``; ``unlocated``: events without coordinates, chronological;
    ``scripts``: what the page loads besides every page's scripts (its front matter names
    them for overrides/main.html): the map data, megabytes with a long chronology;
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
        "scripts": [MAP_DATA_PATH],
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
    locations = [
        {
            "id": location.id,
            "name": location.name,
            "lat": location.coordinates.lat,
            "lon": location.coordinates.lon,
            "url": url(location),
        }
        for location in sorted(catalog.locations.values(), key=lambda loc: loc.id)
        if location.coordinates is not None
    ]
    used = {item.event.type for item in located}
    types = [{"id": key, "label": label} for key, label in EVENT_TYPES.items() if key in used]
    return {"events": events, "locations": locations, "types": types}


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


def small_map_html(catalog: Catalog, record: Event | Location) -> Markup:
    """The container of a one-place map for an event's or a location's page, or empty
    Markup when there are no coordinates. Attribute values are HTML-escaped only: the
    element is a raw HTML block, where Markdown escapes would show as backslashes.

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
        "role": "region",
        "aria-label": f"Map: {label}",
    }
    text = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    return Markup(f"<div {text}></div>")
