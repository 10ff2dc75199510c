"""``data/events.json``: every event, actor, location and source in one JSON document."""

from __future__ import annotations

from typing import Any

from ..content.catalog import Catalog
from ..content.licence import licence_field
from ..content.model import (
    Actor,
    Casualties,
    CasualtyCounts,
    Citation,
    Event,
    Location,
    Range,
    Source,
)
from ..content.totals import casualty_total
from ..content.vocabulary import CASUALTY_GROUPS
from ..site.urls import page_uri, site_base
from .fields import encoded, event_head, json_records, permalink
from .parts import FileParts

#: Bumped when a field changes meaning or disappears (adding fields does not bump it).
EVENTS_JSON_VERSION = 1


def events_json(
    catalog: Catalog,
    directory_urls: bool = True,
    site_url: str | None = None,
    site_name: str = "Chronology",
    parts: FileParts | None = None,
) -> str:
    """Every event, actor, location and source as one JSON document, under its licence.
    Each record's ``url`` is its page's permalink when ``site_url`` is set, else relative.
    ``parts`` keeps each event's record between the builds of ``chronology serve``."""
    base = site_base(site_url)
    parts = parts or FileParts()

    def url(record: Actor | Location | Source) -> str:
        return permalink(page_uri(record), directory_urls, base)

    document = {
        "version": EVENTS_JSON_VERSION,
        "license": licence_field(site_name, base),
        "events": [
            parts.part(
                catalog,
                e,
                (directory_urls, base),
                lambda e=e: encoded(_event(catalog, e, directory_urls, base)),
            )
            for e in catalog.events.values()
        ],
        "actors": [_actor(a, url(a)) for a in catalog.actors.values()],
        "locations": [_location(loc, url(loc)) for loc in catalog.locations.values()],
        "sources": [_source(s, url(s)) for s in catalog.sources.values()],
    }
    return json_records(document)


def _event(
    catalog: Catalog, event: Event, directory_urls: bool, base: str | None
) -> dict[str, Any]:
    return {
        **event_head(catalog, event, directory_urls, base),
        "actors": [
            {
                "id": part.actor,
                "name": catalog.actors[part.actor].name,
                "role": part.role,
                **({"by": list(part.by)} if part.by else {}),
            }
            for part in event.actors
        ],
        "locations": _event_places(catalog, event),
        "casualties": _casualties(event.casualties),
        "sources": [_citation(c) for c in event.sources],
        "related": [{"id": r.event, "relation": r.relation} for r in event.related],
        "tags": list(event.tags),
    }


def _event_places(catalog: Catalog, event: Event) -> list[dict[str, Any]]:
    places = []
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
        places.append(entry)
    return places


def _citation(citation: Citation) -> dict[str, Any]:
    """The source's id and quote, and, as the content has them, the figures this source
    gives (only the kinds and groups it gives) and the note on it."""
    entry: dict[str, Any] = {"id": citation.source, "quote": citation.quote}
    figures = _casualties(citation.casualties)
    if figures:
        entry["casualties"] = figures
    if citation.note:
        entry["note"] = citation.note
    return entry


def _casualties(given: Casualties | None) -> dict[str, Any]:
    casualties: dict[str, Any] = {}
    if given:
        for kind in ("killed", "wounded"):
            counts = _counts(getattr(given, kind))
            if counts is not None:
                casualties[kind] = counts
    return casualties


def _counts(counts: CasualtyCounts | None) -> dict[str, Any] | None:
    """{'low': n, 'high': n, 'by_group': {...}} or None when nothing is known."""
    total = casualty_total(counts)
    if counts is None or total is None:
        return None
    groups = {
        group: _low_high(getattr(counts, group))
        for group in CASUALTY_GROUPS
        if getattr(counts, group) is not None
    }
    return {"low": total[0], "high": total[1], "by_group": groups}


def _low_high(value: int | Range) -> dict[str, int]:
    if isinstance(value, Range):
        return {"low": value.low, "high": value.high}
    return {"low": value, "high": value}


def _actor(actor: Actor, url: str) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "name_ar": actor.name_ar,
        "aliases": list(actor.aliases),
        "kind": actor.kind,
        "parent": actor.parent,
        "url": url,
    }


def _location(location: Location, url: str) -> dict[str, Any]:
    coordinates = location.coordinates
    return {
        "id": location.id,
        "name": location.name,
        "name_ar": location.name_ar,
        "aliases": list(location.aliases),
        "kind": location.kind,
        "parent": location.parent,
        "lat": coordinates.lat if coordinates else None,
        "lon": coordinates.lon if coordinates else None,
        "url": url,
    }


def _source(source: Source, url: str) -> dict[str, Any]:
    return {
        "id": source.id,
        "outlet": source.outlet,
        "author": source.author,
        "date": source.date,
        "title": source.title,
        "original_url": source.url,
        "url": url,
    }
