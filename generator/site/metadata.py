"""What a page says about itself to search engines, link previews and reference tools: its
description (``<meta name="description">``, Open Graph, Twitter card) and its schema.org
description in JSON-LD. Pure functions of the catalog; the templates put both in front
matter, which overrides/main.html writes in the page head.

The JSON-LD describes what the sources say and no more: the actors who carried an event out
are its ``organizer``; the actors who claimed it, were blamed for it, were its target or
spoke about it are what it is ``about``, never its organizers. Dates are the first and last
day the EDTF date allows, never more precise than it is.
"""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

from ..content import edtf
from ..content.catalog import Catalog
from ..content.licence import DATA_LICENCE_URL
from ..content.model import Actor, Event, EventPlace, Location, Source
from ..content.vocabulary import ACTOR_KINDS, EVENT_TYPES, LOCATION_KINDS, PLACE_PRECISIONS
from ..content.words import plural
from .maps import locate
from .urls import hosted_url, page_uri

#: Longest description, in characters: what search engines show of one.
DESCRIPTION_LENGTH = 160
#: The licence of the site's text and data, as the data files and the footer state it.
LICENSE_URL = DATA_LICENCE_URL
SCHEMA_CONTEXT = "https://schema.org"

#: Scripts and styles a page with a map loads (front matter ``scripts:``/``styles:``, read by
#: overrides/main.html): map.js only, which inserts Leaflet's script and styles and the
#: basemap when the map is about to be seen (most of such a page's script time otherwise).
MAP_SCRIPTS = ("assets/map.js",)
MAP_STYLES = ("assets/map.css",)
#: What the chronology's year and month pages load for their filters.
FILTER_SCRIPTS = ("assets/chronology.js",)
#: What the statistics page loads for its charts.
CHART_STYLES = ("assets/charts.css",)

#: schema.org type of an actor, by kind; Organization for any kind not named.
ACTOR_TYPES = {
    "person": "Person",
    "state": "GovernmentOrganization",
    "government-body": "GovernmentOrganization",
    "media": "NewsMediaOrganization",
}
#: schema.org type of a place, by kind; Place for any kind not named.
PLACE_TYPES = {
    "country": "Country",
    "region": "AdministrativeArea",
    "district": "AdministrativeArea",
    "city": "City",
    "airport": "Airport",
}

_SPACES = re.compile(r"\s+")
_QUOTED = re.compile(r'"([^"]*)"')


# --- descriptions ----------------------------------------------------------------------------


def plain(text: str) -> str:
    """One line of text for a description or a title in a page's head: white space (line
    separators included) as single spaces; angle brackets and straight double quotes as
    look-alikes, so that a theme writing the value unescaped (stock Material writes
    ``content="{{ page.meta.description }}"``) cannot be led out of its attribute."""
    text = _QUOTED.sub(r"“\1”", one_line(text))
    return text.replace("<", "‹").replace(">", "›").replace('"', "”")


def one_line(text: str) -> str:
    """``text`` with every run of white space (line separators included) as one space."""
    return _SPACES.sub(" ", str(text)).strip()


def trim(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """``text`` as one line of at most ``length`` characters, cut at a word and ended with
    '…' when it is longer."""
    text = plain(text)
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.–—-") + "…"


def front_matter_value(text: str) -> Markup:
    """A description as a YAML (JSON) string for front matter."""
    return Markup(json.dumps(trim(text), ensure_ascii=False))


def event_description(event: Event) -> str:
    return trim(event.summary)


def actor_description(actor: Actor, event_count: int, through: int = 0) -> str:
    """``event_count`` counts the events of its members too, ``through`` of them only theirs."""
    kind = ACTOR_KINDS[actor.kind].lower()
    counted = plural(event_count, "event") + (f", {through} through members" if through else "")
    if actor.description:
        return trim(f"{actor.name} ({kind}, {counted}): {actor.description}")
    return trim(f"{actor.name}: {kind} in the chronology, {counted}.")


def place_description(catalog: Catalog, location: Location, inside: int | None = None) -> str:
    """``inside``: how many events are at the place or the places within it, when it has any."""
    within = ", ".join(p.name for p in _ancestors(catalog, location))
    kind = LOCATION_KINDS[location.kind]
    where = f"{kind} in {within}" if within else kind
    own = len(catalog.events_at.get(location.id, []))
    counted = f"{plural(own, 'event')} in the chronology"
    if inside is not None:
        counted = (
            f"{plural(inside, 'event')} in the chronology at it or places within it, "
            f"{own} at the place itself"
        )
    extra = f" {location.description}" if location.description else ""
    return trim(f"{location.name}: {where}; {counted}.{extra}")


def source_description(catalog: Catalog, source: Source) -> str:
    counted = plural(len(catalog.citing.get(source.id, [])), "event")
    return trim(f"{source.outlet}, {source.date}: “{source.title}”. Cited by {counted}.")


def schema_date(when: edtf.EDTFDate) -> str | None:
    """A date as schema.org (ISO 8601) writes it, as precisely as it is known: '2020-07-10',
    '2020-07', '2020'; None for what ISO 8601 cannot say (about, uncertain, unspecified
    digits, seasons, intervals)."""
    if when.is_interval or when.approximate or when.uncertain or when.start is None:
        return None
    part = when.start
    if part.unspecified or part.precision not in ("day", "month", "year"):
        return None
    return part.text


def _ancestors(catalog: Catalog, location: Location) -> list[Location]:
    """The places ``location`` lies in, innermost first (a cycle cannot loop: ids seen stop)."""
    chain: list[Location] = []
    seen = {location.id}
    current = location.parent
    while current and current in catalog.locations and current not in seen:
        seen.add(current)
        chain.append(catalog.locations[current])
        current = catalog.locations[current].parent
    return chain


class Describer:
    """The descriptions and assets the page templates put in front matter (``meta`` in the
    templates), with the catalog at hand."""

    map_scripts = MAP_SCRIPTS
    map_styles = MAP_STYLES
    filter_scripts = FILTER_SCRIPTS
    chart_styles = CHART_STYLES

    def __init__(self, catalog: Catalog, site_name: str = "", site_url: str | None = None):
        self.catalog = catalog
        self.linked = LinkedData(catalog, site_name, site_url)  # site_url: urls.site_base

    def linked_data(self, record: Event | Actor | Location) -> Markup:
        """Front matter: the record's Open Graph type and JSON-LD (:func:`linked_data_lines`)."""
        kind = {Event: self.linked.event, Actor: self.linked.actor}.get(type(record))
        return linked_data_lines((kind or self.linked.place)(record), "article")  # type: ignore[operator]

    def event(self, event: Event) -> Markup:
        return front_matter_value(event_description(event))

    def actor(self, actor: Actor, through: int = 0) -> Markup:
        """``through``: how many of its events only its members appear in (page_values)."""
        appearances = self.catalog.appearances.get(actor.id, [])
        count = len({item.event.id for item in appearances}) + through
        return front_matter_value(actor_description(actor, count, through))

    def place(self, location: Location, inside: int | None = None) -> Markup:
        return front_matter_value(place_description(self.catalog, location, inside))

    def source(self, source: Source) -> Markup:
        return front_matter_value(source_description(self.catalog, source))

    def text(self, text: str) -> Markup:
        """A description written in a template."""
        return front_matter_value(text)

    def has_map(self, record: Event | Location) -> bool:
        """Whether the record's page shows a one-place map (maps.small_map_html)."""
        if isinstance(record, Event):
            return locate(self.catalog, record) is not None
        return record.coordinates is not None

    def assets(self, scripts: tuple[str, ...] = (), styles: tuple[str, ...] = ()) -> Markup:
        """Front matter lines naming the scripts and styles a page loads (paths from the
        site root, constants of this module, so no escaping is needed)."""
        lines = []
        for key, paths in (("scripts", scripts), ("styles", styles)):
            if paths:
                lines.append(f"{key}:")
                lines += [f"  - {json.dumps(path)}" for path in paths]
        return Markup("\n".join(lines))


# --- schema.org JSON-LD ----------------------------------------------------------------------


class LinkedData:
    """schema.org descriptions of records; ``site_url`` (ending in '/') makes the ``url`` of
    each; without it no address is given. The actors, places and sources that events name
    are described once each and shared (never changed once made): thousands of events name
    the same few hundred."""

    def __init__(self, catalog: Catalog, site_name: str, site_url: str | None):
        self.catalog = catalog
        self.site_name = site_name
        self.site_url = site_url
        self._actors: dict[str, dict[str, Any]] = {}
        self._places: dict[str, dict[str, Any]] = {}
        self._sources: dict[str, dict[str, Any]] = {}

    def url(self, record: Event | Actor | Location | Source) -> dict[str, str]:
        """{'url': the record's permalink}, or nothing without a site address."""
        url = hosted_url(self.site_url, page_uri(record))
        return {"url": url} if url else {}

    def page(self, record: Event | Actor | Location) -> dict[str, Any]:
        """The web page a record is the main entity of: its address, licence and site."""
        page: dict[str, Any] = {"@type": "WebPage", "license": LICENSE_URL}
        if url := hosted_url(self.site_url, page_uri(record)):
            page["@id"] = page["url"] = url
        page["isPartOf"] = {"@type": "WebSite", "name": self.site_name}
        if self.site_url:
            page["isPartOf"]["url"] = self.site_url
        return page

    def actor_ref(self, actor: Actor) -> dict[str, Any]:
        known = self._actors.get(actor.id)
        if known is None:
            kind = ACTOR_TYPES.get(actor.kind, "Organization")
            known = self._actors[actor.id] = {"@type": kind, "name": actor.name} | self.url(actor)
        return known

    def place_ref(self, location: Location, depth: int = 0) -> dict[str, Any]:
        """A place with its coordinates and the places it lies in, outermost last."""
        known = self._places.get(location.id)
        if known is None:
            known = self._places[location.id] = self._place(location, depth)
        return known

    def _place(self, location: Location, depth: int) -> dict[str, Any]:
        place: dict[str, Any] = {
            "@type": PLACE_TYPES.get(location.kind, "Place"),
            "name": location.name,
        } | self.url(location)
        if location.coordinates is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": location.coordinates.lat,
                "longitude": location.coordinates.lon,
            }
        parent = self.catalog.locations.get(location.parent or "")
        if parent is not None and depth < 8:  # a chain, not a cycle: content checks refuse those
            place["containedInPlace"] = self.place_ref(parent, depth + 1)
        return place

    def event_place(self, place: EventPlace) -> dict[str, Any]:
        """A place of an event, saying how exactly the event is placed there when that is
        not 'at' it ('near Baghdad International Airport'), and the note on it."""
        location = self.catalog.locations[place.place]
        data = dict(self.place_ref(location))  # shared: add to a copy
        words = [f"{PLACE_PRECISIONS[place.precision]} {location.name}"]
        if place.note:
            words.append(one_line(place.note))
        if place.precision != "exact" or place.note:
            data["description"] = ": ".join(words)
        return data

    def source_ref(self, source: Source) -> dict[str, Any]:
        known = self._sources.get(source.id)
        if known is None:
            known = self._sources[source.id] = self._article(source)
        return known

    def _article(self, source: Source) -> dict[str, Any]:
        article: dict[str, Any] = {
            "@type": "NewsArticle",
            "headline": source.title,
            "publisher": {"@type": "Organization", "name": source.outlet},
        }
        published = schema_date(edtf.parse(source.date))
        if published:
            article["datePublished"] = published
        if source.author:
            article["author"] = {"@type": "Person", "name": source.author}
        if source.url:
            article["url"] = str(source.url)
        return article

    def event(self, event: Event) -> dict[str, Any]:
        """An ``Event``: the actors who carried it out organised it; every other actor named
        (claimed, blamed, target, …) is what it is about. The news reports it cites are
        ``subjectOf`` (schema.org gives an Event no ``citation``)."""
        c = self.catalog
        when = c.when(event)
        data: dict[str, Any] = {
            "@context": SCHEMA_CONTEXT,
            "@type": "Event",
            "name": event.title,
            "description": f"{EVENT_TYPES[event.type]}. {one_line(event.summary)}",
        }
        if when.first_day:
            data["startDate"] = when.first_day.isoformat()
        if when.last_day:
            data["endDate"] = when.last_day.isoformat()
        data["location"] = [self.event_place(place) for place in event.locations]
        organizers = dict.fromkeys(p.actor for p in event.actors if p.role == "perpetrator")
        about = dict.fromkeys(p.actor for p in event.actors if p.actor not in organizers)
        data["organizer"] = [self.actor_ref(c.actors[i]) for i in organizers]
        data["about"] = [self.actor_ref(c.actors[i]) for i in about]
        sources = dict.fromkeys(citation.source for citation in event.sources)
        data["subjectOf"] = [self.source_ref(c.sources[i]) for i in sources]
        data["isAccessibleForFree"] = True
        data["mainEntityOfPage"] = self.page(event)
        return {key: value for key, value in (data | self.url(event)).items() if value != []}

    def actor(self, actor: Actor) -> dict[str, Any]:
        data = {"@context": SCHEMA_CONTEXT} | self.actor_ref(actor)
        names = [*actor.aliases, *([actor.name_ar] if actor.name_ar else [])]
        if names:
            data["alternateName"] = names
        if actor.description:
            data["description"] = one_line(actor.description)
        parent = self.catalog.actors.get(actor.parent or "")
        if parent is not None:
            link = "memberOf" if actor.kind == "person" else "parentOrganization"
            data[link] = self.actor_ref(parent)
        data["mainEntityOfPage"] = self.page(actor)
        return data

    def place(self, location: Location) -> dict[str, Any]:
        data = {"@context": SCHEMA_CONTEXT} | self.place_ref(location)
        names = [*location.aliases, *([location.name_ar] if location.name_ar else [])]
        if names:
            data["alternateName"] = names
        if location.description:
            data["description"] = one_line(location.description)
        data["isAccessibleForFree"] = True
        data["mainEntityOfPage"] = self.page(location)
        return data

    def dataset(self, downloads: dict[str, str], description: str) -> dict[str, Any]:
        """The open data as a ``Dataset``: ``downloads`` maps each file's path from the site
        root to its media type. Covers the days from the first event's first possible day to
        the last event's last, and the countries the chronology's places lie in."""
        c = self.catalog
        data: dict[str, Any] = {
            "@context": SCHEMA_CONTEXT,
            "@type": "Dataset",
            "name": f"{self.site_name}: open data",
            "description": one_line(description),
            "license": LICENSE_URL,
            "isAccessibleForFree": True,
            "creator": {"@type": "Organization", "name": self.site_name},
        }
        if self.site_url:
            data["url"] = hosted_url(self.site_url, "data.md")
            data["creator"]["url"] = self.site_url
        days = [c.when(e) for e in c.events.values()]
        if days:
            first, last = min(d.earliest for d in days), max(d.latest for d in days)
            data["temporalCoverage"] = f"{first.isoformat()}/{last.isoformat()}"
        countries = [p for p in c.locations.values() if p.kind == "country"]
        if countries:
            data["spatialCoverage"] = [self.place_ref(p) for p in countries]
        data["distribution"] = [
            {"@type": "DataDownload", "name": path.rpartition("/")[2], "encodingFormat": media}
            | ({"contentUrl": self.site_url + path} if self.site_url else {})
            for path, media in downloads.items()
        ]
        return data


def linked_data_lines(data: dict[str, Any], og_type: str = "website") -> Markup:
    """Front matter for overrides/main.html's head, the same from any engine: Open Graph type,
    :func:`script_text` as an ASCII YAML string (YAML reads some spaces as line breaks)."""
    text = json.dumps(str(script_text(data)), ensure_ascii=True)
    return Markup(f"og_type: {og_type}\njson_ld: {text}")


def script_text(data: dict[str, Any]) -> Markup:
    """JSON-LD for a script element, ``<>&`` as JSON escapes: no text can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
