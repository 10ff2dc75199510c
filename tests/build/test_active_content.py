"""The active-content check (generator/build/active_content.py): every kind of active content
is found however it is written, the theme's own scripts and Markdown's table styles are not,
the cheap pre-filter never skips a page the parser would flag, and a build with active
content fails naming the page and what is on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_project, write

from generator.build.active_content import (
    Finding,
    _may_hold_active_content,
    _read_theme,
    active_content,
)
from generator.build.offsite import site_files
from generator.build.site_build import build_site
from generator.cli import main


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = make_project(tmp_path_factory.mktemp("active") / "project")
    return {
        "hosted": build_site(root / "mkdocs.yml", root / "site"),
        "offline": build_site(root / "mkdocs.yml", root / "offline", offline=True),
    }


# The theme's scripts on every page, and how many of them are inline: hosted, Material's
# configuration, three inline scripts and the files every page loads; offline, the
# configuration alone is inline (overrides/offline.html loads the rest from assets/offline.js).
THEME_SCRIPTS = {"hosted": (7, 4), "offline": (5, 1)}


@pytest.mark.parametrize("kind", ["hosted", "offline"])
def test_the_theme_scripts_and_table_styles_are_not_flagged(sites, kind: str) -> None:
    site = sites[kind]
    texts = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    # Every page has the theme's scripts, as many as its 404 page; tables align columns.
    scripts, inline = THEME_SCRIPTS[kind]
    theme_scripts = (site / "404.html").read_text(encoding="utf-8").count("<script")
    assert min(text.count("<script") for text in texts) == theme_scripts >= scripts
    assert sum(text.count('<td style="text-align: right;">') for text in texts) > 0
    assert active_content(site) == []
    # The theme's inline scripts, learnt from its 404 page.
    assert len(_read_theme(site).inline) == inline


@pytest.mark.parametrize("kind", ["hosted", "offline"])
def test_the_prefilter_skips_ordinary_pages(sites, kind: str) -> None:
    site = sites[kind]
    theme = _read_theme(site)
    from generator.build.active_content import _base_of, _script_file_ok

    parsed = [
        relative
        for relative in site_files(site)
        if relative.endswith(".html")
        and _may_hold_active_content(
            (site / relative).read_bytes().lower(),
            theme.snippets(_base_of(relative, theme)),
            (site / relative).read_bytes(),
            lambda src, relative=relative: _script_file_ok(site, relative, src),
        )
    ]
    # No page needs the parser: the scripts the theme's 404 page lacks (the map's, the
    # filters', the map data) load .js files of the site, and the JSON-LD is JSON.
    assert parsed == []


#: (markup in a page, what the check reports): every kind, written every way a browser reads.
ACTIVE = [
    ("<script>alert(1)</script>", "<script> 'alert(1)'"),
    ('<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>', "<script src='https://evil.example/x.js'>"),
    ('<script src="//evil.example/x.js"></script>', "<script src='//evil.example/x.js'>"),
    ('<script src="../assets/nothing.js"></script>', "<script src='../assets/nothing.js'>"),
    ("<style>p{color:red}</style>", "<style> 'p{color:red}'"),
    ("<svg><style>a{}</style></svg>", "<style> 'a{}'"),
    ("<svg><script>alert(1)</script></svg>", "<script> 'alert(1)'"),
    ("<img src=x onerror=alert(1)>", "<img onerror=…>"),
    ("<svg/onload=alert(1)>", "<svg onload=…>"),
    ('<p title="x"onClick="alert(1)">p</p>', "<p onclick=…>"),
    ("<p aria-label=map:x\non:x=alert(1)>p</p>", "<p on:x=…>"),
    ('<p style="color:red">p</p>', "<p style='color:red'>"),
    ('<div style="text-align: right;">d</div>', "<div style='text-align: right;'>"),
    ('<a href="javascript:alert(1)">a</a>', "<a href='javascript:alert(1)'>"),
    ('<a href=" JaVa\tScRiPt:alert(1)">a</a>', "<a href=' JaVa\\tScRiPt:alert(1)'>"),
    ('<a href="&#106;ava&#x73;cript&colon;alert(1)">a</a>', "<a href='javascript:alert(1)'>"),
    ('<a href="java&Tab;script:x">a</a>', "<a href='java\\tscript:x'>"),
    ('<iframe src="data:text/html,x"></iframe>', "<iframe src='data:text/html,x'>"),
    ('<object data="vbscript:x"></object>', "<object data='vbscript:x'>"),
    ('<button formaction="javascript:x">b</button>', "<button formaction='javascript:x'>"),
    ('<form action="javascript:x"></form>', "<form action='javascript:x'>"),
    ('<svg><a xlink:href="javascript:x">a</a></svg>', "<a href='javascript:x'>"),
    ('<svg><set attributeName="href" to="javascript:x"/></svg>', "<set to='javascript:x'>"),
    ('<iframe srcdoc="&lt;b&gt;"></iframe>', "<iframe srcdoc=…>"),
    (
        '<meta http-equiv="refresh" content="0;url=javascript:x">',
        "<meta http-equiv=refresh content='0;url=javascript:x'>",
    ),
    # JSON-LD is allowed only as the templates write it: that one attribute, JSON inside.
    ('<script type="application/ld+json">alert(1)</script>', "<script> 'alert(1)'"),
    ('<script type="application/ld+json" src="x.js"></script>', "<script src='x.js'>"),
    ('<script type="application/ld+json" id="x">{}</script>', "<script> '{}'"),
    ('<script type="text/javascript">{}</script>', "<script> '{}'"),
]  # fmt: skip


@pytest.mark.parametrize("markup, reported", ACTIVE)
def test_each_kind_of_active_content_is_found(sites, tmp_path: Path, markup, reported) -> None:
    site = shutil.copytree(sites["hosted"], tmp_path / "site")
    page = site / "events" / "index.html"
    page.parent.mkdir(exist_ok=True)
    original = (site / "data" / "index.html").read_text(encoding="utf-8")
    page.write_text(original.replace("</article>", markup + "</article>", 1), encoding="utf-8")
    assert active_content(site) == [Finding("events/index.html", reported)]
    # The pre-filter lets the page through to the parser.
    assert _may_hold_active_content(markup.lower().encode(), ())


@pytest.mark.parametrize(
    "markup",
    [
        '<script src="../assets/map.js"></script>',  # a script of the site's own
        '<script type="application/ld+json">{"@type": "Event"}</script>',  # schema.org data
        '<td style="text-align: center;">c</td>',  # Markdown's aligned table cell
        '<a href="https://example.com/a|b">https://example.com/a|b</a>',
        '<a href="mailto:x@example.com">x</a><p title="javascript: a word">p</p>',
        "<p>onload=alert(1) javascript:alert(1) &lt;script&gt;</p>",  # text, shown as text
    ],
)
def test_what_is_not_active_content(sites, tmp_path: Path, markup) -> None:
    site = shutil.copytree(sites["hosted"], tmp_path / "site")
    page = site / "data" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</article>", markup + "</article>", 1), encoding="utf-8")
    assert active_content(site) == []


def test_a_build_with_active_content_fails_and_keeps_the_old_site(tmp_path: Path) -> None:
    """A style in a page that loads from another host is reported as active content in that
    page, not as an asset to vendor (issue 13, item 8)."""
    root = make_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    assert CliRunner().invoke(main, ["build", "-f", str(config)]).exit_code == 0
    before = (root / "site" / "index.html").read_bytes()
    data = root / "docs" / "data.md"
    data.write_text(
        data.read_text(encoding="utf-8")
        + '\n<p style="background:url(https://evil.example/x.png)">x</p>\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", "-f", str(config)])
    assert result.exit_code == 1
    assert result.output == (
        "the site would run code that no template, theme or vendored asset put there (event "
        "handlers, style, scripts or javascript:/data:/vbscript: addresses). It came from the "
        "text of content/ (or a hand-written page in docs/) shown on these pages: look in the "
        "records those pages show, and in any hand-written HTML:\n"
        "  data/index.html: <p style='background:url(https://evil.example/x.png)'>\n"
    )
    assert (root / "site" / "index.html").read_bytes() == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_a_site_without_a_404_page_allows_no_inline_script(tmp_path: Path) -> None:
    write(tmp_path, "index.html", "<p>x</p><script>var a=1</script>")
    assert active_content(tmp_path) == [Finding("index.html", "<script> 'var a=1'")]


def test_a_script_mkdocs_yml_asks_for_is_left_to_the_offsite_check(tmp_path: Path) -> None:
    """Listed in extra_javascript it is on the 404 page too: not content's, so the off-site
    check reports it (and says to vendor it); one elsewhere only is content's."""
    cdn = '<script src="https://cdn.example/x.js"></script>'
    write(tmp_path, "404.html", f"<p>not found</p>{cdn}")
    write(tmp_path, "a/index.html", f"<p>a</p>{cdn}")
    write(tmp_path, "b/index.html", '<p>b</p><script src="https://cdn.example/y.js"></script>')
    assert active_content(tmp_path) == [
        Finding("b/index.html", "<script src='https://cdn.example/y.js'>")
    ]


def test_a_site_url_with_a_path_does_not_make_the_theme_foreign(tmp_path: Path) -> None:
    """With site_url set, MkDocs gives the 404 page an absolute base ('/chronology/'); the
    theme's scripts on every other page are still the theme's."""
    root = make_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    site = build_site(config, site_url="https://example.org/chronology/")
    assert _read_theme(site).base == "/chronology/"
    assert active_content(site) == []
