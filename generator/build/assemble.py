"""Every generated file of the site, assembled in one place: the Markdown pages, the map's
data and the open data files. The MkDocs plugin hands them to MkDocs; ``chronology generate``
(generate.py) writes them to a folder for any other engine: both get the same bytes.

No MkDocs here: the settings come in as plain values, read from mkdocs.yml by the plugin.
``chronology serve`` passes a :class:`Reassembly`, which renders again only the pages that
show what an edit changed (site/families.py) and keeps the others from its last build.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..content.catalog import Catalog
from ..content.history import History, file_history
from ..exports.files import data_files
from ..exports.parts import DataParts
from ..site.explore import EXPLORE_INDEX_PATH, explore_index_js
from ..site.families import Family, Selection, changed_families
from ..site.maps import MAP_DATA_PATH, map_data_js
from ..site.render import DEFAULT_TEMPLATES, Renderer
from ..site.search_index import Page as SearchPage
from ..site.search_index import (
    WordCache,
    page_entries,
    record_uris,
    search_files,
    search_files_of,
)
from ..site.search_update import IndexUpdate


@dataclass(frozen=True)
class SiteSettings:
    """What the generated files depend on besides the content: the chronology plugin's
    options and three MkDocs settings, from mkdocs.yml."""

    content_root: Path
    """The folder holding content/ and seeds/ (the plugin's ``content_root``)."""
    templates: Path = DEFAULT_TEMPLATES
    """The folder of the Jinja2 page templates (the plugin's ``templates``)."""
    site_name: str = "Chronology"
    """MkDocs' ``site_name``: the home page's heading, the calendar's and the feed's name."""
    site_url: str | None = None
    """MkDocs' ``site_url``: makes citations, calendar and feed links absolute when set."""
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``: 'events/x/' rather than 'events/x.html'."""


def assemble(
    catalog: Catalog,
    settings: SiteSettings,
    template_cache: jinja2.BytecodeCache | None = None,
) -> dict[str, str]:
    """Every generated file as {path relative to the site root: text}: the pages first, then
    the map's data and the data files. ``template_cache`` keeps compiled page templates
    between the builds of ``chronology serve``; a :class:`Reassembly` also the pages."""
    if isinstance(template_cache, Reassembly):
        return template_cache.assemble(catalog, settings)
    history = file_history(settings.content_root)
    renderer = _renderer(catalog, settings, history.last_changed_days(), template_cache)
    return _with_data(catalog, settings, history, renderer.pages())


def _renderer(
    catalog: Catalog,
    settings: SiteSettings,
    changed: dict[str, str],
    template_cache: jinja2.BytecodeCache | None,
) -> Renderer:
    renderer = Renderer(
        catalog,
        settings.templates,
        site_name=settings.site_name,
        site_url=settings.site_url,
        changed=changed,
    )
    if template_cache is not None:
        renderer.env.bytecode_cache = template_cache
    return renderer


def _with_data(
    catalog: Catalog,
    settings: SiteSettings,
    history: History,
    pages: dict[str, str],
    parts: DataParts | None = None,
    words: WordCache | None = None,
) -> dict[str, str]:
    """The pages followed by the other generated files; ``parts`` and ``words`` keep each
    event's part of the data files and each page's search words between serve's builds."""
    search = search_files(
        catalog, pages, settings.content_root / "docs", settings.directory_urls, words
    )
    return {**pages, **_data(catalog, settings, history, parts, search)}


def _data(
    catalog: Catalog,
    settings: SiteSettings,
    history: History,
    parts: DataParts | None,
    search: dict[str, str],
    explore: dict[str, Any] | None = None,
) -> dict[str, str]:
    """The files that are not pages, in the order the site has them; ``parts`` and
    ``explore`` keep each event's part of them between serve's builds."""
    data = data_files(
        catalog,
        directory_urls=settings.directory_urls,
        site_url=settings.site_url,
        site_name=settings.site_name,
        history=history,
        parts=parts,
    )
    return {
        MAP_DATA_PATH: map_data_js(catalog, settings.directory_urls),
        EXPLORE_INDEX_PATH: explore_index_js(catalog, settings.directory_urls, explore),
        **search,
        **data,
    }


class DeferredPages:
    """The generated files for ``chronology build --jobs N`` (engine.py): every page's
    address and the files that are not pages are made at once, each page's Markdown only
    when the process converting it asks (``markdown``): the workers make most of them, in
    parallel. The search index, which needs the pages' titles, is made last from what the
    pages gave (``entries``). Together, the bytes of ``assemble``."""

    def __init__(self, catalog: Catalog, settings: SiteSettings) -> None:
        self.catalog, self.settings = catalog, settings
        self._history = file_history(settings.content_root)
        renderer = _renderer(catalog, settings, self._history.last_changed_days(), None)
        renderer.deferred = deferred = {}
        #: Every page's address, in order, each with "" for its text.
        self.pages = renderer.pages()
        renderer.deferred = None
        for name in {template for template, _ in deferred.values()}:
            renderer.env.get_template(name)  # compiled before the workers fork: shared
        self._renderer, self._deferred = renderer, deferred
        self._records = record_uris(catalog)

    def __contains__(self, uri: str) -> bool:
        return uri in self._deferred

    def markdown(self, uri: str) -> str:
        """The page's Markdown, rendered now."""
        template, values = self._deferred[uri]
        return self._renderer.render_now(template, uri, **values)

    def entries(self, uri: str, markdown: str) -> list[SearchPage]:
        """What the search index holds of the page (search_index.page_entries)."""
        return page_entries(uri, markdown, self._records, self.settings.directory_urls)

    def data(self) -> dict[str, str]:
        """The files that are not pages, but for the search index."""
        return _data(self.catalog, self.settings, self._history, None, {})

    def search(self, entries: dict[str, list[SearchPage]]) -> dict[str, str]:
        """The search index's files, from every page's ``entries``."""
        found = {uri: entries[uri] for uri in self.pages}
        docs = self.settings.content_root / "docs"
        return search_files_of(self.catalog, found, docs, self.settings.directory_urls)


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja templates compiled once for the whole session, by file and source checksum.

    Every build makes new Jinja environments (the page templates', the theme's), which would
    otherwise compile every template again, a large part of a small rebuild. A template that
    was edited has another checksum and is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored unless the checksum matches

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


@dataclass
class _Build:
    """What a Reassembly keeps of its last build."""

    inputs: tuple
    catalog: Catalog
    renderer: Renderer
    changed: dict[str, str]
    pages: dict[str, str]
    families: dict[Family, list[str]]
    keys: dict[str, tuple]


class Reassembly(CompiledTemplates):
    """The builds of ``chronology serve``: after an edit of events only, the pages of the
    families it changed (site/families.py) are rendered again, the others kept from the last
    build; any other change renders everything. Each event's part of the data files is kept
    too (exports/parts.py) and made again only when it or a record it names changed, and each
    page's search words (site/search_index.py's WordCache)."""

    def __init__(self) -> None:
        super().__init__()
        self._last: _Build | None = None
        self._parts = DataParts()
        self._words = IndexUpdate()
        self._explore: dict[str, Any] = {}  # each event's entries in the explorer's index
        #: Each page's search entries (search_index.page_entries), with the text they are of.
        self._entries: dict[str, tuple[str, bool, list[SearchPage]]] = {}
        #: Pages rendered by the last build, of how many; which they were.
        self.rendered = (0, 0)
        self.rendered_pages: set[str] = set()
        #: Seconds the last build took to render its pages, and to make the other files.
        self.seconds = (0.0, 0.0)

    def assemble(self, catalog: Catalog, settings: SiteSettings) -> dict[str, str]:
        start = time.perf_counter()
        history = file_history(settings.content_root)
        changed = history.last_changed_days()
        renderer = _renderer(catalog, settings, changed, self)
        # Besides the content: the settings, the templates and the seeds (stored copies).
        inputs = (
            settings,
            _signature(settings.templates),
            _signature(settings.content_root / "seeds"),
        )
        only = self._only(inputs, catalog, renderer, changed)
        pages = renderer.pages(only)
        families, keys = renderer.page_set.families, renderer.page_set.keys
        rendered = len(pages)
        self.rendered_pages = set(pages)
        if only is not None and self._last is not None:
            pages, families, keys = _merge(only, pages, families, keys, self._last)
        self.rendered = (rendered, len(pages))
        self._last = _Build(inputs, catalog, renderer, changed, pages, families, keys)
        rendering = time.perf_counter()
        found = self._search_entries(catalog, settings, pages)
        docs = settings.content_root / "docs"
        search = search_files_of(catalog, found, docs, settings.directory_urls, self._words)
        data = _data(catalog, settings, history, self._parts, search, self._explore)
        files = {**pages, **data}
        self.seconds = (rendering - start, time.perf_counter() - rendering)
        return files

    def _search_entries(
        self, catalog: Catalog, settings: SiteSettings, pages: dict[str, str]
    ) -> dict[str, list[SearchPage]]:
        """Each page's search entries; a kept page is the same text object as last time."""
        records = record_uris(catalog)
        kept, made = self._entries, {}
        for uri, text in pages.items():
            record = uri in records
            entry = kept.get(uri)
            if entry is None or entry[0] is not text or entry[1] != record:
                found = page_entries(uri, text, records, settings.directory_urls)
                entry = (text, record, found)
            made[uri] = entry
        self._entries = made
        return {uri: entry[2] for uri, entry in made.items()}

    def forget(self) -> None:
        """The next build renders everything (the last one may not have been written) and
        makes the search index whole: an update cut short would leave it half changed."""
        self._last = None
        self._words = IndexUpdate()

    def _only(
        self, inputs: tuple, catalog: Catalog, renderer: Renderer, changed: dict[str, str]
    ) -> Selection | None:
        last = self._last
        if last is None or last.inputs != inputs:
            return None
        found = changed_families(
            (last.catalog, last.renderer.chronology, last.changed),
            (catalog, renderer.chronology, changed),
        )
        if found is None:
            return None
        families, edited = found
        return Selection(families, last.families, edited, last.keys)


def _merge(
    only: Selection,
    fresh: dict[str, str],
    families: dict[Family, list[str]],
    keys: dict[str, tuple],
    last: _Build,
) -> tuple[dict[str, str], dict[Family, list[str]], dict[str, tuple]]:
    """The pages just rendered and those kept, in the order a full render gives, and what
    the paged lists' pages show (``PageSet.keys``)."""
    pages: dict[str, str] = {}
    merged: dict[Family, list[str]] = {}
    merged_keys = dict(keys)
    kept = last.pages
    for family, uris in families.items():
        if only(family):  # rendered, but for the pages of its lists kept (PageSet.paged)
            pages.update((uri, fresh[uri] if uri in fresh else kept[uri]) for uri in uris)
            merged[family] = uris
        else:
            uris = merged[family] = last.families[family]
            pages.update((uri, kept[uri]) for uri in uris)
            merged_keys.update((uri, last.keys[uri]) for uri in uris if uri in last.keys)
    return pages, merged, merged_keys


def _signature(folder: Path) -> tuple:
    """The files of a folder, as (path, modification time, size)."""
    found = []
    for top, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(top, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            found.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))
