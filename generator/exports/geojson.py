"""``data/events.geojson``: located events as points, for maps."""

from __future__ import annotations

from typing import Any

from ..content.catalog import Catalog
from ..content.licence import licence_field
from ..site.urls import site_base
from .fields import (
    LIST_SEPARATOR,
    casualty_totals,
    event_url,
    first_located,
    iso_day,
    json_records,
    local_time,
)


def events_geojson(
    catalog: Catalog,
    directory_urls: bool = True,
    site_url: str | None = None,
    site_name: str = "Chronology",
) -> str:
    """A GeoJSON FeatureCollection (RFC 7946): one Point feature per event that has a place
    with coordinates, at the first such place. Events without one are left out. The licence
    is a foreign member (RFC 7946, 6.1) beside ``type``; each ``url`` is a permalink when
    ``site_url`` is set."""
    base = site_base(site_url)
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
            "time": local_time(when),
            "type": event.type,
            "url": event_url(event, directory_urls, base),
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
    return json_records(
        {
            "type": "FeatureCollection",
            "license": licence_field(site_name, base),
            "features": features,
        }
    )
