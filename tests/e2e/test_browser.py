"""The real site in a real browser: Debian's Chromium, driven by Playwright, with no network.

Both builds of the real content are tested the same way: the offline bundle (built by
``build_bundle``, unzipped, opened through file://) and the hosted site (served by
``http.server`` on 127.0.0.1). Every request the browser makes is recorded, and any that is
not file:// (bundle) or this server (hosted) fails the test, as does any console error or
uncaught script error. data: and blob: addresses are allowed (Material's CSS uses data:
icons); they never leave the machine.

The builds, the catalog and Chromium are the session's (tests/realsite.py: built and
launched once for every suite); here are ``site`` (each test on both builds) and ``tab``
(a fresh browser context and page on one build, recording what it does), which the other
browser suites import from here.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from realsite import REPO, Site  # noqa: F401 (REPO: other suites import it from here)
from realsite import QuietHandler as _QuietHandler  # noqa: F401 (as REPO)

from generator.build.offsite import offsite_resources
from generator.content.catalog import Catalog
from generator.site.urls import page_uri, page_url

#: How long to wait for the site's scripts (search index, map) to do their work, ms.
TIMEOUT = 15_000


@pytest.fixture(scope="module", params=["bundle", "hosted"])
def site(request: pytest.FixtureRequest) -> Site:
    return request.getfixturevalue(request.param)


# --- the browser ---------------------------------------------------------------------------


@dataclass
class Recorder:
    """Everything a browser context did that the site must not do."""

    allowed: Callable[[str], bool]
    requests: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    pending: int = 0
    """Requests started and not yet finished or failed."""
    last: float = 0.0
    """When the last event arrived (time.monotonic())."""

    def request(self, url: str) -> None:
        self.requests.append(url)
        if not self.allowed(url):
            self.offsite.append(url)
        self.pending += 1
        self.last = time.monotonic()

    def done(self) -> None:
        self.pending -= 1
        self.last = time.monotonic()

    def console(self, message: object) -> None:
        self.last = time.monotonic()
        if message.type == "error":
            location = message.location.get("url", "")
            self.errors.append(f"console error: {message.text} ({location})")

    def assert_clean(self) -> None:
        problems = [f"request to another host: {url}" for url in self.offsite] + self.errors
        assert problems == [], "\n".join(problems)


@dataclass
class Tab:
    """A fresh browser context and page on one build, recording what it does."""

    site: Site
    page: object
    recorder: Recorder

    def open(self, uri: str) -> None:
        self.page.goto(self.site.url(uri))

    def settle(self, quiet: float = 0.3) -> None:
        """Wait until no request is in flight and nothing has happened for ``quiet`` seconds,
        so late requests and errors (scripts run after load, timers) are recorded."""
        self.page.wait_for_load_state("load")
        deadline = time.monotonic() + TIMEOUT / 1000
        self.page.wait_for_timeout(50)
        while time.monotonic() < deadline:
            if self.recorder.pending <= 0 and time.monotonic() - self.recorder.last >= quiet:
                return
            self.page.wait_for_timeout(50)  # lets Playwright deliver the browser's events
        raise AssertionError(f"the page was still busy after {TIMEOUT} ms")

    def assert_clean(self) -> None:
        self.settle()
        self.recorder.assert_clean()

    def assert_on(self, uri: str) -> None:
        """The page shown is the one built from ``uri`` (query and fragment aside)."""
        self.page.wait_for_url(re.compile("^" + re.escape(self.site.url(uri)) + r"(?:[?#].*)?$"))


@pytest.fixture
def tab(browser: object, site: Site) -> Iterator[Tab]:
    recorder = Recorder(site.allowed)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT)
    context.on("request", lambda request: recorder.request(request.url))
    context.on("requestfinished", lambda request: recorder.done())
    context.on("requestfailed", lambda request: recorder.done())

    def watch(page: object) -> None:
        page.on("console", recorder.console)
        page.on(
            "pageerror",
            lambda error: recorder.errors.append(f"script error: {error.name}: {error.message}"),
        )

    context.on("page", watch)
    # Nothing leaves the machine even while a test is failing: other hosts are refused.
    context.route(lambda url: not site.allowed(url), lambda route: route.abort("blockedbyclient"))
    page = context.new_page()
    try:
        yield Tab(site, page, recorder)
    finally:
        context.close()


def article_link(tab: Tab, uri: str) -> object:
    """The link in the page's article to the page built from ``uri``."""
    href = page_url(uri, tab.site.directory_urls)  # e.g. actors/x/ or actors/x.html
    name = "/" + href.rstrip("/").rsplit("/", 1)[-1] + ("/" if href.endswith("/") else "")
    return tab.page.locator(f'article a[href$="{name}"]').first


# --- scenarios, each on both builds --------------------------------------------------------


@pytest.mark.parametrize("query", ["Kataeb", "كتائب حزب الله"], ids=["alias", "arabic"])
def test_search_finds_an_actor_by_alias(tab: Tab, catalog: Catalog, query: str) -> None:
    actor = catalog.actors["kataib-hezbollah"]
    assert query in " ".join([*actor.aliases, actor.name_ar or ""])
    tab.open("index.md")
    tab.page.fill(".chr-search__input", query)
    title = tab.page.get_by_text(actor.name, exact=True)
    tab.page.locator(".chr-search__result a").filter(has=title).first.click()
    tab.assert_on(page_uri(actor))
    assert tab.page.locator("article h1").inner_text().strip("¶ \n") == actor.name
    assert query in tab.page.locator("article").inner_text()
    tab.assert_clean()


def test_chronology_filters_narrow_the_year(tab: Tab) -> None:
    tab.open("chronology/2020.md")
    form = tab.page.locator("form.chrono-filters")
    form.wait_for(state="visible")
    entries = tab.page.locator(".chrono-entry")
    total = entries.count()
    types = entries.evaluate_all("ps => ps.map(p => p.dataset.type)")
    assert total == len(types) > 1
    count = form.locator(".chrono-count")
    assert count.inner_text() == f"{total} events"

    form.locator('select[name="type"]').select_option("rocket-attack")
    expected = types.count("rocket-attack")
    assert 0 < expected < total
    visible = tab.page.locator("li:not([hidden]) > .chrono-entry")
    assert visible.count() == expected
    assert set(visible.evaluate_all("ps => ps.map(p => p.dataset.type)")) == {"rocket-attack"}
    assert count.inner_text() == f"Showing {expected} of {total} events"
    assert tab.page.evaluate("location.hash") == "#type=rocket-attack"

    # A second filter narrows further: rocket attacks at one place.
    places = visible.evaluate_all("ps => ps.map(p => p.dataset.places.split(' '))")
    place = next(p for ps in places for p in ps if p)
    both = sum(place in p for p in places)
    form.locator('select[name="place"]').select_option(place)
    assert visible.count() == both
    assert count.inner_text() == f"Showing {both} of {total} events"
    tab.assert_clean()


def test_without_javascript_the_filters_stay_hidden(browser: object, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    context.route(lambda url: not site.allowed(url), lambda route: route.abort("blockedbyclient"))
    try:
        page = context.new_page()
        page.goto(site.url("chronology/2020.md"))
        assert page.locator(".chrono-entry").count() > 1  # every entry is listed
        assert page.locator("form.chrono-filters").is_hidden()  # a form that would not work
    finally:
        context.close()


def test_a_record_page_opens_its_month_filtered_and_the_month_links_keep_it(
    tab: Tab, catalog: Catalog
) -> None:
    actor = catalog.actors["kataib-hezbollah"]
    tab.open(page_uri(actor))
    # The actor's "By month" table presets the filter with a query (?actor=…); the page's
    # explorer links carry one too, so the link is picked by the chronology in its address.
    tab.page.locator(f'article a[href*="chronology/"][href*="?actor={actor.id}"]').first.click()
    form = tab.page.locator("form.chrono-filters")
    form.wait_for(state="visible")
    assert form.locator('select[name="actor"]').input_value() == actor.id
    visible = tab.page.locator("li:not([hidden]) > .chrono-entry")
    shown = visible.evaluate_all("ps => ps.map(p => p.dataset.actors.split(' '))")
    assert shown and all(actor.id in actors for actors in shown)
    total = tab.page.locator(".chrono-entry").count()
    assert form.locator(".chrono-count").inner_text() == f"Showing {len(shown)} of {total} events"
    # The choice moves from the query into the address's fragment, as if chosen here.
    assert tab.page.evaluate("[location.search, location.hash]") == ["", f"#actor={actor.id}"]

    # The previous and next month links carry the choice along.
    month = tab.page.locator(".chrono-pager a").filter(has_text=re.compile("[‹›]")).first
    assert month.get_attribute("href").endswith(f"#actor={actor.id}")
    month.click()
    form.wait_for(state="visible")
    assert form.locator('select[name="actor"]').input_value() == actor.id
    assert tab.page.evaluate("location.hash") == f"#actor={actor.id}"
    tab.assert_clean()


def test_event_links_to_its_actor_and_place_and_back(tab: Tab, catalog: Catalog) -> None:
    event = next(
        e
        for e in sorted(catalog.events.values(), key=lambda e: e.id)
        if e.actors and any(catalog.locations[p.place].coordinates for p in e.locations)
    )
    actor = catalog.actors[event.actors[0].actor]
    place = next(
        catalog.locations[p.place]
        for p in event.locations
        if catalog.locations[p.place].coordinates
    )
    here = page_uri(event)

    tab.open(here)
    title = tab.page.locator("article h1").inner_text().strip("¶ \n")
    assert title == event.title
    for record in (actor, place):
        article_link(tab, page_uri(record)).click()
        tab.assert_on(page_uri(record))
        assert tab.page.locator("article h1").inner_text().strip("¶ \n") == record.name
        if record is place:  # the place's own small map shows its marker once near
            tab.page.locator(".chronology-map").scroll_into_view_if_needed()
            tab.page.locator(".chronology-map .chronology-map-place").first.wait_for()
        article_link(tab, here).click()  # the record's page lists the event
        tab.assert_on(here)
        assert tab.page.locator("article h1").inner_text().strip("¶ \n") == title
    tab.page.go_back()
    tab.assert_on(page_uri(place))
    tab.assert_clean()


def test_statistics_page_shows_its_charts(tab: Tab) -> None:
    tab.open("statistics.md")
    charts = tab.page.locator("article svg.chart-svg")
    charts.first.wait_for()
    assert charts.count() >= 3
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 50
        assert charts.nth(i).locator("rect, path").count() > 0
    tab.assert_clean()


def test_every_nav_page_loads_cleanly(tab: Tab) -> None:
    """Each page of the navigation, with its scripts, requests nothing from another host
    and logs no error."""
    for uri in (
        "index.md",
        "chronology/index.md",
        "actors/index.md",
        "locations/index.md",
        "sources/index.md",
        "data.md",
        "content-format.md",
    ):
        tab.open(uri)
        tab.assert_clean()
    assert len(tab.recorder.requests) > 20


# --- the guards themselves -----------------------------------------------------------------


def test_a_request_to_another_host_fails_the_tests(tab: Tab) -> None:
    tab.open("index.md")
    tab.settle()
    tab.recorder.assert_clean()
    tab.page.evaluate(
        """() => {
          const img = document.createElement("img");
          img.src = "http://example.invalid/x.png";
          document.body.appendChild(img);
          const css = document.createElement("link");
          css.rel = "stylesheet";
          css.href = "https://fonts.googleapis.com/css?family=Roboto";
          document.head.appendChild(css);
        }"""
    )
    tab.settle()
    assert sorted(tab.recorder.offsite) == [
        "http://example.invalid/x.png",
        "https://fonts.googleapis.com/css?family=Roboto",
    ]
    with pytest.raises(AssertionError, match=r"request to another host: http://example\.inv"):
        tab.recorder.assert_clean()


def test_a_console_error_fails_the_tests(tab: Tab) -> None:
    tab.open("index.md")
    tab.page.evaluate("() => { console.error('boom'); setTimeout(() => { null.x; }, 0); }")
    tab.settle()
    with pytest.raises(AssertionError) as failure:
        tab.recorder.assert_clean()
    assert "console error: boom" in str(failure.value)
    assert "script error: TypeError" in str(failure.value)


# --- the same, read from the files (no browser) --------------------------------------------


def test_no_file_of_either_build_loads_from_another_host(site: Site) -> None:
    assert offsite_resources(site.folder) == []
    pages = sorted(site.folder.rglob("*.html"))
    assert len(pages) > 90
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "unpkg.com" not in text, path
        # Material loads Mermaid from unpkg.com for diagrams; this site must have none.
        assert 'class="mermaid"' not in text, path
        # Material's offline plugin lists the iframe-worker shim from unpkg.com for its
        # search; the site's own search needs none, and overrides/main.html writes none.
        assert "iframe-worker" not in text, path


def test_the_bundle_links_pages_as_files(bundle: Site) -> None:
    text = (bundle.folder / "index.html").read_text(encoding="utf-8")
    assert 'href="chronology/index.html"' in text
    # The search index is scripts, which a page may load under file://.
    index = (bundle.folder / "search" / "index.js").read_text(encoding="utf-8")
    assert index.startswith('window.chronologySearchLoaded("index","",{')
