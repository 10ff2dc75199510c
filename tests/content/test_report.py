"""``chronology validate --format github`` in a pull request: the annotations GitHub shows
(at most 10 errors and 10 warnings of a step) and the job summary that holds every problem.

The summary is rendered here as GitHub renders Markdown (CommonMark with GFM tables:
markdown-it-py, pinned in the lock) and read back with an HTML parser: every cell must read
exactly the text of the problem, whatever characters the content put in it.
"""

from __future__ import annotations

import json

import html5lib
from click.testing import CliRunner
from conftest import write
from markdown_it import MarkdownIt

from generator.cli import main
from generator.content.report import (
    ANNOTATIONS_SHOWN,
    SUMMARY_BYTES,
    annotated,
    blob_address,
    markdown_text,
    step_summary,
)
from generator.errors import Problem

HOSTILE = "<img src=x onerror=alert(1)>|`c`[l](https://e.org)$x$**b**&amp;\\"
XHTML = "{http://www.w3.org/1999/xhtml}"
#: What GitHub sets in every workflow run: the summary links each line to the file.
SHA = "0123456789abcdef0123456789abcdef01234567"
WORKFLOW = {
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "owner/chronology",
    "GITHUB_SHA": SHA,
}


def render(markdown: str):
    """The summary as GitHub shows it: the HTML of its Markdown, parsed."""
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    return html5lib.parse(html)


def table_rows(markdown: str) -> list[list[str]]:
    """The text of every cell of the summary's table, row by row (the header first)."""
    document = render(markdown)
    rows = document.iter(f"{XHTML}tr")
    return [["".join(cell.itertext()) for cell in row] for row in rows]


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def twenty_six_problems(project) -> None:
    """A pull request with 26 errors: 24 misspelt kinds, one kind made of markup, one file
    that is not YAML."""
    for n in range(24):
        write(project, f"content/actors/bad-{n:02}.yaml", f"id: bad-{n:02}\nname: B\nkind: x{n}\n")
    write(project, "content/actors/hostile.yaml", f"id: hostile\nname: H\nkind: '{HOSTILE}'\n")
    write(project, "content/actors/extra.yml", "id: extra\n")


def test_a_26_problem_pull_request_puts_all_26_in_the_job_summary(project, tmp_path):
    twenty_six_problems(project)
    summary = tmp_path / "step-summary.md"
    summary.write_text("Earlier output of the step.\n", encoding="utf-8")
    # Outside a workflow run (tests may run inside one): no links to GitHub.
    env = dict.fromkeys(WORKFLOW) | {"GITHUB_STEP_SUMMARY": str(summary)}
    result = run("validate", "--root", str(project), "--format", "github", env=env)
    assert result.exit_code == 1
    every = json.loads(run("validate", "--root", str(project), "--format", "json").stdout)
    problems = [Problem(**p) for p in every["problems"]]
    assert len(problems) == every["errors"] == 26

    # The annotations: the first ten errors only, since GitHub would drop the others.
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == ANNOTATIONS_SHOWN
    assert all(line.startswith("::error file=content/actors/") for line in annotations)
    assert result.stderr.splitlines()[-1] == "26 errors found; nothing was written."

    text = summary.read_text(encoding="utf-8")
    assert text.startswith("Earlier output of the step.\n### Content check: 26 errors, ")
    assert (
        "26 problems in 26 files, all in this table. GitHub shows at most 10 errors and 10 "
        "warnings of a step as annotations (in the *Files changed* tab on their lines, for files "
        "the pull request changes, and in the *Annotations* list of the workflow run): the first "
        "10 errors and 0 warnings of this table are; the others are only here."
    ) in text
    header, *rows = table_rows(text)
    assert header == ["File", "Line", "Severity", "Problem"]
    expected = [
        [p.path, f"{p.line}:{p.column}" if p.line else "whole file", p.severity]
        + [f"{p.field}: {p.message}" if p.field else p.message]
        for p in sorted(problems)
    ]
    assert rows == expected  # one file a row here: each file has one problem
    hostile = next(row for row in rows if row[0] == "content/actors/hostile.yaml")
    assert HOSTILE in hostile[3]
    # Nothing from the content became markup: a cell holds text, or the word error in bold.
    for cell in render(text).iter(f"{XHTML}td"):
        inside = [(e.tag.removeprefix(XHTML), "".join(e.itertext())) for e in cell.iter()]
        assert inside[1:] in ([], [("strong", "error")]), inside


def test_without_a_workflow_nothing_is_written(project, tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    twenty_six_problems(project)
    result = run("validate", "--root", str(project), "--format", "github")
    assert result.exit_code == 1
    assert list((tmp_path / "cwd").iterdir()) == []


def test_a_clean_check_says_so_in_the_summary(project, tmp_path):
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    result = run("validate", "--root", str(project), "--format", "github", env=env)
    assert result.exit_code == 0
    assert summary.read_text(encoding="utf-8") == (
        f"### Content check: no problems\n\n{result.stdout.strip()}\n"
    )
    assert result.stdout.startswith("OK: ")


def test_a_summary_that_cannot_be_written_is_a_warning_not_a_traceback(project, tmp_path):
    env = {"GITHUB_STEP_SUMMARY": str(tmp_path / "missing" / "summary.md")}
    result = run("validate", "--root", str(project), "--format", "github", env=env)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        f"::warning::the job summary could not be written to {tmp_path}/missing/summary.md: "
        "No such file or directory"
    )


def problem(path: str, line: int, severity: str = "error", message: str = "bad") -> Problem:
    return Problem(path, line, 1, "f", message, severity)


def test_the_first_ten_errors_and_the_first_ten_warnings_are_annotated():
    problems = sorted(
        [problem("content/events/a.yaml", n, "warning") for n in range(1, 14)]
        + [problem("content/events/b.yaml", n) for n in range(1, 14)]
    )
    shown = annotated(problems)
    assert shown == problems[:10] + problems[13:23]
    text = step_summary(problems, "OK")
    assert "### Content check: 13 errors, 13 warnings\n" in text
    assert "the first 10 errors and 10 warnings of this table are" in text


def test_rows_are_grouped_by_file():
    problems = [
        problem("content/events/b.yaml", 3),
        problem("content/events/a.yaml", 9, "warning"),
        problem("content/events/a.yaml", 0),
        problem("content/events/b.yaml", 1),
    ]
    header, *rows = table_rows(step_summary(problems, "OK"))
    assert rows == [
        ["content/events/a.yaml", "whole file", "error", "f: bad"],
        ["", "9:1", "warning", "f: bad"],
        ["content/events/b.yaml", "1:1", "error", "f: bad"],
        ["", "3:1", "error", "f: bad"],
    ]
    text = step_summary(problems[:2], "OK")
    assert "Each is also an annotation: in the *Files changed* tab" in text


def test_a_summary_stops_short_of_githubs_limit_and_counts_the_rest():
    problems = [problem(f"content/events/e{n:05}.yaml", 1, message="x" * 900) for n in range(2000)]
    text = step_summary(problems, "OK")
    assert len(text.encode()) <= SUMMARY_BYTES
    listed = len(table_rows(text)) - 1
    assert 900 < listed < 2000
    assert text.endswith(
        f"\n{2000 - listed} more problems not listed: a job summary holds at most 1 MiB. "
        "Run `chronology validate` to see them.\n"
    )


def test_markdown_text_reads_back_as_the_same_text():
    unchanged = (HOSTILE, "\\|", "1. item", "# title", "- [ ] box", "~~s~~", "<!-- c -->", "a_b_")
    for text in unchanged:
        assert table_rows(f"| x |\n|---|\n| {markdown_text(text)} |\n")[1] == [text]
    # Line breaks and control characters cannot break the row: they read as escapes.
    cell = markdown_text("a\nb\tc\x1b[31m")
    shown = table_rows(f"| x |\n|---|\n| {cell} |\n")[1]
    assert shown == ["a\\nb\\tc\\x1b[31m"]


def test_in_a_workflow_each_line_links_to_the_file_on_github():
    blobs = blob_address(WORKFLOW)
    assert blobs == f"https://github.com/owner/chronology/blob/{SHA}/"
    problems = [problem("content/events/a b(1)].yaml", 3), problem("content/events/c.yaml", 0)]
    document = render(step_summary(problems, "OK", blobs))
    links = [(a.get("href"), "".join(a.itertext())) for a in document.iter(f"{XHTML}a")]
    assert links == [(f"{blobs}content/events/a%20b%281%29%5D.yaml#L3", "3:1")]
    header, *rows = table_rows(step_summary(problems, "OK", blobs))
    assert rows[0][:2] == ["content/events/a b(1)].yaml", "3:1"]
    assert rows[1][:2] == ["content/events/c.yaml", "whole file"]  # no line to link


def test_links_only_from_the_variables_github_sets():
    assert blob_address({}) is None
    for name, value in (
        ("GITHUB_SERVER_URL", "javascript:alert(1)//"),
        ("GITHUB_SERVER_URL", "http://github.com"),
        ("GITHUB_REPOSITORY", "owner/repo)[x](y"),
        ("GITHUB_SHA", "main"),
    ):
        assert blob_address(WORKFLOW | {name: value}) is None, (name, value)


def test_the_workflow_summary_links_each_line(project, tmp_path):
    twenty_six_problems(project)
    summary = tmp_path / "summary.md"
    env = WORKFLOW | {"GITHUB_STEP_SUMMARY": str(summary)}
    run("validate", "--root", str(project), "--format", "github", env=env)
    document = render(summary.read_text(encoding="utf-8"))
    hrefs = [a.get("href") for a in document.iter(f"{XHTML}a")]
    assert len(hrefs) == 25  # every problem with a line; extra.yml's is the whole file
    assert f"https://github.com/owner/chronology/blob/{SHA}/content/actors/bad-00.yaml#L3" in hrefs
