"""The small exception tree. Every problem a contributor can cause is a ``ContentError``;
``Problem`` pins one to ``path:line:col`` and the field it concerns."""

from __future__ import annotations

from dataclasses import dataclass


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
        return _printable(f"{where}:{label}{field} {self.message}")


def _printable(text: str) -> str:
    """File names (and the ids read from them) come from contributors: a line break or an
    escape sequence in one would forge lines of output or drive the reader's terminal, so
    such characters are shown as Python escapes (``\\n``, ``\\x1b``)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


class ValidationFailed(ChronologyError):
    """Raised once, after every file was checked, carrying all the problems found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(
            "\n".join(str(p) for p in self.problems)
            + f"\n{len(errors)} error{'s' if len(errors) != 1 else ''} found; nothing was written."
        )
