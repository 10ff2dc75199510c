"""Quotes are the source's own words: each '...'-separated part found, in order, in the
article text stored in ``seeds/``; when one is not, say what differs.

A failed part is looked for verbatim in the other stored articles (the ones the record cites
first): quoting the wrong one of two articles is the common slip, and the fix is to cite the
other. Otherwise the message shows the closest passage of the article with the first word
that differs marked ``[the quote's → the article's]``. The passage is found by votes, not by
aligning the whole article: each rare quote word's occurrences in the article vote for where
the quote would start, and only a window around the winner is aligned (difflib), so a 10 KB
article costs a dictionary lookup per quote word, not a quadratic alignment. All of this runs
only for a quote that failed; a quote that is found costs one ``str.find`` per part.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .files import Unreadable, decode, read_regular
from .text import ELLIPSIS, shorten

if TYPE_CHECKING:
    from .checks import Checker
    from .load import Document
    from .model import Source

#: Characters trimmed from both ends of each quote part (a quote may end mid-sentence).
_TRIM = " .,;:\"'"
#: Words of the article shown on each side of the first difference.
CONTEXT_WORDS = 4
#: Longer differences are cut with "…" (a quote can differ from the article entirely).
MARKED_CHARS = 60
#: A word found more often than this in the article does not vote (the, of, in...), unless
#: the quote has no rarer word.
_COMMON = 30


def normalise_quote_text(text: str) -> str:
    """Text as quotes are compared: spacing, case and straight/curly quote marks ignored."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(
        str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
    )
    return re.sub(r"\s+", " ", text).strip().casefold()


class QuoteMemo:
    """The stored articles' texts as quotes are compared and the quotes found in them, which
    ``chronology serve`` keeps from one load to the next (content/cache.py): an article whose
    file has the same size, times, inode and mode is not read and normalised again, and a
    quote found in the very same text (the same object) is not looked for again. Without
    ``keep``, everything is read and checked on every load."""

    def __init__(self, keep: bool = False) -> None:
        self.keep = keep
        self._texts: dict[Path, tuple[tuple[int, ...], str]] = {}
        self._found: dict[tuple[str, str], str] = {}
        #: This load's found quotes: (quote, seed name) -> the text they were found in.
        self.found: dict[tuple[str, str], str] = {}

    def begin(self) -> QuoteMemo:
        """A new load: only the last load's found quotes are kept."""
        self._found, self.found = self.found, {}
        return self

    def text(self, path: Path, limit: int) -> str | None:
        """The file's text as quotes are compared, or None when it cannot be used."""
        try:
            st = os.lstat(path)  # before reading: a change while reading is seen next time
            signature = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_mode)
        except OSError:
            signature = None
        kept = self._texts.get(path)
        if kept is not None and kept[0] == signature:
            return kept[1]
        try:
            text = normalise_quote_text(decode(read_regular(path, limit)))
        except Unreadable:
            return None
        if self.keep and signature is not None:
            self._texts[path] = (signature, text)
        return text

    def known(self, quote: str, seed: str, text: str) -> bool:
        """Whether ``quote`` was found in this very ``text`` by the last load."""
        if self._found.get((quote, seed)) is text:
            self.found[quote, seed] = text
            return True
        return False

    def note(self, quote: str, seed: str, text: str) -> None:
        if self.keep:
            self.found[quote, seed] = text


def _bare(word: str) -> str:
    """A normalised word without the punctuation around it, as words are matched."""
    return word.strip(".,;:!?\"'()[]")


@dataclass
class Article:
    """An article's words: as written (shown), normalised, and bare (matched), with where
    each bare word occurs."""

    shown: list[str]
    full: list[str]
    bare: list[str]
    at: dict[str, list[int]]

    @classmethod
    def of(cls, raw: str) -> Article:
        shown = raw.split()
        full = [normalise_quote_text(word) for word in shown]
        bare = [_bare(word) for word in full]
        at: dict[str, list[int]] = defaultdict(list)
        for index, word in enumerate(bare):
            at[word].append(index)
        return cls(shown, full, bare, dict(at))


def check_quote(
    check: Checker,
    doc: Document,
    loc: tuple[Any, ...],
    quote: str,
    source: Source,
    cited: list[str],
) -> None:
    """Report ``quote`` (cited from ``source`` in ``doc`` at ``loc``) unless every part is in
    the source's stored article, in order. ``cited``: the other sources the record cites."""
    if not source.seed:
        return  # no stored copy: shown as not checked, never an error
    text = check.seed(source.seed)
    if text is None:
        return  # reported once, on the source
    if check.kept.known(quote, source.seed, text):
        return
    position = 0
    for part in ELLIPSIS.split(quote):
        wanted = normalise_quote_text(part).strip(_TRIM)
        if not wanted:
            continue
        found = text.find(wanted, position)
        if found < 0:
            where = f"seeds/{source.seed} (the text of {source.id!r})"
            check.add(doc, loc, _why(check, source, part, wanted, text, position, cited, where))
            return
        position = found + len(wanted)
    check.kept.note(quote, source.seed, text)


def _why(
    check: Checker,
    source: Source,
    part: str,
    wanted: str,
    text: str,
    position: int,
    cited: list[str],
    where: str,
) -> str:
    if 0 <= text.find(wanted) < position:
        return (
            f"not found in {where} after the part before it: {shorten(part.strip())!r} comes "
            "earlier in the article; put the '...'-separated parts in the article's order"
        )
    other = _found_elsewhere(check, source.id, wanted, cited)
    if other is not None:
        return (
            f"not found in {where}, but found in {other!r} ({check.source_file(other)}); "
            f"cite source: {other} for these words, or quote what {source.id!r} says"
        )
    passage = closest_passage(check.article(source.seed or ""), part)
    if passage is None:
        return (
            f"not found in {where}, and none of its words is in that article: "
            f"{shorten(part.strip())!r}; check the source id, or copy the words exactly"
        )
    return (
        f"not found in {where}; the closest passage, with [the quote's words → the "
        f"article's]: {passage!r}; copy the words exactly"
    )


def _found_elsewhere(check: Checker, own: str, wanted: str, cited: list[str]) -> str | None:
    """The id of another source whose stored article holds ``wanted``: first the sources
    the record cites, then any."""
    for other in [*cited, *sorted(check.stored_sources)]:
        seed = check.stored_sources.get(other)
        if other == own or seed is None:
            continue
        text = check.seed(seed)
        if text is not None and wanted in text:
            return other
    return None


def _start(article: Article, words: list[str]) -> int | None:
    """Where in the article the quote most probably starts: each occurrence of a quote word
    votes for (its position - the word's position in the quote); rare words only."""
    counts = [(len(article.at.get(word, ())), i, word) for i, word in enumerate(words)]
    found = [c for c in counts if c[0]]
    if not found:
        return None
    rare = [c for c in found if c[0] <= _COMMON] or [min(found)]
    votes: Counter[int] = Counter()
    for _, i, word in rare:
        for place in article.at[word]:
            votes[place - i] += 1
    best = max(votes.values())
    return max(0, min(start for start, n in votes.items() if n == best))


def closest_passage(article: Article, part: str) -> str | None:
    """The article's words around the first difference from ``part``, the difference marked
    ``[quote's → article's]``; None when no word of the part is in the article."""
    shown_q = part.strip().split()
    full_q = [normalise_quote_text(word) for word in shown_q]
    if full_q:
        full_q[0] = full_q[0].lstrip(_TRIM)
        full_q[-1] = full_q[-1].rstrip(_TRIM)
    bare_q = [_bare(word) for word in full_q]
    start = _start(article, bare_q)
    if start is None:
        return None
    low, high = max(0, start - len(bare_q)), min(len(article.bare), start + 2 * len(bare_q) + 4)
    window = article.bare[low:high]
    first = _first_difference(article, full_q, bare_q, window, low)
    if first is None:  # the same words, spaced or split differently
        return " ".join(article.shown[start : start + len(shown_q)])
    i1, i2, j1, j2 = first
    said = shorten(" ".join(shown_q[i1:i2]), MARKED_CHARS) or "(nothing)"
    written = shorten(" ".join(article.shown[j1:j2]), MARKED_CHARS) or "(nothing)"
    before = article.shown[max(0, j1 - CONTEXT_WORDS) : j1]
    after = article.shown[j2 : j2 + CONTEXT_WORDS]
    text = " ".join([*before, f"[{said} → {written}]", *after])
    head = "…" if j1 - CONTEXT_WORDS > 0 else ""
    tail = "…" if j2 + CONTEXT_WORDS < len(article.shown) else ""
    return head + text + tail


def _first_difference(
    article: Article, full_q: list[str], bare_q: list[str], window: list[str], low: int
) -> tuple[int, int, int, int] | None:
    """(quote from, to, article from, to) of the first difference, article positions
    absolute: the first edit of the aligned words, or the first word whose punctuation
    differs within words that match."""
    last = len(full_q) - 1
    opcodes = SequenceMatcher(None, bare_q, window, autojunk=False).get_opcodes()
    began = False
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            began = True
            for k in range(i2 - i1):
                i, j = i1 + k, low + j1 + k
                said, written = full_q[i], article.full[j]
                same = said == written or (
                    (i == 0 and written.endswith(said)) or (i == last and written.startswith(said))
                )
                if not same:
                    return i, i + 1, j, j + 1
            continue
        if not began and tag == "insert":
            continue  # article words before the passage
        if tag == "insert" and i1 > last:
            break  # article words after the passage
        if not began and tag == "replace":
            j1 = max(j1, j2 - (i2 - i1))  # the passage starts where the quote would
        return i1, i2, low + j1, low + j2
    return None


__all__ = ["Article", "QuoteMemo", "check_quote", "closest_passage", "normalise_quote_text"]
