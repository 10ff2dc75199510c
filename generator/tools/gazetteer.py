"""Known actors and places found in an article's sentences by any of the catalog's names and
aliases, so that ``chronology extract`` drafts ids, not names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..content.model import Actor, Location

#: Characters that differ between the catalog's spellings and the article's, mapped one to one
#: so that positions in the normalised text are positions in the original.
_SAME_LENGTH = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "\u00a0": " "})


@dataclass(frozen=True)
class Mention:
    kind: str  # "actor" or "location"
    id: str
    phrase: str
    start: int


class Gazetteer:
    """Finds known actors and places by any name or alias: case-insensitive, whole words,
    longest spelling first; spellings in capitals (US, PMF) must match in capitals, so that
    "us" the pronoun is not the United States."""

    def __init__(self, actors: Mapping[str, Actor], locations: Mapping[str, Location]):
        self._patterns = {
            "actor": self._compile(actors),
            "location": self._compile(locations),
        }

    @staticmethod
    def _compile(records: Mapping[str, Actor] | Mapping[str, Location]):
        spellings: dict[str, str] = {}
        for record_id, record in records.items():
            for spelling in (record.name, *record.aliases):
                key = " ".join(spelling.translate(_SAME_LENGTH).split())
                spellings.setdefault(key, record_id)
        parts = []
        for spelling in sorted(spellings, key=lambda s: (-len(s), s)):
            escaped = r"\s+".join(re.escape(word) for word in spelling.split())
            letters = [c for c in spelling if c.isalpha()]
            exact = len(letters) > 1 and all(c.isupper() for c in letters)
            parts.append(escaped if exact else f"(?i:{escaped})")
        if not parts:
            return None, {}
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
        lookup = {key.casefold(): record_id for key, record_id in spellings.items()}
        return pattern, lookup

    def find(self, sentence: str) -> list[Mention]:
        text = sentence.translate(_SAME_LENGTH)
        found = []
        for kind, (pattern, lookup) in self._patterns.items():
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                key = " ".join(match.group(0).split()).casefold()
                found.append(
                    Mention(kind, lookup[key], sentence[match.start() : match.end()], match.start())
                )
        return sorted(found, key=lambda m: (m.start, m.kind))
