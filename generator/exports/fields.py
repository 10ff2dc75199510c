"""What several data files say alike: dates, casualty totals, page addresses, coordinates,
plain text, and the one-record-per-line JSON layout."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from ..content import edtf
from ..content.catalog import Catalog
from ..content.history import History
from ..content.model import Event, Location
from ..content.totals import casualty_total
from ..site.urls import hosted_url, page_uri, page_url

#: Stable, domain-free name of this chronology in identifiers: iCalendar UIDs are
#: ``<event-id>@chronology`` and Atom ids are tag: URIs (RFC 4151) under ``TAG_BASE``.
#: Never change them: feed readers and calendars use them to recognise an event again.
ID_AUTHORITY = "chronology"
TAG_BASE = f"tag:{ID_AUTHORITY},2026:"

#: Separator of several values in one CSV cell or GeoJSON property.
LIST_SEPARATOR = "; "

#: The json module's C encoder (``indent`` would swap it for the pure-Python one).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode

#: DTSTAMP and <updated> of an empty catalog.
_EPOCH = date(1970, 1, 1)

# Control characters other than tab and newline are not allowed in XML 1.0 or iCalendar text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def iso_day(day: date | None) -> str | None:
    """ISO date, or None for the open end of an interval (unknown, not guessed)."""
    return day.isoformat() if day else None


def casualty_totals(event: Event) -> dict[str, tuple[int, int]]:
    """{'killed': (low, high), 'wounded': (low, high)}, each only when a figure is known."""
    totals: dict[str, tuple[int, int]] = {}
    if event.casualties:
        for kind in ("killed", "wounded"):
            total = casualty_total(getattr(event.casualties, kind))
            if total is not None:
                totals[kind] = total
    return totals


def permalink(uri: str, directory_urls: bool, base: str | None) -> str:
    """The address of the page made from ``uri``: with the site's address ``base``, the hosted
    page's permalink ('https://…/events/x/'), in the offline build too, whose own files are
    'events/x.html' but whose data is quoted and cited elsewhere; without it, the address
    relative to the site root as this build makes it."""
    return hosted_url(base, uri) or page_url(uri, directory_urls)


def event_url(event: Event, directory_urls: bool, base: str | None = None) -> str:
    """The event page's address: its permalink (see :func:`permalink`)."""
    return permalink(page_uri(event), directory_urls, base)


def local_time(when: edtf.EDTFDate) -> str | None:
    """'21:30+03:00': the local time of day and its UTC offset as written, or None."""
    return when.time.text if when.time else None


def event_head(
    catalog: Catalog, event: Event, directory_urls: bool, base: str | None = None
) -> dict[str, Any]:
    """What every per-event data file says first, in this order: id, the EDTF date, its
    first and last days and its local time of day, title, type, summary and the page's
    address (absolute with the site's address ``base``)."""
    when = catalog.when(event)
    return {
        "id": event.id,
        "date": event.date,
        "start": iso_day(when.first_day),
        "end": iso_day(when.last_day),
        "time": local_time(when),
        "title": event.title,
        "type": event.type,
        "summary": event.summary,
        "url": event_url(event, directory_urls, base),
    }


def first_located(catalog: Catalog, event: Event) -> Location | None:
    """The event's first place that has coordinates."""
    for place in event.locations:
        location = catalog.locations[place.place]
        if location.coordinates is not None:
            return location
    return None


def latest_day(catalog: Catalog) -> date:
    """The last possible day of any event: the catalog's 'last modified' date, since builds
    must not depend on the clock."""
    return max((catalog.when(e).latest for e in catalog.events.values()), default=_EPOCH)


def day_start(day: date) -> datetime:
    """Midnight UTC of ``day``: what a feed or a calendar says when no history is known."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def record_history(
    catalog: Catalog, event: Event, history: History | None
) -> tuple[datetime | None, datetime | None]:
    """(first added, last changed) of the event's file in UTC, each None when not known
    (no git history, a file not committed yet, a shallow clone's cut-off)."""
    changes = history.get(catalog.files.get(("events", event.id), "")) if history else None
    if changes is None:
        return None, None
    added = changes.added.astimezone(UTC) if changes.added else None
    changed = changes.changed.astimezone(UTC) if changes.changed else None
    return added, changed


def degrees(value: float) -> str:
    """A coordinate as plain decimal text ('44.2346', never '1e-05')."""
    return format(Decimal(repr(value)), "f")


def plain_text(text: str) -> str:
    """``text`` with every line break (CRLF, CR) made a newline, and without the control
    characters XML and iCalendar forbid."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def date_line(catalog: Catalog, event: Event) -> str:
    """'Date: 2020-07~ (about July 2020)': the EDTF text and its reading."""
    return f"Date: {event.date} ({edtf.describe(catalog.when(event))})"


def casualty_line(event: Event) -> str | None:
    """'Killed: 5; wounded: 1–3', or None when no figure is known."""
    parts = []
    for kind, (low, high) in casualty_totals(event).items():
        parts.append(f"{kind}: {low}" if low == high else f"{kind}: {low}–{high}")
    if not parts:
        return None
    text = LIST_SEPARATOR.join(parts)
    return text[0].upper() + text[1:]


class Encoded(str):
    """A record already encoded as ``json_records`` encodes it (``encoded``)."""


def encoded(record: dict[str, Any]) -> Encoded:
    return Encoded(_ENCODE(record))


def json_records(document: dict[str, Any]) -> str:
    """A JSON object whose lists of records (events, features) hold one record per line:

        {
         "version": 1,
         "events": [
          {"id": "…", "date": "…", …},
          {"id": "…", "date": "…", …}
         ]
        }

    As easy to read and compare line by line as indented JSON, and written by the json
    module's C encoder, which ``indent`` would swap for its much slower pure-Python one."""
    encode = _ENCODE
    members = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            records = ",\n".join(
                "  " + (record if isinstance(record, Encoded) else encode(record))
                for record in value
            )
            members.append(f" {encode(key)}: [\n{records}\n ]")
        else:
            members.append(f" {encode(key)}: {encode(value)}")
    return "{\n" + ",\n".join(members) + "\n}\n"
