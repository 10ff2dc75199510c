"""Suggestions for a reference that names nothing: the nearest id, name or alias.

A contributor who writes ``actor: kataeb-hezbollah`` or ``actor: Kataeb Hezbollah`` means the
actor whose id is ``kataib-hezbollah`` and who is also written "Kataeb Hezbollah". One
``Suggester`` per kind of record is built once per validation run: exact matches on the
folded spelling of any id, name or alias are a dictionary look-up, and the slower similarity
search (difflib) runs only when there is no exact match, once per distinct misspelling.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

#: How similar a misspelt id must be to a real one to be suggested (difflib ratio).
ID_CUTOFF = 0.6
#: Text that is not even shaped like an id ("US Embassy") is suggested only on a close match,
#: so that a short word is not "corrected" into an unrelated longer name.
TEXT_CUTOFF = 0.8

_APOSTROPHES = str.maketrans("", "", "'’‘`ʼ")


def fold(text: str) -> str:
    """A spelling key: accents, case, apostrophes and punctuation removed, words joined by
    hyphens. ``Kata'eb Hezbollah`` and ``kataeb-hezbollah`` both give ``kataeb-hezbollah``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_APOSTROPHES).casefold()
    return re.sub(r"[^\w]+|_", "-", text).strip("-")


class Suggester:
    """Nearest-match look-up over the ids, names and aliases of one kind of record."""

    def __init__(self, records: Mapping[str, Any] | Iterable[str]):
        self.ids: list[str] = sorted(records)
        self._id_set = set(self.ids)
        #: folded name or alias -> (id, display name)
        self._names: dict[str, tuple[str, str]] = {}
        if isinstance(records, Mapping):
            for record_id, record in records.items():
                name = getattr(record, "name", None)
                spellings = [
                    name,
                    *getattr(record, "aliases", ()),
                    getattr(record, "name_ar", None),
                ]
                for spelling in spellings:
                    if spelling:
                        self._names.setdefault(fold(spelling), (record_id, name or record_id))
        self._name_keys = sorted(self._names)
        self._cache: dict[tuple[str, bool], str] = {}

    def hint(self, value: str, *, text: bool = False) -> str:
        """`` (did you mean 'id'?)``, `` (did you mean 'id' (Name)?)`` or ``""``.

        ``text`` marks a value that is not shaped like an id (capitals, spaces): only exact
        spellings and close matches are suggested for it.
        """
        key = (value, text)
        if key not in self._cache:
            self._cache[key] = self._hint(value, text)
        return self._cache[key]

    def _hint(self, value: str, text: bool) -> str:
        folded = fold(value)
        if folded in self._id_set and folded != value:
            return f" (did you mean {folded!r}?)"
        if folded in self._names:
            record_id, name = self._names[folded]
            return _with_name(record_id, name)
        cutoff = TEXT_CUTOFF if text else ID_CUTOFF
        match = difflib.get_close_matches(folded if text else value, self.ids, 1, cutoff)
        if match:
            return f" (did you mean {match[0]!r}?)"
        match = difflib.get_close_matches(folded, self._name_keys, 1, cutoff)
        if match:
            record_id, name = self._names[match[0]]
            return _with_name(record_id, name)
        return ""


def _with_name(record_id: str, name: str) -> str:
    # The name shows why the id is suggested for a spelling that looks nothing like it.
    return f" (did you mean {record_id!r} ({name})?)"
