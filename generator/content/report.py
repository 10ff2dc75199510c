"""What `chronology validate` reports besides each problem's line (``Problem.__str__``): JSON
for editors and scripts, workflow commands for GitHub Actions, and the closing summary."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..errors import Problem
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
