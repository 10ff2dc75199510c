"""The explorer's compact index (data/explore-index.js, generator/site/explore.py) against the
catalog it is made from, and the Explorer page's Markdown.

The tiny project of tests/conftest.py, with a member organisation, a place within a place
within a place, an open-ended date, a figure of 0 and a title that tries to close the script,
added below. The filtering itself runs in the browser (tests/e2e/test_explore.py).
"""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from generator.content.catalog import Catalog, load_catalog
from generator.site.explore import (
    EXPLORE_GLOBAL,
    EXPLORE_SCRIPTS,
    EXPLORE_STYLES,
    day_number,
    explore_index,
    explore_index_js,
    explore_page_values,
)
from generator.site.render import Renderer
from tests.conftest import ABOUT_ID, EXACT_ID, RANGE_ID, make_project, write

REPO = Path(__file__).resolve().parents[2]
NASTY_TITLE = "Drone </script><script>alert(1)</script> & <!-- hits\u2028camp"
NASTY_TITLE_YAML = '"Drone </script><script>alert(1)</script> & <!-- hits\\u2028camp"'
OPEN_ID = "2020-08-drone-attacks-on-the-brigade"
ZERO_ID = "2020-07-protest-nobody-hurt"

EXTRA = {
    "seeds/explore.txt": "Drones hit the brigade's camp. Nobody was hurt at the protest.\n",
    "content/sources/explore-source.yaml": """\
        id: explore-source
        outlet: AFP
        date: 2020-09-01
        title: Drones and a protest
        seed: explore.txt
        """,
    "content/actors/kh-45th-brigade.yaml": """\
        id: kh-45th-brigade
        name: 45th Brigade
        kind: military-unit
        parent: kataib-hezbollah
        """,
    "content/actors/kh-45th-company.yaml": """\
        id: kh-45th-company
        name: A company of the 45th Brigade
        kind: military-unit
        parent: kh-45th-brigade
        """,
    "content/locations/iraq.yaml": """\
        id: iraq
        name: Iraq
        kind: country
        """,
    f"content/events/{OPEN_ID}.yaml": f"""\
        id: {OPEN_ID}
        date: ../2020-08
        title: {NASTY_TITLE_YAML}
        type: drone-attack
        summary: Drones hit the brigade's camp.
        locations:
          - place: iraq
            precision: approximate
          - place: green-zone
        actors:
          - actor: kh-45th-company
            role: target
        casualties:
          killed: {{militia: {{low: 0, high: 2}}}}
        sources:
          - source: explore-source
            quote: Drones hit the brigade's camp.
        """,
    f"content/events/{ZERO_ID}.yaml": f"""\
        id: {ZERO_ID}
        date: 2020-07-20
        title: A protest in which nobody is hurt
        type: protest
        summary: Nobody was hurt.
        casualties:
          killed: {{civilians: 0}}
        sources:
          - source: explore-source
            quote: Nobody was hurt at the protest.
        """,
}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    root = make_project(tmp_path_factory.mktemp("explore") / "project", site=False)
    write(
        root,
        "content/locations/baghdad.yaml",
        "id: baghdad\nname: Baghdad\nkind: city\ncoordinates: {lat: 33.3, lon: 44.4}\n"
        "parent: iraq\n",
    )
    for relative, text in EXTRA.items():
        write(root, relative, text)
    return load_catalog(root)


@pytest.fixture(scope="module")
def index(catalog: Catalog) -> dict:
    return explore_index(catalog)


def parse(js: str) -> dict:
    prefix = f"{EXPLORE_GLOBAL} = "
    assert js.startswith(prefix) and js.endswith(";\n")
    return json.loads(js[len(prefix) : -len(";\n")])


def days(text: str) -> int:
    return (date.fromisoformat(text) - date(1970, 1, 1)).days


def test_day_numbers_count_from_1970_as_javascript_does() -> None:
    assert day_number(date(1970, 1, 1)) == 0
    assert day_number(date(2020, 7, 10)) == 18453  # Date.UTC(2020, 6, 10) / 86400000


def test_every_event_once_in_the_chronologys_order(catalog: Catalog, index: dict) -> None:
    events = index["events"]
    assert events["id"] == [
        ABOUT_ID,  # about July 2020: 1 to 31 July
        RANGE_ID,  # 2020-07/2020-08: 1 July to 31 August, later than ABOUT_ID's last day
        EXACT_ID,
        ZERO_ID,
        OPEN_ID,
    ]
    assert events["id"] == list(catalog.events)
    n = len(events["id"])
    assert all(len(column) == n for column in events.values())
    assert events["date"] == [
        "about July 2020 (month only)",
        "between July 2020 and August 2020",
        "10 July 2020",
        "20 July 2020",
        "August 2020 or earlier",
    ]


def test_dates_are_the_interval_the_edtf_value_allows(index: dict) -> None:
    events = index["events"]
    # An open start is None: no first day, so any earlier range overlaps it.
    assert events["start"] == [
        days("2020-07-01"),
        days("2020-07-01"),
        days("2020-07-10"),
        days("2020-07-20"),
        None,
    ]
    assert events["end"] == [
        days("2020-07-31"),
        days("2020-08-31"),
        days("2020-07-10"),
        days("2020-07-20"),
        days("2020-08-31"),
    ]


def test_actors_with_their_roles_accusers_as_attributed_by(index: dict) -> None:
    actors, roles = index["actors"]["id"], [key for key, _ in index["roles"]]
    events = index["events"]

    def pairs(event_id: str) -> list[tuple[str, str]]:
        flat = events["actors"][events["id"].index(event_id)]
        return [(actors[flat[k]], roles[flat[k + 1]]) for k in range(0, len(flat), 2)]

    assert pairs(EXACT_ID) == [
        ("kataib-hezbollah", "suspected"),
        ("us-embassy-baghdad", "target"),
        ("iraqi-intelligence", "attributed-by"),
    ]
    assert pairs(OPEN_ID) == [("kh-45th-company", "target")]
    assert pairs(ABOUT_ID) == []
    assert index["roles"][0] == ["perpetrator", "Carried it out"]


def test_members_through_actor_parent(index: dict) -> None:
    table = index["actors"]
    ids, parent = table["id"], table["parent"]

    def parent_of(actor_id: str) -> str | None:
        p = parent[ids.index(actor_id)]
        return None if p < 0 else ids[p]

    assert parent_of("kh-45th-company") == "kh-45th-brigade"
    assert parent_of("kh-45th-brigade") == "kataib-hezbollah"
    assert parent_of("kataib-hezbollah") is None
    assert table["name"][ids.index("kh-45th-brigade")] == "45th Brigade"
    kinds = [key for key, _ in index["actor_kinds"]]
    assert kinds[table["kind"][ids.index("kh-45th-brigade")]] == "military-unit"


def test_places_within_through_location_parent(index: dict) -> None:
    table = index["places"]
    ids, parent = table["id"], table["parent"]
    assert ids == ["baghdad", "baghdad-airport", "green-zone", "iraq"]
    assert [None if p < 0 else ids[p] for p in parent] == ["iraq", "baghdad", "baghdad", None]
    events = index["events"]
    precisions = index["precisions"]
    flat = events["places"][events["id"].index(OPEN_ID)]
    assert [(ids[flat[k]], precisions[flat[k + 1]]) for k in range(0, len(flat), 2)] == [
        ("iraq", "somewhere in"),
        ("green-zone", "at"),
    ]


def test_casualties_per_group_unknown_is_absent_never_zero(index: dict) -> None:
    events = index["events"]
    groups = [key for key, _ in index["groups"]]

    def figures(column: str, event_id: str) -> list[tuple[str, int, int]]:
        return [
            (groups[g], low, high) for g, low, high in events[column][events["id"].index(event_id)]
        ]

    assert figures("killed", EXACT_ID) == [("civilians", 2, 2)]
    assert figures("wounded", EXACT_ID) == [("unspecified", 3, 5)]
    assert figures("killed", OPEN_ID) == [("militia", 0, 2)]  # a range: its bounds
    assert figures("wounded", OPEN_ID) == []  # not given: unknown
    assert figures("killed", ZERO_ID) == [("civilians", 0, 0)]  # the sources say nobody
    assert figures("killed", ABOUT_ID) == []


def test_addresses_are_ids_and_the_url_style(catalog: Catalog) -> None:
    hosted, offline = explore_index(catalog, True), explore_index(catalog, False)
    assert hosted["suffix"] == "/" and offline["suffix"] == ".html"
    assert hosted["folders"] == {"event": "events/", "actor": "actors/", "place": "locations/"}
    assert "url" not in json.dumps(hosted["events"])


def test_a_nasty_title_is_inert_in_the_script_and_read_back_intact(catalog: Catalog) -> None:
    js = explore_index_js(catalog)
    for dangerous in ("</script", "<script", "<!--", "\u2028", "&"):
        assert dangerous not in js
    data = parse(js)
    titles = data["events"]["title"]
    assert titles[data["events"]["id"].index(OPEN_ID)] == NASTY_TITLE


def test_the_real_index_is_small(tmp_path: Path) -> None:
    """Bytes per event, gzipped: the 1.5 MB target at 10,000 events is 157 per event, and
    the vocabularies and actors are a fixed cost on top; `make bench` measures 10,000."""
    real = load_catalog(REPO)
    data = explore_index_js(real).encode()
    assert len(gzip.compress(data)) < 150 * len(real.events) + 4000


def test_page_values_and_page(catalog: Catalog) -> None:
    values = explore_page_values(catalog)
    assert values == {
        "scripts": EXPLORE_SCRIPTS,
        "styles": EXPLORE_STYLES,
        "data_root": "../",
        "event_count": 5,
    }
    assert EXPLORE_SCRIPTS == ("data/explore-index.js", "assets/filters.js", "assets/explore.js")
    page = Renderer(catalog).pages()["explore/index.md"]
    front, body = page.split("\n---\n", 1)
    assert front.splitlines()[:2] == ["---", 'title: "Explore every event"']
    assert 'description: "Filter all 5 events at once by actor and role' in front
    assert '  - "data/explore-index.js"\n  - "assets/filters.js"\n  - "assets/explore.js"' in front
    hidden = "hide:\n  - navigation\n  - toc\nsearch:\n  exclude: true"
    assert f'styles:\n  - "assets/explore.css"\n{hidden}' in front
    assert '<div id="explore" class="explore" data-root="../" aria-busy="true"></div>' in body
    assert (
        "The explorer needs JavaScript, which is off or blocked here. Every event is listed "
        "in the [chronology](../chronology/index.md) by year and month"
    ) in body
    assert "{ .explore-nojs }" in body
