"""``chronology generate``: the pages and data files a build of the site would hand MkDocs,
written to a folder for any other Markdown engine.

The settings are read from the project's mkdocs.yml as ``chronology build`` reads them, so
the home page's heading, the citations' addresses and the data files' links are the site's.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from ..content.catalog import Catalog, load_catalog
from ..errors import ChronologyError
from .assemble import SiteSettings, assemble
from .page_meta import DATA_PAGE, PageMetadata
from .plugin import ChronologyPlugin
from .site_build import load_mkdocs_config


def project_settings(root: Path, templates: Path | None = None) -> SiteSettings:
    """What ``chronology build`` gives the plugin for the project in ``root`` (the hosted
    site, not the offline one); defaults for a project without mkdocs.yml or without the
    chronology plugin. ``templates`` replaces the page templates."""
    config_file = root / "mkdocs.yml"
    settings = SiteSettings(content_root=root.resolve())
    if config_file.is_file():
        config = load_mkdocs_config(config_file)
        plugin = config.plugins.get("chronology")
        if isinstance(plugin, ChronologyPlugin):
            settings = plugin.settings(config)
    if templates is not None:
        settings = replace(settings, templates=templates.resolve())
    return settings


def generate_pages(root: Path, out: Path, templates: Path | None = None) -> int:
    """Validate the project in ``root``, assemble every file and write them under ``out``
    (replacing it); returns how many files were written. Invalid content writes nothing."""
    settings = project_settings(root, templates)
    catalog = load_catalog(settings.content_root)
    files = assemble(catalog, settings)
    files.update(completed_pages(root, catalog, settings))
    write_files(files, out)
    return len(files)


def completed_pages(root: Path, catalog: Catalog, settings: SiteSettings) -> dict[str, str]:
    """The hand-written pages the build completes (the data page's JSON-LD, plugin.py), as
    the build hands them to MkDocs: written in place of docs/'s own."""
    config_file = root / "mkdocs.yml"
    docs = load_mkdocs_config(config_file).docs_dir if config_file.is_file() else root / "docs"
    page = Path(docs) / DATA_PAGE
    if not page.is_file():
        return {}
    meta = PageMetadata(catalog, settings.site_name, settings.site_url)
    return {DATA_PAGE: meta.completed_data_page(page.read_text(encoding="utf-8"))}


def write_files(files: dict[str, str], out: Path) -> None:
    """Write ``files`` under ``out``, replacing it whole.

    Files are written to a temporary folder first and moved into place at the end, so a
    failure leaves ``out`` as it was.
    """
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise ChronologyError(f"{out}: exists and is not a folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for uri, text in files.items():
            target = staging / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))  # keeps CRLF (iCalendar, CSV) as is
        os.chmod(staging, 0o755)
        if out.exists():
            shutil.rmtree(out)
        os.replace(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
