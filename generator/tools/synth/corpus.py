"""The corpus being built: its records, its one random generator, and the calendar and
articles every record kind draws on."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ...content.suggest import name_key
from .names import SPELLINGS

FIRST_YEAR = 2019
#: A busy year of a whole conflict; larger corpora run over more years, not denser ones.
EVENTS_PER_YEAR = 2500


@dataclass
class Place:
    id: str
    name: str
    name_ar: str
    kind: str
    parent: str | None
    lat: float | None
    lon: float | None
    aliases: list[str] = field(default_factory=list)
    #: An undisclosed site: no coordinates are published (children still use lat/lon).
    hidden: bool = False
    #: Places of the same name (``Spellings``).
    distinct_from: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Source:
    id: str
    day: date
    date: str
    outlet: str
    title: str
    seed: str | None
    dateline: str | None
    paragraphs: list[str] = field(default_factory=list)


class Names:
    """Unique ids (and names) within one kind of record."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        candidate, n = wanted[:100].strip("-"), 2
        while candidate in self.used:
            candidate, n = f"{wanted[:96].strip('-')}-{n}", n + 1
        self.used.add(candidate)
        return candidate


class Spellings:
    """The records of one kind that have each name, however spelt (``name_key``): the
    checker takes two records with one name for a duplicate unless one says it is not."""

    def __init__(self) -> None:
        self.owners: dict[str, list[str]] = {}

    def holders(self, text: str) -> list[str]:
        return self.owners.get(name_key(text), [])

    def take(self, text: str, record_id: str) -> None:
        holders = self.owners.setdefault(name_key(text), [])
        if record_id not in holders:
            holders.append(record_id)

    def namesakes(self, names: list[str], aliases: list[str], record_id: str) -> list[str]:
        """Record ``record_id``'s names: an alias another record has is left out of
        ``aliases`` (as a contributor would), and the records sharing one of its ``names``
        are returned: the namesakes it declares distinct."""
        aliases[:] = [alias for alias in aliases if not self.holders(alias)]
        others = [other for name in names for other in self.holders(name)]
        for text in [*names, *aliases]:
            self.take(text, record_id)
        return list(dict.fromkeys(others))


def variant(name: str) -> str | None:
    """Another spelling sources use: Kataib/Kataeb, q/k, -iya/-iyah, with or without al-."""
    for old, new in SPELLINGS:
        if old in name:
            return name.replace(old, new, 1)
    return None


def zipf(items: list[Any], exponent: float = 0.9) -> list[float]:
    """Cumulative weights for ``items``: the first few are drawn often, most rarely."""
    return list(itertools.accumulate(1 / (i + 1) ** exponent for i in range(len(items))))


class Corpus:
    """Every record made so far. One ``random.Random(seed)`` draws everything, in a fixed
    order, so the same (events, seed) makes the same corpus."""

    def __init__(self, events: int, seed: int):
        self.rng = random.Random(seed)
        self.years = max(3, -(-events // EVENTS_PER_YEAR))
        self.end = date(FIRST_YEAR + self.years - 1, 12, 31)
        # Busy and quiet months, the same for events and reports.
        self.month_weights = [
            self.rng.uniform(0.2, 2.0) for _ in range(12 * self.years)
        ]  # indexes months from January of the first year
        self.places: list[Place] = []
        self.actors: list[dict[str, Any]] = []
        self.sources: list[Source] = []
        self.events: list[dict[str, Any]] = []

    def day(self) -> date:
        rng = self.rng
        month = rng.choices(range(len(self.month_weights)), self.month_weights)[0]
        year, month = FIRST_YEAR + month // 12, month % 12 + 1
        first = date(year, month, 1)
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return first + timedelta(days=rng.randrange((last - first).days + 1))

    def sentence(self, source: Source, text: str) -> str:
        """Put ``text`` in the source's article and return the words an event quotes."""
        rng = self.rng
        filler = rng.choice([
            "The statement gave no further details.",
            "Officials did not respond to requests for comment.",
            "Such attacks have become frequent in recent months.",
            "No group immediately claimed responsibility.",
        ])  # fmt: skip
        # Reports use curly quotes; contributors type straight ones (the check allows both).
        curly = text.replace("'", "’").replace(' "', " “").replace('" ', "” ")
        if rng.random() < 0.12 and ", " in text:
            head, tail = text.split(", ", 1)
            curly_head, curly_tail = curly.split(", ", 1)
            aside = rng.choice(["according to two officials", "witnesses said"])
            source.paragraphs.append(f"{curly_head}, {aside}, {curly_tail}")
            return f"{head} ... {tail}"
        source.paragraphs.append(f"{curly} {filler}" if rng.random() < 0.5 else curly)
        return text
