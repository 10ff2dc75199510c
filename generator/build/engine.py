"""``chronology build --jobs N``: MkDocs' build with the pages converted and rendered in N
worker processes, as ``sphinx-build -j`` does, writing the same bytes as MkDocs on one core.

:func:`build` follows MkDocs' own ``mkdocs.commands.build.build`` (1.6, see
mkdocs_internals.WRITTEN_AGAINST) step by step, and calls MkDocs' own functions for each
page (``_populate_page``, ``_build_page``) and template (``_build_theme_template``,
``_build_extra_template``): those private functions are the reach-in. What differs:

- The main process populates (reads and converts) only the pages in the navigation and the
  hand-written ones, whose titles and tables of contents every page's navigation shows; it
  runs the ``env`` event, copies the static files, renders its pages, then forks the
  workers. Each worker is handed batches of the other pages, populates and renders each
  (the theme's template, the file written), and sends back what the main process needs of
  it: its title, its anchors and its links to anchors. The main process meanwhile writes
  the theme's templates (sitemap.xml, 404.html), which need no page's content, then any
  page that would overwrite one of them (MkDocs writes pages last).
- Every log record of MkDocs' loggers is held while the pages are built and replayed in
  MkDocs' order once all are done: the records of reading each page in file order, those of
  the templates, those of rendering each page in file order. Links to anchors are then
  checked in the main process, as MkDocs does, so a strict build fails exactly as MkDocs'
  would, with the same messages in the same order.
- A plugin may leave each page's Markdown to the process converting it (``defer_pages``;
  the chronology plugin's DeferredPages): the pages are then made in parallel too, and no
  process holds them all. What making a page found (its search entries) comes back with
  it, and the plugin makes the files that need every page (``files_made_last``) at the end.
- No page's HTML stays in memory: a worker drops each page's Markdown and HTML once written.

Only plugins known not to keep per-page state run with workers (:data:`PARALLEL_SAFE`, or a
plugin class with ``parallel_safe = True``); any other, or no ``fork`` (Windows), means
one process: MkDocs' own build.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from functools import partial
from typing import TYPE_CHECKING

from ..errors import ChronologyError
from .active_content import Finding, active_content
from .engine_workers import PageResult, Worker, forked_map, held, replay
from .mkdocs_internals import release_written
from .offsite import offsite_resources, site_files

if TYPE_CHECKING:
    from pathlib import Path

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.commands.build")

#: Plugins that keep no state gathered from one page for use with another, so that the
#: pages may be converted in separate processes: ours and Material's offline plugin (which
#: only acts after the build).
PARALLEL_SAFE = frozenset({"chronology", "material/offline", "offline"})
#: Pages per batch handed to a worker: small enough to keep the workers equally busy to the
#: end, large enough that the messages cost nothing.
BATCH = 40


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, as ``sphinx-build -j auto``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # no sched_getaffinity (macOS, Windows)
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def unsafe_plugins(config: MkDocsConfig) -> list[str]:
    """The configured plugins not known to be parallel-safe, by name."""
    return [
        name
        for name, plugin in config.plugins.items()
        if name not in PARALLEL_SAFE and not getattr(plugin, "parallel_safe", False)
    ]


def effective_jobs(config: MkDocsConfig, jobs: int) -> int:
    """How many processes the build will use: ``jobs``, or 1 (said once, at info level)
    when a plugin is not parallel-safe or the platform cannot fork."""
    if jobs <= 1:
        return 1
    if not can_fork():
        log.info("Building in one process: this platform cannot fork worker processes")
        return 1
    unsafe = unsafe_plugins(config)
    if unsafe:
        log.info(
            "Building in one process: the plugin(s) %s may keep state across pages; only %s "
            "are known to be safe in parallel",
            ", ".join(unsafe),
            ", ".join(sorted(PARALLEL_SAFE)),
        )
        return 1
    return jobs


def build(config: MkDocsConfig, jobs: int | None = None) -> None:
    """Build the site as ``mkdocs.commands.build.build(config)`` does, with ``jobs``
    processes (default: the cores available) converting and rendering the pages (see the
    module's description)."""
    from mkdocs.commands.build import build as mkdocs_build

    jobs = effective_jobs(config, jobs or available_cores())
    if jobs == 1:
        mkdocs_build(config)
    else:
        _parallel_build(config, jobs)


def _parallel_build(config: MkDocsConfig, jobs: int) -> None:  # long: MkDocs' build, step by step
    from mkdocs import utils
    from mkdocs.commands.build import (
        _build_extra_template,
        _build_page,
        _build_theme_template,
        _populate_page,
    )
    from mkdocs.exceptions import Abort, BuildError
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    logger = logging.getLogger("mkdocs")
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logger.addHandler(warning_counter)
    inclusion = InclusionLevel.is_included
    workers: list[Worker] = []
    held_records = _Held()
    doc_files: list[File] = []
    # Plugins that can leave each page's Markdown to the process converting it (plugin.py).
    deferring = [plugin for plugin in config.plugins.values() if hasattr(plugin, "defer_pages")]
    try:
        start = time.monotonic()
        for plugin in deferring:
            plugin.defer_pages = True
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        log.info("Cleaning site directory")
        utils.clean_directory(config.site_dir)
        log.info(f"Building documentation to directory: {config.site_dir} ({jobs} processes)")

        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        made = _Made([plugin for plugin in deferring if plugin.deferred is not None])
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        doc_files = files.documentation_pages(inclusion=inclusion)
        in_nav = {id(page) for page in nav.pages}
        templates = {*config.theme.static_templates, *config.extra_templates}
        last = [i for i, file in enumerate(doc_files) if file.dest_uri in templates]
        ours = [i for i, f in enumerate(doc_files) if _main_page(f, in_nav) and i not in last]
        others = [
            i for i, f in enumerate(doc_files) if not _main_page(f, in_nav) and i not in last
        ]  # fmt: skip
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            assert file.page is not None
        for i in ours + last:
            with held(held_records.read[i]):
                made.entries.update(made.source(doc_files[i]))
                _populate_page(doc_files[i].page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=inclusion)
        for file in files:  # the data files, written, need not be in memory (nor the workers')
            release_written(file)

        # Before the fork, so that the theme's templates are compiled once, not in each worker.
        for i in ours:
            with held(held_records.built[i]):
                _build_page(doc_files[i].page, config, doc_files, nav, env)
        # Whatever the main process allocated so far is shared with the workers, not copied
        # as the collector would touch it.
        gc.collect()
        gc.freeze()
        _return_free_memory()
        batches = [others[n : n + BATCH] for n in range(0, len(others), BATCH)]
        workers = [
            Worker.start(config, files, nav, env, doc_files, made.source)
            for _ in range(min(jobs, len(batches)))
        ]
        queue = iter(batches)
        for worker in workers:  # two batches each, so none waits while the main one works
            for _ in range(2):
                worker.hand(next(queue, None))

        with held(held_records.templates):
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                _build_extra_template(template, files, config, nav)
        for i in last:
            with held(held_records.built[i]):
                _build_page(doc_files[i].page, config, doc_files, nav, env)
        for result in Worker.results(workers, queue):
            held_records.take(result)
            result.restore(doc_files[result.index].page, files)
            made.entries.update(result.entries)
        made.write_last(files, config.site_dir)
        held_records.replay(len(doc_files))

        log_level = config.validation.links.anchors
        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=log_level)

        config.plugins.on_post_build(config=config)

        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")

        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")

    except Exception as e:
        held_records.replay(len(doc_files))
        config.plugins.on_build_error(error=e)
        if isinstance(e, BuildError):
            log.error(str(e))
            raise Abort("Aborted with a BuildError!") from None
        raise

    finally:
        Worker.stop_all(workers)
        for plugin in deferring:
            plugin.defer_pages, plugin.deferred = False, None
        gc.unfreeze()
        logger.removeHandler(warning_counter)


def _return_free_memory() -> None:
    """Give the memory freed so far back to the system (glibc's malloc_trim), so that it
    does not count in the workers' resident sets, which start as the main process's."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


class _Made:
    """The pages whose Markdown a plugin leaves to the process converting them (plugin.py's
    ``defer_pages``), and what each page gives for the files made after every page."""

    def __init__(self, plugins: list) -> None:
        self.plugins = plugins
        #: Each page's search entries, by the plugin's position and the page's src_uri.
        self.entries: dict[tuple[int, str], list] = {}

    def source(self, file: File) -> dict[tuple[int, str], list]:
        """Give the page its Markdown if a plugin left it for now; what it found of it."""
        from mkdocs.exceptions import PluginError

        for n, plugin in enumerate(self.plugins):
            if file.src_uri in plugin.deferred:
                try:
                    markdown = plugin.deferred.markdown(file.src_uri)
                except ChronologyError as exc:  # as on_files reports it in one process
                    raise PluginError(str(exc)) from None
                file.content_string = markdown
                return {(n, file.src_uri): plugin.deferred.entries(file.src_uri, markdown)}
        return {}

    def write_last(self, files: Files, site_dir: str) -> None:
        """Write the files the plugins make from every page's entries (the search index)."""
        from mkdocs.utils import write_file

        for n, plugin in enumerate(self.plugins):
            entries = {uri: found for (m, uri), found in self.entries.items() if m == n}
            for uri, text in plugin.files_made_last(files, entries).items():
                write_file(text.encode("utf-8"), os.path.join(site_dir, uri))


def _main_page(file: File, in_nav: set[int]) -> bool:
    """Whether the main process converts the page: one in the navigation (every page shows
    its title) or a hand-written one (few)."""
    return file.generated_by is None or id(file.page) in in_nav


class _Held:
    """The log records held back while the pages are built, by phase and page."""

    def __init__(self) -> None:
        self.read: dict[int, list[logging.LogRecord]] = _lists()
        self.templates: list[logging.LogRecord] = []
        self.built: dict[int, list[logging.LogRecord]] = _lists()

    def take(self, result: PageResult) -> None:
        self.read[result.index] = result.read_records
        self.built[result.index] = result.built_records

    def replay(self, pages: int) -> None:
        """Replay every record held, in MkDocs' order; then hold nothing."""
        order: list[logging.LogRecord] = []
        for i in range(pages):
            order += self.read.get(i, [])
        order += self.templates
        for i in range(pages):
            order += self.built.get(i, [])
        self.read.clear()
        self.templates = []
        self.built.clear()
        replay(order)


class _lists(dict):  # noqa: N801 - a defaultdict(list) with the name of what it makes
    def __missing__(self, key: int) -> list[logging.LogRecord]:
        value: list[logging.LogRecord] = []
        self[key] = value
        return value


def site_checks(site: Path, jobs: int | None = None) -> tuple[list[Finding], list[str]]:
    """What the checks of a built site find (active_content.py, offsite.py), as they find it,
    with the site's files shared out among ``jobs`` processes."""
    files = site_files(site)
    jobs = min(jobs or available_cores(), max(1, len(files) // 200))
    if jobs <= 1 or not can_fork():
        return _checked(site, files)
    step = -(-len(files) // jobs)
    chunks = [files[n : n + step] for n in range(0, len(files), step)]
    found: list[Finding] = []
    leaks: list[str] = []
    for part_found, part_leaks in forked_map(partial(_checked, site), chunks):
        found += part_found
        leaks += part_leaks
    return found, leaks


def _checked(site: Path, files: list[str]) -> tuple[list[Finding], list[str]]:
    return active_content(site, files), offsite_resources(site, files)
