"""``data/events.geojson``: located events as points, for maps."""

from __future__ import annotations

from typing import Any

from ..content.catalog import Catalog
from .fields import LIST_SEPARATOR, casualty_totals, event_url, first_located, iso_day, json_records


def events_geojson(catalog: Catalog, directory_urls: bool = True) -> str:
    """A GeoJSON FeatureCollection (RFC 7946): one Point feature per event that has a place
    with coordinates, at the first such place. Events without one are left out."""
    features = []
    for event in catalog.events.values():
        located = first_located(catalog, event)
        if located is None or located.coordinates is None:
            continue
        when = catalog.when(event)
        places = [catalog.locations[p.place] for p in event.locations]
        precision = next(p.precision for p in event.locations if p.place == located.id)
        properties: dict[str, Any] = {
            "title": event.title,
            "date": event.date,
            "start": iso_day(when.first_day),
            "end": iso_day(when.last_day),
            "type": event.type,
            "url": event_url(event, directory_urls),
            "place": located.name,
            "place_id": located.id,
            "precision": precision,
            "places": LIST_SEPARATOR.join(p.name for p in places),
            "place_ids": LIST_SEPARATOR.join(p.id for p in places),
        }
        for kind, (low, high) in casualty_totals(event).items():
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
    return json_records({"type": "FeatureCollection", "features": features})
