"""``data/events.csv``: one row per event, for spreadsheets."""

from __future__ import annotations

import csv
import io

from ..content.catalog import Catalog
from ..content.model import Event, Range
from ..content.vocabulary import CASUALTY_GROUPS
from ..site.urls import site_base
from .fields import (
    LIST_SEPARATOR,
    casualty_totals,
    degrees,
    event_head,
    first_located,
)
from .parts import FileParts

#: The columns of data/events.csv, in order.
CSV_COLUMNS = [
    "id",
    "date",
    "start",
    "end",
    "time",
    "title",
    "type",
    "summary",
    "url",
    "locations",
    "location_ids",
    "lat",
    "lon",
    "actors",
    "actor_ids",
    "killed_low",
    "killed_high",
    "wounded_low",
    "wounded_high",
    "source_ids",
    "tags",
]

#: The columns of data/casualty-reports.csv, in order.
CASUALTY_REPORT_COLUMNS = [
    "event_id",
    "date",
    "title",
    "source_id",
    "outlet",
    "group",
    "killed_low",
    "killed_high",
    "wounded_low",
    "wounded_high",
    "note",
]

#: Spreadsheets run a cell beginning with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def events_csv(
    catalog: Catalog,
    directory_urls: bool = True,
    site_url: str | None = None,
    parts: FileParts | None = None,
) -> str:
    """One row per event (RFC 4180: comma-separated, CRLF line ends, quoted when needed).

    Several values in one cell are joined by '; '. Unknown figures and coordinates are
    empty cells, never 0. ``url`` is the page's permalink when ``site_url`` is set. The
    licence is not in the file (a comment line or column would not be CSV): the data page
    and the other files state it. ``parts`` keeps each event's row between the builds of
    ``chronology serve``.
    """
    base = site_base(site_url)
    parts = parts or FileParts()
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")

    def line(row: list[object]) -> str:
        """The row as the writer writes it: each row is kept already written."""
        out.seek(0)
        out.truncate()
        writer.writerow(row)
        return out.getvalue()

    rows = [
        parts.part(
            catalog,
            event,
            (directory_urls, base),
            lambda event=event: line(_event_row(catalog, event, directory_urls, base)),
        )
        for event in catalog.events.values()
    ]
    return line(CSV_COLUMNS) + "".join(rows)


def _event_row(
    catalog: Catalog, event: Event, directory_urls: bool, base: str | None
) -> list[object]:
    places = [catalog.locations[p.place] for p in event.locations]
    located = first_located(catalog, event)
    totals = casualty_totals(event)
    killed = totals.get("killed")
    wounded = totals.get("wounded")
    row = {
        **event_head(catalog, event, directory_urls, base),
        "locations": LIST_SEPARATOR.join(p.name for p in places),
        "location_ids": LIST_SEPARATOR.join(p.id for p in places),
        "lat": degrees(located.coordinates.lat) if located and located.coordinates else "",
        "lon": degrees(located.coordinates.lon) if located and located.coordinates else "",
        "actors": LIST_SEPARATOR.join(
            f"{catalog.actors[part.actor].name} ({part.role})" for part in event.actors
        ),
        "actor_ids": LIST_SEPARATOR.join(part.actor for part in event.actors),
        "killed_low": killed[0] if killed else "",
        "killed_high": killed[1] if killed else "",
        "wounded_low": wounded[0] if wounded else "",
        "wounded_high": wounded[1] if wounded else "",
        "source_ids": LIST_SEPARATOR.join(
            dict.fromkeys(citation.source for citation in event.sources)
        ),
        "tags": LIST_SEPARATOR.join(event.tags),
    }
    return [_inert_cell(row[column]) for column in CSV_COLUMNS]


def casualty_reports_csv(catalog: Catalog) -> str:
    """What each source says about the dead and wounded, where the content records it per
    source (sources that disagree): one row per event, cited source and casualty group the
    source gives a figure for, in the events' order, then the citations', then the groups'.
    A figure the source does not give is an empty cell (unknown, never 0); an exact figure
    has equal low and high. ``note`` is the content's note on that citation."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CASUALTY_REPORT_COLUMNS)
    for event in catalog.events.values():
        for citation in event.sources:
            given = citation.casualties
            if given is None:
                continue
            source = catalog.sources[citation.source]
            for group in CASUALTY_GROUPS:
                killed = getattr(given.killed, group) if given.killed else None
                wounded = getattr(given.wounded, group) if given.wounded else None
                if killed is None and wounded is None:
                    continue
                row = [
                    event.id,
                    event.date,
                    event.title,
                    source.id,
                    source.outlet,
                    group,
                    *_low_high(killed),
                    *_low_high(wounded),
                    citation.note or "",
                ]
                writer.writerow([_inert_cell(value) for value in row])
    return out.getvalue()


def _low_high(value: int | Range | None) -> tuple[int | str, int | str]:
    if value is None:
        return "", ""
    if isinstance(value, Range):
        return value.low, value.high
    return value, value


def _inert_cell(value: object) -> object:
    """Text a spreadsheet would take for a formula gets a leading apostrophe (OWASP's advice);
    numbers are left as numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
