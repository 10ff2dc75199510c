"""Finding and reading content files safely: which files under content/ are records, which
are misplaced (hidden files included), and reading a file's bytes and text (records, seeds)
without following links, opening pipes or devices, or reading without end."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import Problem
from .model import KINDS

#: What a path that is not a regular file is, as messages name it.
_KINDS_OF_FILE = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def not_a_file(mode: int) -> str | None:
    """What a path of ``mode`` (from ``lstat``) is when it is not a regular file ("a named
    pipe (FIFO)"), else None."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS_OF_FILE if test(mode)), "not a regular file")


class Unreadable(Exception):
    """Why a file was not read: ``reason`` is "missing", "link", "folder", "special" (a named
    pipe, socket or device: ``detail`` says which), "too large" (``detail``: its size), "not
    text" (``detail`` says why, at ``line`` and ``column``) or "error" (the system's words)."""

    def __init__(self, reason: str, detail: str = "", line: int = 0, column: int = 0):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail
        self.line = line
        self.column = column

    def message(self, limit: int, kind: str) -> str:
        """What is wrong, after the path, for a file of ``kind`` ("record" or "seed")."""
        files, copy, one = _WORDS[kind]
        if self.reason == "link":
            # A symbolic link committed in a pull request could point anywhere on the machine
            # that builds the site (~/.ssh, /proc/self/environ), and messages quote what they
            # read.
            return (
                f"is a symbolic link; {files} must be ordinary files (copy {copy} here "
                "instead of linking to it)"
            )
        if self.reason == "too large":
            return f"is {self.detail} bytes; {one} may be at most {limit:,} bytes"
        if self.reason == "special":
            return f"is {self.detail}, not a file; remove it"
        if self.reason == "folder":
            return f"is a folder; {files} must be ordinary files"
        if self.reason == "missing":
            return "not found; check the file name"
        if self.reason == "not text":
            return f"line {self.line}, column {self.column}: {self.detail}"
        return f"cannot be read: {self.detail}"


#: How messages name files of each kind: what they must be, what to copy instead of a link,
#: and one of them.
_WORDS = {
    "record": ("content files", "the record", "a record file"),
    "seed": ("seeds", "the article's text", "an article's text"),
}


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; raise ``Unreadable`` otherwise.

    Never through a symbolic link: one committed in a pull request and pointing at /dev/zero
    would be read until memory runs out, one pointing at ~/.ssh could be quoted. Never from a
    named pipe, socket or device: opening a pipe waits for a writer, forever. The kind is
    checked before opening (lstat), and again on the open file (O_NONBLOCK, so that a pipe
    swapped in between does not block the open; fstat), as the path may change in between.
    """
    try:
        kind = not_a_file(os.lstat(path).st_mode)
        if kind is None:
            handle = os.open(path, _READ_FLAGS)
            try:
                status = os.fstat(handle)
                kind = not_a_file(status.st_mode)
                if kind is None:
                    if status.st_size > limit:
                        raise Unreadable("too large", f"{status.st_size:,}")
                    return _read_at_most(handle, limit, status.st_size)
            finally:
                os.close(handle)
    except FileNotFoundError:
        raise Unreadable("missing") from None
    except OSError as exc:  # a link swapped in (ELOOP), no permission
        raise Unreadable("error", exc.strerror or str(exc)) from None
    if kind == "a symbolic link":
        raise Unreadable("link")
    if kind == "a folder":
        raise Unreadable("folder")
    raise Unreadable("special", kind)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _read_at_most(handle: int, limit: int, size: int) -> bytes:
    """Every byte to the end (os.read: no buffered file object, a third of the time per
    record), or ``Unreadable`` once there are more than ``limit``: the file may have grown
    since it measured ``size`` bytes."""
    chunks, total = [], 0
    while chunk := os.read(handle, min(limit + 1 - total, max(size + 1, 65536))):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise Unreadable("too large", f"more than {limit:,}")
    return b"".join(chunks)


def decode(raw: bytes) -> str:
    """UTF-8 text without NUL bytes (a leading byte-order mark dropped); raise ``Unreadable``
    ("not text") with the position of the first bad byte otherwise."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark is harmless; editors on Windows add it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        raise Unreadable("not text", message, line, column) from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        message = "contains a NUL byte; this is not a text file"
        raise Unreadable("not text", message, line, column)
    return text


def read_bytes(path: Path, limit: int) -> bytes | None:
    """``read_regular``, or None when it refuses the file."""
    try:
        return read_regular(path, limit)
    except Unreadable:
        return None


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
        shown = relative(path, root)
        message = _misplaced(parts, path)
        if message is None:
            found.append((parts[0], path))
        else:
            problems.append(Problem(shown, 0, 0, "", message))
    return found, problems


#: Hidden files are reported like any other stray file, OS litter (.DS_Store, ._x.yaml) too:
#: skipped without a word, a hidden record with broken YAML would look published and is not.
HIDDEN = (
    "is a hidden file (its name starts with '.'); content/ holds only records named "
    "<id>.yaml: delete it, or rename it if it is a record"
)


def _misplaced(parts: tuple[str, ...], path: Path) -> str | None:
    """Why the file at ``parts`` (under content/) is not a record file, or None if it is one.

    Only files that are not records are looked at on disk here (one lstat each); a record
    file's kind is checked when it is read (``read_regular``)."""
    if len(parts) != 2 or parts[0] not in KINDS or not path.name.endswith(".yaml"):
        try:
            kind = not_a_file(path.lstat().st_mode)
        except OSError:
            kind = None  # gone already: reported as what its name says
        if kind == "a symbolic link" and path.is_dir():
            return (
                "is a symbolic link to a folder; content must be ordinary files and folders "
                "(copy the records here instead of linking)"
            )
        if kind not in (None, "a symbolic link"):
            return f"is {kind}, not a file; remove it"
    if path.name.startswith("."):
        return HIDDEN
    if len(parts) != 2 or parts[0] not in KINDS:
        return f"is not in one of the content folders ({', '.join(f'content/{k}/' for k in KINDS)})"
    if path.suffix == ".yml":
        return "rename to .yaml (content files end in .yaml)"
    if path.suffix != ".yaml":
        return "is not a .yaml file; content/ holds only YAML records"
    return None


def located(file: Path) -> Path:
    """Where ``file`` lies, its folders' links resolved but not the file itself: a content file
    that is a link is refused as one, and a link to itself must not raise (RuntimeError in
    Python 3.11) before that."""
    try:
        return file.absolute().parent.resolve() / file.name
    except (OSError, RuntimeError):
        return Path(os.path.abspath(file))
