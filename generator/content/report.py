"""What `chronology validate` reports besides each problem's line (``Problem.__str__``): JSON
for editors and scripts, workflow commands and a job summary for GitHub Actions, and the
closing summary; and which of those go to which stream (``validate_output``); and which file
a FILE argument names (``given_file``)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import asdict
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

from ..errors import Problem, ValidationFailed, problem_lines, shorten
from .catalog import Catalog
from .words import plural

#: GitHub shows at most this many error annotations of one step, and as many warnings (and
#: 50 of a job); it drops the rest without a word. Only these are written as annotations: the
#: job summary holds every problem.
ANNOTATIONS_SHOWN = 10
#: GitHub refuses a whole step summary over 1 MiB; the table stops well short of it and says
#: how many problems it leaves out.
SUMMARY_BYTES = 1_000_000
#: The characters a backslash escapes in GitHub's Markdown (CommonMark: every ASCII
#: punctuation character): with all of them escaped, text from content cannot end a table
#: cell (``|``), open a code span, a link, an image, HTML, an entity or maths (``$``).
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def json_report(problems: list[Problem]) -> str:
    """{"problems": [{path, line, column, field, message, severity}], "errors", "warnings"}."""
    errors = sum(p.severity == "error" for p in problems)
    report = {
        "problems": [asdict(p) for p in problems],
        "errors": errors,
        "warnings": len(problems) - errors,
    }
    return json.dumps(report, ensure_ascii=False, indent=2)


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command: the problem shows on its line in the pull request."""

    def escape(text: str, *, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    where = f"file={escape(problem.path, prop=True)}"
    if problem.line:
        where += f",line={problem.line},col={problem.column}"
    if problem.field:
        where += f",title={escape(problem.field, prop=True)}"
    return f"::{problem.severity} {where}::{escape(problem.message)}"


def annotated(problems: Sequence[Problem]) -> list[Problem]:
    """The problems GitHub will show as annotations: the first ``ANNOTATIONS_SHOWN`` errors
    and the first ``ANNOTATIONS_SHOWN`` warnings, in order."""
    problems = sorted(problems)
    errors = [p for p in problems if p.severity == "error"][:ANNOTATIONS_SHOWN]
    warnings = [p for p in problems if p.severity != "error"][:ANNOTATIONS_SHOWN]
    chosen = set(errors + warnings)
    return [p for p in problems if p in chosen]


def markdown_text(text: str) -> str:
    """``text`` as inert Markdown on one line: every ASCII punctuation character escaped by a
    backslash, and line breaks and other unprintable characters shown as Python escapes."""
    out = []
    for char in text:
        if not char.isprintable():
            out.append(markdown_text(ascii(char)[1:-1]))
        elif char in _PUNCTUATION:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def blob_address(environ: Mapping[str, str]) -> str | None:
    """Where the checked commit's files are shown on GitHub (``…/blob/<sha>/``), from the
    variables every workflow run has; None outside one, or if they look wrong."""
    server = environ.get("GITHUB_SERVER_URL", "")
    repository = environ.get("GITHUB_REPOSITORY", "")
    sha = environ.get("GITHUB_SHA", "")
    if not (
        re.fullmatch(r"https://[A-Za-z0-9.-]+(:\d+)?", server)
        and re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository)
        and re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", sha)
    ):
        return None
    return f"{server}/{repository}/blob/{sha}/"


def _row(problem: Problem, first_of_file: bool, blobs: str | None) -> str:
    where = f"{problem.line}:{problem.column}" if problem.line else "whole file"
    if blobs and problem.line:  # the line on GitHub, one click away
        where = f"[{where}]({blobs}{quote(problem.path)}#L{problem.line})"
    what = f"{problem.field}: {problem.message}" if problem.field else problem.message
    cells = (
        markdown_text(shorten(problem.path, 300)) if first_of_file else "",
        where,
        "**error**" if problem.severity == "error" else "warning",
        markdown_text(shorten(what)),
    )
    return "| " + " | ".join(cells) + " |"


def _annotations_note(problems: Sequence[Problem]) -> str:
    """Which problems of the summary are also annotations, and where a reviewer sees them."""
    shown = annotated(problems)
    errors = sum(p.severity == "error" for p in shown)
    where = (
        "in the *Files changed* tab on their lines, for files the pull request changes, and "
        "in the *Annotations* list of the workflow run"
    )
    if len(shown) == len(problems):
        return f"Each is also an annotation: {where}."
    return (
        f"GitHub shows at most {ANNOTATIONS_SHOWN} errors and {ANNOTATIONS_SHOWN} warnings "
        f"of a step as annotations ({where}): the first {plural(errors, 'error')} and "
        f"{plural(len(shown) - errors, 'warning')} of this table are; the others are only "
        "here."
    )


def step_summary(problems: Sequence[Problem], passed: str, blobs: str | None = None) -> str:
    """The job summary of ``chronology validate --format github`` (Markdown): every problem
    in one table, grouped by file, and which of them are also annotations; or the line
    ``passed`` of a check that found nothing. ``blobs``: where GitHub shows the files
    (``blob_address``), to link each line."""
    errors = sum(p.severity == "error" for p in problems)
    if not problems:
        return f"### Content check: no problems\n\n{passed}\n"
    counts = f"{plural(errors, 'error')}, {plural(len(problems) - errors, 'warning')}"
    head = [
        f"### Content check: {counts}",
        "",
        f"{plural(len(problems), 'problem')} in "
        f"{plural(len({p.path for p in problems}), 'file')}, all in this table. "
        f"{_annotations_note(problems)} Run `chronology validate` for the same list on "
        "your computer.",
        "",
        "| File | Line | Severity | Problem |",
        "|---|---|---|---|",
    ]
    size = sum(len(line.encode()) + 1 for line in head)
    rows: list[str] = []
    for _, group in groupby(sorted(problems), key=lambda p: p.path):
        for index, problem in enumerate(group):
            row = _row(problem, index == 0, blobs)
            size += len(row.encode()) + 1
            if size > SUMMARY_BYTES:
                left = len(problems) - len(rows)
                tail = (
                    f"\n{plural(left, 'more problem')} not listed: a job summary holds at "
                    "most 1 MiB. Run `chronology validate` to see them."
                )
                return "\n".join([*head, *rows, tail]) + "\n"
            rows.append(row)
    return "\n".join([*head, *rows]) + "\n"


def write_step_summary(text: str, path: str) -> str | None:
    """Append ``text`` to the job summary file GitHub named; a message saying why it could
    not be written, or None."""
    try:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(text)
    except OSError as exc:
        return f"::warning::the job summary could not be written to {path}: {exc.strerror}"
    return None


def passed(catalog: Catalog, files: int, warnings: int) -> str:
    """The line a check without errors ends with: what was checked and what was found."""
    outcome = f"no errors, {plural(warnings, 'warning')}" if warnings else "no problems"
    if files:
        return f"OK: {plural(files, 'file')} checked; {outcome}."
    counts = (
        plural(len(catalog.events), "event"),
        plural(len(catalog.actors), "actor"),
        plural(len(catalog.locations), "location"),
        plural(len(catalog.sources), "source"),
    )
    return f"OK: {', '.join(counts)}; {outcome}."


def validate_output(
    catalog: Catalog, problems: list[Problem], files: int, output: str
) -> tuple[list[tuple[str, bool]], int]:
    """What ``chronology validate --format output`` prints, as (text, to stderr) in order, and
    its exit code. The text format is bounded (``errors.problem_lines``); json keeps every
    problem. github prints the annotations GitHub shows (``annotated``) and, in a workflow
    (``$GITHUB_STEP_SUMMARY`` set), writes every problem to the job summary."""
    errors = sum(p.severity == "error" for p in problems)
    if output == "json":
        return [(json_report(problems), False)], 1 if errors else 0
    shown: list[tuple[str, bool]] = []
    if output == "github":
        shown = [(github_annotation(p), False) for p in annotated(problems)]
        if summary := os.environ.get("GITHUB_STEP_SUMMARY"):
            text = step_summary(problems, passed(catalog, files, 0), blob_address(os.environ))
            failed = write_step_summary(text, summary)
            shown += [(failed, False)] if failed else []
    if errors:
        return [*shown, (str(ValidationFailed(problems)), True)], 1
    if problems:
        shown.append(("\n".join(problem_lines(problems)), True))
    return [*shown, (passed(catalog, files, len(problems)), False)], 0


def given_file(file: Path, root: Path) -> Path:
    """FILE as the user meant it: from the current folder, else from ``root`` (--root); the
    first that exists, or else the first under root/content/, so that a misspelt name given
    from inside content/events/ is "not found", not "not under content/"."""
    tried = [file] if file.is_absolute() else [file, root / file]
    content = root.resolve() / "content"
    for fits in (os.path.lexists, lambda path: Path(path).resolve().is_relative_to(content)):
        for path in tried:
            with suppress(OSError, RuntimeError):  # a loop of links (RuntimeError in 3.11)
                if fits(path):
                    return path
    return tried[-1]
