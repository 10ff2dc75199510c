"""data/events.json, exactly as docs/data.md documents it."""

from __future__ import annotations

import json
import textwrap

import pytest
from conftest import ABOUT_ID, EXACT_ID, FILES, RANGE_ID, SOURCE_ID, make_project, write

from generator.content.catalog import load_catalog
from generator.exports.files import data_files
from generator.exports.json import events_json

SUMMARY = (
    "A rocket hit a house near the Green Zone in Baghdad, killing two civilians.\n"
    "Officials gave different numbers of wounded."
)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    return load_catalog(make_project(tmp_path_factory.mktemp("exports"), site=False))


@pytest.fixture(scope="module")
def document(catalog):
    return json.loads(events_json(catalog))


def test_top_level(document):
    assert list(document) == ["version", "license", "events", "actors", "locations", "sources"]
    assert document["version"] == 1


def test_events_in_chronological_order(document):
    # By earliest possible day, then latest possible day, then id.
    assert [e["id"] for e in document["events"]] == [ABOUT_ID, RANGE_ID, EXACT_ID]


def test_exact_event(document):
    assert document["events"][2] == {
        "id": EXACT_ID,
        "date": "2020-07-10",
        "start": "2020-07-10",
        "end": "2020-07-10",
        "time": None,
        "title": "Rocket hits a house near the Green Zone, killing two civilians",
        "type": "rocket-attack",
        "summary": SUMMARY,
        "url": f"events/{EXACT_ID}/",
        "actors": [
            {
                "id": "kataib-hezbollah",
                "name": "Kataib Hezbollah",
                "role": "suspected",
                "by": ["iraqi-intelligence"],
            },
            {"id": "us-embassy-baghdad", "name": "US embassy in Baghdad", "role": "target"},
        ],
        # Green Zone has no coordinates: lat and lon are left out, not 0.
        "locations": [{"id": "green-zone", "name": "Green Zone", "precision": "near"}],
        "casualties": {
            "killed": {"low": 2, "high": 2, "by_group": {"civilians": {"low": 2, "high": 2}}},
            "wounded": {
                "low": 3,
                "high": 5,
                "by_group": {"unspecified": {"low": 3, "high": 5}},
            },
        },
        "sources": [
            {
                "id": SOURCE_ID,
                "quote": "A rocket slammed into a house near the Green Zone on Friday, killing "
                "two civilians",
            },
            {
                "id": SOURCE_ID,
                "quote": "Iraqi intelligence blamed Kataib Hezbollah for the attack.",
            },
        ],
        "related": [{"id": ABOUT_ID, "relation": "follows"}],
        "tags": ["green-zone"],
    }


def test_approximate_event(document):
    assert document["events"][0] == {
        "id": ABOUT_ID,
        "date": "2020-07~",
        "start": "2020-07-01",
        "end": "2020-07-31",
        "time": None,
        "title": "Air defences shoot down a drone near Baghdad airport",
        "type": "interception",
        "summary": "Air defences shot down a drone approaching Baghdad airport.",
        "url": f"events/{ABOUT_ID}/",
        "actors": [],
        "locations": [
            {
                "id": "baghdad-airport",
                "name": "Baghdad International Airport",
                "precision": "near",
                "lat": 33.2625,
                "lon": 44.2346,
            }
        ],
        # No figure given: absent, never 0.
        "casualties": {},
        "sources": [
            {
                "id": SOURCE_ID,
                "quote": "Earlier in July, air defences shot down a drone approaching Baghdad "
                "airport.",
            }
        ],
        "related": [],
        "tags": [],
    }


def test_interval_event(document):
    event = document["events"][1]
    assert (event["date"], event["start"], event["end"]) == (
        "2020-07/2020-08",
        "2020-07-01",
        "2020-08-31",
    )
    assert event["locations"] == [{"id": "green-zone", "name": "Green Zone", "precision": "exact"}]
    assert event["related"] == [{"id": EXACT_ID, "relation": "context"}]
    assert event["sources"] == [
        {
            "id": SOURCE_ID,
            "quote": "Protesters rallied outside the US embassy ... in July and August.",
        }
    ]


def test_actors(document):
    assert document["actors"] == [
        {
            "id": "iraqi-intelligence",
            "name": "Iraqi intelligence",
            "name_ar": None,
            "aliases": [],
            "kind": "government-body",
            "parent": None,
            "url": "actors/iraqi-intelligence/",
        },
        {
            "id": "kataib-hezbollah",
            "name": "Kataib Hezbollah",
            "name_ar": "كتائب حزب الله",
            "aliases": ["Kataeb Hezbollah"],
            "kind": "armed-group",
            "parent": None,
            "url": "actors/kataib-hezbollah/",
        },
        {
            "id": "us-embassy-baghdad",
            "name": "US embassy in Baghdad",
            "name_ar": None,
            "aliases": [],
            "kind": "government-body",
            "parent": None,
            "url": "actors/us-embassy-baghdad/",
        },
    ]


def test_locations(document):
    # In file order ("baghdad-airport.yaml" sorts before "baghdad.yaml").
    assert document["locations"] == [
        {
            "id": "baghdad-airport",
            "name": "Baghdad International Airport",
            "name_ar": None,
            "aliases": ["Baghdad airport"],
            "kind": "airport",
            "parent": "baghdad",
            "lat": 33.2625,
            "lon": 44.2346,
            "url": "locations/baghdad-airport/",
        },
        {
            "id": "baghdad",
            "name": "Baghdad",
            "name_ar": "بغداد",
            "aliases": [],
            "kind": "city",
            "parent": None,
            "lat": 33.3152,
            "lon": 44.3661,
            "url": "locations/baghdad/",
        },
        {
            "id": "green-zone",
            "name": "Green Zone",
            "name_ar": None,
            "aliases": ["International Zone"],
            "kind": "district",
            "parent": "baghdad",
            "lat": None,
            "lon": None,
            "url": "locations/green-zone/",
        },
    ]


def test_sources(document):
    assert document["sources"] == [
        {
            "id": SOURCE_ID,
            "outlet": "AFP",
            "author": "Jane Doe",
            "date": "2020-09-01",
            "title": "Rocket kills two near Green Zone",
            "original_url": "https://example.com/afp/rocket",
            "url": f"sources/{SOURCE_ID}/",
        }
    ]


def test_urls_without_directory_urls(catalog):
    document = json.loads(events_json(catalog, directory_urls=False))
    assert document["events"][0]["url"] == f"events/{ABOUT_ID}.html"
    assert document["actors"][0]["url"] == "actors/iraqi-intelligence.html"
    assert document["locations"][0]["url"] == "locations/baghdad-airport.html"
    assert document["sources"][0]["url"] == f"sources/{SOURCE_ID}.html"


def test_text_is_utf8_not_escaped(catalog):
    text = events_json(catalog)
    assert "كتائب حزب الله" in text
    assert "\\u" not in text
    assert text.endswith("}\n")


def test_same_catalog_same_bytes(catalog, tmp_path):
    again = load_catalog(make_project(tmp_path, site=False))
    assert events_json(again) == events_json(catalog)


def test_exports_include_events_json(catalog):
    files = data_files(catalog)
    assert files["data/events.json"] == events_json(catalog)


def test_zero_is_a_figure(tmp_path):
    # `0` means a source says nobody: it is present, unlike an unknown figure.
    root = make_project(tmp_path, site=False)
    relative = f"content/events/{EXACT_ID}.yaml"
    text = textwrap.dedent(FILES[relative]).replace(
        "killed: {civilians: 2}", "killed: {civilians: 0, us_coalition: {low: 0, high: 1}}"
    )
    write(root, relative, text)
    event = json.loads(events_json(load_catalog(root)))["events"][2]
    assert event["casualties"]["killed"] == {
        "low": 0,
        "high": 1,
        "by_group": {"civilians": {"low": 0, "high": 0}, "us_coalition": {"low": 0, "high": 1}},
    }


def test_by_group_order_and_totals(tmp_path):
    root = make_project(tmp_path, site=False)
    relative = f"content/events/{EXACT_ID}.yaml"
    text = textwrap.dedent(FILES[relative]).replace(
        "killed: {civilians: 2}",
        "killed: {militia: {low: 1, high: 4}, civilians: 2, iraqi_forces: 3}",
    )
    write(root, relative, text)
    killed = json.loads(events_json(load_catalog(root)))["events"][2]["casualties"]["killed"]
    assert killed == {
        "low": 6,
        "high": 9,
        "by_group": {
            "civilians": {"low": 2, "high": 2},
            "iraqi_forces": {"low": 3, "high": 3},
            "militia": {"low": 1, "high": 4},
        },
    }
    assert list(killed["by_group"]) == ["civilians", "iraqi_forces", "militia"]


def test_open_interval_has_no_end(tmp_path):
    root = make_project(tmp_path, site=False)
    relative = f"content/events/{RANGE_ID}.yaml"
    text = textwrap.dedent(FILES[relative]).replace("date: 2020-07/2020-08", "date: 2020-07/..")
    write(root, relative, text)
    events = json.loads(events_json(load_catalog(root)))["events"]
    event = next(e for e in events if e["id"] == RANGE_ID)
    assert (event["date"], event["start"], event["end"]) == ("2020-07/..", "2020-07-01", None)


def test_open_interval_has_no_start(tmp_path):
    root = make_project(tmp_path, site=False)
    relative = f"content/events/{RANGE_ID}.yaml"
    text = textwrap.dedent(FILES[relative]).replace("date: 2020-07/2020-08", "date: ../2020-08")
    write(root, relative, text)
    events = json.loads(events_json(load_catalog(root)))["events"]
    event = next(e for e in events if e["id"] == RANGE_ID)
    assert (event["date"], event["start"], event["end"]) == ("../2020-08", None, "2020-08-31")
