"""``data/events.geojson``: located events as points, for maps."""

from __future__ import annotations

from typing import Any

from ..content.catalog import Catalog
from ..content.licence import licence_field
from ..content.model import Event
from ..site.urls import site_base
from .fields import (
    LIST_SEPARATOR,
    Encoded,
    casualty_totals,
    encoded,
    event_url,
    first_located,
    iso_day,
    json_records,
    local_time,
)
from .parts import FileParts


def events_geojson(
    catalog: Catalog,
    directory_urls: bool = True,
    site_url: str | None = None,
    site_name: str = "Chronology",
    parts: FileParts | None = None,
) -> str:
    """A GeoJSON FeatureCollection (RFC 7946): one Point feature per event that has a place
    with coordinates, at the first such place. Events without one are left out. The licence
    is a foreign member (RFC 7946, 6.1) beside ``type``; each ``url`` is a permalink when
    ``site_url`` is set. ``parts`` keeps each event's feature between the builds of
    ``chronology serve``."""
    base = site_base(site_url)
    parts = parts or FileParts()
    features = []
    for event in catalog.events.values():
        feature = parts.part(
            catalog,
            event,
            (directory_urls, base),
            lambda event=event: _encoded(_feature(catalog, event, directory_urls, base)),
        )
        if feature is not None:
            features.append(feature)
    return json_records(
        {
            "type": "FeatureCollection",
            "license": licence_field(site_name, base),
            "features": features,
        }
    )


def _encoded(feature: dict[str, Any] | None) -> Encoded | None:
    return None if feature is None else encoded(feature)


def _feature(
    catalog: Catalog, event: Event, directory_urls: bool, base: str | None
) -> dict[str, Any] | None:
    """The event's Point feature, or None when none of its places has coordinates."""
    located = first_located(catalog, event)
    if located is None or located.coordinates is None:
        return None
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
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {
            "type": "Point",
            # RFC 7946: longitude first, then latitude (WGS84).
            "coordinates": [located.coordinates.lon, located.coordinates.lat],
        },
        "properties": properties,
    }
