"""``feed.xml``: an Atom feed of the latest events."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from ..content.catalog import Catalog
from ..content.vocabulary import EVENT_TYPES
from ..site.urls import page_url
from .fields import TAG_BASE, casualty_line, date_line, event_url, latest_day, plain_text, site_base

#: How many events feed.xml holds (the latest, by date).
FEED_SIZE = 50

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
    base = site_base(site_url)
    events = list(catalog.events.values())[-size:] if size > 0 else []
    events.reverse()

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attrs)
        if text is not None:
            element.text = plain_text(text)
        return element

    feed = ET.Element("feed", {"xmlns": ATOM})
    if base:
        feed.set(_XML_BASE, base)
    sub(feed, "id", f"{TAG_BASE}feed")
    sub(feed, "title", site_name)
    sub(feed, "subtitle", f"The latest {len(events)} events of the chronology, newest first")
    sub(feed, "updated", _atom_time(latest_day(catalog)))
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
            href=event_url(event, directory_urls),
        )
        sub(entry, "category", term=event.type, label=EVENT_TYPES[event.type])
        summary = [event.summary, "", date_line(catalog, event)]
        casualties = casualty_line(event)
        if casualties:
            summary.append(casualties)
        sub(entry, "summary", "\n".join(summary), type="text")
    ET.indent(feed, space=" ")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + ET.tostring(feed, encoding="unicode", short_empty_elements=True)
        + "\n"
    )
