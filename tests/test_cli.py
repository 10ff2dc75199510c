"""The ``chronology`` command line: exact messages and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXACT_ID, write

from generator.build.assemble import assemble
from generator.build.generate import completed_pages, project_settings
from generator.cli import main
from generator.content.catalog import load_catalog
from generator.errors import MAX_LINE, Problem, ValidationFailed, problem_lines

KH = "content/actors/kataib-hezbollah.yaml"
KH_PROBLEM = (
    f"{KH}:3:7: kind: the text 'armed-groupp' is not allowed (did you mean 'armed-group'?); "
    "choose one of: armed-group, state, government-body, person, military-unit, "
    "political-movement, international-organisation, media"
)


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="chronology", catch_exceptions=False)


# --- help --------------------------------------------------------------------------------------


def test_every_command_has_help():
    assert {"build", "generate", "serve", "validate"} <= set(main.commands)
    for name, command in main.commands.items():
        for flag in ("--help", "-h"):
            result = run(name, flag)
            assert result.exit_code == 0, (name, flag)
            assert result.stdout.startswith(f"Usage: chronology {name} [OPTIONS]"), name
            summary = command.help.strip().split("\n\n")[0]
            assert " ".join(summary.split()) in " ".join(result.stdout.split()), name
            assert "Example: chronology " in result.stdout, name


def test_main_help_lists_the_commands():
    result = run("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: chronology [OPTIONS] COMMAND [ARGS]...\n")
    for name in main.commands:
        assert f"\n  {name} " in result.stdout


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == "chronology, version 0.1.0\n"


def test_unknown_command():
    result = run("bulid")
    assert result.exit_code == 2
    assert "No such command 'bulid'" in result.stderr


# --- validate ------------------------------------------------------------------------------------


def test_validate_ok(project, monkeypatch):
    monkeypatch.chdir(project)
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout == "OK: 3 events, 3 actors, 3 locations, 1 source; no problems.\n"
    assert result.stderr == ""


def test_validate_root_option(project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("validate", "--root", str(project))
    assert result.exit_code == 0
    assert result.stdout == "OK: 3 events, 3 actors, 3 locations, 1 source; no problems.\n"


def test_validate_errors(project, monkeypatch):
    monkeypatch.chdir(project)
    write(project, KH, "id: kataib-hezbollah\nname: KH\nkind: armed-groupp\n")
    write(project, "content/actors/extra.yml", "id: extra\n")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "content/actors/extra.yml: rename to .yaml (content files end in .yaml)\n"
        f"{KH_PROBLEM}\n"
        "2 errors found; nothing was written.\n"
    )


def test_validate_load_error(project, monkeypatch):
    monkeypatch.chdir(project)
    (project / KH).write_bytes(b"id: kataib-hezbollah\nname: \xff\n")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{KH}:2:7: invalid UTF-8 (byte 0xff); save the file as UTF-8\n"
        "1 error found; nothing was written.\n"
    )


def test_validate_outside_a_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "content: folder not found; run chronology from the project folder\n"
        "1 error found; nothing was written.\n"
    )


def test_validate_root_must_be_a_folder(project):
    result = run("validate", "--root", str(project / "mkdocs.yml"))
    assert result.exit_code == 2
    assert "is a file" in result.stderr


def test_validate_a_file_from_inside_content(project, monkeypatch):
    """FILE is taken from the current folder first, then from --root: run from
    content/events/, a file there is found, and a misspelt one is "not found"."""
    monkeypatch.chdir(project / "content" / "events")
    result = run("validate", "--root", "../..", f"{EXACT_ID}.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "OK: 1 file checked; no problems.\n",
        "",
    )
    result = run("validate", "--root", "../..", "2020-07-10-rocket-hits-hous.yaml")
    assert (result.exit_code, result.stderr) == (
        1,
        "content/events/2020-07-10-rocket-hits-hous.yaml: not found; check the file name\n"
        "1 error found; nothing was written.\n",
    )
    result = run("validate", "--root", "../..", "../actors/kataib-hezbollah.yaml")
    assert (result.exit_code, result.stdout) == (0, "OK: 1 file checked; no problems.\n")


def test_validate_a_file_outside_content_from_inside_it(project, monkeypatch):
    monkeypatch.chdir(project / "content" / "events")
    result = run("validate", "--root", "../..", "../../mkdocs.yml")
    assert (result.exit_code, result.stderr) == (
        1,
        f"../../mkdocs.yml: is not under {project / 'content'}/; give the path of a content "
        "file, like content/events/<id>.yaml\n1 error found; nothing was written.\n",
    )


def test_a_file_name_given_from_root_when_not_in_the_current_folder(project, monkeypatch):
    monkeypatch.chdir(project / "content")
    result = run("validate", "--root", "..", f"content/events/{EXACT_ID}.yaml")
    assert (result.exit_code, result.stdout) == (0, "OK: 1 file checked; no problems.\n")


# --- validate: bounded text output ------------------------------------------------------------


def bad_actor(n: int) -> str:
    return f"id: bad-{n:03}\nname: Bad\nkind: armed-groupp\n"


def bad_actor_line(n: int) -> str:
    return KH_PROBLEM.replace(KH, f"content/actors/bad-{n:03}.yaml")


def test_at_most_200_problems_in_text_then_a_count(project, monkeypatch):
    monkeypatch.chdir(project)
    for n in range(250):
        write(project, f"content/actors/bad-{n:03}.yaml", bad_actor(n))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        *(bad_actor_line(n) for n in range(200)),
        "… and 50 more problems in 50 files; run chronology validate --format json for all",
        "250 errors found; nothing was written.",
    ]
    every = json.loads(run("validate", "--format", "json").stdout)
    assert (len(every["problems"]), every["errors"]) == (250, 250)
    # GitHub shows ten error annotations of a step: only those are written (test_report.py).
    github = run("validate", "--format", "github")
    assert len([line for line in github.stdout.splitlines() if line.startswith("::")]) == 10


def test_at_most_20_problems_of_one_file():
    problems = [Problem("content/events/a.yaml", n, 1, "f", "bad") for n in range(1, 31)]
    problems += [Problem("content/events/b.yaml", 1, 1, "f", "bad")]
    lines = problem_lines(problems)
    assert lines == [
        *(f"content/events/a.yaml:{n}:1: f: bad" for n in range(1, 21)),
        "content/events/b.yaml:1:1: f: bad",
        "… and 10 more problems in 1 file; run chronology validate --format json for all",
    ]
    assert str(ValidationFailed(problems)).splitlines()[-1] == (
        "31 errors found; nothing was written."
    )


def test_thousands_are_counted_with_commas():
    problems = [Problem(f"content/events/{n:05}.yaml", 0, 0, "", "bad") for n in range(20_000)]
    lines = str(ValidationFailed(problems)).splitlines()
    assert len(lines) == 202
    assert lines[-2:] == [
        "… and 19,800 more problems in 19,800 files; run chronology validate --format json for all",
        "20,000 errors found; nothing was written.",
    ]


def test_one_more_problem_in_one_file_is_singular():
    problems = [Problem("content/events/a.yaml", n, 1, "", "bad") for n in range(1, 22)]
    assert problem_lines(problems)[-1] == (
        "… and 1 more problem in 1 file; run chronology validate --format json for all"
    )


def test_a_long_line_is_cut_in_the_middle():
    problem = Problem("content/sources/s.yaml", 3, 7, "seed", "x" * 900_000 + " not found")
    line = str(problem)
    assert len(line) == MAX_LINE
    assert line.startswith("content/sources/s.yaml:3:7: seed: xxx")
    assert "…" in line and line.endswith("xxx not found")


def test_a_long_path_gives_a_short_line_in_text_and_all_of_it_in_json(project, monkeypatch):
    """Messages cut long values themselves; a path is shown whole, and one of 1,200
    characters (six folders of 200) is cut by the line bound."""
    monkeypatch.chdir(project)
    deep = "content/events/" + "/".join(letter * 200 for letter in "abcdef") + "/x.yaml"
    write(project, deep, "id: x\n")
    result = run("validate")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "1 error found; nothing was written."
    assert lines[0].startswith("content/events/aaaa") and "…" in lines[0]
    assert len(lines[0]) == MAX_LINE and lines[0].endswith("f/x.yaml: " + lines[0].split(": ")[-1])
    [problem] = json.loads(run("validate", "--format", "json").stdout)["problems"]
    assert problem["path"] == deep


def test_warnings_alone_are_bounded_too():
    from generator.content.report import validate_output

    warnings = [
        Problem(f"content/events/{n:03}.yaml", 1, 1, "date", "same?", "warning") for n in range(201)
    ]
    lines, code = validate_output(None, warnings, 201, "text")  # type: ignore[arg-type]
    assert code == 0 and lines[0][1] is True
    shown = lines[0][0].splitlines()
    assert len(shown) == 201 and shown[-1].startswith("… and 1 more problem in 1 file;")
    assert lines[1] == ("OK: 201 files checked; no errors, 201 warnings.", False)


# --- generate ------------------------------------------------------------------------------------


def test_generate_writes_every_page_and_data_file(project, tmp_path):
    out = tmp_path / "pages"
    result = run("generate", "--root", str(project), "--out", str(out))
    catalog = load_catalog(project)
    settings = project_settings(project)
    # The generated files and the hand-written data page with its JSON-LD (plugin.py).
    expected = assemble(catalog, settings) | completed_pages(project, catalog, settings)
    assert result.exit_code == 0
    assert result.stdout == f"Wrote {len(expected)} files to {out}\n"
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == set(expected)
    assert '\\"@type\\":\\"Dataset\\"' in (out / "data.md").read_text(encoding="utf-8")
    assert {
        "index.md",
        "actors/index.md",
        "actors/kataib-hezbollah.md",
        "locations/index.md",
        "locations/green-zone.md",
        "sources/index.md",
        f"events/{EXACT_ID}.md",
        "data/events.json",
    } <= written
    for uri, text in expected.items():
        assert (out / uri).read_bytes() == text.encode("utf-8"), uri
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages", "project"]  # no staging left


def test_generate_replaces_an_old_output(project, tmp_path):
    out = tmp_path / "pages"
    out.mkdir()
    (out / "stale.md").write_text("old", encoding="utf-8")
    result = run("generate", "--root", str(project), "--out", str(out))
    assert result.exit_code == 0
    assert not (out / "stale.md").exists()
    assert (out / "index.md").is_file()


def test_generate_with_bad_content_writes_nothing(project, tmp_path):
    out = tmp_path / "pages"
    out.mkdir()
    (out / "keep.md").write_text("old", encoding="utf-8")
    write(project, KH, "id: kataib-hezbollah\nname: KH\nkind: armed-groupp\n")
    result = run("generate", "--root", str(project), "--out", str(out))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"{KH_PROBLEM}\n1 error found; nothing was written.\n"
    assert [p.name for p in out.iterdir()] == ["keep.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages", "project"]


def test_generate_into_a_file(project, tmp_path):
    out = tmp_path / "pages"
    out.write_text("a file", encoding="utf-8")
    result = run("generate", "--root", str(project), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"{out}: exists and is not a folder\n"
    assert out.read_text(encoding="utf-8") == "a file"


def test_generate_with_other_templates(project, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    for template in (project / "site_templates").iterdir():
        (templates / template.name).write_text(template.read_text(encoding="utf-8"))
    (templates / "home.md.j2").write_text("# Home of {{ site_name }}\n", encoding="utf-8")
    out = tmp_path / "pages"
    result = run(
        "generate", "--root", str(project), "--out", str(out), "--templates", str(templates)
    )
    assert result.exit_code == 0, result.stderr
    home = "# Home of US–Militia Confrontation in Iraq, 2019–2021\n"  # site_name of mkdocs.yml
    assert (out / "index.md").read_text(encoding="utf-8") == home


def test_generate_without_mkdocs_yml_uses_the_defaults(project, tmp_path):
    (project / "mkdocs.yml").unlink()
    out = tmp_path / "pages"
    result = run("generate", "--root", str(project), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    home = (out / "index.md").read_text(encoding="utf-8")
    assert home.startswith("---\ndescription: ")  # the page's own description (front matter)
    assert home.split("\n---\n", 1)[1].startswith("# Chronology\n")
    # Without mkdocs.yml there is no site address: addresses stay relative.
    events = json.loads((out / "data" / "events.json").read_text(encoding="utf-8"))["events"]
    assert events[-1]["url"] == f"events/{EXACT_ID}/"


def test_generate_gives_the_permalinks_of_the_site_address(project, tmp_path, monkeypatch):
    monkeypatch.delenv("CHRONOLOGY_SITE_URL", raising=False)
    out = tmp_path / "pages"
    assert run("generate", "--root", str(project), "--out", str(out)).exit_code == 0
    events = json.loads((out / "data" / "events.json").read_text(encoding="utf-8"))["events"]
    assert events[-1]["url"] == f"https://us-militia-iraq-chronology.github.io/events/{EXACT_ID}/"
    monkeypatch.setenv("CHRONOLOGY_SITE_URL", "https://fork.example.org/c")
    assert run("generate", "--root", str(project), "--out", str(out)).exit_code == 0
    page = (out / "events" / f"{EXACT_ID}.md").read_text(encoding="utf-8")
    assert f"https://fork.example.org/c/events/{EXACT_ID}/" in page  # the citation
    monkeypatch.setenv("CHRONOLOGY_SITE_URL", "fork.example.org")
    result = run("generate", "--root", str(project), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith("CHRONOLOGY_SITE_URL: 'fork.example.org' is not a site")


def test_generate_needs_out():
    result = run("generate")
    assert result.exit_code == 2
    assert "Missing option '--out'" in result.stderr


@pytest.mark.parametrize("command", ["build", "serve"])
def test_config_file_must_be_a_file(command, tmp_path: Path):
    result = run(command, "-f", str(tmp_path))
    assert result.exit_code == 2
    assert "is a directory" in result.stderr
