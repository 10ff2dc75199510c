"""What `chronology validate` reports besides each problem's line (``Problem.__str__``): JSON
for editors and scripts, workflow commands for GitHub Actions, and the closing summary; and
which of those go to which stream (``validate_output``); and which file a FILE argument
names (``given_file``)."""

from __future__ import annotations

import json
import os
from contextlib import suppress
from dataclasses import asdict
from pathlib import Path

from ..errors import Problem, ValidationFailed, problem_lines
from .catalog import Catalog
from .words import plural


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
    its exit code. The text format is bounded (``errors.problem_lines``); json and github keep
    every problem (GitHub itself shows only the first ten annotations of a step)."""
    errors = sum(p.severity == "error" for p in problems)
    if output == "json":
        return [(json_report(problems), False)], 1 if errors else 0
    shown = [(github_annotation(p), False) for p in problems] if output == "github" else []
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
