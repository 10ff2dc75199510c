"""The site's address (``site_url``) and the permalinks made from it, in full builds of the
fixture project: the hosted site and the offline bundle cite, export and list (sitemap.xml)
every page by its absolute hosted address; ``--site-url`` beats CHRONOLOGY_SITE_URL, which
beats mkdocs.yml; a build without an address says once what stays relative; a bad address is
refused with a clear message before anything is built."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import EXACT_ID, make_project

from generator.build.permalinks import RELATIVE_NOTICE, SITE_URL_ENV, checked_site_url
from generator.cli import main
from generator.content.licence import (
    DATA_LICENCE_ID,
    DATA_LICENCE_URL,
    QUOTES_NOTICE,
    rights_text,
)

SITE_NAME = "US–Militia Confrontation in Iraq, 2019–2021"
#: mkdocs.yml's default address: the project's GitHub Pages site.
HOME = "https://us-militia-iraq-chronology.github.io/"
PERMALINK = f"{HOME}events/{EXACT_ID}/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TOP = "us-militia-confrontation-in-iraq-2019-2021-offline"


def run(*args: str):
    """A ``chronology`` command in-process, as a user runs it."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as env:
        env.delenv(SITE_URL_ENV, raising=False)
        root = make_project(tmp_path_factory.mktemp("permalinks") / "project")
        result = run("build", "-f", str(root / "mkdocs.yml"))
        assert result.exit_code == 0, result.output
        assert result.stderr == ""  # an address is set: nothing to say about relative links
        result = run("bundle", "-f", str(root / "mkdocs.yml"))
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
    return root


@pytest.fixture(scope="module")
def hosted(project: Path) -> dict[str, bytes]:
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def offline(project: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(project / "dist" / f"{TOP}.zip") as archive:
        return {
            name.removeprefix(f"{TOP}/"): archive.read(name)
            for name in archive.namelist()
            if not name.endswith("/")
        }


@pytest.fixture(scope="module", params=["hosted", "offline"])
def site(request: pytest.FixtureRequest) -> dict[str, bytes]:
    """Each test below runs on both: the offline bundle names the hosted permalinks too."""
    return request.getfixturevalue(request.param)


def text(site: dict[str, bytes], path: str) -> str:
    return site[path].decode("utf-8")


def event_page(site: dict[str, bytes]) -> str:
    path = f"events/{EXACT_ID}/index.html"
    return text(site, path if path in site else f"events/{EXACT_ID}.html")


# --- what names the event's page ---------------------------------------------------------


def test_the_citation_and_csl_json_give_the_hosted_permalink(site) -> None:
    soup = BeautifulSoup(event_page(site), "html.parser")
    heading = soup.find(id="cite-this-event")
    citation = heading.find_next("p").get_text()
    assert citation.endswith(f" {PERMALINK}")
    (item,) = json.loads(heading.find_next("code").get_text())
    assert item["URL"] == PERMALINK
    assert ".html" not in citation + item["URL"]


def test_events_json_gives_permalinks_and_the_licence(site) -> None:
    document = json.loads(text(site, "data/events.json"))
    urls = {event["id"]: event["url"] for event in document["events"]}
    assert urls[EXACT_ID] == PERMALINK
    actors = {actor["id"]: actor["url"] for actor in document["actors"]}
    assert actors["kataib-hezbollah"] == f"{HOME}actors/kataib-hezbollah/"
    assert all(url.startswith(HOME) for url in [*urls.values(), *actors.values()])
    assert document["license"] == {
        "id": "CC-BY-4.0",
        "name": "Creative Commons Attribution 4.0 International",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "attribution": f"{SITE_NAME} ({HOME}), CC BY 4.0",
        "excludes": QUOTES_NOTICE,
    }


def test_events_csv_gives_permalinks(site) -> None:
    rows = list(csv.DictReader(io.StringIO(text(site, "data/events.csv"), newline="")))
    assert {row["id"]: row["url"] for row in rows}[EXACT_ID] == PERMALINK


def test_events_geojson_gives_permalinks_and_the_licence(site) -> None:
    collection = json.loads(text(site, "data/events.geojson"))
    assert collection["license"]["id"] == DATA_LICENCE_ID
    urls = {feature["id"]: feature["properties"]["url"] for feature in collection["features"]}
    assert all(url == f"{HOME}events/{event}/" for event, url in urls.items())
    assert urls  # the fixture has located events


def test_the_calendar_gives_permalinks_and_the_licence(site) -> None:
    calendar = icalendar.Calendar.from_ical(text(site, "data/events.ics"))
    event = {str(e["UID"]): e for e in calendar.walk("VEVENT")}[f"{EXACT_ID}@chronology"]
    assert str(event["URL"]) == PERMALINK
    assert str(event["DESCRIPTION"]).endswith(f"Page: {PERMALINK}")
    assert str(calendar["URL"]) == HOME
    assert str(calendar["DESCRIPTION"]) == rights_text(SITE_NAME, HOME)
    # icalendar leaves X- properties escaped; Apple's and Google's calendars read this one.
    assert calendar["X-WR-CALDESC"].to_ical() == calendar["DESCRIPTION"].to_ical()


def test_the_feed_gives_permalinks_and_its_rights(site) -> None:
    feed = feedparser.parse(site["feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    links = {entry.id.rsplit("/", 1)[1]: entry.link for entry in feed.entries}
    assert links[EXACT_ID] == PERMALINK
    assert feed.feed.link == HOME
    assert DATA_LICENCE_URL in feed.feed.rights and QUOTES_NOTICE in feed.feed.rights


def test_sitemap_lists_every_page_by_its_hosted_permalink(site) -> None:
    """Every built page but 404.html, each by its absolute, directory-style address."""
    locations = [loc.text for loc in ET.fromstring(site["sitemap.xml"]).iter(f"{SITEMAP}loc")]
    pages = [path for path in site if path.endswith(".html") and path != "404.html"]
    assert len(locations) == len(pages) == len(set(locations))
    expected = {HOME + _directory_style(path) for path in pages}
    assert set(locations) == expected
    assert PERMALINK in locations


def _directory_style(path: str) -> str:
    """'events/x/index.html' or 'events/x.html' -> 'events/x/'; 'index.html' -> ''."""
    stem = path.removesuffix(".html").removesuffix("index")
    return stem if not stem or stem.endswith("/") else stem + "/"


def test_no_data_file_names_a_local_file(offline) -> None:
    """The bundle's data files and citations cite the hosted pages, never 'events/x.html'."""
    for path in ("data/events.json", "data/events.csv", "data/events.geojson", "feed.xml"):
        assert f"events/{EXACT_ID}.html" not in text(offline, path), path
    assert f"events/{EXACT_ID}.html" not in text(offline, "data/events.ics").replace("\r\n ", "")


# --- where the address comes from --------------------------------------------------------


def _first_url(root: Path, site_dir: Path) -> str:
    document = json.loads((site_dir / "data" / "events.json").read_text(encoding="utf-8"))
    return {event["id"]: event["url"] for event in document["events"]}[EXACT_ID]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(SITE_URL_ENV, raising=False)
    return make_project(tmp_path / "project")


def test_the_option_beats_the_variable_which_beats_mkdocs_yml(fresh, monkeypatch) -> None:
    config, site = str(fresh / "mkdocs.yml"), fresh / "site"
    monkeypatch.setenv(SITE_URL_ENV, "https://env.example.org/chrono")
    assert run("build", "-f", config).exit_code == 0
    assert _first_url(fresh, site) == f"https://env.example.org/chrono/events/{EXACT_ID}/"
    result = run("build", "-f", config, "--site-url", "HTTPS://Option.Example.org/x")
    assert result.exit_code == 0, result.output
    assert _first_url(fresh, site) == f"https://option.example.org/x/events/{EXACT_ID}/"
    assert b"<loc>https://option.example.org/x/</loc>" in (site / "sitemap.xml").read_bytes()
    monkeypatch.delenv(SITE_URL_ENV)
    assert run("build", "-f", config).exit_code == 0
    assert _first_url(fresh, site) == PERMALINK


@pytest.mark.parametrize("how", ["option", "variable"])
def test_without_an_address_it_builds_and_says_once_what_stays_relative(
    fresh, monkeypatch, how: str
) -> None:
    config, site = str(fresh / "mkdocs.yml"), fresh / "site"
    if how == "option":
        monkeypatch.setenv(SITE_URL_ENV, "https://ignored.example.org/")
        result = run("build", "-f", config, "--site-url", "")
    else:
        monkeypatch.setenv(SITE_URL_ENV, "")
        result = run("build", "-f", config)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Built the site in {site}\n"
    assert result.stderr == RELATIVE_NOTICE + "\n"
    assert _first_url(fresh, site) == f"events/{EXACT_ID}/"
    assert ET.fromstring((site / "sitemap.xml").read_bytes()).find(f"{SITEMAP}url") is None
    page = (site / "events" / EXACT_ID / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page
    assert "URL:" not in (site / "data" / "events.ics").read_text(encoding="utf-8")


def test_the_bundle_takes_the_option_too(fresh) -> None:
    result = run("bundle", "-f", str(fresh / "mkdocs.yml"), "--site-url", "https://b.example/")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(fresh / "dist" / f"{TOP}.zip") as archive:
        document = json.loads(archive.read(f"{TOP}/data/events.json"))
    assert document["events"][-1]["url"] == f"https://b.example/events/{EXACT_ID}/"


BAD = [
    ("ftp://example.org/", "it must start with http:// or https://"),
    ("example.org", "it must start with http:// or https://"),
    ("https://", "it has no host name"),
    ("https://exa mple.org/", "it holds a space or a control character"),
    ("https://user:secret@example.org/", "it must not hold a user name or password"),
    ("https://example.org/?page=1", "it must not have a query (?…) or a fragment (#…)"),
    ("https://example.org:99999/", "it cannot be read as an address (Port out of range 0-65535)"),
]


@pytest.mark.parametrize(("value", "problem"), BAD)
def test_a_bad_address_is_refused_before_anything_is_built(fresh, value, problem) -> None:
    result = run("build", "-f", str(fresh / "mkdocs.yml"), "--site-url", value)
    assert result.exit_code == 1
    assert result.stderr == (
        f"--site-url: {value!r} is not a site address: {problem}; "
        "e.g. https://example.org/chronology/\n"
    )
    assert not (fresh / "site").exists()


def test_a_bad_address_in_the_variable_or_mkdocs_yml_names_its_origin(fresh, monkeypatch):
    config = fresh / "mkdocs.yml"
    monkeypatch.setenv(SITE_URL_ENV, "gopher://example.org/")
    result = run("bundle", "-f", str(config))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{SITE_URL_ENV}: 'gopher://example.org/' is not a site")
    monkeypatch.delenv(SITE_URL_ENV)
    yml = config.read_text(encoding="utf-8")
    config.write_text("site_url: ftp://example.org/\n" + yml.replace("site_url:", "#"), "utf-8")
    result = run("build", "-f", str(config))
    assert result.exit_code == 1
    assert result.stderr.startswith("mkdocs.yml: site_url: 'ftp://example.org/' is not a site")
    assert not (fresh / "site").exists() and not (fresh / "dist").exists()


@pytest.mark.parametrize(
    ("value", "address"),
    [
        ("https://Example.ORG", "https://example.org/"),
        ("http://example.org/chronology", "http://example.org/chronology/"),
        ("  https://example.org:8443/a/b/  ", "https://example.org:8443/a/b/"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_addresses_are_normalised(value: str, address: str) -> None:
    assert checked_site_url(value, "--site-url") == address


# --- the licence on the pages ------------------------------------------------------------


def test_every_page_footer_states_the_licences(site) -> None:
    pages = [path for path in site if path.endswith(".html") and path != "404.html"]
    for path in pages:
        footer = BeautifulSoup(text(site, path), "html.parser").select_one(".md-copyright")
        links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}
        assert links["CC BY 4.0"] == "https://creativecommons.org/licenses/by/4.0/", path
        assert links["MIT"] == "https://opensource.org/license/mit", path
        credit = urljoin(HOME + path, links["how to credit"])
        assert credit in (f"{HOME}data/#licence", f"{HOME}data.html#licence"), path
        words = " ".join(footer.get_text().split())
        assert "Data and text: CC BY 4.0 · code: MIT · how to credit." in words, path
        assert "The words quoted from news reports remain their publishers' copyright." in words


def test_the_data_page_says_what_is_licensed_and_how_to_credit(site) -> None:
    page = text(site, "data/index.html" if "data/index.html" in site else "data.html")
    section = BeautifulSoup(page, "html.parser").find(id="licence")
    assert section is not None and section.name == "h2"
    words = " ".join(
        " ".join(node.get_text(" ") for node in section.find_all_next(["p", "blockquote"])).split()
    )
    assert f"US–Militia Confrontation in Iraq, 2019–2021 ({HOME}), CC BY 4.0" in words
    assert "remain the copyright of their publishers" in words
    assert "MIT licence" in words
