"""Page addresses: where each generated page lives (its Markdown source path, ``uri``) and the
address MkDocs gives the built page (``url``). Exports link to pages through these too, so
this module imports nothing but the content model."""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote

from ..content.model import FOLDERS, Actor, Event, Location, Source


def page_uri(record: Event | Actor | Location | Source) -> str:
    """The Markdown source path of a record's page, e.g. 'events/<id>.md'."""
    return f"{FOLDERS[type(record)]}/{record.id}.md"


def year_uri(year: int) -> str:
    return f"chronology/{year}.md"


def month_uri(year: int, month: int) -> str:
    """A chronology month page, e.g. 'chronology/2020/07.md'; month 0 is the page of the
    year's events whose month is not known, 'chronology/2020/month-not-known.md'."""
    return f"chronology/{year}/{month:02d}.md" if month else f"chronology/{year}/month-not-known.md"


#: The chronology's page of the events that span years or are open-ended (content.filing).
SPANNING_URI = "chronology/spanning.md"


#: The explorer: every event, filtered in the reader's browser (docs/assets/explore.js).
EXPLORE_URI = "explore/index.md"

#: The explorer's (and the Map page's) filters, in the order an address lists them. The
#: scheme is documented in docs/data.md ("Explorer addresses"); docs/assets/filters.js reads
#: and writes it.
EXPLORE_KEYS = (
    "actor",
    "role",
    "members",
    "type",
    "place",
    "within",
    "from",
    "to",
    "killed",
    "wounded",
    "page",
)


def explore_query(**filters: str | list[str] | tuple[str, ...] | None) -> str:
    """A query that opens the explorer pre-filtered: ``explore_query(actor="kh",
    role=["claimed", "suspected"])`` is ``'?actor=kh&role=claimed,suspected'``.

    Links carry the filters as a query rather than a #fragment because MkDocs checks every
    fragment of a link against the target page's anchors; the explorer moves them into the
    fragment, the address a reader copies. Keys come out in EXPLORE_KEYS' order; empty
    values are left out; an unknown key is a programming error.
    """
    unknown = set(filters) - set(EXPLORE_KEYS)
    if unknown:
        raise ValueError(f"not an explorer filter: {', '.join(sorted(unknown))}")
    parts = []
    for key in EXPLORE_KEYS:
        value = filters.get(key)
        if isinstance(value, (list, tuple)):
            value = ",".join(value)
        if value:
            parts.append(f"{key}={quote(value, safe=',-')}")
    return "?" + "&".join(parts) if parts else ""


def page_url(uri: str, directory_urls: bool = True) -> str:
    """The built page's address relative to the site root, as MkDocs makes it."""
    stem = uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")] if directory_urls else stem + ".html"
    return stem + "/" if directory_urls else stem + ".html"


def site_base(site_url: str | None) -> str | None:
    """The site's public address ending in '/', or None when none is configured."""
    if not site_url or not site_url.strip():
        return None
    return site_url.strip().rstrip("/") + "/"


def hosted_url(base: str | None, uri: str) -> str | None:
    """The permalink of the page made from ``uri``: the hosted, directory-style address
    ('https://…/events/x/') under the site address ``base`` (see :func:`site_base`), whatever
    this build's own URL style (the offline bundle cites it too); None without an address."""
    return base + page_url(uri) if base else None


def list_uri(record: Actor | Location | Source, name: str) -> str:
    """Where a record's full list of ``name`` is: 'actors/x/members.md'."""
    return f"{page_uri(record)[: -len('.md')]}/{name}.md"


@functools.lru_cache(maxsize=4096)
def _relative_folder(folder: str, here: str) -> str:
    return posixpath.relpath(folder or ".", here or ".")


def relative_uri(uri: str, page: str) -> str:
    """``posixpath.relpath(uri, dirname(page))``, computed once per pair of folders: a build
    makes hundreds of thousands of links between a handful of folders."""
    folder, name = posixpath.split(uri)
    if name in ("", ".", "..") or uri.startswith("/"):
        return posixpath.relpath(uri, posixpath.dirname(page) or ".")
    up = _relative_folder(folder, posixpath.dirname(page))
    return name if up == "." else f"{up}/{name}"
