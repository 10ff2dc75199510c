"""Probable duplicate events (same day, place and type) are warned about, naming both files."""

from __future__ import annotations

import textwrap

from click.testing import CliRunner
from conftest import EXACT_ID, FILES, write

from generator.cli import main
from generator.content.catalog import load_catalog

EVENT = f"content/events/{EXACT_ID}.yaml"
COPY_ID = "2020-07-10-second-report-of-the-rocket"
COPY = f"content/events/{COPY_ID}.yaml"


def second_report(project, old: str = "", new: str = "") -> None:
    text = textwrap.dedent(FILES[EVENT]).replace(f"id: {EXACT_ID}", f"id: {COPY_ID}")
    text = text.replace("related:\n  - event: 2020-07-drone-shot-down-near-airport\n"
                        "    relation: follows\n", "")  # fmt: skip
    write(project, COPY, text.replace(old, new) if old else text)


def warning(path: str, other: str, other_id: str) -> str:
    return (
        f"{path}:2:7: warning: date: probably the same event as {other} (same day, place "
        "'green-zone' and type 'rocket-attack'); merge the two files, keeping every source, or "
        f"if they are different events add to one of them: related: [{{event: {other_id}, "
        "relation: follows}]"
    )


def test_same_day_place_and_type_is_a_warning_on_both_files(project):
    second_report(project)
    catalog = load_catalog(project)  # warnings do not stop the build
    assert [str(w) for w in catalog.warnings] == [
        warning(EVENT, COPY, COPY_ID),
        warning(COPY, EVENT, EXACT_ID),
    ]


def test_validate_exits_0_with_warnings_only(project, monkeypatch):
    second_report(project)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0
    assert result.stdout == (
        "OK: 4 events, 3 actors, 3 locations, 1 source; no errors, 2 warnings.\n"
    )
    assert result.stderr.splitlines() == [
        warning(EVENT, COPY, COPY_ID),
        warning(COPY, EVENT, EXACT_ID),
    ]


def test_related_events_are_not_duplicates(project):
    second_report(
        project, "tags:", f"related:\n  - event: {EXACT_ID}\n    relation: follows\ntags:"
    )
    assert load_catalog(project).warnings == []


def test_another_type_day_or_place_is_no_duplicate(project):
    for old, new in [
        ("type: rocket-attack", "type: drone-attack"),
        ("date: 2020-07-10", "date: 2020-07-09"),
        ("place: green-zone", "place: baghdad"),
        ("date: 2020-07-10", "date: 2020-07"),  # a month is not a day
    ]:
        second_report(project, old, new)
        assert load_catalog(project).warnings == [], (old, new)


def test_an_approximate_day_can_be_a_duplicate(project):
    second_report(project, "date: 2020-07-10", "date: 2020-07-10~")
    assert len(load_catalog(project).warnings) == 2
