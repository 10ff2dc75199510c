"""Build the site with MkDocs beside the old one, then swap it in: a failed build never
leaves a half-written site/."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from .errors import ChronologyError


class BuildFailed(ChronologyError):
    """MkDocs reported an error (or, in strict mode, a warning)."""


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so a failed strict build can say what they were."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config_file: Path, site_dir: Path | None = None, strict: bool = True) -> Path:
    """Run ``mkdocs build`` into a temporary sibling of ``site_dir`` and swap it in."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    config_file = config_file.resolve()
    if site_dir is None:
        site_dir = config_file.parent / "site"
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    collector = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collector)
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        build(config)
    except (MkDocsException, Abort) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        details = "\n".join(collector.messages)
        raise BuildFailed(f"{exc}\n{details}".strip()) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        mkdocs_log.removeHandler(collector)
    # Swap: the old site stays complete until the new one is in place.
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
        os.replace(site_dir, old / "site")
    os.replace(staging, site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    staging_mode = 0o755  # mkdtemp makes 0700 folders; a web server needs to read the site
    os.chmod(site_dir, staging_mode)
    return site_dir
