"""Links from the page being rendered to other pages, as the templates' ``url``, ``link``,
``links`` and ``event_line``: relative addresses, worked out once per folder and kept."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from ..content.model import Event
from .escape import escape_text
from .templates import Macros
from .urls import page_uri, relative_uri


class PageLinks:
    """Links relative to the page being rendered (set with ``here``), cached per folder."""

    def __init__(self, macros: Macros):
        self._macros = macros
        self._here = self._folder = ""
        self._urls: dict[tuple[str, str | int], Markup] = {}
        self._link_cache: dict[tuple[str, str | int, Any, type], Markup] = {}
        self._lines: dict[tuple[str, str], Markup] = {}

    def here(self, uri: str) -> None:
        """Make links relative to the page at ``uri`` from now on."""
        self._here, self._folder = uri, posixpath.dirname(uri)

    def url(self, target: Any) -> Markup:
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

    def event_line(self, event: Event) -> Markup:
        """The _macros.md.j2 event_line of an event, rendered once per folder: an event is
        listed on the pages of each of its places and sources and on the chronology."""
        key = (self._folder, event.id)
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = self._macros.event_line(event)
        return line

    def link(self, target: Any, text: Any = None) -> Markup:
        # The text's type is part of the key: a str equal to a Markup is escaped, the Markup not.
        key = (self._folder, target if type(target) is str else id(target), text, type(text))
        found = self._link_cache.get(key)
        if found is None:
            if text is None:
                text = getattr(target, "title", None) or getattr(target, "name", None)
                text = text or target.id
            label = text if isinstance(text, Markup) else escape_text(text)
            found = self._link_cache[key] = Markup(f"[{label}]({self.url(target)})")
        return found

    def links(self, records: Iterable[Any], separator: str = ", ") -> Markup:
        """``link(record, record.name)`` of each record, joined: a template loop with a
        separator costs Jinja a loop object per list, on every entry of every page."""
        return Markup(separator).join([self.link(r, r.name) for r in records])
