"""Suggestions for a reference that names nothing (the nearest id, name or alias) and for a
term not in its controlled list (the term it is a synonym of, or the nearest spelling).

A contributor who writes ``actor: kataeb-hezbollah`` or ``actor: Kataeb Hezbollah`` means the
actor whose id is ``kataib-hezbollah`` and who is also written "Kataeb Hezbollah". One
``Suggester`` per kind of record is built once per validation run: exact matches on the
folded spelling of any id, name or alias are a dictionary look-up, and the slower similarity
search (difflib) runs only when there is no exact match, once per distinct misspelling.

That search compares a misspelling with at most ``MAX_COMPARED`` spellings, those sharing the
most character pairs and triples with it (an index built once), never with all of them: 1,000
misspelt ids among 20,000 actors would otherwise cost 20 million comparisons, minutes of
validation.
"""

from __future__ import annotations

import difflib
import heapq
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from .vocabulary import SYNONYMS

#: How similar a misspelt id must be to a real one to be suggested (difflib ratio).
ID_CUTOFF = 0.6
#: Text that is not even shaped like an id ("US Embassy") is suggested only on a close match,
#: so that a short word is not "corrected" into an unrelated longer name.
TEXT_CUTOFF = 0.8

#: Spellings compared with difflib per misspelling: those that share the most character pairs
#: and triples with it. An ordinary typo keeps most of those of the word it misspells, so that
#: word is among the first few; difflib then picks among them as it would among all.
MAX_COMPARED = 20
#: Index entries read per misspelling, rarest first: a pair or triple that thousands of ids
#: share ("202" in every event id) tells them apart no better than it costs to count.
MAX_POSTINGS = 5_000

#: Apostrophes, and the half rings and modifier letters that transliterate ayn and hamza.
_APOSTROPHES = str.maketrans("", "", "'’‘`ʼʻʿʾ")
#: Arabic letters written in more than one way in names: alef wasla becomes a bare alef (alef
#: with hamza or madda already decomposes to one), ta marbuta ha, alef maqsura ya; tatweel,
#: only a stretch of the line, goes. Harakat are combining marks and go with the accents.
_ARABIC = str.maketrans({"ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None})


def fold(text: str) -> str:
    """A spelling key: accents, harakat, case, apostrophes and punctuation removed, Arabic
    letter variants made one, words joined by hyphens. ``Kata'eb Hezbollah`` and
    ``kataeb-hezbollah`` both give ``kataeb-hezbollah``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_APOSTROPHES).translate(_ARABIC).casefold()
    return re.sub(r"[^\w]+|_", "-", text).strip("-")


#: The Arabic definite article, written joined to its word ("الأسد"); a word of three
#: letters or more must remain ("الله" stays whole).
_ARABIC_ARTICLE = re.compile(r"^ال(?=\w{3})")


def name_key(text: str) -> str:
    """Two names with one key are the same name spelt differently: ``fold``, then the
    definite articles, which names carry or drop at will, left out: "al-" and "el-" as a word
    of their own ("Ain al-Asad", "Ain el Asad", "ʿAyn Asad" are one name; "Alamo" keeps its
    letters) and "ال" joined to an Arabic word."""
    words = (_ARABIC_ARTICLE.sub("", word) for word in fold(text).split("-"))
    return "-".join(word for word in words if word not in ("al", "el")) or fold(text)


def _grams(word: str) -> set[str]:
    """The word's character pairs and triples, its ends marked: triples tell words apart,
    pairs still link a short word to its typo ("iran", "ianh": no triple in common)."""
    padded = f"\x02{word}\x03"
    pairs = {padded[i : i + 2] for i in range(len(padded) - 1)}
    return pairs | {padded[i : i + 3] for i in range(len(padded) - 2)}


class _Nearest:
    """difflib's closest match among ``words``, compared with the likeliest few only."""

    def __init__(self, words: list[str]):
        self.words = words
        self._sizes: list[int] = []
        self._postings: dict[str, list[int]] = defaultdict(list)

    def _index(self) -> None:
        """Built on the first search: most runs search nothing, or among few words."""
        for index, word in enumerate(self.words):
            grams = _grams(word)
            self._sizes.append(len(grams))
            for gram in grams:
                self._postings[gram].append(index)

    def candidates(self, word: str) -> list[str]:
        """The words most alike ``word`` by shared pairs and triples (Dice coefficient), at most
        ``MAX_COMPARED``; all of them when there are no more."""
        if len(self.words) <= MAX_COMPARED:
            return self.words
        if not self._sizes:
            self._index()
        grams = _grams(word)
        postings = sorted((self._postings[g] for g in grams if g in self._postings), key=len)
        shared: Counter[int] = Counter()
        budget = MAX_POSTINGS
        for posting in postings:
            if budget <= 0:
                break
            shared.update(posting[:budget])
            budget -= len(posting)
        sizes, size = self._sizes, len(grams)
        best = heapq.nlargest(
            MAX_COMPARED, shared.items(), key=lambda item: item[1] / (sizes[item[0]] + size)
        )
        return [self.words[index] for index, _ in best]

    def closest(self, word: str, cutoff: float) -> str | None:
        match = difflib.get_close_matches(word, self.candidates(word), 1, cutoff)
        return match[0] if match else None


def term_for(value: str, terms: Collection[str]) -> str | None:
    """The term of a controlled list (``terms``) that ``value`` most likely means: itself
    written otherwise ("Rocket attack"), a synonym's (``vocabulary.SYNONYMS``: "militia" ->
    "armed-group"), or the closest spelling ("armed-groupp")."""
    if len(value) > 200:
        return None  # no term is this long, and difflib's time grows with it
    folded = fold(value)
    for word in (folded, folded.removesuffix("s")):
        if word in terms:
            return word
        for term in SYNONYMS.get(word, ()):
            if term in terms:
                return term
    match = difflib.get_close_matches(value, list(terms), n=1, cutoff=ID_CUTOFF)
    return match[0] if match else None


def term_hint(value: str, terms: Collection[str]) -> str:
    """`` (did you mean 'term'?)`` or ``""``, after ``term_for``."""
    term = term_for(value, terms)
    return f" (did you mean {term!r}?)" if term and term != value else ""


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
        self._nearest_id = _Nearest(self.ids)
        self._nearest_name = _Nearest(sorted(self._names))
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
        match = self._nearest_id.closest(folded if text else value, cutoff)
        if match:
            return f" (did you mean {match!r}?)"
        match = self._nearest_name.closest(folded, cutoff)
        if match:
            record_id, name = self._names[match]
            return _with_name(record_id, name)
        return ""


def _with_name(record_id: str, name: str) -> str:
    # The name shows why the id is suggested for a spelling that looks nothing like it.
    return f" (did you mean {record_id!r} ({name})?)"
