"""Rendering: golden pages, escaping of hostile content, and links between generated pages.

The golden files in site/golden/ are the exact Markdown the templates produce for the fixture
project (tests/conftest.py). After an intended change to a template or to the fixture,
regenerate them and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/site/test_render.py
    git diff site/golden/
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import EXACT_ID, HOSTILE, SOURCE_ID, make_project, write
from markupsafe import Markup

from generator.build.plugin import NAV_PAGES
from generator.content.catalog import load_catalog
from generator.site import render
from generator.site.escape import escape_attribute, escape_text, external_link, front_matter_title
from generator.site.facts import csl_json
from generator.site.links import PageLinks
from generator.site.render import Renderer, RenderError
from generator.site.templates import Macros

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

#: golden file -> generated page
GOLDEN_PAGES = {
    "home.md": "index.md",
    "event.md": f"events/{EXACT_ID}.md",
    "actor.md": "actors/kataib-hezbollah.md",
    "location.md": "locations/green-zone.md",
    "source.md": f"sources/{SOURCE_ID}.md",
}

# The Markdown extensions mkdocs.yml enables, so links and anchors come out as on the site.
EXTENSIONS = ["tables", "admonition", "attr_list", "toc"]


def strip_front_matter(text: str) -> tuple[dict[str, str], str]:
    """({'title': ...}, body) of a generated page; values as written (the title is a quoted
    YAML string), nested keys as 'search.exclude'."""
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    parent = ""
    for line in match.group(1).splitlines():
        key, _, value = line.strip().partition(":")
        if line.startswith(" "):
            meta[f"{parent}.{key}"] = value.strip()
        else:
            parent = key
            if value.strip():
                meta[key] = value.strip()
    return meta, text[match.end() :]


def to_html(text: str) -> str:
    return markdown.markdown(strip_front_matter(text)[1], extensions=EXTENSIONS)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("render") / "project")


@pytest.fixture(scope="module")
def pages(project) -> dict[str, str]:
    return Renderer(load_catalog(project)).pages()


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory) -> dict[str, str]:
    root = make_project(tmp_path_factory.mktemp("hostile") / "project", site=False)
    for relative, text in HOSTILE.items():
        write(root, relative, text)
    return Renderer(load_catalog(root)).pages()


# --- golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize("golden, uri", GOLDEN_PAGES.items())
def test_golden(pages, golden, uri):
    path = GOLDEN / golden
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(pages[uri], encoding="utf-8")
    assert path.exists(), f"{path} is missing; run UPDATE_GOLDEN=1 pytest tests/site/test_render.py"
    assert pages[uri] == path.read_text(encoding="utf-8")


def test_rendering_is_deterministic(project, pages):
    assert Renderer(load_catalog(project)).pages() == pages


def test_page_list(pages):
    expected = {
        "index.md",
        "actors/index.md",
        "locations/index.md",
        "sources/index.md",
        "events/2020-07-10-rocket-hits-house-near-green-zone.md",
        "events/2020-07-2020-08-protests-outside-us-embassy.md",
        "events/2020-07-drone-shot-down-near-airport.md",
        "actors/iraqi-intelligence.md",
        "actors/kataib-hezbollah.md",
        "actors/us-embassy-baghdad.md",
        "locations/baghdad.md",
        "locations/baghdad-airport.md",
        "locations/green-zone.md",
        f"sources/{SOURCE_ID}.md",
    }
    # Every record has its page, as do the index pages; other pages (the chronology by year,
    # statistics) may be added by the templates.
    assert expected <= set(pages)


def test_index_pages_list_each_record_with_its_facts(pages):
    """A list item per record, not a table per letter (a lighter page, Lighthouse's Total
    Blocking Time): the name, the Arabic name, kind, other spellings or the place it lies
    in, and the number of events."""
    actors = pages["actors/index.md"]
    assert "\n| Name |" not in actors
    assert (
        '\n- [Kataib Hezbollah](kataib-hezbollah.md) · <span lang="ar" dir="rtl">كتائب حزب الله'
        "</span> — armed group; also written Kataeb Hezbollah; 1 event\n" in actors
    )
    assert (
        "\n- [US embassy in Baghdad](us-embassy-baghdad.md) — government body; 2 events\n" in actors
    )
    places = pages["locations/index.md"]
    assert "\n| Place |" not in places
    assert (
        "\n- [Baghdad International Airport](baghdad-airport.md) — airport in "
        "[Baghdad](baghdad.md); 1 event\n" in places
    )
    assert (
        '\n- [Baghdad](baghdad.md) · <span lang="ar" dir="rtl">بغداد</span> — city; 0 events\n'
        in places
    )


def test_every_page_has_one_h1(pages):
    for uri, text in pages.items():
        body = strip_front_matter(text)[1]
        assert len(re.findall(r"^# ", body, re.M)) == 1, uri


# --- the facts the pages show -------------------------------------------------------------------


def test_related_events_are_shown_both_ways(pages):
    exact = pages[f"events/{EXACT_ID}.md"]
    drone = pages["events/2020-07-drone-shot-down-near-airport.md"]
    protests = pages["events/2020-07-2020-08-protests-outside-us-embassy.md"]
    # Written once on each declaring event, shown with the inverse label on the other.
    assert "**Follows:**" in exact and "(2020-07-drone-shot-down-near-airport.md)" in exact
    assert "**Followed by:**" in drone and f"({EXACT_ID}.md)" in drone
    assert "**Background:**" in protests and f"({EXACT_ID}.md)" in protests
    assert "**Background to:**" in exact


def test_uncertain_dates_are_worded(pages):
    home = pages["index.md"]
    assert "**about July 2020" in home
    assert "**between July 2020 and August 2020**" in home
    assert "**10 July 2020**" in home


def test_unknown_casualties_are_not_zero(pages):
    drone = pages["events/2020-07-drone-shot-down-near-airport.md"]
    assert not re.search(r"^\| \*\*(Killed|Wounded)\*\*", drone, re.M)
    exact = pages[f"events/{EXACT_ID}.md"]
    assert re.search(r"^\| \*\*Killed\*\* \| 2 civilians \|$", exact, re.M)


# --- escaping ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
        ("[x](javascript:alert(1))", "\\[x\\]\\(javascript:alert\\(1\\)\\)"),
        ("# heading", "\\# heading"),
        ("a | b", "a \\| b"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("1. list", "1\\. list"),
        ("- item", "\\- item"),
        ("a & b", "a &amp; b"),
        ("two\n\nlines", "two lines"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_escape_text(text, escaped):
    assert escape_text(text) == escaped


def test_front_matter_title_cannot_close_the_title_element():
    assert front_matter_title("</title><script>x</script>") == '"‹/title›‹script›x‹/script›"'
    assert front_matter_title('a "quoted"\nline') == '"a \\"quoted\\" line"'


def test_hostile_markdown_is_inert(hostile_pages):
    for uri, page in hostile_pages.items():
        if not uri.endswith(".md"):
            continue
        text = strip_front_matter(page)[1]  # the title there is a YAML string, checked below
        # Raw HTML blocks (<pre>) are not Markdown; their text is HTML-escaped, checked below.
        text = re.sub(r"<pre>.*?</pre>", "", text, flags=re.S)
        assert "<script" not in text, uri
        assert "<img" not in text, uri
        assert "](javascript:" not in text, uri
        assert "<javascript:" not in text, uri
        assert not re.search(r"^#+ (\\# )?heading", text, re.M), uri


def test_hostile_headings_and_titles(hostile_pages):
    page = hostile_pages["events/2020-08-01-evil-event.md"]
    meta, body = strip_front_matter(page)
    assert meta["title"] == (
        '"‹script›alert(\\"title\\")‹/script› # heading | pipe [x](javascript:alert(\\"t\\")) '
        '(1 August 2020)"'
    )
    assert body.startswith(
        '# &lt;script&gt;alert\\("title"\\)&lt;/script&gt; \\# heading \\| pipe '
        '\\[x\\]\\(javascript:alert\\("t"\\)\\)\n'
    )
    # The summary's "# heading" stays a paragraph, not a heading.
    assert "\n\\# heading\n" in body
    assert not re.search(r"^#+ heading", body, re.M)


def test_hostile_html_is_inert(hostile_pages):
    for uri, text in hostile_pages.items():
        if not uri.endswith(".md"):
            continue
        soup = BeautifulSoup(to_html(text), "html.parser")
        assert not soup.find_all(["script", "img", "iframe", "object", "embed"]), uri
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.startswith("on"), (uri, tag)
                values = value if isinstance(value, list) else [value]
                assert not any("javascript:" in v for v in values), (uri, tag)
        # Table rows keep their cells: a '|' in a name does not add a column.
        for table in soup.find_all("table"):
            widths = {len(row.find_all(["td", "th"])) for row in table.find_all("tr")}
            assert len(widths) == 1, (uri, widths)


def test_hostile_external_link(hostile_pages):
    page = hostile_pages["sources/evil-source.md"]
    soup = BeautifulSoup(to_html(page), "html.parser")
    links = [(a["href"], a.get_text()) for a in soup.find_all("a") if a["href"].startswith("http")]
    address = 'https://example.com/a?b=1&c=<script>"x")'
    assert links == [(address, address)]  # linked and shown exactly as written


#: Addresses with every character that ends or starts a Markdown construct.
HOSTILE_ADDRESSES = [
    "https://example.com/a|b",
    "https://example.com/a`b`c",
    "https://example.com/x)|{: onload=alert(1) }",
    "https://example.com/x]{: onload=alert(1) }",
    'https://example.com/"><img src=x onerror=alert(1)>',
    "https://example.com/a\\|b\\`c\\",
    "https://example.com/*a*_b_[c](d)<e>&amp;#!",
    "https://example.com/line\n\n{: onload=alert(1) }",
    "https://exämple.com/بغداد?q=1",
]
#: Every context a link can be placed in on a page: Markdown around it, the elements of the
#: HTML Markdown makes of it (in document order).
CONTEXTS = {
    "table cell": (
        "| | |\n|---|---|\n| **Original** | {} |\n",
        ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "strong", "td", "a"],
    ),
    "heading": ("# {}\n", ["h1", "a"]),
    "list item": ("- {} (cited)\n", ["ul", "li", "a"]),
    "paragraph": ("See {}.\n", ["p", "a"]),
}


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
@pytest.mark.parametrize("context", CONTEXTS)
def test_an_address_is_linked_exactly_as_written_in_every_context(address, context):
    markup, elements = CONTEXTS[context]
    soup = BeautifulSoup(to_html(markup.format(external_link(address))), "html.parser")
    assert [t.name for t in soup.find_all(True)] == elements  # no cell, element or line more
    assert [(a.attrs, a.get_text()) for a in soup.find_all("a")] == [({"href": address}, address)]


@pytest.mark.parametrize("text", ["a | b", "x]{: onclick=alert(1) }", "`c`", "line\nbreak"])
def test_the_shown_text_of_a_link_cannot_split_it(text):
    html = to_html(f"| | |\n|---|---|\n| a | {external_link('https://example.com/', text)} |\n")
    soup = BeautifulSoup(html, "html.parser")
    assert [(a["href"], a.get_text()) for a in soup.find_all("a")] == [
        ("https://example.com/", text)
    ]


def test_attribute_values_cannot_end_an_attr_list_block():
    page = to_html(f'text\n{{ .x data-a="{escape_attribute(chr(92) + " } {: onload=x }")}" }}')
    p = BeautifulSoup(page, "html.parser").p
    assert p.attrs == {"class": ["x"], "data-a": "\\ } {: onload=x }"}  # one value, as given


# --- links --------------------------------------------------------------------------------------


def _ids(html: str) -> set[str]:
    return {tag["id"] for tag in BeautifulSoup(html, "html.parser").find_all(id=True)}


def assert_links_resolve(project: Path, pages: dict[str, str]) -> int:
    """Every link of every generated page names a page (and an element id) that exists; the
    number of links checked."""
    docs = {p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*")}
    html = {uri: to_html(text) for uri, text in pages.items() if uri.endswith(".md")}
    for uri in docs:
        if uri.endswith(".md"):
            html[uri] = to_html((project / "docs" / uri).read_text(encoding="utf-8"))
    checked = 0
    for uri, page in html.items():
        if uri in docs:
            continue  # hand-written pages link to generated files (data/events.json) too
        for a in BeautifulSoup(page, "html.parser").find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.scheme in ("http", "https"):
                continue
            assert not parts.scheme and not parts.netloc, (uri, a["href"])
            assert not parts.path.startswith("/"), (uri, a["href"])
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(uri), unquote(parts.path)))
                if parts.path
                else uri
            )
            assert target in pages or target in docs, (uri, a["href"])
            if parts.fragment and target in html:
                assert unquote(parts.fragment) in _ids(html[target]), (uri, a["href"])
            checked += 1
    return checked


def unlinked_pages(pages: dict[str, str]) -> list[str]:
    """Generated pages no other page links to (the navigation links NAV_PAGES)."""
    linked = set()
    for uri, text in pages.items():
        for target in re.findall(r"\]\(([^)#?\s]+)", text):
            linked.add(posixpath.normpath(posixpath.join(posixpath.dirname(uri), target)))
    return [u for u in pages if u.endswith(".md") and u not in NAV_PAGES and u not in linked]


def test_every_link_points_to_a_page_that_exists(project, pages):
    assert assert_links_resolve(project, pages) > 50


def test_every_record_page_is_linked_from_somewhere(pages):
    assert unlinked_pages(pages) == []


# --- long lists in pages -----------------------------------------------------------------------

#: Page sizes of 1, so the three-event fixture has every kind of continuation page.
TINY_SIZES = (
    "MONTH_PAGE_SIZE",
    "YEAR_LIST_LIMIT",
    "RECORD_PAGE_SIZE",
    "INDEX_PAGE_SIZE",
    "INLINE_LIST_LIMIT",
)


@pytest.fixture(scope="module")
def paged(project) -> dict[str, str]:
    with pytest.MonkeyPatch.context() as patch:
        for name in TINY_SIZES:
            patch.setattr(render, name, 1)
        return Renderer(load_catalog(project)).pages()


def test_long_lists_continue_on_numbered_pages(paged):
    assert {
        "chronology/2020/07.md",
        "chronology/2020/07/page-2.md",
        "chronology/2020/month-not-known.md",
        "actors/index/page-3.md",
        "locations/index/page-3.md",
        "locations/baghdad/places.md",
        "locations/baghdad/places/page-2.md",
        "locations/green-zone/page-2.md",
        f"sources/{SOURCE_ID}/page-3.md",
    } <= set(paged)
    assert "chronology/2020/07/page-3.md" not in paged  # July has two events
    month = paged["chronology/2020/07/page-2.md"]
    assert len(re.findall(r"^- \*\*", month, re.M)) == 1
    assert (
        "\nEvents 2–2 of 2 · page 2 of 2: [‹ previous](../07.md) · [1](../07.md) · **2**\n" in month
    )
    assert "{ .chrono-pager }" in month  # chronology.js carries the filters to the other page


def test_a_busy_year_lists_its_months_not_its_events(pages, paged):
    assert "chrono-entry" in pages["chronology/2020.md"]
    busy = paged["chronology/2020.md"]
    assert "chrono-entry" not in busy and "chrono-filters" not in busy
    assert "| [July 2020](2020/07.md) | 2 (2 pages) |" in busy


def test_continuation_pages_link_back_and_resolve(project, paged):
    page = paged["locations/green-zone/page-2.md"]
    meta, body = strip_front_matter(page)
    assert meta == {
        "title": '"Green Zone, events 2–2"',
        "description": '"Events at Green Zone (district): 2–2 of 2, earliest first."',
        "search.exclude": "true",
    }
    assert "[Green Zone](../green-zone.md)" in body
    assert "Nearby places" not in body and "By month" not in body
    assert assert_links_resolve(project, paged) > 50
    assert unlinked_pages(paged) == []


def test_list_pages_are_out_of_the_search_index(pages, paged):
    for uri, text in {**pages, **paged}.items():
        meta, _ = strip_front_matter(text)
        record = re.fullmatch(r"(events|actors|locations|sources)/[^/]+\.md", uri)
        listing = (
            uri.startswith("chronology/")
            or uri.endswith("index.md")
            or "/" in uri[uri.find("/") + 1 :]
        )
        if uri in ("index.md", "map/index.md"):
            assert "search.exclude" not in meta, uri
        elif listing:
            assert meta.get("search.exclude") == "true", uri
        elif record:
            assert "search.exclude" not in meta, uri


def test_a_record_id_may_not_take_an_index_page_address(project, tmp_path):
    root = make_project(tmp_path / "project", site=False)
    write(
        root,
        "content/actors/index.yaml",
        """\
        id: index
        name: Index
        kind: media
        """,
    )
    with pytest.raises(RenderError) as caught:
        Renderer(load_catalog(root)).pages()
    assert str(caught.value) == (
        "actors/index.md: two generated pages have this address; a record's id may not be 'index'"
    )


# --- template errors ------------------------------------------------------------------------------


def test_template_syntax_error(project, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "home.md.j2").write_text("# {{ site_name }\n", encoding="utf-8")
    with pytest.raises(RenderError) as caught:
        Renderer(load_catalog(project), templates).render("home.md.j2", "index.md")
    assert str(caught.value) == f"{templates / 'home.md.j2'}:1: unexpected '}}'"


def test_template_unknown_variable(project, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "home.md.j2").write_text("# {{ sitename }}\n", encoding="utf-8")
    with pytest.raises(RenderError) as caught:
        Renderer(load_catalog(project), templates).render("home.md.j2", "index.md")
    assert str(caught.value) == "home.md.j2: while rendering index.md: 'sitename' is undefined"


def test_cached_links_keep_plain_text_escaped(project):
    # link() caches by page folder, target and text: a plain string equal to an earlier
    # Markup text must still be escaped.
    links = PageLinks(Macros(Renderer(load_catalog(project)).env))
    links.here("x/y.md")
    shown = f"{links.link('a.md', Markup('<b>x</b>'))} {links.link('a.md', '<b>x</b>')}"
    assert shown == "[<b>x</b>](../a.md) [&lt;b&gt;x&lt;/b&gt;](../a.md)"


@pytest.mark.parametrize("changed", [None, "2021-03-04"])
def test_csl_json_is_what_json_dumps_gives(tmp_path, changed):
    root = make_project(tmp_path / "hostile", site=False)
    for relative, text in HOSTILE.items():
        write(root, relative, text)
    for event in load_catalog(root).events.values():
        item = {
            "id": event.id,
            "type": "entry-encyclopedia",
            "title": event.title,
            "container-title": "Site “x” </script>",
            "URL": "https://example.org/é/",
            "note": f"Event date (EDTF): {event.date}",
        }
        if changed:
            item["issued"] = {"date-parts": [[2021, 3, 4]]}
        expected = json.dumps([item], ensure_ascii=False, indent=2)
        assert csl_json(item["container-title"], event, item["URL"], changed) == expected


def test_any_page_renders_without_the_others(project, pages):
    # render() needs nothing that pages() sets up: the chronology is laid out on first use.
    catalog = load_catalog(project)
    event = next(iter(catalog.events.values()))
    uri = f"events/{event.id}.md"
    renderer = Renderer(catalog)
    assert (
        renderer.render("event.md.j2", uri, event=event, **renderer.event_values(event))
        == (pages[uri])
    )
