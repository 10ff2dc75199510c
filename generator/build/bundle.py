"""The offline bundle: the whole site built for file:// and zipped, for readers on poor or
watched connections. Unzip it anywhere and open ``<name>-offline/index.html``.

The zip is reproducible (same input, same bytes): entries sorted, every timestamp
SOURCE_DATE_EPOCH (when unset, the time of the last commit; outside a git checkout,
1980-01-01, the earliest a zip can hold), fixed permissions. It is
written beside the old one and moved into place only when complete, so a failed build leaves
the previous bundle untouched.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from ..content.ids import slug
from ..errors import ChronologyError
from .site_build import (
    BuildFailed,
    build_site,
    failure_reason,
    load_mkdocs_config,
    reproducible_env,
    stopped_like_ctrl_c,
    working_in,
)
from .squeeze import squeeze_site

#: Earliest time a zip entry can carry (the DOS epoch).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_LATEST_ZIP_TIME = 4354819199  # 2107-12-31 23:59:59 UTC, the last a zip entry can carry


@dataclass(frozen=True)
class Bundle:
    path: Path
    """The zip file, ``dist/<name>-offline.zip``."""
    size: int
    """Its size in bytes."""
    files: int
    """How many files of the site it holds."""

    def describe(self) -> str:
        """One line for the build log, e.g. ``dist/x-offline.zip (2,345,678 bytes, 2.3 MB,
        548 files)``; the path is relative when the zip is under the current folder."""
        here = Path.cwd()
        shown = self.path.relative_to(here) if self.path.is_relative_to(here) else self.path
        return f"{shown} ({self.size:,} bytes, {self.size / 1e6:.1f} MB, {self.files} files)"


def bundle_name(config_file: Path) -> str:
    """The default bundle name: the slug of ``site_name`` in mkdocs.yml."""
    return slug(load_mkdocs_config(config_file, offline=True).site_name) or "site"


def zip_time() -> tuple[int, int, int, int, int, int]:
    """SOURCE_DATE_EPOCH as a zip timestamp (UTC), or 1980-01-01 when it is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return ZIP_EPOCH
    seconds = min(int(epoch), _LATEST_ZIP_TIME)
    return max(ZIP_EPOCH, tuple(time.gmtime(seconds)[:6]))


def write_zip(site: Path, target: Path, top: str) -> int:
    """Zip the folder ``site`` into ``target`` under the single folder ``top``/; returns the
    number of files. Sorted entries, one timestamp, 0644 files and 0755 folders."""
    stamp = zip_time()
    entries = {f"{top}/": site}
    for path in site.rglob("*"):
        name = f"{top}/{path.relative_to(site).as_posix()}"
        entries[name + "/" if path.is_dir() else name] = path
    files = 0
    with zipfile.ZipFile(target, "w") as archive:
        for name in sorted(entries):
            if name.endswith("/"):
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.external_attr = (0o40755 << 16) | 0x10  # folder, and MS-DOS folder flag
                data = b""
            else:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                data = entries[name].read_bytes()
                files += 1
            info.create_system = 3  # Unix, so the permissions above are honoured
            archive.writestr(info, data, compresslevel=9)
    return files


def build_bundle(
    config_file: Path,
    dist_dir: Path | None = None,
    name: str | None = None,
    site_url: str | None = None,
    jobs: int | None = None,
) -> Bundle:
    """Build the file:// variant of the site and zip it to ``dist/<name>-offline.zip``.

    ``dist_dir`` defaults to dist/ beside mkdocs.yml, ``name`` to the slug of ``site_name``.
    Everything happens in a temporary folder inside ``dist_dir``, removed afterwards (also
    on Ctrl-C, SIGTERM or SIGHUP; one a ``kill -9`` left, the next bundle removes); the zip
    replaces the old one in one rename. ``site_url`` overrides the site's address, which
    the bundle's citations and data files name as the permalinks (the hosted pages').
    ``jobs``: processes converting the pages (engine.py).
    """
    if name is not None and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        raise ChronologyError(
            f"bundle name {name!r}: use letters, digits, '.', '_' and '-' only, "
            "e.g. iraq-chronology"
        )
    config_file = config_file.resolve()
    dist_dir = (dist_dir or config_file.parent / "dist").resolve()
    top = f"{name or bundle_name(config_file)}-offline"
    target = dist_dir / f"{top}.zip"
    with stopped_like_ctrl_c(), ExitStack() as held:
        try:
            dist_dir.mkdir(parents=True, exist_ok=True)
            held.enter_context(working_in(dist_dir, ".bundle-"))
            work = Path(tempfile.mkdtemp(prefix=".bundle-", dir=dist_dir))
        except OSError as exc:
            raise BuildFailed(_unchanged(exc)) from None
        try:
            files = _build_and_zip(config_file, work, top, target, site_url, jobs)
        except OSError as exc:  # a full disk while zipping: the old zip was never touched
            raise BuildFailed(_unchanged(exc)) from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return Bundle(target, target.stat().st_size, files)


def _build_and_zip(
    config_file: Path, work: Path, top: str, target: Path, site_url: str | None, jobs: int | None
) -> int:
    """Build the file:// site in ``work``, zip it there and move the zip to ``target``."""
    with reproducible_env(config_file.parent):
        site = build_site(config_file, work / top, offline=True, site_url=site_url, jobs=jobs)
        # Only a web server shows 404.html, for a missing address; under file:// nothing
        # does, and its links start at the server root (/assets/…), which on a disk
        # means the root of the drive.
        (site / "404.html").unlink(missing_ok=True)
        squeeze_site(site)
        partial = work / f"{top}.zip"
        files = write_zip(site, partial, top)
    os.chmod(partial, 0o644)
    os.replace(partial, target)
    return files


def _unchanged(exc: OSError) -> str:
    return f"the offline bundle failed ({failure_reason(exc)}); the previous zip was left as it was"
