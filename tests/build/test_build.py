"""Full MkDocs builds of the fixture project: pages, data, links and anchors, hostile content,
and failures that leave the previous site untouched."""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import (
    ABOUT_ID,
    EXACT_ID,
    FILES,
    HOSTILE,
    RANGE_ID,
    SOURCE_ID,
    make_project,
    write,
)

from generator.cli import main
from generator.content.catalog import load_catalog
from generator.exports.json import events_json

BAD_KIND = "content/actors/kataib-hezbollah.yaml"
BAD_PROBLEM = (
    f"{BAD_KIND}:3:7: kind: the text 'armed-groupp' is not allowed (did you mean "
    "'armed-group'?); choose one of: armed-group, state, government-body, person, "
    "military-unit, political-movement, international-organisation, media"
)


def build(root: Path, *args: str):
    """``chronology build`` in-process, as a user runs it from the project folder."""
    return CliRunner().invoke(
        main, ["build", "-f", str(root / "mkdocs.yml"), *args], catch_exceptions=False
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site-"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("build") / "project")
    result = build(root)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Built the site in {root / 'site'}\n"
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hostile") / "project")
    for relative, text in HOSTILE.items():
        write(root, relative, text)
    result = build(root)
    assert result.exit_code == 0, result.output
    return root / "site"


# --- a link checker ------------------------------------------------------------------------


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _anchors(path: Path) -> set[str]:
    soup = _soup(path)
    return {t["id"] for t in soup.find_all(id=True)} | {
        t["name"] for t in soup.find_all("a", attrs={"name": True})
    }


def broken_links(site: Path) -> tuple[int, list[tuple[str, str, str]]]:
    """(links checked, [(page, href, problem)]) for every internal link of every page.

    External http(s) links are not followed; any other scheme (javascript:, data:, file:) is
    reported. Relative links resolve against the page, absolute ones against the site root.
    """
    checked, broken = 0, []
    for page in sorted(site.rglob("*.html")):
        shown = page.relative_to(site).as_posix()
        for tag in _soup(page).find_all(["a", "link", "script", "img", "iframe", "source"]):
            ref = tag.get("href") if tag.name in ("a", "link") else tag.get("src")
            if ref is None:
                continue
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https"):
                continue
            if parts.scheme or parts.netloc:
                broken.append((shown, ref, f"scheme {parts.scheme!r}"))
                continue
            checked += 1
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):
                target = site / unquote(parts.path).lstrip("/")
            else:
                target = page.parent / unquote(parts.path)
            target = Path(posixpath.normpath(target))
            if target.is_dir():
                target = target / "index.html"
            if site not in target.parents:
                broken.append((shown, ref, "outside the site"))
            elif not target.is_file():
                broken.append((shown, ref, "missing"))
            elif parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in _anchors(target):
                    broken.append((shown, ref, "no such anchor"))
    return checked, broken


# --- a good build ------------------------------------------------------------------------------


def test_pages_and_data(built):
    site = built / "site"
    for page in [
        "index.html",
        f"events/{EXACT_ID}/index.html",
        f"events/{ABOUT_ID}/index.html",
        f"events/{RANGE_ID}/index.html",
        "actors/index.html",
        "actors/kataib-hezbollah/index.html",
        "actors/iraqi-intelligence/index.html",
        "actors/us-embassy-baghdad/index.html",
        "locations/index.html",
        "locations/baghdad/index.html",
        "locations/green-zone/index.html",
        "locations/baghdad-airport/index.html",
        "sources/index.html",
        f"sources/{SOURCE_ID}/index.html",
        "data/index.html",
        "content-format/index.html",
        "data/events.json",
    ]:
        assert (site / page).is_file(), page


def test_events_json_is_the_export(built):
    text = (built / "site" / "data" / "events.json").read_text(encoding="utf-8")
    site_name = "US–Militia Confrontation in Iraq, 2019–2021"  # mkdocs.yml's
    site_url = "https://us-militia-iraq-chronology.github.io/"  # and its default address
    assert text == events_json(load_catalog(built), True, site_url, site_name)
    assert [e["id"] for e in json.loads(text)["events"]] == [ABOUT_ID, RANGE_ID, EXACT_ID]


def test_event_page_content(built):
    soup = _soup(built / "site" / "events" / EXACT_ID / "index.html")
    assert soup.title.string == (
        "Rocket hits a house near the Green Zone, killing two civilians (10 July 2020) – "
        "US–Militia Confrontation in Iraq, 2019–2021"
    )
    assert soup.h1.get_text() == "Rocket hits a house near the Green Zone, killing two civilians¶"
    links = {a.get_text(): a["href"] for a in soup.find_all("a", href=True)}
    assert links["Kataib Hezbollah"] == "../../actors/kataib-hezbollah/"
    assert links["Iraqi intelligence"] == "../../actors/iraqi-intelligence/"


def test_every_internal_link_and_anchor_resolves(built):
    checked, broken = broken_links(built / "site")
    assert broken == []
    assert checked > 200


def test_link_checker_finds_broken_links(tmp_path):
    # The checker itself must be able to fail.
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="top"><a href="a/">ok</a> <a href="#top">ok</a> <a href="b/">missing</a> '
        '<a href="a/#nowhere">anchor</a> <a href="javascript:alert(1)">js</a> '
        '<a href="../up.html">outside</a> <a href="https://example.com/">external</a></p>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    assert broken_links(tmp_path) == (
        5,
        [
            ("index.html", "b/", "missing"),
            ("index.html", "a/#nowhere", "no such anchor"),
            ("index.html", "javascript:alert(1)", "scheme 'javascript'"),
            ("index.html", "../up.html", "outside the site"),
        ],
    )


def test_rebuild_replaces_the_site_and_leaves_nothing_behind(built, tmp_path):
    before = snapshot(built / "site")
    result = build(built)
    assert result.exit_code == 0, result.output
    after = snapshot(built / "site")
    assert sorted(after) == sorted(before)
    assert after["data/events.json"] == before["data/events.json"]
    assert leftovers(built) == []
    assert oct((built / "site").stat().st_mode & 0o777) == "0o755"


def test_site_dir_option(built, tmp_path):
    out = tmp_path / "elsewhere"
    result = build(built, "-d", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Built the site in {out}\n"
    assert (out / "index.html").is_file()
    assert leftovers(tmp_path) == []


# --- hostile content --------------------------------------------------------------------------


def test_hostile_content_is_inert_in_html(hostile):
    checked = 0
    for page in sorted(hostile.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        shown = page.relative_to(hostile).as_posix()
        assert "<script>alert" not in html, shown
        assert "<img src=x" not in html, shown
        soup = _soup(page)
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                values = value if isinstance(value, list) else [value]
                if _plain_text_meta(tag, name):
                    continue  # a description quoting the hostile words is text, not an address
                assert not any("javascript:" in v.lower() for v in values), (shown, tag.name, name)
                assert not (name.startswith("on") and "alert" in str(value)), (shown, tag.name)
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                # schema.org data names the hostile text as data: JSON with '<' escaped, so
                # it cannot close the element, and no browser runs it.
                assert "<" not in script.string and json.loads(script.string), shown
            else:
                assert "alert" not in (script.string or ""), shown
        # One <title> in <head>, closed once: the content cannot break out of it. (Inline
        # SVG charts have <title> elements of their own, in <body>.)
        head = html.split("</head>", 1)[0]
        assert head.count("<title>") == 1 and head.count("</title>") == 1, shown
        title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
        assert "<" not in title, (shown, title)
        checked += 1
    assert checked > 15


def _plain_text_meta(tag, attribute: str) -> bool:
    """The content of a <meta> that holds text (a description, a title), not an address and
    not an http-equiv instruction."""
    if tag.name != "meta" or attribute != "content" or tag.get("http-equiv"):
        return False
    kind = tag.get("name") or tag.get("property") or ""
    return kind.endswith(("description", "title"))


def test_hostile_titles(hostile):
    html = (hostile / "actors" / "evil-actor" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    # Angle brackets become look-alike guillemets; what the page is and the site name follow.
    assert title.startswith(
        "‹/title›‹script›alert(&#34;name&#34;)‹/script› | pipe (armed group) – "
    )
    soup = _soup(hostile / "actors" / "evil-actor" / "index.html")
    assert soup.h1.get_text() == '</title><script>alert("name")</script> | pipe¶'


def test_hostile_links_still_resolve(hostile):
    checked, broken = broken_links(hostile)
    assert broken == []


# --- failures leave the old site alone ---------------------------------------------------------


@pytest.fixture
def site_project(built, tmp_path) -> Path:
    """A copy of the built fixture project, site/ included, for one test to break."""
    return shutil.copytree(built, tmp_path / "project", symlinks=True)


def test_bad_content_fails_cleanly(site_project):
    before = snapshot(site_project / "site")
    write(site_project, BAD_KIND, "id: kataib-hezbollah\nname: KH\nkind: armed-groupp\n")
    result = build(site_project)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Aborted with a BuildError!\n"
        "content is invalid:\n"
        f"{BAD_PROBLEM}\n"
        "1 error found; nothing was written.\n"
    )
    assert "Traceback" not in result.output
    assert snapshot(site_project / "site") == before
    assert leftovers(site_project) == []


def test_broken_template_fails_cleanly(site_project):
    before = snapshot(site_project / "site")
    template = site_project / "site_templates" / "source.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "{{ source.nonsense }}\n")
    result = build(site_project)
    assert result.exit_code == 1
    assert result.stderr.startswith("Aborted with a BuildError!\n")
    assert "'generator.content.model.Source object' has no attribute 'nonsense'" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(site_project / "site") == before
    assert leftovers(site_project) == []


def test_broken_link_in_docs_fails_the_strict_build(site_project):
    before = snapshot(site_project / "site")
    write(site_project, "docs/data.md", "# Data\n\n[missing](nowhere.md)\n")
    result = build(site_project)
    assert result.exit_code == 1
    assert "nowhere.md" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(site_project / "site") == before
    assert leftovers(site_project) == []


def test_missing_config_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert result.stderr == (
        "mkdocs.yml: not found; run from the project folder or pass --config-file\n"
    )


# --- plain MkDocs with the plugin ---------------------------------------------------------------


def mkdocs(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")]
        + ["-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
    )


def test_plain_mkdocs_strict_build(built, tmp_path):
    site = tmp_path / "mkdocs-site"
    result = mkdocs(built, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (site / f"events/{EXACT_ID}/index.html").is_file()
    assert (site / "data/events.json").read_bytes() == (
        built / "site" / "data" / "events.json"
    ).read_bytes()


def test_plain_mkdocs_fails_cleanly_on_bad_content(tmp_path):
    root = make_project(tmp_path / "project")
    site = root / "site"
    site.mkdir()
    (site / "keep.html").write_text("old site", encoding="utf-8")
    text = textwrap.dedent(FILES[f"content/events/{EXACT_ID}.yaml"])
    write(root, BAD_KIND, "id: kataib-hezbollah\nname: KH\nkind: armed-groupp\n")
    write(root, f"content/events/{EXACT_ID}.yaml", text.replace("role: target", "role: targett"))
    result = mkdocs(root, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert (
        "ERROR   -  content is invalid:\n"
        f"{BAD_PROBLEM}\n"
        f"content/events/{EXACT_ID}.yaml:17:11: actors[1].role: the text 'targett' is not "
        "allowed (did you mean 'target'?); choose one of: perpetrator, claimed, suspected, "
        "attributed-by, target, victim, responder, participant, statement\n"
        "2 errors found; nothing was written.\n"
    ) in result.stderr
    assert "Aborted with a BuildError!" in result.stdout + result.stderr
    # Validation runs before MkDocs cleans site_dir.
    assert snapshot(site) == {"keep.html": b"old site"}


# The off-site check parses only pages a cheap pre-filter keeps; the pre-filter must keep
# every page in which the parser would find an address on another host.
OFFSITE_SAMPLES = [
    '<img src="http://x/a.png">',
    "<img SRC = //x/a.png>",
    '<link rel=stylesheet href="https://f">',
    '<div style="background:url(http://x)">',
    '<div STYLE="background:URL(http://x)">',
    '<div style\t=\t"background:url(http://x)">',
    '<meta http-equiv=refresh content="0;url=http://x">',
    '<img srcset="a.png 1x, http://x/b.png 2x">',
    '<img src="&#104;ttp://x">',
    '<svg xmlns="http://www.w3.org/2000/svg"><image xlink:href="http://x"/></svg>',
    '<video poster="https://x">',
    '<object data="//x">',
    '<style>@import "http://x";</style>',
    "<style>a{background:url(//x)}</style>",
    "<iframe src=https://x></iframe>",
    '<script src="https://cdn.example/y.js"></script>',
    '<body background="http://x/y.png">',
    '<input type=image src="//x">',
    "<embed src=//x>",
    '<source srcset="http://x">',
    "<link rel=preload href=//x>",
    '<img src="\\\\evil.example/x.png">',
    '<img src="/\\evil.example/x.png">',
    '<a href="https://x/">x</a><link rel=icon href="https://x/i.png">',
    # CSS however spaced or spelt, and however its addresses are escaped
    '<div style\t=\t"/**/background:url(//x)">',
    "<STYLE>a{background:URL(//x)}</STYLE>",
    '<div style="background:u\\72l(\\2f\\2f x)">',
    "<div style=\"background-image:image-set('//x/a.png' 1x)\">",
    # addresses spelt with character references, or with what browsers drop from addresses
    '<img src="h&#116;tp://x/a.png">',
    '<img src="http&colon;//x/a.png">',
    '<img src="/&#47;x/a.png">',
    '<img src="/\t/x/a.png">',
    '<img src="\x01//x/a.png">',
    '<img src=\u00a0"//x/a.png">',
    # the first of two same-named attributes is the one a browser loads
    '<img src="//x/a.png" src="a.png">',
    # a name far from its '=', <base>, a page inside an attribute
    "<body background" + " " * 35 + '="//x/y.png">',
    '<base href="https://x/">',
    '<link rel="next prerender" href="https://x/2">',
    # a canonical link is not fetched, but another rel in the same tag may be
    '<link rel="canonical" href="https://x/" rel="stylesheet">',
    '<link rel="canonical" href="https://x/" href="//x/s.css" rel=preload>',
    '<link rel="canonical stylesheet" href="https://x/s.css">',
    '<iframe srcdoc="&lt;img src=//x/a.png&gt;"></iframe>',
]


@pytest.mark.parametrize("html", OFFSITE_SAMPLES)
def test_the_offsite_prefilter_keeps_every_page_the_parser_would_flag(html):
    from generator.build.offsite import _may_fetch_offsite, _offsite, _ResourceParser

    parser = _ResourceParser()
    parser.feed(html)
    parser.close()
    assert [u for u in parser.urls if _offsite(u)], "the sample must really fetch off-site"
    assert _may_fetch_offsite(html)


def test_the_offsite_prefilter_skips_ordinary_pages():
    from generator.build.offsite import _may_fetch_offsite

    page = (
        '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>'
        '<div class="chronology-map" aria-label="Map: at Saqr Camp"></div>'
        '<script>__md_scope=new URL("..",location)</script><a href="../x/">x</a>'
        '<p><a class="x" href="https://www.example.org/article">the article</a></p>'
        '<link rel="canonical" href="https://example.org/events/x/">'
    )
    assert not _may_fetch_offsite(page)


def test_the_offsite_check_lists_files_in_path_order_and_finds_cdn_addresses(tmp_path):
    from generator.build.offsite import offsite_resources, site_files

    for name in ("a-b.js", "a/b.js", "a/c/d.js", "B.js", "x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f'load("//unpkg.com/{name}")', encoding="utf-8")
    (tmp_path / "link.js").symlink_to(tmp_path / "B.js")
    (tmp_path / "folder-link").symlink_to(tmp_path / "a", target_is_directory=True)
    expected = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert site_files(tmp_path) == [p.relative_to(tmp_path).as_posix() for p in expected]
    (tmp_path / "a/b.js").write_text('x="HTTPS://fonts.gstatic.com/f.woff";', encoding="utf-8")
    assert offsite_resources(tmp_path) == [
        "B.js: //unpkg.com/B.js",
        "a/b.js: HTTPS://fonts.gstatic.com/f.woff",
        "a/c/d.js: //unpkg.com/a/c/d.js",
        "a-b.js: //unpkg.com/a-b.js",
        "link.js: //unpkg.com/B.js",
    ]
