"""Ids and file names made from text: the one slug rule of the project (record ids that
``chronology new`` proposes, synthetic ids, the offline bundle's name)."""

from __future__ import annotations

import re
import unicodedata

#: Words an id does not end on: a title cut after them ("…-killing-a", "…-strike-near")
#: says less than one cut before them. Articles do not begin one either.
STOP_WORDS = frozenset(
    "a an the of in at on and or to for by from with near after before amid over into "
    "against between during as its his her their is are was were be been that this who "
    "which while than".split()
)
ARTICLES = frozenset({"a", "an", "the"})


def _words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.findall(r"[a-z0-9]+", re.sub(r"['’‘`]", "", plain))


def _cut(words: list[str], limit: int) -> list[str]:
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > limit:
            break
        kept.append(word)
    return kept


def slug(text: str, limit: int | None = None) -> str:
    """Lower-case ASCII words joined by hyphens, accents dropped and apostrophes removed
    ('Sadr’s' -> 'sadrs'), cut at a word boundary to at most ``limit`` characters:
    'US–Militia Confrontation in Iraq, 2019–2021' -> 'us-militia-confrontation-in-iraq-2019-2021'.
    """
    words = _words(text)
    return "-".join(words if limit is None else _cut(words, limit))


#: Where a title's clauses end.
_CLAUSE_END = re.compile(r"[,;:]")


def title_slug(text: str, limit: int) -> str:
    """The words of a title that say what happened, as an id part of at most ``limit``
    characters, never cut mid-word and without a leading article or trailing stop words.
    A title too long for it is cut after its last whole clause that fits, when that keeps
    half of ``limit`` or more, else after its last word that fits (limit 48):

    'Rocket hits a house near the Green Zone in Baghdad, killing a child'
    -> 'rocket-hits-a-house-near-the-green-zone' (not '…-green-zone-in');
    'Drone attack on Erbil airport, the second this month, damages a hangar'
    -> 'drone-attack-on-erbil-airport'.
    """
    words: list[str] = []
    clause_ends: set[int] = set()  # how many words there are at the end of each clause
    for clause in _CLAUSE_END.split(text):
        words += _words(clause)
        clause_ends.add(len(words))
    leading = 0
    while leading < len(words) and words[leading] in ARTICLES:
        leading += 1
    words = words[leading:]
    kept = _cut(words, limit)
    if len(kept) < len(words):
        whole = [n - leading for n in clause_ends if 0 < n - leading <= len(kept)]
        if whole and len("-".join(words[: max(whole)])) >= limit / 2:
            kept = words[: max(whole)]
    while kept and kept[-1] in STOP_WORDS:
        kept.pop()
    return "-".join(kept)
