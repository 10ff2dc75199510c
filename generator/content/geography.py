"""A place's coordinates lie within its parent place.

A country is checked against its border: the Natural Earth outlines the map already uses
(``docs/assets/vendor/natural-earth/basemap.js``, a GeoJSON FeatureCollection assigned in a
script), matched by the country record's name or one of its aliases ("Iraq"). Any other parent
is checked by distance from its coordinates, with a limit set by its kind (``WITHIN_KM``); a
parent without coordinates hands the check to its own parent. When the numbers, swapped, would
lie within the parent, the message says so: that is the common slip.

A project without the basemap (``chronology validate`` in a folder without docs/) checks the
distances only: a country's centre says too little about its extent (Washington lies 1,700 km
from the centre of the United States) for a distance limit to be fair.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .files import Unreadable, decode, read_regular

if TYPE_CHECKING:
    from .catalog import Catalog
    from .checks import Checker
    from .model import Location

BASEMAP = Path("docs/assets/vendor/natural-earth/basemap.js")
#: How far (km) a place may lie from its parent's coordinates, by the parent's kind. None: a
#: country, checked against its outline instead.
WITHIN_KM: dict[str, float | None] = {
    "country": None,
    "region": 800,
    "border-area": 400,
    "city": 60,
    "district": 50,
    "military-base": 15,
    "airport": 15,
    "compound": 15,
}
#: How far (km) outside a country's outline a place may lie: the outlines are simplified
#: (1:50 million), and border towns and crossings sit on the line.
BORDER_KM = 10.0
_EARTH_KM = 6371.0088

Ring = list[tuple[float, float]]  # (lon, lat) as GeoJSON writes them


@dataclass(frozen=True)
class Outline:
    """A country's polygons (outer ring first, then holes) and their bounding box."""

    name: str
    polygons: tuple[tuple[Ring, ...], ...]
    box: tuple[float, float, float, float]  # west, south, east, north

    def contains(self, lat: float, lon: float) -> bool:
        west, south, east, north = self.box
        if not (west <= lon <= east and south <= lat <= north):
            return False
        for rings in self.polygons:
            if _in_ring(rings[0], lon, lat) and not any(_in_ring(h, lon, lat) for h in rings[1:]):
                return True
        return False

    def distance_km(self, lat: float, lon: float) -> float:
        """How far the point lies from the outline's border (0 inside)."""
        if self.contains(lat, lon):
            return 0.0
        best = math.inf
        scale = math.cos(math.radians(lat))
        for rings in self.polygons:
            for ring in rings:
                for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
                    best = min(best, _segment_km(lon, lat, x1, y1, x2, y2, scale))
        return best


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    """Even-odd rule: a ray from the point crosses the ring's edges an odd number of times."""
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
        x1, y1 = x2, y2
    return inside


def _segment_km(
    px: float, py: float, x1: float, y1: float, x2: float, y2: float, scale: float
) -> float:
    """Distance from a point to a segment, on a plane scaled at the point's latitude (good
    enough within some hundred km, which is all a tolerance needs)."""
    ax, ay, bx, by = (x1 - px) * scale, y1 - py, (x2 - px) * scale, y2 - py
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
    return math.hypot(ax + t * dx, ay + t * dy) * math.pi / 180 * _EARTH_KM


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@cache
def outlines(root: Path) -> dict[str, Outline] | None:
    """The country outlines by lower-case name, or None when the project has no basemap (or
    one this code cannot read: then only distances are checked, never a traceback)."""
    try:
        text = decode(read_regular(root / BASEMAP, 20_000_000))
        return _read_outlines(json.loads(text[text.index("{") : text.rindex("}") + 1]))
    except (Unreadable, ValueError, TypeError, AttributeError, KeyError, IndexError):
        return None


def _read_outlines(data: dict[str, Any]) -> dict[str, Outline]:
    found: dict[str, Outline] = {}
    for feature in data["features"]:
        name = feature.get("properties", {}).get("name")
        geometry = feature.get("geometry") or {}
        shapes = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            shapes = [shapes]
        polygons = tuple(
            tuple([(float(x), float(y)) for x, y, *_ in ring] for ring in shape) for shape in shapes
        )
        points = [p for shape in polygons for p in shape[0]]
        if not name or not points:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        found[name.casefold()] = Outline(name, polygons, (min(xs), min(ys), max(xs), max(ys)))
    return found


def country_at(shapes: dict[str, Outline], lat: float, lon: float) -> str | None:
    return next((o.name for o in shapes.values() if o.contains(lat, lon)), None)


def check_geography(catalog: Catalog, check: Checker) -> None:
    """Every place with coordinates lies within the nearest ancestor that can tell."""
    shapes = outlines(check.root.resolve())
    for doc, place in check.records(catalog, "locations"):
        if place.coordinates is None or not place.parent:
            continue
        judge = _judge(catalog, place, shapes)
        if judge is None:
            continue
        lat, lon = place.coordinates.lat, place.coordinates.lon
        far = _outside(judge, lat, lon, shapes)
        if far is None:
            continue
        what = _parent_words(judge, place)
        message = f"({lat}, {lon}) {far} {what}"
        if abs(lon) <= 90 and _outside(judge, lon, lat, shapes) is None:
            where = country_at(shapes, lon, lat) if shapes else None
            lies = ", ".join(
                x for x in (where and f"in {where}", _near(judge, place, lon, lat, shapes)) if x
            )
            message += (
                f"; lat and lon look swapped: ({lon}, {lat}) lies {lies or 'within it'}; "
                f"write coordinates: {{lat: {lon}, lon: {lat}}}"
            )
        else:
            # Another country is worth naming only when the parent is a country.
            outline = _outline(judge, shapes)
            inside = country_at(shapes, lat, lon) if outline is not None else None
            message += (
                f"{f', in {inside}' if inside else ''}; check the coordinates "
                "(lat: degrees north, lon: degrees east) and the parent"
            )
        check.add(doc, ("coordinates",), message)


def _judge(catalog: Catalog, place: Location, shapes: dict[str, Outline] | None) -> Any:
    """The nearest ancestor that can be checked against: a country with an outline, or a
    place with coordinates and a distance limit."""
    seen: set[str] = {place.id}
    current = catalog.locations.get(place.parent or "")
    while current is not None and current.id not in seen:
        if _outline(current, shapes) is not None:
            return current
        if current.coordinates is not None and WITHIN_KM.get(current.kind) is not None:
            return current
        seen.add(current.id)
        current = catalog.locations.get(current.parent or "")
    return None


def _outline(place: Location, shapes: dict[str, Outline] | None) -> Outline | None:
    if not shapes or place.kind != "country":
        return None
    names = (place.name, *place.aliases)
    return next((shapes[n.casefold()] for n in names if n.casefold() in shapes), None)


def _outside(judge: Location, lat: float, lon: float, shapes: Any) -> str | None:
    """None when the point lies within ``judge``; else how far outside, in words."""
    outline = _outline(judge, shapes)
    if outline is not None:
        km = outline.distance_km(lat, lon)
        return None if km <= BORDER_KM else f"lies {km:,.0f} km outside the border of"
    assert judge.coordinates is not None
    km = distance_km(lat, lon, judge.coordinates.lat, judge.coordinates.lon)
    limit = WITHIN_KM[judge.kind]
    return None if limit is None or km <= limit else f"is {km:,.0f} km from"


def _near(judge: Location, place: Location, lat: float, lon: float, shapes: Any) -> str:
    if _outline(judge, shapes) is not None or judge.coordinates is None:
        return ""
    km = distance_km(lat, lon, judge.coordinates.lat, judge.coordinates.lon)
    return f"{km:,.0f} km from {_who(judge, place)}"


def _who(judge: Location, place: Location) -> str:
    return "its parent" if judge.id == place.parent else repr(judge.id)


def _parent_words(judge: Location, place: Location) -> str:
    who = f"its parent {judge.id!r}"
    if judge.id != place.parent:
        who = f"{judge.id!r} (its parent {place.parent!r} has no coordinates)"
    if judge.kind == "country":  # judged by its outline
        return f"{who} ({judge.name}, as Natural Earth draws it)"
    return f"{who} (a {judge.kind}: at most {WITHIN_KM[judge.kind]:,.0f} km away)"
