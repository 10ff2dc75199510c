"""The validated whole: every record loaded, every cross-reference checked, and the indexes
the pages need (events by actor, by place, by source, related events both ways).

Nothing here writes files: ``load_catalog`` either returns a complete, consistent Catalog or
raises ``ValidationFailed`` with every problem in every file.
"""

from __future__ import annotations

import dataclasses
import gc
import os
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
from .dedupe import day_of, find_duplicates
from .load import MAX_FILE_BYTES, Document, LoadError, load_file
from .messages import dotted, schema_problems
from .model import CASUALTY_GROUPS, KINDS, RELATIONS, Actor, Event, Location, Source, Strict
from .suggest import Suggester


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

    def table(self, kind: str) -> dict[str, Any]:
        """The records of one folder under content/ ("events", "actors", ...) by id."""
        return {
            "events": self.events,
            "actors": self.actors,
            "locations": self.locations,
            "sources": self.sources,
        }[kind]

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
        #: ids of records that exist but were not loaded (checking some files only), by folder.
        self.elsewhere: dict[str, set[str]] = defaultdict(set)
        self._suggesters: dict[str, Suggester] = {}

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

    def seed(self, name: str) -> str | None:
        if name not in self.seed_text:
            raw = _read_bytes(self.root / "seeds" / name, limit=MAX_SEED_BYTES)
            try:
                text = None if raw is None else _normalise_quote_text(raw.decode("utf-8"))
            except UnicodeDecodeError:
                text = None
            self.seed_text[name] = text
        return self.seed_text[name]


#: Larger article texts are treated as unreadable; real ones are some 10 KB.
MAX_SEED_BYTES = 10_000_000


def _read_bytes(path: Path, limit: int) -> bytes | None:
    """The bytes of a file of at most ``limit`` bytes, else None (also when it cannot be
    read). Never through a symbolic link: one committed in a pull request and pointing at
    /dev/zero would be read until memory runs out, one pointing at ~/.ssh could be quoted."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(handle, "rb") as file:
            data = file.read(limit + 1)
    except OSError:  # missing, a link (ELOOP), a folder (EISDIR)
        return None
    return data if len(data) <= limit else None


def _files_under(folder: Path) -> list[tuple[tuple[str, ...], Path]]:
    """Every file below ``folder`` as (path parts relative to it, path), in the order of
    ``sorted(folder.rglob("*"))``; one directory scan per folder instead of a stat per file."""
    found = []
    for current, folders, names in os.walk(folder):
        base = Path(current)
        relative = base.relative_to(folder).parts
        found.extend(((*relative, name), base / name) for name in names)
        # os.walk does not descend into linked folders; list them so they are reported
        # (content_files) rather than skipped without a word.
        found.extend(
            ((*relative, name), base / name) for name in folders if (base / name).is_symlink()
        )
    found.sort(key=lambda item: item[0])
    return found


def _relative(path: Path, root: Path) -> str:
    text, prefix = str(path), str(root) + os.sep
    if text.startswith(prefix):  # the usual case, without pathlib's parsing
        return text[len(prefix) :].replace(os.sep, "/")
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
    for parts, path in _files_under(content):
        if path.name.startswith("."):
            continue
        shown = _relative(path, root)
        if path.is_symlink() and path.is_dir():
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "",
                    "is a symbolic link to a folder; content must be "
                    "ordinary files and folders (copy the records here instead of linking)",
                )
            )
        elif len(parts) != 2 or parts[0] not in KINDS:
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


class RecordCache:
    """Records already read and validated, for a process that loads the same content again
    and again (``chronology serve``): a file whose size, times, inode and mode have not changed
    since is not read again. Only records that passed every check of their own are kept; the
    checks across files (references, duplicates, quotes) run in full on every load."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, ...], Document, Strict]] = {}

    @staticmethod
    def signature(path: Path) -> tuple[int, ...] | None:
        try:
            st = os.lstat(path)  # lstat: a file replaced by a link is read (and refused) again
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_mode)

    def get(self, path: Path, signature: tuple[int, ...] | None) -> tuple[Document, Strict] | None:
        entry = self._entries.get(path)
        if signature is None or entry is None or entry[0] != signature:
            return None
        return entry[1], entry[2]

    def put(
        self, path: Path, signature: tuple[int, ...] | None, doc: Document, record: Strict
    ) -> None:
        if signature is not None:
            self._entries[path] = (signature, doc, record)

    def retain(self, paths: Iterable[Path]) -> None:
        """Forget the files that are gone."""
        keep = set(paths)
        self._entries = {p: e for p, e in self._entries.items() if p in keep}


def load_catalog(root: Path, *, cache: RecordCache | None = None) -> Catalog:
    """Load and check everything under ``root/content``; raise ValidationFailed if anything
    is wrong, listing every problem. With ``cache``, unchanged files are not read again."""
    catalog, problems = _gather(root.resolve(), cache=cache)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationFailed(problems)
    catalog.warnings = sorted(p for p in problems if p.severity != "error")
    catalog._index()
    return catalog


def check_content(root: Path, files: Iterable[Path] | None = None) -> tuple[Catalog, list[Problem]]:
    """Every problem, errors and warnings, sorted, without raising.

    With ``files`` (paths under ``root``), only the problems of those files are returned,
    checked against the whole tree: their references resolve against every other file. Other
    events are then not loaded, only listed (their ids are their file names) and scanned for
    the dates of possible duplicates, so checking one file of 10,000 takes a fraction of the
    time of checking them all. The catalog returned is not indexed and, with ``files``,
    incomplete: use it for counts only.
    """
    root = root.resolve()
    if files is None:
        catalog, problems = _gather(root)
        return catalog, sorted(problems)
    wanted: set[str] = set()
    problems: list[Problem] = []
    for file in files:
        shown = _relative(file.resolve(), root)
        if Path(shown).is_absolute() or not shown.startswith("content/"):
            problems.append(
                Problem(
                    str(file),
                    0,
                    0,
                    "",
                    f"is not under {_relative(root / 'content', Path.cwd())}/; give the path "
                    "of a content file, like content/events/<id>.yaml",
                )
            )
        elif not (root / shown).is_file():
            problems.append(Problem(shown, 0, 0, "", "not found; check the file name"))
        else:
            wanted.add(shown)
    catalog, found = _gather(root, only=wanted)
    problems.extend(p for p in found if p.path in wanted)
    return catalog, sorted(problems)


@contextmanager
def _gc_paused(collect: bool = True) -> Iterator[None]:
    """Loading creates millions of small objects and no garbage worth collecting; the cyclic
    collector would walk them over and over (60% of the time on 10,000 events).

    Without ``collect``, the garbage of a long-lived process's last load is left to its
    caller: ``chronology serve`` collects while idle, not while an edit waits to show (the
    full collection over its heap takes seconds at 10,000 events)."""
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
        # What is still referenced lives as long as the catalog. Re-enabled as is, the
        # collector's next pass would walk every object made here once (a third of the time
        # on 10,000 events); frozen, it never looks at them. Garbage among them is acyclic and
        # freed by reference counting all the same.
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


#: A top-level ``date:`` that names one day, read without parsing the file.
_DAY_LINE = re.compile(r"^date:[ \t]*[\"']?([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9/])", re.M)
_ANY_DATE_LINE = re.compile(r"^date:", re.M)


def _gather(
    root: Path, only: set[str] | None = None, cache: RecordCache | None = None
) -> tuple[Catalog, list[Problem]]:
    checker = _Checker(root)
    files, misplaced = content_files(root)
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
            if only is not None and kind == "events" and _relative(path, root) not in only:
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
        _check_references(catalog, checker)
        _check_duplicates(catalog, checker)
    return catalog, checker.problems


def _load_possible_duplicates(
    catalog: Catalog,
    checker: _Checker,
    others: list[Path],
    folded: dict[tuple[str, str], str],
    pending: list[tuple[int, str, str]],
) -> None:
    """Load the other events that might share a day with the events being checked."""
    days = {str(day) for event in catalog.events.values() if (day := day_of(event))}
    if not days:
        return
    for path in others:
        raw = _read_bytes(path, limit=MAX_FILE_BYTES)
        if raw is None:
            continue  # refused (a link, too large) or unreadable: reported when it is checked
        text = raw.decode("utf-8", errors="replace")
        match = _DAY_LINE.search(text)
        if match and match.group(1) not in days:
            continue
        if not match and _ANY_DATE_LINE.search(text):
            continue  # a month, a year or an interval: never a duplicate by day
        _load_record(catalog, checker, "events", path, folded, pending)


def _load_record(
    catalog: Catalog,
    checker: _Checker,
    kind: str,
    path: Path,
    folded: dict[tuple[str, str], str],
    pending: list[tuple[int, str, str]],
    cache: RecordCache | None = None,
) -> None:
    shown = _relative(path, checker.root)
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
        checker.add(
            doc,
            ("id",),
            f"{record_id!r} does not match the file name; rename the "
            f"file to {record_id}.yaml or set id: {path.stem}",
        )
        checker.broken.add((kind, path.stem))
        checker.broken.add((kind, record_id))
        return
    key = unicodedata.normalize("NFKC", record_id).casefold()
    if (kind, key) in folded:
        checker.add(
            doc,
            ("id",),
            f"collides with {folded[kind, key]} (ids must differ by more than letter case)",
        )
        return
    if cached is None:
        before = len(checker.problems)
        _check_placeholders(checker, doc, doc.data, ())
        if cache is not None and len(checker.problems) == before:
            cache.put(path, signature, doc, record)
    folded[kind, key] = shown
    catalog.table(kind)[record_id] = record
    checker.docs[kind, record_id] = doc
    catalog.files[kind, record_id] = shown


def _read_record(
    checker: _Checker, kind: str, path: Path, shown: str, pending: list[tuple[int, str, str]]
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
        return None
    return doc, record


def _check_placeholders(check: _Checker, doc: Document, value: Any, loc: tuple[Any, ...]) -> None:
    """A TODO left from a draft (``chronology new``, ``chronology extract``) is an error:
    the text would otherwise be published as it is."""
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
            _check_placeholders(check, doc, item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_placeholders(check, doc, item, (*loc, index))


def _check_duplicates(catalog: Catalog, check: _Checker) -> None:
    for dup in find_duplicates(catalog.events.values()):
        other_file = catalog.files["events", dup.other]
        check.add(
            check.docs["events", dup.event],
            ("date",),
            f"probably the same event as {other_file} (same day, place {dup.place!r} and "
            f"type {dup.type!r}); merge the two files, keeping every source, or if they are "
            f"different events add to one of them: related: [{{event: {dup.other}, "
            "relation: follows}]",
            severity="warning",
        )


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
        folder = what_folder[what]
        if check.known(folder, value, table):
            return True
        if (folder, value) in check.broken:
            return False  # its own file is invalid and already reported
        check.add(
            doc,
            loc,
            f"unknown {what} {value!r}{check.suggester(catalog, folder).hint(value)}; "
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
