"""Records kept between loads by a long-lived process (``chronology serve``), so that an edit
to one file re-reads that file only."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .load import Document
from .model import Strict
from .quotes import QuoteMemo


class RecordCache:
    """Records already read and validated, for a process that loads the same content again
    and again (``chronology serve``): a file whose size, times, inode and mode have not changed
    since is not read again. Only records that passed every check of their own are kept; the
    checks across files (references, duplicates, quotes) run on every load, a quote already
    found in an unchanged stored article excepted (``quotes``)."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, ...], Document, Strict]] = {}
        self.quotes = QuoteMemo(keep=True)

    @staticmethod
    def signature(path: Path) -> tuple[int, ...] | None:
        try:
            st = os.lstat(path)  # lstat: a file replaced by a link is read (and refused) again
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_mode)

    def get(self, path: Path, signature: tuple[int, ...] | None) -> tuple[Document, Strict] | None:
        entry = self._entries.get(path)
        if signature is None or entry is None or entry[0] != signature:
            return None
        return entry[1], entry[2]

    def put(
        self, path: Path, signature: tuple[int, ...] | None, doc: Document, record: Strict
    ) -> None:
        if signature is not None:
            self._entries[path] = (signature, doc, record)

    def retain(self, paths: Iterable[Path]) -> None:
        """Forget the files that are gone."""
        keep = set(paths)
        self._entries = {p: e for p, e in self._entries.items() if p in keep}
