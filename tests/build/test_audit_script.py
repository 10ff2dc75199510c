"""The pure parts of `make audit`: the gzip server's headers (scripts/audit_server.py), which
pages scripts/audit.py picks, how it reads a Lighthouse report and prints the table.
Lighthouse itself is not run here (half a minute a page); `make audit` runs it."""

from __future__ import annotations

import gzip
import http.client
import importlib.util
import sys
from pathlib import Path

import jinja2
import pytest
from mkdocs.config import load_config

from generator.build.site_build import build_site

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts"


@pytest.fixture(scope="module")
def audit():
    """scripts/audit.py as a module (it imports audit_server from beside itself)."""
    sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location("audit_script", SCRIPTS / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    sys.path.remove(str(SCRIPTS))
    sys.modules.pop("audit_server", None)


@pytest.fixture()
def server(audit, tmp_path: Path):
    (tmp_path / "index.html").write_text("<!doctype html><p>home " + "x" * 2000, encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>not here", encoding="utf-8")
    (tmp_path / "events" / "a").mkdir(parents=True)
    (tmp_path / "events" / "a" / "index.html").write_text("<p>event", encoding="utf-8")
    (tmp_path / "app.js").write_text("let a = 1;\n" * 200, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    running = sys.modules["audit_server"].serve(tmp_path)
    yield running.server_address[1]
    running.shutdown()
    running.server_close()


def get(port: int, path: str, gzip_ok: bool = True) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip, br"} if gzip_ok else {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_text_is_gzipped_with_its_type_and_a_charset(server) -> None:
    page = get(server, "/")
    assert page.status == 200
    assert page.getheader("Content-Type") == "text/html; charset=utf-8"
    assert page.getheader("Content-Encoding") == "gzip"
    assert page.getheader("Cache-Control") == "no-cache"
    assert page.getheader("Vary") == "Accept-Encoding"
    assert gzip.decompress(page.body).decode() == "<!doctype html><p>home " + "x" * 2000
    assert int(page.getheader("Content-Length")) == len(page.body)


def test_assets_are_cached_for_a_year_and_images_not_recompressed(server) -> None:
    script = get(server, "/app.js")
    assert script.getheader("Content-Type") == "application/javascript; charset=utf-8"
    assert script.getheader("Content-Encoding") == "gzip"
    assert script.getheader("Cache-Control") == "public, max-age=31536000"
    image = get(server, "/logo.png")
    assert image.getheader("Content-Type") == "image/png"
    assert image.getheader("Content-Encoding") is None
    assert image.body.startswith(b"\x89PNG")


def test_a_client_without_gzip_gets_the_plain_file(server) -> None:
    page = get(server, "/events/a/", gzip_ok=False)
    assert (page.status, page.body, page.getheader("Content-Encoding")) == (200, b"<p>event", None)


def test_a_folder_without_its_slash_redirects_and_a_missing_page_is_the_404_page(server) -> None:
    folder = get(server, "/events/a")
    assert (folder.status, folder.getheader("Location")) == (301, "/events/a/")
    missing = get(server, "/nowhere/", gzip_ok=False)
    assert (missing.status, missing.body) == (404, b"<p>not here")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("style.css", "text/css; charset=utf-8"),
        ("search_index.json", "application/json; charset=utf-8"),
        ("events.geojson", "application/geo+json; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("icon.svg", "image/svg+xml; charset=utf-8"),
        ("sitemap.xml.gz", "application/gzip"),
        ("bundle.zip", "application/zip"),
    ],
)
def test_content_types(audit, name: str, expected: str) -> None:
    server = sys.modules["audit_server"]
    assert server.content_type(name) == expected
    assert server.compressible(expected) == ("charset" in expected)


def page(root: Path, address: str) -> None:
    (root / address).mkdir(parents=True, exist_ok=True)
    (root / address / "index.html").write_text("<p>", encoding="utf-8")


def test_one_page_of_every_kind_in_reading_order(audit, tmp_path: Path) -> None:
    for address in (
        "", "chronology", "chronology/2019", "chronology/2019/month-not-known",
        "chronology/2020", "chronology/2020/month-not-known", "chronology/2020/09",
        "chronology/2020/01", "events/b", "events/a", "actors", "actors/kh", "locations",
        "locations/baghdad", "sources", "sources/afp-1", "map", "statistics", "data",
        "content-format",
    ):  # fmt: skip
        page(tmp_path, address)
    assert audit.pick_pages(tmp_path) == [
        ("home", ""),
        ("chronology", "chronology/"),
        ("year", "chronology/2020/"),  # 2019 has no numbered month
        ("month", "chronology/2020/01/"),
        ("event", "events/a/"),
        ("actor", "actors/kh/"),
        ("place", "locations/baghdad/"),
        ("source", "sources/afp-1/"),
        ("actors index", "actors/"),
        ("places index", "locations/"),
        ("sources index", "sources/"),
        ("map", "map/"),
        ("statistics", "statistics/"),
        ("data", "data/"),
        ("contributing", "content-format/"),
    ]


def test_kinds_a_site_lacks_are_left_out(audit, tmp_path: Path) -> None:
    page(tmp_path, "")
    page(tmp_path, "events/a")
    assert audit.pick_pages(tmp_path) == [("home", ""), ("event", "events/a/")]


def report(performance: float | None = 0.9, benchmark: float = 1234.4) -> dict:
    """A Lighthouse report cut down to what the script reads."""
    audits = {
        "largest-contentful-paint": {"title": "LCP", "score": 0.5, "displayValue": "4.0 s"},
        "total-blocking-time": {"title": "TBT", "score": 0.9, "displayValue": "200 ms"},
        "render-blocking-resources": {
            "title": "Eliminate render-blocking resources",
            "score": 0,
            "scoreDisplayMode": "metricSavings",
            "displayValue": "Est savings of 900 ms",
            "metricSavings": {"FCP": 900, "LCP": 900},
        },
        "unused-javascript": {
            "title": "Reduce unused JavaScript",
            "score": 0.5,
            "scoreDisplayMode": "metricSavings",
            "metricSavings": {"LCP": 300},
        },
        "font-size": {"title": "Legible font sizes", "score": 1},
        "interactive": {"title": "Time to Interactive", "score": 0.5, "displayValue": "9 s"},
        "screenshot": {"title": "Screenshot", "score": None},
        "notes": {"title": "Notes", "score": 0, "scoreDisplayMode": "manual"},
        "meta-description": {"title": "Has a meta description", "score": 0},
    }
    performance_refs = [
        {"id": "total-blocking-time", "weight": 30},
        {"id": "largest-contentful-paint", "weight": 25},
        {"id": "unused-javascript", "weight": 0},
        {"id": "render-blocking-resources", "weight": 0},
        {"id": "screenshot", "weight": 0},
        {"id": "interactive", "weight": 0, "group": "hidden"},
    ]
    return {
        "categories": {
            "performance": {"score": performance, "auditRefs": performance_refs},
            "accessibility": {"score": 1, "auditRefs": [{"id": "notes", "weight": 0}]},
            "best-practices": {"score": 0.954, "auditRefs": [{"id": "font-size", "weight": 1}]},
            "seo": {"score": 0.91, "auditRefs": [{"id": "meta-description", "weight": 1}]},
        },
        "audits": audits,
        "environment": {"benchmarkIndex": benchmark},
    }


def test_scores_are_rounded_percentages_and_none_stays_none(audit) -> None:
    assert audit.scores(report()) == {
        "performance": 90,
        "accessibility": 100,
        "best-practices": 95,
        "seo": 91,
    }
    assert audit.scores(report(performance=None))["performance"] is None


def test_failing_audits_weighted_by_cost_then_opportunities_by_savings(audit) -> None:
    found = [a["id"] for a in audit.failing_audits(report(), "performance")]
    assert found == [
        "largest-contentful-paint",  # 25 × 0.5 = 12.5 points
        "total-blocking-time",  # 30 × 0.1 = 3 points
        "render-blocking-resources",  # 1,800 ms of estimated savings
        "unused-javascript",  # 300 ms
    ]
    assert audit.failing_audits(report(), "accessibility") == []  # manual checks do not count
    assert [a["id"] for a in audit.failing_audits(report(), "performance", top=1)] == [
        "largest-contentful-paint"
    ]


def test_the_table_marks_every_score_under_95_and_runs_on_a_busy_machine(audit) -> None:
    home, event = report(), report(performance=None, benchmark=999)
    rows = [
        ("home", "", audit.scores(home), audit.benchmark(home)),
        ("event", "events/a/", audit.scores(event), audit.benchmark(event)),
    ]
    assert audit.format_table(rows) == (
        "page kind  address   perf  a11y    bp   seo    cpu\n"
        "--------------------------------------------------\n"
        "home       /           90*  100    95    91*  1234\n"
        "event      events/a/    –*  100    95    91*   999!\n"
        "* below 95\n"
        "! CPU benchmark index under 1000: the machine was busy, so Total Blocking Time and "
        "performance read low"
    )
    assert audit.format_table(rows[:1]).endswith("1234\n* below 95")
    assert audit.shortfalls(rows) == [
        "home: performance 90",
        "home: seo 91",
        "event: performance –",
        "event: seo 91",
    ]


def test_the_failures_name_the_audits_of_each_category_under_100(audit) -> None:
    assert audit.format_failures("home", report()) == [
        "home — performance 90:",
        "    largest-contentful-paint: LCP (4.0 s)",
        "    total-blocking-time: TBT (200 ms)",
        "    render-blocking-resources: Eliminate render-blocking resources "
        "(Est savings of 900 ms)",
        "    unused-javascript: Reduce unused JavaScript",
        "home — best-practices 95:",
        "home — seo 91:",
        "    meta-description: Has a meta description",
    ]


def test_the_median_run_counts(audit) -> None:
    runs = [report(performance=p, benchmark=b) for p, b in ((0.9, 1), (0.7, 2), (None, 3))]
    assert audit.benchmark(audit.median_run(runs)) == 2  # None, 0.7, 0.9: the middle one
    assert audit.benchmark(audit.median_run(runs[:2])) == 2  # of two, the lower
    assert audit.benchmark(audit.median_run(runs[:1])) == 1


# --- robots.txt (docs/robots.txt, rendered by MkDocs through extra_templates) ---------------


def test_robots_txt_allows_all_and_names_the_absolute_sitemap(tmp_path: Path) -> None:
    site = build_site(REPO / "mkdocs.yml", tmp_path / "site")
    site_url = load_config(str(REPO / "mkdocs.yml")).site_url
    assert site_url.startswith("https://")
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\nSitemap: {site_url}sitemap.xml\n"
    )


def test_robots_txt_without_a_site_address_has_no_sitemap_line() -> None:
    template = jinja2.Template((REPO / "docs" / "robots.txt").read_text(encoding="utf-8"))
    assert template.render(config={"site_url": None}) == "User-agent: *\nAllow: /\n"
