"""``chronology serve``: MkDocs' live-reload server, rebuilding only what an edit changed.

A plain ``mkdocs serve`` rebuilds the whole site on every save, which takes minutes with a
long chronology. Here the builder keeps a :class:`~generator.build.preview.Preview` between
rebuilds and asks MkDocs for a dirty build, in which only the pages whose Markdown changed
are converted (see preview.py).

A rebuild is complete whenever the incremental one could be wrong: the first one, the one
after a build that failed once it had begun writing, and any after a change outside content,
seeds and page templates (``docs/``, ``mkdocs.yml``, ``overrides/``). A failed rebuild is
reported (content errors as file:line:column) and the last good site stays served; MkDocs'
own server would keep every request waiting until a build succeeds.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import signal
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from .mkdocs_internals import DropDirtyWarning, one_build_date, serve_error_pages
from .preview import Preview

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.api import BaseObserver, ObservedWatch

log = logging.getLogger("mkdocs.plugins.chronology")

#: Seconds between two looks at the watched folders, at least and at most; in between, five
#: times what one look takes, so that polling a large corpus does not keep a core busy.
POLL_FASTEST, POLL_SLOWEST = 0.1, 0.5
#: Seconds after a build before its garbage is collected: time for the browsers to reload.
COLLECT_AFTER = 2.0


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


class _Observer:
    """What tells the server that a watched file changed: the system's notifications where
    it gives them (inotify on Linux, FSEvents, Windows' directory changes), so an edit is seen
    at once and no tree of thousands of files is walked twice a second; MkDocs' polling for
    a folder where they fail (a full watch table, a file system that sends none)."""

    #: What a save does; reading a file (opened, closed unwritten) starts no rebuild.
    CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed"})

    def __init__(self, polling: BaseObserver) -> None:
        from watchdog.observers import Observer

        self.polling = polling
        self.native: BaseObserver | None = Observer()
        if isinstance(self.native, type(polling)):
            self.native = None  # the platform has no notifications: polling it is
        else:
            self.native.start()  # now, so a folder it cannot watch fails when scheduled
        self._by: dict[int, BaseObserver] = {}

    def schedule(self, handler: FileSystemEventHandler, path: str, recursive: bool) -> object:
        if self.native is not None:
            try:
                watch = self.native.schedule(_Changes(handler), path, recursive=recursive)
            except OSError as exc:
                log.info(f"Polling {path} for changes: the system sends no notices ({exc})")
            else:
                self._by[id(watch)] = self.native
                return watch
        watch = self.polling.schedule(handler, path, recursive=recursive)
        self._by[id(watch)] = self.polling
        return watch

    def unschedule(self, watch: ObservedWatch) -> None:
        self._by.pop(id(watch), self.polling).unschedule(watch)

    def start(self) -> None:
        self.polling.start()

    def stop(self) -> None:
        for observer in (self.native, self.polling):
            if observer is not None and observer.is_alive():
                observer.stop()

    def join(self) -> None:
        for observer in (self.native, self.polling):
            if observer is not None and observer.is_alive():
                observer.join()


class _Changes(FileSystemEventHandler):
    """The server's handler, given only the events a save makes."""

    def __init__(self, handler: FileSystemEventHandler) -> None:
        self.handler = handler

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _Observer.CHANGES:
            self.handler.dispatch(event)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class _IdleCollector:
    """Collects the garbage of the last build a moment after it, not at the start of the next
    one, so the edit that starts a rebuild does not wait for a full collection of the cached
    records (the loader leaves it to us: ``load_catalog(cache=...)``)."""

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


@contextmanager
def _collector_paused(paused: bool) -> Iterator[None]:
    """No automatic collection during an incremental rebuild: its passes over what the last
    builds keep find next to nothing to free (about 0.15 s a save at 10,000 events). What
    the rebuild made is then frozen, as the loader freezes what it keeps, so the first
    allocation after it (serving the page) does not walk it all either; the idle collector
    collects a moment later. A complete build allocates too much to go without."""
    enabled = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.freeze()
        if enabled:
            gc.enable()


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {super().format(record)}"


def _log_as_mkdocs_does() -> None:
    mkdocs_log = logging.getLogger("mkdocs")
    if not mkdocs_log.handlers:  # as the mkdocs command sets it up
        handler = logging.StreamHandler()
        handler.setFormatter(_Formatter())
        mkdocs_log.addHandler(handler)
        mkdocs_log.setLevel(logging.INFO)
        mkdocs_log.propagate = False
    logging.getLogger("mkdocs.commands.build").addFilter(DropDirtyWarning())


class _Rebuilder:
    """The builder MkDocs' live-reload server calls: each build incremental when it can be,
    complete when it must, and a failed rebuild leaves the last good site served."""

    def __init__(self, config_file: Path, dev_addr: str, site_dir: str) -> None:
        self.config_file = config_file
        self.dev_addr = dev_addr
        self.site_dir = site_dir
        self.preview = Preview()
        self.collector = _IdleCollector()
        #: The server's address, which every config gets as site_url once it is known.
        self.serve_url = ""
        self._last_inputs: dict[str, tuple[int, int]] | None = None

    def config(self) -> MkDocsConfig:
        """mkdocs.yml read again, as every rebuild does, with the Preview given to the plugin."""
        from mkdocs.config import load_config

        config = load_config(
            config_file=str(self.config_file), site_dir=self.site_dir, dev_addr=self.dev_addr
        )
        if self.serve_url:
            config.site_url = self.serve_url
        plugin = config.plugins.get("chronology")
        if plugin is not None:
            plugin.preview = self.preview  # type: ignore[attr-defined]
        return config

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        if config is not None:  # the first build: a failure stops the server
            self._build(config)
            return
        try:
            self._build(self.config())
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
            if self.preview.good:
                log.error("Not rebuilt: the last good site is still served; save a fix.")
            else:
                log.error("Not rebuilt: the site may be incomplete until a fix is saved.")

    def _build(self, config: MkDocsConfig) -> None:
        self.collector.cancel()
        try:
            self._build_with(config)
        finally:
            self.collector.schedule()

    def _build_with(self, config: MkDocsConfig) -> None:
        from mkdocs.commands.build import build

        preview = self.preview
        inputs = _snapshot(_site_inputs(config))
        incremental = "chronology" in config.plugins and inputs == self._last_inputs
        for attempt in ("as asked", "everything"):
            start = time.perf_counter()
            preview.begin(incremental)
            try:
                with one_build_date(), _collector_paused(preview.incremental):
                    build(config, serve_url=self.serve_url, dirty=preview.incremental)
            except BaseException:
                preview.end(ok=False)
                raise
            preview.end(ok=True)
            converted, total = preview.converted
            took = time.perf_counter() - start
            log.info(f"Rebuilt {converted} of {total} pages in {took:.2f} s: {preview.phases()}")
            if not preview.rebuild_all or attempt == "everything":
                break
            incremental = False
            config = self.config()
        self._last_inputs = inputs


def serve(config_file: Path, dev_addr: str) -> None:
    """Serve the site on ``dev_addr`` until interrupted, rebuilding it after every change."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.livereload import LiveReloadServer

    _log_as_mkdocs_does()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)  # stopped like Ctrl-C: the site folder goes
    site_dir = tempfile.mkdtemp(prefix="chronology-serve-")
    builder = _Rebuilder(config_file, dev_addr, site_dir)
    config = builder.config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    mount = ("/" + mount_path.lstrip("/")).rstrip("/") + "/"
    builder.serve_url = config.site_url = f"http://{host}:{port}{mount}"

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
    server.observer = _Observer(server.observer)  # type: ignore[assignment]

    serve_error_pages(server, site_dir)
    try:
        builder(config)
        _watch_and_serve(server, config, builder)
    finally:
        builder.collector.cancel()
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _watch_and_serve(server: LiveReloadServer, config: MkDocsConfig, builder: _Rebuilder) -> None:
    """Watch what ``mkdocs serve`` watches, and what the plugins add; serve until Ctrl-C."""
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
