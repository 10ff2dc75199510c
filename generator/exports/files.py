"""Every data file of the exports room, by its path in the site."""

from __future__ import annotations

from ..content.catalog import Catalog
from ..content.history import History
from .atom import atom_feed
from .csv import casualty_reports_csv, events_csv
from .geojson import events_geojson
from .ics import events_ics
from .json import events_json
from .parts import DataParts, file_parts
from .schema import schema_texts


def data_files(
    catalog: Catalog,
    directory_urls: bool = True,
    site_url: str | None = None,
    site_name: str = "Chronology",
    history: History | None = None,
    parts: DataParts | None = None,
) -> dict[str, str]:
    """Every data file as {path relative to the site root: text}.

    ``site_url`` (MkDocs' ``site_url``) makes every page address in them the hosted page's
    permalink; ``site_name`` names the calendar and the feed and is the credit the licence
    asks for; ``history``, the content files' git history, dates the feed's and the
    calendar's entries by when they were added and changed (without it, by the events' dates);
    ``parts`` keeps each event's part of them between the builds of ``chronology serve``.
    """
    files: dict[str, str] = {}
    if parts is not None:
        parts.begin(catalog)
    with file_parts(parts, "data/events.json") as kept:
        files["data/events.json"] = events_json(
            catalog, directory_urls, site_url, site_name, parts=kept
        )
    with file_parts(parts, "data/events.csv") as kept:
        files["data/events.csv"] = events_csv(catalog, directory_urls, site_url, parts=kept)
    files["data/casualty-reports.csv"] = casualty_reports_csv(catalog)
    with file_parts(parts, "data/events.geojson") as kept:
        files["data/events.geojson"] = events_geojson(
            catalog, directory_urls, site_url, site_name, parts=kept
        )
    with file_parts(parts, "data/events.ics") as kept:
        files["data/events.ics"] = events_ics(
            catalog, directory_urls, site_url, site_name, history, parts=kept
        )
    files["feed.xml"] = atom_feed(catalog, directory_urls, site_url, site_name, history=history)
    for name, text in (parts.once("schemas", schema_texts) if parts else schema_texts()).items():
        files[f"data/schema/{name}"] = text
    return files
