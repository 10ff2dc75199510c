"""``chronology serve``: MkDocs' live-reload server, rebuilding only what an edit changed.

A plain ``mkdocs serve`` rebuilds the whole site on every save: every YAML file parsed and
validated again, every page rendered, converted and written by MkDocs (two minutes at
10,000 events). Here the builder keeps a :class:`~generator.build.preview.Preview` between
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
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .preview import Preview

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.chronology")

#: Seconds between two looks at the watched folders, at least and at most; in between, five
#: times what one look takes (a few ms for the real content, ~0.1 s at 10,000 events).
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
