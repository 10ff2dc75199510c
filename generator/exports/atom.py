"""``feed.xml``: an Atom feed of the latest added or changed events."""

from __future__ import annotations

from datetime import datetime

from feedgen.feed import FeedGenerator

from ..content.catalog import Catalog
from ..content.history import History
from ..content.licence import rights_text
from ..content.model import Event
from ..content.vocabulary import EVENT_TYPES
from ..site.urls import site_base
from .fields import (
    TAG_BASE,
    casualty_line,
    date_line,
    day_start,
    event_url,
    latest_day,
    permalink,
    plain_text,
    record_history,
)

#: How many events feed.xml holds.
FEED_SIZE = 50


def atom_feed(
    catalog: Catalog,
    directory_urls: bool = True,
    site_url: str | None = None,
    site_name: str = "Chronology",
    size: int = FEED_SIZE,
    history: History | None = None,
) -> str:
    """An Atom 1.0 feed (RFC 4287), written with ``feedgen``, under the data's licence
    (<rights>). With ``site_url`` every link is the hosted page's permalink; without it,
    links are relative to the site root, where the feed lives. Ids are tag: URIs, which never
    change with the site's address, so a feed reader recognises an entry again after a move.

    With the content's git ``history`` the feed holds the ``size`` events whose files changed
    last, newest first: <published> is when the file was first added and <updated> when it
    last changed, so an event added today about 2020 reaches subscribers, and so does a
    correction. Without history (a copy outside git) it holds the ``size`` last events in
    chronological order, each <updated> its last possible day, and no <published>."""
    base = site_base(site_url)
    entries = _entries(catalog, size, history)

    feed = FeedGenerator()
    feed.id(f"{TAG_BASE}feed")
    feed.title(plain_text(site_name))
    feed.subtitle(_subtitle(len(entries), history))
    feed.rights(plain_text(rights_text(site_name, base)))
    feed.updated(
        max((updated for _, _, updated in entries), default=day_start(latest_day(catalog)))
    )
    feed.link(
        href=base + "feed.xml" if base else "feed.xml", rel="self", type="application/atom+xml"
    )
    home = permalink("index.md", directory_urls, base) or "./"
    feed.link(href=home, rel="alternate", type="text/html")
    feed.author(name=plain_text(site_name))
    feed.generator("chronology")
    feed.language("en")
    for event, published, updated in entries:
        entry = feed.add_entry(order="append")
        entry.id(f"{TAG_BASE}event/{event.id}")
        entry.title(plain_text(event.title))
        entry.updated(updated)
        if published:
            entry.published(published)
        entry.link(href=event_url(event, directory_urls, base), rel="alternate", type="text/html")
        entry.category(term=event.type, label=EVENT_TYPES[event.type])
        summary = [event.summary, "", date_line(catalog, event)]
        casualties = casualty_line(event)
        if casualties:
            summary.append(casualties)
        entry.summary(plain_text("\n".join(summary)), type="text")
    return feed.atom_str(pretty=True, encoding="UTF-8").decode("utf-8")


def _entries(
    catalog: Catalog, size: int, history: History | None
) -> list[tuple[Event, datetime | None, datetime]]:
    """(event, published, updated) of the events the feed holds, newest first."""
    if size <= 0:
        return []
    rows = []
    for position, event in enumerate(catalog.events.values()):
        added, changed = record_history(catalog, event, history)
        updated = changed or day_start(catalog.when(event).latest)
        # Known changes outrank the fallback; among equals, the later event comes first.
        rows.append((changed is not None, updated, position, event, added))
    if history is None or history.unknown:
        chosen = rows[-size:][::-1]  # chronological order, latest first
    else:
        chosen = sorted(rows, key=lambda row: row[:3], reverse=True)[:size]
    return [(event, added, updated) for _, updated, _, event, added in chosen]


def _subtitle(count: int, history: History | None) -> str:
    if history is None or history.unknown:
        return f"The latest {count} events of the chronology, newest first"
    return f"The {count} events added or changed last, newest first"
