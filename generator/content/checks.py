"""The rules that span files, run once every record has been read: references name records
that exist, quotes are the source's own words, a source's figures lie within the event's,
parent chains end, no draft placeholder is left, no relation is given twice, no two sources
share an address, and probable duplicate events are flagged.

Each problem is pinned to the line of the field it is about, and every problem is collected
(``Checker.problems``) so a contributor sees them all in one run.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from . import edtf
from .files import Unreadable, decode, read_regular
from .geography import check_geography
from .load import Document
from .messages import dotted
from .model import FOLDER_OF_WORD, Actor, Casualties, Event, Location, Strict
from .partial import present
from .quotes import Article, QuoteMemo, check_quote
from .seeds import check_seeds
from .suggest import Suggester
from .text import address_key
from .vocabulary import CASUALTY_GROUPS

if TYPE_CHECKING:  # the catalog module imports this one, and the cache the catalog's
    from .cache import RecordCache
    from .catalog import Catalog

NOWHERE_TO_READ = (
    "the article can be read nowhere: give its address (url: https://…, and archive_url: "
    "a snapshot of it, e.g. https://web.archive.org/web/…), or its text in seeds/ "
    "(seed: <name>.txt), which lets validate check every quote"
)

#: Larger article texts are treated as unreadable; real ones are some 10 KB.
MAX_SEED_BYTES = 10_000_000


class Checker:
    """Collects problems across the whole content tree."""

    def __init__(self, root: Path, kept: QuoteMemo | None = None):
        self.root = root
        #: The seed texts and found quotes a long-lived process keeps between loads.
        self.kept = kept.begin() if kept else QuoteMemo()
        #: What a long-lived process keeps between loads (cache.py): duplicates, references.
        self.kept_by: RecordCache | None = None
        self.problems: list[Problem] = []
        self.docs: dict[tuple[str, str], Document] = {}
        self.seed_text: dict[str, str | None] = {}
        #: ids whose file exists but is invalid: already reported, so references to them
        #: are not reported again as unknown.
        self.broken: set[tuple[str, str]] = set()
        #: ids of records that exist but were not loaded (checking some files only), by folder.
        self.elsewhere: dict[str, set[str]] = defaultdict(set)
        self._suggesters: dict[str, Suggester] = {}
        #: Records with an invalid field, what is valid of them (``partial.salvage``): their
        #: other fields are checked too, but they never reach the Catalog.
        self.partial: list[tuple[str, Document, Strict]] = []
        #: Source id -> its stored article in seeds/, and -> its file; set by check_references.
        self.stored_sources: dict[str, str] = {}
        self.source_files: dict[str, str] = {}
        self._articles: dict[str, Article] = {}

    def records(self, catalog: Catalog, kind: str) -> list[tuple[Document, Any]]:
        """(file, record) of every record of a folder to check: the valid, then the partial."""
        valid = [(self.docs[kind, r.id], r) for r in catalog.table(kind).values()]
        return valid + [(doc, record) for k, doc, record in self.partial if k == kind]

    def source_file(self, source_id: str) -> str:
        return self.source_files.get(source_id, f"content/sources/{source_id}.yaml")

    def article(self, name: str) -> Article:
        """seeds/<name>'s words, for showing where a quote differs (read only then)."""
        if name not in self._articles:
            try:
                raw = decode(read_regular(self.root / "seeds" / name, MAX_SEED_BYTES))
            except Unreadable:
                raw = ""
            self._articles[name] = Article.of(raw)
        return self._articles[name]

    def known(self, folder: str, value: str, table: dict[str, Any]) -> bool:
        return value in table or value in self.elsewhere.get(folder, ())

    def suggester(self, catalog: Catalog, folder: str) -> Suggester:
        """Built once per folder, when the first unknown reference needs it."""
        if folder not in self._suggesters:
            records: dict[str, Any] = dict.fromkeys(self.elsewhere.get(folder, ()))
            records.update(catalog.table(folder))
            self._suggesters[folder] = Suggester(records)
        return self._suggesters[folder]

    def add(
        self,
        doc: Document,
        loc: tuple[Any, ...],
        message: str,
        *,
        key: bool = False,
        severity: str = "error",
    ) -> None:
        line, column = doc.position(loc, key=key)
        self.problems.append(Problem(doc.path, line, column, dotted(loc), message, severity))

    def reference(
        self, catalog: Catalog, doc: Document, loc: tuple[Any, ...], value: str | None, word: str
    ) -> bool:
        """Whether ``value`` names a record of kind ``word`` ("actor"); if not, the problem
        is noted with the nearest id, name or alias as a suggestion."""
        folder = FOLDER_OF_WORD[word]
        if value is None:
            return False  # invalid, already reported
        if self.known(folder, value, catalog.table(folder)):
            return True
        if (folder, value) in self.broken:
            return False  # its own file is invalid and already reported
        self.add(
            doc,
            loc,
            f"unknown {word} {value!r}{self.suggester(catalog, folder).hint(value)}; "
            f"add content/{folder}/{value}.yaml or fix the id",
        )
        return False

    def seed(self, name: str) -> str | None:
        """The text of seeds/<name> as quotes are compared, or None when it cannot be used
        (``seed_problem`` says why)."""
        if name not in self.seed_text:
            self.seed_text[name] = self.kept.text(self.root / "seeds" / name, MAX_SEED_BYTES)
        return self.seed_text[name]

    def seed_problem(self, name: str) -> str:
        """Why seeds/<name> cannot be used (a link, a folder, too large, not UTF-8 text...),
        read again: this runs only for the rare seed that failed."""
        try:
            decode(read_regular(self.root / "seeds" / name, MAX_SEED_BYTES))
        except Unreadable as exc:
            return f"seeds/{name} {exc.message(MAX_SEED_BYTES, 'seed')}"
        return f"seeds/{name} changed while it was being read; check again"


def check_draft(check: Checker, doc: Document) -> None:
    """A TODO left from a draft (``chronology new``, ``chronology extract``) is an error:
    the text would otherwise be published as it is."""
    if doc.drafty:
        check_placeholders(check, doc, doc.data, ())


def check_placeholders(check: Checker, doc: Document, value: Any, loc: tuple[Any, ...]) -> None:
    """Every text at or under ``value`` that holds TODO, an error at its own line."""
    if isinstance(value, str):
        if "TODO" in value:
            check.add(
                doc,
                loc,
                "still holds a draft placeholder (TODO); replace it with what the sources say, "
                "or delete the field if it is optional",
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            check_placeholders(check, doc, item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_placeholders(check, doc, item, (*loc, index))


def check_references(catalog: Catalog, check: Checker) -> None:
    """Every rule that needs other records: ids, quotes, dates against sources, figures."""
    check.stored_sources = {s.id: s.seed for s in catalog.sources.values() if s.seed}
    check.source_files = {sid: f for (kind, sid), f in catalog.files.items() if kind == "sources"}
    kept = check.kept_by.references if check.kept_by else None  # an unchanged event's answer
    for doc, event in check.records(catalog, "events"):
        if kept is None or not kept.replay(catalog, check, doc, event):
            _check_event_references(catalog, check, doc, event)
            _check_casualties(check, doc, event)
            if kept:
                kept.note(check, doc, event)
    actors, places = catalog.actors, catalog.locations
    actor_chains: dict[str, bool] = {}
    place_chains: dict[str, bool] = {}
    for doc, actor in check.records(catalog, "actors"):
        if check.reference(catalog, doc, ("parent",), actor.parent, "actor") and (
            actor.id in actors
        ):
            _check_cycle(check, doc, actor.id, actors, actor_chains)
        _check_citations(catalog, check, doc, actor.sources)
    for doc, location in check.records(catalog, "locations"):
        if check.reference(catalog, doc, ("parent",), location.parent, "location") and (
            location.id in places
        ):
            _check_cycle(check, doc, location.id, places, place_chains)
    for doc, source in check.records(catalog, "sources"):
        if source.seed and check.seed(source.seed) is None:
            check.add(doc, ("seed",), check.seed_problem(source.seed))
        if not (source.seed or source.url or source.archive_url or "url" in doc.data):
            check.add(doc, ("url",), NOWHERE_TO_READ)
    _check_same_addresses(catalog, check)
    check_seeds(catalog, check)
    check_geography(catalog, check)


def _check_citations(
    catalog: Catalog, check: Checker, doc: Document, citations: list[Any] | None
) -> list[tuple[int, Any]]:
    """Each citation names a source and quotes its words; the citations that name one."""
    cited = [c.source for _, c in present(citations)]
    found = []
    for i, citation in present(citations):
        if check.reference(catalog, doc, ("sources", i, "source"), citation.source, "source"):
            source = catalog.sources[citation.source]
            others = [other for other in cited if other != source.id]
            check_quote(check, doc, ("sources", i, "quote"), citation.quote, source, others)
            found.append((i, citation))
    return found


def _check_same_addresses(catalog: Catalog, check: Checker) -> None:
    """Two source files with one address are one article recorded twice (scheme and host
    compared whatever their case)."""
    first: dict[str, str] = {}
    for source in catalog.sources.values():
        if source.url is None:
            continue
        other = first.setdefault(address_key(source.url), source.id)
        if other != source.id:
            check.add(
                check.docs["sources", source.id],
                ("url",),
                f"the same address as {catalog.files['sources', other]}; one article is one "
                f"source: keep one of the two files and cite its id ({other!r}) instead",
            )


def _check_event_references(catalog: Catalog, check: Checker, doc: Document, event: Event) -> None:
    def ref(loc: tuple[Any, ...], value: str, word: str) -> bool:
        return check.reference(catalog, doc, loc, value, word)

    for i, place in present(event.locations):
        ref(("locations", i, "place"), place.place, "location")
    seen_parts: set[tuple[str, str]] = set()
    for i, part in present(event.actors):
        ref(("actors", i, "actor"), part.actor, "actor")
        if (part.actor, part.role) in seen_parts:
            check.add(
                doc,
                ("actors", i),
                f"{part.actor!r} is already listed with role {part.role!r}; merge the two entries",
            )
        seen_parts.add((part.actor, part.role))
        if part.by and part.role != "suspected":
            check.add(
                doc,
                ("actors", i, "by"),
                "'by' names who blamed an actor; it belongs only on role 'suspected'",
            )
        for j, accuser in enumerate(part.by):
            ref(("actors", i, "by", j), accuser, "actor")
    dated: set[str] = set()
    for _, citation in _check_citations(catalog, check, doc, event.sources):
        if event.date is not None and citation.source not in dated:
            dated.add(citation.source)
            when, published = (
                edtf.parse(event.date),
                edtf.parse(catalog.sources[citation.source].date),
            )
            if when.earliest > published.latest:
                check.add(
                    doc,
                    ("date",),
                    f"{event.date} is after source {citation.source!r} was published "
                    f"({published.text}); a source cannot report a later event",
                )
    _check_related(catalog, check, doc, event)


def _check_related(catalog: Catalog, check: Checker, doc: Document, event: Event) -> None:
    first: dict[tuple[str, str], int] = {}
    for i, rel in present(event.related):
        if rel.event == event.id:
            check.add(doc, ("related", i, "event"), "an event cannot be related to itself")
        else:
            check.reference(catalog, doc, ("related", i, "event"), rel.event, "event")
        if (rel.event, rel.relation) in first:
            check.add(
                doc,
                ("related", i),
                f"{rel.event!r} is already related as {rel.relation!r} (related"
                f"[{first[rel.event, rel.relation]}]); delete one of the two entries",
            )
        first.setdefault((rel.event, rel.relation), i)


def _check_casualties(check: Checker, doc: Document, event: Event) -> None:
    """No empty figures, and what each source reports lies within the event's figures."""
    casualties = event.casualties
    if casualties and casualties.killed is None and casualties.wounded is None:
        check.add(
            doc,
            ("casualties",),
            "empty; give killed and/or wounded, or leave "
            "casualties out when the sources do not say",
        )
    for kind in ("killed", "wounded"):
        counts = getattr(casualties, kind) if casualties else None
        if counts is not None and not any(
            getattr(counts, group) is not None for group in CASUALTY_GROUPS
        ):
            check.add(
                doc,
                ("casualties", kind),
                f"empty; give a figure for at least one group ({', '.join(CASUALTY_GROUPS)}),"
                f" or leave {kind} out when the sources do not say",
            )
    for i, citation in present(event.sources):
        if citation.casualties:
            _check_source_figures(check, doc, i, citation.casualties, casualties)


def _bounds(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value, value
    return value.low, value.high


def _check_source_figures(
    check: Checker, doc: Document, index: int, reported: Casualties, overall: Casualties | None
) -> None:
    """What one source reports must lie within the event's figures (its low/high range)."""
    for kind in ("killed", "wounded"):
        counts = getattr(reported, kind)
        if counts is None:
            continue
        for group in CASUALTY_GROUPS:
            said = _bounds(getattr(counts, group))
            if said is None:
                continue
            loc = ("sources", index, "casualties", kind, group)
            total = getattr(overall, kind) if overall else None
            span = _bounds(getattr(total, group)) if total else None
            if span is None:
                check.add(
                    doc,
                    loc,
                    f"this source gives a figure but the event's "
                    f"casualties.{kind}.{group} is missing; add it (a low/high range "
                    "when sources disagree)",
                )
            elif said[0] < span[0] or said[1] > span[1]:
                check.add(
                    doc,
                    loc,
                    f"{said[0] if said[0] == said[1] else said} is outside the "
                    f"event's casualties.{kind}.{group} ({span[0]}–{span[1]}); widen the "
                    "event's range to include every source",
                )


#: Ids shown of a parent chain that loops; a longer chain is cut with "…".
SHOWN_CHAIN = 8


def _check_cycle(
    check: Checker,
    doc: Document,
    start: str,
    table: dict[str, Actor] | dict[str, Location],
    known: dict[str, bool],
) -> None:
    """Report ``start`` when following its parents never ends. ``known`` (one per table) says
    whether the chain from an id ends (True) or loops (False): a chain of thousands is walked
    about once, not once per record in it, and a message shows at most SHOWN_CHAIN ids."""
    seen: dict[str, None] = {start: None}
    current = table[start].parent
    while current and current in table and known.get(current) is not True:
        looped = current in seen
        if looped or (known.get(current) is False and len(seen) >= SHOWN_CHAIN):
            chain = [*seen, current]
            shown = " -> ".join(chain[:SHOWN_CHAIN])
            if looped and len(chain) <= SHOWN_CHAIN:
                shown = " -> ".join(chain)
            else:
                shown += " -> …"
            check.add(doc, ("parent",), f"parent chain loops back on itself: {shown}")
            known.update(dict.fromkeys(seen, False))
            return
        seen[current] = None
        current = table[current].parent
    known.update(dict.fromkeys(seen, True))
