"""The validated whole: every record loaded, every cross-reference checked, and the indexes
the pages need (events by actor, by place, by source, related events both ways).

Nothing here writes files: ``load_catalog`` either returns a complete, consistent Catalog or
raises ``ValidationFailed`` with every problem in every file.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import edtf
from .errors import Problem, ValidationFailed
from .explain import did_you_mean, dotted, schema_problems
from .load import Document, LoadError, load_file
from .model import CASUALTY_GROUPS, KINDS, RELATIONS, Actor, Event, Location, Source, Strict


@dataclass(frozen=True)
class Appearance:
    """An actor's part in one event."""

    event: Event
    role: str
    by: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Link:
    """A related event as seen from one side: label says how it relates to this event."""

    label: str
    event: Event
    note: str | None = None


@dataclass
class Catalog:
    """All content, validated. Events are kept in chronological order."""

    root: Path
    events: dict[str, Event] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    #: Where each record came from, for messages and "edit this page" links.
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    # Indexes, built by ``_index``.
    appearances: dict[str, list[Appearance]] = field(default_factory=dict)
    events_at: dict[str, list[Event]] = field(default_factory=dict)
    citing: dict[str, list[Event]] = field(default_factory=dict)
    links: dict[str, list[Link]] = field(default_factory=dict)
    child_actors: dict[str, list[Actor]] = field(default_factory=dict)
    child_locations: dict[str, list[Location]] = field(default_factory=dict)

    def when(self, event: Event) -> edtf.EDTFDate:
        return edtf.parse(event.date)

    def _index(self) -> None:
        ordered = sorted(
            self.events.values(),
            key=lambda e: (self.when(e).earliest, self.when(e).latest, e.id),
        )
        self.events = {e.id: e for e in ordered}
        appearances: dict[str, list[Appearance]] = defaultdict(list)
        events_at: dict[str, list[Event]] = defaultdict(list)
        citing: dict[str, list[Event]] = defaultdict(list)
        links: dict[str, list[Link]] = defaultdict(list)
        for event in ordered:
            for part in event.actors:
                appearances[part.actor].append(
                    Appearance(event, part.role, tuple(part.by), part.note)
                )
                for accuser in part.by:
                    appearances[accuser].append(Appearance(event, "attributed-by"))
            for place in dict.fromkeys(p.place for p in event.locations):
                events_at[place].append(event)
            for source in dict.fromkeys(c.source for c in event.sources):
                citing[source].append(event)
            for rel in event.related:
                forward, backward = RELATIONS[rel.relation]
                links[event.id].append(Link(forward, self.events[rel.event], rel.note))
                links[rel.event].append(Link(backward, event, rel.note))
        # An accuser named in `by` who is also listed with role attributed-by appears once.
        for actor_id, items in appearances.items():
            seen: set[tuple[str, str]] = set()
            unique = []
            for item in items:
                if (item.event.id, item.role) not in seen or item.by or item.note:
                    unique.append(item)
                seen.add((item.event.id, item.role))
            appearances[actor_id] = unique
        self.appearances = dict(appearances)
        self.events_at = dict(events_at)
        self.citing = dict(citing)
        self.links = {
            k: sorted(v, key=lambda ln: self.when(ln.event).earliest) for k, v in links.items()
        }
        children_a: dict[str, list[Actor]] = defaultdict(list)
        for actor in self.actors.values():
            if actor.parent:
                children_a[actor.parent].append(actor)
        children_l: dict[str, list[Location]] = defaultdict(list)
        for location in self.locations.values():
            if location.parent:
                children_l[location.parent].append(location)
        self.child_actors = dict(children_a)
        self.child_locations = dict(children_l)


# --- loading -----------------------------------------------------------------------------


def _normalise_quote_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(
        str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
    )
    return re.sub(r"\s+", " ", text).strip().casefold()


class _Checker:
    """Collects problems across the whole content tree."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.docs: dict[tuple[str, str], Document] = {}
        self.seed_text: dict[str, str | None] = {}
        #: ids whose file exists but is invalid: already reported, so references to them
        #: are not reported again as unknown.
        self.broken: set[tuple[str, str]] = set()

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

    def seed(self, name: str) -> str | None:
        if name not in self.seed_text:
            path = self.root / "seeds" / name
            try:
                self.seed_text[name] = _normalise_quote_text(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                self.seed_text[name] = None
        return self.seed_text[name]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def content_files(root: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """Every record file under ``root/content`` as (kind, path), and misplaced files."""
    content = root / "content"
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    if not content.is_dir():
        problems.append(
            Problem(
                _relative(content, root),
                0,
                0,
                "",
                "folder not found; run chronology from the project folder",
            )
        )
        return found, problems
    for path in sorted(content.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        shown = _relative(path, root)
        parts = path.relative_to(content).parts
        if len(parts) != 2 or parts[0] not in KINDS:
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "",
                    "is not in one of the content folders "
                    f"({', '.join(f'content/{k}/' for k in KINDS)})",
                )
            )
        elif path.suffix == ".yml":
            problems.append(
                Problem(shown, 0, 0, "", "rename to .yaml (content files end in .yaml)")
            )
        elif path.suffix != ".yaml":
            problems.append(
                Problem(shown, 0, 0, "", "is not a .yaml file; content/ holds only YAML records")
            )
        else:
            found.append((parts[0], path))
    return found, problems


def load_catalog(root: Path) -> Catalog:
    """Load and check everything under ``root/content``; raise ValidationFailed if anything
    is wrong, listing every problem."""
    root = root.resolve()
    checker = _Checker(root)
    files, misplaced = content_files(root)
    checker.problems.extend(misplaced)
    catalog = Catalog(root=root)
    tables: dict[str, dict[str, Any]] = {
        "events": catalog.events,
        "actors": catalog.actors,
        "locations": catalog.locations,
        "sources": catalog.sources,
    }
    folded: dict[tuple[str, str], str] = {}
    for kind, path in files:
        shown = _relative(path, root)
        try:
            doc = load_file(path, shown)
        except LoadError as exc:
            checker.problems.append(exc.problem)
            checker.broken.add((kind, path.stem))
            continue
        model = KINDS[kind]
        try:
            record: Strict = model.model_validate(doc.data)
        except ValidationError as exc:
            checker.problems.extend(schema_problems(doc, model, exc))
            checker.broken.add((kind, path.stem))
            continue
        record_id = record.id  # type: ignore[attr-defined]
        if record_id != path.stem:
            checker.add(
                doc,
                ("id",),
                f"{record_id!r} does not match the file name; rename the "
                f"file to {record_id}.yaml or set id: {path.stem}",
            )
            checker.broken.add((kind, path.stem))
            checker.broken.add((kind, record_id))
            continue
        key = unicodedata.normalize("NFKC", record_id).casefold()
        if (kind, key) in folded:
            checker.add(
                doc,
                ("id",),
                f"collides with {folded[kind, key]} (ids must differ by more than letter case)",
            )
            continue
        folded[kind, key] = shown
        tables[kind][record_id] = record
        checker.docs[kind, record_id] = doc
        catalog.files[kind, record_id] = shown

    _check_references(catalog, checker)
    errors = [p for p in checker.problems if p.severity == "error"]
    if errors:
        raise ValidationFailed(checker.problems)
    catalog.warnings = [p for p in checker.problems if p.severity != "error"]
    catalog._index()
    return catalog


def _check_references(catalog: Catalog, check: _Checker) -> None:
    actors, places, sources, events = (
        catalog.actors,
        catalog.locations,
        catalog.sources,
        catalog.events,
    )

    def ref(
        doc: Document, loc: tuple[Any, ...], value: str, table: dict[str, Any], what: str
    ) -> bool:
        if value in table:
            return True
        if (what_folder[what], value) in check.broken:
            return False  # its own file is invalid and already reported
        check.add(
            doc,
            loc,
            f"unknown {what} {value!r}{did_you_mean(value, table)}; "
            f"add content/{what_folder[what]}/{value}.yaml or fix the id",
        )
        return False

    what_folder = {
        "actor": "actors",
        "location": "locations",
        "source": "sources",
        "event": "events",
    }

    for event in events.values():
        doc = check.docs["events", event.id]
        when = edtf.parse(event.date)
        for i, place in enumerate(event.locations):
            ref(doc, ("locations", i, "place"), place.place, places, "location")
        seen_parts: set[tuple[str, str]] = set()
        for i, part in enumerate(event.actors):
            ref(doc, ("actors", i, "actor"), part.actor, actors, "actor")
            if (part.actor, part.role) in seen_parts:
                check.add(
                    doc,
                    ("actors", i),
                    f"{part.actor!r} is already listed with role "
                    f"{part.role!r}; merge the two entries",
                )
            seen_parts.add((part.actor, part.role))
            if part.by and part.role != "suspected":
                check.add(
                    doc,
                    ("actors", i, "by"),
                    "'by' names who blamed an actor; it belongs only on role 'suspected'",
                )
            for j, accuser in enumerate(part.by):
                ref(doc, ("actors", i, "by", j), accuser, actors, "actor")
        for i, citation in enumerate(event.sources):
            if ref(doc, ("sources", i, "source"), citation.source, sources, "source"):
                _check_quote(
                    check, doc, ("sources", i, "quote"), citation.quote, sources[citation.source]
                )
                published = edtf.parse(sources[citation.source].date)
                first_citation = all(c.source != citation.source for c in event.sources[:i])
                if first_citation and when.earliest > published.latest:
                    check.add(
                        doc,
                        ("date",),
                        f"{event.date} is after source "
                        f"{citation.source!r} was published ({published.text}); a "
                        "source cannot report a later event",
                    )
        for i, rel in enumerate(event.related):
            if rel.event == event.id:
                check.add(doc, ("related", i, "event"), "an event cannot be related to itself")
            else:
                ref(doc, ("related", i, "event"), rel.event, events, "event")
        casualties = event.casualties
        if casualties and casualties.killed is None and casualties.wounded is None:
            check.add(
                doc,
                ("casualties",),
                "empty; give killed and/or wounded, or leave "
                "casualties out when the sources do not say",
            )
        for i, citation in enumerate(event.sources):
            if citation.casualties:
                _check_source_figures(check, doc, i, citation.casualties, casualties)

    for actor in actors.values():
        doc = check.docs["actors", actor.id]
        if actor.parent and ref(doc, ("parent",), actor.parent, actors, "actor"):
            _check_cycle(check, doc, actor.id, actors)
        for i, citation in enumerate(actor.sources):
            if ref(doc, ("sources", i, "source"), citation.source, sources, "source"):
                _check_quote(
                    check, doc, ("sources", i, "quote"), citation.quote, sources[citation.source]
                )
    for location in places.values():
        doc = check.docs["locations", location.id]
        if location.parent and ref(doc, ("parent",), location.parent, places, "location"):
            _check_cycle(check, doc, location.id, places)
    for source in sources.values():
        doc = check.docs["sources", source.id]
        if source.seed and check.seed(source.seed) is None:
            check.add(doc, ("seed",), f"seeds/{source.seed} not found (or not UTF-8 text)")


def _bounds(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value, value
    return value.low, value.high


def _check_source_figures(
    check: _Checker, doc: Document, index: int, reported: Any, overall: Any
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


def _check_quote(
    check: _Checker, doc: Document, loc: tuple[Any, ...], quote: str, source: Source
) -> None:
    """A quote must be the source's own words: every '...'-separated part, in order."""
    if not source.seed:
        return
    text = check.seed(source.seed)
    if text is None:
        return  # reported once, on the source
    position = 0
    for part in re.split(r"\.\.\.|…", quote):
        wanted = _normalise_quote_text(part).strip(" .,;:\"'")
        if not wanted:
            continue
        found = text.find(wanted, position)
        if found < 0:
            check.add(
                doc,
                loc,
                f"not found in seeds/{source.seed} (the text of "
                f"{source.id!r}): {part.strip()[:80]!r}; copy the words exactly",
            )
            return
        position = found + len(wanted)


def _check_cycle(
    check: _Checker, doc: Document, start: str, table: dict[str, Actor] | dict[str, Location]
) -> None:
    seen = [start]
    current = table[start].parent
    while current and current in table:
        if current in seen:
            chain = " -> ".join([*seen, current])
            check.add(doc, ("parent",), f"parent chain loops back on itself: {chain}")
            return
        seen.append(current)
        current = table[current].parent


__all__ = ["Appearance", "Catalog", "Link", "load_catalog"]
