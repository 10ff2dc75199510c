"""``chronology serve``: MkDocs' live-reload server, rebuilding only what an edit changed.

A plain ``mkdocs serve`` rebuilds the whole site on every save: every YAML file parsed and
validated again, every page rendered, and every page converted and written by MkDocs (two
minutes at 10,000 events). Here the server keeps a :class:`Preview` between rebuilds:

- the catalog loader re-reads only the content files whose size, times or inode changed
  (``RecordCache``); cross-references are checked again in full, as in a build;
- every page is rendered again, and MkDocs rebuilds only the generated pages whose Markdown
  differs from the last build's (a dirty build in which the unchanged pages answer
  ``is_modified() == False``). That criterion is exact: an edited event's title also appears
  on its actors' pages and the chronology, and those pages change with it;
- what MkDocs would have computed for the skipped pages (title, table of contents, anchors,
  links to anchors) is restored from the last build, so navigation, anchor checks and the
  search index (kept per page and written whole) stay what a full build gives.

A rebuild is complete whenever the incremental one could be wrong: at start, after a build
that failed once it had begun writing, and when anything but content, seeds and page templates
changed (``docs/``, ``mkdocs.yml``, ``overrides/``). Invalid content stops the rebuild
before anything is written: the error is shown and the last good site stays served.

``chronology build`` never uses any of this.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import posixpath
import shutil
import signal
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .catalog import RecordCache

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.chronology")

#: Seconds between two looks at the watched folders, at least and at most; in between, five
#: times what one look takes (a few ms for the real content, ~0.1 s at 10,000 events).
POLL_FASTEST, POLL_SLOWEST = 0.1, 0.5
#: Seconds after a build before its garbage is collected: time for the browsers to reload.
COLLECT_AFTER = 2.0


def _unmodified() -> bool:
    return False


def _modified() -> bool:
    return True


@dataclass
class _PageState:
    """What MkDocs learnt about a page when it last converted it, for a build that skips it."""

    url: str
    title: str | None
    meta: dict[str, Any]
    toc: Any
    anchors: set[str] | None
    #: Links to anchors in other pages: target src_uri -> {anchor: link as written}.
    links: dict[str, dict[str, str]] | None

    @classmethod
    def of(cls, page: Page) -> _PageState:
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
        if self.links is not None:
            page.links_to_anchors = {
                target: anchors
                for uri, anchors in self.links.items()
                if (target := files.get_file_from_path(uri)) is not None
            }


class Preview:
    """What ``chronology serve`` keeps between two builds of the site in one folder.

    The builder calls :meth:`begin` and :meth:`end` around each build; the chronology plugin
    calls the other methods from its MkDocs events.
    """

    def __init__(self) -> None:
        self.records = RecordCache()
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
        self._pages: dict[str, _PageState] = {}  # every page, by src_uri
        self._search: dict[str, str] = {}  # page url -> its search index entries, as JSON
        self._nav_titles: list[tuple[str | None, str]] | None = None
        self._nav: Navigation | None = None
        self._pending: dict[str, str | bytes] = {}
        self._removed: list[str] = []
        self._built: list[File] = []
        self._files: Files | None = None
        self._writing = False

    # --- the builder ---------------------------------------------------------------------

    def begin(self, incremental: bool) -> None:
        self.incremental = incremental and self.good
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
        self._pending = generated
        if not self.incremental:
            return
        self._removed = [uri for uri in self._content if uri not in generated]
        # A page that links to a removed page must be converted again for MkDocs to report
        # the broken link: pages whose text names the removed file, and hand-written pages.
        gone = tuple(posixpath.basename(uri) for uri in self._removed)
        for file in files:
            uri = file.src_uri
            if uri in generated:
                text = generated[uri]
                same = self._content.get(uri) == text
                if same and gone and isinstance(text, str):
                    same = not any(name in text for name in gone)
                if same:
                    file.is_modified = _unmodified  # type: ignore[method-assign]
            elif gone and file.is_documentation_page():
                file.is_modified = _modified  # type: ignore[method-assign]

    def on_nav(self, nav: Navigation) -> None:
        self._nav = nav

    def on_env(self, files: Files) -> None:
        """Give the pages MkDocs skipped what it learnt about them last time; remember the
        others. Runs after every page was read and converted, before anything is written."""
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
        files = self._files
        assert files is not None
        for file in self._built:
            assert file.page is not None
            self._pages[file.src_uri] = _PageState.of(file.page)
        removed_urls = set()
        for uri in self._removed:
            state = self._pages.pop(uri, None)
            if state is not None:
                removed_urls.add(state.url)
            _remove(self._dest.pop(uri, None), config.site_dir)
        self._content = self._pending
        self._dest = {
            uri: file.abs_dest_path
            for uri in self._content
            if (file := files.get_file_from_path(uri)) is not None
        }
        self._merge_search(config, files, removed_urls)

    def _merge_search(self, config: MkDocsConfig, files: Files, removed: set[str]) -> None:
        # The search plugin indexes the pages MkDocs converted in this build; the entries of
        # the others come from the last build, in the order a full build lists them.
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            self._search = {}
            return
        # Each page's entries are kept as the JSON text the search plugin writes for them
        # (json.dumps, compact separators), so the whole index is joined, not re-encoded.
        index = json.loads(path.read_text(encoding="utf-8"))
        fresh: dict[str, list[str]] = {}
        for entry in index.get("docs", []):
            url = str(entry.get("location", "")).split("#", 1)[0]
            fresh.setdefault(url, []).append(_json(entry))
        if not self.incremental:
            self._search = {url: ",".join(entries) for url, entries in fresh.items()}
            return
        for url in removed:
            self._search.pop(url, None)
        for file in self._built:
            assert file.page is not None
            self._search[file.page.url] = ",".join(fresh.get(file.page.url, []))
        docs = (self._search.get(file.page.url) for file in files if file.page is not None)
        text = f'{{"config":{_json(index.get("config"))},"docs":[{",".join(filter(None, docs))}]}}'
        path.write_text(text, encoding="utf-8")


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)


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


# --- the server --------------------------------------------------------------------------


def _snapshot(paths: list[str]) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every file and folder under ``paths``."""
    found: dict[str, tuple[int, int]] = {}
    for top in paths:
        if os.path.isfile(top):
            stat = os.stat(top)
            found[top] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, dirs, names in os.walk(top):
            for name in dirs + names:
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def _site_inputs(config: MkDocsConfig) -> list[str]:
    """What a change to calls for a complete rebuild: everything MkDocs reads itself."""
    paths = [config.docs_dir, *config.watch]
    if config.config_file_path:
        paths.append(config.config_file_path)
    if config.theme.custom_dir:
        paths.append(config.theme.custom_dir)
    return [os.path.abspath(p) for p in paths if os.path.exists(p)]


def _polling_interval(paths: list[str]) -> float:
    start = time.perf_counter()
    _snapshot(paths)
    cost = time.perf_counter() - start
    return min(POLL_SLOWEST, max(POLL_FASTEST, 5 * cost))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class _IdleCollector:
    """Collects the garbage of the last build a moment after it, not at the start of the next
    one: the edit that starts a rebuild does not wait for it. With 10,000 events the full
    collection holds the interpreter for seconds (the cached records alone are millions of
    objects); the loader leaves it to us (``load_catalog(cache=...)``)."""

    def __init__(self) -> None:
        self._timer: threading.Timer | None = None

    def schedule(self) -> None:
        self.cancel()
        self._timer = threading.Timer(COLLECT_AFTER, self._collect)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    @staticmethod
    def _collect() -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()  # what lives on is not walked again by the collections during builds


class _DropDirtyWarning(logging.Filter):
    # MkDocs warns that a dirty build may leave navigation and links stale; here the
    # skipped pages are restored, and strict mode would count the warning as a failure.
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {super().format(record)}"


def serve(config_file: Path, dev_addr: str) -> None:
    """Serve the site on ``dev_addr`` until interrupted, rebuilding it after every change."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    mkdocs_log = logging.getLogger("mkdocs")
    if not mkdocs_log.handlers:  # as the mkdocs command sets it up
        handler = logging.StreamHandler()
        handler.setFormatter(_Formatter())
        mkdocs_log.addHandler(handler)
        mkdocs_log.setLevel(logging.INFO)
        mkdocs_log.propagate = False
    logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyWarning())

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)  # stopped like Ctrl-C: the site folder goes
    site_dir = tempfile.mkdtemp(prefix="chronology-serve-")
    preview = Preview()
    collector = _IdleCollector()
    serve_url = ""

    def get_config() -> MkDocsConfig:
        config = load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)
        if serve_url:
            config.site_url = serve_url
        plugin = config.plugins.get("chronology")
        if plugin is not None:
            plugin.preview = preview  # type: ignore[attr-defined]
        return config

    last_inputs: dict[str, tuple[int, int]] | None = None

    def build_site(config: MkDocsConfig) -> None:
        collector.cancel()
        try:
            build_with(config)
        finally:
            collector.schedule()

    def build_with(config: MkDocsConfig) -> None:
        nonlocal last_inputs
        inputs = _snapshot(_site_inputs(config))
        incremental = "chronology" in config.plugins and inputs == last_inputs
        for attempt in ("as asked", "everything"):
            start = time.perf_counter()
            preview.begin(incremental)
            try:
                build(config, serve_url=serve_url, dirty=preview.incremental)
            except BaseException:
                preview.end(ok=False)
                raise
            preview.end(ok=True)
            converted, total = preview.converted
            log.info(f"Rebuilt {converted} of {total} pages in {time.perf_counter() - start:.2f} s")
            if not preview.rebuild_all or attempt == "everything":
                break
            incremental = False
            config = get_config()
        last_inputs = inputs

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        if config is not None:  # the first build: a failure stops the server
            build_site(config)
            return
        try:
            build_site(get_config())
        except KeyboardInterrupt:
            raise
        except (Exception, SystemExit) as exc:
            # MkDocs' server would keep every request waiting until a build succeeds; the
            # site of the last good build is served instead. MkDocs has logged the problem
            # (content errors as file:line:column) before aborting.
            if not isinstance(exc, SystemExit):
                log.error("".join(traceback.format_exception(exc)).rstrip())
            elif str(exc):
                log.error(str(exc))
            if preview.good:
                log.error("Not rebuilt: the last good site is still served; save a fix.")
            else:
                log.error("Not rebuilt: the site may be incomplete until a fix is saved.")

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    mount = ("/" + mount_path.lstrip("/")).rstrip("/") + "/"
    serve_url = config.site_url = f"http://{host}:{port}{mount}"

    plugin = config.plugins.get("chronology")
    watched = _site_inputs(config)
    if plugin is not None and hasattr(plugin, "watched_folders"):
        watched += plugin.watched_folders(config)
    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=site_dir,
        mount_path=mount_path,
        polling_interval=_polling_interval(watched),
    )

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        collector.cancel()
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
