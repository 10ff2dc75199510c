"""Long lists in pages of a fixed size, and the A–Z groups of the index pages.

Nothing a reader did not ask for may grow with the size of the chronology: a list longer than
a page continues on page 2, 3, … (each with a pager of bounded length), and an index page
holds a fixed number of entries with a jump list to the page holding each letter."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


def paged_uri(uri: str, number: int) -> str:
    """Page ``number`` of a list that starts on ``uri``: 'actors/x.md' is page 1,
    'actors/x/page-2.md' page 2. Record ids cannot hold '/', so these never clash with a
    record's own page."""
    return uri if number == 1 else f"{uri[: -len('.md')]}/page-{number}.md"


# --- indexes -----------------------------------------------------------------------------

#: Index groups that are not a letter A-Z, in the order they come (digits first, like a
#: dictionary, anything else last) with their heading anchors.
DIGITS, OTHER = "0–9", "Other"


def initial(name: str) -> str:
    """The A–Z group a name is listed under: 'A'…'Z' by its first letter without accents,
    '0–9' for a digit, 'Other' for anything else (Arabic script, punctuation)."""
    for char in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(char):
            continue
        upper = char.upper()[:1]  # "ß" -> "SS" -> "S"
        if "A" <= upper <= "Z":
            return upper
        if char.isdigit():
            return DIGITS
        if char.isalpha():
            return OTHER
    return OTHER


def group_anchor(group: str) -> str:
    """The id part of a group's heading: 'a', 'digits', 'other', '2020'."""
    return {DIGITS: "digits", OTHER: "other"}.get(group, group.lower())


def index_order(name: str) -> tuple[int, str, str]:
    """Sort key that keeps each A–Z group together: digits, A…Z, then everything else."""
    group = initial(name)
    rank = 0 if group == DIGITS else 27 if group == OTHER else ord(group) - ord("A") + 1
    return rank, name.casefold(), name


# --- long lists, split into pages of a fixed size ----------------------------------------


@dataclass(frozen=True)
class Page:
    """One page of a list split into pages of ``size`` items; page 1 lives at the list's
    own address, page n at ``paged_uri(address, n)``."""

    items: list
    number: int  # 1-based
    count: int  # how many pages the list has
    total: int  # how many items the whole list has
    size: int
    base: str  # the uri of page 1

    @property
    def uri(self) -> str:
        return paged_uri(self.base, self.number)

    @property
    def first(self) -> int:
        """1-based position of this page's first item in the whole list."""
        return (self.number - 1) * self.size + 1

    @property
    def last(self) -> int:
        return (self.number - 1) * self.size + len(self.items)

    def uri_of(self, number: int) -> str:
        return paged_uri(self.base, number)

    @property
    def previous_uri(self) -> str | None:
        return paged_uri(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_uri(self) -> str | None:
        return paged_uri(self.base, self.number + 1) if self.number < self.count else None

    def window(self, reach: int = 2) -> list[int | None]:
        """The page numbers a pager links: the first, the last and ``reach`` either side of
        this one; None marks a gap. At most 2 * reach + 5 entries, however long the list."""
        shown = {1, self.count, *range(self.number - reach, self.number + reach + 1)}
        numbers: list[int | None] = []
        for n in sorted(n for n in shown if 1 <= n <= self.count):
            if numbers and n - (numbers[-1] or 0) > 1:
                numbers.append(None)
            numbers.append(n)
        return numbers


def paginate(items: list, size: int, base: str) -> list[Page]:
    """``items`` in pages of ``size``; an empty list still has its first page."""
    count = max(1, math.ceil(len(items) / size))
    return [
        Page(items[(n - 1) * size : n * size], n, count, len(items), size, base)
        for n in range(1, count + 1)
    ]


@dataclass(frozen=True)
class Section:
    """The entries of one group (a letter, a year) on one index page."""

    label: str  # "A", "0–9", "2020"
    anchor: str  # the heading's id, "letter-a"
    items: list
    continued: bool  # the group began on an earlier page


@dataclass(frozen=True)
class Jump:
    """An entry of the jump list: a group and the page holding its first entry."""

    label: str
    uri: str
    anchor: str


def grouped_pages(
    items: Sequence[Any], size: int, base: str, group: Callable[[Any], str]
) -> tuple[list[tuple[Page, list[Section]]], list[Jump]]:
    """``items`` (already ordered so that each group is contiguous) in pages of ``size``,
    each page's entries under group headings, and the jump list to every group."""
    pages = paginate(list(items), size, base)
    jumps: list[Jump] = []
    laid_out: list[tuple[Page, list[Section]]] = []
    seen: set[str] = set()
    for page in pages:
        sections: list[Section] = []
        for item in page.items:
            label = group(item)
            if not sections or sections[-1].label != label:
                anchor = "group-" + group_anchor(label)
                sections.append(Section(label, anchor, [], label in seen))
                if label not in seen:
                    seen.add(label)
                    jumps.append(Jump(label, page.uri, anchor))
            sections[-1].items.append(item)
        laid_out.append((page, sections))
    return laid_out, jumps
