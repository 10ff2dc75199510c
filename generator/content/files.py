"""Finding and reading content files safely: which files under content/ are records, which
are misplaced, and reading a file's bytes without following links or reading without end."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem
from .model import KINDS


def read_bytes(path: Path, limit: int) -> bytes | None:
    """The bytes of a file of at most ``limit`` bytes, else None (also when it cannot be
    read). Never through a symbolic link: one committed in a pull request and pointing at
    /dev/zero would be read until memory runs out, one pointing at ~/.ssh could be quoted."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(handle, "rb") as file:
            data = file.read(limit + 1)
    except OSError:  # missing, a link (ELOOP), a folder (EISDIR)
        return None
    return data if len(data) <= limit else None


def files_under(folder: Path) -> list[tuple[tuple[str, ...], Path]]:
    """Every file below ``folder`` as (path parts relative to it, path), in the order of
    ``sorted(folder.rglob("*"))``; one directory scan per folder instead of a stat per file."""
    found = []
    for current, folders, names in os.walk(folder):
        base = Path(current)
        relative = base.relative_to(folder).parts
        found.extend(((*relative, name), base / name) for name in names)
        # os.walk does not descend into linked folders; list them so they are reported
        # (content_files) rather than skipped without a word.
        found.extend(
            ((*relative, name), base / name) for name in folders if (base / name).is_symlink()
        )
    found.sort(key=lambda item: item[0])
    return found


def relative(path: Path, root: Path) -> str:
    """``path`` as shown in messages: relative to ``root`` with '/', or as given if outside."""
    text, prefix = str(path), str(root) + os.sep
    if text.startswith(prefix):  # the usual case, without pathlib's parsing
        return text[len(prefix) :].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def content_files(root: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """Every record file under ``root/content`` as (kind, path), and misplaced files."""
    content = root / "content"
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    if not content.is_dir():
        problems.append(
            Problem(
                relative(content, root),
                0,
                0,
                "",
                "folder not found; run chronology from the project folder",
            )
        )
        return found, problems
    for parts, path in files_under(content):
        if path.name.startswith("."):
            continue
        shown = relative(path, root)
        if path.is_symlink() and path.is_dir():
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "",
                    "is a symbolic link to a folder; content must be "
                    "ordinary files and folders (copy the records here instead of linking)",
                )
            )
        elif len(parts) != 2 or parts[0] not in KINDS:
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "",
                    "is not in one of the content folders "
                    f"({', '.join(f'content/{k}/' for k in KINDS)})",
                )
            )
        elif path.suffix == ".yml":
            problems.append(
                Problem(shown, 0, 0, "", "rename to .yaml (content files end in .yaml)")
            )
        elif path.suffix != ".yaml":
            problems.append(
                Problem(shown, 0, 0, "", "is not a .yaml file; content/ holds only YAML records")
            )
        else:
            found.append((parts[0], path))
    return found, problems
