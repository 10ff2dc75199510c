"""Place geometry for the location pages: great-circle distance, and the nearby places of a
place found through a grid of cells instead of a scan of every place. Pure functions, no I/O."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator

from ..content.catalog import Catalog
from ..content.model import Location

EARTH_RADIUS_KM = 6371.0


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def distance_km(a: Location, b: Location) -> float:
    """Great-circle distance between two located places."""
    assert a.coordinates and b.coordinates
    return km_between(
        (a.coordinates.lat, a.coordinates.lon), (b.coordinates.lat, b.coordinates.lon)
    )


class PlaceGrid:
    """The located places in cells of ``CELL`` degrees, so ``nearby`` looks at the cells
    around a place, nearest first, instead of at every place (which would make the location pages
    quadratic in places); it stops as soon as no farther cell can hold a closer place."""

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
