"""Render the catalog into Markdown pages with the Jinja2 templates in ``site_templates/``.

The result is a plain ``{uri: markdown}`` mapping; nothing here knows about MkDocs, so the
same pages can be written to disk for any Markdown engine (``chronology generate``).

Safety: every ``{{ value }}`` is escaped for Markdown *and* HTML by the environment's
``finalize`` hook unless a helper marked it ``Markup`` (links and pre-escaped text). Content
from YAML therefore cannot inject HTML, scripts or Markdown links into a page (markup.py).
"""

from __future__ import annotations

import html
import posixpath
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..content.catalog import Catalog
from ..content.model import Actor, Event, Location
from ..content.totals import casualty_total
from ..content.vocabulary import (
    ACTOR_KINDS,
    CASUALTY_GROUPS,
    EVENT_TYPES,
    LOCATION_KINDS,
    PLACE_PRECISIONS,
    ROLES,
)
from ..errors import ChronologyError
from . import facts
from .charts import MAX_ACTOR_BARS, statistics
from .maps import map_page_values, small_map_html
from .markup import (  # noqa: F401  (escape_text and front_matter_title: re-exported)
    Macros,
    environment,
    escape_paragraphs,
    escape_text,
    external_link,
    front_matter_title,
    precision_label,
    relative_uri,
    short_date,
)
from .paging import Page, grouped_pages, index_order, initial, paginate
from .urls import list_uri, page_uri, page_url, year_uri

#: The templates shipped with the project; a site may point at its own folder instead.
DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates"

#: How many events the home page lists as "latest".
LATEST_COUNT = 8

# No page grows with the number of events unless its reader asked for it: long lists are
# split into pages of a fixed size (see paging.py).

#: Events on one chronology month page; a busier month continues on <month>/page-2.md, ….
MONTH_PAGE_SIZE = 200
#: A year page also lists every event of its year (with the filters) up to this many; a
#: busier year page shows its months only.
YEAR_LIST_LIMIT = 200
#: Events on an actor, place or source page; more continue on <record>/page-2.md, ….
RECORD_PAGE_SIZE = 100
#: Entries on one page of an index (actors, places, sources) or of a record's full list of
#: members, places within or actors described.
INDEX_PAGE_SIZE = 200
#: Members, places within or actors described shown on a record's own page; a longer list
#: is linked: <record>/members.md, <record>/places.md, <record>/actors.md.
INLINE_LIST_LIMIT = 30
#: Rows of the statistics page's table of responsible groups (the full counts are in the
#: open data); the chart draws as many.
STATISTICS_ROWS = MAX_ACTOR_BARS
#: Accusers named in a row of that table; more are counted ("and 3 more").
STATISTICS_ACCUSERS = 5

#: The full lists a record's page links when it shows only the first INLINE_LIST_LIMIT:
#: <record>/<name>.md, and the heading of that page.
SUB_LISTS = {"members": "Members of", "places": "Places within", "actors": "Actors described in"}


class RenderError(ChronologyError):
    """A template is broken (syntax error, unknown variable)."""


# --- the environment -------------------------------------------------------------------------


def _template_line(exc: BaseException, template: str) -> str:
    """'site_templates/x.md.j2:12' for the innermost template frame of a traceback."""
    where = template
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def citations_by_source(event: Event) -> list[tuple[str, list[Any]]]:
    """An event's citations grouped by source, in the order the sources are first cited."""
    groups: dict[str, list[Any]] = {}
    for citation in event.sources:
        groups.setdefault(citation.source, []).append(citation)
    return list(groups.items())


class Renderer:
    """Renders every page of a catalog. One instance per build."""

    def __init__(
        self,
        catalog: Catalog,
        templates: Path = DEFAULT_TEMPLATES,
        site_name: str = "Chronology",
        site_url: str | None = None,
        changed: dict[str, str] | None = None,
    ):
        self.catalog = catalog
        self.site_name = site_name
        #: Absolute address of the hosted site, for citations; None when not configured.
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        #: Last-changed day per content file (see history.py).
        self.changed = changed or {}
        self.env = environment(templates)
        self._here = self._folder = ""
        self._urls: dict[tuple[str, str | int], Markup] = {}
        self._link_cache: dict[tuple[str, str | int, Any, type], Markup] = {}
        self._lines: dict[tuple[str, str], Markup] = {}
        self._loaded: dict[str, jinja2.Template] = {}
        self.env.globals.update(
            catalog=catalog,
            site_name=site_name,
            link=self._link,
            url=self._url,
            event_line=self._event_line,
            links=self._links,
            places=lambda event: [catalog.locations[p.place] for p in event.locations],
            m=Macros(self.env),
            when=lambda e: short_date(e.date),
            precision=lambda e: precision_label(e.date),
            paragraphs=escape_paragraphs,
            external=external_link,
            title=front_matter_title,
            code=lambda text: Markup(f"<code>{html.escape(str(text))}</code>"),
            attr=lambda text: Markup(html.escape(str(text), quote=True)),
            ids=lambda values: Markup(html.escape(" ".join(dict.fromkeys(values)), quote=True)),
            actors_by_id=lambda ids: [catalog.actors[i] for i in ids],
            casualty_parts=facts.casualty_parts,
            casualty_total=casualty_total,
            total_text=facts.total_text,
            figure_text=facts.figure_text,
            year_uri=year_uri,
            list_uri=list_uri,
            inline_limit=INLINE_LIST_LIMIT,
            statistics_rows=STATISTICS_ROWS,
            statistics_accusers=STATISTICS_ACCUSERS,
            citations_by_source=citations_by_source,
            small_map=lambda record: small_map_html(catalog, record),
            EVENT_TYPES=EVENT_TYPES,
            ROLES=ROLES,
            ACTOR_KINDS=ACTOR_KINDS,
            LOCATION_KINDS=LOCATION_KINDS,
            PLACE_PRECISIONS=PLACE_PRECISIONS,
            CASUALTY_GROUPS=CASUALTY_GROUPS,
        )

    def _url(self, target: Any) -> Markup:
        """Relative link from the page being rendered to a record's page or a page uri."""
        # A build links a few thousand pages from a handful of folders, hundreds of
        # thousands of times: each relative address is worked out once per folder. Records
        # are known by identity (they live as long as the catalog this renderer holds).
        key = (self._folder, target if type(target) is str else id(target))
        found = self._urls.get(key)
        if found is None:
            uri = target if isinstance(target, str) else page_uri(target)
            found = self._urls[key] = Markup(relative_uri(uri, self._here))
        return found

    def _event_line(self, event: Event) -> Markup:
        """The _macros.md.j2 event_line of an event, rendered once per folder: an event is
        listed on the pages of each of its places and sources and on the chronology."""
        key = (self._folder, event.id)
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = self.env.globals["m"].event_line(event)
        return line

    def _link(self, target: Any, text: Any = None) -> Markup:
        # The text's type is part of the key: a str equal to a Markup is escaped, the Markup not.
        key = (self._folder, target if type(target) is str else id(target), text, type(text))
        found = self._link_cache.get(key)
        if found is None:
            if text is None:
                text = getattr(target, "title", None) or getattr(target, "name", None)
                text = text or target.id
            label = text if isinstance(text, Markup) else escape_text(text)
            found = self._link_cache[key] = Markup(f"[{label}]({self._url(target)})")
        return found

    def _links(self, records: Iterable[Any], separator: str = ", ") -> Markup:
        """``link(record, record.name)`` of each record, joined: a template loop with a
        separator costs Jinja a loop object per list, on every entry of every page."""
        return Markup(separator).join([self._link(r, r.name) for r in records])

    def _template(self, name: str) -> jinja2.Template:
        template = self._loaded.get(name)
        if template is None:
            template = self._loaded[name] = self.env.get_template(name)
            # Jinja keeps a template's globals as a ChainMap over the environment's and copies
            # them into a new dict on every render; a plain dict copies several times faster.
            template.globals = dict(template.globals)
        return template

    def render(self, template: str, uri: str, **values: Any) -> str:
        # `url` and `link` make addresses relative to this page. They read it here rather
        # than from the template context, so the templates can import _macros.md.j2 without
        # context and Jinja builds that module once instead of once per page.
        self._here, self._folder = uri, posixpath.dirname(uri)
        try:
            return self._template(template).render(page_uri=uri, **values)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"{exc.filename or template}:{exc.lineno}: {exc.message}") from None
        except jinja2.TemplateError as exc:
            raise RenderError(f"{template}: while rendering {uri}: {exc}") from None
        except Exception as exc:  # a template called something wrongly: say where
            raise RenderError(
                f"{_template_line(exc, template)}: while rendering {uri}: "
                f"{type(exc).__name__}: {exc}"
            ) from None

    def pages(self) -> dict[str, str]:
        """Every generated page as {uri: markdown}."""
        c = self.catalog
        out: dict[str, str] = {}

        def add(uri: str, text: str) -> None:
            if uri in out:  # e.g. an actor with the id "index"
                raise RenderError(
                    f"{uri}: two generated pages have this address; a record's id may not "
                    "be 'index'"
                )
            out[uri] = text

        years = self._chronology(c)
        self._actor_event_counts = {
            actor_id: len({a.event.id for a in items}) for actor_id, items in c.appearances.items()
        }
        self._place_event_counts = {place: len(events) for place, events in c.events_at.items()}
        add("index.md", self.render("home.md.j2", "index.md", latest=self._latest(), years=years))
        add(
            "chronology/index.md",
            self.render("chronology_index.md.j2", "chronology/index.md", years=years),
        )
        for year in years:
            uri = year_uri(year.year)
            listed = year.count <= YEAR_LIST_LIMIT
            filters = self._filters(e for m in year.months for e in m.events) if listed else None
            add(
                uri,
                self.render(
                    "chronology_year.md.j2",
                    uri,
                    year=year,
                    years=years,
                    listed=listed,
                    filters=filters,
                    pages_of=self._month_pages,
                ),
            )
        months = [month for year in years for month in year.months]
        for i, month in enumerate(months):
            for page in self._month_pages[month.uri]:
                add(
                    page.uri,
                    self.render(
                        "chronology_month.md.j2",
                        page.uri,
                        month=month,
                        page=page,
                        year=next(y for y in years if month in y.months),
                        previous=months[i - 1] if i else None,
                        next=months[i + 1] if i + 1 < len(months) else None,
                        filters=self._filters(page.items),
                    ),
                )
        add("map/index.md", self.render("map.md.j2", "map/index.md", **map_page_values(c)))
        add(
            "statistics.md",
            self.render("stats.md.j2", "statistics.md", charts=statistics(c)),
        )
        self._index_pages(add)
        for event in c.events.values():
            uri = page_uri(event)
            add(uri, self.render("event.md.j2", uri, event=event, **self._event_facts(event)))
        for actor in c.actors.values():
            values = self._actor_facts(actor)
            for page in paginate(values.pop("timeline"), RECORD_PAGE_SIZE, page_uri(actor)):
                add(
                    page.uri, self.render("actor.md.j2", page.uri, actor=actor, page=page, **values)
                )
            self._sub_list(add, actor, "members", values["members"])
        grid = facts.PlaceGrid(c)
        for location in c.locations.values():
            events = c.events_at.get(location.id, [])
            values = {
                "location": location,
                "ancestors": self._ancestors(location),
                "nearby": facts.nearby(c, location, grid=grid),
                "children": sorted(
                    c.child_locations.get(location.id, []),
                    key=lambda p: (p.name.casefold(), p.id),
                ),
                "activity": self._activity(events),
            }
            for page in paginate(events, RECORD_PAGE_SIZE, page_uri(location)):
                add(page.uri, self.render("location.md.j2", page.uri, page=page, **values))
            self._sub_list(add, location, "places", values["children"])
        described: dict[str, list[Actor]] = defaultdict(list)  # source id -> actors it describes
        for actor in c.actors.values():
            for source_id in dict.fromkeys(s.source for s in actor.sources):
                described[source_id].append(actor)
        for source in c.sources.values():
            values = {"source": source, "actors": described.get(source.id, [])}
            events = c.citing.get(source.id, [])
            for page in paginate(events, RECORD_PAGE_SIZE, page_uri(source)):
                add(page.uri, self.render("source.md.j2", page.uri, page=page, **values))
            self._sub_list(add, source, "actors", values["actors"])
        return out

    # --- the chronology, indexes and long lists ---------------------------------------------

    def _chronology(self, c: Catalog) -> list[facts.YearGroup]:
        """The chronology by year and month, and where each event's entry is."""
        years = facts.chronology_groups(c)
        #: month page uri -> its pages
        self._month_pages: dict[str, list[Page]] = {}
        #: event id -> (the chronology page listing it, its position in the chronology)
        self._entry_at: dict[str, tuple[str, int]] = {}
        self._month_of: dict[str, facts.MonthGroup] = {}
        position = 0
        for year in years:
            for month in year.months:
                pages = paginate(month.events, MONTH_PAGE_SIZE, month.uri)
                self._month_pages[month.uri] = pages
                for page in pages:
                    for event in page.items:
                        self._entry_at[event.id] = (page.uri, position)
                        self._month_of[event.id] = month
                        position += 1
        return years

    def _activity(self, events: list[Event]) -> list[tuple[facts.YearGroup, list[Any]]]:
        """A record's events counted by year and month, each month with the chronology page
        that lists the first of them: [(year, [(month, uri), ...]), ...]."""
        years = facts.chronology_groups(self.catalog, events)
        return [
            (
                year,
                [(m, min(self._entry_at[e.id] for e in m.events)[0]) for m in year.months],
            )
            for year in years
        ]

    def _index_pages(self, add: Callable[[str, str], None]) -> None:
        c = self.catalog
        lists: list[tuple[str, str, list[Any], Callable[[Any], str], dict[str, Any]]] = [
            (
                "actor_index.md.j2",
                "actors/index.md",
                sorted(c.actors.values(), key=lambda a: (*index_order(a.name), a.id)),
                lambda a: initial(a.name),
                {
                    "event_counts": self._actor_event_counts,
                    "kinds": self._kind_counts(c.actors, ACTOR_KINDS),
                },
            ),
            (
                "location_index.md.j2",
                "locations/index.md",
                sorted(c.locations.values(), key=lambda p: (*index_order(p.name), p.id)),
                lambda p: initial(p.name),
                {
                    "kinds": self._kind_counts(c.locations, LOCATION_KINDS),
                    "roots": self._location_roots(),
                    "inline": INLINE_LIST_LIMIT,
                },
            ),
            (
                "source_index.md.j2",
                "sources/index.md",
                sorted(c.sources.values(), key=lambda s: (str(s.date), s.outlet, s.id)),
                lambda s: str(s.date)[:4],
                {},
            ),
        ]
        for template, base, records, group, values in lists:
            laid_out, jumps = grouped_pages(records, INDEX_PAGE_SIZE, base, group)
            for page, sections in laid_out:
                add(
                    page.uri,
                    self.render(
                        template, page.uri, page=page, sections=sections, jumps=jumps, **values
                    ),
                )

    def _sub_list(
        self, add: Callable[[str, str], None], owner: Any, name: str, items: list
    ) -> None:
        """The full list of a record's members, places within or actors described, when it
        is longer than the record's page shows: <record>/<name>.md, paged."""
        if len(items) <= INLINE_LIST_LIMIT:
            return
        actors = isinstance(items[0], Actor)
        values = {
            "owner": owner,
            "heading": SUB_LISTS[name],
            "kinds": ACTOR_KINDS if actors else LOCATION_KINDS,
            "counts": self._actor_event_counts if actors else self._place_event_counts,
        }
        for page in paginate(items, INDEX_PAGE_SIZE, list_uri(owner, name)):
            add(page.uri, self.render("record_list.md.j2", page.uri, page=page, **values))

    @staticmethod
    def _kind_counts(records: dict[str, Any], labels: dict[str, str]) -> list[tuple[str, int]]:
        counts = Counter(r.kind for r in records.values())
        return [(labels[k], counts[k]) for k in labels if counts[k]]

    # --- facts computed for pages -----------------------------------------------------------

    def _latest(self) -> list[Event]:
        events = list(self.catalog.events.values())
        return list(reversed(events[-LATEST_COUNT:]))

    def _filters(self, events: Iterable[Event]) -> dict[str, list[tuple[str, str]]]:
        """The choices a chronology page's filters offer: only values that occur on it."""
        c = self.catalog
        types: set[str] = set()
        actors: set[str] = set()
        places: set[str] = set()
        for event in events:
            types.add(event.type)
            actors.update(p.actor for p in event.actors)
            places.update(p.place for p in event.locations)
        return {
            "type": [(t, EVENT_TYPES[t]) for t in EVENT_TYPES if t in types],
            "actor": sorted(((a, c.actors[a].name) for a in actors), key=lambda x: x[1]),
            "place": sorted(((p, c.locations[p].name) for p in places), key=lambda x: x[1]),
        }

    def _event_facts(self, event: Event) -> dict[str, Any]:
        c = self.catalog
        when = c.when(event)
        address = (self.site_url + page_url(page_uri(event))) if self.site_url else None
        changed = self.changed.get(c.files.get(("events", event.id), ""))
        shown_address = address or page_url(page_uri(event))
        return {
            "when_": when,
            "responsibility": facts.responsibility(c, event),
            "changed": changed,
            "citation": facts.citation_text(self.site_name, event, when, shown_address, changed),
            "csl": facts.csl_json(self.site_name, event, shown_address, changed),
            "source_figures": [cit for cit in event.sources if cit.casualties],
            "month": self._month_of[event.id],
        }

    def _location_roots(self) -> list[Location]:
        """Places that lie in no other place (of the catalog)."""
        locations = self.catalog.locations
        return sorted(
            (loc for loc in locations.values() if not loc.parent or loc.parent not in locations),
            key=lambda loc: (loc.name.casefold(), loc.id),
        )

    def _ancestors(self, location: Location) -> list[Location]:
        chain = []
        current = location.parent
        while current and current in self.catalog.locations:
            chain.append(self.catalog.locations[current])
            current = self.catalog.locations[current].parent
        return list(reversed(chain))

    def _actor_facts(self, actor: Actor) -> dict[str, Any]:
        c = self.catalog
        appearances = c.appearances.get(actor.id, [])
        by_role: dict[str, list[Any]] = defaultdict(list)
        by_event: dict[str, list[Any]] = defaultdict(list)
        for item in appearances:
            by_role[item.role].append(item)
            by_event[item.event.id].append(item)
        event_ids = list(dict.fromkeys(a.event.id for a in appearances))
        timeline = sorted(
            (c.events[i] for i in event_ids), key=lambda e: (c.when(e).earliest, e.id)
        )
        together: Counter[str] = Counter()
        for event in timeline:
            together.update({p.actor for p in event.actors} - {actor.id})
        return {
            "roles": [(r, ROLES[r], len(by_role[r])) for r in ROLES if r in by_role],
            "timeline": timeline,
            # Each timeline row's roles; filtering all appearances per row was O(events²).
            "appearances_in": dict(by_event),
            "first": timeline[0] if timeline else None,
            "last": timeline[-1] if timeline else None,
            "parent": c.actors.get(actor.parent) if actor.parent else None,
            "members": sorted(
                c.child_actors.get(actor.id, []), key=lambda a: (a.name.casefold(), a.id)
            ),
            "together": [
                (c.actors[i], n)
                for i, n in sorted(together.items(), key=lambda x: (-x[1], c.actors[x[0]].name))[:8]
            ],
            "activity": self._activity(timeline),
        }
