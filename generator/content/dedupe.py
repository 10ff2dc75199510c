"""Duplicates: one incident written as two events, one actor or one place in two files.

Two contributors who distil two reports of one rocket attack write two files, each valid on
its own; the chronology would then count the attack twice. So these are errors:

- two events citing the same quote of the same source (its words compared, not its
  punctuation or case);
- two events of one type at one place (or at a place within the other's, by
  ``Location.parent``) whose dates come within ``MAX_GAP`` of each other, whatever their
  precision: a dispatch dated a day later, a month-only date, an interval of a few days.
  A date spanning more than ``LONGEST`` (a season, a year, "2020-01/2020-09") says when
  something went on, not when one incident happened, so it is compared by its quotes only;
- two actors, or two places, with a name or alias in common once spelling is set aside
  (``suggest.name_key``: case, accents, apostrophes, hyphens, "al-", Arabic letter variants).

Either record may say the other is a different one, with the reason, under ``distinct_from``;
an event's ``related`` entry says so too (an attack and the strike that answered it).

Nothing compares every pair: events are found through buckets of (type, place) sorted by
date, names through a dictionary of keys, so 10,000 events cost about what reading them does.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import ContentError
from . import edtf
from .model import Actor, Event, Location
from .suggest import name_key

if TYPE_CHECKING:  # checks and catalog import this module
    from .catalog import Catalog
    from .checks import Checker

#: How far apart two events' dates may be and still be one incident: reports are dated the
#: day they were filed, often the day after, and a time zone can move a night attack a day.
MAX_GAP = timedelta(days=2)
#: The longest span of dates (a month) that still places one incident in time.
LONGEST = timedelta(days=30)


@dataclass(frozen=True)
class Duplicate:
    """``event`` and ``other`` look like one incident: they cite the same quote (``quote``:
    the index of ``event``'s citation) or share a type and a place (``place`` of ``event``,
    ``other_place`` of ``other``, one within the other or the same)."""

    event: str
    other: str
    quote: int | None = None
    place: str = ""
    other_place: str = ""


#: An event file's top-level date and the sources it cites, read without parsing the file.
_DATE_LINE = re.compile(r"^date:[ \t]*[\"']?([^\"'\s#]+)", re.M)
_SOURCE_LINE = re.compile(r"^[ \t-]*source:[ \t]*[\"']?([a-z0-9-]+)", re.M)


class Nearby:
    """Which other event files could duplicate the events being checked (``validate FILE``),
    told from their text alone, so that only those are read: a date within MAX_GAP of one of
    theirs, or a source they cite (the same quote)."""

    def __init__(self, events: Iterable[Event]):
        self.spans: list[tuple[date, date]] = []
        self.sources: set[str] = set()
        for event in events:
            when = edtf.parse(event.date)
            if when.latest - when.earliest <= LONGEST:
                self.spans.append((when.earliest, when.latest))
            self.sources.update(citation.source for citation in event.sources)
        self.spans.sort()
        self._starts = [first for first, _ in self.spans]

    def __bool__(self) -> bool:
        return bool(self.spans or self.sources)

    def could_duplicate(self, text: str) -> bool:
        if self.sources.intersection(_SOURCE_LINE.findall(text)):
            return True
        found = _DATE_LINE.search(text)
        try:
            when = edtf.parse(found.group(1)) if found else None
        except ContentError:
            return True  # invalid: read it, and what is wrong stays its own file's problem
        if when is None or when.latest - when.earliest > LONGEST:
            return False
        low = bisect.bisect_left(self._starts, when.earliest - MAX_GAP - LONGEST)
        high = bisect.bisect_right(self._starts, when.latest + MAX_GAP)
        return any(last >= when.earliest - MAX_GAP for _, last in self.spans[low:high])


_WORD = re.compile(r"\w+")


def quote_key(text: str) -> str:
    """A quote's words, as two citations of one quote are compared: case, punctuation,
    quotation marks, ellipses and spacing set aside."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(_WORD.findall(text.casefold()))


def distinct_pairs(events: Iterable[Event]) -> set[frozenset[str]]:
    """Pairs of events declared different, by ``distinct_from`` or ``related``, on either side."""
    pairs: set[frozenset[str]] = set()
    for event in events:
        pairs.update(frozenset((event.id, d.event)) for d in event.distinct_from)
        pairs.update(frozenset((event.id, r.event)) for r in event.related)
    return pairs


class _Above:
    """The places each place lies within, nearest first, each chain walked once (a looping
    chain stops; the cycle check reports it)."""

    def __init__(self, places: dict[str, Location]):
        self.places = places
        self.chains: dict[str, tuple[str, ...]] = {}

    def __call__(self, place: str) -> tuple[str, ...]:
        if place not in self.chains:
            chain: list[str] = []
            parent = self.places[place].parent if place in self.places else None
            while parent and parent != place and parent not in chain:
                chain.append(parent)
                parent = self.places[parent].parent if parent in self.places else None
            self.chains[place] = tuple(chain)
        return self.chains[place]

    def where(self, event: Event) -> list[str]:
        """The event's most precise places: a place listed with one inside it ("iraq" beside
        "ain-al-asad") is context, and would make every attack in Iraq look like this one."""
        listed = list(dict.fromkeys(p.place for p in event.locations))
        if len(listed) == 1:
            return listed
        wider = {above for place in listed for above in self(place)}
        return [place for place in listed if place not in wider]


@dataclass
class _Bucket:
    """The events of one type at one place, by earliest day."""

    starts: list[date]
    spans: list[tuple[date, date, str]]

    def near(self, first: date, last: date) -> Iterator[str]:
        """Ids of the events whose dates come within MAX_GAP of first..last: only those
        starting at most LONGEST + MAX_GAP before ``first`` can."""
        low = bisect.bisect_left(self.starts, first - MAX_GAP - LONGEST)
        high = bisect.bisect_right(self.starts, last + MAX_GAP)
        for _, end, event_id in self.spans[low:high]:
            if end >= first - MAX_GAP:
                yield event_id


def _buckets(
    events: Iterable[Event], above: _Above
) -> tuple[dict[tuple[str, str], _Bucket], dict[str, list[str]], dict[str, tuple[date, date]]]:
    spans: dict[str, tuple[date, date]] = {}
    where: dict[str, list[str]] = {}
    grouped: dict[tuple[str, str], list[tuple[date, date, str]]] = defaultdict(list)
    for event in events:
        when = edtf.parse(event.date)
        if when.latest - when.earliest > LONGEST:
            continue
        spans[event.id] = when.earliest, when.latest
        where[event.id] = above.where(event)
        for place in where[event.id]:
            grouped[event.type, place].append((when.earliest, when.latest, event.id))
    buckets = {}
    for key, items in grouped.items():
        items.sort()
        buckets[key] = _Bucket([item[0] for item in items], items)
    return buckets, where, spans


def find_duplicates(events: Iterable[Event], places: dict[str, Location]) -> list[Duplicate]:
    """Every (event, other) pair, both ways round, that looks like one incident and is not
    declared distinct; a pair citing one quote is reported for the quote, not the place."""
    events = list(events)
    distinct = distinct_pairs(events)
    found: dict[tuple[str, str], Duplicate] = {}
    cited: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for event in events:
        for index, citation in enumerate(event.sources):
            cited[citation.source, quote_key(citation.quote)].append((event.id, index))
    for citing in cited.values():
        for first, index in citing:
            for second, _ in citing:
                if first != second and frozenset((first, second)) not in distinct:
                    found.setdefault((first, second), Duplicate(first, second, quote=index))
    above = _Above(places)
    buckets, where, spans = _buckets(events, above)
    for event in events:
        if event.id not in spans:
            continue  # dated too loosely
        first, last = spans[event.id]
        for place in where[event.id]:
            for around in (place, *above(place)):
                bucket = buckets.get((event.type, around))
                for other in bucket.near(first, last) if bucket else ():
                    if other == event.id or frozenset((event.id, other)) in distinct:
                        continue
                    found.setdefault(
                        (event.id, other), Duplicate(event.id, other, None, place, around)
                    )
                    found.setdefault(
                        (other, event.id), Duplicate(other, event.id, None, around, place)
                    )
    return sorted(found.values(), key=lambda d: (d.event, d.other))


# --- names --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spelling:
    """One name of a record: where it is written (``loc``) and as what (``field``)."""

    record: str
    loc: tuple[Any, ...]
    text: str

    @property
    def field(self) -> str:
        return {"name": "the name", "aliases": "an alias", "name_ar": "the Arabic name"}[
            self.loc[0]
        ]


def spellings(record: Actor | Location) -> Iterator[Spelling]:
    yield Spelling(record.id, ("name",), record.name)
    for index, alias in enumerate(record.aliases):
        yield Spelling(record.id, ("aliases", index), alias)
    if record.name_ar:
        yield Spelling(record.id, ("name_ar",), record.name_ar)


def same_names(records: Iterable[Actor] | Iterable[Location]) -> list[tuple[Spelling, Spelling]]:
    """(spelling, other record's spelling) for each pair of records with a name in common
    after ``name_key``, both ways round, the first name they share; pairs declared distinct
    are left out."""
    records = list(records)
    distinct: set[frozenset[str]] = set()
    for record in records:
        for entry in record.distinct_from:
            other = entry.actor if isinstance(record, Actor) else entry.location  # type: ignore[union-attr]
            distinct.add(frozenset((record.id, other)))
    owners: dict[str, dict[str, Spelling]] = defaultdict(dict)
    for record in records:
        for spelling in spellings(record):
            owners[name_key(spelling.text)].setdefault(record.id, spelling)
    found: dict[tuple[str, str], tuple[Spelling, Spelling]] = {}
    for named in owners.values():
        for mine in named.values():
            for theirs in named.values():
                pair = frozenset((mine.record, theirs.record))
                if mine.record != theirs.record and pair not in distinct:
                    found.setdefault((mine.record, theirs.record), (mine, theirs))
    return [found[key] for key in sorted(found)]


# --- problems -----------------------------------------------------------------------------


def _fix(word: str, other: str) -> str:
    keep = "every source" if word == "event" else "every name as an alias"
    return (
        f"probably the same {word}; merge the two files, keeping {keep}, or if they are "
        f"different {word}s add to either file: distinct_from: [{{{word}: {other}, "
        'reason: "<what tells them apart>"}]'
    )


def report_duplicates(catalog: Catalog, check: Checker) -> None:
    """Every duplicate event, actor and location as an error on each of the two files, and
    every ``distinct_from`` entry that names no record, this one, or one already named."""
    events = catalog.events
    memo = check.kept_by.duplicates if check.kept_by else None  # chronology serve's
    listed, places = list(events.values()), catalog.locations
    found = memo.duplicates(listed, places) if memo else find_duplicates(listed, places)
    for dup in found:
        event, other = events[dup.event], events[dup.other]
        other_file = catalog.files["events", dup.other]
        doc = check.docs["events", dup.event]
        if dup.quote is not None:
            source = event.sources[dup.quote].source
            check.add(
                doc,
                ("sources", dup.quote, "quote"),
                f"{other_file} cites the same quote of {source!r}: {_fix('event', other.id)}",
            )
            continue
        where = (
            f"at {dup.place!r}"
            if dup.place == dup.other_place
            else f"at {dup.place!r} and {dup.other_place!r} (one within the other)"
        )
        check.add(
            doc,
            ("date",),
            f"{other_file} is also of type {event.type!r} {where}, dated {other.date} to "
            f"this one's {event.date}, at most two days apart: {_fix('event', other.id)}",
        )
    for folder, word in (("actors", "actor"), ("locations", "location")):
        records = list(catalog.table(folder).values())
        for mine, theirs in memo.names(folder, records) if memo else same_names(records):
            other_file = catalog.files[folder, theirs.record]
            said = (
                f"{mine.text!r} is also {theirs.field} of {other_file}"
                if mine.text == theirs.text
                else f"{mine.text!r} is {theirs.text!r}, {theirs.field} of {other_file}, "
                "spelt differently"
            )
            check.add(
                check.docs[folder, mine.record], mine.loc, f"{said}: {_fix(word, theirs.record)}"
            )
    for folder, word in (("events", "event"), ("actors", "actor"), ("locations", "location")):
        for record in catalog.table(folder).values():
            _check_distinct_from(catalog, check, folder, word, record)


def _check_distinct_from(
    catalog: Catalog, check: Checker, folder: str, word: str, record: Any
) -> None:
    doc = check.docs[folder, record.id]
    first: dict[str, int] = {}
    for index, entry in enumerate(record.distinct_from):
        other = getattr(entry, word)
        loc = ("distinct_from", index, word)
        if other == record.id:
            check.add(doc, loc, f"this {word} cannot be distinct from itself; delete this entry")
        elif other in first:
            check.add(
                doc,
                loc,
                f"{other!r} is already listed (distinct_from[{first[other]}]); delete one of "
                "the two entries",
            )
        else:
            check.reference(catalog, doc, loc, other, word)
        first.setdefault(other, index)
