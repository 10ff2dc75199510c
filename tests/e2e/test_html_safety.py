"""Hostile text is shown, never run: the built HTML of the site, hosted and offline, holds no
script, event handler, javascript: address, image or frame that came from content.

A project whose every text field (titles, summaries, notes, quotes, notes on places, actors
and citations, names, Arabic names, aliases, descriptions, outlets, publishers, authors,
datelines, source addresses) starts with each of the payloads below is built both ways and
scanned element by element, against a build of the same project without them: the scripts
the theme and our assets add are the only scripts, and no element has an ``on*`` attribute
or a ``javascript:`` address. The search index's scripts (``search/``) are one call each with
JSON arguments in which no ``<``, ``>`` or ``&`` is left, and search.js shows them as text.
The same scan runs on the real content. Finally Chromium opens the hostile site, searches it, opens
the map popups and follows a result, and no dialog opens and nothing asks another host.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest
from conftest import EXACT_ID, make_project, suite_figures, write
from realsite import REPO, Site, served
from sitecheck import broken_links

from generator.build.active_content import active_content
from generator.build.offsite import offsite_resources
from generator.build.site_build import build_site
from generator.content.suggest import name_key
from generator.site.urls import page_url

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "[x](javascript:alert(1))",
    "![i](http://evil.example/x.png)",
    "# heading",
    "| a | b |",
    '<a href="javascript:alert(1)">a</a>',
    "<svg onload=alert(1)>",
    '"><b onmouseover=alert(1)>x</b>',
    "{: onclick=alert(1) }",
    "[TOC]",
    "<javascript:alert(1)>",
    "[x]: javascript:alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!-- comment",
    # Made to end the context they are placed in (a table cell, a link's text, a heading, a
    # list item) and hand the rest to attr_list.
    "x]{: onload=alert(1) }",
    "a|b{: onload=alert(1) }",
    "`a|b` x)<b onclick=alert(1)>",
    "t\\|{: style=color:red }",
]
#: Source addresses, each made to end the link or the table cell it is shown in (the model
#: allows no white space in an address); hostile-source-k has ADDRESSES[k % len] under /k/.
ADDRESSES = [
    "https://example.com/a|b",
    "https://example.com/a`b`c",
    "https://example.com/x)|{:onload=alert(1)}",
    "https://example.com/x]{:onload=alert(1)}",
    'https://example.com/"><img/src=x/onerror=alert(1)>',
    "https://example.com/<script>alert(1)</script>",
    "https://example.com/a\\|b\\`c\\",
    'https://example.com/?q="><script>alert(1)</script>&r=javascript:alert(1)',
    "HTTPS://example.com/Upper|Case",  # the model writes the scheme in lower case
]


def address(k: int) -> str:
    """hostile-source-k's address: one of ADDRESSES, unique to the source."""
    chosen = ADDRESSES[k % len(ADDRESSES)]
    return chosen[:20] + f"{k}/" + chosen[20:]  # after 'https://example.com/'


def shown_address(k: int) -> str:
    """The address the page shows and links: as written, the scheme in lower case."""
    return address(k)[:8].lower() + address(k)[8:]


#: Multi-paragraph fields get every payload, each at the start of its own paragraph too.
ALL = "\n\n".join(PAYLOADS)


def hostile_records(root: Path) -> None:
    """Per payload: a source, an actor, a place and an event, every text field hostile."""

    def record(relative: str, head: str, **blocks: str) -> None:
        # ``head`` is dedented; each block becomes a literal (|-) multi-paragraph field.
        text = textwrap.dedent(head)
        for name, block in blocks.items():
            text += f"{name}: |-\n" + textwrap.indent(block, "  ") + "\n"
        write(root, relative, text)

    # Payloads whose words are the same once spelling is set aside would be one actor (and
    # one place) to the duplicate check: they say they are not, as a contributor would.
    namesakes: dict[str, list[int]] = defaultdict(list)
    for k, p in enumerate(PAYLOADS):
        namesakes[name_key(p)].append(k)

    def distinct(kind: str, k: int) -> str:
        others = [j for j in namesakes[name_key(PAYLOADS[k])] if j != k]
        items = ", ".join(
            f'{{{kind}: hostile-{"actor" if kind == "actor" else "place"}-{j}, reason: "test"}}'
            for j in others
        )
        return f"distinct_from: [{items}]" if others else ""

    for k, p in enumerate(PAYLOADS):
        text = json.dumps(p)  # a YAML double-quoted string
        # A quote must carry words of its source (content/checks.py): the payload leads it.
        quote = json.dumps(p + " as the report itself put it")
        block = p + "\n\n" + ALL
        record(
            f"content/sources/hostile-source-{k}.yaml",
            f"""\
            id: hostile-source-{k}
            outlet: {text}
            publisher: {text}
            author: {text}
            date: 2020-09-01
            dateline: {text}
            title: {text}
            url: {json.dumps(address(k))}
            """,
            notes=block,
        )
        record(
            f"content/actors/hostile-actor-{k}.yaml",
            f"""\
            id: hostile-actor-{k}
            name: {text}
            name_ar: {text}
            aliases: [{text}]
            kind: armed-group
            {distinct("actor", k)}
            sources:
              - source: hostile-source-{k}
                quote: {quote}
                note: {text}
            """,
            description=block,
        )
        record(
            f"content/locations/hostile-place-{k}.yaml",
            f"""\
            id: hostile-place-{k}
            name: {text}
            name_ar: {text}
            aliases: [{text}]
            kind: city
            parent: baghdad
            coordinates: {{lat: {33 + k / 100}, lon: 44.1}}
            {distinct("location", k)}
            """,
            description=block,
        )
        record(
            f"content/events/2020-08-{k + 1:02d}-hostile-{k}.yaml",
            f"""\
            id: 2020-08-{k + 1:02d}-hostile-{k}
            date: 2020-08-{k + 1:02d}
            title: {text}
            type: statement
            locations:
              - place: hostile-place-{k}
                note: {text}
            actors:
              - actor: hostile-actor-{k}
                role: suspected
                by: [iraqi-intelligence]
                note: {text}
            casualties:
              killed: {{civilians: {k}}}
            sources:
              - source: hostile-source-{k}
                quote: {quote}
                note: {text}
            related:
              - event: {EXACT_ID}
                relation: context
                note: {text}
            """,
            summary=block,
            notes=block,
        )


# --- the builds ----------------------------------------------------------------------------


def both_builds(root: Path) -> dict[str, Path]:
    return {
        "hosted": build_site(root / "mkdocs.yml", root / "site"),
        "offline": build_site(root / "mkdocs.yml", root / "offline", offline=True),
    }


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture project without hostile records: what the theme and assets add."""
    return both_builds(make_project(tmp_path_factory.mktemp("clean") / "project"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = make_project(tmp_path_factory.mktemp("hostile") / "project")
    hostile_records(root)
    return both_builds(root)


@pytest.fixture(scope="module")
def real(hosted: Site, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The real content's builds: the session's hosted one (tests/realsite.py), and an
    offline one of its own (the bundle's has no 404 page, where the active-content check
    reads what the theme puts on every page)."""
    offline = tmp_path_factory.mktemp("real") / "offline"
    return {
        "hosted": hosted.folder,
        "offline": build_site(REPO / "mkdocs.yml", offline, offline=True),
    }


# --- reading the HTML as a browser does ------------------------------------------------------


class Elements(HTMLParser):
    """Every element of a page as (tag, attributes, text of a <script>)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str], str]] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k.lower(): v or "" for k, v in attrs}, ""))
        if tag == "script":
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            index = max(i for i, e in enumerate(self.found) if e[0] == "script")
            tag_, attrs, _ = self.found[index]
            self.found[index] = (tag_, attrs, "".join(self._script))
            self._script = None


def elements(html: str) -> list[tuple[str, dict[str, str], str]]:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.found


#: What browsers ignore at the start of a URL before reading its scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
#: Attributes whose value a browser loads, follows or sends to (not text such as title= or
#: the data-label= map.js shows with textContent).
URL_ATTRIBUTES = {
    "href", "src", "srcset", "imagesrcset", "action", "formaction", "poster", "data",
    "background", "xlink:href", "style", "content", "cite", "longdesc", "ping", "manifest",
}  # fmt: skip
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "img", "image"}


def site_path(page: Path, site: Path, ref: str) -> str:
    """A script's src as a path from the site root, so pages at any depth compare."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return ref
    path = unquote(parts.path)
    target = site / path.lstrip("/") if path.startswith("/") else page.parent / path
    try:
        return target.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:  # outside the site
        return ref


def normalise_inline(text: str) -> str:
    """Material's inline scripts carry the page's base ("..", "../..", "."): ignore it."""
    return re.sub(r'"(?:\.\.(?:/\.\.)*|\.|/)"', '"BASE"', text)


@functools.cache
def legitimate_scripts(site: Path) -> tuple[frozenset[str], frozenset[str]]:
    """(script files, inline scripts) of a build without hostile content."""
    files, inline = set(), set()
    for page in site.rglob("*.html"):
        for tag, attrs, text in elements(page.read_text(encoding="utf-8")):
            if tag == "script" and attrs.get("src"):
                files.add(site_path(page, site, attrs["src"]))
            elif tag == "script":
                inline.add(normalise_inline(text))
    return frozenset(files), frozenset(inline)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _text_meta(tag: str, attrs: dict[str, str], name: str) -> bool:
    """The content of a <meta> that holds text (a description, a title: overrides/main.html),
    not an address and not an http-equiv instruction."""
    if tag != "meta" or name != "content" or "http-equiv" in attrs:
        return False
    return (attrs.get("name") or attrs.get("property") or "").endswith(("description", "title"))


def violations(site: Path, baseline: Path) -> tuple[int, list[str]]:
    """(pages scanned, everything in them that content could have smuggled in)."""
    files, inline = legitimate_scripts(baseline)
    found: list[str] = []
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        shown = page.relative_to(site).as_posix()
        for tag, attrs, text in elements(page.read_text(encoding="utf-8")):
            if tag in NEVER:
                found.append(f"{shown}: <{tag}>")
            if tag == "script" and attrs.get("src"):
                if site_path(page, site, attrs["src"]) not in files:
                    found.append(f"{shown}: script src={attrs['src']!r}")
            elif tag == "script" and attrs == {"type": "application/ld+json"}:
                # schema.org data (overrides/main.html): never run, and JSON with '<' escaped,
                # so content in it cannot end the element.
                if "<" in text or not _is_json(text):
                    found.append(f"{shown}: JSON-LD {text[:60]!r}")
            elif tag == "script" and normalise_inline(text) not in inline:
                found.append(f"{shown}: inline script {text[:60]!r}")
            if tag == "form" and "action" in attrs:
                found.append(f"{shown}: <form action={attrs['action']!r}>")
            if tag == "meta" and "http-equiv" in attrs:
                found.append(f"{shown}: <meta http-equiv={attrs['http-equiv']!r}>")
            for name, value in attrs.items():
                if _text_meta(tag, attrs, name):
                    continue  # a description or title quoting the hostile words is text
                url = _URL_NOISE.sub("", value).lower()
                if name.startswith("on"):
                    found.append(f"{shown}: <{tag} {name}=…>")
                if url.startswith(DANGEROUS_SCHEMES):
                    found.append(f"{shown}: <{tag} {name}={value!r}>")
                if name in URL_ATTRIBUTES and "evil.example" in value:
                    found.append(f"{shown}: <{tag} {name}={value!r}> names evil.example")
    return len(pages), found


#: Each file of the search index: one call, its arguments JSON (site/search_index.py).
SEARCH_CALL = re.compile(
    r'window\.chronologySearchLoaded\(("[a-z]+"),("[^"]*"|\d+),(.*)\);\n', re.S
)


def search_files(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((site / "search").rglob("*.js"))
    }


def search_entries(site: Path) -> list[list[str]]:
    """[title, address, kind, snippet] of every page the search finds."""
    rows = []
    for name, text in search_files(site).items():
        if name.startswith("search/pages/"):
            rows += json.loads(SEARCH_CALL.fullmatch(text)[3])
    return rows


def search_violations(site: Path) -> list[str]:
    """Index files that are not one call with JSON data, or that hold a character that could
    end their script or open a comment."""
    found = []
    for name, text in search_files(site).items():
        call = SEARCH_CALL.fullmatch(text)
        if call is None or set("<>&") & set(text):
            found.append(name)
        else:
            for argument in call.groups():
                json.loads(argument)  # fails the test on anything but JSON
    return found


# --- the scans -------------------------------------------------------------------------------

#: Pages scanned and violations found per build, for the summary line.
SCANNED: dict[str, int] = {}
FOUND: dict[str, int] = {}


@pytest.mark.parametrize("kind", ["hosted", "offline"])
def test_hostile_content_is_inert(hostile, clean, kind: str) -> None:
    pages, found = violations(hostile[kind], clean[kind])
    SCANNED[f"hostile {kind}"] = pages
    FOUND[f"hostile {kind}"] = len(found)
    assert found == []
    assert pages > 60


@pytest.mark.parametrize("kind", ["hosted", "offline"])
def test_the_real_site_is_clean(real, clean, kind: str) -> None:
    pages, found = violations(real[kind], clean[kind])
    SCANNED[f"real {kind}"] = pages
    FOUND[f"real {kind}"] = len(found)
    assert found == []


def test_the_scan_finds_what_it_looks_for(clean, tmp_path: Path) -> None:
    """Each rule can fail: a page with one of everything that must not be there."""
    site = shutil.copytree(clean["hosted"], tmp_path / "site")
    write(
        site,
        "evil/index.html",
        """\
        <script>alert(1)</script><script src="../evil.js"></script>
        <img src=x onerror=alert(1)><iframe src="https://evil.example/"></iframe>
        <a href=" java\tscript:alert(1)">x</a><form action="https://evil.example/"></form>
        <p onclick="x">p</p><meta http-equiv="refresh" content="0;url=https://evil.example/">
        <script>__md_scope=new URL("../..",location)</script>
        """,
    )
    pages, found = violations(site, clean["hosted"])
    assert found == [
        "evil/index.html: inline script 'alert(1)'",
        "evil/index.html: script src='../evil.js'",
        "evil/index.html: <img>",
        "evil/index.html: <img onerror=…>",
        "evil/index.html: <iframe>",
        "evil/index.html: <iframe src='https://evil.example/'> names evil.example",
        "evil/index.html: <a href=' java\\tscript:alert(1)'>",
        "evil/index.html: <form action='https://evil.example/'>",
        "evil/index.html: <form action='https://evil.example/'> names evil.example",
        "evil/index.html: <p onclick=…>",
        "evil/index.html: <meta http-equiv='refresh'>",
        "evil/index.html: <meta content='0;url=https://evil.example/'> names evil.example",
        "evil/index.html: inline script '__md_scope=new URL(\"../..\",location)'",
    ]


@pytest.mark.parametrize("kind", ["hosted", "offline"])
def test_the_hostile_text_is_shown_as_text(hostile, kind: str) -> None:
    """Inert, but not dropped: the reader sees exactly what the record says."""
    page = "events/2020-08-01-hostile-0" + ("/index.html" if kind == "hosted" else ".html")
    html = (hostile[kind] / page).read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    for payload in PAYLOADS:
        assert payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.parametrize("site", ["hostile", "real"])
def test_search_results_cannot_hold_markup(site: str, request) -> None:
    builds = request.getfixturevalue(site)
    for kind in ("hosted", "offline"):
        assert search_violations(builds[kind]) == []
    if site == "hostile":
        texts = " ".join(" ".join(e) for e in search_entries(builds["hosted"]))
        assert "<script>alert(1)</script>" in texts  # the text itself: shown with textContent
        # Written as entities in the record: shown as the entities.
        assert "&lt;script&gt;" in texts


def test_the_offline_search_index_is_the_same_data(hostile) -> None:
    hosted, offline = (search_files(hostile[kind]) for kind in ("hosted", "offline"))
    words = {name: text for name, text in hosted.items() if name.startswith("search/words/")}
    assert words and words == {n: t for n, t in offline.items() if n.startswith("search/words/")}
    titles = [entry[0] for entry in search_entries(hostile["hosted"])]
    assert titles == [entry[0] for entry in search_entries(hostile["offline"])]


@pytest.mark.parametrize("kind", ["hosted", "offline"])
def test_data_files_stay_data(hostile, kind: str) -> None:
    site = hostile[kind]
    map_data = (site / "data" / "map-data.js").read_text(encoding="utf-8")
    assert "<" not in map_data and ">" not in map_data  # written as \\u003c, \\u003e
    ET.fromstring((site / "feed.xml").read_bytes())  # well-formed
    events = json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))
    titles = {e["title"] for e in events["events"]}
    assert set(PAYLOADS) <= titles
    assert offsite_resources(site) == []


@pytest.mark.parametrize("kind", ["hosted", "offline"])
def test_hostile_links_and_anchors_resolve(hostile, kind: str) -> None:
    checked, problems, _ = broken_links(hostile[kind], folders=kind == "hosted")
    assert problems == []
    assert checked > 1000


#: Findings of the build's own active-content check per build, for the summary line.
ACTIVE: dict[str, int] = {}


@pytest.mark.parametrize("kind", ["hosted", "offline"])
@pytest.mark.parametrize("site", ["hostile", "real"])
def test_the_active_content_check_finds_nothing(site: str, kind: str, request) -> None:
    """The second wall (generator/build/active_content.py) agrees: nothing from content runs.
    The build ran it too and would have failed; here its findings are counted."""
    found = active_content(request.getfixturevalue(site)[kind])
    ACTIVE[f"{site} {kind}"] = len(found)
    assert found == []


@pytest.mark.parametrize("kind", ["hosted", "offline"])
def test_source_addresses_are_linked_exactly_as_written(hostile, kind: str) -> None:
    """Every address, whatever Markdown would make of it, is one link to exactly itself,
    shown as itself, in the table of its source's page."""
    for k in range(len(PAYLOADS)):
        relative = page_url(f"sources/hostile-source-{k}.md", directory_urls=kind == "hosted")
        page = hostile[kind] / (relative + "index.html" if relative.endswith("/") else relative)
        document = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
        links = [
            (a.get("href"), "".join(a.itertext()))
            for a in document.iter("a")
            if a.get("href", "").startswith("https://example.com/")
        ]
        assert links == [(shown_address(k), shown_address(k))], page
        cells = [len(row.findall("td") + row.findall("th")) for row in document.iter("tr")]
        assert set(cells) == {2}, page  # no cell split off the address's row


@suite_figures
def _figures() -> str | None:
    if not SCANNED:
        return None
    return (
        "html safety: "
        + ", ".join(f"{pages} {name} pages" for name, pages in SCANNED.items())
        + f" scanned for {len(PAYLOADS)} payloads in every text field and "
        + f"{len(ADDRESSES)} kinds of source address; {sum(FOUND.values())} violations; "
        + f"{sum(ACTIVE.values())} active-content findings in {len(ACTIVE)} builds"
        + (f" ({', '.join(ACTIVE)})" if ACTIVE else "")
    )


def test_the_summary_line_counts_active_content(monkeypatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "SCANNED", {"hostile hosted": 3})
    monkeypatch.setattr(sys.modules[__name__], "FOUND", {"hostile hosted": 1})
    monkeypatch.setattr(sys.modules[__name__], "ACTIVE", {"hostile hosted": 2, "real offline": 0})
    assert _figures() == (
        f"html safety: 3 hostile hosted pages scanned for {len(PAYLOADS)} payloads in every "
        f"text field and {len(ADDRESSES)} kinds of source address; 1 violations; "
        "2 active-content findings in 2 builds (hostile hosted, real offline)"
    )


# --- in a browser ----------------------------------------------------------------------------


# `browser` is the session's Chromium (tests/realsite.py), as for every browser suite.


@pytest.fixture(scope="module", params=["hosted", "offline"])
def hostile_site(request, hostile) -> Iterator[tuple[str, str]]:
    """(kind, the address of the site root) for the hostile builds."""
    folder = hostile[request.param]
    if request.param == "offline":
        yield request.param, folder.as_uri() + "/"
        return
    with served(folder) as base:
        yield request.param, base


#: Run in the page: every element an attacker would need, wherever scripts put it.
#: Opens the popup of event number i of the Map page: its marker's, once the clusters show
#: it, or its area's (which lists it).
OPEN_MAP_POPUP = """async (i) => {
  const m = document.querySelector('.chronology-map[data-map=all]').chronologyMap;
  const item = m.items[i];
  if (item.marker) {
    await new Promise((done) => m.clusters.zoomToShowLayer(item.marker, done));
    item.marker.openPopup();
  } else {
    m.map.setView(item.area.latlng, m.map.getZoom(), {animate: false});
    item.area.marker.openPopup();
  }
}"""

LIVE_MARKUP = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) found.push(el.tagName + ' ' + a.name);
      if (/^\\s*javascript:/i.test(a.value)) found.push(el.tagName + ' ' + a.name + '=js');
    }
    if (['OBJECT', 'EMBED'].includes(el.tagName)) found.push(el.tagName);
    if (el.tagName === 'IFRAME' && (el.src || el.srcdoc || !el.hidden)) found.push('IFRAME');
    if (el.tagName === 'IMG' && !el.closest('.leaflet-container')) found.push('IMG ' + el.src);
    if (el.tagName === 'SCRIPT' && el.type === 'application/ld+json') {
      try { JSON.parse(el.textContent); } catch (error) { found.push('JSON-LD'); }
    } else if (el.tagName === 'SCRIPT' && !el.src && /alert/.test(el.textContent)) {
      found.push('SCRIPT');
    }
  }
  return found;
}"""


def test_hostile_site_in_a_browser(browser, hostile_site) -> None:  # noqa: F811
    kind, base = hostile_site
    dialogs: list[str] = []
    offsite: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.route(
        lambda url: not url.startswith((base, "data:", "blob:")),
        lambda route: (offsite.append(route.request.url), route.abort("blockedbyclient")),
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))

    def url(uri: str) -> str:
        return base + page_url(uri, directory_urls=kind == "hosted")

    try:
        for uri in [
            "events/2020-08-02-hostile-1.md",
            "actors/hostile-actor-8.md",
            "locations/hostile-place-1.md",
            "sources/hostile-source-7.md",
            "chronology/2020.md",
        ]:
            page.goto(url(uri))
            page.wait_for_load_state("load")
            page.wait_for_timeout(200)
            assert page.evaluate(LIVE_MARKUP) == [], uri

        # The explorer: every hostile event in its results, a hostile actor and place among
        # the chosen filters and in the lists, all built by explore.js from the index.
        hostile_ids = [f"hostile-actor-{k}" for k in range(len(PAYLOADS))]
        page.goto(
            url("explore/index.md") + "#actor=" + ",".join(hostile_ids) + "&place=hostile-place-1"
        )
        page.wait_for_selector("#explore:not([aria-busy])")
        assert page.locator(".explore-chosen li").count() == len(PAYLOADS) + 1
        assert page.evaluate(LIVE_MARKUP) == []
        page.goto(url("explore/index.md") + "#actor=" + ",".join(hostile_ids))
        page.wait_for_selector("#explore:not([aria-busy])")
        assert page.locator(".explore-entry").count() == len(PAYLOADS)
        assert page.evaluate(LIVE_MARKUP) == []

        # The map: every event's popup (its marker's, or its area's list), built by map.js
        # from the same titles; a clustered marker is shown first.
        page.goto(url("map/index.md"))
        page.locator('.chronology-map[data-map="all"][data-map-drawn]').wait_for()
        count = page.evaluate(
            "() => document.querySelector('.chronology-map[data-map=all]')"
            ".chronologyMap.items.length"
        )
        assert count >= len(PAYLOADS)
        for i in range(count):
            page.evaluate(OPEN_MAP_POPUP, i)
            popup = page.locator(".leaflet-popup-content").last
            popup.wait_for()
            assert page.evaluate(LIVE_MARKUP) == [], popup.inner_text()
        assert page.evaluate(LIVE_MARKUP) == []

        # Search: the results are the index's text, shown with textContent.
        page.goto(url("index.md"))
        search = page.locator(".chr-search__input")
        results = page.locator(".chr-search__result")
        for query, shown in [
            ("onerror", "<img src=x onerror=alert(1)>"),
            ("onmouseover", '"><b onmouseover=alert(1)>x</b>'),
            ("onload", "<svg onload=alert(1)>"),
            # "href": only that payload has the word, so its record is among the first
            # results (list pages, where all payloads met, are out of the index).
            ("href", '<a href="javascript:alert(1)">a</a>'),
            ("toc", "[TOC]"),
            ("comment", "<!-- comment"),
        ]:
            search.fill(query)  # one input event runs the query
            page.wait_for_function(
                "q => document.querySelector('.chr-search').dataset.answered === q", arg=query
            )
            # The results show the records' text, as text (search.js sets textContent).
            assert shown in page.locator(".chr-search__results").inner_text()
            assert page.evaluate(LIVE_MARKUP) == [], query
        # Follow a result.
        results.locator("a").first.click()
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert page.evaluate(LIVE_MARKUP) == []
    finally:
        context.close()
    assert dialogs == []
    assert offsite == []
    assert errors == []


def test_the_browser_checks_can_fail(browser) -> None:  # noqa: F811
    """Live markup is found, and an alert is seen, when they are there."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.set_content(
            '<p onclick="x">p</p><a href=" javascript:void(0)">a</a><iframe src="about:blank">'
            "</iframe><img src=x onerror=alert(7)><script>alert(8)</script>"
        )
        page.wait_for_timeout(200)
        assert page.evaluate(LIVE_MARKUP) == [
            "P onclick",
            "A href=js",
            "IFRAME",
            "IMG onerror",
            "IMG x",
            "SCRIPT",
        ]
    finally:
        page.close()
    assert sorted(dialogs) == ["7", "8"]
