"""Facts derived from the catalog for pages and exports: date wording, casualty totals,
chronology grouping, responsibility, nearby places, citations. Pure functions, no I/O."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..content import edtf
from ..content.catalog import Catalog
from ..content.model import CASUALTY_GROUPS, Actor, CasualtyCounts, Event, Location, Range
from .urls import month_uri

MONTH_NAMES = [
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip


# --- dates -------------------------------------------------------------------------------


def date_precision_label(when: edtf.EDTFDate) -> str:
    if when.is_interval:
        label = "date range"
    elif when.start and when.start.unspecified:
        label = "some digits unknown"
    else:
        label = {"day": "exact day", "month": "month only", "year": "year only"}[when.precision]
    if when.approximate:
        label += ", approximate"
    if when.uncertain:
        label += ", uncertain"
    return label


def short_date(when: edtf.EDTFDate) -> str:
    """The date as a chronology entry shows it, uncertainty in words: '28 September 2020',
    'about July 2020', 'September 2020 (month only)', 'between July and August 2020'."""
    words = edtf.describe(when)
    if not when.is_interval and when.start and not when.start.unspecified:
        if when.precision in ("month", "year"):
            words += f" ({when.precision} only)"
    return words


# --- casualties --------------------------------------------------------------------------


def figure_text(value: int | Range) -> str:
    if isinstance(value, Range):
        return f"{value.low}" if value.low == value.high else f"{value.low}–{value.high}"
    return str(value)


#: How a figure reads for each group: (one person, several people).
GROUP_WORDS: dict[str, tuple[str, str]] = {
    "civilians": ("civilian", "civilians"),
    "iraqi_forces": ("member of the Iraqi forces", "members of the Iraqi forces"),
    "us_coalition": ("US or coalition service member", "US or coalition personnel"),
    "contractors": ("contractor", "contractors"),
    "militia": ("militia member", "militia members"),
    "unspecified": ("person (group not given)", "people (group not given)"),
}


def casualty_parts(counts: CasualtyCounts | None) -> list[str]:
    """['5 civilians', '1 contractor', '1–3 militia members'] in CASUALTY_GROUPS order."""
    if counts is None:
        return []
    parts = []
    for group in CASUALTY_GROUPS:
        value = getattr(counts, group)
        if value is None:
            continue
        one, many = GROUP_WORDS[group]
        single = value == 1 or (isinstance(value, Range) and value.low == value.high == 1)
        parts.append(f"{figure_text(value)} {one if single else many}")
    return parts


def total_text(total: tuple[int, int] | None) -> str:
    if total is None:
        return ""
    return str(total[0]) if total[0] == total[1] else f"{total[0]}–{total[1]}"


# --- the chronology ----------------------------------------------------------------------


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


# --- responsibility ----------------------------------------------------------------------


@dataclass(frozen=True)
class Responsibility:
    carried_out: list[Actor]
    claimed: list[Actor]
    blamed: list[tuple[Actor, list[Actor]]]  # (suspected actor, who blamed them)


def responsibility(catalog: Catalog, event: Event) -> Responsibility:
    def actors(role: str) -> list[Actor]:
        return [catalog.actors[p.actor] for p in event.actors if p.role == role]

    blamed = [
        (catalog.actors[p.actor], [catalog.actors[b] for b in p.by])
        for p in event.actors
        if p.role == "suspected"
    ]
    return Responsibility(actors("perpetrator"), actors("claimed"), blamed)


# --- places ------------------------------------------------------------------------------


EARTH_RADIUS_KM = 6371.0


def distance_km(a: Location, b: Location) -> float:
    """Great-circle distance (haversine) between two located places."""
    assert a.coordinates and b.coordinates
    lat1, lon1 = math.radians(a.coordinates.lat), math.radians(a.coordinates.lon)
    lat2, lon2 = math.radians(b.coordinates.lat), math.radians(b.coordinates.lon)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


class PlaceGrid:
    """The located places in cells of ``CELL`` degrees, so ``nearby`` looks at the cells
    around a place, nearest first, instead of at every place (which made the location pages
    O(places²)); it stops as soon as no farther cell can hold a closer place."""

    CELL = 0.1  # degrees: about 11 km of latitude
    LON_CELLS = 3600

    def __init__(self, catalog: Catalog):
        self.cells: dict[tuple[int, int], list[Location]] = defaultdict(list)
        for location in catalog.locations.values():
            if location.coordinates:
                self.cells[self._cell(location)].append(location)

    def _cell(self, location: Location) -> tuple[int, int]:
        assert location.coordinates
        lat, lon = location.coordinates.lat, location.coordinates.lon
        return math.floor(lat / self.CELL), math.floor(lon / self.CELL) % self.LON_CELLS

    def rings(self, location: Location, within_km: float) -> Iterator[tuple[float, list[Location]]]:
        """(a lower bound of the distance to any place in this ring of cells or beyond, the
        places in the ring), ring by ring outwards, as far as ``within_km`` can reach."""
        assert location.coordinates
        row, column = self._cell(location)
        reach = math.degrees(within_km / EARTH_RADIUS_KM)
        rows = math.ceil(reach / self.CELL) + 1
        # Haversine: d >= 2R·asin(cos(φmax)·|sin(Δλ/2)|), φmax the largest |latitude| in reach.
        widest = math.cos(math.radians(min(abs(location.coordinates.lat) + reach, 90.0)))
        ratio = math.sin(min(within_km / (2 * EARTH_RADIUS_KM), math.pi / 2))
        ratio = ratio / widest if widest > 1e-12 else 2.0
        span = 180.0 if ratio >= 1 or reach >= 90 else math.degrees(2 * math.asin(ratio))
        columns = min(math.ceil(span / self.CELL) + 1, self.LON_CELLS // 2)
        for ring in range(max(rows, columns) + 1):
            gap = math.radians(max(ring - 1, 0) * self.CELL)
            bound = min(
                EARTH_RADIUS_KM * gap,
                2 * EARTH_RADIUS_KM * math.asin(min(1.0, widest * math.sin(min(gap, math.pi) / 2))),
            )
            if bound > within_km:
                return
            places: list[Location] = []
            for d_row in range(-min(ring, rows), min(ring, rows) + 1):
                if abs(d_row) == ring:
                    d_columns: Iterable[int] = range(-min(ring, columns), min(ring, columns) + 1)
                elif ring <= columns:
                    d_columns = (-ring, ring)
                else:
                    continue
                for d_column in d_columns:
                    if d_column == -self.LON_CELLS // 2:
                        continue  # the same cell as +LON_CELLS/2
                    key = (row + d_row, (column + d_column) % self.LON_CELLS)
                    places.extend(self.cells.get(key, ()))
            yield bound, places


def nearby(
    catalog: Catalog,
    location: Location,
    limit: int = 6,
    within_km: float = 100.0,
    grid: PlaceGrid | None = None,
) -> list[tuple[Location, float]]:
    """The closest other places (not itself, its ancestors or descendants) within reach.

    Pass one ``PlaceGrid`` of the catalog when asking for many places."""
    if not location.coordinates:
        return []
    related = {location.id}
    current = location.parent
    while current and current in catalog.locations and current not in related:
        related.add(current)
        current = catalog.locations[current].parent
    found: list[tuple[Location, float]] = []
    rings = (
        [(0.0, list(catalog.locations.values()))]
        if grid is None
        else grid.rings(location, within_km)
    )
    for bound, candidates in rings:
        if 0 < limit <= len(found) and sorted(km for _, km in found)[limit - 1] < bound:
            break  # every place not yet seen is farther than the closest `limit`
        found.extend(_nearby_candidates(catalog, location, related, candidates, within_km))
    found.sort(key=lambda pair: (pair[1], pair[0].id))
    return found[:limit]


def _nearby_candidates(
    catalog: Catalog,
    location: Location,
    related: set[str],
    candidates: list[Location],
    within_km: float,
) -> Iterator[tuple[Location, float]]:
    for other in candidates:
        if other.id in related or not other.coordinates:
            continue
        ancestor = other.parent
        inside = False
        while ancestor and ancestor in catalog.locations:
            if ancestor == location.id:
                inside = True
                break
            ancestor = catalog.locations[ancestor].parent
        if inside:
            continue
        km = distance_km(location, other)
        if km <= within_km:
            yield other, km


# --- citing an event ---------------------------------------------------------------------


def citation_text(
    site_name: str, event: Event, when: edtf.EDTFDate, address: str, changed: str | None
) -> str:
    """A ready citation (Chicago-like, with the stable address)."""
    parts = [f"“{event.title}.” {site_name}, event {event.id} ({edtf.describe(when)})."]
    if changed:
        parts.append(f"Last changed {changed}.")
    parts.append(address)
    return " ".join(parts)


def csl_json(site_name: str, event: Event, address: str, changed: str | None) -> str:
    """CSL-JSON for reference managers (Zotero, Citation Style Language processors): what
    ``json.dumps([item], ensure_ascii=False, indent=2)`` gives for the item below, with
    ``"issued": {"date-parts": [[year, month, day]]}`` when the last change is known.

    Laid out here, each value by the json module's C encoder: with an indent json.dumps
    encodes in Python, a tenth of a second at 10,000 events (tests/site/test_render.py checks
    that both agree)."""
    item = {
        "id": event.id,
        "type": "entry-encyclopedia",
        "title": event.title,
        "container-title": site_name,
        "URL": address,
        "note": f"Event date (EDTF): {event.date}",
    }
    lines = [f"    {_json(key)}: {_json(value)}" for key, value in item.items()]
    if changed:
        year, month, day = (int(x) for x in changed.split("-"))
        lines.append(
            '    "issued": {\n      "date-parts": [\n        [\n'
            f"          {year},\n          {month},\n          {day}\n"
            "        ]\n      ]\n    }"
        )
    return "[\n  {\n" + ",\n".join(lines) + "\n  }\n]"


_json = json.JSONEncoder(ensure_ascii=False).encode
