"""The validated whole: every record loaded, every cross-reference checked, and the indexes
the pages need (events by actor, by place, by source, related events both ways).

Nothing here writes files: ``load_catalog`` either returns a complete, consistent Catalog or
raises ``ValidationFailed`` with every problem in every file. The rules across files live in
``checks.py``, file discovery in ``files.py``, the preview's record cache in ``cache.py``.
"""

from __future__ import annotations

import dataclasses
import gc
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Problem, ValidationFailed
from . import edtf
from .cache import RecordCache
from .checks import Checker, check_draft, check_references
from .dedupe import Nearby, report_duplicates
from .files import content_files, located, not_a_file, read_bytes, relative
from .load import MAX_FILE_BYTES, Document, LoadError, load_file
from .messages import clean_loc, id_mismatch, schema_problems
from .model import KINDS, Actor, Citation, Event, Location, Source, Strict
from .partial import salvage
from .vocabulary import RELATIONS


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

    def quote_checked(self, citation: Citation) -> bool:
        """Whether the citation's quote was checked against a stored copy of its source (the
        article's text in seeds/); if not, pages say so."""
        return self.sources[citation.source].has_stored_copy

    def table(self, kind: str) -> dict[str, Any]:
        """The records of one folder under content/ ("events", "actors", ...) by id."""
        if kind not in KINDS:
            raise KeyError(kind)
        return getattr(self, kind)  # each folder's records are the attribute of that name

    def when(self, event: Event) -> edtf.EDTFDate:
        return edtf.parse(event.date)

    def _index(self) -> None:
        ordered = sorted(
            self.events.values(),
            key=lambda e: (*self.when(e).sort_key, e.id),
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


def load_catalog(root: Path, *, cache: RecordCache | None = None) -> Catalog:
    """Load and check everything under ``root/content``; raise ValidationFailed if anything
    is wrong, listing every problem. With ``cache``, unchanged files are not read again."""
    catalog, problems = _gather(root.resolve(), cache=cache)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationFailed(problems)
    catalog.warnings = sorted(p for p in problems if p.severity != "error")
    if cache is None or not cache.index.reuse(catalog):
        catalog._index()
        if cache is not None:
            cache.index.keep(catalog)
    return catalog


def check_content(root: Path, files: Iterable[Path] | None = None) -> tuple[Catalog, list[Problem]]:
    """Every problem, errors and warnings, sorted, without raising.

    With ``files`` (paths under ``root``), only the problems of those files are returned,
    checked against the whole tree: their references resolve against every other file. Other
    events are then not loaded, only listed (their ids are their file names) and scanned for
    the dates and sources of possible duplicates, so checking one file does not cost checking
    them all.
    The catalog returned is not indexed and, with ``files``,
    incomplete: use it for counts only.
    """
    root = root.resolve()
    if files is None:
        catalog, problems = _gather(root)
        return catalog, sorted(problems)
    wanted: set[str] = set()
    problems: list[Problem] = []
    for file in files:
        shown = relative(located(file), root)
        if Path(shown).is_absolute() or not shown.startswith("content/"):
            problems.append(
                Problem(
                    str(file),
                    0,
                    0,
                    "",
                    f"is not under {relative(root / 'content', Path.cwd())}/; give the path "
                    "of a content file, like content/events/<id>.yaml",
                )
            )
        elif (kind := _kind_of(root / shown)) is not None:
            problems.append(Problem(shown, 0, 0, "", kind))
        else:
            wanted.add(shown)
    catalog, found = _gather(root, only=wanted)
    problems.extend(p for p in found if p.path in wanted)
    return catalog, sorted(problems)


def _kind_of(path: Path) -> str | None:
    """Why ``path``, named on the command line, is not a file to check, or None."""
    try:
        kind = not_a_file(path.lstat().st_mode)
    except OSError:
        return "not found; check the file name"
    if kind is None or kind == "a symbolic link":
        return None  # a link is refused with the reason when it is read
    return f"is {kind}, not a content file"


@contextmanager
def _gc_paused(collect: bool = True) -> Iterator[None]:
    """Loading makes millions of small objects and no cyclic garbage, so the cyclic collector
    is paused: its passes over them would find nothing to free.

    Without ``collect``, the garbage of a long-lived process's last load is left to its
    caller: ``chronology serve`` collects while idle, not while an edit waits to show."""
    enabled = gc.isenabled()
    if collect and gc.get_freeze_count():
        # A long-lived process (mkdocs serve) loading again: let the collector see the last
        # catalog and free what is garbage now, before freezing what lives on.
        gc.unfreeze()
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        # What is still referenced lives as long as the catalog; frozen, it is never walked
        # by the collector again. Garbage among it is acyclic and freed by reference counting.
        gc.freeze()
        if enabled:
            gc.enable()


#: Reference fields whose value must be an id of some kind: (folder of the record holding the
#: field, its dotted path) -> folder of the records it names.
_REFERENCE_FIELDS: list[tuple[str, re.Pattern[str], str]] = [
    ("events", re.compile(r"actors\[\d+\]\.(actor|by\[\d+\])"), "actors"),
    ("events", re.compile(r"locations\[\d+\]\.place"), "locations"),
    ("events", re.compile(r"(sources|related)\[\d+\]\.(source|event)"), ""),
    ("actors", re.compile(r"parent"), "actors"),
    ("actors", re.compile(r"sources\[\d+\]\.source"), "sources"),
    ("locations", re.compile(r"parent"), "locations"),
]


def _reference_folder(kind: str, field_path: str) -> str | None:
    for holder, pattern, folder in _REFERENCE_FIELDS:
        if holder == kind and pattern.fullmatch(field_path):
            return folder or ("sources" if field_path.endswith(".source") else "events")
    return None


def _gather(
    root: Path, only: set[str] | None = None, cache: RecordCache | None = None
) -> tuple[Catalog, list[Problem]]:
    checker = Checker(root, cache.quotes if cache is not None else None)
    checker.kept_by = cache
    files, misplaced = cache.content_files(root) if cache is not None else content_files(root)
    if cache is not None:
        cache.retain(path for _, path in files)
    checker.problems.extend(misplaced)
    catalog = Catalog(root=root)
    folded: dict[tuple[str, str], str] = {}
    #: Schema errors on a reference written as text ("Kataeb Hezbollah"): (index in
    #: checker.problems, folder it refers to, the value), completed with a suggestion once
    #: every name is known.
    pending: list[tuple[int, str, str]] = []
    others: list[Path] = []
    with _gc_paused(collect=cache is None):
        for kind, path in files:
            if only is not None and kind == "events" and relative(path, root) not in only:
                checker.elsewhere["events"].add(path.stem)
                others.append(path)
                continue
            _load_record(catalog, checker, kind, path, folded, pending, cache)
        if only is not None:
            _load_possible_duplicates(catalog, checker, others, folded, pending)
        for index, folder, value in pending:
            hint = checker.suggester(catalog, folder).hint(value, text=True)
            if hint:
                problem = checker.problems[index]
                message = problem.message.replace(
                    " is not a valid id;", f" is not a valid id{hint};", 1
                )
                checker.problems[index] = dataclasses.replace(problem, message=message)
        check_references(catalog, checker)
        report_duplicates(catalog, checker)  # the same event, actor or place in two files
    return catalog, checker.problems


def _load_possible_duplicates(
    catalog: Catalog,
    checker: Checker,
    others: list[Path],
    folded: dict[tuple[str, str], str],
    pending: list[tuple[int, str, str]],
) -> None:
    """Load the other events that could duplicate the events being checked (dedupe.py)."""
    nearby = Nearby(catalog.events.values())
    if not nearby:
        return
    for path in others:
        raw = read_bytes(path, limit=MAX_FILE_BYTES)
        if raw is None:
            continue  # refused (a link, too large) or unreadable: reported when it is checked
        if nearby.could_duplicate(raw.decode("utf-8", errors="replace")):
            _load_record(catalog, checker, "events", path, folded, pending)


def _load_record(
    catalog: Catalog,
    checker: Checker,
    kind: str,
    path: Path,
    folded: dict[tuple[str, str], str],
    pending: list[tuple[int, str, str]],
    cache: RecordCache | None = None,
) -> None:
    shown = relative(path, checker.root)
    signature = cache.signature(path) if cache is not None else None
    cached = cache.get(path, signature) if cache is not None else None
    if cached is not None:
        doc, record = cached
    else:
        read = _read_record(checker, kind, path, shown, pending)
        if read is None:
            return
        doc, record = read
    record_id = record.id  # type: ignore[attr-defined]
    if record_id != path.stem:
        checker.add(doc, ("id",), id_mismatch(record_id, path.stem))
        checker.broken.add((kind, path.stem))
        checker.broken.add((kind, record_id))
        checker.partial.append((kind, doc, record))
        return
    key = unicodedata.normalize("NFKC", record_id).casefold()
    if (kind, key) in folded:
        checker.add(
            doc,
            ("id",),
            f"collides with {folded[kind, key]} (ids must differ by more than letter case)",
        )
        checker.partial.append((kind, doc, record))
        return
    if cached is None:
        before = len(checker.problems)
        check_draft(checker, doc)
        if cache is not None and len(checker.problems) == before:
            cache.put(path, signature, doc, record)
    folded[kind, key] = shown
    catalog.table(kind)[record_id] = record
    checker.docs[kind, record_id] = doc
    catalog.files[kind, record_id] = shown


def _read_record(
    checker: Checker, kind: str, path: Path, shown: str, pending: list[tuple[int, str, str]]
) -> tuple[Document, Strict] | None:
    """The file parsed and validated against its format, or None with its problems noted."""
    try:
        doc = load_file(path, shown)
    except LoadError as exc:
        checker.problems.append(exc.problem)
        checker.broken.add((kind, path.stem))
        return None
    model = KINDS[kind]
    try:
        record: Strict = model.model_validate(doc.data)
    except ValidationError as exc:
        found = schema_problems(doc, model, exc)
        for error, problem in zip(exc.errors(include_url=False), found, strict=True):
            folder = _reference_folder(kind, problem.field)
            value = error.get("input")
            if folder and error["type"] == "string_pattern_mismatch" and isinstance(value, str):
                pending.append((len(checker.problems), folder, value))
            checker.problems.append(problem)
        checker.broken.add((kind, path.stem))
        locs = [clean_loc(tuple(error["loc"])) for error in exc.errors(include_url=False)]
        partial = salvage(model, doc.data, locs)
        if partial is not None:
            checker.partial.append((kind, doc, partial))
            check_draft(checker, doc)
        return None
    return doc, record


__all__ = ["Appearance", "Catalog", "Link", "check_content", "load_catalog"]
