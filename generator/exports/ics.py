"""``data/events.ics``: every event as an all-day calendar entry (iCalendar, RFC 5545)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
from icalendar.prop import vGeo

from ..content.catalog import Catalog
from ..content.history import History
from ..content.licence import rights_text
from ..content.model import Event
from ..site.urls import site_base
from .fields import (
    ID_AUTHORITY,
    LIST_SEPARATOR,
    casualty_line,
    date_line,
    day_start,
    degrees,
    event_url,
    first_located,
    latest_day,
    plain_text,
    record_history,
)


def events_ics(
    catalog: Catalog,
    directory_urls: bool = True,
    site_url: str | None = None,
    site_name: str = "Chronology",
    history: History | None = None,
) -> str:
    """Every event as a VEVENT (RFC 5545), written with the ``icalendar`` library: all-day from
    its first to its last possible day, or at its moment when a time of day is given.

    With the content's git ``history``, CREATED is when the event's file was first added and
    LAST-MODIFIED and DTSTAMP when it last changed, so calendars pick up corrections; without
    it, DTSTAMP is the last possible day of any event (never the clock: builds are
    reproducible). URL, the page's permalink, is given only with ``site_url`` (iCalendar has
    no relative addresses); the page's address also ends the DESCRIPTION. The licence is the
    calendar's description (RFC 7986's DESCRIPTION and X-WR-CALDESC, which calendar apps show).
    """
    base = site_base(site_url)
    rights = plain_text(rights_text(site_name, base))
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{ID_AUTHORITY}//Chronology site generator//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", plain_text(site_name))
    calendar.add("x-wr-calname", icalendar.vText(plain_text(site_name)))
    calendar.add("description", rights)
    calendar.add("x-wr-caldesc", icalendar.vText(rights))
    if base:
        calendar.add("url", base)
    stamp = day_start(latest_day(catalog))
    for event in catalog.events.values():
        calendar.add_component(_vevent(catalog, event, directory_urls, base, stamp, history))
    # The library's folding walks every character in Python (a third of the time at 10,000
    # events); _ics_fold gives the same lines, cut at 75 octets and never inside a character.
    return "\r\n".join(_ics_fold(line) for line in calendar.content_lines())


def _vevent(
    catalog: Catalog,
    event: Event,
    directory_urls: bool,
    base: str | None,
    stamp: datetime,
    history: History | None,
) -> icalendar.Event:
    when = catalog.when(event)
    address = event_url(event, directory_urls, base)
    description = [event.summary, "", date_line(catalog, event)]
    casualties = casualty_line(event)
    if casualties:
        description.append(casualties)
    description.append(f"Page: {address}")
    added, changed = record_history(catalog, event, history)
    vevent = icalendar.Event()
    vevent.add("uid", f"{event.id}@{ID_AUTHORITY}")
    vevent.add("dtstamp", changed or stamp)
    if added:
        vevent.add("created", added)
    if changed:
        vevent.add("last-modified", changed)
    if when.instant:  # a moment, in UTC: no time zone definitions needed
        vevent.add("dtstart", when.instant.astimezone(UTC))
    else:
        vevent.add("dtstart", when.earliest)
        vevent.add("dtend", when.latest + timedelta(days=1))
    vevent.add("summary", plain_text(event.title))
    vevent.add("description", plain_text("\n".join(description)))
    if event.locations:
        names = [catalog.locations[p.place].name for p in event.locations]
        vevent.add("location", plain_text(LIST_SEPARATOR.join(names)))
    located = first_located(catalog, event)
    if located is not None and located.coordinates is not None:
        vevent.add("geo", _Geo((located.coordinates.lat, located.coordinates.lon)))
    vevent.add("categories", [event.type])
    if base:
        vevent.add("url", address)
    vevent.add("transp", "TRANSPARENT")
    return vevent


class _Geo(vGeo):
    """GEO with plain decimals: the library writes Python's float text, '1e-05' for a
    coordinate that close to 0, which is not an iCalendar FLOAT."""

    def to_ical(self) -> str:
        return f"{degrees(self.latitude)};{degrees(self.longitude)}"


def _ics_fold(line: str) -> str:
    """Fold a content line so no physical line exceeds 75 octets (RFC 5545 3.1), never
    inside a UTF-8 character; continuation lines start with one space."""
    if line.isascii():  # one octet per character: cut every 75, then 74, characters
        if len(line) <= 75:
            return line
        return "\r\n ".join([line[:75], *(line[i : i + 74] for i in range(75, len(line), 74))])
    octets = line.encode("utf-8")
    if len(octets) <= 75:
        return line
    pieces: list[str] = []
    start, limit = 0, 75
    while len(octets) - start > limit:
        end = start + limit
        while octets[end] & 0xC0 == 0x80:  # a continuation octet: cut before its character
            end -= 1
        pieces.append(octets[start:end].decode("utf-8"))
        start, limit = end, 74  # the leading space takes one octet
    pieces.append(octets[start:].decode("utf-8"))
    return "\r\n ".join(pieces)
