"""Open data files built from the catalog, documented in docs/data.md:

- ``data/events.json``: everything, one JSON document
- ``data/events.csv``: one row per event, for spreadsheets
- ``data/events.geojson``: located events as points, for maps
- ``data/events.ics``: every event as an all-day calendar entry
- ``feed.xml``: an Atom feed of the latest events
- ``data/schema/<kind>.schema.json``: JSON Schemas of the content files

Each export is a pure function of the catalog returning text, so it can be written by the
MkDocs plugin or by ``chronology generate`` alike. Same catalog, same bytes: nothing depends
on the clock, the machine or dictionary order, so rebuilding the site changes no file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..content import edtf
from ..content.catalog import Catalog
from ..content.model import CASUALTY_GROUPS, EVENT_TYPES, CasualtyCounts, Event, Location, Range
from ..content.totals import casualty_total
from ..site.maps import MAP_DATA_PATH, map_data_js
from ..site.urls import page_uri, page_url
from .schema import schema_texts

#: Bumped when a field changes meaning or disappears (adding fields does not bump it).
EVENTS_JSON_VERSION = 1

#: Stable, domain-free name of this chronology in identifiers: iCalendar UIDs are
#: ``<event-id>@chronology`` and Atom ids are tag: URIs (RFC 4151) under ``TAG_BASE``.
#: Never change them: feed readers and calendars use them to recognise an event again.
ID_AUTHORITY = "chronology"
TAG_BASE = f"tag:{ID_AUTHORITY},2026:"

#: How many events feed.xml holds (the latest, by date).
FEED_SIZE = 50

#: The columns of data/events.csv, in order.
CSV_COLUMNS = [
    "id",
    "date",
    "start",
    "end",
    "title",
    "type",
    "summary",
    "url",
    "locations",
    "location_ids",
    "lat",
    "lon",
    "actors",
    "actor_ids",
    "killed_low",
    "killed_high",
    "wounded_low",
    "wounded_high",
    "source_ids",
    "tags",
]

#: Separator of several values in one CSV cell or GeoJSON property.
LIST_SEPARATOR = "; "

#: DTSTAMP and <updated> of an empty catalog.
_EPOCH = date(1970, 1, 1)


def _iso(day: date | None) -> str | None:
    """ISO date, or None for the open end of an interval (unknown, not guessed)."""
    return day.isoformat() if day else None


def _figure(value: int | Range) -> dict[str, int]:
    if isinstance(value, Range):
        return {"low": value.low, "high": value.high}
    return {"low": value, "high": value}


def _counts(counts: CasualtyCounts | None) -> dict[str, Any] | None:
    """{'low': n, 'high': n, 'by_group': {...}} or None when nothing is known."""
    total = casualty_total(counts)
    if counts is None or total is None:
        return None
    groups = {
        group: _figure(getattr(counts, group))
        for group in CASUALTY_GROUPS
        if getattr(counts, group) is not None
    }
    return {"low": total[0], "high": total[1], "by_group": groups}


def _totals(event: Event) -> dict[str, tuple[int, int]]:
    """{'killed': (low, high), 'wounded': (low, high)}, each only when a figure is known."""
    totals: dict[str, tuple[int, int]] = {}
    if event.casualties:
        for kind in ("killed", "wounded"):
            total = casualty_total(getattr(event.casualties, kind))
            if total is not None:
                totals[kind] = total
    return totals


def _event_url(event: Event, directory_urls: bool) -> str:
    return page_url(page_uri(event), directory_urls)


def _site_base(site_url: str | None) -> str | None:
    """The site's address ending in '/', or None when not configured."""
    if not site_url or not site_url.strip():
        return None
    site_url = site_url.strip()
    return site_url if site_url.endswith("/") else site_url + "/"


def _first_located(catalog: Catalog, event: Event) -> Location | None:
    """The event's first place that has coordinates."""
    for place in event.locations:
        location = catalog.locations[place.place]
        if location.coordinates is not None:
            return location
    return None


def _latest_day(catalog: Catalog) -> date:
    """The last possible day of any event: the catalog's 'last modified' date, since builds
    must not depend on the clock."""
    return max((catalog.when(e).latest for e in catalog.events.values()), default=_EPOCH)


# Control characters other than tab and newline are not allowed in XML 1.0 or iCalendar text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _degrees(value: float) -> str:
    """A coordinate as plain decimal text ('44.2346', never '1e-05')."""
    return format(Decimal(repr(value)), "f")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _date_line(catalog: Catalog, event: Event) -> str:
    """'Date: 2020-07~ (about July 2020)': the EDTF text and its reading."""
    return f"Date: {event.date} ({edtf.describe(catalog.when(event))})"


def _casualty_line(event: Event) -> str | None:
    """'Killed: 5; wounded: 1–3', or None when no figure is known."""
    parts = []
    for kind, (low, high) in _totals(event).items():
        parts.append(f"{kind}: {low}" if low == high else f"{kind}: {low}–{high}")
    if not parts:
        return None
    text = LIST_SEPARATOR.join(parts)
    return text[0].upper() + text[1:]


def _json_records(document: dict[str, Any]) -> str:
    """A JSON object whose lists of records (events, features) hold one record per line:

        {
         "version": 1,
         "events": [
          {"id": "…", "date": "…", …},
          {"id": "…", "date": "…", …}
         ]
        }

    As easy to read and compare line by line as indented JSON, a sixth smaller, and made by
    the json module's C encoder: with ``indent`` it runs its pure-Python one, four times slower
    (0.5 s of events.json's 0.7 s at 10,000 events)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    members = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            records = ",\n".join("  " + encode(record) for record in value)
            members.append(f" {encode(key)}: [\n{records}\n ]")
        else:
            members.append(f" {encode(key)}: {encode(value)}")
    return "{\n" + ",\n".join(members) + "\n}\n"


# --- data/events.json ----------------------------------------------------------------------


def events_json(catalog: Catalog, directory_urls: bool = True) -> str:
    """Every event, actor, location and source as one JSON document."""

    def url(record: Any) -> str:
        return page_url(page_uri(record), directory_urls)

    events = []
    for event in catalog.events.values():
        when = catalog.when(event)
        casualties: dict[str, Any] = {}
        if event.casualties:
            for kind in ("killed", "wounded"):
                counts = _counts(getattr(event.casualties, kind))
                if counts is not None:
                    casualties[kind] = counts
        locations = []
        for place in event.locations:
            location = catalog.locations[place.place]
            entry: dict[str, Any] = {
                "id": location.id,
                "name": location.name,
                "precision": place.precision,
            }
            if location.coordinates:
                entry["lat"] = location.coordinates.lat
                entry["lon"] = location.coordinates.lon
            locations.append(entry)
        events.append(
            {
                "id": event.id,
                "date": event.date,
                "start": _iso(when.first_day),
                "end": _iso(when.last_day),
                "title": event.title,
                "type": event.type,
                "summary": event.summary,
                "url": url(event),
                "actors": [
                    {
                        "id": part.actor,
                        "name": catalog.actors[part.actor].name,
                        "role": part.role,
                        **({"by": list(part.by)} if part.by else {}),
                    }
                    for part in event.actors
                ],
                "locations": locations,
                "casualties": casualties,
                "sources": [{"id": c.source, "quote": c.quote} for c in event.sources],
                "related": [{"id": r.event, "relation": r.relation} for r in event.related],
                "tags": list(event.tags),
            }
        )
    document = {
        "version": EVENTS_JSON_VERSION,
        "events": events,
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "name_ar": a.name_ar,
                "aliases": list(a.aliases),
                "kind": a.kind,
                "parent": a.parent,
                "url": url(a),
            }
            for a in catalog.actors.values()
        ],
        "locations": [
            {
                "id": loc.id,
                "name": loc.name,
                "name_ar": loc.name_ar,
                "aliases": list(loc.aliases),
                "kind": loc.kind,
                "parent": loc.parent,
                "lat": loc.coordinates.lat if loc.coordinates else None,
                "lon": loc.coordinates.lon if loc.coordinates else None,
                "url": url(loc),
            }
            for loc in catalog.locations.values()
        ],
        "sources": [
            {
                "id": s.id,
                "outlet": s.outlet,
                "author": s.author,
                "date": s.date,
                "title": s.title,
                "original_url": s.url,
                "url": url(s),
            }
            for s in catalog.sources.values()
        ],
    }
    return _json_records(document)


# --- data/events.csv -----------------------------------------------------------------------


def events_csv(catalog: Catalog, directory_urls: bool = True) -> str:
    """One row per event (RFC 4180: comma-separated, CRLF line ends, quoted when needed).

    Several values in one cell are joined by '; '. Unknown figures and coordinates are
    empty cells, never 0.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in catalog.events.values():
        when = catalog.when(event)
        places = [catalog.locations[p.place] for p in event.locations]
        located = _first_located(catalog, event)
        totals = _totals(event)
        killed = totals.get("killed")
        wounded = totals.get("wounded")
        row = {
            "id": event.id,
            "date": event.date,
            "start": _iso(when.first_day),
            "end": _iso(when.last_day),
            "title": event.title,
            "type": event.type,
            "summary": event.summary,
            "url": _event_url(event, directory_urls),
            "locations": LIST_SEPARATOR.join(p.name for p in places),
            "location_ids": LIST_SEPARATOR.join(p.id for p in places),
            "lat": _degrees(located.coordinates.lat) if located and located.coordinates else "",
            "lon": _degrees(located.coordinates.lon) if located and located.coordinates else "",
            "actors": LIST_SEPARATOR.join(
                f"{catalog.actors[part.actor].name} ({part.role})" for part in event.actors
            ),
            "actor_ids": LIST_SEPARATOR.join(part.actor for part in event.actors),
            "killed_low": killed[0] if killed else "",
            "killed_high": killed[1] if killed else "",
            "wounded_low": wounded[0] if wounded else "",
            "wounded_high": wounded[1] if wounded else "",
            "source_ids": LIST_SEPARATOR.join(
                dict.fromkeys(citation.source for citation in event.sources)
            ),
            "tags": LIST_SEPARATOR.join(event.tags),
        }
        writer.writerow([_inert_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


#: Spreadsheets run a cell beginning with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert_cell(value: object) -> object:
    """Text a spreadsheet would take for a formula gets a leading apostrophe (OWASP's advice);
    numbers are left as numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


# --- data/events.geojson -------------------------------------------------------------------


def events_geojson(catalog: Catalog, directory_urls: bool = True) -> str:
    """A GeoJSON FeatureCollection (RFC 7946): one Point feature per event that has a place
    with coordinates, at the first such place. Events without one are left out."""
    features = []
    for event in catalog.events.values():
        located = _first_located(catalog, event)
        if located is None or located.coordinates is None:
            continue
        when = catalog.when(event)
        places = [catalog.locations[p.place] for p in event.locations]
        precision = next(p.precision for p in event.locations if p.place == located.id)
        properties: dict[str, Any] = {
            "title": event.title,
            "date": event.date,
            "start": _iso(when.first_day),
            "end": _iso(when.last_day),
            "type": event.type,
            "url": _event_url(event, directory_urls),
            "place": located.name,
            "place_id": located.id,
            "precision": precision,
            "places": LIST_SEPARATOR.join(p.name for p in places),
            "place_ids": LIST_SEPARATOR.join(p.id for p in places),
        }
        for kind, (low, high) in _totals(event).items():
            properties[f"{kind}_low"] = low
            properties[f"{kind}_high"] = high
        features.append(
            {
                "type": "Feature",
                "id": event.id,
                "geometry": {
                    "type": "Point",
                    # RFC 7946: longitude first, then latitude (WGS84).
                    "coordinates": [located.coordinates.lon, located.coordinates.lat],
                },
                "properties": properties,
            }
        )
    return _json_records({"type": "FeatureCollection", "features": features})


# --- data/events.ics -----------------------------------------------------------------------


def _ics_text(text: str) -> str:
    """An iCalendar TEXT value (RFC 5545 3.3.11): backslash, ';', ',' and newlines escaped."""
    text = _clean(text)
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
        .replace("\t", " ")
    )


def _ics_fold(line: str) -> str:
    """Fold a content line so no physical line exceeds 75 octets (RFC 5545 3.1), never
    inside a UTF-8 character; continuation lines start with one space."""
    if line.isascii():  # one octet per character: cut every 75, then 74, characters
        if len(line) <= 75:
            return line
        return "\r\n ".join([line[:75], *(line[i : i + 74] for i in range(75, len(line), 74))])
    octets = line.encode("utf-8")
    if len(octets) <= 75:
        return line
    pieces: list[str] = []
    start, limit = 0, 75
    while len(octets) - start > limit:
        end = start + limit
        while octets[end] & 0xC0 == 0x80:  # a continuation octet: cut before its character
            end -= 1
        pieces.append(octets[start:end].decode("utf-8"))
        start, limit = end, 74  # the leading space takes one octet
    pieces.append(octets[start:].decode("utf-8"))
    return "\r\n ".join(pieces)


def _ics_date(day: date) -> str:
    return day.strftime("%Y%m%d")


def events_ics(
    catalog: Catalog,
    directory_urls: bool = True,
    site_url: str | None = None,
    site_name: str = "Chronology",
) -> str:
    """Every event as an all-day VEVENT (RFC 5545), from its first to its last possible day.

    URL is given only with ``site_url`` (iCalendar has no relative addresses); the page's
    address also ends the DESCRIPTION.
    """
    base = _site_base(site_url)
    stamp = _latest_day(catalog).strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{ID_AUTHORITY}//Chronology site generator//EN",
        "CALSCALE:GREGORIAN",
        f"NAME:{_ics_text(site_name)}",
        f"X-WR-CALNAME:{_ics_text(site_name)}",
    ]
    for event in catalog.events.values():
        when = catalog.when(event)
        url = _event_url(event, directory_urls)
        address = base + url if base else url
        description = [event.summary, "", _date_line(catalog, event)]
        casualties = _casualty_line(event)
        if casualties:
            description.append(casualties)
        description.append(f"Page: {address}")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.id}@{ID_AUTHORITY}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_ics_date(when.earliest)}",
            f"DTEND;VALUE=DATE:{_ics_date(when.latest + timedelta(days=1))}",
            f"SUMMARY:{_ics_text(event.title)}",
            f"DESCRIPTION:{_ics_text(chr(10).join(description))}",
        ]
        if event.locations:
            names = [catalog.locations[p.place].name for p in event.locations]
            lines.append(f"LOCATION:{_ics_text(LIST_SEPARATOR.join(names))}")
        located = _first_located(catalog, event)
        if located is not None and located.coordinates is not None:
            coordinates = located.coordinates
            lines.append(f"GEO:{_degrees(coordinates.lat)};{_degrees(coordinates.lon)}")
        lines.append(f"CATEGORIES:{_ics_text(event.type)}")
        if base:
            lines.append(f"URL:{base + url}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(map(_ics_fold, lines)) + "\r\n"


# --- feed.xml ------------------------------------------------------------------------------

ATOM = "http://www.w3.org/2005/Atom"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def _atom_time(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(
    catalog: Catalog,
    directory_urls: bool = True,
    site_url: str | None = None,
    site_name: str = "Chronology",
    size: int = FEED_SIZE,
) -> str:
    """An Atom 1.0 feed (RFC 4287) of the ``size`` last events in chronological order,
    newest first. Links are relative to the site root, where the feed lives; with
    ``site_url`` the feed also sets xml:base, so readers resolve them from anywhere."""
    base = _site_base(site_url)
    events = list(catalog.events.values())[-size:] if size > 0 else []
    events.reverse()

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attrs)
        if text is not None:
            element.text = _clean(text)
        return element

    feed = ET.Element("feed", {"xmlns": ATOM})
    if base:
        feed.set(_XML_BASE, base)
    sub(feed, "id", f"{TAG_BASE}feed")
    sub(feed, "title", site_name)
    sub(feed, "subtitle", f"The latest {len(events)} events of the chronology, newest first")
    sub(feed, "updated", _atom_time(_latest_day(catalog)))
    sub(feed, "link", rel="self", type="application/atom+xml", href="feed.xml")
    home = page_url("index.md", directory_urls) or "./"
    sub(feed, "link", rel="alternate", type="text/html", href=home)
    author = sub(feed, "author")
    sub(author, "name", site_name)
    sub(feed, "generator", "chronology")
    for event in events:
        entry = sub(feed, "entry")
        sub(entry, "id", f"{TAG_BASE}event/{event.id}")
        sub(entry, "title", event.title, type="text")
        sub(entry, "updated", _atom_time(catalog.when(event).latest))
        sub(
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=_event_url(event, directory_urls),
        )
        sub(entry, "category", term=event.type, label=EVENT_TYPES[event.type])
        summary = [event.summary, "", _date_line(catalog, event)]
        casualties = _casualty_line(event)
        if casualties:
            summary.append(casualties)
        sub(entry, "summary", "\n".join(summary), type="text")
    ET.indent(feed, space=" ")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + ET.tostring(feed, encoding="unicode", short_empty_elements=True)
        + "\n"
    )


# --- all of them ---------------------------------------------------------------------------


def exports(
    catalog: Catalog,
    directory_urls: bool = True,
    site_url: str | None = None,
    site_name: str = "Chronology",
) -> dict[str, str]:
    """Every data file as {path relative to the site root: text}.

    ``site_url`` (MkDocs' ``site_url``) makes the calendar's and the feed's links absolute;
    ``site_name`` names the calendar and the feed.
    """
    files = {
        "data/events.json": events_json(catalog, directory_urls),
        "data/events.csv": events_csv(catalog, directory_urls),
        "data/events.geojson": events_geojson(catalog, directory_urls),
        "data/events.ics": events_ics(catalog, directory_urls, site_url, site_name),
        "feed.xml": atom_feed(catalog, directory_urls, site_url, site_name),
        MAP_DATA_PATH: map_data_js(catalog, directory_urls),
    }
    for name, text in schema_texts().items():
        files[f"data/schema/{name}"] = text
    return files
