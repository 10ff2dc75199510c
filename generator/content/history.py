"""When each content file last changed, from git history (one `git log` for the whole tree).

Outside a git checkout, or without git, nothing is known and pages say nothing: a build
must not invent a date (and must not use the clock: builds are reproducible).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def last_changed(root: Path) -> dict[str, str]:
    """{path relative to root ('content/events/x.yaml'): 'YYYY-MM-DD' of its last commit}."""
    if shutil.which("git") is None:
        return {}
    try:
        top = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
        log = subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "log",
                "--format=@%cs",
                "--name-only",
                "--no-renames",
                "--",
                "content",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    changed: dict[str, str] = {}
    day = ""
    for line in log.splitlines():
        if line.startswith("@"):
            day = line[1:]
        elif line and line.startswith(prefix):
            changed.setdefault(line[len(prefix) :], day)  # newest commit comes first
    return changed
