"""The values each page template gets: records already looked up, counts already counted, so
templates never reach into the catalog. Pure functions of the catalog, no templates."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from ..content.catalog import Catalog
from ..content.model import Actor, Citation, Event, Location, Source
from ..content.vocabulary import ACTOR_KINDS, EVENT_TYPES, LOCATION_KINDS, ROLES
from . import facts
from .paging import index_order, initial
from .places import PlaceGrid, nearby
from .urls import explore_query, page_uri, page_url


def citations_by_source(catalog: Catalog, event: Event) -> list[tuple[Source, list[Citation]]]:
    """An event's citations grouped by source, in the order the sources are first cited."""
    groups: dict[str, list[Citation]] = {}
    for citation in event.sources:
        groups.setdefault(citation.source, []).append(citation)
    return [(catalog.sources[source_id], citations) for source_id, citations in groups.items()]


def actor_roles(catalog: Catalog, event: Event) -> list[tuple[Actor, str]]:
    """Each actor of an event with its role, in lower case: (actor, 'claimed')."""
    return [(catalog.actors[part.actor], ROLES[part.role].lower()) for part in event.actors]


def event_values(
    catalog: Catalog, event: Event, site_name: str, address: str | None, changed: str | None
) -> dict[str, Any]:
    """The event page's values; ``address`` is the page's absolute address, when known."""
    when = catalog.when(event)
    shown_address = address or page_url(page_uri(event))
    return {
        "when_": when,
        "where": [(p, catalog.locations[p.place]) for p in event.locations],
        "responsibility": facts.responsibility(catalog, event),
        "involved": [(part, catalog.actors[part.actor]) for part in event.actors],
        "changed": changed,
        "citation": facts.citation_text(site_name, event, when, shown_address, changed),
        "csl": facts.csl_json(site_name, event, shown_address, changed),
        "source_figures": [
            (cit, catalog.sources[cit.source]) for cit in event.sources if cit.casualties
        ],
        "cited": citations_by_source(catalog, event),
        "related": catalog.links.get(event.id, []),
    }


def members_of(catalog: Catalog, actor: Actor) -> list[Actor]:
    """An actor's members (Actor.parent), their members and so on, nearest first."""
    found: list[Actor] = []
    seen = {actor.id}
    queue = [actor.id]
    for current in queue:  # grows while it is read: breadth first
        for child in catalog.child_actors.get(current, []):
            if child.id not in seen:  # the content checks refuse cycles; this keeps it finite
                seen.add(child.id)
                found.append(child)
                queue.append(child.id)
    return found


#: The explorer links of an actor's page, one per role it has (itself or through members):
#: the roles each selects and what it lists, said of "it" or "it or a member". Claimed and
#: suspected go together: "claimed by or blamed on" is the question readers bring.
ROLE_QUESTIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("perpetrator",), "Every event {who} carried out"),
    (("claimed", "suspected"), "Every event {who} claimed or was suspected of or blamed for"),
    (("attributed-by",), "Every event {who} attributed to others"),
    (("target",), "Every event that targeted {who}"),
    (("victim",), "Every event in which {who} was a victim"),
    (("responder",), "Every event {who} responded to"),
    (("participant",), "Every event {who} took part in"),
    (("statement",), "Every event {who} made a statement about"),
)


def actor_questions(
    actor: Actor, members: bool, roles: dict[str, set[str]], total: int
) -> list[tuple[str, str, int]]:
    """(text, explorer query, how many events it lists) of each question the actor's page
    links to the explorer: one per group of roles it has (``roles``: role -> the events it or
    a member has it in), then every event; none without events."""
    if not total:
        return []
    who = "it or a member" if members else "it"
    wide = "1" if members else None
    out = []
    for group, text in ROLE_QUESTIONS:
        found = set().union(*(roles.get(r, ()) for r in group))
        if found:
            query = explore_query(actor=actor.id, role=list(group), members=wide)
            out.append((text.format(who=who), query, len(found)))
    everything = explore_query(actor=actor.id, members=wide)
    return [*out, (f"Every event {who} appears in", everything, total)]


#: A row's part in the role column of an actor's timeline: (role label, accusers, the member
#: that appears or None when the actor appears itself).
RolePart = tuple[str, list[Actor], Actor | None]


def actor_values(catalog: Catalog, actor: Actor) -> dict[str, Any]:
    """An actor's page values, its timeline included (the caller pages it). The timeline
    lists the events its members (transitively) appear in too, each marked with the member."""
    c = catalog
    parts: dict[str, list[RolePart]] = defaultdict(list)  # event id -> its parts
    events: dict[str, Event] = {}
    roles: dict[str, set[str]] = defaultdict(set)  # role -> the events it has it in itself
    through: dict[str, set[str]] = defaultdict(set)  # the same, through a member
    for item in c.appearances.get(actor.id, []):
        parts[item.event.id].append((ROLES[item.role].lower(), _actors(c, item.by), None))
        events[item.event.id] = item.event
        roles[item.role].add(item.event.id)
    own = sorted(events.values(), key=lambda e: (c.when(e).earliest, e.id))
    for member in members_of(c, actor):
        for item in c.appearances.get(member.id, []):
            parts[item.event.id].append((ROLES[item.role].lower(), _actors(c, item.by), member))
            events.setdefault(item.event.id, item.event)
            through[item.role].add(item.event.id)
    timeline = sorted(events.values(), key=lambda e: (c.when(e).earliest, e.id))
    either = {r: roles.get(r, set()) | through.get(r, set()) for r in ROLES}
    members = c.child_actors.get(actor.id, [])
    together: Counter[str] = Counter()
    for event in own:  # its own company, not its members'
        together.update({p.actor for p in event.actors} - {actor.id})
    return {
        "roles": [(r, ROLES[r], len(roles[r])) for r in ROLES if r in roles],
        "member_roles": [(r, ROLES[r], len(through[r])) for r in ROLES if r in through],
        "direct_count": len(own),
        "member_count": len(events) - len(own),
        "timeline": timeline,
        # By month counts its own events: each month links to the chronology filtered on it.
        "own": own,
        # Each timeline row's roles, looked up: filtering the appearances per row is quadratic.
        "roles_in": dict(parts),
        "first": timeline[0] if timeline else None,
        "last": timeline[-1] if timeline else None,
        "parent": c.actors.get(actor.parent) if actor.parent else None,
        "members": sorted(members, key=lambda a: (a.name.casefold(), a.id)),
        "questions": actor_questions(actor, bool(members), either, len(timeline)),
        "quotes": [(citation, c.sources[citation.source]) for citation in actor.sources],
        "together": [
            (c.actors[i], n)
            for i, n in sorted(together.items(), key=lambda x: (-x[1], c.actors[x[0]].name))[:8]
        ],
    }


def _actors(catalog: Catalog, ids: Iterable[str]) -> list[Actor]:
    return [catalog.actors[i] for i in ids]


def location_values(catalog: Catalog, location: Location, grid: PlaceGrid) -> dict[str, Any]:
    """A place page's values, but its events (the caller pages them: those at the place
    itself; the explorer link also lists those at the places within it)."""
    children = catalog.child_locations.get(location.id, [])
    return {
        "location": location,
        "ancestors": ancestors(catalog, location),
        "nearby": nearby(catalog, location, grid=grid),
        "children": sorted(children, key=lambda p: (p.name.casefold(), p.id)),
        "explore": explore_query(place=location.id, within="1" if children else None),
        "within_count": events_within(catalog, location) if children else None,
    }


def events_within(catalog: Catalog, location: Location) -> int:
    """How many events are at a place or at the places within it (Location.parent,
    transitively). A build asks once per place: the work is the events of its subtree."""
    found: set[str] = set()
    seen = {location.id}
    queue = [location.id]
    for current in queue:  # grows while it is read: breadth first
        found.update(e.id for e in catalog.events_at.get(current, []))
        for child in catalog.child_locations.get(current, []):
            if child.id not in seen:
                seen.add(child.id)
                queue.append(child.id)
    return len(found)


def ancestors(catalog: Catalog, location: Location) -> list[Location]:
    """The places a place lies in, outermost first."""
    chain = []
    current = location.parent
    while current and current in catalog.locations:
        chain.append(catalog.locations[current])
        current = catalog.locations[current].parent
    return list(reversed(chain))


def location_roots(catalog: Catalog) -> list[Location]:
    """Places that lie in no other place (of the catalog)."""
    locations = catalog.locations
    return sorted(
        (loc for loc in locations.values() if not loc.parent or loc.parent not in locations),
        key=lambda loc: (loc.name.casefold(), loc.id),
    )


def location_parents(catalog: Catalog) -> dict[str, Location]:
    """Place id -> the place it lies in, for the places whose parent is in the catalog."""
    locations = catalog.locations
    return {
        loc.id: locations[loc.parent]
        for loc in locations.values()
        if loc.parent and loc.parent in locations
    }


def kind_counts(records: dict[str, Any], labels: dict[str, str]) -> list[tuple[str, int]]:
    """(kind label, how many records) of the kinds that occur, in the labels' order."""
    counts = Counter(r.kind for r in records.values())
    return [(labels[k], counts[k]) for k in labels if counts[k]]


def filters(catalog: Catalog, events: Iterable[Event]) -> dict[str, list[tuple[str, str]]]:
    """The choices a chronology page's filters offer: only values that occur on it."""
    types: set[str] = set()
    actors: set[str] = set()
    places: set[str] = set()
    for event in events:
        types.add(event.type)
        actors.update(p.actor for p in event.actors)
        places.update(p.place for p in event.locations)
    return {
        "type": [(t, EVENT_TYPES[t]) for t in EVENT_TYPES if t in types],
        "actor": sorted(((a, catalog.actors[a].name) for a in actors), key=lambda x: x[1]),
        "place": sorted(((p, catalog.locations[p].name) for p in places), key=lambda x: x[1]),
    }


#: An index: (template, uri of its first page, records in order, the group of a record,
#: the template's other values).
IndexList = tuple[str, str, list[Any], Callable[[Any], str], dict[str, Any]]


def index_lists(
    catalog: Catalog,
    actor_event_counts: dict[str, int],
    place_event_counts: dict[str, int],
    inline: int,
) -> list[IndexList]:
    """The three indexes: actors and places A–Z, sources by year. ``inline``: how many of the
    places within no other the places index names."""
    c = catalog
    return [
        (
            "actor_index.md.j2",
            "actors/index.md",
            sorted(c.actors.values(), key=lambda a: (*index_order(a.name), a.id)),
            lambda a: initial(a.name),
            {"event_counts": actor_event_counts, "kinds": kind_counts(c.actors, ACTOR_KINDS)},
        ),
        (
            "location_index.md.j2",
            "locations/index.md",
            sorted(c.locations.values(), key=lambda p: (*index_order(p.name), p.id)),
            lambda p: initial(p.name),
            {
                "kinds": kind_counts(c.locations, LOCATION_KINDS),
                "roots": location_roots(c),
                "parents": location_parents(c),
                "event_counts": place_event_counts,
                "inline": inline,
            },
        ),
        (
            "source_index.md.j2",
            "sources/index.md",
            sorted(c.sources.values(), key=lambda s: (str(s.date), s.outlet, s.id)),
            lambda s: str(s.date)[:4],
            {"event_counts": {source: len(events) for source, events in c.citing.items()}},
        ),
    ]
