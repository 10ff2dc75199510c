"""``chronology extract --evaluate``: how well the drafts match the hand-made content.

Every article text in ``seeds/`` is drafted with ``extract`` and compared with the events
people wrote from it (the events in ``content/events/`` citing a source whose ``seed`` is that
file). Where the text itself carries no date (no dated dateline), the publication date comes
from the seed's metadata (``seeds/<name>.yaml``, ``articles[0].published``), as a person would
pass ``--date``; the table says so.

Measures, per seed and over all seeds (micro-averaged: counts are summed first):

- dates (overlap): an extracted date is correct when its interval of days overlaps the date
  of at least one hand-made event from the same seed (open ends unbounded); recall is the
  share of hand-made events overlapped by at least one extracted date.
- dates (exact): the same with the EDTF texts equal.
- actors, places: the set of actor (role holders and accusers) / location ids in the drafts of
  a seed against the set in the hand-made events of that seed.
- casualties: the set of (killed|wounded, group, number) figures, likewise.

The actors and places are found by the catalog's own names and aliases, which were written
from these same articles: their recall is an optimistic estimate for a new article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from ..content import edtf
from ..content.catalog import Catalog, load_catalog
from ..content.model import Event
from ..content.vocabulary import CASUALTY_GROUPS
from .article import read_article
from .extract import Draft, extract

MEASURES = ("dates (overlap)", "dates (exact)", "actors", "places", "casualties")


@dataclass
class Counts:
    """For one measure: correct extracted, all extracted, found gold, all gold."""

    correct: int = 0
    extracted: int = 0
    found: int = 0
    gold: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.correct += other.correct
        self.extracted += other.extracted
        self.found += other.found
        self.gold += other.gold
        return self

    @property
    def precision(self) -> float | None:
        return self.correct / self.extracted if self.extracted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None


@dataclass
class SeedResult:
    seed: str
    date_used: str
    date_from: str  # "text" or "seeds/<name>.yaml"
    drafts: int
    events: int
    counts: dict[str, Counts] = field(default_factory=dict)


@dataclass
class Evaluation:
    seeds: list[SeedResult]

    @property
    def total(self) -> dict[str, Counts]:
        total = {measure: Counts() for measure in MEASURES}
        for result in self.seeds:
            for measure in MEASURES:
                total[measure] += result.counts[measure]
        return total

    def table(self) -> str:
        def score(value: float | None) -> str:
            return "  –  " if value is None else f"{value:5.2f}"

        lines = [
            "Extraction measured on the seed articles against the hand-made events citing them.",
            "",
            f"{'seed':<26} {'date used':<16} {'from':<27} drafts events",
        ]
        for result in self.seeds:
            lines.append(
                f"{result.seed:<26} {result.date_used:<16} {result.date_from:<27} "
                f"{result.drafts:>6} {result.events:>6}"
            )
        lines += [
            "",
            f"{'measure':<16} {'precision':>9} {'recall':>7}   "
            "per seed (correct/extracted, found/gold)",
        ]
        total = self.total
        for measure in MEASURES:
            per_seed = "  ".join(
                f"{r.counts[measure].correct}/{r.counts[measure].extracted},"
                f"{r.counts[measure].found}/{r.counts[measure].gold}"
                for r in self.seeds
            )
            counts = total[measure]
            lines.append(
                f"{measure:<16} {score(counts.precision):>9} {score(counts.recall):>7}   {per_seed}"
            )
        lines += [
            "",
            "dates (overlap): an extracted date is correct if its days overlap the date of a "
            "hand-made event from the same seed;",
            "  recall: hand-made events whose date some extracted date overlaps. dates (exact): "
            "equal EDTF texts.",
            "actors, places, casualties: sets of ids / (kind, group, number) per seed, drafts "
            "against hand-made events.",
            "Actors and places are matched by the catalog's names and aliases, written from these "
            "articles: recall is optimistic.",
            "Without a dated dateline, undated sentences take the seed metadata's date, which the "
            "hand-made events use too: exact dates there match partly for that reason.",
        ]
        return "\n".join(lines) + "\n"


def _interval(text: str) -> tuple[date | None, date | None]:
    parsed = edtf.parse(text)
    return parsed.first_day, parsed.last_day


def _overlaps(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    a_start, a_end = a
    b_start, b_end = b
    return (a_end is None or b_start is None or b_start <= a_end) and (
        b_end is None or a_start is None or a_start <= b_end
    )


def _set_counts(extracted: set, gold: set) -> Counts:
    common = len(extracted & gold)
    return Counts(common, len(extracted), common, len(gold))


def _gold_figure(value: object) -> object:
    """A hand-made casualty figure in a form comparable with an extracted number: a range
    ({low, high}) never equals one, as a draft never gives a range."""
    if isinstance(value, int):
        return value
    return f"{value.low}-{value.high}"  # type: ignore[attr-defined]


def _seed_date(seed: Path) -> str | None:
    """The publication date in the seed's metadata (``seeds/<name>.yaml``), if any."""
    meta_path = seed.with_suffix(".yaml")
    if not meta_path.is_file():
        return None
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
    articles = meta.get("articles") or [{}]
    published = articles[0].get("published")
    return str(published) if published is not None else None


def evaluate_seed(catalog: Catalog, seed: Path) -> SeedResult:
    text = seed.read_text(encoding="utf-8")
    published = _seed_date(seed)
    # The seed's metadata date only where the text itself has none: what a person would
    # pass as --date.
    dated = read_article(text).published_from == "dateline"
    extraction = extract(
        text,
        catalog.actors,
        catalog.locations,
        catalog.sources.values(),
        published=None if dated else published,
        seed=seed.name,
    )
    meta_name = seed.with_suffix(".yaml").name
    date_from = "text (dateline)" if dated else f"seeds/{meta_name}" if published else "none"
    sources = {s.id for s in catalog.sources.values() if s.seed == seed.name}
    events = [e for e in catalog.events.values() if any(c.source in sources for c in e.sources)]
    drafts = extraction.drafts
    counts = _date_counts(events, drafts)
    gold_actors = {a.actor for e in events for a in e.actors} | {
        b for e in events for a in e.actors for b in a.by
    }
    counts["actors"] = _set_counts({a for d in drafts for a in d.actors}, gold_actors)
    counts["places"] = _set_counts(
        {p for d in drafts for p in d.places}, {p.place for e in events for p in e.locations}
    )
    counts["casualties"] = _casualty_counts(events, drafts)
    used = extraction.article.published or "none"
    return SeedResult(seed.name, used, date_from, len(drafts), len(events), counts)


def _date_counts(events: list[Event], drafts: list[Draft]) -> dict[str, Counts]:
    gold_dates = [(_interval(e.date), e.date) for e in events]
    drafted = [(_interval(d.date_text), d.date_text) for d in drafts]
    overlap = Counts(
        sum(any(_overlaps(d, g) for g, _ in gold_dates) for d, _ in drafted),
        len(drafted),
        sum(any(_overlaps(d, g) for d, _ in drafted) for g, _ in gold_dates),
        len(gold_dates),
    )
    gold_texts = {text for _, text in gold_dates}
    draft_texts = {text for _, text in drafted}
    exact = Counts(
        sum(text in gold_texts for _, text in drafted),
        len(drafted),
        sum(text in draft_texts for _, text in gold_dates),
        len(gold_dates),
    )
    return {"dates (overlap)": overlap, "dates (exact)": exact}


def _casualty_counts(events: list[Event], drafts: list[Draft]) -> Counts:
    gold_figures = set()
    for event in events:
        for kind in ("killed", "wounded"):
            figures = getattr(event.casualties, kind, None) if event.casualties else None
            for group in CASUALTY_GROUPS:
                value = getattr(figures, group, None) if figures else None
                if value is not None:
                    gold_figures.add((kind, group, _gold_figure(value)))
    extracted_figures = {
        (kind, group, figure.number)
        for d in drafts
        for (kind, group), (figure, _) in d.casualties.items()
    }
    return _set_counts(extracted_figures, gold_figures)


def evaluate(root: Path) -> Evaluation:
    catalog = load_catalog(root)
    seeds = sorted((root / "seeds").glob("*.txt"))
    return Evaluation([evaluate_seed(catalog, seed) for seed in seeds])
