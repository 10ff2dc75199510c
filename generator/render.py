"""Render the catalog into Markdown pages with the Jinja2 templates in ``site_templates/``.

The result is a plain ``{uri: markdown}`` mapping; nothing here knows about MkDocs, so the
same pages can be written to disk for any Markdown engine (``chronology generate``).

Safety: every ``{{ value }}`` is escaped for Markdown *and* HTML by the environment's
``finalize`` hook unless a helper marked it ``Markup`` (links and pre-escaped text). Content
from YAML therefore cannot inject HTML, scripts or Markdown links into a page.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import edtf
from .catalog import Catalog
from .errors import ChronologyError
from .model import (
    ACTOR_KINDS,
    CASUALTY_GROUPS,
    EVENT_TYPES,
    LOCATION_KINDS,
    PLACE_PRECISIONS,
    ROLES,
    Actor,
    CasualtyCounts,
    Event,
    Location,
    Range,
    Source,
)

#: The templates shipped with the project; a site may point at its own folder instead.
DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "site_templates"

#: How many events the home page lists as "latest".
LATEST_COUNT = 8

# The characters Python-Markdown lets a backslash escape (its ESCAPED_CHARS, plus "|" from
# the tables extension); "<", ">" and "&" become HTML entities instead.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def escape_text(text: str) -> str:
    """One line of plain text, safe inside Markdown and HTML."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    text = html.escape(text, quote=True)  # & < > " '  -> entities
    return _MD_SPECIAL.sub(r"\\\1", text)


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
    return Markup(escape_text(separator) if separator.strip() else separator).join(
        item if isinstance(item, Markup) else Markup(escape_text(str(item))) for item in items
    )


class RenderError(ChronologyError):
    """A template is broken (syntax error, unknown variable)."""


# --- page addresses ----------------------------------------------------------------------


def page_uri(record: Event | Actor | Location | Source) -> str:
    """The Markdown source path of a record's page, e.g. 'events/<id>.md'."""
    folder = {Event: "events", Actor: "actors", Location: "locations", Source: "sources"}
    return f"{folder[type(record)]}/{record.id}.md"


def page_url(uri: str, directory_urls: bool = True) -> str:
    """The built page's address relative to the site root, as MkDocs makes it."""
    stem = uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")] if directory_urls else stem + ".html"
    return stem + "/" if directory_urls else stem + ".html"


# --- text helpers used by templates -------------------------------------------------------


def figure_text(value: int | Range) -> str:
    if isinstance(value, Range):
        return f"{value.low}" if value.low == value.high else f"{value.low}–{value.high}"
    return str(value)


def casualty_parts(counts: CasualtyCounts | None) -> list[str]:
    """['5 civilians', '1–3 Iraqi forces'] in the order of CASUALTY_GROUPS."""
    if counts is None:
        return []
    parts = []
    for group, label in CASUALTY_GROUPS.items():
        value = getattr(counts, group)
        if value is not None:
            parts.append(
                f"{figure_text(value)} {label.lower()}"
                if group != "unspecified"
                else f"{figure_text(value)} (group not given)"
            )
    return parts


def casualty_total(counts: CasualtyCounts | None) -> tuple[int, int] | None:
    """(low, high) summed over groups, or None when no figure is known."""
    if counts is None:
        return None
    low = high = 0
    known = False
    for group in CASUALTY_GROUPS:
        value = getattr(counts, group)
        if value is None:
            continue
        known = True
        if isinstance(value, Range):
            low, high = low + value.low, high + value.high
        else:
            low, high = low + value, high + value
    return (low, high) if known else None


def date_precision_label(when: edtf.EDTFDate) -> str:
    if when.is_interval:
        label = "date range"
    elif when.start and when.start.unspecified:
        label = "some digits unknown"
    else:
        label = {"day": "exact day", "month": "month only", "year": "year only"}[when.precision]
    if when.approximate:
        label += ", approximate"
    if when.uncertain:
        label += ", uncertain"
    return label


@dataclass(frozen=True)
class MonthGroup:
    title: str  # "September 2020" or "2021, month not known"
    events: list[Event]


@dataclass(frozen=True)
class YearGroup:
    year: int
    months: list[MonthGroup]


def chronology_groups(catalog: Catalog, events: list[Event] | None = None) -> list[YearGroup]:
    """Events grouped by year, then month. Events whose month is not known (or that may
    fall in several months) come first in their year, under 'month not known'."""
    by_year: dict[int, dict[int, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in catalog.events.values() if events is None else events:
        when = catalog.when(event)
        first, last = when.earliest, when.latest
        month = first.month if (first.year, first.month) == (last.year, last.month) else 0
        by_year[first.year][month].append(event)
    years = []
    for year in sorted(by_year):
        months = []
        for month in sorted(by_year[year]):
            title = f"{year}, month not known" if month == 0 else f"{_MONTH_NAMES[month]} {year}"
            months.append(MonthGroup(title, by_year[year][month]))
        years.append(YearGroup(year, months))
    return years


_MONTH_NAMES = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


# --- the environment -------------------------------------------------------------------------


class Renderer:
    """Renders every page of a catalog. One instance per build."""

    def __init__(
        self, catalog: Catalog, templates: Path = DEFAULT_TEMPLATES, site_name: str = "Chronology"
    ):
        self.catalog = catalog
        self.site_name = site_name
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
            when=lambda e: edtf.describe(catalog.when(e)),
            precision=lambda e: date_precision_label(catalog.when(e)),
            paragraphs=escape_paragraphs,
            external=external_link,
            title=front_matter_title,
            code=lambda text: Markup(f"<code>{html.escape(str(text))}</code>"),
            actors_by_id=lambda ids: [catalog.actors[i] for i in ids],
            casualty_parts=casualty_parts,
            casualty_total=casualty_total,
            figure_text=figure_text,
            chronology_groups=lambda events=None: chronology_groups(catalog, events),
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
        here = posixpath.dirname(context["page_uri"])
        return Markup(posixpath.relpath(uri, here or "."))

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

    def pages(self) -> dict[str, str]:
        """Every generated page as {uri: markdown}."""
        c = self.catalog
        out: dict[str, str] = {}
        out["index.md"] = self.render("home.md.j2", "index.md", latest=self._latest())
        out["actors/index.md"] = self.render(
            "actor_index.md.j2", "actors/index.md", groups=self._actors_by_kind()
        )
        out["locations/index.md"] = self.render(
            "location_index.md.j2", "locations/index.md", roots=self._location_tree()
        )
        out["sources/index.md"] = self.render("source_index.md.j2", "sources/index.md")
        for event in c.events.values():
            uri = page_uri(event)
            out[uri] = self.render("event.md.j2", uri, event=event, when_=c.when(event))
        for actor in c.actors.values():
            uri = page_uri(actor)
            out[uri] = self.render("actor.md.j2", uri, actor=actor, **self._actor_facts(actor))
        for location in c.locations.values():
            uri = page_uri(location)
            out[uri] = self.render(
                "location.md.j2",
                uri,
                location=location,
                ancestors=self._ancestors(location),
                events=c.events_at.get(location.id, []),
            )
        for source in c.sources.values():
            uri = page_uri(source)
            out[uri] = self.render(
                "source.md.j2",
                uri,
                source=source,
                events=c.citing.get(source.id, []),
                actors=[
                    a for a in c.actors.values() if any(s.source == source.id for s in a.sources)
                ],
            )
        return out

    # --- facts computed for pages -----------------------------------------------------------

    def _latest(self) -> list[Event]:
        events = list(self.catalog.events.values())
        return list(reversed(events[-LATEST_COUNT:]))

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
        for item in appearances:
            by_role[item.role].append(item)
        events = list(dict.fromkeys(a.event.id for a in appearances))
        together: Counter[str] = Counter()
        for event_id in events:
            others = {p.actor for p in c.events[event_id].actors} - {actor.id}
            together.update(others)
        return {
            "roles": [(r, ROLES[r], by_role[r]) for r in ROLES if r in by_role],
            "event_count": len(events),
            "first": c.events[events[0]] if events else None,
            "last": c.events[events[-1]] if events else None,
            "parent": c.actors.get(actor.parent) if actor.parent else None,
            "members": sorted(c.child_actors.get(actor.id, []), key=lambda a: a.name),
            "together": [(c.actors[i], n) for i, n in together.most_common(8)],
        }
