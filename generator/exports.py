"""Open data files built from the catalog: ``data/events.json`` (documented in docs/data.md).

Each export is a pure function of the catalog returning text, so it can be written by the
MkDocs plugin or by ``chronology generate`` alike.
"""

from __future__ import annotations

import json
from typing import Any

from .catalog import Catalog
from .model import CASUALTY_GROUPS, CasualtyCounts, Range
from .render import casualty_total, page_uri, page_url

#: Bumped when a field changes meaning or disappears (adding fields does not bump it).
EVENTS_JSON_VERSION = 1


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
                "start": when.earliest.isoformat(),
                "end": when.latest.isoformat(),
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
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def exports(catalog: Catalog, directory_urls: bool = True) -> dict[str, str]:
    """Every data file as {path relative to the site root: text}."""
    return {"data/events.json": events_json(catalog, directory_urls)}
