"""Every data file under its licence, and with the site's address, every page address in it
the hosted page's permalink: also from the offline build (``directory_urls=False``), whose own
files are 'x.html' but whose data is cited elsewhere. Without the address, addresses stay
relative to the site root as the build makes them."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import icalendar
import pytest
from conftest import ABOUT_ID, SOURCE_ID, make_project

from generator.content.catalog import Catalog, load_catalog
from generator.content.licence import (
    DATA_LICENCE_URL,
    QUOTES_NOTICE,
    attribution,
    licence_field,
    rights_text,
)
from generator.exports.csv import CSV_COLUMNS
from generator.exports.files import data_files
from generator.exports.schema import schemas

BASE = "https://example.org/chronology/"
NAME = "Test chronology"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog(make_project(tmp_path_factory.mktemp("licence"), site=False))


def exports(catalog: Catalog, directory_urls: bool, site_url: str | None) -> dict[str, str]:
    return data_files(catalog, directory_urls, site_url, NAME)


def event_urls(files: dict[str, str]) -> dict[str, str]:
    """The exact event's address as each file gives it."""
    document = json.loads(files["data/events.json"])
    rows = csv.DictReader(io.StringIO(files["data/events.csv"], newline=""))
    features = json.loads(files["data/events.geojson"])["features"]
    calendar = icalendar.Calendar.from_ical(files["data/events.ics"])
    vevents = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    feed = feedparser.parse(files["feed.xml"])
    return {
        "json": next(e["url"] for e in document["events"] if e["id"] == ABOUT_ID),
        "csv": next(row["url"] for row in rows if row["id"] == ABOUT_ID),
        "geojson": [f for f in features if f["id"] == ABOUT_ID][0]["properties"]["url"],
        "ics": str(vevents[f"{ABOUT_ID}@chronology"].get("URL", "")),
        "atom": [e.link for e in feed.entries if e.id.endswith(f"/{ABOUT_ID}")][0],
    }


@pytest.mark.parametrize("directory_urls", [True, False], ids=["hosted", "offline"])
def test_with_the_address_every_file_gives_the_hosted_permalink(catalog, directory_urls):
    urls = event_urls(exports(catalog, directory_urls, BASE))
    assert urls == dict.fromkeys(urls, f"{BASE}events/{ABOUT_ID}/")


def test_with_the_address_records_of_every_kind_get_permalinks(catalog) -> None:
    document = json.loads(exports(catalog, False, BASE)["data/events.json"])
    assert document["sources"][0]["url"] == f"{BASE}sources/{SOURCE_ID}/"
    for kind in ("events", "actors", "locations", "sources"):
        assert all(record["url"].startswith(BASE) for record in document[kind]), kind
        assert not any(record["url"].endswith(".html") for record in document[kind]), kind


def test_without_the_address_they_stay_relative(catalog) -> None:
    assert event_urls(exports(catalog, True, None)) == {
        "json": f"events/{ABOUT_ID}/",
        "csv": f"events/{ABOUT_ID}/",
        "geojson": f"events/{ABOUT_ID}/",
        "ics": "",  # iCalendar has no relative addresses: no URL at all
        "atom": f"events/{ABOUT_ID}/",
    }
    assert set(event_urls(exports(catalog, False, "  ")).values()) == {
        f"events/{ABOUT_ID}.html",
        "",
    }


def test_the_json_files_carry_the_licence(catalog) -> None:
    files = exports(catalog, True, BASE)
    expected = {
        "id": "CC-BY-4.0",
        "name": "Creative Commons Attribution 4.0 International",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "attribution": f"{NAME} ({BASE}), CC BY 4.0",
        "excludes": "The words quoted from news reports remain their publishers' copyright "
        "and are not covered by this licence.",
    }
    assert json.loads(files["data/events.json"])["license"] == expected
    assert json.loads(files["data/events.geojson"])["license"] == expected
    assert licence_field(NAME, BASE) == expected
    unaddressed = json.loads(exports(catalog, True, None)["data/events.json"])["license"]
    assert unaddressed["attribution"] == f"{NAME}, CC BY 4.0" == attribution(NAME)


def test_the_feed_and_the_calendar_state_the_licence(catalog) -> None:
    files = exports(catalog, True, BASE)
    expected = (
        "Data and text: Creative Commons Attribution 4.0 International (CC BY 4.0, "
        f"https://creativecommons.org/licenses/by/4.0/). Credit: {NAME} ({BASE}), CC BY 4.0. "
        "The words quoted from news reports remain their publishers' copyright and are not "
        "covered by this licence."
    )
    assert rights_text(NAME, BASE) == expected
    feed = feedparser.parse(files["feed.xml"])
    assert not feed.bozo
    assert feed.feed.rights == expected
    calendar = icalendar.Calendar.from_ical(files["data/events.ics"])
    assert str(calendar["DESCRIPTION"]) == expected
    assert "X-WR-CALDESC" in calendar
    assert str(calendar["URL"]) == BASE


def test_the_csv_stays_plain_csv(catalog) -> None:
    """No licence row or column: a spreadsheet would read it as data. The data page says it."""
    text = exports(catalog, True, BASE)["data/events.csv"]
    assert text.split("\r\n", 1)[0] == ",".join(CSV_COLUMNS)
    assert DATA_LICENCE_URL not in text and QUOTES_NOTICE not in text


def test_every_schema_names_the_licence() -> None:
    for kind, schema in schemas().items():
        assert schema["license"] == {
            "id": "CC-BY-4.0",
            "name": "Creative Commons Attribution 4.0 International",
            "url": "https://creativecommons.org/licenses/by/4.0/",
        }, kind
