"""``feed.xml``: an Atom feed of the latest events."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from ..content.catalog import Catalog
from ..content.licence import rights_text
from ..content.vocabulary import EVENT_TYPES
from ..site.urls import site_base
from .fields import (
    TAG_BASE,
    casualty_line,
    date_line,
    event_url,
    latest_day,
    permalink,
    plain_text,
)

#: How many events feed.xml holds (the latest, by date).
FEED_SIZE = 50

ATOM = "http://www.w3.org/2005/Atom"


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
    newest first, under the data's licence (<rights>). With ``site_url`` every link is the
    hosted page's permalink; without it, links are relative to the site root, where the
    feed lives. Ids are tag: URIs, which never change with the site's address, so a feed
    reader recognises an entry again after a move."""
    base = site_base(site_url)
    events = list(catalog.events.values())[-size:] if size > 0 else []
    events.reverse()

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attrs)
        if text is not None:
            element.text = plain_text(text)
        return element

    feed = ET.Element("feed", {"xmlns": ATOM})
    sub(feed, "id", f"{TAG_BASE}feed")
    sub(feed, "title", site_name)
    sub(feed, "subtitle", f"The latest {len(events)} events of the chronology, newest first")
    sub(feed, "rights", rights_text(site_name, base), type="text")
    sub(feed, "updated", _atom_time(latest_day(catalog)))
    self_link = base + "feed.xml" if base else "feed.xml"
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_link)
    home = permalink("index.md", directory_urls, base) or "./"
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
            href=event_url(event, directory_urls, base),
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
