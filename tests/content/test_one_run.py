"""Every problem of a file in one run: a field that fails its format does not stop the checks
of the file's other fields against the other files (references, quotes, figures)."""

from __future__ import annotations

import textwrap

from conftest import EXACT_ID, FILES, SOURCE_ID, write

from generator.content.catalog import check_content

EVENT = f"content/events/{EXACT_ID}.yaml"
KH = "content/actors/kataib-hezbollah.yaml"


def _problems(project) -> list[str]:
    return [str(p) for p in check_content(project)[1]]


def test_a_bad_date_an_unknown_actor_and_a_misquote_in_one_run(project):
    text = textwrap.dedent(FILES[EVENT])
    text = text.replace("date: 2020-07-10", "date: 2020-13-10")
    text = text.replace("actor: us-embassy-baghdad", "actor: us-embasy-baghdad")
    text = text.replace("blamed Kataib Hezbollah", "blamed Kataeb Hezbollah")
    write(project, EVENT, text)
    assert _problems(project) == [
        f"{EVENT}:2:7: date: '2020-13-10': month 13 does not exist (01-12, or 21-24 for a season)",
        f"{EVENT}:16:12: actors[1].actor: unknown actor 'us-embasy-baghdad' (did you mean "
        "'us-embassy-baghdad'?); add content/actors/us-embasy-baghdad.yaml or fix the id",
        f"{EVENT}:25:12: sources[1].quote: not found in seeds/x.txt (the text of "
        f"'{SOURCE_ID}'); the closest passage, with [the quote's words → the article's]: "
        "'…officials. Iraqi intelligence blamed [Kataeb → Kataib] Hezbollah for the "
        "attack.…'; copy the words exactly",
    ]


def test_an_invalid_entry_of_a_list_skips_only_that_entry(project):
    """actors[0] has a role that does not exist; actors[1] is still checked."""
    text = textwrap.dedent(FILES[EVENT])
    text = text.replace("role: suspected", "role: suspect")
    text = text.replace("actor: us-embassy-baghdad", "actor: us-embasy-baghdad")
    write(project, EVENT, text)
    found = _problems(project)
    assert [p.split(": ")[1] for p in found] == ["actors[0].role", "actors[1].actor"]


def test_a_file_whose_id_does_not_match_is_still_checked(project):
    text = textwrap.dedent(FILES[KH]).replace("denied any role", "denied every role")
    write(project, "content/actors/kh.yaml", text)
    (project / KH).unlink()
    found = _problems(project)
    assert found[0] == (
        "content/actors/kh.yaml:1:5: id: 'kataib-hezbollah' does not match the file name; "
        "rename the file to kataib-hezbollah.yaml or set id: kh"
    )
    assert found[1].startswith(
        "content/actors/kh.yaml:9:12: sources[0].quote: not found in seeds/x.txt"
    )
    assert "denied [every → any] role" in found[1]


def test_a_missing_required_field_does_not_hide_an_unknown_place(project):
    text = textwrap.dedent(FILES[EVENT])
    text = text.replace("type: rocket-attack\n", "").replace("place: green-zone", "place: gz")
    write(project, EVENT, text)
    assert _problems(project) == [
        f"{EVENT}:1:1: type: required field is missing",
        f"{EVENT}:9:12: locations[0].place: unknown location 'gz'; add "
        "content/locations/gz.yaml or fix the id",
    ]


def test_a_record_that_cannot_be_read_reports_only_that(project):
    write(project, EVENT, "id: [\n")
    found = _problems(project)
    assert len(found) == 1 and found[0].startswith(f"{EVENT}:2:1: invalid YAML")
