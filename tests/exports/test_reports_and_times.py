"""What each source says about casualties (events.json, data/casualty-reports.csv) and events
with a time of day, in every data file: each read back with an independent parser (csv,
jsonschema, icalendar, feedparser, geojson) and checked value by value."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import feedparser
import geojson
import icalendar
import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.content.catalog import Catalog, load_catalog
from generator.errors import ValidationFailed
from generator.exports.csv import CASUALTY_REPORT_COLUMNS, CSV_COLUMNS
from generator.exports.data_schema import events_schema
from generator.exports.files import data_files
from generator.site.render import Renderer

REPO = Path(__file__).resolve().parents[2]

WIRE = "Rockets hit the base at night, killing eight soldiers and wounding a guard. "
PRESS = "Five soldiers were killed when rockets hit the base, an official said. "
OTHER = (
    "An early rocket hit the airport road in the morning. "
    "A second rocket landed near the embassy that evening. "
    "Drones flew over the camp at some hour that day. "
    "A late rocket hit the camp after midnight local time. "
)

SOURCES = [
    {"id": source, "outlet": outlet, "date": "2021-05-01", "title": "Base hit", "seed": seed}
    for source, outlet, seed in (
        ("wire", "Test Wire", "w.txt"),
        ("press", "=Test Press", "p.txt"),
        ("other", "Other", "o.txt"),
    )
]
SEEDS = {"w.txt": WIRE, "p.txt": PRESS, "o.txt": OTHER}
LOCATIONS = [
    {
        "id": "base",
        "name": "The Base",
        "kind": "military-base",
        "coordinates": {"lat": 33.5, "lon": 44.0},
    },
]

#: The sources disagree: Test Wire says 8 killed, Test Press 5; a guard wounded per Test Wire.
DISPUTED = {
    "id": "disputed",
    "date": "2021-02-14",
    "title": "Rockets hit the base",
    "type": "rocket-attack",
    "summary": "Rockets hit the base.",
    "locations": [{"place": "base"}],
    "casualties": {
        "killed": {"iraqi_forces": {"low": 5, "high": 8}},
        "wounded": {"unspecified": 1},
    },
    "sources": [
        {
            "source": "wire",
            "quote": "Rockets hit the base at night, killing eight soldiers and wounding a guard.",
            "casualties": {"killed": {"iraqi_forces": 8}, "wounded": {"unspecified": 1}},
        },
        {
            "source": "press",
            "quote": "Five soldiers were killed when rockets hit the base",
            "casualties": {"killed": {"iraqi_forces": 5}},
            "note": "=Counts only soldiers found by noon",
        },
    ],
}


def _event(event_id: str, when: str, quote: str, kind: str = "rocket-attack") -> dict[str, Any]:
    return {
        "id": event_id,
        "date": when,
        "title": event_id.replace("-", " ").capitalize(),
        "type": kind,
        "summary": quote,
        "sources": [{"source": "other", "quote": quote}],
    }


#: Four events on 15 February 2021, in an order the catalog must not keep.
SAME_DAY = [
    _event("late-rocket", "2021-02-15T00:40+03:00", "A late rocket hit the camp after midnight"),
    _event("evening-rocket", "2021-02-15T21:30+03:00", "A second rocket landed near the embassy"),
    _event("drones", "2021-02-15", "Drones flew over the camp at some hour", "military-posture"),
    _event("morning-rocket", "2021-02-15T05:10Z", "An early rocket hit the airport road"),
]


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _project(root: Path, events: list[dict[str, Any]]) -> Path:
    for name, text in SEEDS.items():
        (root / "seeds").mkdir(parents=True, exist_ok=True)
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    for folder, records in (("sources", SOURCES), ("locations", LOCATIONS), ("events", events)):
        for record in records:
            _write(root / "content" / folder / f"{record['id']}.yaml", record)
    return root


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog(_project(tmp_path_factory.mktemp("reports"), [DISPUTED, *SAME_DAY]))


@pytest.fixture(scope="module")
def files(catalog: Catalog) -> dict[str, str]:
    return data_files(catalog, site_url="https://example.org/")


# --- per-source figures ----------------------------------------------------------------------


def _figures(killed: int | None, wounded: int | None) -> dict[str, Any]:
    """The casualties member of a source that gives these figures for one group each."""
    found: dict[str, Any] = {}
    if killed is not None:
        one = {"low": killed, "high": killed}
        found["killed"] = {**one, "by_group": {"iraqi_forces": one}}
    if wounded is not None:
        one = {"low": wounded, "high": wounded}
        found["wounded"] = {**one, "by_group": {"unspecified": one}}
    return found


def test_events_json_carries_each_sources_figures_and_note(files: dict[str, str]) -> None:
    events = json.loads(files["data/events.json"])["events"]
    event = next(e for e in events if e["id"] == "disputed")
    assert event["casualties"] == {
        "killed": {"low": 5, "high": 8, "by_group": {"iraqi_forces": {"low": 5, "high": 8}}},
        "wounded": {"low": 1, "high": 1, "by_group": {"unspecified": {"low": 1, "high": 1}}},
    }
    assert event["sources"] == [
        {
            "id": "wire",
            "quote": "Rockets hit the base at night, killing eight soldiers and wounding a guard.",
            "casualties": _figures(8, 1),
        },
        {
            "id": "press",
            "quote": "Five soldiers were killed when rockets hit the base",
            # Test Press gives no wounded figure: absent, not 0.
            "casualties": _figures(5, None),
            "note": "=Counts only soldiers found by noon",
        },
    ]  # fmt: skip


def test_a_source_without_figures_has_no_casualties_member(files: dict[str, str]) -> None:
    events = {e["id"]: e for e in json.loads(files["data/events.json"])["events"]}
    assert events["drones"]["sources"] == [
        {"id": "other", "quote": "Drones flew over the camp at some hour"}
    ]


def test_casualty_reports_csv_has_a_row_per_event_source_and_group(files: dict[str, str]) -> None:
    text = files["data/casualty-reports.csv"]
    assert text.endswith("\r\n") and not text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [
        ["event_id", "date", "title", "source_id", "outlet", "group",
         "killed_low", "killed_high", "wounded_low", "wounded_high", "note"],
        ["disputed", "2021-02-14", "Rockets hit the base", "wire", "Test Wire", "iraqi_forces",
         "8", "8", "", "", ""],
        ["disputed", "2021-02-14", "Rockets hit the base", "wire", "Test Wire", "unspecified",
         "", "", "1", "1", ""],
        # A cell a spreadsheet would run as a formula starts with an apostrophe.
        ["disputed", "2021-02-14", "Rockets hit the base", "press", "'=Test Press",
         "iraqi_forces", "5", "5", "", "", "'=Counts only soldiers found by noon"],
    ]  # fmt: skip


def test_a_range_given_by_one_source_keeps_its_bounds(tmp_path: Path) -> None:
    ranged = json.loads(json.dumps(DISPUTED))
    ranged["sources"][1]["casualties"] = {"killed": {"iraqi_forces": {"low": 5, "high": 6}}}
    files = data_files(load_catalog(_project(tmp_path, [ranged])))
    rows = list(csv.DictReader(io.StringIO(files["data/casualty-reports.csv"], newline="")))
    press = [r for r in rows if r["source_id"] == "press"]
    assert [(r["group"], r["killed_low"], r["killed_high"]) for r in press] == [
        ("iraqi_forces", "5", "6")
    ]


# --- the schema of events.json ---------------------------------------------------------------


def test_events_json_matches_its_published_schema(files: dict[str, str]) -> None:
    schema = json.loads(files["data/schema/events.json.schema.json"])
    assert schema == events_schema()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    document = json.loads(files["data/events.json"])
    assert [e.message for e in validator.iter_errors(document)] == []
    # The schema documents every member: an undocumented one fails.
    document["events"][0]["sources"][0]["colour"] = "red"
    assert not validator.is_valid(document)
    document["events"][0]["sources"][0].pop("colour")
    document["events"][0]["casualties"]["killed"]["by_group"]["goats"] = {"low": 1, "high": 1}
    assert not validator.is_valid(document)


def test_the_real_content_matches_the_schema() -> None:
    try:
        catalog = load_catalog(REPO)
    except ValidationFailed as exc:
        pytest.skip(f"content/ does not validate yet:\n{exc}")
    document = json.loads(data_files(catalog)["data/events.json"])
    errors = Draft202012Validator(events_schema()).iter_errors(document)
    assert [(list(e.absolute_path), e.message) for e in errors] == []


# --- times of day ----------------------------------------------------------------------------

#: Untimed first (it may have happened at any hour), then by the moment in UTC.
DAY_ORDER = ["drones", "late-rocket", "morning-rocket", "evening-rocket"]


def test_a_day_sorts_untimed_first_then_by_the_moment(catalog: Catalog) -> None:
    assert list(catalog.events) == ["disputed", *DAY_ORDER]


def test_events_json_and_csv_carry_the_date_as_written_and_the_time(
    files: dict[str, str],
) -> None:
    events = json.loads(files["data/events.json"])["events"]
    assert [(e["id"], e["date"], e["start"], e["end"], e["time"]) for e in events[1:]] == [
        ("drones", "2021-02-15", "2021-02-15", "2021-02-15", None),
        ("late-rocket", "2021-02-15T00:40+03:00", "2021-02-15", "2021-02-15", "00:40+03:00"),
        ("morning-rocket", "2021-02-15T05:10Z", "2021-02-15", "2021-02-15", "05:10Z"),
        ("evening-rocket", "2021-02-15T21:30+03:00", "2021-02-15", "2021-02-15", "21:30+03:00"),
    ]
    rows = list(csv.DictReader(io.StringIO(files["data/events.csv"], newline="")))
    assert [(r["id"], r["time"]) for r in rows] == [
        ("disputed", ""),
        ("drones", ""),
        ("late-rocket", "00:40+03:00"),
        ("morning-rocket", "05:10Z"),
        ("evening-rocket", "21:30+03:00"),
    ]


def test_geojson_carries_the_time(files: dict[str, str]) -> None:
    collection = geojson.loads(files["data/events.geojson"])
    assert collection.is_valid, collection.errors()
    assert [(f["id"], f["properties"]["time"]) for f in collection["features"]] == [
        ("disputed", None)
    ]


def test_the_calendar_puts_a_timed_event_at_its_moment(files: dict[str, str]) -> None:
    calendar = icalendar.Calendar.from_ical(files["data/events.ics"])
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    evening = events["evening-rocket@chronology"]
    assert evening["DTSTART"].dt == datetime(2021, 2, 15, 18, 30, tzinfo=UTC)
    assert "DTEND" not in evening  # a moment: no end is known
    assert "Date: 2021-02-15T21:30+03:00 (15 February 2021, 21:30 local time (UTC+3))" in str(
        evening["DESCRIPTION"]
    )
    # 00:40 in Baghdad is the evening before in UTC; the entry is still the 15th's locally.
    assert events["late-rocket@chronology"]["DTSTART"].dt == datetime(
        2021, 2, 14, 21, 40, tzinfo=UTC
    )
    drones = events["drones@chronology"]
    assert (drones["DTSTART"].dt, drones["DTEND"].dt) == (date(2021, 2, 15), date(2021, 2, 16))


def test_the_feed_says_the_time(files: dict[str, str]) -> None:
    feed = feedparser.parse(files["feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    entry = next(e for e in feed.entries if e.id.endswith("/evening-rocket"))
    assert "Date: 2021-02-15T21:30+03:00 (15 February 2021, 21:30 local time (UTC+3))" in (
        entry.summary
    )


def test_the_event_page_shows_the_local_time(catalog: Catalog) -> None:
    pages = Renderer(catalog).pages()
    page = pages["events/evening-rocket.md"]
    # Markdown, escaped: it shows as "15 February 2021, 21:30 local time (UTC+3) (exact …".
    assert (
        "| **Date** | 15 February 2021, 21:30 local time \\(UTC\\+3\\) (exact day and time) · "
        "EDTF <code>2021-02-15T21:30&#43;03:00</code> |" in page
    )
    # The month's chronology lists the day's events untimed first, then by the moment.
    month = pages["chronology/2021/02.md"]
    assert [month.index(f"/{i}") for i in DAY_ORDER] == sorted(
        month.index(f"/{i}") for i in DAY_ORDER
    )


def _section(heading: str) -> str:
    text = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def test_docs_data_md_names_every_column_and_field() -> None:
    reports = _section("`data/casualty-reports.csv`")
    assert [c for c in CASUALTY_REPORT_COLUMNS if f"`{c}`" not in reports] == []
    events_csv = _section("`data/events.csv`")
    assert [c for c in CSV_COLUMNS if f"`{c}`" not in events_csv] == []
    events_json = _section("`data/events.json`")
    event_fields = events_schema()["$defs"]["event"]["properties"]
    assert [f for f in event_fields if f"`{f}`" not in events_json] == []
    source_members = events_schema()["$defs"]["event"]["properties"]["sources"]["items"]
    assert [m for m in source_members["properties"] if f"`{m}`" not in events_json] == []


def test_a_time_without_offset_fails_validation_with_the_fix(tmp_path: Path) -> None:
    bad = [
        {**SAME_DAY[1], "date": "2021-02-15T21:30"},
        {**SAME_DAY[0], "date": "2021-02-15T25:00Z"},
    ]
    with pytest.raises(ValidationFailed) as caught:
        load_catalog(_project(tmp_path, bad))
    assert [str(p) for p in caught.value.problems] == [
        "content/events/evening-rocket.yaml:2:7: date: '2021-02-15T21:30': a time of day needs "
        "its offset from UTC, so that the moment is unambiguous; add it after the time, e.g. "
        "2021-02-15T21:30+03:00 for Iraq's local time, or 2021-02-15T21:30Z for UTC",
        "content/events/late-rocket.yaml:2:7: date: '2021-02-15T25:00Z': hour 25 does not exist "
        "(00-23)",
    ]
