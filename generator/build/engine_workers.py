"""The worker processes of ``chronology build --jobs N`` (engine.py): forked from the build,
each populates and renders the pages it is handed, in batches, and answers with what the
main process needs of each page; and the log records held back and replayed in order.

A worker ignores Ctrl-C and SIGHUP (the build, which gets them too, stops the workers) and
dies with the build however it ends, ``kill -9`` included (Linux: PR_SET_PDEATHSIG)."""

from __future__ import annotations

import logging
import os
import pickle
import signal
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, TypeVar

from mkdocs.exceptions import BuildError

from .mkdocs_internals import restore_links_to_anchors

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

T = TypeVar("T")
R = TypeVar("R")

#: Seconds a stopped worker has to end before it is killed.
STOP_WAIT = 5


# --- log records held back and replayed ------------------------------------------------------


class _Keep(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.NOTSET)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(portable(record))


def portable(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message formatted and any exception as text: it pickles, and
    reads the same in another process."""
    fields = dict(record.__dict__)
    fields["msg"], fields["args"] = record.getMessage(), None
    if record.exc_info:
        fields["exc_text"] = logging.Formatter().formatException(record.exc_info)
    fields["exc_info"] = None
    return logging.makeLogRecord(fields)


@contextmanager
def held(records: list[logging.LogRecord]) -> Iterator[None]:
    """Keep what MkDocs' loggers log in the block in ``records`` instead of handling it."""
    logger = logging.getLogger("mkdocs")
    saved = logger.handlers, logger.propagate
    logger.handlers, logger.propagate = [_Keep(records)], False
    try:
        yield
    finally:
        logger.handlers, logger.propagate = saved


def replay(records: Iterable[logging.LogRecord]) -> None:
    """Hand each record to the handlers it would have reached when it was logged (its
    logger's filters passed it then)."""
    for record in records:
        logging.getLogger(record.name).callHandlers(record)


# --- what a worker sends back ----------------------------------------------------------------


@dataclass
class PageResult:
    """What the main process needs of a page a worker built: what MkDocs' Page.render
    learnt (title, anchors, links to anchors in any page) and the log records of reading
    and of rendering it."""

    index: int
    title: str | None
    anchors: set[str] | None
    #: Links to anchors: target src_uri -> {anchor: link as written}.
    links: dict[str, dict[str, str]] | None
    read_records: list[logging.LogRecord]
    built_records: list[logging.LogRecord]
    #: What a plugin found of the page while making its Markdown (engine._Made).
    entries: dict = field(default_factory=dict)

    def restore(self, page: Page, files: Files) -> None:
        page.title = self.title
        page.present_anchor_ids = self.anchors
        restore_links_to_anchors(page, self.links, files)


@dataclass
class _Failure:
    """A page whose reading or rendering raised: its records and the exception."""

    result: PageResult
    error: BaseException


class WorkerDied(BuildError):
    """A worker ended without finishing its pages (killed, out of memory, a crash)."""


# --- the main process's side -----------------------------------------------------------------


class Worker:
    """One forked worker, with the batches handed to it and not yet answered."""

    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.outstanding: list[list[int]] = []
        self.stopped = False

    @classmethod
    def start(
        cls,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation,
        env: Environment,
        doc_files: list[File],
        source: Callable[[File], dict],
    ) -> Worker:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_serve,
            args=(theirs, ours, os.getpid(), config, files, nav, env, doc_files, source),
            name="chronology-build-worker",
            daemon=True,
        )
        process.start()
        theirs.close()
        return cls(process, ours)

    def hand(self, batch: list[int] | None) -> None:
        """Send the worker a batch of page indexes, or None: no more."""
        if self.stopped:
            return
        if batch is None:
            self.stopped = True
        else:
            self.outstanding.append(batch)
        try:
            self.conn.send(batch)
        except OSError:  # it ended: a broken pipe
            raise self._died() from None

    @property
    def finished(self) -> bool:
        return self.stopped and not self.outstanding

    @staticmethod
    def results(workers: list[Worker], queue: Iterator[list[int]]) -> Iterator[PageResult]:
        """Each page's result as it comes, handing out the batches left in ``queue``; raises
        the exception a page raised, or WorkerDied."""
        while busy := [w for w in workers if not w.finished]:
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for worker in busy:
                ended = worker.process.sentinel in ready
                if worker.conn in ready or (ended and worker.conn.poll()):
                    message = worker._receive()
                    if isinstance(message, _Failure):
                        yield message.result
                        raise message.error
                    worker.outstanding.pop(0)
                    worker.hand(next(queue, None))
                    yield from message
                elif ended and not worker.finished:
                    raise worker._died()

    def _receive(self) -> Any:
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            raise self._died() from None

    def _died(self) -> WorkerDied:
        self.process.join(STOP_WAIT)
        code = self.process.exitcode
        if code is not None and code < 0:
            with suppress(ValueError):
                how = f"killed by {signal.Signals(-code).name}"
        else:
            how = f"exit code {code}"
        pages = sum(len(batch) for batch in self.outstanding)
        return WorkerDied(
            f"a build worker (process {self.process.pid}) stopped ({how}) with {pages} pages "
            "left to build; the previous site was left as it was. If the machine ran out of "
            "memory, build with fewer processes (--jobs 1)."
        )

    @staticmethod
    def stop_all(workers: list[Worker]) -> None:
        """End every worker still running (after a failure or Ctrl-C) and wait for it."""
        _stop([(worker.process, worker.conn) for worker in workers])


def _stop(running: list[tuple[BaseProcess, Connection]]) -> None:
    for process, _ in running:
        if process.is_alive():
            process.terminate()
    for process, conn in running:
        process.join(STOP_WAIT)
        if process.is_alive():
            process.kill()
            process.join()
        conn.close()


def forked_map(function: Callable[[T], R], chunks: list[T]) -> list[R]:
    """``function(chunk)`` for each chunk, each in a forked process, in order; raises what
    one raised, or WorkerDied."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    running: list[tuple[BaseProcess, Connection]] = []
    try:
        for chunk in chunks:
            ours, theirs = context.Pipe(duplex=False)
            process = context.Process(
                target=_run_one, args=(theirs, ours, os.getpid(), function, chunk), daemon=True
            )
            process.start()
            theirs.close()
            running.append((process, ours))
        results = []
        for process, conn in running:
            try:
                failed, value = conn.recv()
            except (EOFError, OSError):
                process.join(STOP_WAIT)
                raise Worker(process, conn)._died() from None
            if failed:
                raise value
            results.append(value)
        return results
    finally:
        _stop(running)


def _run_one(conn: Connection, parents_end: Connection, parent: int, function, chunk) -> None:  # type: ignore[no-untyped-def]
    _become_worker(parent, parents_end)
    try:
        conn.send((False, function(chunk)))
    except Exception as exc:
        conn.send((True, _picklable(exc)))


# --- the worker's side -----------------------------------------------------------------------


def _die_with(parent: int) -> None:
    """End this process when the build's process ends, even by SIGKILL (Linux); elsewhere
    the worker notices between pages."""
    with suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def _become_worker(parent: int, parents_end: Connection) -> None:
    _die_with(parent)
    for number in (signal.SIGINT, getattr(signal, "SIGHUP", None)):
        if number is not None:
            signal.signal(number, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parents_end.close()


def _serve(
    conn: Connection,
    parents_end: Connection,
    parent: int,
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: Environment,
    doc_files: list[File],
    source: Callable[[File], dict],
) -> None:
    from mkdocs.commands.build import _build_page, _populate_page

    _become_worker(parent, parents_end)
    _navigation_remembered(env, nav, config)
    while (batch := conn.recv()) is not None:
        done = []
        for index in batch:
            if os.getppid() != parent:
                os._exit(1)
            page = doc_files[index].page
            assert page is not None
            result = PageResult(index, None, None, None, [], [])
            try:
                with held(result.read_records):
                    result.entries = source(doc_files[index])
                    _populate_page(page, config, files)
                with held(result.built_records):
                    _build_page(page, config, doc_files, nav, env)
            except Exception as exc:
                conn.send(_Failure(result, _picklable(exc)))
                return
            links = page.links_to_anchors
            result.title = page.title
            result.anchors = page.present_anchor_ids
            result.links = None if links is None else {f.src_uri: a for f, a in links.items()}
            done.append(result)
            # What is written stays on disk only: no worker holds the pages' text or HTML.
            page.markdown = page.content = None
            doc_files[index].content_bytes = b""
        conn.send(done)


#: The theme's partials that show the navigation and nothing of the page but where it is.
NAVIGATION_PARTIALS = ("partials/nav.html", "partials/tabs.html")


def _navigation_remembered(env: Environment, nav: Navigation, config: MkDocsConfig) -> None:
    """Render the navigation partials once per set of relative addresses, in a worker.

    A worker's pages are all outside the navigation, so no entry of it is active or shows
    the page's contents: the navigation and the tabs of two such pages differ only by the
    addresses of the entries relative to the page. Most pages share those with many others
    (every event page: ../../chronology/, ...), and Material's partials cost a tenth of a
    page's build. The same bytes: the key is every address the partials can write."""
    from mkdocs.structure.pages import Page
    from mkdocs.utils import normalize_url

    addresses = [item.url for item in _entries(nav.items) if getattr(item, "url", None)]
    addresses += [str(config.extra.get("homepage") or ""), nav.homepage.url if nav.homepage else ""]
    in_nav = {id(page) for page in nav.pages}
    for name in NAVIGATION_PARTIALS:
        template = env.get_template(name)
        render = template.root_render_func
        made: dict[tuple[str, ...], str] = {}

        def remembered(context, render=render, made=made):  # type: ignore[no-untyped-def]
            page = context.get("page")
            if not isinstance(page, Page) or id(page) in in_nav:
                yield from render(context)
                return
            key = tuple(normalize_url(address, page=page) for address in addresses)
            text = made.get(key)
            if text is None:
                text = made[key] = "".join(render(context))
            yield text

        template.root_render_func = remembered


def _entries(items: list) -> Iterator:
    """Every entry of the navigation, sections' children included."""
    for item in items:
        yield item
        yield from _entries(getattr(item, "children", None) or [])


def _picklable(exc: BaseException) -> BaseException:
    """The exception itself if it survives pickling, else a BuildError saying what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return BuildError(f"{type(exc).__name__}: {exc}")
    return exc
