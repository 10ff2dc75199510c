"""Probable duplicate events: the same day, the same place and the same type of event.

Two contributors who distil two reports of one rocket attack write two files; nothing in
either file is wrong, so this is a warning, not an error. Events already linked to each other
under ``related`` are known to be distinct and are not reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from . import edtf
from .model import Event


@dataclass(frozen=True)
class Duplicate:
    """``event`` looks like ``other``: same ``day``, ``place`` and ``type``."""

    event: str
    other: str
    day: date
    place: str
    type: str


def day_of(event: Event) -> date | None:
    """The event's day when its date names a single day (possibly approximate), else None."""
    when = edtf.parse(event.date)
    return when.earliest if when.earliest == when.latest else None


def find_duplicates(events: Iterable[Event]) -> list[Duplicate]:
    """Every (event, other) pair, both ways round, that shares a day, a place and a type."""
    groups: dict[tuple[date, str, str], list[str]] = defaultdict(list)
    linked: set[frozenset[str]] = set()
    for event in events:
        for rel in event.related:
            linked.add(frozenset((event.id, rel.event)))
        day = day_of(event)
        if day is None:
            continue
        for place in dict.fromkeys(p.place for p in event.locations):
            groups[day, place, event.type].append(event.id)
    found: dict[tuple[str, str], Duplicate] = {}
    for (day, place, kind), ids in groups.items():
        if len(ids) < 2:
            continue
        for first in ids:
            for second in ids:
                if first == second or frozenset((first, second)) in linked:
                    continue
                # Sharing two places is still one duplicate: keep the first place found.
                found.setdefault((first, second), Duplicate(first, second, day, place, kind))
    return sorted(found.values(), key=lambda d: (d.event, d.other))
