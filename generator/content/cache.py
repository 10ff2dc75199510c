"""What a long-lived process (``chronology serve``) keeps between loads of the content, so
that an edit to one file re-reads that file only: the records (``RecordCache``), and the
duplicates found, which are looked for again only when what the search reads changed
(``DuplicateMemo``), and each event's cross-file problems, checked again only when the event
or what they read of other files changed (``ReferenceMemo``), and the catalog's indexes, with
an edited event put in its old one's place when what they read of it is the same
(``IndexMemo``)."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from .dedupe import Duplicate, Spelling, find_duplicates, same_names
from .files import content_files
from .load import Document
from .model import Event, Location, Strict
from .quotes import QuoteMemo

if TYPE_CHECKING:  # the catalog imports this module, the checks the catalog's
    from .catalog import Catalog
    from .checks import Checker

#: What content_files gives: every record file as (kind, path), and misplaced files.
Listing = tuple[list[tuple[str, Path]], list[Problem]]
#: A folder changed this recently is listed again next time whatever its times say.
RACY_SECONDS = 2


def _folder_signature(folder: str) -> tuple[int, ...] | None:
    try:
        st = os.lstat(folder)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_mode)


class RecordCache:
    """Records already read and validated, for a process that loads the same content again
    and again (``chronology serve``): a file whose size, times, inode and mode have not changed
    since is not read again. Only records that passed every check of their own are kept; the
    checks across files (references, duplicates, quotes) run on every load, a quote already
    found in an unchanged stored article excepted (``quotes``)."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, ...], Document, Strict]] = {}
        self.quotes = QuoteMemo(keep=True)
        self.duplicates = DuplicateMemo()
        self.references = ReferenceMemo()
        self.index = IndexMemo()
        #: The last listing of content/: (root, its folders' signatures, the listing).
        self._listing: tuple[Path, list[tuple[str, tuple[int, ...] | None]], Listing] | None = None

    def content_files(self, root: Path) -> Listing:
        """``files.content_files(root)``, listed again only when a folder under content/
        changed since (a file added, removed or renamed changes its folder's times). A folder
        changed less than ``RACY_SECONDS`` before a listing may change again within the same
        tick of a coarse file-system clock unseen: that listing is not kept."""
        kept = self._listing
        if kept is not None and kept[0] == root:
            if all(_folder_signature(folder) == was for folder, was in kept[1]):
                return kept[2]
        started = time.time_ns()
        folders = [
            (folder, _folder_signature(folder)) for folder, _, _ in os.walk(root / "content")
        ]
        listing = content_files(root)
        settled = started - RACY_SECONDS * 1_000_000_000
        if all(was is not None and was[0] < settled for _, was in folders):
            self._listing = (root, folders, listing)
        else:
            self._listing = None
        return listing

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


def _reads(event: Event) -> tuple[Any, ...]:
    """What ``find_duplicates`` reads of an event."""
    return (
        event.id,
        event.date,
        event.type,
        tuple(place.place for place in event.locations),
        tuple((citation.source, citation.quote) for citation in event.sources),
        tuple(entry.event for entry in event.distinct_from),
        tuple(relation.event for relation in event.related),
    )


def _same_records(old: Iterable[Any], new: Iterable[Any]) -> bool:
    """The same record objects in the same order (the record cache hands back the very
    object of a file that did not change, and a record is never changed once loaded)."""
    old, new = list(old), list(new)
    return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))


class DuplicateMemo:
    """The last load's duplicates, for a process that loads the same content again and again
    (``chronology serve``, kept by its RecordCache): found again only when an event changed
    what ``find_duplicates`` reads of it, or the places changed; names compared again only
    when the actors or places changed. The answers are those of a full search."""

    def __init__(self) -> None:
        self._events: tuple[list[Event], list[Location], list[Duplicate]] | None = None
        self._names: dict[str, tuple[list[Any], list[tuple[Spelling, Spelling]]]] = {}

    def duplicates(self, events: list[Event], places: dict[str, Location]) -> list[Duplicate]:
        last = self._events
        if (
            last is not None
            and _same_records(last[1], places.values())
            and len(last[0]) == len(events)
            and all(a is b or _reads(a) == _reads(b) for a, b in zip(last[0], events, strict=True))
        ):
            found = last[2]  # kept with this load's events, compared by identity next time
        else:
            found = find_duplicates(events, places)
        self._events = (events, list(places.values()), found)
        return found

    def names(self, folder: str, records: list[Any]) -> list[tuple[Spelling, Spelling]]:
        last = self._names.get(folder)
        if last is not None and _same_records(last[0], records):
            return last[1]
        found = same_names(records)
        self._names[folder] = (records, found)
        return found


class ReferenceMemo:
    """Each event's answer to the checks that read other files (checks.check_references: ids,
    quotes, dates against sources), kept from one load to the next. An event read from an
    unchanged file (the very same record and document) gets the same answer while all those
    checks read of the other files is the same: the actors, places and sources (the same
    objects), the events' ids, the files reported broken, and the stored articles' texts."""

    def __init__(self) -> None:
        self._catalog: Catalog | None = None
        self._world: tuple[Any, ...] | None = None
        self._same = False
        #: Event id -> (event, document, its problems, the quotes found for it), of the last
        #: load and of this one.
        self._last: dict[str, tuple[Any, Document, list[Problem], list[Any]]] = {}
        self._made: dict[str, tuple[Any, Document, list[Problem], list[Any]]] = {}
        self._started = (0, 0)

    def replay(self, catalog: Catalog, check: Checker, doc: Document, event: Event) -> bool:
        """Add the event's problems as the last load found them, if they must be the same;
        else False, and ``note`` is called once the event is checked."""
        if catalog is not self._catalog:  # the first event of a load
            world = _world(catalog, check)
            self._same = self._world is not None and _same_world(self._world, world)
            self._catalog, self._world = catalog, world
            self._last, self._made = self._made, {}
        kept = self._last.get(event.id) if self._same else None
        if kept is not None and kept[0] is event and kept[1] is doc:
            check.problems.extend(kept[2])
            check.kept.found.update(kept[3])  # its quotes stay known for the next load
            self._made[event.id] = kept
            return True
        self._started = (len(check.problems), len(check.kept.found))
        return False

    def note(self, check: Checker, doc: Document, event: Event) -> None:
        problems, quotes = self._started
        found = check.kept.found
        added = list(islice(reversed(found.items()), len(found) - quotes))
        self._made[event.id] = (event, doc, check.problems[problems:], added)


def _world(catalog: Catalog, check: Checker) -> tuple[Any, ...]:
    """What the checks of an event read besides the event."""
    return (
        list(catalog.actors.items()),
        list(catalog.locations.items()),
        list(catalog.sources.items()),
        set(catalog.events),
        set(check.broken),
        {folder: set(ids) for folder, ids in check.elsewhere.items()},
        {name: check.seed(name) for name in sorted(set(check.stored_sources.values()))},
    )


def _same_world(old: tuple[Any, ...], new: tuple[Any, ...]) -> bool:
    for was, now in zip(old[:3], new[:3], strict=True):  # the same records, by identity
        if len(was) != len(now):
            return False
        if any(a[0] != b[0] or a[1] is not b[1] for a, b in zip(was, now, strict=True)):
            return False
    texts_old, texts_new = old[6], new[6]
    return (
        old[3:6] == new[3:6]
        and texts_old.keys() == texts_new.keys()
        and all(texts_old[name] is texts_new[name] for name in texts_new)
    )


_INDEXES = ("appearances", "events_at", "citing", "links", "child_actors", "child_locations")


def _indexed(event: Event) -> tuple[Any, ...]:
    """What the catalog's indexes read of an event (Catalog._index)."""
    return (
        event.date,
        tuple((part.actor, part.role, tuple(part.by), part.note) for part in event.actors),
        tuple(place.place for place in event.locations),
        tuple(citation.source for citation in event.sources),
        tuple((rel.relation, rel.event, rel.note) for rel in event.related),
    )


class IndexMemo:
    """The last catalog's indexes (events in order, by actor, place, source, related events,
    records within records), for a process that loads the same content again and again. When
    the actors, places and sources are the same objects and every event is too or reads the
    same to the indexes (an edited title, summary, quote), the indexes are the last ones with
    each edited event in its old one's place: what ``Catalog._index`` makes of them."""

    def __init__(self) -> None:
        self._last: Catalog | None = None

    def keep(self, catalog: Catalog) -> None:
        self._last = catalog

    def reuse(self, catalog: Catalog) -> bool:
        """Give ``catalog`` its indexes from the last one's, if they must be the same."""
        last = self._last
        if last is None or last.events.keys() != catalog.events.keys():
            return False
        for kind in ("actors", "locations", "sources"):
            was, now = last.table(kind), catalog.table(kind)
            if list(was) != list(now) or not _same_records(was.values(), now.values()):
                return False
        new = catalog.events
        swapped = [(old, new[i]) for i, old in last.events.items() if new[i] is not old]
        if any(_indexed(old) != _indexed(event) for old, event in swapped):
            return False
        catalog.events = {i: new[i] for i in last.events}  # the same order: the same dates
        for name in _INDEXES:
            setattr(catalog, name, dict(getattr(last, name)))
        for old, event in swapped:
            _swap(catalog, old, event)
        self._last = catalog
        return True


def _swap(catalog: Catalog, old: Event, event: Event) -> None:
    """Put ``event`` where the indexes hold ``old``, in new lists (the last ones are kept)."""
    appearances = catalog.appearances
    for actor in {part.actor for part in old.actors} | {a for p in old.actors for a in p.by}:
        appearances[actor] = [
            dataclasses.replace(item, event=event) if item.event is old else item
            for item in appearances[actor]
        ]
    for table, keys in (
        (catalog.events_at, {place.place for place in old.locations}),
        (catalog.citing, {citation.source for citation in old.sources}),
    ):
        for key in keys:
            table[key] = [event if item is old else item for item in table[key]]
    links = catalog.links
    for link in links.get(old.id, []):  # each related event lists this one
        links[link.event.id] = [
            dataclasses.replace(ln, event=event) if ln.event is old else ln
            for ln in links[link.event.id]
        ]
