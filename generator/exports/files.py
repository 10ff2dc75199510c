"""Every data file of the exports room, by its path in the site."""

from __future__ import annotations

from ..content.catalog import Catalog
from .atom import atom_feed
from .csv import events_csv
from .geojson import events_geojson
from .ics import events_ics
from .json import events_json
from .schema import schema_texts


def data_files(
    catalog: Catalog,
    directory_urls: bool = True,
    site_url: str | None = None,
    site_name: str = "Chronology",
) -> dict[str, str]:
    """Every data file as {path relative to the site root: text}.

    ``site_url`` (MkDocs' ``site_url``) makes every page address in them the hosted page's
    permalink; ``site_name`` names the calendar and the feed and is the credit the licence
    asks for.
    """
    files = {
        "data/events.json": events_json(catalog, directory_urls, site_url, site_name),
        "data/events.csv": events_csv(catalog, directory_urls, site_url),
        "data/events.geojson": events_geojson(catalog, directory_urls, site_url, site_name),
        "data/events.ics": events_ics(catalog, directory_urls, site_url, site_name),
        "feed.xml": atom_feed(catalog, directory_urls, site_url, site_name),
    }
    for name, text in schema_texts().items():
        files[f"data/schema/{name}"] = text
    return files
