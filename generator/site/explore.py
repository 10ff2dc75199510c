"""The explorer: ``data/explore-index.js``, the compact index ``docs/assets/filters.js`` filters
in the reader's browser, and the Explorer page's values.

The index is columnar so that it stays small at tens of thousands of events: one array per
field, events in the chronology's order (Catalog keeps them by earliest, then latest possible
day), actors, places and vocabularies named once and referred to by number. An event's date
is the interval its EDTF value allows as day numbers (days since 1970-01-01; ``None`` for an
open end), which a filter's date range must overlap. Casualty figures are per group as
``[group, low, high]``; a group the sources do not give is absent (unknown, never 0). Page
addresses are not stored: the page makes them from the record's id, the folder and the URL
style of the build (``suffix``).

Like data/map-data.js it is a script setting a global (``window.CHRONOLOGY_EXPLORE``), not a
.json file, because browsers refuse to fetch local files under file://. It is the page's
working data, not an open-data file: data/events.json is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..content.catalog import Catalog
from ..content.model import FOLDERS, Actor, CasualtyCounts, Event, Location, Range
from ..content.vocabulary import (
    ACTOR_KINDS,
    CASUALTY_GROUPS,
    EVENT_TYPES,
    LOCATION_KINDS,
    PLACE_PRECISIONS,
    ROLES,
)
from .facts import short_date_of
from .maps import js_literal
from .urls import EXPLORE_URI, page_uri, page_url, relative_uri

#: The global explore-index.js sets; docs/assets/filters.js reads it.
EXPLORE_GLOBAL = "window.CHRONOLOGY_EXPLORE"
#: Where the index is written, relative to the site root.
EXPLORE_INDEX_PATH = "data/explore-index.js"
#: What the Explorer page loads, in this order (front matter, read by overrides/main.html).
EXPLORE_SCRIPTS = (EXPLORE_INDEX_PATH, "assets/filters.js", "assets/explore.js")
EXPLORE_STYLES = ("assets/explore.css",)
#: Results on one page of the explorer; docs/assets/explore.js reads it from the index.
EXPLORE_PAGE_SIZE = 50
#: Version of the index's shape, so a stale cached script is recognised.
INDEX_VERSION = 1

_EPOCH = date(1970, 1, 1).toordinal()


def day_number(day: date) -> int:
    """Days since 1970-01-01, as JavaScript's Date.UTC(...) / 86400000 counts them."""
    return day.toordinal() - _EPOCH


def _parents(records: list[Actor] | list[Location], number: dict[str, int]) -> list[int]:
    """The number of each record's parent, -1 for none."""
    return [number[r.parent] if r.parent in number else -1 for r in records]


def _figures(counts: CasualtyCounts | None) -> list[list[int]]:
    """[[group number, low, high], ...] for the groups the sources give; unknown ones absent."""
    if counts is None:
        return []
    out = []
    for number, group in enumerate(CASUALTY_GROUPS):
        value = getattr(counts, group)
        if value is None:
            continue
        low, high = (value.low, value.high) if isinstance(value, Range) else (value, value)
        out.append([number, low, high])
    return out


def event_roles(event: Event) -> list[tuple[str, str]]:
    """Every (actor id, role) of an event, once each: its actors with their roles, and the
    accusers named in a part's ``by`` as 'attributed-by' (as the actor pages count them)."""
    pairs: dict[tuple[str, str], None] = {}
    for part in event.actors:
        pairs[(part.actor, part.role)] = None
    for part in event.actors:
        for accuser in part.by:
            pairs[(accuser, "attributed-by")] = None
    return list(pairs)


def explore_index(
    catalog: Catalog, directory_urls: bool = True, kept: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The document explore-index.js carries, as plain Python values. ``kept`` holds each
    event's entries between the builds of ``chronology serve`` (``_rows``)."""
    actors = sorted(catalog.actors.values(), key=lambda a: a.id)
    places = sorted(catalog.locations.values(), key=lambda p: p.id)
    actor_no = {a.id: i for i, a in enumerate(actors)}
    place_no = {p.id: i for i, p in enumerate(places)}
    kinds_a, kinds_p = list(ACTOR_KINDS), list(LOCATION_KINDS)
    types, roles, precisions = list(EVENT_TYPES), list(ROLES), list(PLACE_PRECISIONS)
    events = list(catalog.events.values())
    columns = _rows(catalog, events, actor_no, place_no, {} if kept is None else kept)
    sample_event = page_url(page_uri(events[0]) if events else "events/x.md", directory_urls)
    return {
        "version": INDEX_VERSION,
        "page_size": EXPLORE_PAGE_SIZE,
        "folders": {
            "event": FOLDERS[Event] + "/",
            "actor": FOLDERS[Actor] + "/",
            "place": FOLDERS[Location] + "/",
        },
        "suffix": "/" if sample_event.endswith("/") else ".html",
        "types": [[k, EVENT_TYPES[k]] for k in types],
        "roles": [[k, ROLES[k]] for k in roles],
        "groups": [[k, v] for k, v in CASUALTY_GROUPS.items()],
        "precisions": [PLACE_PRECISIONS[k] for k in precisions],
        "actor_kinds": [[k, ACTOR_KINDS[k]] for k in kinds_a],
        "place_kinds": [[k, LOCATION_KINDS[k]] for k in kinds_p],
        "actors": {
            "id": [a.id for a in actors],
            "name": [a.name for a in actors],
            "kind": [kinds_a.index(a.kind) for a in actors],
            "parent": _parents(actors, actor_no),
        },
        "places": {
            "id": [p.id for p in places],
            "name": [p.name for p in places],
            "kind": [kinds_p.index(p.kind) for p in places],
            "parent": _parents(places, place_no),
        },
        "events": dict(zip(_COLUMNS, columns, strict=True)),
    }


_COLUMNS = ("id", "title", "date", "start", "end", "type", "actors", "places", "killed", "wounded")


def _rows(
    catalog: Catalog,
    events: list[Event],
    actor_no: dict[str, int],
    place_no: dict[str, int],
    kept: dict[str, Any],
) -> list[list[Any]]:
    """Each column of the events' table. An event's entries depend on it and on the actors'
    and places' numbers, so ``kept`` (by event id) serves while both are the same."""
    if kept.get("") != (actor_no, place_no):
        kept.clear()
        kept[""] = (actor_no, place_no)
    roles, precisions, types = list(ROLES), list(PLACE_PRECISIONS), list(EVENT_TYPES)
    rows = []
    for e in events:
        row = kept.get(e.id)
        if row is None or row[0] is not e:
            w = catalog.when(e)
            row = kept[e.id] = (
                e,
                e.id,
                e.title,
                short_date_of(e.date),
                day_number(w.first_day) if w.first_day else None,
                day_number(w.last_day) if w.last_day else None,
                types.index(e.type),
                # [actor, role, actor, role, ...] and [place, precision, ...], flat.
                [n for a, r in event_roles(e) for n in (actor_no[a], roles.index(r))],
                [
                    n
                    for p in e.locations
                    for n in (place_no[p.place], precisions.index(p.precision))
                ],
                _figures(e.casualties.killed if e.casualties else None),
                _figures(e.casualties.wounded if e.casualties else None),
            )
        rows.append(row)
    return [[row[i] for row in rows] for i in range(1, len(_COLUMNS) + 1)]


def explore_index_js(
    catalog: Catalog, directory_urls: bool = True, kept: dict[str, Any] | None = None
) -> str:
    """The text of data/explore-index.js: ``window.CHRONOLOGY_EXPLORE = {...};``."""
    return f"{EXPLORE_GLOBAL} = {js_literal(explore_index(catalog, directory_urls, kept))};\n"


def explore_page_values(catalog: Catalog, uri: str = EXPLORE_URI) -> dict[str, Any]:
    """Template values for site_templates/explore.md.j2: what it loads, the path from the
    page to the site root (the same in both URL styles for an index page), the counts."""
    return {
        "scripts": EXPLORE_SCRIPTS,
        "styles": EXPLORE_STYLES,
        "data_root": relative_uri("index.md", uri)[: -len("index.md")] or "./",
        "event_count": len(catalog.events),
    }
