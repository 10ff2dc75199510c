"""Writing the corpus as a complete project: content files, article texts in ``seeds/``, and
the site configuration copied from this repository, so that ``chronology validate`` and
``chronology build`` run inside it as in the real one."""

from __future__ import annotations

import random
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...content.ids import slug
from ...errors import ChronologyError
from .corpus import Corpus, Place, Source
from .events import make_events
from .house_yaml import Flow, FlowList, dump
from .names import CORE_ACTORS, MONTHS, PUBLISHERS, REPORTERS
from .world import describe_actors, make_actors, make_places, make_sources

REPO = Path(__file__).resolve().parents[3]
#: What mkdocs.yml refers to besides content/ and seeds/.
SITE_FOLDERS = ("docs", "site_templates", "overrides")


@dataclass(frozen=True)
class Counts:
    events: int
    actors: int
    locations: int
    sources: int


def synthesize(out: Path, events: int, seed: int = 0) -> Counts:
    """Write a complete synthetic project with ``events`` events into ``out``."""
    if events < 1:
        raise ChronologyError("--events must be at least 1")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ChronologyError(f"{out}: exists and is not empty; choose a new folder")
    corpus = Corpus(events, seed)
    # The order of these steps is the order of the random draws: keep it.
    make_places(corpus, max(30, events // 5))
    make_actors(corpus, max(len(CORE_ACTORS) + 2, events // 20))
    make_sources(corpus, max(5, events // 10))
    make_events(corpus, events)
    describe_actors(corpus)
    _write(corpus, out)
    return Counts(len(corpus.events), len(corpus.actors), len(corpus.places), len(corpus.sources))


def _write(corpus: Corpus, out: Path) -> None:
    content = out / "content"
    for folder in ("events", "actors", "locations", "sources"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    (out / "seeds").mkdir(exist_ok=True)

    def write(path: Path, text: str) -> None:
        path.write_bytes(text.encode("utf-8"))  # the same bytes on every platform

    for event in corpus.events:
        write(content / "events" / f"{event['id']}.yaml", dump(event))
    for actor in corpus.actors:
        record = {k: v for k, v in actor.items() if v not in (None, [])}
        if "aliases" in record:
            record["aliases"] = FlowList(record["aliases"])
        write(content / "actors" / f"{actor['id']}.yaml", dump(record))
    for place in corpus.places:
        write(content / "locations" / f"{place.id}.yaml", dump(_place_record(place)))
    for source in corpus.sources:
        write(content / "sources" / f"{source.id}.yaml", dump(_source_record(source, corpus.rng)))
        if source.seed:
            write(out / "seeds" / source.seed, _seed_text(source))
    shutil.copy(REPO / "mkdocs.yml", out / "mkdocs.yml")
    for folder in SITE_FOLDERS:
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, out / folder)


def _place_record(place: Place) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": place.id,
        "name": place.name,
        "aliases": FlowList(place.aliases),
        "name_ar": place.name_ar,
        "kind": place.kind,
    }
    if not place.hidden:
        record["coordinates"] = Flow(lat=place.lat, lon=place.lon)
    record["parent"] = place.parent
    record["distinct_from"] = place.distinct_from
    return {k: v for k, v in record.items() if v not in (None, [])}


def _source_record(source: Source, rng: random.Random) -> dict[str, Any]:
    record: dict[str, Any] = {"id": source.id, "outlet": source.outlet}
    if rng.random() < 0.2:
        record["publisher"] = rng.choice(PUBLISHERS)
    if rng.random() < 0.6:
        record["author"] = rng.choice(REPORTERS)
    record.update(date=source.date, dateline=source.dateline, title=source.title)
    # A source without a stored text must be readable somewhere: it always has an address.
    if rng.random() < 0.7 or not source.seed:
        article = source.id[-40:].strip("-")
        record["url"] = f"https://example.org/{slug(source.outlet)}/{source.day:%Y/%m/%d}/{article}"
    record["seed"] = source.seed
    return {k: v for k, v in record.items() if v is not None}


def _wrap(paragraph: str) -> str:
    # Never at a hyphen: the quote check reads a line break as a space.
    return textwrap.fill(paragraph, 80, break_on_hyphens=False, break_long_words=False)


def _seed_text(source: Source) -> str:
    when = f"{MONTHS[source.day.month]} {source.day.day}, {source.day.year}"
    head = f"{source.dateline or 'Baghdad'} ({source.outlet}) {when} - "
    body = [head + (source.paragraphs[0] if source.paragraphs else source.title + ".")]
    body += source.paragraphs[1:]
    return "\n\n".join(_wrap(p) for p in body) + "\n"
