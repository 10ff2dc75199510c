"""``chronology validate`` beyond the whole tree in text: one file against all the others,
JSON and GitHub output, draft placeholders."""

from __future__ import annotations

import json
import textwrap

from click.testing import CliRunner
from conftest import EXACT_ID, FILES, RANGE_ID, SOURCE_ID, write

from generator.cli import main
from generator.content.catalog import check_content

EVENT = f"content/events/{EXACT_ID}.yaml"
RANGE = f"content/events/{RANGE_ID}.yaml"
KH = "content/actors/kataib-hezbollah.yaml"
BAD_KH = "id: kataib-hezbollah\nname: KH\nkind: armed-groupp\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def edit(project, relative: str, old: str, new: str) -> None:
    text = textwrap.dedent(FILES[relative])
    assert old in text
    write(project, relative, text.replace(old, new))


def test_one_file_reports_only_its_own_problems(project, monkeypatch):
    monkeypatch.chdir(project)
    write(project, KH, BAD_KH)  # another file's problem
    edit(project, RANGE, "place: green-zone", "place: green-zon")
    result = run("validate", RANGE)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{RANGE}:7:12: locations[0].place: unknown location 'green-zon' (did you mean "
        f"'green-zone'?); add content/locations/green-zon.yaml or fix the id\n"
        "1 error found; nothing was written.\n"
    )
    result = run("validate", EVENT)  # names the broken actor: not blamed for it
    assert result.exit_code == 0
    assert result.stdout == "OK: 1 file checked; no problems.\n"


def test_one_file_is_checked_against_all_the_others(project, monkeypatch):
    monkeypatch.chdir(project)
    # The related event exists (another file); the quotes are checked against the seed.
    edit(project, EVENT, "blamed Kataib Hezbollah", "blamed Iran")
    result = run("validate", EVENT)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        f"{EVENT}:25:12: sources[1].quote: not found in seeds/x.txt"
    )
    # A file that refers to an event that does not exist.
    edit(project, RANGE, f"event: {EXACT_ID}", "event: 2020-07-10-nothing")
    result = run("validate", RANGE)
    assert "unknown event '2020-07-10-nothing'" in result.stderr


def test_one_file_sees_duplicates_in_the_others(project, monkeypatch):
    monkeypatch.chdir(project)
    copy = "content/events/2020-07-10-copy.yaml"
    text = textwrap.dedent(FILES[EVENT]).replace(f"id: {EXACT_ID}", "id: 2020-07-10-copy")
    related = "related:\n  - event: 2020-07-drone-shot-down-near-airport\n    relation: follows\n"
    assert related in text
    write(project, copy, text.replace(related, ""))  # a second report, not linked to the first
    result = run("validate", EVENT)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{EVENT}:23:12: sources[0].quote: {copy} cites the same quote of "
    )
    assert result.stderr.endswith("\n1 error found; nothing was written.\n")


def test_files_outside_content_or_missing(project, monkeypatch, tmp_path):
    monkeypatch.chdir(project)
    elsewhere = tmp_path / "x.yaml"
    elsewhere.write_text("id: x\n", encoding="utf-8")
    result = run("validate", "content/events/nothing.yaml", str(elsewhere))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{elsewhere}: is not under content/; give the path of a content file, like "
        "content/events/<id>.yaml",
        "content/events/nothing.yaml: not found; check the file name",
        "2 errors found; nothing was written.",
    ]


def test_a_file_that_links_to_itself_is_refused_without_a_traceback(project, monkeypatch):
    monkeypatch.chdir(project)
    (project / "content/events/loop.yaml").symlink_to("loop.yaml")
    result = run("validate", "content/events/loop.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "content/events/loop.yaml: is a symbolic link; content files must be ordinary files "
        "(copy the record here instead of linking to it)",
        "1 error found; nothing was written.",
    ]


def test_a_file_given_relative_to_root(project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("validate", "--root", str(project), EVENT)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "OK: 1 file checked; no problems.\n"


def test_json(project, monkeypatch):
    monkeypatch.chdir(project)
    write(project, KH, BAD_KH)
    result = run("validate", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report == {
        "problems": [
            {
                "path": KH,
                "line": 3,
                "column": 7,
                "field": "kind",
                "message": "the text 'armed-groupp' is not allowed (did you mean "
                "'armed-group'?); choose one of: armed-group, state, government-body, person, "
                "military-unit, political-movement, international-organisation, media",
                "severity": "error",
            }
        ],
        "errors": 1,
        "warnings": 0,
    }
    write(project, KH, textwrap.dedent(FILES[KH]))
    result = run("validate", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"problems": [], "errors": 0, "warnings": 0}


def test_github_annotations(project, monkeypatch):
    monkeypatch.chdir(project)
    write(project, KH, BAD_KH)
    write(project, "content/actors/extra.yml", "id: extra\n")
    result = run("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=content/actors/extra.yml::rename to .yaml (content files end in .yaml)",
        f"::error file={KH},line=3,col=7,title=kind::the text 'armed-groupp' is not allowed "
        "(did you mean 'armed-group'?); choose one of: armed-group, state, government-body, "
        "person, military-unit, political-movement, international-organisation, media",
    ]


def test_a_draft_placeholder_is_an_error(project):
    edit(project, EVENT, "title: Rocket hits", "title: TODO Rocket hits")
    edit(project, f"content/sources/{SOURCE_ID}.yaml", "author: Jane Doe", "author: TODO")
    _, problems = check_content(project)
    assert [str(p) for p in problems] == [
        f"{EVENT}:3:8: title: still holds a draft placeholder (TODO); replace it with what the "
        "sources say, or delete the field if it is optional",
        f"content/sources/{SOURCE_ID}.yaml:3:9: author: still holds a draft placeholder (TODO); "
        "replace it with what the sources say, or delete the field if it is optional",
    ]
