"""Ids and file names made from text: the one slug rule of the project (record ids that
``chronology new`` proposes, synthetic ids, the offline bundle's name)."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str, limit: int | None = None) -> str:
    """Lower-case ASCII words joined by hyphens, accents dropped and apostrophes removed
    ('Sadr’s' -> 'sadrs'), cut at a word boundary to at most ``limit`` characters:
    'US–Militia Confrontation in Iraq, 2019–2021' -> 'us-militia-confrontation-in-iraq-2019-2021'.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’‘`]", "", plain))
    if limit is None:
        return "-".join(words)
    kept = ""
    for word in words:
        longer = f"{kept}-{word}" if kept else word
        if len(longer) > limit:
            break
        kept = longer
    return kept
