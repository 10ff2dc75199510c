"""Each event's part of a data file (its JSON record, CSV row, VEVENT...), kept between the
builds of ``chronology serve`` so that an edit of one event makes one event's parts again.

A part is a pure function of the event, the records it names (its actors, places and cited
sources) and a few plain values (settings, the file's git dates). Records are compared by
identity: the content cache (``content.cache.RecordCache``) hands back the very same record
object for a file that did not change, and a record is never changed once loaded, so the same
objects and equal values give the same part. Anything else makes it again."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from ..content.catalog import Catalog
from ..content.model import Event

T = TypeVar("T")

#: One kept part: (the records it was made from, the values, the part).
_Entry = tuple[tuple[Any, ...], Hashable, Any]


class FileParts:
    """The parts of one data file in one build; without ``last`` nothing is kept."""

    def __init__(
        self,
        last: dict[str, _Entry] | None = None,
        named: dict[str, tuple[Catalog, Event, tuple[Any, ...]]] | None = None,
    ) -> None:
        self._last = last
        self.made: dict[str, _Entry] = {}
        #: Each event's records, found once for every file of a build.
        self._named = {} if named is None else named

    def part(self, catalog: Catalog, event: Event, values: Hashable, make: Callable[[], T]) -> T:
        """``make()``, or what it gave in the last build for the same records and values."""
        if self._last is None:
            return make()
        named = self._named.get(event.id)
        if named is not None and named[0] is catalog and named[1] is event:
            records = named[2]
        else:
            records = _records(catalog, event)
            self._named[event.id] = (catalog, event, records)
        entry = self._last.get(event.id)
        if entry is not None and entry[1] == values and _same(entry[0], records):
            part = entry[2]
            if records is not entry[0]:  # the same objects: the other files compare the tuple
                records = entry[0]
                self._named[event.id] = (catalog, event, records)
        else:
            part = make()
        self.made[event.id] = (records, values, part)
        return part


class DataParts:
    """Every data file's parts, kept by a long-lived process (``chronology serve``) from
    one build to the next; only the last build's parts are kept."""

    def __init__(self) -> None:
        self._files: dict[str, dict[str, _Entry]] = {}
        self._named: dict[str, tuple[Catalog, Event, tuple[Any, ...]]] = {}
        self._tables: list[list[tuple[str, Any]]] = []
        self._once: dict[str, Any] = {}

    def begin(self, catalog: Catalog) -> None:
        """A new build: the records each event names are found again, but for an event
        (the same object) of the last build when the actors, places and sources are the
        same objects too."""
        tables = [list(catalog.table(kind).items()) for kind in ("actors", "locations", "sources")]
        same = len(tables) == len(self._tables) and all(
            _same_items(a, b) for a, b in zip(tables, self._tables, strict=True)
        )
        events = catalog.events
        self._named = (
            {
                event_id: (catalog, event, records)
                for event_id, (_, event, records) in self._named.items()
                if events.get(event_id) is event
            }
            if same
            else {}
        )
        self._tables = tables

    def once(self, name: str, make: Callable[[], T]) -> T:
        """``make()`` the first time only: for what no content changes (the schemas)."""
        if name not in self._once:
            self._once[name] = make()
        return self._once[name]

    @contextmanager
    def file(self, name: str) -> Iterator[FileParts]:
        parts = FileParts(self._files.get(name, {}), self._named)
        yield parts
        self._files[name] = parts.made  # not reached if making the file failed


@contextmanager
def file_parts(parts: DataParts | None, name: str) -> Iterator[FileParts]:
    """The parts of data file ``name``: kept in ``parts``, or made every time without."""
    if parts is None:
        yield FileParts()
        return
    with parts.file(name) as kept:
        yield kept


def _same_items(new: list[tuple[str, Any]], old: list[tuple[str, Any]]) -> bool:
    """The same ids, each with the very same record."""
    return len(new) == len(old) and all(
        a[0] == b[0] and a[1] is b[1] for a, b in zip(new, old, strict=True)
    )


def _same(kept: tuple[Any, ...], records: tuple[Any, ...]) -> bool:
    """The same record objects, in the same order."""
    return kept is records or (
        len(kept) == len(records) and all(a is b for a, b in zip(kept, records, strict=True))
    )


def _records(catalog: Catalog, event: Event) -> tuple[Any, ...]:
    """The event and every record it names that a data file may show."""
    actors = catalog.actors
    locations = catalog.locations
    sources = catalog.sources
    return (
        event,
        *(actors.get(part.actor) for part in event.actors),
        *(locations.get(place.place) for place in event.locations),
        *(sources.get(citation.source) for citation in event.sources),
    )
