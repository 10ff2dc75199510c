"""The real chronology, built once (the session's hosted build): every page type exists, is
reachable from the navigation or an index, and every cross-reference is a working link both
ways (read from the HTML)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from realsite import Site
from sitecheck import broken_links

from generator.content.catalog import Catalog
from generator.content.filing import filing
from generator.site.search_words import phrase
from generator.site.urls import page_uri, page_url

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(hosted: Site) -> Path:
    """The session's build of the real content (tests/realsite.py), read only."""
    return hosted.folder


def html(site: Path, record_or_uri: object) -> BeautifulSoup:
    uri = record_or_uri if isinstance(record_or_uri, str) else page_uri(record_or_uri)
    path = (
        site / page_url(uri) / "index.html"
        if not uri.endswith("index.md")
        else (site / page_url(uri) / "index.html")
    )
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def hrefs(soup: BeautifulSoup) -> set[str]:
    """Link targets in the article, normalised to site-root-relative page folders."""
    article = soup.select_one("article")
    assert article is not None
    return {a["href"] for a in article.find_all("a", href=True)}


def target_of(page: str, href: str) -> str:
    """Resolve a relative href from a page folder ('events/x/') to 'actors/y/'."""
    parts = [p for p in page.split("/") if p]
    for step in href.split("#")[0].split("/"):
        if step == "..":
            parts.pop()
        elif step and step != ".":
            parts.append(step)
    return "/".join(parts) + "/"


def linked_pages(site: Path, record: object) -> set[str]:
    here = page_url(page_uri(record))
    return {target_of(here, h) for h in hrefs(html(site, record)) if not h.startswith("#")}


def test_the_content_meets_the_minimums(catalog: Catalog) -> None:
    assert len(catalog.events) >= 20
    assert len(catalog.actors) >= 15
    located = [loc for loc in catalog.locations.values() if loc.coordinates]
    assert len(located) >= 10
    assert len(catalog.sources) >= 5


def test_every_internal_link_and_anchor_resolves(site: Path, catalog: Catalog) -> None:
    checked, problems, external = broken_links(site)
    assert problems == []
    assert checked > 1000
    # Links *to* standards, sources and the licences are fine, and to the hosted permalink
    # (the print-only permanent address); nothing else points off-site.
    sources = {urlsplit(str(s.url)).hostname for s in catalog.sources.values() if s.url}
    assert external - sources <= {
        "www.loc.gov",
        "json-schema.org",
        "www.rfc-editor.org",
        "creativecommons.org",
        "opensource.org",
        "us-militia-iraq-chronology.github.io",
    }


def test_every_record_has_its_page(site: Path, catalog: Catalog) -> None:
    for table in (catalog.events, catalog.actors, catalog.locations, catalog.sources):
        for record in table.values():
            assert (site / page_url(page_uri(record)) / "index.html").is_file(), record.id


def test_the_navigation_reaches_every_index(site: Path) -> None:
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    tabs = {a.get_text(strip=True): a["href"] for a in soup.select(".md-tabs__link")}
    assert tabs == {
        "Home": ".",
        "Chronology": "chronology/",
        "Explore": "explore/",
        "Statistics": "statistics/",
        "Map": "map/",
        "Actors": "actors/",
        "Places": "locations/",
        "Sources": "sources/",
        "Data": "data/",
        "Contributing": "content-format/",
    }


def test_home_shows_counts_latest_events_and_the_years(site: Path, catalog: Catalog) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(text, "html.parser")
    article = soup.select_one("article").get_text(" ", strip=True)
    assert f"{len(catalog.events)} events" in article
    assert f"{len(catalog.actors)} actors" in article
    filed = [e for e in catalog.events.values() if not filing(catalog.when(e)).spanning]
    # The newest event the chronology files under a year: one that spans years or is
    # open-ended ("April 2021 or later") is not known to be recent.
    assert filed[-1].title in article
    for year in {filing(catalog.when(e)).year for e in filed}:
        assert soup.find("a", href=f"chronology/{year}/")


def chronology_entries(site: Path, *patterns: str) -> list[tuple[str, BeautifulSoup]]:
    """(event id, entry) of every chronology entry on the pages matching ``patterns``; each
    page has the (hidden) filter form."""
    found = []
    pages = {page for pattern in patterns for page in (site / "chronology").glob(pattern)}
    for page in sorted(pages):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        form = soup.select_one("form.chrono-filters")
        assert form is not None and form.has_attr("hidden")  # shown by JavaScript only
        assert {s["name"] for s in form.find_all("select")} == {"type", "actor", "place"}
        for entry in soup.select(".chrono-entry"):
            link = entry.find("a", href=re.compile(r"^(\.\./)+events/"))
            found.append((link["href"].split("/")[-2], entry))
    return found


@pytest.mark.parametrize(
    "patterns",
    [("*/index.html",), ("*/*/index.html", "spanning/index.html")],
    ids=["year pages", "month pages"],
)
def test_chronology_lists_every_event_once_with_filter_data(
    site: Path, catalog: Catalog, patterns: tuple[str, ...]
) -> None:
    # The real chronology has few events a year, so each year page lists them all, as
    # does the set of month pages; events that span years or are open-ended have a page
    # of their own (chronology/spanning/, matched by "*/index.html" too).
    seen = []
    for event_id, entry in chronology_entries(site, *patterns):
        event = catalog.events[event_id]
        seen.append(event_id)
        assert entry["data-type"] == event.type
        assert entry["data-actors"].split() == list(dict.fromkeys(p.actor for p in event.actors))
        assert entry["data-places"].split() == list(dict.fromkeys(p.place for p in event.locations))
    assert sorted(seen) == sorted(catalog.events)


def test_event_page_links_its_month_in_the_chronology(site: Path, catalog: Catalog) -> None:
    event = catalog.events["2020-09-28-rocket-kills-family-near-baghdad-airport"]
    here = page_url(page_uri(event))
    months = {
        target_of(here, a["href"])
        for a in html(site, event).select("article td a[href]")
        if "chronology/" in a["href"]
    }
    assert months == {"chronology/2020/09/"}
    entries = chronology_entries(site, "2020/09/index.html")
    assert event.id in [event_id for event_id, _ in entries]


def _search_pages(site: Path) -> list[list[str]]:
    """[title, address, kind, snippet] of every page the site's search finds
    (search/pages/*.js, generator/site/search_index.py)."""
    rows = []
    for path in sorted((site / "search/pages").glob("*.js"), key=lambda p: int(p.stem)):
        text = path.read_text(encoding="utf-8")
        rows += json.loads(text[text.index(",", text.index(",") + 1) + 1 : text.rindex(");")])
    return rows


def test_lists_are_titles_only_in_the_search_index(site: Path, catalog: Catalog) -> None:
    pages = {row[1].split("#")[0]: row for row in _search_pages(site)}
    # A list is found by its title, never by the words of what it lists.
    for url in ("chronology/", "actors/", "locations/", "sources/"):
        assert pages[url][2:] == ["Page", ""], url
    # Each record is found on its own page.
    for table in (catalog.events, catalog.actors, catalog.locations, catalog.sources):
        for record in table.values():
            assert page_url(page_uri(record)) in pages, record.id


def test_chronology_entries_show_date_uncertainty(site: Path) -> None:
    text = BeautifulSoup(
        (site / "chronology/2020/index.html").read_text(encoding="utf-8"), "html.parser"
    ).get_text(" ", strip=True)
    assert "28 September 2020 · Rocket aimed at Baghdad airport" in text
    assert "May 2020 (month only) · Mustafa al-Kadhemi takes office" in text
    assert "between 13 September 2020 and 26 September 2020 · Pompeo warns" in text


def test_event_and_actor_pages_link_each_other(site: Path, catalog: Catalog) -> None:
    for event in catalog.events.values():
        from_event = linked_pages(site, event)
        for part in event.actors:
            actor = catalog.actors[part.actor]
            assert page_url(page_uri(actor)) in from_event, (event.id, actor.id)
            assert page_url(page_uri(event)) in linked_pages(site, actor), (actor.id, event.id)


def test_event_and_place_pages_link_each_other(site: Path, catalog: Catalog) -> None:
    for event in catalog.events.values():
        for place in event.locations:
            location = catalog.locations[place.place]
            assert page_url(page_uri(location)) in linked_pages(site, event)
            assert page_url(page_uri(event)) in linked_pages(site, location)


def test_event_and_source_pages_link_each_other(site: Path, catalog: Catalog) -> None:
    for event in catalog.events.values():
        for citation in event.sources:
            source = catalog.sources[citation.source]
            assert page_url(page_uri(source)) in linked_pages(site, event)
            assert page_url(page_uri(event)) in linked_pages(site, source)


def test_related_events_link_both_ways(site: Path, catalog: Catalog) -> None:
    pairs = [(e, catalog.events[r.event]) for e in catalog.events.values() for r in e.related]
    assert pairs, "the real content relates some events"
    for one, other in pairs:
        assert page_url(page_uri(other)) in linked_pages(site, one)
        assert page_url(page_uri(one)) in linked_pages(site, other)


def test_event_page_fact_box_citation_and_sources(site: Path, catalog: Catalog) -> None:
    event = catalog.events["2020-09-28-rocket-kills-family-near-baghdad-airport"]
    soup = html(site, event)
    facts = {
        row.find_all("td")[0].get_text(strip=True): row.find_all("td")[1].get_text(" ", strip=True)
        for row in soup.select("article table tbody tr")
    }
    assert facts["Date"] == "28 September 2020 (exact day) · EDTF 2020-09-28"
    assert facts["Killed"] == "5 civilians"
    assert facts["Wounded"] == "2 civilians"
    assert facts["Claimed by"] == "no claim recorded"
    assert facts["Where"] == "near Baghdad International Airport"
    quotes = [q.get_text(" ", strip=True) for q in soup.select("article blockquote")]
    assert all(q in " ".join(" ".join(c.quote.split()) for c in event.sources) for q in quotes)
    csl = json.loads(soup.select_one(".chrono-csl code").get_text())
    assert csl[0]["id"] == event.id and csl[0]["title"] == event.title
    small_map = soup.select_one(".chronology-map")
    assert (small_map["data-lat"], small_map["data-lon"]) == ("33.2625", "44.2346")
    assert small_map["data-label"] == "near Baghdad International Airport"
    assert small_map["role"] == "region" and small_map["aria-label"]


def test_blame_is_shown_with_who_blamed(site: Path, catalog: Catalog) -> None:
    blamed = [
        (e, p) for e in catalog.events.values() for p in e.actors if p.role == "suspected" and p.by
    ]
    assert blamed
    event, part = blamed[0]
    row = next(
        r
        for r in html(site, event).select("article table tbody tr")
        if r.find("td").get_text(strip=True) == "Blamed on"
    )
    text = row.get_text(" ", strip=True)
    assert catalog.actors[part.actor].name in text
    for accuser in part.by:
        assert catalog.actors[accuser].name in text


def test_actor_page_has_names_roles_timeline_and_companions(site: Path, catalog: Catalog) -> None:
    actor = catalog.actors["kataib-hezbollah"]
    text = html(site, actor).select_one("article").get_text(" ", strip=True)
    assert "كتائب حزب الله" in text
    for alias in actor.aliases:
        assert alias in text
    assert "Timeline" in text and "By month" in text and "Often appears with" in text
    # Each event once, its roles beside it (no second listing by role), its members' too.
    rows = html(site, actor).select("article table")[-1].select("tbody tr")
    members = [actor.id, "kataib-hezbollah-45th-brigade"]
    events = {a.event.id for m in members for a in catalog.appearances[m]}
    assert len(rows) == len(events)
    assert "Popular Mobilisation Forces" in text  # its parent organisation


def test_location_page_has_map_parent_events_and_nearby(site: Path, catalog: Catalog) -> None:
    location = catalog.locations["green-zone"]
    soup = html(site, location)
    text = soup.select_one("article").get_text(" ", strip=True)
    assert "Baghdad" in text and "Nearby places" in text
    assert soup.select_one(".chronology-map")["data-label"] == location.name
    for event in catalog.events_at["green-zone"]:
        assert event.title in text


def test_statistics_page_has_charts_with_text_alternatives(site: Path) -> None:
    soup = html(site, "statistics.md")
    svgs = soup.select("article svg[role=img]")
    assert len(svgs) == 3
    # Every other SVG is a legend swatch, hidden from screen readers.
    assert all(s.get("aria-hidden") == "true" for s in soup.select("article svg:not([role])"))
    for svg in svgs:
        assert svg["role"] == "img"
        assert svg.find("title").get_text(strip=True)
        assert svg.find("desc").get_text(strip=True)
    assert len(soup.select("article table")) >= 3  # the numbers beside each chart


def test_search_index_holds_aliases_and_arabic_names(site: Path, catalog: Catalog) -> None:
    text = " ".join(
        path.read_text(encoding="utf-8").encode().decode("unicode_escape")
        for path in (site / "search/words").glob("*.js")
    )
    for actor in catalog.actors.values():
        for name in [*actor.aliases, *filter(None, [actor.name_ar])]:
            assert f'"{phrase(name)}"' in text, name


def test_exports_count_the_content(site: Path, catalog: Catalog) -> None:
    data = json.loads((site / "data/events.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in data["events"]] == list(catalog.events)
    assert len(data["actors"]) == len(catalog.actors)
    assert len(data["locations"]) == len(catalog.locations)
    assert len(data["sources"]) == len(catalog.sources)
    for name in ("events.csv", "events.geojson", "events.ics"):
        assert (site / "data" / name).stat().st_size > 0
    assert (site / "feed.xml").is_file()


def test_footer_links_the_open_data_on_every_page(site: Path) -> None:
    for page in [site / "index.html", *list((site / "events").glob("*/index.html"))[:5]]:
        footer = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            ".md-copyright"
        )
        names = {a.get_text(strip=True) for a in footer.find_all("a")}
        assert {"JSON", "CSV", "GeoJSON", "iCalendar", "Atom feed"} <= names


def test_seed_metadata_agrees_with_the_source_records(catalog: Catalog) -> None:
    """seeds/<article>.yaml (the raw record) and content/sources/ must not drift apart."""
    import yaml

    described: set[str] = set()
    for meta_path in sorted((REPO / "seeds").glob("*.yaml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        assert (REPO / "seeds" / meta["file"]).is_file()
        assert meta_path.stem == Path(meta["file"]).stem
        for article in meta["articles"]:
            source = catalog.sources[article["source_id"]]
            described.add(source.id)
            assert source.seed == meta["file"]
            assert (source.outlet, source.title) == (article["outlet"], article["title"])
            assert source.author == article.get("author")
            assert source.date == str(article["published"])
            assert source.url == article.get("url")
    assert described == {s.id for s in catalog.sources.values() if s.seed}
    assert len(list((REPO / "seeds").glob("*.txt"))) == 5
