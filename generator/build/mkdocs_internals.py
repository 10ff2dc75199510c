"""Every place the build relies on MkDocs beyond its documented plugin events, in one module.

Written against MkDocs 1.6.1 and its search plugin (:data:`WRITTEN_AGAINST`; a test fails on
another minor version, so that an upgrade starts with a review of this module). Each reach-in
is here because MkDocs has no public API for it, and says which MkDocs code it mirrors.
Everything else in the build uses MkDocs' public API: ``load_config``, the plugin events,
``File.generated``, ``mkdocs.commands.build.build`` (what ``mkdocs serve`` calls) and
``LiveReloadServer``, except the parallel build (engine.py), which follows
``mkdocs.commands.build.build`` step by step and so calls its private helpers
(``_populate_page``, ``_build_page``, ``_build_theme_template``, ``_build_extra_template``)
and restores what ``Page.render`` learnt (title, anchors, links to anchors) on the main
process's pages, as :class:`PageState` does for serve.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

#: The MkDocs version (major.minor) this module was written against.
WRITTEN_AGAINST = "1.6"


# --- dirty builds: which files MkDocs converts again ----------------------------------------
# A dirty build (``build(config, dirty=True)``) converts the files whose ``is_modified()`` is
# true; for a generated file MkDocs 1.6 always answers true (File.is_modified, structure/
# files.py). There is no setter, so the method is replaced on the instance.


def _unmodified() -> bool:
    return False


def _modified() -> bool:
    return True


def mark_unchanged(file: File) -> None:
    """A dirty build skips ``file``: its content is what the site folder already holds."""
    file.is_modified = _unmodified  # type: ignore[method-assign]


def mark_changed(file: File) -> None:
    """A dirty build converts ``file`` again, even when its source has not changed."""
    file.is_modified = _modified  # type: ignore[method-assign]


class DropDirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave navigation and links stale
    (commands/build.py): the skipped pages are restored, and strict mode would count the
    warning as a failure."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


# --- generated files already written -------------------------------------------------------
# A generated file keeps its content in memory (File._content, structure/files.py) for the
# whole build. Once copied to the site, the written file can stand for it: a file backed by
# ``abs_src_path`` reads from there (File.content_bytes), as MkDocs' own temporary files do.


def release_written(file: File) -> bool:
    """Let a generated, non-page file that is already written read its content from the
    site instead of holding it in memory; whether it did."""
    if file._content is None or file.is_documentation_page():
        return False
    if not Path(file.abs_dest_path).is_file():
        return False
    file.abs_src_path = file.abs_dest_path
    file._content = None
    return True


# --- what MkDocs learnt about a page it skips -----------------------------------------------


@dataclass
class PageState:
    """What MkDocs learnt about a page when it last converted it (Page.render sets the title,
    meta and toc, and its Markdown extensions the anchors and links to anchors), restored on
    a page a dirty build skips so that navigation and anchor checks see what a full build
    would."""

    url: str
    title: str | None
    meta: dict[str, Any]
    toc: Any
    anchors: set[str] | None
    #: Links to anchors in other pages: target src_uri -> {anchor: link as written}.
    links: dict[str, dict[str, str]] | None

    @classmethod
    def of(cls, page: Page) -> PageState:
        links = page.links_to_anchors
        return cls(
            url=page.url,
            title=page.title,
            meta=page.meta,
            toc=page.toc,
            anchors=page.present_anchor_ids,
            links=None if links is None else {f.src_uri: a for f, a in links.items()},
        )

    def restore(self, page: Page, files: Files) -> None:
        page.title = self.title  # the title it had; a skipped page has no Markdown to find it in
        page.meta = self.meta
        page.toc = self.toc
        page.present_anchor_ids = self.anchors
        restore_links_to_anchors(page, self.links, files)


def restore_links_to_anchors(
    page: Page, links: dict[str, dict[str, str]] | None, files: Files
) -> None:
    """Give ``page`` back its links to anchors, kept by source path (``{src_uri: {anchor:
    link as written}}``) because File objects do not outlive a build or cross processes;
    MkDocs' anchor validation reads them (``Page.links_to_anchors``)."""
    if links is not None and not links:
        page.links_to_anchors = {}  # most pages link to no anchor elsewhere
    elif links is not None:
        by_uri = files.src_uris  # the kept paths are src_uris already: no PurePath to parse
        page.links_to_anchors = {
            target: anchors
            for uri, anchors in links.items()
            if (target := by_uri.get(uri)) is not None
        }


# --- what MkDocs works out again for every page of every build ------------------------------
# A dirty build still makes a File and a Page for every page (plugin on_files, nav.py), each
# working out its addresses from its path: for 14,000 pages a large part of serve's rebuild.
# They are pure functions of the path and the settings, so serve hands the last build's on.

#: File's cached properties (structure/files.py) that depend only on src_uri and the config.
FILE_ADDRESSES = ("dest_uri", "url", "abs_dest_path")


def file_addresses(file: File) -> tuple[str, ...]:
    """What MkDocs worked out of ``file``'s path (FILE_ADDRESSES), to hand on to the file of
    the same path in the next build of the same config (``give_addresses``)."""
    return tuple(getattr(file, name) for name in FILE_ADDRESSES)


def give_addresses(file: File, addresses: tuple[str, ...]) -> None:
    """Set ``file``'s cached addresses, as its own cached_property would compute them."""
    file.__dict__.update(zip(FILE_ADDRESSES, addresses, strict=True))


@contextmanager
def one_build_date() -> Iterator[None]:
    """Page.__init__ (structure/pages.py) formats the build's date for each of 14,000 pages;
    within this block every page gets the date the block began on (what a build that does
    not run past midnight gives them)."""
    from mkdocs.structure import pages

    asked = pages.get_build_date
    today = asked()
    pages.get_build_date = lambda: today
    try:
        yield
    finally:
        pages.get_build_date = asked


def remember_canonical_urls() -> None:
    """Page._set_canonical_url (structure/pages.py) joins the site's address and the page's
    for every page of every build; from now on in this process each pair is joined once.
    For ``chronology serve`` only, whose process builds the same pages again and again."""
    from mkdocs.structure.pages import Page

    original = Page._set_canonical_url
    if getattr(original, "remembered", False):
        return
    known: dict[tuple[str | None, str], tuple[str | None, str | None]] = {}

    def _set_canonical_url(self: Page, base: str | None) -> None:
        key = (base, self.url)
        found = known.get(key)
        if found is None:
            original(self, base)
            found = known[key] = (self.canonical_url, self.abs_url)
        self.canonical_url, self.abs_url = found

    _set_canonical_url.remembered = True  # type: ignore[attr-defined]
    Page._set_canonical_url = _set_canonical_url  # type: ignore[method-assign]


# --- the search plugin's index --------------------------------------------------------------
# search/search_index.json as the search plugin writes it (contrib/search/search_index.py):
# {"config": {...}, "docs": [{"location": "page/#anchor", ...}, ...]}, compact JSON.


def search_entry_json(value: Any) -> str:
    """A value as the search plugin encodes it."""
    return json.dumps(value, separators=(",", ":"), default=str)


def read_search_index(path: Path) -> tuple[Any, dict[str, list[str]]]:
    """The index's config, and its entries by page URL, each as the JSON text written."""
    index = json.loads(path.read_text(encoding="utf-8"))
    entries: dict[str, list[str]] = {}
    for entry in index.get("docs", []):
        url = str(entry.get("location", "")).split("#", 1)[0]
        entries.setdefault(url, []).append(search_entry_json(entry))
    return index.get("config"), entries


def write_search_index(path: Path, config: Any, pages: list[str | None]) -> None:
    """Write the index from its config and each page's entries (JSON text, comma-joined, or
    None for a page without any)."""
    docs = ",".join(filter(None, pages))
    path.write_text(f'{{"config":{search_entry_json(config)},"docs":[{docs}]}}', encoding="utf-8")


# --- the server ---------------------------------------------------------------------------


def serve_error_pages(server: LiveReloadServer, site_dir: str) -> None:
    """Answer 404 and 500 with the site's own pages, as ``mkdocs serve`` does by setting the
    same attribute (commands/serve.py)."""

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
