"""What ``chronology serve`` keeps between two builds, so that an edit rebuilds only what it
changed (the server itself is in serve.py).

- The catalog loader re-reads only the content files whose size, times or inode changed
  (``RecordCache``); duplicates, cross-references and the indexes are worked out again only
  for what an edit changed, with the answers of a full check (content/cache.py).
- After an edit of events only, the pages that show an edited event are rendered again and
  the others kept (``Reassembly``, assemble.py; which pages, site/families.py: of a record's
  long list of events, only the pages whose list changed); after any other edit every page
  is. The data files keep each event's part and the search index its shards
  (exports/parts.py, site/search_update.py). MkDocs converts only the generated pages whose
  Markdown differs from the last build's (a dirty build in which the unchanged pages answer
  ``is_modified() == False``), and what it works out of each page's path is handed on
  (mkdocs_internals.py).
- What MkDocs would have computed for the skipped pages (title, table of contents, anchors,
  links to anchors) is restored from the last build, so navigation, anchor checks and the
  search index (kept per page and written whole) are what a full build gives.
- Pages that are gone are deleted from the site folder; a page that named one, and every
  hand-written page, is converted again so that MkDocs reports a link left broken.

``chronology build`` never uses any of this: the plugin has no Preview there.
"""

from __future__ import annotations

import os
import posixpath
import time
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from ..content.cache import RecordCache
from .assemble import CompiledTemplates, Reassembly
from .mkdocs_internals import (
    PageState,
    file_addresses,
    give_addresses,
    mark_changed,
    mark_unchanged,
    read_search_index,
    remember_canonical_urls,
    write_search_index,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation


class Preview:
    """What ``chronology serve`` keeps between two builds of the site in one folder.

    The builder calls :meth:`begin` and :meth:`end` around each build; the chronology plugin
    calls the other methods from its MkDocs events.
    """

    def __init__(self) -> None:
        self.records = RecordCache()
        #: The page templates' compiled code and the last build's pages; the theme's code.
        self.page_templates = Reassembly()
        self.theme_templates = CompiledTemplates()
        #: This build updates the last one in place (MkDocs' dirty build) rather than
        #: building everything.
        self.incremental = False
        #: The site folder holds a complete build that matches what is remembered here.
        self.good = False
        #: The incremental build just made could not be complete: build everything now.
        self.rebuild_all = False
        #: How many pages MkDocs converted in the last build, of how many.
        self.converted = (0, 0)
        self._content: dict[str, str | bytes] = {}  # generated file -> content in the site
        self._dest: dict[str, str] = {}  # generated file -> its path in the site folder
        self._pages: dict[str, PageState] = {}  # every page, by src_uri
        self._search: dict[str, str] = {}  # page url -> its search index entries, as JSON
        self._nav_titles: list[tuple[str | None, str]] | None = None
        self._nav: Navigation | None = None
        self._pending: dict[str, str | bytes] = {}
        self._removed: list[str] = []
        self._built: list[File] = []
        self._files: Files | None = None
        self._writing = False
        self._times: dict[str, float] = {}
        #: Each file's addresses in the last build (mkdocs_internals.file_addresses).
        self._addresses: dict[str, tuple[str, ...]] = {}
        remember_canonical_urls()

    # --- the builder ---------------------------------------------------------------------

    def begin(self, incremental: bool) -> None:
        self.incremental = incremental and self.good
        self._times = {"begin": time.perf_counter()}
        if not self.incremental:
            self.page_templates.forget()
        self.rebuild_all = False
        self._pending, self._removed, self._built = {}, [], []
        self._files = None
        self._writing = False
        self._nav = None

    def end(self, ok: bool) -> None:
        if ok:
            self.good = not self.rebuild_all
        elif self._writing or not self.incremental:
            # A full build empties the site folder first; an incremental one that failed
            # after it began writing left some pages new and some old.
            self.good = False

    # --- MkDocs events, through the plugin -----------------------------------------------

    def on_files(self, files: Files, generated: dict[str, str | bytes]) -> None:
        """Mark the generated pages and data files that are as the last build left them."""
        self._times["files"] = time.perf_counter()
        # Pages another plugin generated, or a hand-written one the plugin completed, too.
        more = {
            file.src_uri: file.content_string
            for file in files
            if file.generated_by and file.src_uri not in generated and file.is_documentation_page()
        }
        generated = {**generated, **more} if more else generated
        self._pending = generated
        if not self.incremental:
            return
        self._removed = [uri for uri in self._content if uri not in generated]
        # A page that links to a removed page must be converted again for MkDocs to report
        # the broken link: pages whose text names the removed file, and hand-written pages.
        gone = tuple(posixpath.basename(uri) for uri in self._removed)
        addresses = self._addresses  # the same config: the same path has the same addresses
        for file in files:
            uri = file.src_uri
            if (known := addresses.get(uri)) is not None:
                give_addresses(file, known)
            if uri in generated:
                text = generated[uri]
                same = self._content.get(uri) == text
                if same and gone and isinstance(text, str):
                    same = not any(name in text for name in gone)
                if same:
                    mark_unchanged(file)
            elif gone and file.is_documentation_page():
                mark_changed(file)

    def on_nav(self, nav: Navigation) -> None:
        self._nav = nav

    def on_env(self, env: jinja2.Environment, files: Files) -> None:
        """Give the pages MkDocs skipped what it learnt about them last time; remember the
        others. Runs after every page was read and converted, before anything is written."""
        env.bytecode_cache = self.theme_templates
        self._times["env"] = time.perf_counter()
        self._writing = True
        self._files = files
        if not self.incremental:
            self._pages = {}
        total = 0
        for file in files:
            page = file.page
            if page is None:
                continue
            total += 1
            if page.content is not None:
                self._built.append(file)
                continue
            state = self._pages.get(file.src_uri)
            if state is None:  # skipped yet never built: cannot happen, but be complete
                self.rebuild_all = True
                continue
            state.restore(page, files)
        self.converted = (len(self._built), total)
        if self._nav is not None:
            titles = [(page.title, page.url) for page in self._nav.pages]
            if self.incremental and titles != self._nav_titles:
                # Every page shows the navigation: a changed title there means all of them.
                self.rebuild_all = True
            self._nav_titles = titles

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Remember this build; remove what it dropped; write the whole search index."""
        self._times["post"] = time.perf_counter()
        files = self._files
        assert files is not None
        for file in self._built:
            assert file.page is not None
            self._pages[file.src_uri] = PageState.of(file.page)
        removed_urls = set()
        for uri in self._removed:
            state = self._pages.pop(uri, None)
            if state is not None:
                removed_urls.add(state.url)
            _remove(self._dest.pop(uri, None), config.site_dir)
        self._content = self._pending
        self._addresses = {file.src_uri: file_addresses(file) for file in files}
        by_uri = files.src_uris  # the generated pages' paths are already as MkDocs keys them
        self._dest = {
            uri: file.abs_dest_path
            for uri in self._content
            if (file := by_uri.get(uri)) is not None
        }
        self._merge_search(config, files, removed_urls)

    def phases(self) -> str:
        """What the last build spent its time on, for the log."""
        t = {**self._times, "end": time.perf_counter()}
        if len(t) < 5:
            return ""
        (pages, data), (rendered, total) = self.page_templates.seconds, self.page_templates.rendered
        return (
            f"reading {t['files'] - t['begin'] - pages - data:.2f} s, rendering {rendered} of "
            f"{total} pages {pages:.2f} s, data files {data:.2f} s, MkDocs "
            f"{t['post'] - t['files']:.2f} s (of which converting {t['env'] - t['files']:.2f} s), "
            f"after the build {t['end'] - t['post']:.2f} s"
        )

    def _merge_search(self, config: MkDocsConfig, files: Files, removed: set[str]) -> None:
        # The search plugin indexes the pages MkDocs converted in this build; the entries of
        # the others come from the last build, in the order a full build lists them.
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            self._search = {}
            return
        # Each page's entries are kept as the JSON text the search plugin wrote for them, so
        # the whole index is joined, not encoded again.
        index_config, fresh = read_search_index(path)
        if not self.incremental:
            self._search = {url: ",".join(entries) for url, entries in fresh.items()}
            return
        for url in removed:
            self._search.pop(url, None)
        for file in self._built:
            assert file.page is not None
            self._search[file.page.url] = ",".join(fresh.get(file.page.url, []))
        pages = [self._search.get(file.page.url) for file in files if file.page is not None]
        write_search_index(path, index_config, pages)


def _remove(path: str | None, site_dir: str) -> None:
    """Delete a page the content no longer has, and the folders it leaves empty."""
    if not path:
        return
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
    folder = os.path.dirname(path)
    root = os.path.abspath(site_dir)
    while os.path.abspath(folder).startswith(root + os.sep):
        try:
            os.rmdir(folder)  # only when empty
        except OSError:
            break
        folder = os.path.dirname(folder)
