"""Every data file of the exports room, by its path in the site."""

from __future__ import annotations

from ..content.catalog import Catalog
from ..content.history import History
from .atom import atom_feed
from .csv import casualty_reports_csv, events_csv
from .geojson import events_geojson
from .ics import events_ics
from .json import events_json
from .schema import schema_texts


def data_files(
    catalog: Catalog,
    directory_urls: bool = True,
    site_url: str | None = None,
    site_name: str = "Chronology",
    history: History | None = None,
) -> dict[str, str]:
    """Every data file as {path relative to the site root: text}.

    ``site_url`` (MkDocs' ``site_url``) makes every page address in them the hosted page's
    permalink; ``site_name`` names the calendar and the feed and is the credit the licence
    asks for; ``history``, the content files' git history, dates the feed's and the
    calendar's entries by when they were added and changed (without it, by the events' dates).
    """
    files = {
        "data/events.json": events_json(catalog, directory_urls, site_url, site_name),
        "data/events.csv": events_csv(catalog, directory_urls, site_url),
        "data/casualty-reports.csv": casualty_reports_csv(catalog),
        "data/events.geojson": events_geojson(catalog, directory_urls, site_url, site_name),
        "data/events.ics": events_ics(catalog, directory_urls, site_url, site_name, history),
        "feed.xml": atom_feed(catalog, directory_urls, site_url, site_name, history=history),
    }
    for name, text in schema_texts().items():
        files[f"data/schema/{name}"] = text
    return files
