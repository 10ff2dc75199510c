"""The small exception tree. Every problem a contributor can cause is a ``ContentError``;
``Problem`` pins one to ``path:line:col`` and the field it concerns."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

#: Text output stays readable whatever the content holds (a 900 KB file name, 20,000 broken
#: files): a line longer than this is cut, and a report shows at most ``MAX_PER_FILE``
#: problems of one file and ``MAX_SHOWN`` in all, then counts the rest. The JSON and GitHub
#: formats of ``chronology validate`` keep every problem, whole.
MAX_LINE = 1_000
MAX_PER_FILE = 20
MAX_SHOWN = 200


class ChronologyError(Exception):
    """Base class: anything the command line reports as a message instead of a traceback."""


class ContentError(ChronologyError):
    """A single invalid value, before we know where it sits in which file."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located precisely.

    ``line`` and ``column`` are 1-based, like editors show them; 0 means "the whole file".
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = self.path if self.line == 0 else f"{self.path}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        label = "" if self.severity == "error" else " warning:"
        return shorten(_printable(f"{where}:{label}{field} {self.message}"))


def shorten(text: str, limit: int = MAX_LINE) -> str:
    """``text``, cut in the middle with '…' when it is longer than ``limit`` characters: the
    start says where the problem is, the end what to do about it."""
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    return text[:head] + "…" + text[len(text) - (limit - head - 1) :]


def _printable(text: str) -> str:
    """File names (and the ids read from them) come from contributors: a line break or an
    escape sequence in one would forge lines of output or drive the reader's terminal, so
    such characters are shown as Python escapes (``\\n``, ``\\x1b``)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def problem_lines(problems: Sequence[Problem]) -> list[str]:
    """The text report of sorted ``problems``: one line each, at most ``MAX_PER_FILE`` of a
    file and ``MAX_SHOWN`` in all, then one line counting the rest and where to see them."""
    lines: list[str] = []
    per_file: Counter[str] = Counter()
    left: list[Problem] = []
    for problem in problems:
        if len(lines) < MAX_SHOWN and per_file[problem.path] < MAX_PER_FILE:
            per_file[problem.path] += 1
            lines.append(str(problem))
        else:
            left.append(problem)
    if left:
        files = len({p.path for p in left})
        lines.append(
            f"… and {_count(len(left), 'more problem')} in {_count(files, 'file')}; "
            "run chronology validate --format json for all"
        )
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


class ValidationFailed(ChronologyError):
    """Raised once, after every file was checked, carrying all the problems found; its
    message is the bounded text report (``problem_lines``) and the count of errors."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        errors = sum(p.severity == "error" for p in self.problems)
        super().__init__(
            "\n".join(problem_lines(self.problems))
            + f"\n{_count(errors, 'error')} found; nothing was written."
        )
