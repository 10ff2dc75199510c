"""When each content file was first added and last changed, from git history: one ``git log``
over the whole tree, never a process per file.

Pages show the day a record last changed; the Atom feed and the calendar give each entry the
time it was first published (added) and last corrected, so subscribers see new and changed
records however old the events they tell of.

Outside a git checkout, or without git, nothing is known: pages say nothing and the feed and
the calendar fall back to the events' own dates (docs/data.md says so). A build must not
invent a date, nor use the clock (builds are reproducible). In a shallow clone the commits at
the cut-off list every file as added: a time taken from one of them is not known either.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Changes:
    """One file's history: committer times, with the committer's UTC offset."""

    added: datetime | None
    """When the file as it is now was added (its latest addition, should it have been deleted
    and added again); None when the history does not reach it (a shallow clone)."""
    changed: datetime | None
    """When it last changed; None when the history does not reach it."""


@dataclass(frozen=True)
class History:
    """What git says about the content files, by path relative to the content root
    ('content/events/x.yaml')."""

    files: dict[str, Changes] = field(default_factory=dict)
    unknown: str | None = None
    """Why nothing is known ('not a git checkout', …), or None when the history was read."""

    def get(self, path: str) -> Changes | None:
        return self.files.get(path)

    def last_changed_days(self) -> dict[str, str]:
        """{path: 'YYYY-MM-DD'}: the day of each file's last commit, as its committer dated it."""
        return {
            path: changes.changed.date().isoformat()
            for path, changes in self.files.items()
            if changes.changed is not None
        }


def _git(root: Path, *args: str, timeout: int = 30) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=timeout,
    ).stdout


def file_history(root: Path | str) -> History:
    """The history of every file under ``root``/content, from one ``git log`` pass."""
    root = Path(root)
    if shutil.which("git") is None:
        return History(unknown="git is not installed")
    try:
        top, shallow, shallow_file = _git(
            root, "rev-parse", "--show-toplevel", "--is-shallow-repository", "--git-path", "shallow"
        ).splitlines()[:3]
        log = _git(
            root,
            "log",
            "--format=@%H %cI",
            "--name-status",
            "--no-renames",
            "--",
            "content",
            timeout=120,
        )
    except (OSError, ValueError, subprocess.SubprocessError):
        return History(unknown=f"{root} is not a git checkout")
    cut_off: set[str] = set()
    if shallow == "true":
        path = Path(shallow_file) if Path(shallow_file).is_absolute() else root / shallow_file
        cut_off = set(path.read_text(encoding="ascii").split()) if path.is_file() else set()
    prefix = root.resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    return History(files=_parse_log(log, prefix, cut_off))


def _parse_log(log: str, prefix: str, cut_off: set[str]) -> dict[str, Changes]:
    """Newest commit first: a file's first line gives its last change; the first addition
    ('A') met, its latest addition."""
    changed: dict[str, datetime | None] = {}
    added: dict[str, datetime | None] = {}
    when: datetime | None = None
    for line in log.splitlines():
        if line.startswith("@"):
            commit, _, stamp = line[1:].partition(" ")
            when = None if commit in cut_off else datetime.fromisoformat(stamp)
        elif line:
            status, _, name = line.partition("\t")
            if not name.startswith(prefix):
                continue
            path = name[len(prefix) :]
            changed.setdefault(path, when)
            if status == "A":
                added.setdefault(path, when)
    return {path: Changes(added=added.get(path), changed=last) for path, last in changed.items()}


def last_changed(root: Path | str) -> dict[str, str]:
    """{path relative to root ('content/events/x.yaml'): 'YYYY-MM-DD' of its last commit}."""
    return file_history(root).last_changed_days()
