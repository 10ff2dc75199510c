"""What each built page says about itself, hosted and offline: its permalink (canonical link,
og:url, sitemap.xml, the printed address), its own description and title, Open Graph and
Twitter card tags, and schema.org JSON-LD read by an independent JSON-LD processor (PyLD,
offline: the schema.org context is mapped to a local one). In Chromium: the map's scripts and
styles load only on pages with a map, which still draw it, and print shows the address.
"""

from __future__ import annotations

import functools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import make_project
from pyld import jsonld
from realsite import served as serve_folder
from test_browser import TIMEOUT

from generator.build.page_meta import DATA_DOWNLOADS
from generator.build.site_build import build_site
from generator.content.catalog import Catalog, load_catalog
from generator.site.urls import page_url

REPO = Path(__file__).resolve().parents[2]
#: An address with a path, as a fork on GitHub Pages has.
SITE_URL = "https://example.org/chronology/"
SCHEMA = "https://schema.org/"
SITE_NAME = "US–Militia Confrontation in Iraq, 2019–2021"

EVENT = "2021-04-us-airstrikes-on-kataib-hezbollah-and-kss-at-iraq-syria-border"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(REPO)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("metadata")
    config = REPO / "mkdocs.yml"
    return {
        "hosted": build_site(config, folder / "hosted", site_url=SITE_URL),
        "offline": build_site(config, folder / "offline", offline=True, site_url=SITE_URL),
    }


def pages(site: Path) -> dict[str, Path]:
    """Every page of a build by its permalink's path ('events/x/'), 404 page aside."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        if relative.endswith("index.html"):
            address = relative[: -len("index.html")]
        else:
            address = relative[: -len(".html")] + "/"
        found[address] = path
    return found


@functools.cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def meta(page: BeautifulSoup, key: str) -> str | None:
    """The content of the page's <meta name=key> or <meta property=key>, checked to be one."""
    found = page.find_all("meta", attrs={"name": key}) + page.find_all(
        "meta", attrs={"property": key}
    )
    assert len(found) <= 1, key
    return found[0]["content"] if found else None


def page_path(site: Path, uri: str, directory_urls: bool) -> Path:
    url = page_url(uri, directory_urls)
    return site / (url + "index.html" if url.endswith("/") or not url else url)


# --- permalinks --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["hosted", "offline"])
def test_every_page_gives_its_hosted_permalink(sites, kind: str) -> None:
    built = pages(sites[kind])
    assert len(built) > 100
    for address, path in built.items():
        page = soup(path)
        expected = SITE_URL + address
        canonical = page.find_all("link", rel="canonical")
        assert [link["href"] for link in canonical] == [expected], path
        # Link previews are for the web: the bundle has none (test_the_offline_bundle_...).
        assert meta(page, "og:url") == (expected if kind == "hosted" else None), path
        printed = page.find("p", class_="print-address")
        assert printed.has_attr("hidden"), path
        assert printed.get_text() == f"Permanent address: {expected}", path


@pytest.mark.parametrize("kind", ["hosted", "offline"])
def test_the_sitemap_lists_every_page_by_its_permalink(sites, kind: str) -> None:
    tree = ET.parse(sites[kind] / "sitemap.xml")
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    listed = [loc.text for loc in tree.iter(f"{namespace}loc")]
    assert sorted(listed) == sorted(SITE_URL + address for address in pages(sites[kind]))


def test_without_a_site_address_pages_give_none(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    site = build_site(root / "mkdocs.yml", site_url="")
    event = soup(site / "events" / "2020-07-10-rocket-hits-house-near-green-zone" / "index.html")
    assert event.find("link", rel="canonical") is None
    assert meta(event, "og:url") is None
    assert event.find("p", class_="print-address") is None
    data = json.loads(event.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event" and "url" not in data
    assert "url" not in data["mainEntityOfPage"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" not in sitemap


# --- descriptions, titles, link previews ---------------------------------------------------------


#: The address of an event's, actor's or place's own page.
RECORD_PAGE = re.compile(r"(events|actors|locations)/[^/]+/")


def test_every_page_has_its_own_description_and_preview_tags(sites, catalog: Catalog) -> None:
    built = pages(sites["hosted"])
    descriptions = {}
    for address, path in built.items():
        page = soup(path)
        description = meta(page, "description")
        assert description and len(description) <= 160, path
        descriptions[address] = description
        title = page.title.get_text()
        assert title.endswith(f" – {SITE_NAME}") or (address == "" and title == SITE_NAME)
        # A record's own page is an article; its further pages and every list, a website.
        record = RECORD_PAGE.fullmatch(address) is not None
        expected_type = "article" if record else "website"
        assert meta(page, "og:type") == expected_type, path
        assert meta(page, "og:description") == meta(page, "twitter:description") == description
        assert meta(page, "og:title") == meta(page, "twitter:title")
        assert meta(page, "og:site_name") == SITE_NAME
        assert meta(page, "og:locale") == "en_GB"
        assert meta(page, "twitter:card") == "summary"
    # No two pages describe themselves alike.
    repeated = {d for d in descriptions.values() if list(descriptions.values()).count(d) > 1}
    assert repeated == set()


def test_descriptions_and_titles_say_what_the_page_is(sites, catalog: Catalog) -> None:
    site = sites["hosted"]
    actor = soup(site / "actors" / "kataib-hezbollah" / "index.html")
    assert actor.title.get_text() == f"Kataib Hezbollah (armed group) – {SITE_NAME}"
    assert meta(actor, "description").startswith(
        "Kataib Hezbollah (armed group, 5 events, 1 through members): Iran-backed Iraqi armed group"
    )
    event = soup(site / "events" / EVENT / "index.html")
    assert event.title.get_text() == (
        "US airstrikes hit Kataib Hezbollah and Kataib Sayyid al-Shuhada along the Iraq–Syria "
        f"border (April 2021 or later) – {SITE_NAME}"
    )
    summary = " ".join(catalog.events[EVENT].summary.split())
    description = meta(event, "description")
    assert description.endswith("…") and summary.startswith(description[:-1])
    month = soup(site / "chronology" / "2020" / "07" / "index.html")
    count = len(month.select(".chrono-entry"))  # the events the page lists
    assert meta(month, "description") == f"Events of July 2020 in the chronology: {count} events."


# --- schema.org JSON-LD ------------------------------------------------------------------------


def offline_loader(url: str, options: dict[str, Any]) -> dict[str, Any]:
    """PyLD's document loader without network: schema.org's context is its vocabulary."""
    if url.rstrip("/") not in {"https://schema.org", "http://schema.org"}:
        raise AssertionError(f"the JSON-LD asks for a context other than schema.org: {url}")
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}


def expanded(path: Path) -> list[dict[str, Any]]:
    """The page's JSON-LD, each script expanded by PyLD."""
    scripts = soup(path).find_all("script", type="application/ld+json")
    return [
        node
        for script in scripts
        for node in jsonld.expand(json.loads(script.string), {"documentLoader": offline_loader})
    ]


def values(node: dict[str, Any], name: str) -> list[Any]:
    """The plain values (or nodes) of a property of an expanded node."""
    return [item.get("@value", item) for item in node.get(SCHEMA + name, [])]


def first(node: dict[str, Any], name: str) -> Any:
    (value,) = values(node, name)
    return value


PERSON_OR_ORGANIZATION = {
    SCHEMA + t
    for t in ("Organization", "GovernmentOrganization", "NewsMediaOrganization", "Person")
}
PLACES = {SCHEMA + t for t in ("Place", "Country", "City", "Airport", "AdministrativeArea")}


def test_json_ld_on_every_page_expands_to_what_it_describes(sites) -> None:
    counted = 0
    for address, path in pages(sites["hosted"]).items():
        nodes = expanded(path)
        folder = address.partition("/")[0]
        if RECORD_PAGE.fullmatch(address):
            (node,) = nodes
            types = set(node["@type"])
            expected = {
                "events": {SCHEMA + "Event"},
                "actors": PERSON_OR_ORGANIZATION,
                "locations": PLACES,
            }[folder]
            assert len(types) == 1 and types <= expected, path
            assert first(node, "url") == SITE_URL + address
            assert first(node, "name")
            counted += 1
        elif address == "data/":
            assert [n["@type"] for n in nodes] == [[SCHEMA + "Dataset"]]
        else:
            assert nodes == [], path
    assert counted > 50


def test_the_json_ld_of_an_event(sites) -> None:
    (node,) = expanded(sites["hosted"] / "events" / EVENT / "index.html")
    assert first(node, "name") == (
        "US airstrikes hit Kataib Hezbollah and Kataib Sayyid al-Shuhada along the Iraq–Syria "
        "border"
    )
    # "2021-04/..": from the first day of April 2021, end not known.
    assert first(node, "startDate") == "2021-04-01" and values(node, "endDate") == []
    assert [first(o, "name") for o in values(node, "organizer")] == ["United States"]
    assert values(node, "organizer")[0]["@type"] == [SCHEMA + "GovernmentOrganization"]
    # Its target and the others named are what it is about, never its organisers.
    about = {first(a, "name"): a["@type"] for a in values(node, "about")}
    assert about["Kataib Hezbollah"] == [SCHEMA + "Organization"]
    assert about["Joe Biden"] == [SCHEMA + "Person"]
    places = values(node, "location")
    assert [first(p, "name") for p in places] == ["Iraq–Syria border", "Syria", "Iraq"]
    border = first(places[0], "geo")
    assert (first(border, "latitude"), first(border, "longitude")) == (34.5, 41.0)
    assert first(places[1], "description").startswith("near Syria: Two targets just across")
    articles = values(node, "subjectOf")
    assert articles and all(a["@type"] == [SCHEMA + "NewsArticle"] for a in articles)
    assert all(first(a, "headline") and first(first(a, "publisher"), "name") for a in articles)
    assert first(node, "url") == f"{SITE_URL}events/{EVENT}/"
    webpage = first(node, "mainEntityOfPage")
    assert first(webpage, "license") == "https://creativecommons.org/licenses/by/4.0/"
    assert webpage["@id"] == f"{SITE_URL}events/{EVENT}/"


def test_the_json_ld_of_an_actor_and_a_place(sites) -> None:
    (actor,) = expanded(sites["hosted"] / "actors" / "kataib-hezbollah" / "index.html")
    assert actor["@type"] == [SCHEMA + "Organization"]
    assert first(actor, "name") == "Kataib Hezbollah"
    assert {"KH", "Kataeb Hezbollah", "كتائب حزب الله"} <= set(values(actor, "alternateName"))
    assert first(first(actor, "parentOrganization"), "name") == "Popular Mobilisation Forces"
    assert first(actor, "url") == SITE_URL + "actors/kataib-hezbollah/"
    assert first(actor, "description").startswith("Iran-backed Iraqi armed group")

    path = sites["hosted"] / "locations" / "baghdad-international-airport" / "index.html"
    (place,) = expanded(path)
    assert place["@type"] == [SCHEMA + "Airport"]
    assert values(place, "alternateName") == ["Baghdad airport", "مطار بغداد الدولي"]
    geo = first(place, "geo")
    assert (first(geo, "latitude"), first(geo, "longitude")) == (33.2625, 44.2346)
    city = first(place, "containedInPlace")
    assert (first(city, "name"), first(first(city, "containedInPlace"), "name")) == (
        "Baghdad",
        "Iraq",
    )


def test_the_json_ld_of_the_data(sites) -> None:
    (dataset,) = expanded(sites["hosted"] / "data" / "index.html")
    assert first(dataset, "name") == f"{SITE_NAME}: open data"
    assert first(dataset, "license") == "https://creativecommons.org/licenses/by/4.0/"
    assert first(dataset, "temporalCoverage") == "2019-01-01/2021-04-30"
    assert sorted(first(p, "name") for p in values(dataset, "spatialCoverage")) == [
        "Iraq",
        "Syria",
    ]
    files = {
        first(d, "contentUrl"): first(d, "encodingFormat") for d in values(dataset, "distribution")
    }
    assert files == {SITE_URL + path: media for path, media in DATA_DOWNLOADS.items()}
    for path in DATA_DOWNLOADS:
        assert (sites["hosted"] / path).is_file()


#: What only the web reads: link previews and schema.org data for search engines, which never
#: see a file:// page (overrides/main.html leaves them out of the bundle's 14,000 pages).
WEB_ONLY = re.compile(r'<meta (?:property="og:|name="twitter:)|<script type="application/ld\+json"')


def test_the_offline_bundle_describes_pages_as_the_hosted_site_does(sites) -> None:
    for uri in (f"events/{EVENT}.md", "actors/kataib-hezbollah.md", "data.md"):
        hosted = soup(page_path(sites["hosted"], uri, True))
        offline = soup(page_path(sites["offline"], uri, False))
        for page in (hosted, offline):
            assert page.find("link", rel="canonical")["href"] == SITE_URL + page_url(uri, True)
        assert meta(offline, "description") == meta(hosted, "description")
        assert offline.title.get_text() == hosted.title.get_text()
        assert hosted.find("script", type="application/ld+json") is not None
    assert WEB_ONLY.search(page_path(sites["hosted"], "index.md", True).read_text("utf-8"))
    offline_pages = pages(sites["offline"]).values()
    assert [p for p in offline_pages if WEB_ONLY.search(p.read_text("utf-8"))] == []


# --- in Chromium: what each page loads; print ----------------------------------------------------


@pytest.fixture(scope="module")
def served(sites) -> Iterator[str]:
    with serve_folder(sites["hosted"]) as address:
        yield address


def loads(browser: object, url: str, wait_for: str | None = None) -> list[str]:  # noqa: F811
    """The addresses a page requests, from a fresh context, once it has loaded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        if wait_for:  # a map draws once it is near the viewport
            page.locator(".chronology-map").first.scroll_into_view_if_needed()
            page.wait_for_selector(wait_for)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return requested


#: What a page with a map loads: map.js and map.css from the HTML, the rest inserted by map.js.
MAP_ASSETS = (
    "assets/vendor/leaflet/leaflet.js",
    "assets/vendor/natural-earth/basemap.js",
    "assets/map.js",
    "assets/vendor/leaflet/leaflet.css",
    "assets/map.css",
)


def test_only_pages_with_a_map_load_the_map(browser, served: str, catalog: Catalog) -> None:  # noqa: F811
    located = f"{served}events/{EVENT}/"
    requested = loads(browser, located, wait_for=".chronology-map.leaflet-container")
    assert all(served + asset in requested for asset in MAP_ASSETS)
    assert served + "data/map-data.js" not in requested
    for address in ("statistics/", "actors/kataib-hezbollah/", "chronology/2020/07/", ""):
        requested = loads(browser, served + address)
        assert [asset for asset in MAP_ASSETS if served + asset in requested] == [], address
        assert (served + "assets/charts.css" in requested) == (address == "statistics/")
        assert (served + "assets/chronology.js" in requested) == (address == "chronology/2020/07/")
    requested = loads(browser, served + "map/", wait_for=".chronology-map.leaflet-container")
    assert all(served + asset in requested for asset in (*MAP_ASSETS, "data/map-data.js"))


def test_print_shows_the_permanent_address(browser, served: str) -> None:  # noqa: F811
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{served}events/{EVENT}/")
        address = page.locator(".print-address")
        assert not address.is_visible()
        page.emulate_media(media="print")
        assert address.is_visible()
        assert address.inner_text() == f"Permanent address: {SITE_URL}events/{EVENT}/"
        assert not page.locator(".md-header").is_visible()
        assert not page.locator(".md-footer").is_visible()
    finally:
        context.close()
