"""The open data files (CSV, GeoJSON, iCalendar, Atom, JSON Schema), each read back with an
independent parser and checked against the content it was made from."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import feedparser
import geojson
import icalendar
import pytest
import yaml
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from generator.content.catalog import Catalog, load_catalog
from generator.content.files import content_files
from generator.content.load import LoadError, load_file
from generator.content.model import KINDS
from generator.errors import ValidationFailed
from generator.exports.data_schema import events_schema
from generator.exports.files import data_files
from generator.exports.schema import schema_texts, schemas

REPO = Path(__file__).resolve().parents[2]
REGENERATE = ".venv/bin/python -m generator.exports.schema"

CSV_HEADER = [
    "id",
    "date",
    "start",
    "end",
    "time",
    "title",
    "type",
    "summary",
    "url",
    "locations",
    "location_ids",
    "lat",
    "lon",
    "actors",
    "actor_ids",
    "killed_low",
    "killed_high",
    "wounded_low",
    "wounded_high",
    "source_ids",
    "tags",
]

# --- a small catalog ------------------------------------------------------------------------

SEED = (
    "Rockets hit the airport on Monday, killing five civilians. "
    "Officials said nobody was killed at the protest. "
    "A rocket fired at the embassy was intercepted. "
    "Drones struck the base in April. "
    "The militia said it would answer."
)

#: Title and summary with everything the formats must escape.
SPECIAL_TITLE = 'Rockets & "drones" <hit> airport; 5 killed, café \\ ok'
SPECIAL_SUMMARY = (
    "First line, with a comma; and a semicolon \\ and a backslash.\n"
    "Second line: مطار بغداد الدولي — non-ASCII text long enough to be folded over several "
    "lines of the calendar file, with <angle> brackets & ampersands."
)

LOCATIONS = [
    {
        "id": "airport",
        "name": "Baghdad International Airport",
        "kind": "airport",
        "coordinates": {"lat": 33.2625, "lon": 44.2346},
    },
    {"id": "somewhere", "name": "Unmapped Village", "kind": "city"},
    {
        "id": "embassy",
        "name": "US Embassy",
        "kind": "compound",
        "coordinates": {"lat": 33.2985, "lon": 44.3958},
    },
]

ACTORS = [
    {"id": "militia-x", "name": 'Militia "X"; & Co', "kind": "armed-group"},
    {"id": "us-forces", "name": "US forces", "kind": "military-unit"},
]

SOURCES = [
    {
        "id": "src-1",
        "outlet": "AFP",
        "date": "2021-05-01",
        "title": "Rockets and drones",
        "seed": "x.txt",
    }
]


def _cite(quote: str) -> list[dict[str, str]]:
    return [{"source": "src-1", "quote": quote}]


EVENTS = [
    {
        "id": "e-exact",
        "date": "2020-09-28",
        "title": SPECIAL_TITLE,
        "type": "rocket-attack",
        "summary": SPECIAL_SUMMARY,
        "locations": [{"place": "airport", "precision": "near"}],
        "actors": [
            {"actor": "militia-x", "role": "suspected", "by": ["us-forces"]},
            {"actor": "us-forces", "role": "target"},
        ],
        "casualties": {"killed": {"civilians": 5}, "wounded": {"civilians": {"low": 1, "high": 3}}},
        "sources": _cite("Rockets hit the airport on Monday, killing five civilians."),
        "tags": ["baghdad-airport"],
    },
    {
        "id": "e-month",
        "date": "2020-07",
        "title": "Protest in an unmapped village",
        "type": "protest",
        "summary": "A protest. Nobody was killed.",
        "locations": [{"place": "somewhere"}],
        "casualties": {"killed": {"civilians": 0}},
        "sources": _cite("nobody was killed at the protest"),
    },
    {
        "id": "e-interval",
        "date": "2020-07-04/2020-07-06",
        "title": "Rocket intercepted near the embassy",
        "type": "interception",
        "summary": "A rocket was intercepted.",
        "locations": [{"place": "somewhere"}, {"place": "embassy"}],
        "sources": _cite("A rocket fired at the embassy was intercepted."),
    },
    {
        "id": "e-open",
        "date": "2021-04/..",
        "title": "Drones strike the base",
        "type": "drone-attack",
        "summary": "Drones struck the base.",
        "sources": _cite("Drones struck the base in April."),
    },
    {
        "id": "e-approx",
        "date": "2020-08~",
        "title": "Militia says ]]> it will <![CDATA[ answer",
        "type": "statement",
        "summary": "The militia said it would answer.",
        "actors": [{"actor": "militia-x", "role": "statement"}],
        "sources": _cite("The militia said it would answer."),
    },
]


def _write(root: Path, folder: str, record: dict[str, Any]) -> None:
    path = root / "content" / folder / f"{record['id']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")


def _make_content(root: Path, events: list[dict[str, Any]]) -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "x.txt").write_text(SEED, encoding="utf-8")
    for folder, records in (
        ("locations", LOCATIONS),
        ("actors", ACTORS),
        ("sources", SOURCES),
        ("events", events),
    ):
        for record in records:
            _write(root, folder, record)
    return root


# Made once for the module: the tests only read them.
@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_content(tmp_path_factory.mktemp("open-data"), EVENTS)


@pytest.fixture(scope="module")
def catalog(root: Path) -> Catalog:
    return load_catalog(root)


@pytest.fixture(scope="module")
def files(catalog: Catalog) -> dict[str, str]:
    return data_files(catalog)


def test_exports_lists_every_file(files: dict[str, str]) -> None:
    assert sorted(files) == [
        "data/casualty-reports.csv",
        "data/events.csv",
        "data/events.geojson",
        "data/events.ics",
        "data/events.json",
        "data/schema/actor.schema.json",
        "data/schema/event.schema.json",
        "data/schema/events.json.schema.json",
        "data/schema/location.schema.json",
        "data/schema/source.schema.json",
        "feed.xml",
    ]


def test_exports_are_deterministic(root: Path) -> None:
    first = data_files(load_catalog(root), site_url="https://example.org/")
    second = data_files(load_catalog(root), site_url="https://example.org/")
    assert first == second


# --- CSV ------------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == CSV_HEADER
    return list(reader)


def test_csv(files: dict[str, str], catalog: Catalog) -> None:
    text = files["data/events.csv"]
    assert not text.startswith("\ufeff")
    text.encode("utf-8")  # encodable as UTF-8
    rows = _csv_rows(text)
    assert len(rows) == len(catalog.events) == len(EVENTS)
    assert [r["id"] for r in rows] == list(catalog.events)  # chronological
    by_id = {r["id"]: r for r in rows}

    exact = by_id["e-exact"]
    assert exact["title"] == SPECIAL_TITLE
    assert exact["summary"] == SPECIAL_SUMMARY  # newlines and quotes survive
    assert (exact["date"], exact["start"], exact["end"]) == ("2020-09-28",) + ("2020-09-28",) * 2
    assert exact["url"] == "events/e-exact/"
    assert (exact["lat"], exact["lon"]) == ("33.2625", "44.2346")
    assert exact["locations"] == "Baghdad International Airport"
    assert exact["actors"] == 'Militia "X"; & Co (suspected); US forces (target)'
    assert exact["actor_ids"] == "militia-x; us-forces"
    assert [exact[f"{k}_{b}"] for k in ("killed", "wounded") for b in ("low", "high")] == [
        "5",
        "5",
        "1",
        "3",
    ]
    assert exact["source_ids"] == "src-1"
    assert exact["tags"] == "baghdad-airport"

    # Unknown is empty, a reported zero is 0.
    month = by_id["e-month"]
    assert (month["killed_low"], month["killed_high"]) == ("0", "0")
    assert (month["wounded_low"], month["wounded_high"]) == ("", "")
    assert (month["lat"], month["lon"]) == ("", "")
    assert (month["start"], month["end"]) == ("2020-07-01", "2020-07-31")
    opened = by_id["e-open"]
    assert [opened[c] for c in ("killed_low", "killed_high", "wounded_low", "wounded_high")] == [
        ""
    ] * 4
    assert opened["locations"] == opened["location_ids"] == ""

    # The first place with coordinates, not the first place.
    interval = by_id["e-interval"]
    assert interval["location_ids"] == "somewhere; embassy"
    assert (interval["lat"], interval["lon"]) == ("33.2985", "44.3958")


def test_csv_directory_urls_off(catalog: Catalog) -> None:
    rows = _csv_rows(data_files(catalog, directory_urls=False)["data/events.csv"])
    assert rows[0]["url"].endswith(".html")


# --- GeoJSON --------------------------------------------------------------------------------


def _located(catalog: Catalog) -> list[str]:
    return [
        e.id
        for e in catalog.events.values()
        if any(catalog.locations[p.place].coordinates for p in e.locations)
    ]


def test_geojson(files: dict[str, str], catalog: Catalog) -> None:
    collection = geojson.loads(files["data/events.geojson"])
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection  # RFC 7946: WGS84 only
    features = collection["features"]
    assert [f["id"] for f in features] == _located(catalog) == ["e-interval", "e-exact"]
    by_id = {f["id"]: f for f in features}

    exact = by_id["e-exact"]
    assert exact["geometry"] == {"type": "Point", "coordinates": [44.2346, 33.2625]}  # lon, lat
    props = exact["properties"]
    assert props["title"] == SPECIAL_TITLE
    assert (props["date"], props["start"], props["end"]) == ("2020-09-28",) * 3
    assert props["type"] == "rocket-attack"
    assert props["url"] == "events/e-exact/"
    assert props["places"] == "Baghdad International Airport"
    assert props["precision"] == "near"
    assert (props["killed_low"], props["killed_high"]) == (5, 5)
    assert (props["wounded_low"], props["wounded_high"]) == (1, 3)

    interval = by_id["e-interval"]
    assert interval["geometry"]["coordinates"] == [44.3958, 33.2985]
    assert interval["properties"]["place_id"] == "embassy"
    assert interval["properties"]["places"] == "Unmapped Village; US Embassy"
    assert not {"killed_low", "killed_high", "wounded_low", "wounded_high"} & set(
        interval["properties"]
    )


# --- iCalendar ------------------------------------------------------------------------------


def _vevents(text: str) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar.get("PRODID")
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_ics(files: dict[str, str], catalog: Catalog) -> None:
    text = files["data/events.ics"]
    events = _vevents(text)
    assert len(events) == len(catalog.events)
    assert sorted(events) == sorted(f"{i}@chronology" for i in catalog.events)

    def span(uid: str) -> tuple[date, date]:
        return events[f"{uid}@chronology"]["DTSTART"].dt, events[f"{uid}@chronology"]["DTEND"].dt

    assert span("e-exact") == (date(2020, 9, 28), date(2020, 9, 29))
    assert span("e-month") == (date(2020, 7, 1), date(2020, 8, 1))
    assert span("e-interval") == (date(2020, 7, 4), date(2020, 7, 7))
    assert span("e-open") == (date(2021, 4, 1), date(2021, 5, 1))
    for event in events.values():
        assert type(event["DTSTART"].dt) is date  # all-day, not a date-time

    exact = events["e-exact@chronology"]
    assert str(exact["SUMMARY"]) == SPECIAL_TITLE
    description = str(exact["DESCRIPTION"])
    assert description.startswith(SPECIAL_SUMMARY)
    assert "2020-09-28" in description
    assert "events/e-exact/" in description
    assert "URL" not in exact  # relative addresses are not valid in iCalendar
    assert exact["CATEGORIES"].cats == ["rocket-attack"]
    assert (exact["GEO"].latitude, exact["GEO"].longitude) == (33.2625, 44.2346)
    assert "2020-08~" in str(events["e-approx@chronology"]["DESCRIPTION"])

    # Deterministic stamp: the last possible day of any event, not the build time.
    stamps = {e["DTSTAMP"].dt for e in events.values()}
    assert {s.date() for s in stamps} == {date(2021, 4, 30)}


def test_ics_lines(files: dict[str, str]) -> None:
    text = files["data/events.ics"]
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert not any("\n" in line or "\r" in line for line in lines)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)  # the long summary was folded
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"


def test_ics_with_site_url(catalog: Catalog) -> None:
    text = data_files(catalog, site_url="https://example.org/chrono")["data/events.ics"]
    event = _vevents(text)["e-exact@chronology"]
    assert str(event["URL"]) == "https://example.org/chrono/events/e-exact/"


# --- Atom -----------------------------------------------------------------------------------


def test_atom(files: dict[str, str], catalog: Catalog) -> None:
    feed = feedparser.parse(files["feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == min(50, len(catalog.events))
    newest_first = list(reversed(catalog.events))
    assert [e.id for e in feed.entries] == [f"tag:chronology,2026:event/{i}" for i in newest_first]
    assert feed.feed.updated == "2021-04-30T00:00:00+00:00"
    by_id = {e.id.rsplit("/", 1)[1]: e for e in feed.entries}
    exact = by_id["e-exact"]
    assert exact.title == SPECIAL_TITLE
    assert by_id["e-approx"].title == "Militia says ]]> it will <![CDATA[ answer"
    assert exact.link == "events/e-exact/"
    assert exact.updated == "2020-09-28T00:00:00+00:00"
    assert "published" not in exact  # without git history, when it was added is unknown
    assert exact.summary.startswith(SPECIAL_SUMMARY)
    assert "2020-09-28" in exact.summary
    assert by_id["e-open"].updated == "2021-04-30T00:00:00+00:00"


def test_atom_with_site_url(catalog: Catalog) -> None:
    text = data_files(catalog, site_url="https://example.org/chrono/")["feed.xml"]
    assert "xml:base" not in text  # every link is absolute itself
    feed = feedparser.parse(text)
    assert not feed.bozo
    links = {e.id.rsplit("/", 1)[1]: e.link for e in feed.entries}
    assert links["e-exact"] == "https://example.org/chrono/events/e-exact/"
    assert (
        '<link href="https://example.org/chrono/feed.xml" rel="self" type="application/atom+xml"/>'
        in text
    )
    assert feed.feed.link == "https://example.org/chrono/"
    # The ids never change with the address: readers recognise an entry after a move.
    assert feed.entries[0].id.startswith("tag:chronology,2026:event/")


def test_atom_keeps_the_latest_50(tmp_path: Path) -> None:
    many = [
        {
            "id": f"event-{i:02d}",
            "date": date.fromordinal(date(2020, 1, 1).toordinal() + i).isoformat(),
            "title": f"Event {i}",
            "type": "statement",
            "summary": "The militia said it would answer.",
            # A quote of its own: events citing the same quote would be duplicates.
            "sources": _cite(f"The militia made statement number {i} on that day."),
        }
        for i in range(55)
    ]
    root = _make_content(tmp_path, many)
    statements = " ".join(f"The militia made statement number {i} on that day." for i in range(55))
    (root / "seeds" / "x.txt").write_text(f"{SEED} {statements}", encoding="utf-8")
    catalog = load_catalog(root)
    files = data_files(catalog)
    feed = feedparser.parse(files["feed.xml"])
    assert len(feed.entries) == 50
    assert feed.entries[0].title == "Event 54"
    assert feed.entries[-1].title == "Event 5"
    assert len(_vevents(files["data/events.ics"])) == 55
    assert len(_csv_rows(files["data/events.csv"])) == 55
    assert geojson.loads(files["data/events.geojson"])["features"] == []


# --- JSON Schema ----------------------------------------------------------------------------

SCHEMA_FOR_FOLDER = {
    "events": "event",
    "actors": "actor",
    "locations": "location",
    "sources": "source",
}


def _objects(node: Any) -> list[dict[str, Any]]:
    """Every sub-schema describing an object."""
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append(node)
        for value in node.values():
            found += _objects(value)
    elif isinstance(node, list):
        for value in node:
            found += _objects(value)
    return found


def test_schemas_are_valid_draft_2020_12() -> None:
    documents = schemas()
    assert sorted(documents) == ["actor", "event", "location", "source"]
    assert set(SCHEMA_FOR_FOLDER) == set(KINDS)
    for kind, schema in documents.items():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"].endswith(f"{kind}.schema.json")
        assert schema["title"] and schema["description"]
        assert all(obj.get("additionalProperties") is False for obj in _objects(schema)), kind


def test_exported_schemas_match(files: dict[str, str]) -> None:
    texts = schema_texts()
    assert sorted(texts) == sorted(
        [f"{kind}.schema.json" for kind in schemas()] + ["events.json.schema.json"]
    )
    for name, text in texts.items():
        assert files[f"data/schema/{name}"] == text
        kind = name.removesuffix(".schema.json")
        assert json.loads(text) == (events_schema() if kind == "events.json" else schemas()[kind])


def test_committed_schemas_are_current() -> None:
    folder = REPO / "schemas"
    expected = schema_texts()
    committed = {p.name: p.read_bytes().decode("utf-8") for p in folder.glob("*.schema.json")}
    message = (
        f"schemas/ is out of date with generator/content/model.py; regenerate with: {REGENERATE}"
    )
    assert sorted(committed) == sorted(expected), message
    for name, text in expected.items():
        assert committed[name] == text, f"{name}: {message}"


def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schemas()[kind])


def test_fixture_files_match_their_schema(root: Path) -> None:
    files, problems = content_files(root)
    assert not problems and len(files) == len(LOCATIONS + ACTORS + SOURCES + EVENTS)
    for folder, path in files:
        data = load_file(path, path.name).data
        errors = list(_validator(SCHEMA_FOR_FOLDER[folder]).iter_errors(data))
        assert not errors, f"{path.name}: {[e.message for e in errors]}"


def test_real_content_matches_its_schema() -> None:
    """Every file the model accepts, the schema accepts: the schema is never stricter."""
    files, _ = content_files(REPO)
    if not files:
        pytest.skip("no content files in content/ yet")
    checked = 0
    for folder, path in files:
        try:
            data = load_file(path, str(path.relative_to(REPO))).data
            KINDS[folder].model_validate(data)
        except (LoadError, ValidationError):
            continue  # invalid files are reported by `chronology validate`
        errors = list(_validator(SCHEMA_FOR_FOLDER[folder]).iter_errors(data))
        assert not errors, f"{path}: {[(list(e.absolute_path), e.message) for e in errors]}"
        checked += 1
    assert checked > 0


def test_unknown_fields_fail_the_schema() -> None:
    validator = _validator("event")
    good = json.loads(json.dumps(EVENTS[0]))
    assert validator.is_valid(good)
    top = {**good, "colour": "red"}
    assert not validator.is_valid(top)
    nested = {**good, "locations": [{"place": "airport", "zoom": 3}]}
    assert not validator.is_valid(nested)
    location = {**LOCATIONS[0], "coordinates": {"lat": 1.0, "lon": 2.0, "alt": 3.0}}
    assert not _validator("location").is_valid(location)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2020-09-28", True),
        ("2020-09", True),
        ("2020", True),
        ("2020-09-28~", True),
        ("2020-09?", True),
        ("2020%", True),
        ("2020-09-2X", True),
        ("2020-07/2020-08", True),
        ("2021-04/..", True),
        ("../2020", True),
        ("2021-02-15T21:30+03:00", True),
        ("2021-02-15T18:30:05Z", True),
        ("2021-02-15T21:30", False),  # no offset
        ("2021-02-15T21:30+03:00/2021-02-16", False),
        ("28/09/2020", False),
        ("September 2020", False),
        ("2020-9-28", False),
        ("../..", False),
    ],
)
def test_schema_date_pattern(value: str, valid: bool) -> None:
    event = {**json.loads(json.dumps(EVENTS[0])), "date": value}
    assert _validator("event").is_valid(event) is valid


def test_schema_url_pattern() -> None:
    validator = _validator("source")
    assert validator.is_valid({**SOURCES[0], "url": "https://example.org/a?b=1"})
    assert not validator.is_valid({**SOURCES[0], "url": "example.org/a"})
    assert not validator.is_valid({**SOURCES[0], "url": "https://example.org/a b"})


# --- the real content -----------------------------------------------------------------------


def test_real_content_exports() -> None:
    try:
        catalog = load_catalog(REPO)
    except ValidationFailed as exc:
        pytest.skip(f"content/ does not validate yet, so it cannot be exported:\n{exc}")
    files = data_files(catalog, site_url="https://example.org/")
    assert files == data_files(catalog, site_url="https://example.org/")
    count = len(catalog.events)
    assert len(_csv_rows(files["data/events.csv"])) == count
    collection = geojson.loads(files["data/events.geojson"])
    assert collection.is_valid, collection.errors()
    assert len(collection["features"]) == len(_located(catalog))
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert len(_vevents(files["data/events.ics"])) == count
    feed = feedparser.parse(files["feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == min(50, count)
    assert json.loads(files["data/events.json"])["events"][0]["id"] == next(iter(catalog.events))


def test_csv_cells_cannot_become_spreadsheet_formulas() -> None:
    from generator.exports.csv import _inert_cell

    assert _inert_cell('=HYPERLINK("http://evil.example","x")') == (
        '\'=HYPERLINK("http://evil.example","x")'
    )
    assert [_inert_cell(v) for v in ("+1", "-2", "@SUM(A1)", "\tx")] == [
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
    ]
    assert [_inert_cell(v) for v in ("Rocket attack", 5, "")] == ["Rocket attack", 5, ""]
