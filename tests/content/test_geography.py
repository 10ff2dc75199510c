"""A place's coordinates lie within its parent: a country's Natural Earth outline, or a
distance limit by the parent's kind; swapped latitude and longitude are named as such."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import write

from generator.content.catalog import check_content
from generator.content.geography import BASEMAP, WITHIN_KM, distance_km, outlines

IRAQ = """\
id: iraq
name: Iraq
kind: country
coordinates: {lat: 33.2, lon: 43.7}
"""
ERBIL = """\
id: erbil
name: Erbil
kind: city
coordinates: {lat: 36.1911, lon: 44.0092}
parent: iraq
"""


def _place(id_: str, kind: str, lat: float, lon: float, parent: str) -> str:
    return textwrap.dedent(f"""\
        id: {id_}
        name: {id_.title()}
        kind: {kind}
        coordinates: {{lat: {lat}, lon: {lon}}}
        parent: {parent}
        """)


@pytest.fixture
def iraq(project: Path) -> Path:
    write(project, "content/locations/iraq.yaml", IRAQ)
    write(project, "content/locations/erbil.yaml", ERBIL)
    return project


def _problems(project: Path) -> list[str]:
    return [str(p) for p in check_content(project)[1]]


def test_the_basemap_is_read_from_the_repository():
    shapes = outlines(Path(__file__).resolve().parents[2])
    assert shapes is not None and shapes["iraq"].contains(33.3152, 44.3661)  # Baghdad
    assert not shapes["iraq"].contains(35.6892, 51.3890)  # Tehran


def test_swapped_coordinates_of_erbil_airport(iraq):
    write(
        iraq,
        "content/locations/erbil-airport.yaml",
        _place("erbil-airport", "airport", 43.96, 36.24, "erbil"),
    )
    assert _problems(iraq) == [
        "content/locations/erbil-airport.yaml:4:14: coordinates: (43.96, 36.24) is 1,087 km "
        "from its parent 'erbil' (a city: at most 60 km away); lat and lon look swapped: "
        "(36.24, 43.96) lies in Iraq, 7 km from its parent; write coordinates: "
        "{lat: 36.24, lon: 43.96}",
    ]


def test_swapped_coordinates_in_a_country_use_its_outline(iraq):
    write(
        iraq,
        "content/locations/ain-al-asad.yaml",
        _place("ain-al-asad", "military-base", 42.44, 33.8, "iraq"),
    )
    assert _problems(iraq) == [
        "content/locations/ain-al-asad.yaml:4:14: coordinates: (42.44, 33.8) lies 908 km "
        "outside the border of its parent 'iraq' (Iraq, as Natural Earth draws it); lat and "
        "lon look swapped: (33.8, 42.44) lies in Iraq; write coordinates: {lat: 33.8, lon: 42.44}",
    ]


def test_a_place_across_the_border(iraq):
    write(
        iraq, "content/locations/taji.yaml", _place("taji", "military-base", 33.52, 46.23, "iraq")
    )
    assert _problems(iraq) == [
        "content/locations/taji.yaml:4:14: coordinates: (33.52, 46.23) lies 23 km outside the "
        "border of its parent 'iraq' (Iraq, as Natural Earth draws it), in Iran; check the "
        "coordinates (lat: degrees north, lon: degrees east) and the parent",
    ]


def test_a_border_town_a_few_km_outside_the_simplified_outline_passes(iraq):
    # Abu Kamal lies in Syria, 6 km from Iraq's border as drawn at 1:50 million.
    write(
        iraq,
        "content/locations/crossing.yaml",
        _place("crossing", "border-area", 34.45, 40.92, "iraq"),
    )
    assert _problems(iraq) == []


def test_a_parent_without_coordinates_hands_the_check_to_its_own(project):
    # green-zone has no coordinates; its parent baghdad is a city.
    write(
        project,
        "content/locations/embassy.yaml",
        _place("embassy", "compound", 33.9, 44.4, "green-zone"),
    )
    assert _problems(project) == [
        "content/locations/embassy.yaml:4:14: coordinates: (33.9, 44.4) is 65 km from "
        "'baghdad' (its parent 'green-zone' has no coordinates) (a city: at most 60 km away); "
        "check the coordinates (lat: degrees north, lon: degrees east) and the parent",
    ]


def test_distance_limits_by_kind():
    assert WITHIN_KM == {
        "country": None,
        "region": 800,
        "border-area": 400,
        "city": 60,
        "district": 50,
        "military-base": 15,
        "airport": 15,
        "compound": 15,
    }
    assert round(distance_km(36.1911, 44.0092, 36.2376, 43.9632)) == 7


def test_without_the_basemap_only_distances_are_checked(iraq):
    shutil.rmtree(iraq / "docs")
    assert not (iraq / BASEMAP).exists()
    write(
        iraq, "content/locations/taji.yaml", _place("taji", "military-base", 33.52, 46.23, "iraq")
    )
    write(
        iraq,
        "content/locations/erbil-airport.yaml",
        _place("erbil-airport", "airport", 43.96, 36.24, "erbil"),
    )
    assert _problems(iraq) == [
        "content/locations/erbil-airport.yaml:4:14: coordinates: (43.96, 36.24) is 1,087 km "
        "from its parent 'erbil' (a city: at most 60 km away); lat and lon look swapped: "
        "(36.24, 43.96) lies 7 km from its parent; write coordinates: {lat: 36.24, lon: 43.96}",
    ]


@pytest.mark.parametrize("text", ["window.B = {broken;", 'window.B = {"features": [1]};', ""])
def test_a_basemap_that_cannot_be_read_leaves_the_distance_checks(iraq, text):
    write(iraq, str(BASEMAP), text)
    write(
        iraq, "content/locations/taji.yaml", _place("taji", "military-base", 33.52, 46.23, "iraq")
    )
    assert _problems(iraq) == []  # the country is not checked, and nothing breaks
