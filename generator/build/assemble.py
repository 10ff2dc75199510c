"""Every generated file of the site, assembled in one place: the Markdown pages, the map's
data and the open data files. The MkDocs plugin hands them to MkDocs; ``chronology generate``
(generate.py) writes them to a folder for any other engine: both get the same bytes.

No MkDocs here: the settings come in as plain values, read from mkdocs.yml by the plugin.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..content.catalog import Catalog
from ..content.history import file_history
from ..exports.files import data_files
from ..site.explore import EXPLORE_INDEX_PATH, explore_index_js
from ..site.maps import MAP_DATA_PATH, map_data_js
from ..site.render import DEFAULT_TEMPLATES, Renderer
from ..site.search_index import search_files


@dataclass(frozen=True)
class SiteSettings:
    """What the generated files depend on besides the content: the chronology plugin's
    options and three MkDocs settings, from mkdocs.yml."""

    content_root: Path
    """The folder holding content/ and seeds/ (the plugin's ``content_root``)."""
    templates: Path = DEFAULT_TEMPLATES
    """The folder of the Jinja2 page templates (the plugin's ``templates``)."""
    site_name: str = "Chronology"
    """MkDocs' ``site_name``: the home page's heading, the calendar's and the feed's name."""
    site_url: str | None = None
    """MkDocs' ``site_url``: makes citations, calendar and feed links absolute when set."""
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``: 'events/x/' rather than 'events/x.html'."""


def assemble(
    catalog: Catalog,
    settings: SiteSettings,
    template_cache: jinja2.BytecodeCache | None = None,
) -> dict[str, str]:
    """Every generated file as {path relative to the site root: text}: the pages first, then
    the map's data and the data files. ``template_cache`` keeps compiled page templates
    between the builds of ``chronology serve``."""
    history = file_history(settings.content_root)
    renderer = Renderer(
        catalog,
        settings.templates,
        site_name=settings.site_name,
        site_url=settings.site_url,
        changed=history.last_changed_days(),
    )
    if template_cache is not None:
        renderer.env.bytecode_cache = template_cache
    pages = renderer.pages()
    data = data_files(
        catalog,
        directory_urls=settings.directory_urls,
        site_url=settings.site_url,
        site_name=settings.site_name,
        history=history,
    )
    return {
        **pages,
        MAP_DATA_PATH: map_data_js(catalog, settings.directory_urls),
        EXPLORE_INDEX_PATH: explore_index_js(catalog, settings.directory_urls),
        **search_files(catalog, pages, settings.content_root / "docs", settings.directory_urls),
        **data,
    }
