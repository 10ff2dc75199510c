"""Render the catalog into Markdown pages with the Jinja2 templates in ``site_templates/``.

The result is a plain ``{uri: markdown}`` mapping; nothing here knows about MkDocs, so the
same pages can be written to disk for any Markdown engine (``chronology generate``).

Safety: every ``{{ value }}`` is escaped for Markdown *and* HTML by the environment's
``finalize`` hook unless a helper marked it ``Markup`` (links and pre-escaped text). Content
from YAML therefore cannot inject HTML, scripts or Markdown links into a page (escape.py,
templates.py). A source's address is written as an HTML link whose address and text are
character references wherever Markdown could read them, so no context it is placed in (a
table cell, a heading, a list item) can be split and nothing in it reaches attr_list.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from ..content.catalog import Catalog
from ..content.filing import latest
from ..content.model import Actor, Event
from ..content.totals import casualty_total
from ..content.vocabulary import (
    ACTOR_KINDS,
    CASUALTY_GROUPS,
    EVENT_TYPES,
    LOCATION_KINDS,
    PLACE_PRECISIONS,
    ROLES,
)
from ..content.words import plural
from ..errors import ChronologyError
from . import facts, page_values
from .actor_chart import MAX_ACTOR_BARS, actors_chart
from .casualty_chart import casualties_chart
from .chronology import Chronology, activity, lay_out
from .escape import (
    code,
    escape_attribute,
    escape_paragraphs,
    external_link,
    front_matter_title,
    raw_html_text,
)
from .event_chart import events_chart
from .explore import explore_page_values
from .families import Add, Family, PageSet
from .links import PageLinks
from .maps import map_page_values, small_map_html
from .metadata import Describer
from .paging import grouped_pages, paginate
from .places import PlaceGrid
from .statistics import statistics
from .templates import Macros, environment, template_line, verb
from .urls import EXPLORE_URI, hosted_url, list_uri, page_uri, site_base

#: The templates shipped with the project; a site may point at its own folder instead.
DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates"

#: How many events the home page lists as "latest".
LATEST_COUNT = 8

# No page grows with the number of events unless its reader asked for it: long lists are
# split into pages of a fixed size (see paging.py). The Renderer reads these when it runs,
# so a test may set them smaller.

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


class Renderer:
    """Renders every page of a catalog, or any one page (``render``). One instance per build."""

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
        self.site_url = site_base(site_url)
        #: Last-changed day per content file (see history.py).
        self.changed = changed or {}
        self.env = environment(templates)
        self._macros = Macros(self.env)
        self._links = PageLinks(self._macros)
        self._loaded: dict[str, jinja2.Template] = {}
        self.env.globals.update(self._globals())
        #: The last ``pages``: each family's pages, in the order visited (families.py).
        self.page_set = PageSet(None, RenderError)
        #: When a dict, ``render`` notes each page's template and values here and returns "".
        self.deferred: dict[str, tuple[str, dict[str, Any]]] | None = None

    def _globals(self) -> dict[str, Any]:
        """What every template may call: links relative to the page, wording, vocabularies."""
        catalog = self.catalog
        return dict(
            site_name=self.site_name,
            link=self._links.link,
            url=self._links.url,
            event_line=self._links.event_line,
            links=self._links.links,
            places=lambda event: [catalog.locations[p.place] for p in event.locations],
            actor_roles=lambda event: page_values.actor_roles(catalog, event),
            m=self._macros,
            when=lambda e: facts.short_date_of(e.date),
            precision=lambda e: facts.precision_label_of(e.date),
            plural=plural,
            verb=verb,
            paragraphs=escape_paragraphs,
            external=external_link,
            title=front_matter_title,
            code=code,
            attr=escape_attribute,
            raw_html_text=raw_html_text,
            ids=lambda values: escape_attribute(" ".join(dict.fromkeys(values))),
            actors_by_id=lambda ids: [catalog.actors[i] for i in ids],
            casualty_parts=facts.casualty_parts,
            casualty_total=casualty_total,
            total_text=facts.total_text,
            figure_text=facts.figure_text,
            list_uri=list_uri,
            inline_limit=INLINE_LIST_LIMIT,
            statistics_rows=STATISTICS_ROWS,
            statistics_accusers=STATISTICS_ACCUSERS,
            small_map=lambda record: small_map_html(catalog, record),
            # descriptions, assets and JSON-LD for front matter
            meta=Describer(catalog, self.site_name, self.site_url),
            EVENT_TYPES=EVENT_TYPES,
            ROLES=ROLES,
            ACTOR_KINDS=ACTOR_KINDS,
            LOCATION_KINDS=LOCATION_KINDS,
            PLACE_PRECISIONS=PLACE_PRECISIONS,
            EXPLORE_URI=EXPLORE_URI,
            CASUALTY_GROUPS=CASUALTY_GROUPS,
        )

    # --- rendering ----------------------------------------------------------------------------

    def _template(self, name: str) -> jinja2.Template:
        template = self._loaded.get(name)
        if template is None:
            template = self._loaded[name] = self.env.get_template(name)
            # Jinja keeps a template's globals as a ChainMap over the environment's and copies
            # them into a new dict on every render; a plain dict copies several times faster.
            template.globals = dict(template.globals)
        return template

    def render(self, template: str, uri: str, **values: Any) -> str:
        """``render_now``, or, while ``deferred``, a note of it (engine.py's workers)."""
        if self.deferred is not None:
            self.deferred[uri] = (template, values)
            return ""
        return self.render_now(template, uri, **values)

    def render_now(self, template: str, uri: str, **values: Any) -> str:
        """One page: ``template`` rendered with ``values`` as the page at ``uri``."""
        # `url` and `link` make addresses relative to this page. They read it here rather
        # than from the template context, so the templates can import _macros.md.j2 without
        # context and Jinja builds that module once instead of once per page.
        self._links.here(uri)
        try:
            return self._template(template).render(page_uri=uri, **values)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"{exc.filename or template}:{exc.lineno}: {exc.message}") from None
        except jinja2.TemplateError as exc:
            raise RenderError(f"{template}: while rendering {uri}: {exc}") from None
        except Exception as exc:  # a template called something wrongly: say where
            raise RenderError(
                f"{template_line(exc, template)}: while rendering {uri}: "
                f"{type(exc).__name__}: {exc}"
            ) from None

    # --- what the pages share, computed on first use --------------------------------------------

    @functools.cached_property
    def chronology(self) -> Chronology:
        """The chronology laid out in month pages, and where each event's entry is."""
        return lay_out(self.catalog, MONTH_PAGE_SIZE)

    @functools.cached_property
    def actor_event_counts(self) -> dict[str, int]:
        return {
            actor_id: len({a.event.id for a in items})
            for actor_id, items in self.catalog.appearances.items()
        }

    @functools.cached_property
    def place_event_counts(self) -> dict[str, int]:
        return {place: len(events) for place, events in self.catalog.events_at.items()}

    def event_values(self, event: Event) -> dict[str, Any]:
        """Everything event.md.j2 shows of an event but the event itself."""
        c = self.catalog
        address = hosted_url(self.site_url, page_uri(event))
        changed = self.changed.get(c.files.get(("events", event.id), ""))
        values = page_values.event_values(c, event, self.site_name, address, changed)
        values["month"] = self.chronology.month_of[event.id]
        return values

    def statistics_values(self) -> dict[str, Any]:
        """The statistics page's counts and charts."""
        stats = statistics(self.catalog)
        return {
            "stats": stats,
            "events_chart": events_chart(stats),
            "casualties_chart": casualties_chart(stats),
            "actors_chart": actors_chart(stats),
        }

    def latest(self) -> list[Event]:
        """The events the home page lists as the latest, newest first."""
        return latest(list(self.catalog.events.values()), LATEST_COUNT)

    # --- every page -----------------------------------------------------------------------------

    def pages(self, only: Callable[[Family], bool] | None = None) -> dict[str, str]:
        """Every generated page as {uri: markdown}; with ``only``, the pages of the families
        it accepts (``chronology serve`` keeps the others' from the last build)."""
        out = self.page_set = PageSet(only, RenderError)
        add = out.add
        self._chronology_pages(out)
        if out.wanted(("global", "")):
            add("map/index.md", self.render("map.md.j2", "map/index.md", **self.map_values()))
            explore = explore_page_values(self.catalog)
            add(EXPLORE_URI, self.render("explore.md.j2", EXPLORE_URI, **explore))
        if out.wanted(("statistics", "")):
            stats = self.statistics_values()
            add("statistics.md", self.render("stats.md.j2", "statistics.md", **stats))
        if out.wanted(("indexes", "")):
            self._index_pages(add)
        for event in self.catalog.events.values():
            if out.wanted(("event", event.id)):
                uri = page_uri(event)
                add(uri, self.render("event.md.j2", uri, event=event, **self.event_values(event)))
        self._actor_pages(out)
        self._location_pages(out)
        self._source_pages(out)
        return out.pages

    def map_values(self, uri: str = "map/index.md") -> dict[str, Any]:
        """The Map page's values, as the page at ``uri``."""
        return map_page_values(self.catalog, uri)

    def _chronology_pages(self, out: PageSet) -> None:
        """The home page, the chronology's index, and its year and month pages."""
        chronology = self.chronology
        years, spanning = chronology.years, chronology.sections.spanning
        counts = {
            "events": len(self.catalog.events),
            "actors": len(self.catalog.actors),
            "places": len(self.catalog.locations),
            "sources": len(self.catalog.sources),
        }
        shared = {"years": years, "spanning": spanning}
        add = out.add
        everything = out.wanted(("chronology", ""))
        if everything:
            home = self.render(
                "home.md.j2", "index.md", latest=self.latest(), counts=counts, **shared
            )
            add("index.md", home)
            index = self.render("chronology_index.md.j2", "chronology/index.md", **shared)
            add("chronology/index.md", index)
        for year in years if everything else ():
            listed = year.count <= YEAR_LIST_LIMIT
            events = (e for m in year.months for e in m.events)
            values = {
                "year": year,
                "years": years,
                "listed": listed,
                "filters": page_values.filters(self.catalog, events) if listed else None,
                "pages_of": chronology.month_pages,
            }
            add(year.uri, self.render("chronology_year.md.j2", year.uri, **values))
        months = chronology.months
        year_of = {id(month): year for year in years for month in year.months}
        for i, month in enumerate(months):
            if not out.wanted(("month", month.uri)):
                continue
            for page in chronology.month_pages[month.uri]:
                values = {
                    "month": month,
                    "page": page,
                    "year": year_of.get(id(month)),  # None: the spanning section
                    "previous": months[i - 1] if i else None,
                    "next": months[i + 1] if i + 1 < len(months) else None,
                    "filters": page_values.filters(self.catalog, page.items),
                }
                add(page.uri, self.render("chronology_month.md.j2", page.uri, **values))

    def _index_pages(self, add: Add) -> None:
        """The A–Z indexes of actors and places, and the sources by date, paged."""
        lists = page_values.index_lists(
            self.catalog, self.actor_event_counts, self.place_event_counts, INLINE_LIST_LIMIT
        )
        for template, base, records, group, values in lists:
            laid_out, jumps = grouped_pages(records, INDEX_PAGE_SIZE, base, group)
            for page, sections in laid_out:
                values = {**values, "page": page, "sections": sections, "jumps": jumps}
                add(page.uri, self.render(template, page.uri, **values))

    def _actor_pages(self, out: PageSet) -> None:
        add = out.add
        for actor in self.catalog.actors.values():
            if not out.wanted(("actor", actor.id)):
                continue
            values = page_values.actor_values(self.catalog, actor)
            timeline = values.pop("timeline")
            values["activity"] = activity(self.chronology, values.pop("own"))
            for page in out.paged(timeline, RECORD_PAGE_SIZE, page_uri(actor)):
                add(
                    page.uri, self.render("actor.md.j2", page.uri, actor=actor, page=page, **values)
                )
            self._sub_list(add, actor, "members", values["members"])

    def _location_pages(self, out: PageSet) -> None:
        c, add = self.catalog, out.add
        grid = PlaceGrid(c)
        for location in c.locations.values():
            if not out.wanted(("location", location.id)):
                continue
            events = c.events_at.get(location.id, [])
            values = page_values.location_values(c, location, grid)
            values["activity"] = activity(self.chronology, events)
            within = values["within_count"]
            for page in out.paged(events, RECORD_PAGE_SIZE, page_uri(location), within):
                add(page.uri, self.render("location.md.j2", page.uri, page=page, **values))
            self._sub_list(add, location, "places", values["children"])

    def _source_pages(self, out: PageSet) -> None:
        c, add = self.catalog, out.add
        described: dict[str, list[Actor]] = {}  # source id -> actors it describes
        for actor in c.actors.values():
            for source_id in dict.fromkeys(s.source for s in actor.sources):
                described.setdefault(source_id, []).append(actor)
        for source in c.sources.values():
            if not out.wanted(("source", source.id)):
                continue
            values = {"source": source, "actors": described.get(source.id, [])}
            events = c.citing.get(source.id, [])
            for page in out.paged(events, RECORD_PAGE_SIZE, page_uri(source)):
                add(page.uri, self.render("source.md.j2", page.uri, page=page, **values))
            self._sub_list(add, source, "actors", values["actors"])

    def _sub_list(self, add: Add, owner: Any, name: str, items: list) -> None:
        """The full list of a record's members, places within or actors described, when it
        is longer than the record's page shows: <record>/<name>.md, paged."""
        if len(items) <= INLINE_LIST_LIMIT:
            return
        actors = isinstance(items[0], Actor)
        values = {
            "owner": owner,
            "name": getattr(owner, "name", None) or owner.title,
            "heading": SUB_LISTS[name],
            "kinds": ACTOR_KINDS if actors else LOCATION_KINDS,
            "counts": self.actor_event_counts if actors else self.place_event_counts,
        }
        for page in paginate(items, INDEX_PAGE_SIZE, list_uri(owner, name)):
            add(page.uri, self.render("record_list.md.j2", page.uri, page=page, **values))
