"""Render the catalog into Markdown pages with the Jinja2 templates in ``site_templates/``.

The result is a plain ``{uri: markdown}`` mapping; nothing here knows about MkDocs, so the
same pages can be written to disk for any Markdown engine (``chronology generate``).

Safety: every ``{{ value }}`` is escaped for Markdown *and* HTML by the environment's
``finalize`` hook unless a helper marked it ``Markup`` (links and pre-escaped text). Content
from YAML therefore cannot inject HTML, scripts or Markdown links into a page.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import edtf, facts
from .catalog import Catalog
from .charts import statistics
from .errors import ChronologyError

# Re-exported: page addresses and casualty helpers are used by exports and templates alike.
from .facts import (  # noqa: F401
    casualty_parts,
    casualty_total,
    figure_text,
    page_uri,
    page_url,
    year_uri,
)
from .mapdata import map_page_values, small_map_html
from .model import (
    ACTOR_KINDS,
    CASUALTY_GROUPS,
    EVENT_TYPES,
    LOCATION_KINDS,
    PLACE_PRECISIONS,
    ROLES,
    Actor,
    Event,
    Location,
)

#: The templates shipped with the project; a site may point at its own folder instead.
DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "site_templates"

#: How many events the home page lists as "latest".
LATEST_COUNT = 8

# The characters Python-Markdown lets a backslash escape (its ESCAPED_CHARS, plus "|" from
# the tables extension) get a backslash; "<", ">" and "&" become HTML entities instead. One
# str.translate pass: a regular expression with a replacement template was a tenth of the
# page rendering time.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_{}[]()#+-.!|"}}
)
_SPACES = re.compile(r"\s+")


def escape_text(text: str) -> str:
    """One line of plain text, safe inside Markdown and HTML."""
    text = str(text)
    if len(text) <= 200:
        return _escape_short(text)
    return _escape_inline(_SPACES.sub(" ", text))


@functools.lru_cache(maxsize=65536)
def _escape_short(text: str) -> str:
    # Names, titles and dates recur on thousands of pages: each is escaped once.
    return _escape_inline(_SPACES.sub(" ", text))


def _escape_inline(text: str) -> str:
    # Quotes need no escaping in Markdown text or element content; escaping them as
    # numeric entities would put a '#' in the text that Markdown then escapes again.
    return text.translate(_ESCAPES)


def escape_paragraphs(text: str) -> Markup:
    """Multi-paragraph plain text (blank lines separate paragraphs), each escaped."""
    paragraphs = [p for p in re.split(r"\n\s*\n", str(text).strip()) if p.strip()]
    return Markup("\n\n".join(escape_text(p) for p in paragraphs))


def external_link(url: str, text: str | None = None) -> Markup:
    """A Markdown link to a validated http(s) address, shown as its text (or the address)."""
    # Brackets, spaces and quotes would end the Markdown link early: percent-encode them.
    safe = re.sub(r"[()<>\s\"'\\]", lambda m: f"%{ord(m.group()):02X}", url)
    return Markup(f"[{escape_text(text or url)}]({safe})")


def front_matter_title(text: str) -> Markup:
    """The page title MkDocs puts in <title> and the navigation, as a YAML string.

    Themes un-escape the title there (Material: ``page.title | striptags``), so an escaped
    ``&lt;/title&gt;`` from the heading would close the element. Angle brackets become
    look-alike guillemets here; no real title needs them.
    """
    plain = re.sub(r"\s+", " ", text).strip().replace("<", "‹").replace(">", "›")
    return Markup(json.dumps(plain, ensure_ascii=False))


def _finalize(value: Any) -> Markup:
    # Runs on every {{ expression }}; with autoescape on, Jinja then leaves Markup alone.
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    return Markup(escape_text(str(value)))


def _join(items: Any, separator: str = "") -> Markup:
    """Jinja's join would HTML-escape only; escape each item for Markdown too."""
    return Markup(_escape_inline(separator)).join(
        item if isinstance(item, Markup) else Markup(escape_text(str(item))) for item in items
    )


@functools.lru_cache(maxsize=65536)
def _short_date(text: str) -> str:
    """facts.short_date of an EDTF date, worded once per date: a build shows each event's
    date on several pages."""
    return facts.short_date(edtf.parse(text))


@functools.lru_cache(maxsize=4096)
def _relative_folder(folder: str, here: str) -> str:
    return posixpath.relpath(folder or ".", here or ".")


def _relative_uri(uri: str, page: str) -> str:
    """``posixpath.relpath(uri, dirname(page))``, computed once per pair of folders: a build
    makes hundreds of thousands of links between a handful of folders."""
    folder, name = posixpath.split(uri)
    if name in ("", ".", "..") or uri.startswith("/"):
        return posixpath.relpath(uri, posixpath.dirname(page) or ".")
    up = _relative_folder(folder, posixpath.dirname(page))
    return name if up == "." else f"{up}/{name}"


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
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            undefined=jinja2.StrictUndefined,  # a typo in a template fails the build
            finalize=_finalize,  # escapes for Markdown and HTML
            autoescape=True,  # makes macros return Markup, so they are not escaped twice
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["join"] = _join
        self.env.globals.update(
            catalog=catalog,
            site_name=site_name,
            link=self._link,
            url=self._url,
            when=lambda e: _short_date(e.date),
            precision=lambda e: facts.date_precision_label(catalog.when(e)),
            paragraphs=escape_paragraphs,
            external=external_link,
            title=front_matter_title,
            code=lambda text: Markup(f"<code>{html.escape(str(text))}</code>"),
            attr=lambda text: Markup(html.escape(str(text), quote=True)),
            ids=lambda values: Markup(html.escape(" ".join(dict.fromkeys(values)), quote=True)),
            actors_by_id=lambda ids: [catalog.actors[i] for i in ids],
            casualty_parts=facts.casualty_parts,
            casualty_total=facts.casualty_total,
            total_text=facts.total_text,
            figure_text=facts.figure_text,
            year_uri=year_uri,
            citations_by_source=citations_by_source,
            small_map=lambda record: small_map_html(catalog, record),
            EVENT_TYPES=EVENT_TYPES,
            ROLES=ROLES,
            ACTOR_KINDS=ACTOR_KINDS,
            LOCATION_KINDS=LOCATION_KINDS,
            PLACE_PRECISIONS=PLACE_PRECISIONS,
            CASUALTY_GROUPS=CASUALTY_GROUPS,
        )

    @jinja2.pass_context
    def _url(self, context: jinja2.runtime.Context, target: Any) -> Markup:
        """Relative link from the page being rendered to a record's page or a page uri."""
        uri = target if isinstance(target, str) else page_uri(target)
        return Markup(_relative_uri(uri, context["page_uri"]))

    @jinja2.pass_context
    def _link(self, context: jinja2.runtime.Context, target: Any, text: Any = None) -> Markup:
        if text is None:
            text = getattr(target, "title", None) or getattr(target, "name", None) or target.id
        label = text if isinstance(text, Markup) else escape_text(text)
        return Markup(f"[{label}]({self._url(context, target)})")

    def render(self, template: str, uri: str, **values: Any) -> str:
        try:
            return self.env.get_template(template).render(page_uri=uri, **values)
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
        years = facts.chronology_groups(c)
        out: dict[str, str] = {}
        out["index.md"] = self.render("home.md.j2", "index.md", latest=self._latest(), years=years)
        out["chronology/index.md"] = self.render(
            "chronology_index.md.j2", "chronology/index.md", years=years
        )
        for year in years:
            uri = year_uri(year.year)
            out[uri] = self.render(
                "chronology_year.md.j2", uri, year=year, years=years, filters=self._filters(year)
            )
        out["map/index.md"] = self.render("map.md.j2", "map/index.md", **map_page_values(c))
        out["statistics.md"] = self.render("stats.md.j2", "statistics.md", charts=statistics(c))
        out["actors/index.md"] = self.render(
            "actor_index.md.j2", "actors/index.md", groups=self._actors_by_kind()
        )
        out["locations/index.md"] = self.render(
            "location_index.md.j2", "locations/index.md", roots=self._location_tree()
        )
        out["sources/index.md"] = self.render("source_index.md.j2", "sources/index.md")
        for event in c.events.values():
            uri = page_uri(event)
            out[uri] = self.render("event.md.j2", uri, event=event, **self._event_facts(event))
        for actor in c.actors.values():
            uri = page_uri(actor)
            out[uri] = self.render("actor.md.j2", uri, actor=actor, **self._actor_facts(actor))
        grid = facts.PlaceGrid(c)
        for location in c.locations.values():
            uri = page_uri(location)
            out[uri] = self.render(
                "location.md.j2",
                uri,
                location=location,
                ancestors=self._ancestors(location),
                nearby=facts.nearby(c, location, grid=grid),
                events=c.events_at.get(location.id, []),
            )
        described: dict[str, list[Actor]] = defaultdict(list)  # source id -> actors it describes
        for actor in c.actors.values():
            for source_id in dict.fromkeys(s.source for s in actor.sources):
                described[source_id].append(actor)
        for source in c.sources.values():
            uri = page_uri(source)
            out[uri] = self.render(
                "source.md.j2",
                uri,
                source=source,
                events=c.citing.get(source.id, []),
                actors=described.get(source.id, []),
            )
        return out

    # --- facts computed for pages -----------------------------------------------------------

    def _latest(self) -> list[Event]:
        events = list(self.catalog.events.values())
        return list(reversed(events[-LATEST_COUNT:]))

    def _filters(self, year: facts.YearGroup) -> dict[str, list[tuple[str, str]]]:
        """The choices a year page's filters offer: only values that occur in that year."""
        c = self.catalog
        types: set[str] = set()
        actors: set[str] = set()
        places: set[str] = set()
        for month in year.months:
            for event in month.events:
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
        }

    def _actors_by_kind(self) -> list[tuple[str, list[Actor]]]:
        groups: dict[str, list[Actor]] = defaultdict(list)
        for actor in sorted(self.catalog.actors.values(), key=lambda a: a.name.casefold()):
            groups[actor.kind].append(actor)
        return [(ACTOR_KINDS[k], groups[k]) for k in ACTOR_KINDS if k in groups]

    def _location_tree(self) -> list[Location]:
        locations = self.catalog.locations
        return sorted(
            (loc for loc in locations.values() if not loc.parent or loc.parent not in locations),
            key=lambda loc: loc.name.casefold(),
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
            "roles": [(r, ROLES[r], by_role[r]) for r in ROLES if r in by_role],
            "timeline": timeline,
            # Each timeline row's roles; filtering all appearances per row was O(events²).
            "appearances_in": dict(by_event),
            "first": timeline[0] if timeline else None,
            "last": timeline[-1] if timeline else None,
            "parent": c.actors.get(actor.parent) if actor.parent else None,
            "members": sorted(c.child_actors.get(actor.id, []), key=lambda a: a.name),
            "together": [
                (c.actors[i], n)
                for i, n in sorted(together.items(), key=lambda x: (-x[1], c.actors[x[0]].name))[:8]
            ],
        }
