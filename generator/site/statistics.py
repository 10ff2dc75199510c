"""The statistics page's numbers: events per month and type, casualties per month, and events
per responsible group. Pure functions of the catalog; event_chart.py, casualty_chart.py and
actor_chart.py draw them.

Rules the numbers follow (they are stated on the page too):

- An event is placed in a month when the chronology files it there (content.filing: every
  day its date allows falls in that month, ``2020-09``, ``2020-09-2X``,
  ``2020-07-04/2020-07-06``). A year, a span across months or years or an open-ended interval
  (``2021-04/..``) is counted under "date not known to the month", never guessed.
  Approximate or uncertain dates (``2020-07~``, ``2020-09?``) are placed in the month they
  name and counted so the page can say how many there are.
- Casualties: an event adds to a month's killed (or wounded) only if a source gives a figure.
  Unknown is not zero: a month whose events give no figure is "not reported", not 0.
- Responsibility: an actor counts for an event when listed as perpetrator, claimed or
  suspected; each role is counted separately.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..content.catalog import Catalog
from ..content.edtf import EDTFDate
from ..content.filing import filing
from ..content.model import Actor, Event
from ..content.totals import casualty_total
from ..content.vocabulary import EVENT_TYPES, ROLES
from .facts import MONTH_NAMES

MONTH_ABBR = [
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]

#: The roles that say who was responsible, in the order bars and columns show them.
RESPONSIBILITY_ROLES = ("perpetrator", "claimed", "suspected")

UNKNOWN_MONTH = "Date not known to the month"

#: (key, label, short label) of a row: a month, the events not known to the month, all events.
RowKeys = tuple[str, str, str]
_UNKNOWN_KEYS: RowKeys = ("unknown", UNKNOWN_MONTH, "Month not known")
_ALL_KEYS: RowKeys = ("all", "All events", "All")


@dataclass(frozen=True)
class MonthCounts:
    """Events of one month (or of the 'not known to the month' bucket) by type."""

    key: str  # "2020-09", or "unknown"
    label: str  # "September 2020", or UNKNOWN_MONTH
    short: str  # "Sep 2020"
    by_type: tuple[int, ...]  # aligned with Statistics.types
    total: int
    qualified: int  # how many of them have an approximate or uncertain date


@dataclass(frozen=True)
class Tally:
    """Killed or wounded in one bucket, summed over the events that give a figure."""

    low: int
    high: int
    reported: int  # events in the bucket that give a figure
    events: int  # events in the bucket

    @property
    def known(self) -> bool:
        return self.reported > 0

    @property
    def disputed(self) -> bool:
        return self.high != self.low

    @property
    def text(self) -> str:
        if self.events == 0:
            return "—"
        if not self.reported:
            return "not reported"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


@dataclass(frozen=True)
class CasualtyRow:
    key: str
    label: str
    short: str
    events: int
    with_figures: int  # events giving a killed or a wounded figure
    killed: Tally
    wounded: Tally

    @property
    def coverage(self) -> str:
        return "—" if self.events == 0 else f"{self.with_figures} of {self.events}"


@dataclass(frozen=True)
class ActorRow:
    actor: Actor
    by_role: tuple[int, ...]  # aligned with RESPONSIBILITY_ROLES
    events: int  # distinct events with any of those roles
    blamed_by: tuple[tuple[Actor, int], ...]  # who named it as suspected, and how often

    @property
    def bar_total(self) -> int:
        return sum(self.by_role)


@dataclass(frozen=True)
class Statistics:
    types: tuple[tuple[str, str], ...]  # (type, label) of the types that occur
    months: tuple[MonthCounts, ...]  # first to last month with events, empty months too
    unknown_month: MonthCounts
    all_events: MonthCounts
    casualties: tuple[CasualtyRow, ...]  # same months
    casualties_unknown_month: CasualtyRow
    casualties_all: CasualtyRow
    actors: tuple[ActorRow, ...]
    roles: tuple[tuple[str, str], ...]  # (role, label) for RESPONSIBILITY_ROLES

    @property
    def qualified_in_months(self) -> int:
        """Events placed in a month although their date is approximate or uncertain."""
        return sum(m.qualified for m in self.months)

    def by_type_text(self, row: MonthCounts) -> str:
        """A row's counts by type in words, 'Rocket attack 2, Political 1' ('—' for none):
        one column instead of one per type, so the table fits a phone and a desktop."""
        parts = [f"{label} {n}" for (_, label), n in zip(self.types, row.by_type, strict=True) if n]
        return ", ".join(parts) or "—"


def _month_span(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    months = []
    year, month = first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _tally(figures: list[tuple[int, int] | None]) -> Tally:
    known = [f for f in figures if f is not None]
    return Tally(
        low=sum(f[0] for f in known),
        high=sum(f[1] for f in known),
        reported=len(known),
        events=len(figures),
    )


Dated = tuple[Event, EDTFDate]


def _month_counts(keys: RowKeys, items: list[Dated], types: dict[str, int]) -> MonthCounts:
    by_type = [0] * len(types)
    for event, _ in items:
        by_type[types[event.type]] += 1
    return MonthCounts(
        *keys,
        by_type=tuple(by_type),
        total=len(items),
        qualified=sum(1 for _, w in items if w.approximate or w.uncertain),
    )


def _casualty_row(keys: RowKeys, items: list[Dated]) -> CasualtyRow:
    killed: list[tuple[int, int] | None] = []
    wounded: list[tuple[int, int] | None] = []
    with_figures = 0
    for event, _ in items:
        c = event.casualties
        k = casualty_total(c.killed) if c else None
        w = casualty_total(c.wounded) if c else None
        killed.append(k)
        wounded.append(w)
        with_figures += k is not None or w is not None
    return CasualtyRow(
        *keys,
        events=len(items),
        with_figures=with_figures,
        killed=_tally(killed),
        wounded=_tally(wounded),
    )


def statistics(catalog: Catalog) -> Statistics:
    """Everything the statistics page counts, computed from the catalog."""
    occurring = {e.type for e in catalog.events.values()}
    types = tuple((t, label) for t, label in EVENT_TYPES.items() if t in occurring)
    type_index = {t: i for i, (t, _) in enumerate(types)}

    placed: dict[tuple[int, int], list[Dated]] = defaultdict(list)
    unplaced: list[Dated] = []
    for event in catalog.events.values():
        when = catalog.when(event)
        year, month = filing(when)
        (placed[year, month] if year and month else unplaced).append((event, when))
    span = _month_span(min(placed), max(placed)) if placed else []
    everything = [item for m in sorted(placed) for item in placed[m]] + unplaced
    months = [
        (
            (f"{y:04d}-{m:02d}", f"{MONTH_NAMES[m]} {y}", f"{MONTH_ABBR[m]} {y}"),
            placed.get((y, m), []),
        )
        for y, m in span
    ]
    return Statistics(
        types=types,
        months=tuple(_month_counts(keys, items, type_index) for keys, items in months),
        unknown_month=_month_counts(_UNKNOWN_KEYS, unplaced, type_index),
        all_events=_month_counts(_ALL_KEYS, everything, type_index),
        casualties=tuple(_casualty_row(keys, items) for keys, items in months),
        casualties_unknown_month=_casualty_row(_UNKNOWN_KEYS, unplaced),
        casualties_all=_casualty_row(_ALL_KEYS, everything),
        actors=_actor_rows(catalog),
        roles=tuple((r, ROLES[r]) for r in RESPONSIBILITY_ROLES),
    )


def _actor_rows(catalog: Catalog) -> tuple[ActorRow, ...]:
    roles: dict[str, list[set[str]]] = defaultdict(lambda: [set() for _ in RESPONSIBILITY_ROLES])
    accusers: dict[str, Counter[str]] = defaultdict(Counter)
    for event in catalog.events.values():
        blamed: dict[str, set[str]] = defaultdict(set)
        for part in event.actors:
            if part.role in RESPONSIBILITY_ROLES:
                roles[part.actor][RESPONSIBILITY_ROLES.index(part.role)].add(event.id)
            if part.role == "suspected":
                blamed[part.actor].update(part.by)
        for actor_id, who in blamed.items():
            accusers[actor_id].update(who)
    rows = []
    for actor_id, sets in roles.items():
        actor = catalog.actors[actor_id]
        by = sorted(
            accusers[actor_id].items(),
            key=lambda kv: (-kv[1], catalog.actors[kv[0]].name.casefold(), kv[0]),
        )
        rows.append(
            ActorRow(
                actor=actor,
                by_role=tuple(len(s) for s in sets),
                events=len(set().union(*sets)),
                blamed_by=tuple((catalog.actors[a], n) for a, n in by),
            )
        )
    rows.sort(key=lambda r: (-r.events, -r.bar_total, r.actor.name.casefold(), r.actor.id))
    return tuple(rows)
