"""The maps: data/map-data.js (generator/site/maps.py), the Map page template, the one-place
map containers, and the vendored Leaflet + Natural Earth files that docs/assets/map.js uses.

Self-contained: the small project below is written into tmp_path here (no conftest fixtures).
Browser behaviour is tested elsewhere; here the files are checked for what can be checked
without a browser, above all that nothing is ever requested from another host.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.content.catalog import Catalog, load_catalog
from generator.content.model import Location
from generator.site.maps import (
    APART_KM,
    CONTEXT_CITIES,
    CONTEXT_PLACES,
    FRAME_RADIUS_KM,
    MAP_DATA_GLOBAL,
    js_literal,
    km_between,
    map_context,
    map_data,
    map_data_js,
    map_frame,
    map_page_values,
    small_map_html,
)
from generator.site.render import Renderer

REPO = Path(__file__).resolve().parents[2]
VENDOR = REPO / "docs" / "assets" / "vendor"
MAP_JS = REPO / "docs" / "assets" / "map.js"
MAP_CSS = REPO / "docs" / "assets" / "map.css"
BASEMAP = VENDOR / "natural-earth" / "basemap.js"
SCRIPT = REPO / "scripts" / "vendor-assets.sh"

NASTY_TITLE = "Rocket </script><script>alert(1)</script> & <!-- hits\u2028airport"
#: The same, as a YAML double-quoted scalar (YAML spells the line separator \\u2028 too).
NASTY_TITLE_YAML = '"Rocket </script><script>alert(1)</script> & <!-- hits\\u2028airport"'

SEED = """\
A rocket hit Baghdad airport on Monday. Later that month rockets fell on Baghdad.
The US struck back in March. Officials met in an unknown place.
"""

FILES = {
    "seeds/x.txt": SEED,
    "content/sources/src-a.yaml": """\
        id: src-a
        outlet: AFP
        date: 2021-03-30
        title: Rockets and strikes
        seed: x.txt
    """,
    "content/actors/us-forces.yaml": """\
        id: us-forces
        name: US forces
        kind: military-unit
    """,
    "content/locations/baghdad.yaml": """\
        id: baghdad
        name: Baghdad
        kind: city
        coordinates: {lat: 33.3152, lon: 44.3661}
    """,
    "content/locations/baghdad-airport.yaml": """\
        id: baghdad-airport
        name: Baghdad "International" Airport
        kind: airport
        coordinates: {lat: 33.2625, lon: 44.2346}
        parent: baghdad
    """,
    "content/locations/somewhere.yaml": """\
        id: somewhere
        name: Somewhere unmapped
        kind: region
    """,
    "content/locations/washington.yaml": """\
        id: washington
        name: Washington, D.C.
        kind: city
        coordinates: {lat: 38.9072, lon: -77.0369}
    """,
    # Located at its first place with coordinates (the airport, not Baghdad).
    "content/events/2020-09-28-rocket-hits-airport.yaml": f"""\
        id: 2020-09-28-rocket-hits-airport
        date: 2020-09-28
        title: {NASTY_TITLE_YAML}
        type: rocket-attack
        summary: A rocket hit Baghdad airport.
        locations:
          - place: baghdad-airport
            precision: near
          - place: baghdad
        sources:
          - source: src-a
            quote: A rocket hit Baghdad airport on Monday.
    """,
    # Uncertain day: sorted by its earliest day, 2020-09-20, so it comes first.
    "content/events/2020-09-2x-rockets-on-baghdad.yaml": """\
        id: 2020-09-2x-rockets-on-baghdad
        date: 2020-09-2X
        title: Rockets fall on Baghdad
        type: rocket-attack
        summary: Rockets fell on Baghdad.
        locations:
          - place: baghdad
        distinct_from:
          - event: 2020-09-28-rocket-hits-airport
            reason: Later rockets on the city, not the airport strike.
        sources:
          - source: src-a
            quote: Later that month rockets fell on Baghdad.
    """,
    # First place has no coordinates: located at the second.
    "content/events/2021-03-us-strike.yaml": """\
        id: 2021-03-us-strike
        date: 2021-03
        title: US strikes back
        type: airstrike
        summary: The US struck back.
        locations:
          - place: somewhere
            precision: approximate
          - place: washington
            precision: area
        actors:
          - actor: us-forces
            role: perpetrator
        sources:
          - source: src-a
            quote: The US struck back in March.
    """,
    # Unlocated: a place without coordinates only, and no place at all.
    "content/events/2019-07-2019-08-meeting.yaml": """\
        id: 2019-07-2019-08-meeting
        date: 2019-07/2019-08
        title: Officials meet
        type: diplomatic
        summary: Officials met.
        locations:
          - place: somewhere
        sources:
          - source: src-a
            quote: Officials met in an unknown place.
    """,
    "content/events/2020-statement.yaml": """\
        id: 2020-statement
        date: "2020"
        title: A statement
        type: statement
        summary: Someone said something.
        distinct_from:
          - event: 2019-07-2019-08-meeting
            reason: A fixture reusing one quote.
        sources:
          - source: src-a
            quote: Officials met in an unknown place.
    """,
}


def write_project(root: Path) -> Path:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog(write_project(tmp_path_factory.mktemp("map-project")))


def parse(js: str) -> dict:
    prefix = f"{MAP_DATA_GLOBAL} = "
    assert js.startswith(prefix)
    assert js.endswith(";\n")
    return json.loads(js[len(prefix) : -len(";\n")])


# --- data/map-data.js ------------------------------------------------------------------------


def expected_events(directory_urls: bool) -> list[dict]:
    def url(folder: str, ident: str) -> str:
        return f"{folder}/{ident}/" if directory_urls else f"{folder}/{ident}.html"

    return [
        {
            "id": "2020-09-2x-rockets-on-baghdad",
            "title": "Rockets fall on Baghdad",
            "date": "2020-09-2X",
            "year": 2020,
            "type": "rocket-attack",
            "type_label": "Rocket attack",
            "url": url("events", "2020-09-2x-rockets-on-baghdad"),
            "lat": 33.3152,
            "lon": 44.3661,
            "place": "Baghdad",
            "place_id": "baghdad",
            "precision": "exact",
            "precision_label": "at",
        },
        {
            "id": "2020-09-28-rocket-hits-airport",
            "title": NASTY_TITLE,
            "date": "2020-09-28",
            "year": 2020,
            "type": "rocket-attack",
            "type_label": "Rocket attack",
            "url": url("events", "2020-09-28-rocket-hits-airport"),
            "lat": 33.2625,
            "lon": 44.2346,
            "place": 'Baghdad "International" Airport',
            "place_id": "baghdad-airport",
            "precision": "near",
            "precision_label": "near",
        },
        {
            "id": "2021-03-us-strike",
            "title": "US strikes back",
            "date": "2021-03",
            "year": 2021,
            "type": "airstrike",
            "type_label": "Airstrike",
            "url": url("events", "2021-03-us-strike"),
            "lat": 38.9072,
            "lon": -77.0369,
            "place": "Washington, D.C.",
            "place_id": "washington",
            "precision": "area",
            "precision_label": "in the area of",
        },
    ]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_map_data_events_and_locations(catalog: Catalog, directory_urls: bool) -> None:
    data = parse(map_data_js(catalog, directory_urls=directory_urls))
    assert set(data) == {"events", "locations", "types", "frame"}
    # The human-readable date is the site's own wording (next test); the rest is exact.
    assert all(event.pop("when") for event in data["events"])
    assert data["events"] == expected_events(directory_urls)

    def url(ident: str) -> str:
        return f"locations/{ident}/" if directory_urls else f"locations/{ident}.html"

    assert data["locations"] == [
        {
            "id": "baghdad",
            "name": "Baghdad",
            "lat": 33.3152,
            "lon": 44.3661,
            "url": url("baghdad"),
            "kind": "city",
            "area": None,
            "outline": [],
            "events": 1,
            # Its own event and the airport's, which is within it.
            "weight": 2,
        },
        {
            "id": "baghdad-airport",
            "name": 'Baghdad "International" Airport',
            "lat": 33.2625,
            "lon": 44.2346,
            "url": url("baghdad-airport"),
            "kind": "airport",
            "area": None,
            "outline": [],
            "events": 1,
            "weight": 1,
        },
        {
            "id": "washington",
            "name": "Washington, D.C.",
            "lat": 38.9072,
            "lon": -77.0369,
            "url": url("washington"),
            "kind": "city",
            "area": None,
            "outline": [],
            "events": 1,
            "weight": 1,
        },
    ]
    # Two of the three events are in Baghdad: the map opens there (10 degrees around them),
    # with Washington's event outside the view.
    assert data["frame"] == {
        "south": pytest.approx(28.2889, abs=1e-4),
        "west": pytest.approx(39.3004, abs=1e-4),
        "north": pytest.approx(38.2889, abs=1e-4),
        "east": pytest.approx(49.3004, abs=1e-4),
        "main": 2,
        "outside": 1,
    }
    # Only the types that are on the map, in the vocabulary's order (rocket before air).
    assert data["types"] == [
        {"id": "rocket-attack", "label": "Rocket attack"},
        {"id": "airstrike", "label": "Airstrike"},
    ]


def test_map_data_human_dates_are_the_sites_wording(catalog: Catalog) -> None:
    from generator.content import edtf

    data = parse(map_data_js(catalog))
    for event in data["events"]:
        assert event["when"] == edtf.describe(edtf.parse(event["date"]))


def test_map_data_cannot_break_out_of_a_script_element(catalog: Catalog) -> None:
    js = map_data_js(catalog)
    assert "</script" not in js.lower()
    assert "<!--" not in js
    assert "<" not in js and ">" not in js and "&" not in js
    assert "\u2028" not in js and "\u2029" not in js
    assert js.isascii()
    assert "\\u003c/script\\u003e" in js
    # ...and the text survives the round trip unchanged.
    titles = [e["title"] for e in parse(js)["events"]]
    assert NASTY_TITLE in titles


def test_js_literal_escapes() -> None:
    value = {"a": "</script>", "b": "\u2028\u2029", "c": "é & <!-- -->"}
    text = js_literal(value)
    assert re.fullmatch(r"[\x20-\x7e]+", text)
    assert json.loads(text) == value


def test_map_data_is_deterministic(catalog: Catalog, tmp_path: Path) -> None:
    first = map_data_js(catalog)
    assert map_data_js(catalog) == first
    # A second load of the same files, written in the opposite order, gives the same bytes.
    other = tmp_path / "again"
    for name in reversed(list(FILES)):
        path = other / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(FILES[name]), encoding="utf-8")
    assert map_data_js(load_catalog(other)) == first


# --- the Map page ------------------------------------------------------------------------


def test_map_page_values(catalog: Catalog) -> None:
    values = map_page_values(catalog)
    assert values["located_count"] == 3
    assert [(year, uri, [i.event.id for i in items]) for year, uri, items in values["years"]] == [
        (
            "2020",
            "chronology/2020.md",
            ["2020-09-2x-rockets-on-baghdad", "2020-09-28-rocket-hits-airport"],
        ),
        ("2021", "chronology/2021.md", ["2021-03-us-strike"]),
    ]
    assert [e.id for e in values["unlocated"]] == ["2019-07-2019-08-meeting", "2020-statement"]


def render_map_page(catalog: Catalog, uri: str) -> str:
    return Renderer(catalog).render("map.md.j2", uri, **map_page_values(catalog, uri))


def test_map_page_template(catalog: Catalog) -> None:
    page = render_map_page(catalog, "map/index.md")
    # The data, then map.js (overrides/main.html), which inserts Leaflet and the basemap.
    assert page.startswith(
        '---\ntitle: "Map"\n'
        'description: "Map of the 3 events whose place has coordinates, by year and type, with '
        'every event listed by place for readers without the map."\n'
        'scripts:\n  - "data/map-data.js"\n  - "data/explore-index.js"\n'
        '  - "assets/filters.js"\n  - "assets/map.js"\n'
        'styles:\n  - "assets/map.css"\n---\n'
    )
    # A skip link before the map to the list of the same events, and that list's anchor.
    skip = '<a class="chronology-map-skip" href="#events-on-the-map">'
    assert skip in page and page.index(skip) < page.index('data-map="all"')
    assert "\n## Events on the map {#events-on-the-map}\n" in page
    container = (
        '<div class="chronology-map" data-map="all" data-root="../" role="region" '
        'aria-label="Map of all located events"></div>'
    )
    assert f"\n\n{container}\n\n" in page
    assert "<noscript>" in page
    assert "### 2020\n\n| Date | Event | Place | Type |\n|---|---|---|---|\n" in page
    assert "### 2021" in page and "### 2019" not in page
    # Links are Markdown links to page sources; titles are escaped, never raw HTML.
    assert "(../events/2021-03-us-strike.md)" in page
    assert "in the area of [Washington, D\\.C\\.](../locations/washington.md)" in page
    assert "</script>" not in page and "&lt;/script&gt;" in page
    rows = [line for line in page.splitlines() if line.startswith("| ") and ".md)" in line]
    assert len(rows) == 3
    assert "2 events have no place with coordinates" in page
    assert "(../events/2019-07-2019-08-meeting.md)" in page
    assert "(../events/2020-statement.md)" in page


def test_map_page_outside_an_index_leaves_the_root_to_the_script(catalog: Catalog) -> None:
    # map.md is map/ or map.html depending on use_directory_urls: no single right data-root.
    page = render_map_page(catalog, "map.md")
    assert "data-root" not in page
    assert '<div class="chronology-map" data-map="all" role="region"' in page


# --- one-place maps --------------------------------------------------------------------------


def test_small_map_for_a_location(catalog: Catalog) -> None:
    html = small_map_html(catalog, catalog.locations["baghdad-airport"])
    assert html == (
        '<div class="chronology-map" data-lat="33.2625" data-lon="44.2346" '
        'data-label="Baghdad &#34;International&#34; Airport" data-zoom="6" '
        'data-context="[[&#34;Baghdad&#34;,33.3152,44.3661]]" role="region" '
        'aria-label="Map: Baghdad &#34;International&#34; Airport"></div>'
    )
    # HTML escaping only: Markdown backslash escapes would show inside a raw HTML block.
    washington = small_map_html(catalog, catalog.locations["washington"])
    assert 'data-lon="-77.0369"' in washington and "\\" not in washington
    assert 'data-label="Washington, D.C."' in washington
    assert small_map_html(catalog, catalog.locations["somewhere"]) == ""


def test_small_map_for_an_event(catalog: Catalog) -> None:
    html = small_map_html(catalog, catalog.events["2021-03-us-strike"])
    assert 'data-lat="38.9072"' in html
    assert 'data-label="in the area of Washington, D.C."' in html
    assert small_map_html(catalog, catalog.events["2020-statement"]) == ""


# --- the opening view and areas, on the real content -------------------------------------


@pytest.fixture(scope="module")
def real() -> Catalog:
    return load_catalog(REPO)


def test_the_map_page_opens_on_iraq_and_its_neighbours_not_the_world(real: Catalog) -> None:
    data = map_data(real)
    frame = data["frame"]
    events = data["events"]
    inside = [
        e
        for e in events
        if frame["south"] <= e["lat"] <= frame["north"]
        and frame["west"] <= e["lon"] <= frame["east"]
    ]
    outside = [e for e in events if e not in inside]
    # Every event but those in Washington and Rome, in a view far from the whole world.
    assert {e["place_id"] for e in outside} == {"washington", "rome"}
    assert frame["main"] == len(inside) and frame["outside"] == len(outside) == 2
    assert frame["east"] - frame["west"] < 60 and frame["north"] - frame["south"] < 40
    baghdad = real.locations["baghdad"].coordinates
    assert frame["south"] < baghdad.lat < frame["north"]
    assert frame["west"] < baghdad.lon < frame["east"]
    for event in inside:
        assert km_between((baghdad.lat, baghdad.lon), (event["lat"], event["lon"])) < 2000


def test_map_frame_takes_every_event_when_no_group_holds_most() -> None:
    points = [(0.0, 0.0), (50.0, 100.0), (-40.0, -100.0), (10.0, 170.0)]
    frame = map_frame(points)
    assert frame is not None and frame.outside == 0 and frame.main == 4
    assert (frame.south, frame.west, frame.north, frame.east) == (-40.0, -100.0, 50.0, 170.0)
    assert map_frame([]) is None
    # Most events within FRAME_RADIUS_KM of the median: those; the far one is outside.
    near = [(33.3, 44.4), (33.2, 44.2), (36.3, 43.1), (38.9, -77.0)]
    frame = map_frame(near)
    assert frame is not None and (frame.main, frame.outside) == (3, 1)
    assert km_between((33.3, 44.4), (38.9, -77.0)) > FRAME_RADIUS_KM


def test_areas_are_named_as_areas_with_their_outline(real: Catalog) -> None:
    places = {p["id"]: p for p in map_data(real)["locations"]}
    assert places["iraq"]["area"] == "somewhere in Iraq"
    assert places["iraq"]["outline"] == ["Iraq"]
    assert places["iraq-syria-border"]["area"] == "somewhere along the Iraq–Syria border"
    assert places["baghdad"]["area"] is None and places["baghdad"]["outline"] == []
    iraq = small_map_html(real, real.locations["iraq"])
    assert 'data-area="somewhere in Iraq" data-outline="[&#34;Iraq&#34;]"' in iraq
    # The outline is matched by name in the basemap: Iraq's is there.
    assert "Iraq" in [f["properties"]["name"] for f in load_basemap()["features"]]
    # A small map names nearby cities first: Baghdad on the airport's map.
    airport = small_map_html(real, real.locations["baghdad-international-airport"])
    assert 'data-context="[[&#34;Baghdad&#34;,33.3152,44.3661],' in airport


def test_a_small_map_names_cities_apart_when_the_nearest_places_crowd_it() -> None:
    """The nearest places of a dense city all lie within a few pixels at zoom 6 (map.js
    leaves them out), so the nearest cities come too, APART_KM from one another."""

    def place(id_: str, kind: str, lat: float, lon: float) -> Location:
        return Location(id=id_, name=id_.title(), kind=kind, coordinates={"lat": lat, "lon": lon})

    here = place("camp", "military-base", 36.376, 43.15)
    sites = [place(f"site-{i}", "compound", 36.376 + i / 200, 43.15) for i in range(1, 7)]
    cities = [
        place("mosul", "city", 36.34, 43.13),  # 4 km: not among the 6 nearest, but a city
        place("erbil", "city", 36.19, 44.01),  # 80 km
        place("ankawa", "city", 36.17, 44.05),  # 5 km beyond Erbil: not apart
        place("kirkuk", "city", 35.47, 44.39),  # 145 km
        place("tabriz", "city", 38.08, 46.29),  # 340 km
        place("basra", "city", 30.51, 47.78),  # 780 km: beyond CONTEXT_KM
    ]
    far_base = place("far-base", "military-base", 35.5, 44.0)  # not a city
    catalog = SimpleNamespace(locations={p.id: p for p in [here, *sites, *cities, far_base]})
    names = [row[0] for row in map_context(catalog, here)]  # type: ignore[arg-type]
    assert names == ["Mosul", "Erbil", "Kirkuk", "Tabriz", *[f"Site-{i}" for i in range(1, 7)]]
    assert CONTEXT_CITIES == 4 and CONTEXT_PLACES == 6 and APART_KM == 40


# --- vendored files ----------------------------------------------------------------------


def pinned(name: str) -> str:
    match = re.search(rf"^{name}=(\S+)$", SCRIPT.read_text(encoding="utf-8"), re.M)
    assert match, f"{name} not pinned in {SCRIPT}"
    return match.group(1)


def test_vendored_files_exist() -> None:
    for name in (
        "README.txt",
        "leaflet/leaflet.js",
        "leaflet/leaflet.css",
        "leaflet/LICENSE",
        "leaflet/images/layers.png",
        "leaflet/images/layers-2x.png",
        "leaflet/images/marker-icon.png",
        "leaflet/images/marker-icon-2x.png",
        "leaflet/images/marker-shadow.png",
        "natural-earth/basemap.js",
        "natural-earth/LICENSE.txt",
    ):
        path = VENDOR / name
        assert path.is_file() and path.stat().st_size > 0, name
    assert MAP_JS.is_file() and MAP_CSS.is_file()


def test_leaflet_is_the_pinned_version() -> None:
    version = pinned("LEAFLET_VERSION")
    text = (VENDOR / "leaflet" / "leaflet.js").read_text(encoding="utf-8")
    assert text.startswith(f"/* @preserve\n * Leaflet {version},")
    assert f'version="{version}"' in text
    assert "BSD 2-Clause" in (VENDOR / "leaflet" / "LICENSE").read_text(encoding="utf-8")


def test_readme_lists_the_pinned_versions() -> None:
    readme = (VENDOR / "README.txt").read_text(encoding="utf-8")
    assert f"leaflet {pinned('LEAFLET_VERSION')}" in readme
    assert f"world-atlas {pinned('WORLD_ATLAS_VERSION')}" in readme
    assert f"topojson-client {pinned('TOPOJSON_CLIENT_VERSION')}" in readme
    assert "scripts/vendor-assets.sh" in readme
    assert "public domain" in (VENDOR / "natural-earth" / "LICENSE.txt").read_text()


def load_basemap() -> dict:
    text = BASEMAP.read_text(encoding="utf-8")
    header, _, rest = text.partition("*/\n")
    assert header.startswith("/*") and "Natural Earth" in header and "public domain" in header
    prefix = "window.CHRONOLOGY_BASEMAP = "
    assert rest.startswith(prefix) and rest.endswith(";\n")
    return json.loads(rest[len(prefix) : -2])


def test_basemap_is_natural_earth_geojson_and_small() -> None:
    assert BASEMAP.stat().st_size < 1_000_000
    basemap = load_basemap()
    assert basemap["type"] == "FeatureCollection"
    names = [f["properties"]["name"] for f in basemap["features"]]
    assert names == sorted(names)
    scales = {f["properties"]["name"]: f["properties"]["scale"] for f in basemap["features"]}
    for country in ("Iraq", "Syria", "Iran", "Kuwait", "Saudi Arabia", "Jordan", "Turkey"):
        assert scales[country] == "50m"
    assert scales["United States of America"] == "110m"  # events in Washington are drawn too
    assert "Antarctica" not in scales
    for feature in basemap["features"]:
        geometry = feature["geometry"]
        assert geometry["type"] in ("Polygon", "MultiPolygon")
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for polygon in polygons:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]
                # No edge jumps across the antimeridian (it would be drawn around the world).
                assert all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False))


def inside(point: list[float], polygon: list[list[list[float]]]) -> bool:
    """Whether the point is inside the polygon's outer ring and in none of its holes."""

    def in_ring(ring: list[list[float]]) -> bool:
        x, y = point
        hit = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
        return hit

    return in_ring(polygon[0]) and not any(in_ring(hole) for hole in polygon[1:])


def test_every_country_has_a_label_point_inside_it() -> None:
    """The country names are drawn at properties.label (polylabel on the largest polygon)."""
    basemap = load_basemap()
    for feature in basemap["features"]:
        label = feature["properties"]["label"]
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        assert any(inside(label, polygon) for polygon in polygons), feature["properties"]["name"]
    iraq = next(f for f in basemap["features"] if f["properties"]["name"] == "Iraq")
    assert 42 < iraq["properties"]["label"][0] < 45 and 32 < iraq["properties"]["label"][1] < 35


def test_markercluster_is_the_pinned_version() -> None:
    version = pinned("MARKERCLUSTER_VERSION")
    folder = VENDOR / "leaflet.markercluster"
    for name in ("leaflet.markercluster.js", "MarkerCluster.css", "MIT-LICENCE.txt"):
        assert (folder / name).stat().st_size > 0, name
    readme = (VENDOR / "README.txt").read_text(encoding="utf-8")
    assert f"leaflet.markercluster {version} (npm)" in readme
    assert f"polylabel {pinned('POLYLABEL_VERSION')}" in readme
    js = (folder / "leaflet.markercluster.js").read_text(encoding="utf-8")
    assert "L.MarkerClusterGroup=L.FeatureGroup.extend" in js
    assert not URL.search(js) and not URL.search((folder / "MarkerCluster.css").read_text())


# --- nothing is requested from another host ----------------------------------------------

URL = re.compile(r"(?:https?|ftp|wss?):|//[a-z0-9.-]+\.[a-z]{2,}/", re.I)


def strip_css_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def test_map_script_contains_no_address_and_no_tiles() -> None:
    text = MAP_JS.read_text(encoding="utf-8")
    assert not URL.search(text)
    for forbidden in ("tileLayer", "TileLayer", "fetch(", "XMLHttpRequest", "import(", "eval("):
        assert forbidden not in text
    assert "CHRONOLOGY_BASEMAP" in text and "CHRONOLOGY_MAP" in text
    css = MAP_CSS.read_text(encoding="utf-8")
    assert not URL.search(css) and "url(" not in css and "@import" not in css


def test_basemap_contains_no_address() -> None:
    assert not URL.search(BASEMAP.read_text(encoding="utf-8"))


def test_leaflet_refers_only_to_harmless_addresses() -> None:
    # leaflet.js names the SVG namespace (an identifier, never fetched) and links to its home
    # page in a comment and in the attribution prefix, which map.js replaces with plain text.
    js = (VENDOR / "leaflet" / "leaflet.js").read_text(encoding="utf-8")
    found = set(re.findall(r"(?:https?|ftp|wss?)://[^\s\"'<>)]*", js))
    assert found <= {"http://www.w3.org/2000/svg", "https://leafletjs.com"}
    assert 'setPrefix("Leaflet")' in MAP_JS.read_text(encoding="utf-8")
    # leaflet.css: addresses only in comments; url() only for its own images.
    css = (VENDOR / "leaflet" / "leaflet.css").read_text(encoding="utf-8")
    code = strip_css_comments(css)
    assert not URL.search(code) and "@import" not in code
    for target in re.findall(r"url\(([^)]*)\)", code):
        assert target.startswith("images/") or target == "#default#VML", target
        if target.startswith("images/"):
            assert (VENDOR / "leaflet" / target).is_file()


# --- the scripts parse ---------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("path", [MAP_JS, BASEMAP], ids=["map.js", "basemap.js"])
def test_javascript_parses(path: Path) -> None:
    subprocess.run(["node", "--check", str(path)], check=True, capture_output=True)


def test_vendor_script_is_valid_bash() -> None:
    assert SCRIPT.stat().st_mode & 0o111, "scripts/vendor-assets.sh is not executable"
    subprocess.run(["bash", "-n", str(SCRIPT)], check=True, capture_output=True)


def test_a_large_map_page_lists_counts_not_events(catalog: Catalog) -> None:
    values = {**map_page_values(catalog), "list_limit": 1}
    page = Renderer(catalog).render("map.md.j2", "map/index.md", **values)
    assert "| Date | Event | Place | Type |" not in page
    assert "## Events on the map, by year" in page
    assert "| [2020](../chronology/2020.md) | 2 |" in page
    assert "## Places with the most events" in page
    assert "2 events have no place with coordinates and are not on the map; the" in page
    assert "(../events/2020-statement.md)" not in page


# --- which pages load the map data -----------------------------------------------------------

SCRIPT_SRC = re.compile(r'<script src="([^"]+)"')


@pytest.mark.parametrize("offline", [False, True], ids=["hosted", "file"])
def test_only_the_map_page_loads_the_map_data(tmp_path: Path, offline: bool) -> None:
    """data/map-data.js (every located event: megabytes with a long chronology) is loaded by
    the Map page only, before the script that draws it; an event page's one-place map needs
    only map.js, which inserts Leaflet and the basemap itself. The scripts are deferred; the
    file:// worker shim is in the offline bundle's pages only."""
    from generator.build.site_build import build_site

    root = write_project(tmp_path / "project")
    for folder in ("docs", "overrides", "site_templates"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    site = build_site(root / "mkdocs.yml", offline=offline)
    # The file:// variant has no directory URLs: events/x.html instead of events/x/index.html.
    event = "events/2021-03-us-strike" + (".html" if offline else "/index.html")
    up = "../" if offline else "../../"

    def scripts(page: str) -> list[str]:
        return SCRIPT_SRC.findall((site / page).read_text(encoding="utf-8"))

    on_map = scripts("map/index.html")
    assert on_map.index("../data/map-data.js") < on_map.index("../assets/map.js")
    assert (site / "data" / "map-data.js").is_file()
    assert 'class="chronology-map" data-lat=' in (site / event).read_text(encoding="utf-8")
    assert f"{up}assets/map.js" in scripts(event)
    assert f"{up}data/map-data.js" not in scripts(event)
    text = (site / event).read_text(encoding="utf-8")
    assert f'<script src="{up}assets/map.js" defer></script>' in text
    assert "leaflet.js" not in text and "basemap.js" not in text and "leaflet.css" not in text
    assert "iframe-worker" not in text  # Material's search shim: this site's search needs none
    others = [p for p in site.rglob("*.html") if p != site / "map" / "index.html"]
    assert len(others) > 10
    assert [p for p in others if "map-data.js" in p.read_text(encoding="utf-8")] == []


def test_map_data_files_years_as_the_chronology_does() -> None:
    """The year the map filters by is content.filing's: None for an event that spans years
    or is open-ended (the real content's 2021-04/.. strikes), never the year it starts in."""
    real = load_catalog(REPO)
    years = {e["id"]: e["year"] for e in parse(map_data_js(real))["events"]}
    assert years["2021-04-us-airstrikes-on-kataib-hezbollah-and-kss-at-iraq-syria-border"] is None
    assert years["2020-09-28-rocket-kills-family-near-baghdad-airport"] == 2020
