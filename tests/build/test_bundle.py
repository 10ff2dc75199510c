"""The offline bundle (``chronology bundle``), read from the zip without a browser: one top
folder, everything the site needs inside, links as relative .html files, the same bytes on
every build, and a failed build that leaves the previous zip alone. Also the guard every
build runs: nothing loaded from another host (``offsite_resources``)."""

from __future__ import annotations

import posixpath
import re
import subprocess
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import material
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import write

from generator.build.bundle import ZIP_EPOCH, build_bundle, write_zip, zip_time
from generator.build.offsite import offsite_resources
from generator.cli import main
from generator.content.catalog import Catalog, load_catalog
from generator.content.ids import slug
from generator.site.urls import page_uri, page_url

REPO = Path(__file__).resolve().parents[2]
NAME = "us-militia-confrontation-in-iraq-2019-2021"
TOP = f"{NAME}-offline"


def bundle(*args: str):
    """``chronology bundle`` in-process, as a user runs it."""
    return CliRunner().invoke(main, ["bundle", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(REPO)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dist")
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        result = bundle("-f", str(REPO / "mkdocs.yml"), "--dist-dir", str(folder))
    assert result.exit_code == 0, result.output
    path = folder / f"{TOP}.zip"
    size = path.stat().st_size
    assert re.fullmatch(
        rf"Wrote the offline bundle {re.escape(str(path))} \({size:,} bytes, "
        rf"{size / 1e6:.1f} MB, \d+ files\)\n",
        result.output,
    )
    return folder


@pytest.fixture(scope="module")
def archive(dist: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(dist / f"{TOP}.zip")


@pytest.fixture(scope="module")
def names(archive: zipfile.ZipFile) -> set[str]:
    """Files in the zip, relative to its top folder."""
    return {n.removeprefix(f"{TOP}/") for n in archive.namelist() if not n.endswith("/")}


# --- what is inside ------------------------------------------------------------------------


def test_the_zip_is_named_after_the_site_and_left_alone(dist: Path) -> None:
    assert sorted(p.name for p in dist.iterdir()) == [f"{TOP}.zip"]  # no temporary files
    assert slug("US–Militia Confrontation in Iraq, 2019–2021") == NAME


def test_one_top_folder_with_index_html(archive: zipfile.ZipFile) -> None:
    entries = archive.namelist()
    assert entries[0] == f"{TOP}/"
    assert all(n.startswith(f"{TOP}/") for n in entries)
    assert f"{TOP}/index.html" in entries


def test_everything_the_site_needs_is_inside(names: set[str], catalog: Catalog) -> None:
    assert {
        "index.html",
        "search/index.js",
        "data/events.json",
        "data/events.csv",
        "data/map-data.js",
        "feed.xml",
        "assets/vendor/leaflet/leaflet.js",
        "assets/vendor/leaflet/leaflet.css",
        "assets/vendor/leaflet/images/marker-icon.png",
        "assets/vendor/natural-earth/basemap.js",
        "assets/map.js",
        "assets/chronology.js",
        "statistics.html",
        "map/index.html",
        "chronology/index.html",
    } <= names
    records = [
        *catalog.events.values(),
        *catalog.actors.values(),
        *catalog.locations.values(),
        *catalog.sources.values(),
    ]
    pages = {page_url(page_uri(r), directory_urls=False) for r in records}
    assert all(p.endswith(".html") for p in pages)
    assert pages - names == set()
    assert not any(n.endswith("/index.html") and n.count("/") > 1 for n in names)


def test_the_search_index_is_a_script(archive: zipfile.ZipFile) -> None:
    # Under file:// a browser loads no .json; the search adds the index's scripts to the page.
    text = archive.read(f"{TOP}/search/index.js").decode("utf-8")
    assert text.startswith('window.chronologySearchLoaded("index","",{')


def internal_targets(page: str, html: str) -> list[tuple[str, str]]:
    """(href, file it points to) for every link, script, stylesheet and image of a page that
    stays inside the site."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(["a", "link", "script", "img"]):
        href = tag.get("href") or tag.get("src")
        if not href or href.startswith("#"):
            continue
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        found.append((href, target))
    return found


def test_links_are_relative_html_files_that_exist(
    archive: zipfile.ZipFile, names: set[str]
) -> None:
    """Under file:// a link to a folder shows a file listing, and a link from the root
    ('/x') leaves the site: every internal link is relative and names a file in the zip."""
    pages = sorted(n for n in names if n.endswith(".html"))
    problems = []
    checked = 0
    for page in pages:
        html = archive.read(f"{TOP}/{page}").decode("utf-8")
        for href, target in internal_targets(page, html):
            checked += 1
            path = urlsplit(href).path
            if path.startswith("/"):
                problems.append(f"{page}: {href} (absolute path)")
            elif path.endswith("/") or path in {"", ".", ".."}:
                problems.append(f"{page}: {href} (a folder, not a page)")
            elif target not in names:
                problems.append(f"{page}: {href} (no such file in the zip)")
    assert problems == []
    assert checked > 4000


def test_no_file_in_the_bundle_loads_from_another_host(archive: zipfile.ZipFile, tmp_path):
    archive.extractall(tmp_path)
    assert offsite_resources(tmp_path / TOP) == []


# --- small pages: what only the web needs is left out -----------------------------------------

#: What only the web reads: link previews, and schema.org data for search engines. Neither
#: ever sees a file:// page, and each is paid for in every one of the bundle's pages.
WEB_ONLY = re.compile(
    r'<meta (?:property="og:|name="twitter:)|<script type="application/ld\+json"|rel="alternate"'
)


def pages_of(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    return {
        n: archive.read(f"{TOP}/{n}").decode("utf-8") for n in sorted(names) if n.endswith(".html")
    }


def test_pages_carry_no_web_only_metadata_but_keep_their_permalink(
    archive: zipfile.ZipFile, names: set[str], catalog: Catalog
) -> None:
    pages = pages_of(archive, names)
    assert len(pages) > 100
    assert [n for n, html in pages.items() if WEB_ONLY.search(html)] == []
    event = next(iter(catalog.events))
    html = pages[page_url(f"events/{event}.md", directory_urls=False)]
    assert html.count('<link rel="canonical" href="https://') == 1
    assert html.count('<meta name="description" content="') == 1


def test_the_chrome_is_written_once_for_the_whole_bundle(
    archive: zipfile.ZipFile, names: set[str]
) -> None:
    """No navigation tabs (the sidebar lists the same links) but on the page that hides the
    sidebar, no inline icons or scripts of the theme: assets/offline.css and
    assets/offline.js, loaded by every page."""
    pages = pages_of(archive, names)
    tabs = {name for name, html in pages.items() if 'class="md-tabs"' in html}
    assert tabs == {"explore/index.html"}
    explorer = BeautifulSoup(pages["explore/index.html"], "html.parser")
    assert explorer.select_one(".md-sidebar--primary").has_attr("hidden")
    for name, html in pages.items():
        up = "../" * name.count("/")
        chrome = re.sub(r"<article.*</article>", "", html, flags=re.DOTALL)
        assert "<svg" not in chrome, name
        inline = re.findall(r"<script(?![^>]* src=)[^>]*>", chrome)
        assert inline == ['<script id="__config" type="application/json">'], name
        assert f'<link rel="stylesheet" href="{up}assets/offline.css">' in html, name
        assert html.count(f'<script src="{up}assets/offline.js"></script>') == 1, name


def test_the_whitespace_templates_indent_with_is_gone(
    archive: zipfile.ZipFile, names: set[str]
) -> None:
    for name, html in pages_of(archive, names).items():
        outside = re.sub(r"<(pre|script|code)\b.*?</\1>", "<kept>", html, flags=re.DOTALL)
        assert re.search(r"\n[ \t]+<|>[ \t]*\n[ \t]*\n", outside) is None, name


def material_icon(name: str) -> str:
    """The path data of one of Material's icons, e.g. 'material/menu'."""
    svg = Path(material.__file__).parent / "templates" / ".icons" / f"{name}.svg"
    return re.search(r' d="([^"]+)"', svg.read_text(encoding="utf-8")).group(1)


def test_the_offline_stylesheet_draws_materials_icons(archive: zipfile.ZipFile) -> None:
    """overrides/offline.html names the icons by class; assets/offline.css must hold the very
    icons the hosted pages inline: Material's defaults, and the palette's from mkdocs.yml."""
    css = archive.read(f"{TOP}/assets/offline.css").decode("utf-8")
    drawn = dict(
        re.findall(r"\.chr-icon--([\w-]+) \{\s*--chr-icon: url\(\"[^\"]* d='([^']+)'", css)
    )
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    toggles = re.findall(r"icon: (material/[\w-]+)", config)
    assert len(toggles) == 2
    expected = {"logo": "material/library", "menu": "material/menu", "top": "material/arrow-up"}
    expected |= {icon.replace("/", "-"): icon for icon in toggles}
    assert drawn == {cls: material_icon(icon) for cls, icon in expected.items()}
    # Icons of the theme other than these would be inlined by Material, not drawn here.
    assert not re.search(r"^  icon:", config, flags=re.MULTILINE)
    assert "logo:" not in config


def test_the_offline_layout_renders_every_feature_the_site_enables() -> None:
    """overrides/offline.html leaves out what the site does not use; enabling one of these
    would make the bundle silently differ from the hosted site."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    features = re.search(r"  features:\n((?:    - .*\n)+)", config).group(1)
    enabled = set(re.findall(r"- (\S+)", features))
    unsupported = {"navigation.path", "navigation.tabs.sticky", "navigation.instant.progress"}
    assert enabled and not enabled & unsupported
    for key in ("version:", "consent:", "announce"):
        assert key not in config


# --- reproducible, atomic ------------------------------------------------------------------


def last_commit_time() -> tuple[int, ...]:
    """The zip time SOURCE_DATE_EPOCH defaults to: the last commit's, or 1980 outside git."""
    try:
        epoch = subprocess.run(
            ["git", "-C", str(REPO), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ZIP_EPOCH
    # A zip keeps seconds in steps of two: an odd second reads back one lower.
    return max(ZIP_EPOCH, tuple(time.gmtime(int(epoch) // 2 * 2)[:6]))


def test_entries_are_sorted_with_one_time_and_fixed_modes(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    # SOURCE_DATE_EPOCH was unset: every entry carries the time of the last commit.
    assert {i.date_time for i in infos} == {last_commit_time()}
    modes = {i.filename.endswith("/"): i.external_attr >> 16 for i in infos}
    assert modes == {True: 0o40755, False: 0o100644}


def test_the_zip_is_byte_identical_when_built_again(dist: Path, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = build_bundle(REPO / "mkdocs.yml", tmp_path)
    assert again.path.read_bytes() == (dist / f"{TOP}.zip").read_bytes()


def test_source_date_epoch_sets_the_timestamps(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "site"
    write(folder, "index.html", "<p>hi</p>")
    write(folder, "a/b.css", "p {}")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")  # 2020-09-13 12:26:40 UTC
    assert zip_time() == (2020, 9, 13, 12, 26, 40)
    assert write_zip(folder, tmp_path / "x.zip", "x") == 2
    with zipfile.ZipFile(tmp_path / "x.zip") as archive:
        assert archive.namelist() == ["x/", "x/a/", "x/a/b.css", "x/index.html"]
        assert {i.date_time for i in archive.infolist()} == {(2020, 9, 13, 12, 26, 40)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # before 1980: the earliest a zip can hold
    assert zip_time() == ZIP_EPOCH
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert zip_time() == ZIP_EPOCH


def test_a_failed_build_leaves_the_previous_zip(project: Path) -> None:
    first = bundle("-f", str(project / "mkdocs.yml"), "--name", "tiny")
    assert first.exit_code == 0, first.output
    dist = project / "dist"
    zip_path = dist / "tiny-offline.zip"
    before = (zip_path.read_bytes(), zip_path.stat().st_mtime_ns)

    write(project, "content/actors/iraqi-intelligence.yaml", "id: iraqi-intelligence\nkind: x\n")
    failed = bundle("-f", str(project / "mkdocs.yml"), "--name", "tiny")
    assert failed.exit_code == 1
    assert "content/actors/iraqi-intelligence.yaml:1:1: name:" in failed.output
    assert (zip_path.read_bytes(), zip_path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in dist.iterdir()) == ["tiny-offline.zip"]


def test_a_bad_bundle_name_is_refused(project: Path) -> None:
    result = bundle("-f", str(project / "mkdocs.yml"), "--name", "../x")
    assert result.exit_code == 1
    assert result.output == (
        "bundle name '../x': use letters, digits, '.', '_' and '-' only, e.g. iraq-chronology\n"
    )
    assert not (project / "dist").exists() or not any((project / "dist").iterdir())


def test_the_bundle_needs_the_offline_plugin(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    plugin = "  - offline:\n      enabled: !ENV [OFFLINE, false]\n"
    assert plugin in text
    config.write_text(text.replace(plugin, ""), encoding="utf-8")
    result = bundle("-f", str(config))
    assert result.exit_code == 1
    assert result.output.startswith(
        "mkdocs.yml: the offline build needs Material's offline plugin enabled from the "
        "OFFLINE variable; add under plugins:\n"
    )
    assert not any((project / "dist").iterdir())


def test_the_hosted_build_ignores_offline_in_the_environment(project: Path, monkeypatch) -> None:
    monkeypatch.setenv("OFFLINE", "true")
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    assert (project / "site" / "map" / "index.html").is_file()
    assert not (project / "site" / "map.html").exists()
    out = project / "offline-site"
    offline = CliRunner().invoke(
        main, ["build", "--offline", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    )
    assert offline.exit_code == 0, offline.output
    assert offline.output == f"Built the offline site in {out}\n"
    assert (out / "map" / "index.html").is_file() and (out / "search" / "index.js").is_file()
    assert 'href="map/index.html"' in (out / "index.html").read_text(encoding="utf-8")


# --- nothing from other hosts --------------------------------------------------------------


def test_the_offsite_scanner_finds_what_a_browser_would_fetch(tmp_path: Path) -> None:
    write(
        tmp_path,
        "index.html",
        """\
        <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
        <link rel="preconnect" href="https://fonts.gstatic.com">
        <link rel="alternate" type="application/atom+xml" href="feed.xml">
        <link rel="icon" href="assets/favicon.png">
        <script src="//cdn.example.net/x.js"></script>
        <script src="assets/local.js"></script>
        <img src="data:image/png;base64,AAAA" srcset="a.png 1x, https://img.example/b.png 2x">
        <div style="background: url('https://img.example/bg.png')"></div>
        <style>@import "https://css.example/s.css";</style>
        <a href="https://www.afp.com/story">a source stays a link</a>
        <svg><image href="https://img.example/i.svg"/></svg>
        """,
    )
    write(tmp_path, "assets/site.css", "a { background: url(../img/x.png) } b { src: url(//f/x) }")
    write(tmp_path, "assets/site.js", 'load("https://unpkg.com/x@1/x.js"); // https://example.com')
    write(tmp_path, "search/search_index.js", 'var __index = {"text": "https://unpkg.com"}')
    assert offsite_resources(tmp_path) == [
        "assets/site.css: //f/x",
        "assets/site.js: https://unpkg.com/x@1/x.js",
        "index.html: https://fonts.googleapis.com/css?family=Roboto",
        "index.html: https://fonts.gstatic.com",
        "index.html: //cdn.example.net/x.js",
        "index.html: https://img.example/b.png",
        "index.html: https://img.example/bg.png",
        "index.html: https://css.example/s.css",
        "index.html: https://img.example/i.svg",
    ]


def test_a_cdn_script_fails_the_build_and_keeps_the_old_site(project: Path) -> None:
    config = project / "mkdocs.yml"
    assert CliRunner().invoke(main, ["build", "-f", str(config)]).exit_code == 0
    before = (project / "site" / "index.html").read_bytes()
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("extra_javascript:", "extra_javascript:\n  - https://unpkg.com/x@1/x.js", 1),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", "-f", str(config)])
    assert result.exit_code == 1
    assert result.output.startswith(
        "the site would make readers' browsers contact other hosts; vendor what it needs "
        "under docs/assets/vendor/ (scripts/vendor-assets.sh) instead:\n"
        "  https://unpkg.com/x@1/x.js (in 404.html and "
    )
    assert (project / "site" / "index.html").read_bytes() == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
