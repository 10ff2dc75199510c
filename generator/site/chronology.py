"""The chronology's shape: events by year and month (filed by content.filing), the section of
events that span years or are open-ended, each section's pages, and where each event's entry
is (for the links from event, actor and place pages). Pure, no templates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from ..content.catalog import Catalog
from ..content.filing import filing
from ..content.model import Event
from .facts import MONTH_NAMES
from .paging import Page, paginate
from .urls import SPANNING_URI, month_uri, year_uri

SPANNING_TITLE = "Events spanning years or open-ended"


@dataclass(frozen=True)
class MonthGroup:
    """A section of the chronology: a month, a year's 'month not known', or the events that
    span years or are open-ended."""

    title: str  # "September 2020", "2021, month not known" or SPANNING_TITLE
    short: str  # "September", "month not known": the title without its year
    anchor: str  # "2020-09", "2021-unknown-month" or "spanning"
    events: list[Event]
    uri: str  # the section's chronology page, "chronology/2020/09.md"


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


@dataclass(frozen=True)
class Sections:
    """Events by year and month, and those that belong to no year."""

    years: list[YearGroup]
    spanning: MonthGroup | None  # None when no event spans years or is open-ended

    @property
    def months(self) -> list[MonthGroup]:
        """Every section in the order the chronology shows them: the spanning one last."""
        months = [month for year in self.years for month in year.months]
        return months + [self.spanning] if self.spanning else months


def _month_group(year: int, month: int | None, events: list[Event]) -> MonthGroup:
    if month is None:
        title, short, anchor = f"{year}, month not known", "month not known", "unknown-month"
        return MonthGroup(title, short, f"{year}-{anchor}", events, month_uri(year, 0))
    name = MONTH_NAMES[month]
    return MonthGroup(f"{name} {year}", name, f"{year}-{month:02d}", events, month_uri(year, month))


def chronology_sections(catalog: Catalog, events: list[Event] | None = None) -> Sections:
    """Events (all, or ``events``) by year, then month; events whose month is not known come
    first in their year, under 'month not known'; events that span years or are open-ended
    in a section of their own. Each section keeps the catalog's (chronological) order."""
    by_year: dict[int, dict[int, list[Event]]] = defaultdict(lambda: defaultdict(list))
    spanning: list[Event] = []
    for event in catalog.events.values() if events is None else events:
        filed = filing(catalog.when(event))
        if filed.year is None:
            spanning.append(event)
        else:
            by_year[filed.year][filed.month or 0].append(event)
    years = [
        YearGroup(
            year,
            [
                _month_group(year, month or None, by_year[year][month])
                for month in sorted(by_year[year])
            ],
        )
        for year in sorted(by_year)
    ]
    section = (
        MonthGroup(
            SPANNING_TITLE, "spanning years or open-ended", "spanning", spanning, SPANNING_URI
        )
        if spanning
        else None
    )
    return Sections(years, section)


@dataclass(frozen=True)
class Chronology:
    """The chronology of a catalog, laid out in pages of ``page_size`` events per section."""

    sections: Sections
    #: section page uri -> its pages
    month_pages: dict[str, list[Page]]
    #: event id -> (the chronology page listing it, its position in the chronology)
    entry_at: dict[str, tuple[str, int]]
    #: event id -> the section it is filed under
    month_of: dict[str, MonthGroup]
    #: section uri -> (its position among the sections, its year or None when spanning)
    section_at: dict[str, tuple[int, YearGroup | None]]

    @property
    def years(self) -> list[YearGroup]:
        return self.sections.years

    @property
    def months(self) -> list[MonthGroup]:
        """Every section, in the order the chronology shows them."""
        return self.sections.months


def lay_out(catalog: Catalog, page_size: int) -> Chronology:
    """The chronology by year and month, and where each event's entry is."""
    sections = chronology_sections(catalog)
    month_pages: dict[str, list[Page]] = {}
    entry_at: dict[str, tuple[str, int]] = {}
    month_of: dict[str, MonthGroup] = {}
    year_of = {month.uri: year for year in sections.years for month in year.months}
    section_at: dict[str, tuple[int, YearGroup | None]] = {}
    position = 0
    for i, month in enumerate(sections.months):
        section_at[month.uri] = (i, year_of.get(month.uri))
        pages = paginate(month.events, page_size, month.uri)
        month_pages[month.uri] = pages
        for page in pages:
            for event in page.items:
                entry_at[event.id] = (page.uri, position)
                month_of[event.id] = month
                position += 1
    return Chronology(sections, month_pages, entry_at, month_of, section_at)


#: A year's sections in a record's activity, each with the chronology page that lists the
#: first of the record's events there.
MonthLinks = list[tuple[MonthGroup, str]]


@dataclass(frozen=True)
class Activity:
    """A record's events by the chronology's sections (its years and the spanning one)."""

    years: list[tuple[YearGroup, MonthLinks]]
    spanning: tuple[MonthGroup, str] | None

    def __bool__(self) -> bool:
        return bool(self.years or self.spanning)


def activity(chronology: Chronology, events: list[Event]) -> Activity:
    """A record's events counted by year and month, each month with the chronology page
    that lists the first of them, filed where the chronology files them."""
    mine: dict[str, list[Event]] = {}  # section uri -> the record's events there
    for event in events:
        mine.setdefault(chronology.month_of[event.id].uri, []).append(event)
    years: list[tuple[YearGroup, MonthLinks]] = []
    spanning = None
    for uri in sorted(mine, key=lambda u: chronology.section_at[u][0]):
        section = chronology.month_of[mine[uri][0].id]
        month = replace(section, events=mine[uri])
        first = min(chronology.entry_at[e.id] for e in mine[uri])[0]
        year = chronology.section_at[uri][1]
        if year is None:
            spanning = (month, first)
        elif years and years[-1][0].year == year.year:
            years[-1][0].months.append(month)
            years[-1][1].append((month, first))
        else:
            years.append((YearGroup(year.year, [month]), [(month, first)]))
    return Activity(years, spanning)
