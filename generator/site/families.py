"""Which generated pages show which records: the pages grouped in families, and the families
an edit of the content changes, so that ``chronology serve`` renders only those again.

A family is the pages of one record or of one part of the site, rendered together:
``("event", id)``, ``("actor", id)`` (its pages and list of members), ``("location", id)``,
``("source", id)``, ``("month", section uri)`` (a chronology section's pages),
``("chronology", "")`` (the home page, the chronology's index and its years),
``("global", "")`` (the Map and Explorer pages), ``("statistics", "")`` and ``("indexes", "")``
(of actors, places and sources, which count each record's events).

What a family shows of other records is named here, from the templates' values
(page_values.py): the rules are exact or wider, never narrower, and tests/build/test_serve.py
holds them to a full render after every kind of edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..content.catalog import Catalog
from ..content.model import Event
from .paging import Page, paginate

if TYPE_CHECKING:
    from .chronology import Chronology

Family = tuple[str, str]
Add = Callable[[str, str], None]
#: Always rendered again after an edit of an event: they count or list every event.
EVERY_EVENT: tuple[Family, ...] = (("chronology", ""), ("global", ""))


class Selection:
    """What a render after an edit of events makes again: the families that show an edited
    event (and any the last render did not have), and of their paged lists (a record's
    events, page 2 and on) only the pages whose list changed or that list an edited event."""

    def __init__(
        self,
        families: set[Family],
        known: dict[Family, list[str]],
        edited: set[str],
        keys: dict[str, tuple],
    ) -> None:
        self.families = families
        self.known = known
        self.edited = edited
        #: What each page of a paged list showed in the last render (PageSet.keys).
        self.keys = keys

    def __call__(self, family: Family) -> bool:
        return family in self.families or family not in self.known

    def keep(self, uri: str, key: tuple, ids: tuple[str, ...]) -> bool:
        """Whether the page at ``uri`` is as the last render made it."""
        return self.keys.get(uri) == key and self.edited.isdisjoint(ids)


class PageSet:
    """The pages one render makes, each in its family. ``only`` chooses the families that are
    rendered; the others are visited (so their order is known) and left empty. A
    :class:`Selection` also keeps pages of a paged list (``paged``): they are listed in their
    family without text, for the caller to take from the last render."""

    def __init__(self, only: Callable[[Family], bool] | None, error: type[Exception]) -> None:
        self.pages: dict[str, str] = {}
        #: Every family visited, in order, with its pages' uris (none when not rendered).
        self.families: dict[Family, list[str]] = {}
        #: What each page of a paged list in a rendered family shows of the list: its
        #: events, their number and the page count, and what the caller adds (``paged``).
        self.keys: dict[str, tuple] = {}
        self._only = only
        self._keep = only.keep if isinstance(only, Selection) else None
        self._error = error
        self._current: list[str] = []

    def wanted(self, family: Family) -> bool:
        """Whether this family is rendered; its pages are the next ones added."""
        self._current = self.families[family] = []
        return self._only is None or self._only(family)

    def paged(self, events: list, size: int, base: str, *shown: Any) -> Iterator[Page]:
        """The pages of a record's list of events (``paginate``) that must be rendered.
        Page 1 always is (it shows the record's counts and summary). A later page shows
        the record's name, the page count, the list's length, its own events and ``shown``
        (the other values it prints); with the same of these and none of its events edited
        it is the same page, kept."""
        for page in paginate(events, size, base):
            ids = tuple(event.id for event in page.items)
            key = self.keys[page.uri] = (page.count, page.total, ids, shown)
            if page.number > 1 and self._keep is not None and self._keep(page.uri, key, ids):
                self._current.append(page.uri)
            else:
                yield page

    def add(self, uri: str, text: str) -> None:
        if uri in self.pages:  # e.g. an actor with the id "index"
            raise self._error(
                f"{uri}: two generated pages have this address; a record's id may not be 'index'"
            )
        self.pages[uri] = text
        self._current.append(uri)


def _same(old: dict, new: dict) -> bool:
    """The same records: read from the same files (the loader's cache keeps the objects)."""
    return old.keys() == new.keys() and all(new[k] is v or new[k] == v for k, v in old.items())


def _chain(records: dict, start: str) -> Iterable[str]:
    """A record and the records it lies in (``parent``), innermost first."""
    seen: set[str] = set()
    current: str | None = start
    while current and current not in seen:
        seen.add(current)
        yield current
        record = records.get(current)
        current = record.parent if record is not None else None


def _layout(chronology: Chronology) -> list[tuple[str, str, list[str]]]:
    """The chronology's sections, in order, with their pages."""
    pages = chronology.month_pages
    return [(m.uri, m.title, [p.uri for p in pages[m.uri]]) for m in chronology.months]


def _placement(chronology: Chronology, event_id: str) -> tuple[str, str, str] | None:
    """Where an event is filed: what its own page and its records' activity show of it."""
    month = chronology.month_of.get(event_id)
    if month is None:
        return None
    return month.uri, month.title, chronology.entry_at[event_id][0]


def changed_families(
    old: tuple[Catalog, Chronology, dict[str, str]],
    new: tuple[Catalog, Chronology, dict[str, str]],
) -> tuple[set[Family], set[str]] | None:
    """The families whose pages may differ between two catalogs, each given with its
    chronology and its files' last-changed days, and the events that show differently;
    None when that is every page (an actor, place or source changed: their names and links
    are on the pages of all their events)."""
    (a, a_layout, a_days), (b, b_layout, b_days) = old, new
    if not all(_same(a.table(kind), b.table(kind)) for kind in ("actors", "locations", "sources")):
        return None
    old_events, new_events = a.events, b.events
    events = {  # as _same: the very same object, or an equal one
        i
        for i in old_events.keys() | new_events.keys()
        if (old := old_events.get(i)) is not (new := new_events.get(i)) and old != new
    }
    # An event another one pushed to another page of the chronology, or whose file history
    # changed, shows differently too.
    for i in b.events.keys() & a.events.keys():
        before = (_placement(a_layout, i), a_days.get(a.files.get(("events", i), "")))
        if before != (_placement(b_layout, i), b_days.get(b.files.get(("events", i), ""))):
            events.add(i)
    families: set[Family] = set(EVERY_EVENT)
    for family, reads in ((("statistics", ""), _counted), (("indexes", ""), _named)):
        if any(reads(a.events.get(i)) != reads(b.events.get(i)) for i in events):
            families.add(family)
    if _layout(a_layout) != _layout(b_layout):  # a section came or went: links between them
        families.update(("month", m.uri) for m in (*a_layout.months, *b_layout.months))
    # A section's pages say how many events its year has.
    counts = [{y.year: y.count for y in layout.years} for layout in (a_layout, b_layout)]
    recounted = {
        y for y in counts[0].keys() | counts[1].keys() if counts[0].get(y) != counts[1].get(y)
    }
    for catalog, layout in ((a, a_layout), (b, b_layout)):
        for i in events:
            families |= _showing(catalog, layout, i, recounted)
    return families, events


def _counted(event: Event | None) -> tuple | None:
    """What the statistics read of an event (statistics.py)."""
    if event is None:
        return None
    parts = tuple((part.actor, part.role, tuple(part.by)) for part in event.actors)
    return event.id, event.date, event.type, event.casualties, parts


def _named(event: Event | None) -> tuple | None:
    """What the indexes count of an event: the actors (accusers too), places and sources it
    names, each counted once (Renderer.actor_event_counts, place_event_counts, citing)."""
    if event is None:
        return None
    actors = {part.actor for part in event.actors} | {a for part in event.actors for a in part.by}
    places = {place.place for place in event.locations}
    return frozenset(actors), frozenset(places), frozenset(c.source for c in event.sources)


def _showing(
    catalog: Catalog, layout: Chronology, event_id: str, recounted: set[int]
) -> set[Family]:
    """The families that show an event of the catalog: its page, its related events' pages,
    the pages of its actors and places (and of those they belong to, which count and list
    their members' events), of its sources, and its chronology section, or every section of
    its year when the year's count changed (``recounted``)."""
    event = catalog.events.get(event_id)
    if event is None:
        return set()
    found: set[Family] = {("event", event_id)}
    found.update(("event", link.event.id) for link in catalog.links.get(event_id, []))
    for part in event.actors:
        for actor_id in (part.actor, *part.by):
            found.update(("actor", i) for i in _chain(catalog.actors, actor_id))
    for place in event.locations:
        found.update(("location", i) for i in _chain(catalog.locations, place.place))
    found.update(("source", citation.source) for citation in event.sources)
    month = layout.month_of.get(event_id)
    if month is not None:
        year = layout.section_at[month.uri][1]
        recount = year is not None and year.year in recounted
        found.update(("month", m.uri) for m in (year.months if recount else [month]))
    return found
