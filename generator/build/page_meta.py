"""Each page's permalink (canonical link, ``og:url``, sitemap.xml), which the offline
bundle (no directory URLs) gives as the hosted address too, and its schema.org JSON-LD,
worked out from a page's source path. The record pages carry their JSON-LD in their front
matter (site/metadata.py); the hand-written data page gets its Dataset here, in its front
matter too (:meth:`PageMetadata.completed_data_page`), so that any engine building the
pages writes the same head. No MkDocs."""

from __future__ import annotations

from markupsafe import Markup

from ..content.catalog import Catalog
from ..content.model import Actor, Event
from ..site.metadata import LinkedData, linked_data_lines, script_text
from ..site.urls import hosted_url, page_uri, site_base

#: The data files the data page describes, from the site root, with their media types
#: (exports/files.py writes them; tests/site/test_metadata.py checks the two agree).
DATA_DOWNLOADS = {
    "data/events.json": "application/json",
    "data/events.csv": "text/csv",
    "data/casualty-reports.csv": "text/csv",
    "data/events.geojson": "application/geo+json",
    "data/events.ics": "text/calendar",
    "feed.xml": "application/atom+xml",
}
#: The page the Dataset describes.
DATA_PAGE = "data.md"
DATA_DESCRIPTION = (
    "Every event of the chronology with its date (EDTF), type, places, actors and their "
    "roles, casualty figures and the sources with their quoted words, as JSON, CSV, GeoJSON, "
    "iCalendar and an Atom feed, rebuilt with every change."
)


class PageMetadata:
    """Permalinks and JSON-LD of the pages of one build."""

    def __init__(self, catalog: Catalog, site_name: str, site_url: str | None):
        self.site_url = site_base(site_url)
        self.linked = LinkedData(catalog, site_name, self.site_url)
        # Only a record's first page describes it; further pages (…/page-2.md) are lists.
        self.records = {
            page_uri(record): record
            for records in (catalog.events, catalog.actors, catalog.locations)
            for record in records.values()
        }

    def permalink(self, uri: str) -> str | None:
        """The hosted address of the page built from ``uri``, directory style whatever this
        build's setting: the one address to cite and share."""
        return hosted_url(self.site_url, uri)

    def is_record(self, uri: str) -> bool:
        """Whether the page describes one event, actor or place (Open Graph 'article')."""
        return uri in self.records

    def json_ld(self, uri: str) -> Markup | None:
        """The text of the page's ``<script type="application/ld+json">``, if it has one."""
        record = self.records.get(uri)
        if record is not None:
            if isinstance(record, Event):
                return script_text(self.linked.event(record))
            if isinstance(record, Actor):
                return script_text(self.linked.actor(record))
            return script_text(self.linked.place(record))
        if uri == DATA_PAGE:
            return script_text(self.linked.dataset(DATA_DOWNLOADS, DATA_DESCRIPTION))
        return None

    def completed_data_page(self, text: str) -> str:
        """The hand-written data page's Markdown with its Dataset JSON-LD added to its front
        matter (a front matter is added if it has none)."""
        lines = linked_data_lines(self.linked.dataset(DATA_DOWNLOADS, DATA_DESCRIPTION))
        if text.startswith("---\n"):
            return f"---\n{lines}\n{text[4:]}"
        return f"---\n{lines}\n---\n{text}"
