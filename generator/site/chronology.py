"""The chronology's shape: events by year and month, each month's pages, and where each
event's entry is (for the links from event, actor and place pages). Pure, no templates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..content.catalog import Catalog
from ..content.model import Event
from .facts import MONTH_NAMES
from .paging import Page, paginate
from .urls import month_uri, year_uri


@dataclass(frozen=True)
class MonthGroup:
    title: str  # "September 2020" or "2021, month not known"
    anchor: str  # "2020-09" or "2021-unknown-month"
    events: list[Event]
    uri: str  # the month's chronology page, "chronology/2020/09.md"

    @property
    def short(self) -> str:
        """'September' or 'month not known': the title without its year."""
        return self.title.split(", ", 1)[1] if ", " in self.title else self.title.split(" ")[0]


@dataclass(frozen=True)
class YearGroup:
    year: int
    months: list[MonthGroup]

    @property
    def count(self) -> int:
        return sum(len(m.events) for m in self.months)

    @property
    def uri(self) -> str:
        """The year's chronology page."""
        return year_uri(self.year)


def chronology_groups(catalog: Catalog, events: list[Event] | None = None) -> list[YearGroup]:
    """Events grouped by year, then month. Events whose month is not known (or that may
    fall in several months) come first in their year, under 'month not known'."""
    by_year: dict[int, dict[int, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in catalog.events.values() if events is None else events:
        when = catalog.when(event)
        first, last = when.earliest, when.latest
        month = first.month if (first.year, first.month) == (last.year, last.month) else 0
        by_year[first.year][month].append(event)
    years = []
    for year in sorted(by_year):
        months = []
        for month in sorted(by_year[year]):
            events_in = by_year[year][month]
            uri = month_uri(year, month)
            if month == 0:
                months.append(
                    MonthGroup(f"{year}, month not known", f"{year}-unknown-month", events_in, uri)
                )
            else:
                months.append(
                    MonthGroup(
                        f"{MONTH_NAMES[month]} {year}", f"{year}-{month:02d}", events_in, uri
                    )
                )
        years.append(YearGroup(year, months))
    return years


@dataclass(frozen=True)
class Chronology:
    """The chronology of a catalog, laid out in pages of ``page_size`` events per month."""

    years: list[YearGroup]
    #: month page uri -> its pages
    month_pages: dict[str, list[Page]]
    #: event id -> (the chronology page listing it, its position in the chronology)
    entry_at: dict[str, tuple[str, int]]
    #: event id -> the month it is filed under
    month_of: dict[str, MonthGroup]

    @property
    def months(self) -> list[MonthGroup]:
        """Every month section, in the order the chronology shows them."""
        return [month for year in self.years for month in year.months]


def lay_out(catalog: Catalog, page_size: int) -> Chronology:
    """The chronology by year and month, and where each event's entry is."""
    years = chronology_groups(catalog)
    month_pages: dict[str, list[Page]] = {}
    entry_at: dict[str, tuple[str, int]] = {}
    month_of: dict[str, MonthGroup] = {}
    position = 0
    for year in years:
        for month in year.months:
            pages = paginate(month.events, page_size, month.uri)
            month_pages[month.uri] = pages
            for page in pages:
                for event in page.items:
                    entry_at[event.id] = (page.uri, position)
                    month_of[event.id] = month
                    position += 1
    return Chronology(years, month_pages, entry_at, month_of)


def activity(
    catalog: Catalog, chronology: Chronology, events: list[Event]
) -> list[tuple[YearGroup, list[tuple[MonthGroup, str]]]]:
    """A record's events counted by year and month, each month with the chronology page
    that lists the first of them: [(year, [(month, uri), ...]), ...]."""
    entry_at = chronology.entry_at
    return [
        (year, [(m, min(entry_at[e.id] for e in m.events)[0]) for m in year.months])
        for year in chronology_groups(catalog, events)
    ]
