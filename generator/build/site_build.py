"""Build the site with MkDocs beside the old one, then swap it in: a failed build never
leaves a half-written site/.

Two variants come from the one mkdocs.yml: the hosted site (directory URLs, served over
HTTP) and, with ``offline=True``, the file:// variant that ``generator.build.bundle`` zips. Either
way the finished site is checked for anything a browser would load from another host
(offsite.py), and a build that would make readers contact a third party fails.

Builds are reproducible: the same commit gives the same bytes in any folder, time zone or
locale. The only clock MkDocs reads (sitemap dates, the gzip header of sitemap.xml.gz) is
SOURCE_DATE_EPOCH, which :func:`source_date_epoch` takes from the last commit when unset.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ChronologyError
from .active_content import check_active_content
from .engine import build, site_checks
from .permalinks import checked_site_url, site_url_override

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

#: The environment variable mkdocs.yml reads to enable Material's offline plugin
#: (``- offline: {enabled: !ENV [OFFLINE, false]}``).
OFFLINE_ENV = "OFFLINE"


class BuildFailed(ChronologyError):
    """MkDocs reported an error (or, in strict mode, a warning)."""


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so a failed strict build can say what they were."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _offline_env(offline: bool) -> Iterator[None]:
    """Set OFFLINE for the time mkdocs.yml is read, whatever the caller's environment says:
    ``chronology build`` always makes the hosted site, ``chronology bundle`` the file:// one."""
    saved = os.environ.get(OFFLINE_ENV)
    os.environ[OFFLINE_ENV] = "true" if offline else "false"
    try:
        yield
    finally:
        if saved is None:
            del os.environ[OFFLINE_ENV]
        else:
            os.environ[OFFLINE_ENV] = saved


def source_date_epoch(folder: Path) -> str | None:
    """SOURCE_DATE_EPOCH as set, else the time of the last commit of the git checkout
    holding ``folder`` (``git log -1 --format=%ct``); None outside a checkout or without git."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given:
        return given
    if shutil.which("git") is None:
        return None
    try:
        stamp = subprocess.run(
            ["git", "-C", str(folder), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return stamp if stamp.isdigit() else None


@contextmanager
def reproducible_env(folder: Path) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH (see :func:`source_date_epoch`) for the time of a build, so
    that MkDocs and the zip writer date everything by the commit, not by the clock."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = source_date_epoch(folder)
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def load_mkdocs_config(
    config_file: Path, offline: bool = False, site_url: str | None = None, **options: object
) -> MkDocsConfig:
    """mkdocs.yml read as ``chronology build`` (or, with ``offline``, ``chronology bundle``)
    reads it, whatever OFFLINE says in the caller's environment; ``site_url`` (else
    CHRONOLOGY_SITE_URL) overrides the site's address and ``options`` other settings
    (``site_dir=...``). An invalid file or address raises a ChronologyError."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    try:
        with _offline_env(offline):
            config = load_config(str(config_file), **_with_address(site_url, options))
    except (MkDocsException, Abort) as exc:
        raise BuildFailed(f"{config_file.name}: {exc}") from None
    return _address_checked(config, config_file)


def site_address(config_file: Path, site_url: str | None = None) -> str:
    """The site's address a build with ``--site-url site_url`` would use: the option, else
    CHRONOLOGY_SITE_URL, else mkdocs.yml's site_url; '' when there is none."""
    override = site_url_override(site_url)
    if override is not None:
        return override
    return load_mkdocs_config(config_file).site_url or ""


def _with_address(site_url: str | None, options: dict[str, object]) -> dict[str, object]:
    """``options`` plus the overriding address, if any ('' stands: it means none)."""
    override = site_url_override(site_url)
    return options if override is None else {**options, "site_url": override}


def _address_checked(config: MkDocsConfig, config_file: Path) -> MkDocsConfig:
    """mkdocs.yml's own site_url passes the same check as the overrides (MkDocs accepts
    ftp:// or a query); an empty one becomes None, as MkDocs has it when unset."""
    origin = f"{config_file.name}: site_url"
    config.site_url = checked_site_url(config.site_url or "", origin) or None
    return config


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    strict: bool = True,
    offline: bool = False,
    site_url: str | None = None,
    jobs: int | None = None,
) -> Path:
    """Run ``mkdocs build`` into a temporary sibling of ``site_dir`` and swap it in, with
    ``jobs`` processes converting the pages (engine.py; the same bytes as one).

    With ``offline``, build the variant for file:// (Material's offline plugin: no directory
    URLs, the search index also as a script); mkdocs.yml must enable that plugin from the
    OFFLINE environment variable. Ctrl-C, SIGTERM or SIGHUP leave the old site and no
    temporary folder; what a ``kill -9`` leaves, the next build beside it removes.
    ``site_url`` overrides the site's address (see :func:`site_address`).
    """
    site_url_override(site_url)  # a bad address fails before anything is touched
    config_file = config_file.resolve()
    if site_dir is None:
        site_dir = config_file.parent / "site"
    site_dir = site_dir.resolve()
    building, old = f".{site_dir.name}-building-", f".{site_dir.name}-old-"
    with stopped_like_ctrl_c(), ExitStack() as held:
        try:
            site_dir.parent.mkdir(parents=True, exist_ok=True)
            held.enter_context(working_in(site_dir.parent, building, old))
            staging = Path(tempfile.mkdtemp(prefix=building, dir=site_dir.parent))
        except OSError as exc:
            raise BuildFailed(_unchanged(exc)) from None
        _build_into(config_file, staging, strict, offline, site_url, jobs)
        _swap(staging, site_dir)
    return site_dir


def _build_into(
    config_file: Path,
    staging: Path,
    strict: bool,
    offline: bool,
    site_url: str | None,
    jobs: int | None,
) -> None:
    """Build the site into the empty folder ``staging``, checked; on any failure (or Ctrl-C)
    the folder goes and BuildFailed says why."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    collector = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collector)
    try:
        with reproducible_env(config_file.parent):
            with _offline_env(offline):
                given = {"site_dir": str(staging), "strict": strict}
                config = load_config(str(config_file), **_with_address(site_url, given))
            build(_address_checked(config, config_file), jobs)
        if offline:
            _check_offline(config_file, staging, config.use_directory_urls)
        found, leaks = site_checks(staging, jobs)
        check_active_content(staging, found)  # first: a style from content is content's fault
        if leaks:
            raise BuildFailed(_describe_leaks(leaks))
    except (MkDocsException, Abort) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        details = "\n".join(collector.messages)
        raise BuildFailed(f"{exc}\n{details}".strip()) from None
    except OSError as exc:
        # A full disk or a permission problem half-way through writing pages: the pages
        # written so far are in staging, which goes; the old site was never touched.
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(_unchanged(exc)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        mkdocs_log.removeHandler(collector)


def failure_reason(exc: OSError) -> str:
    """'No space left on device', with the file concerned when there is one."""
    reason = exc.strerror or str(exc)
    return f"{reason}: {exc.filename}" if exc.filename else reason


def _unchanged(exc: OSError) -> str:
    return f"the build failed ({failure_reason(exc)}); the previous site was left as it was"


def _swap(staging: Path, site_dir: Path) -> None:
    """Put the finished ``staging`` folder in place of ``site_dir``. The old site stays
    complete until the new one is in place, and comes back if the second rename fails."""
    old = None
    try:
        os.chmod(staging, 0o755)  # mkdtemp makes 0700 folders; a web server must read the site
        with _signals_held():
            if site_dir.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
                os.replace(site_dir, old / "site")
            os.replace(staging, site_dir)
    except OSError as exc:
        if old is not None and (old / "site").exists() and not site_dir.exists():
            os.replace(old / "site", site_dir)
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(_unchanged(exc)) from None
    finally:
        if old is not None and site_dir.exists():  # else old/site is the only site left
            shutil.rmtree(old, ignore_errors=True)


def _check_offline(config_file: Path, site: Path, directory_urls: bool) -> None:
    """The offline plugin really ran: without it the file:// site has folder links (which a
    browser shows as a file listing)."""
    if directory_urls:
        raise BuildFailed(
            f"{config_file.name}: the offline build needs Material's offline plugin enabled "
            f"from the {OFFLINE_ENV} variable; add under plugins:\n"
            f"  - offline:\n      enabled: !ENV [{OFFLINE_ENV}, false]"
        )


def _describe_leaks(leaks: list[str]) -> str:
    """One line per address: where it first appears and in how many files."""
    files: dict[str, list[str]] = {}
    for leak in leaks:
        path, _, url = leak.partition(": ")
        files.setdefault(url, []).append(path)
    lines = [
        f"  {url} (in {paths[0]}" + (f" and {len(paths) - 1} more files)" if paths[1:] else ")")
        for url, paths in files.items()
    ]
    return (
        "the site would make readers' browsers contact other hosts; vendor what it needs "
        "under docs/assets/vendor/ (scripts/vendor-assets.sh) instead:\n" + "\n".join(lines)
    )


# --- interrupted and killed builds -------------------------------------------------------


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def stopped_like_ctrl_c() -> Iterator[None]:
    """For the time of a build, SIGTERM (``kill``, a CI job cancelled) and SIGHUP (the
    terminal closed) raise KeyboardInterrupt, so they take Ctrl-C's way out: the temporary
    folders go, the old site and zip stay, and the command says "Aborted!" with exit code 1.
    A signal set to be ignored (``nohup``) stays ignored; only the main thread has signals."""
    saved = {}
    if threading.current_thread() is threading.main_thread():
        for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if number is not None and signal.getsignal(number) is signal.SIG_DFL:
                saved[number] = signal.signal(number, _interrupt)
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait while the swap's two renames run (and arrive right
    after), so that no signal finds the old site moved aside and the new one not yet in."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


#: What ``tempfile.mkdtemp(prefix=...)`` adds to the prefix: eight of these characters.
_MKDTEMP_SUFFIX = "[a-z0-9_]{8}"


@contextmanager
def working_in(folder: Path, *prefixes: str) -> Iterator[None]:
    """Mark ``folder`` as having a build at work in it (a shared ``flock`` on the folder) for
    the time of the block; first, if no other build is at work there, remove the folders a
    killed build left in it: named exactly ``<prefix>`` + mkdtemp's eight characters.

    A lock rather than a process id in the folder's name: the kernel drops the lock when
    its process ends, even by ``kill -9``, so a free lock proves no build is running there,
    whatever became of the process id (reused by another program, or the same in every
    container, where each build is process 1) and across containers sharing the folder.
    A build takes the lock before it makes a folder, so none is taken for a leftover while
    its build is starting. Where there is no ``flock`` (Windows, some network file
    systems), nothing is removed.
    """
    try:
        import fcntl
    except ImportError:
        fcntl = None
    handle = None
    with suppress(OSError, AttributeError):  # no O_DIRECTORY on Windows
        handle = None if fcntl is None else os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    if fcntl is None or handle is None:
        yield
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass  # another build is at work here: its folders are not leftovers
        else:
            _remove_leftovers(folder, prefixes)
        with suppress(OSError):
            fcntl.flock(handle, fcntl.LOCK_SH)
        yield
    finally:
        os.close(handle)  # and with it the lock


def _remove_leftovers(folder: Path, prefixes: tuple[str, ...]) -> None:
    """Remove the real folders (not links, not files) in ``folder`` named exactly one of
    ``prefixes`` followed by mkdtemp's suffix; nothing else, whatever its name."""
    named = re.compile(f"(?:{'|'.join(map(re.escape, prefixes))}){_MKDTEMP_SUFFIX}")
    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if named.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
