"""MkDocs glue: validate the content, hand the generated pages and data files (assemble.py)
to MkDocs, and watch the content and templates while serving. The logic lives in the other
modules."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from ..content.catalog import Catalog, load_catalog
from ..errors import ChronologyError
from .assemble import DeferredPages, SiteSettings, assemble
from .page_meta import DATA_PAGE, PageMetadata
from .preview import Preview


class ChronologyConfig(Config):
    content_root = config_options.Type(str, default=".")
    """Folder holding content/ and seeds/, relative to mkdocs.yml."""
    templates = config_options.Type(str, default="site_templates")
    """Folder of Jinja2 page templates, relative to mkdocs.yml."""


#: Generated pages that belong in the navigation; every other generated page is reached
#: from these index pages, which keeps MkDocs' per-page navigation rendering cheap.
NAV_PAGES = {
    "index.md",
    "chronology/index.md",
    "statistics.md",
    "map/index.md",
    "actors/index.md",
    "locations/index.md",
    "sources/index.md",
}


class ChronologyPlugin(BasePlugin[ChronologyConfig]):
    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        #: Set by ``chronology serve`` (serve.py): what it keeps between rebuilds (preview.py).
        self.preview: Preview | None = None
        #: Permalinks of this build's pages and the data page's JSON-LD (page_meta.py),
        #: made in on_files.
        self.page_meta: PageMetadata | None = None
        #: Set by the parallel build (engine.py) before on_files: the pages' Markdown is then
        #: made by the process that converts each page (``deferred``), not all at once here.
        self.defer_pages = False
        self.deferred: DeferredPages | None = None

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Validate before MkDocs cleans or writes anything in site_dir: invalid content
        # leaves the previous site untouched.
        try:
            self.catalog = load_catalog(
                self._path(config, self.config.content_root),
                cache=self.preview.records if self.preview else None,
            )
        except ChronologyError as exc:
            raise PluginError(f"content is invalid:\n{exc}") from None
        return config

    def settings(self, config: MkDocsConfig) -> SiteSettings:
        """This plugin's options and the MkDocs settings the generated files depend on."""
        return SiteSettings(
            content_root=self._path(config, self.config.content_root),
            templates=self._path(config, self.config.templates),
            site_name=config.site_name,
            site_url=config.site_url,
            directory_urls=config.use_directory_urls,
        )

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.catalog is not None
        cache = self.preview.page_templates if self.preview else None
        try:
            if self.defer_pages:
                self.deferred = DeferredPages(self.catalog, self.settings(config))
                generated = {**self.deferred.pages, **self.deferred.data()}
            else:
                generated = assemble(self.catalog, self.settings(config), cache)
        except ChronologyError as exc:
            raise PluginError(str(exc)) from None
        for uri, text in generated.items():
            if files.src_uris.get(uri) is not None:  # the uris are in MkDocs' own form
                raise PluginError(f"docs/{uri} clashes with a generated page; rename it")
            inclusion = (
                InclusionLevel.INCLUDED
                if uri in NAV_PAGES or not uri.endswith(".md")
                else InclusionLevel.NOT_IN_NAV
            )
            # Bytes, so MkDocs writes CRLF line endings (iCalendar, CSV) unchanged on Windows.
            content = text if uri.endswith(".md") else text.encode("utf-8")
            files.append(File.generated(config, uri, content=content, inclusion=inclusion))
        self.page_meta = PageMetadata(self.catalog, config.site_name, config.site_url)
        self._complete_data_page(files, config)
        if self.preview:
            self.preview.on_files(files, generated)
        return files

    def files_made_last(self, files: Files, entries: dict[str, list]) -> dict[str, str]:
        """The files a deferred build makes after every page (the search index, from each
        page's search entries), as {path: text}, checked like the other generated files."""
        assert self.deferred is not None
        made = self.deferred.search(entries)
        for uri in made:
            if files.src_uris.get(uri) is not None:  # the uris are in MkDocs' own form
                raise PluginError(f"docs/{uri} clashes with a generated page; rename it")
        return made

    def _complete_data_page(self, files: Files, config: MkDocsConfig) -> None:
        """The hand-written data page, with its Dataset JSON-LD in its front matter, as
        ``chronology generate`` writes it (generate.py)."""
        assert self.page_meta is not None
        page = files.get_file_from_path(DATA_PAGE)
        if page is None or page.generated_by is not None:
            return
        text = self.page_meta.completed_data_page(page.content_string)
        files.remove(page)
        files.append(File.generated(config, DATA_PAGE, content=text, inclusion=page.inclusion))

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # The hosted permalink, also in the offline bundle (whose own address is x.html):
        # the canonical link, og:url and sitemap.xml. Set once every page exists and before
        # any is rendered; on the hosted site it is MkDocs' own canonical address.
        if self.page_meta is not None:
            for file in files.documentation_pages():
                if file.page is not None:
                    file.page.canonical_url = self.page_meta.permalink(file.src_uri)
        if self.preview:
            self.preview.on_env(env, files)
        return env

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        if self.preview:
            self.preview.on_nav(nav)
        return nav

    @event_priority(-50)  # after the other plugins have written what they write
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.preview:
            self.preview.on_post_build(config)

    def watched_folders(self, config: MkDocsConfig) -> list[str]:
        """The folders whose changes call for a rebuild, besides what MkDocs watches."""
        root = self._path(config, self.config.content_root)
        folders = (root / "content", root / "seeds", self._path(config, self.config.templates))
        return [str(folder) for folder in folders if folder.is_dir()]

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        for folder in self.watched_folders(config):
            server.watch(folder)
        return server
