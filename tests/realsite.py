"""The real content, built once per test run, and the one Chromium every browser test uses.

Session fixtures (tests/conftest.py makes them visible to every suite):

``catalog``
    The real content (content/), loaded.
``hosted``
    The real site built as for a web server, served by ``http.server`` on 127.0.0.1.
``bundle``
    The offline zip as a reader gets it: built by ``build_bundle``, unzipped, opened from
    file://.
``browser``
    Debian's Chromium, driven by Playwright, with no network: ``$CHROMIUM``, else
    ``chromium`` on PATH, else /usr/bin/chromium (Playwright's own download is never used).
    Without one the browser tests skip, except in CI (``CI`` set), where a missing browser
    is a failure: ``.ci/run`` installs it. Each test opens its own context (cookies,
    storage, viewport), so tests share the process, never a page.

The builds take most of a minute each and every suite that reads the real site reads the
same files, so they are made once: a test must not change them (one that needs other
content, or writes into a build, builds its own in a temporary folder).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build.bundle import build_bundle
from generator.build.site_build import build_site
from generator.content.catalog import Catalog, load_catalog
from generator.site.urls import page_url

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
#: Flags for a machine without network: no background traffic, no sandbox (CI runs as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@dataclass(frozen=True)
class Site:
    """One build of the site, as the browser reaches it."""

    kind: str
    """'bundle' (file://) or 'hosted' (http://127.0.0.1:port/)."""
    folder: Path
    """The built site on disk."""
    base: str
    """The address of the site root, ending in '/'."""

    @property
    def directory_urls(self) -> bool:
        return self.kind == "hosted"

    def url(self, uri: str) -> str:
        """The address of the page built from ``uri`` ('map/index.md', 'events/<id>.md')."""
        return self.base + page_url(uri, self.directory_urls)

    def allowed(self, url: str) -> bool:
        """Requests the site may make: its own files, and data:/blob: (never leave the
        machine). Everything else is another host."""
        return url.startswith((self.base, "data:", "blob:"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serves ``folder`` on 127.0.0.1 (a free port) while in the block; its address."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(REPO)


@pytest.fixture(scope="session")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = build_site(REPO / "mkdocs.yml", tmp_path_factory.mktemp("hosted") / "site")
    with served(folder) as base:
        yield Site("hosted", folder, base)


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The zip as a reader gets it: built by build_bundle, unzipped, opened from file://."""
    result = build_bundle(REPO / "mkdocs.yml", tmp_path_factory.mktemp("dist"))
    unzipped = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(result.path) as archive:
        archive.extractall(unzipped)
    (top,) = unzipped.iterdir()
    return Site("bundle", top, top.as_uri() + "/")


def _no_browser(reason: str) -> None:
    if os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}:
        pytest.fail(f"{reason} (CI is set: a missing browser is a failure; .ci/run installs it)")
    pytest.skip(f"{reason}; install Debian's chromium package or set CHROMIUM=/path/to/it")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).is_file():
        _no_browser(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("the playwright package is not installed (make setup installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
