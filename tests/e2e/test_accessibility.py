"""Readable with any body: axe-core over one page of every kind, light and dark, desktop and
phone, and two measurements axe does not make: no table is cut off, and chart text on a
phone is 11px or more.

axe-core is vendored (tests/vendor/axe-core, pinned, see its README.txt) and given to each
page from disk as an init script (Playwright's ``add_init_script(path=…)``: the same local
file as ``add_script_tag(path=…)``, but not sent to the browser again for every page, which
took a third of the time); nothing comes from the network (other hosts are refused).
It runs with its default rules (WCAG 2 A and AA, and best practices), none disabled, and a
violation of impact serious or critical fails the test with its rule, impact, the elements
(CSS selectors) and axe's summary of what is wrong.

The pages are found in the built site, not named here: the home page, the chronology, its
first year and month, the first event, actor, place and source, the three indexes (and an
A–Z continuation page or a record's continued list when the build has one), the map,
statistics, data, contributing and 404 pages. The hosted build is checked in both colour
schemes at 1280 and 390 px; the offline bundle (file://) dark at 390 px and light at 1280 px. Dark
is the reader's system preference (``prefers-color-scheme``), which Material follows on a
first visit: each page is checked to really be in Material's slate scheme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import suite_figures

# The fixtures `hosted`, `bundle` and `browser` are the session's (tests/realsite.py): the
# builds and Chromium every browser suite shares, skipped (or failed under CI) alike when
# there is no browser.
from realsite import Site

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
TIMEOUT = 15_000
FAILING_IMPACTS = ("serious", "critical")
MODES = ("light", "dark")
WIDTHS = (1280, 390)
PHONE = 390
#: Smallest chart text on a phone, CSS px.
LEGIBLE_PX = 11

#: Page kinds, by the path of the page in the site without its `.html`/`/index.html`: the
#: first (in sorted order) of each is checked. Every kind but the last two must exist.
KINDS: dict[str, str] = {
    "home": r"",
    "chronology": r"chronology",
    "year": r"chronology/\d{4}",
    "month": r"chronology/\d{4}/\d{2}",
    "event": r"events/[^/]+",
    "actor": r"actors/(?!index$)[^/]+",
    "place": r"locations/(?!index$)[^/]+",
    "source": r"sources/(?!index$)[^/]+",
    "actors index": r"actors",
    "places index": r"locations",
    "sources index": r"sources",
    "map": r"map",
    "explore": r"explore",
    "statistics": r"statistics",
    "data": r"data",
    "contributing": r"content-format",
    "not found": r"404",
    "index continued": r"(?:actors|locations|sources)/(?:index/)?page-\d+",
    "list continued": r"(?:actors|locations|sources)/(?!index/)[^/]+/[^/]+(?:/page-\d+)?",
}
OPTIONAL = {"index continued", "list continued"}


def site_pages(site: Site) -> dict[str, str]:
    """{kind: the page's file, relative to the site root} for every kind the build has."""
    paths = {}
    for file in sorted(site.folder.rglob("*.html")):
        relative = file.relative_to(site.folder).as_posix()
        if relative.startswith(("assets/", "search/")):
            continue
        path = re.sub(r"(?:^|/)index$", "", relative.removesuffix(".html"))
        paths.setdefault(path, relative)
    found = {}
    for kind, pattern in KINDS.items():
        match = next((p for p in paths if re.fullmatch(pattern, p)), None)
        if match is not None:
            found[kind] = paths[match]
    # The offline bundle has no 404 page: under file:// no server would show it.
    optional = OPTIONAL | ({"not found"} if site.kind == "bundle" else set())
    missing = [k for k in KINDS if k not in found and k not in optional]
    assert missing == [], f"no page of these kinds in the {site.kind} build: {missing}"
    return found


# --- one sweep per build, mode and width ----------------------------------------------------

#: Run in the page once it has loaded: axe with its default rules.
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}"""

#: Every table of the article wider than its room: its own box or Material's scroll wrapper.
CUT_OFF_TABLES = """() => [...document.querySelectorAll("article table")].flatMap((table, i) => {
  const wrap = table.closest(".md-typeset__scrollwrap") || table.parentElement;
  const head = (table.querySelector("th") || table).textContent.trim().slice(0, 40);
  return [[table, "table"], [wrap, "its wrapper"]]
    .filter(([box]) => box.scrollWidth > box.clientWidth + 1)
    .map(([box, what]) => `table ${i + 1} ("${head}"): ${what} is ${box.scrollWidth}px ` +
      `wide in ${box.clientWidth}px`);
})"""

#: Rendered size of every chart text: its font size times the SVG's scale on screen.
CHART_TEXT_SIZES = """() => [...document.querySelectorAll("article svg text")]
  .filter((t) => t.textContent.trim())
  .map((t) => [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize) *
    t.getScreenCTM().a])"""

#: The scheme Material shows, and the page background it paints.
SCHEME = """() => [document.body.getAttribute("data-md-color-scheme"),
  getComputedStyle(document.body).backgroundColor]"""

#: Maps are drawn by assets/map.js once near the viewport; axe must see them drawn. Back at
#: the top, Material fades its tabs in again: axe would measure their colours half-way.
SHOW_MAPS = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
  const maps = document.querySelectorAll(".chronology-map");
  for (const m of maps) { m.scrollIntoView(); await frame(); await frame(); }
  if (!maps.length) return;
  window.scrollTo(0, 0);
  await frame();
  for (let i = 0; i < 300 && document.getAnimations().some((a) => a.playState === "running"); i++) {
    await frame();
  } }"""
MAPS_DRAWN = """() => [...document.querySelectorAll(".chronology-map")].every((m) =>
  m.classList.contains("chronology-map--active") ||
  m.classList.contains("chronology-map--unavailable"))"""


@dataclass
class Sweep:
    """What one build, colour scheme and width showed on every page kind."""

    pages: dict[str, str]
    violations: list[str] = field(default_factory=list)
    cut_off: list[str] = field(default_factory=list)
    wrong_scheme: list[str] = field(default_factory=list)
    tables: int = 0
    chart_texts: list[tuple[str, str, float]] = field(default_factory=list)


SWEEPS: dict[tuple[str, str, int], Sweep] = {}


def describe(kind: str, file: str, violation: dict) -> list[str]:
    lines = [f"{kind} ({file}): {violation['id']} [{violation['impact']}] {violation['help']}"]
    for node in violation["nodes"]:
        summary = " ".join(node["summary"].split())
        lines.append(f"    {node['target']}\n        {summary}")
    return lines


def axe_context(browser: object, site: Site, mode: str, width: int) -> object:  # noqa: F811
    """A browser context at this width and colour scheme that reaches only ``site`` and
    gives every page axe-core before the page's own scripts."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=mode)
    context.set_default_timeout(TIMEOUT)
    context.route(lambda url: not site.allowed(url), lambda route: route.abort("blockedbyclient"))
    context.add_init_script(path=str(AXE))
    return context


def sweep(browser: object, site: Site, mode: str, width: int) -> Sweep:  # noqa: F811
    key = (site.kind, mode, width)
    if key in SWEEPS:
        return SWEEPS[key]
    result = Sweep(site_pages(site))
    context = axe_context(browser, site, mode, width)
    page = context.new_page()
    try:
        for kind, file in result.pages.items():
            page.goto(site.base + file)
            page.wait_for_load_state("load")
            page.evaluate(SHOW_MAPS)
            page.wait_for_function(MAPS_DRAWN)
            check_page(page, kind, file, mode, result)
    finally:
        context.close()
    SWEEPS[key] = result
    return result


def check_page(page: object, kind: str, file: str, mode: str, result: Sweep) -> None:
    scheme, background = page.evaluate(SCHEME)
    expected = {"light": "default", "dark": "slate"}[mode]
    if scheme != expected or (mode == "dark") != (background != "rgb(255, 255, 255)"):
        result.wrong_scheme.append(f"{kind}: scheme {scheme}, background {background}")
    for violation in page.evaluate(RUN_AXE):
        if violation["impact"] in FAILING_IMPACTS:
            result.violations.extend(describe(kind, file, violation))
    result.cut_off.extend(f"{kind} ({file}): {line}" for line in page.evaluate(CUT_OFF_TABLES))
    result.tables += page.locator("article table").count()
    result.chart_texts.extend((kind, text, size) for text, size in page.evaluate(CHART_TEXT_SIZES))


# The bundle's own layout (overrides/offline.html) also on a wide screen, where its sidebar
# holds the navigation the hosted site's tabs hold.
COMBINATIONS = [("hosted", mode, width) for mode in MODES for width in WIDTHS] + [
    ("bundle", "dark", PHONE),
    ("bundle", "light", 1280),
]
IDS = [f"{kind}-{mode}-{width}" for kind, mode, width in COMBINATIONS]


@pytest.fixture(params=COMBINATIONS, ids=IDS)
def swept(request: pytest.FixtureRequest, browser: object) -> Sweep:  # noqa: F811
    kind, mode, width = request.param
    return sweep(browser, request.getfixturevalue(kind), mode, width)


# --- the checks -------------------------------------------------------------------------------


def test_every_page_kind_is_in_the_scheme_asked_for(swept: Sweep) -> None:
    assert swept.wrong_scheme == []


def test_axe_finds_no_serious_or_critical_violation(swept: Sweep) -> None:
    assert swept.violations == [], (
        f"axe-core: serious or critical violations on {len(swept.pages)} pages:\n"
        + "\n".join(swept.violations)
    )


def test_no_table_is_cut_off(swept: Sweep) -> None:
    assert swept.tables > 10  # the check measured something
    assert swept.cut_off == [], "\n".join(swept.cut_off)


def test_chart_text_is_legible_on_a_phone(browser: object, hosted: Site) -> None:  # noqa: F811
    texts = sweep(browser, hosted, "light", PHONE).chart_texts
    assert len({kind for kind, _, _ in texts}) >= 1 and len(texts) > 20
    small = [(kind, text, round(size, 2)) for kind, text, size in texts if size < LEGIBLE_PX]
    assert small == [], f"chart text under {LEGIBLE_PX}px at {PHONE}px wide: {small[:20]}"


def test_a_stacked_table_keeps_its_cells_labelled_and_unstacks_on_a_wide_screen(
    browser: object,  # noqa: F811
    hosted: Site,  # noqa: F811
) -> None:
    """On a phone a table too wide for the column is stacked (assets/tables.js): each cell
    labelled with its column header, rows and cells still named as such for screen readers;
    made wide again, the window shows it as a grid."""
    context = browser.new_context(viewport={"width": PHONE, "height": 900})
    context.route(lambda url: not hosted.allowed(url), lambda route: route.abort("blockedbyclient"))
    page = context.new_page()
    stacked = page.locator("article table[data-stacked]:has(thead th:nth-child(3))")
    try:
        for file in site_pages(hosted).values():  # the first page with such a table
            page.goto(hosted.base + file)
            if stacked.count():
                break
        assert stacked.count() >= 1, "no page has a table stacked at 390px"
        table = stacked.first
        headers = table.locator("thead th").all_inner_texts()
        rows = table.locator("tbody tr")
        for i in range(rows.count()):
            labels = (
                rows.nth(i)
                .locator("td")
                .evaluate_all("cells => cells.map(c => c.getAttribute('data-label'))")
            )
            assert labels == [h.strip() for h in headers]
        assert table.get_attribute("role") == "table"
        assert rows.first.get_attribute("role") == "row"
        assert table.get_by_role("cell").count() == rows.count() * len(headers)
        assert table.evaluate("t => getComputedStyle(t.querySelector('td')).display") == "block"

        page.set_viewport_size({"width": 1280, "height": 900})
        page.wait_for_function(
            "() => !document.querySelector('article table[data-stacked]')", timeout=TIMEOUT
        )
        assert page.evaluate(CUT_OFF_TABLES) == []
    finally:
        context.close()


def serious(page: object) -> list[str]:
    """axe's serious and critical violations on the page as it is now, described."""
    lines = []
    for violation in page.evaluate(RUN_AXE):
        if violation["impact"] in FAILING_IMPACTS:
            lines.extend(describe("page", page.url, violation))
    return lines


@pytest.mark.parametrize(("mode", "width"), [("light", 1280), ("dark", PHONE)])
def test_search_results_and_a_map_popup_have_no_violation(
    browser: object,  # noqa: F811
    hosted: Site,  # noqa: F811
    mode: str,
    width: int,
) -> None:
    """What only shows after a reader acts: the search box with results, a map popup."""
    pages = site_pages(hosted)
    context = axe_context(browser, hosted, mode, width)
    page = context.new_page()
    try:
        page.goto(hosted.base + pages["home"])
        # The search box on a desktop, the button that opens it on a phone.
        opener = ".chr-search__open:visible, .chr-search__input:visible"
        page.locator(opener).first.click()
        page.locator(".chr-search__input").press_sequentially("Baghdad", delay=20)
        page.locator(".chr-search__result").first.wait_for()
        found = serious(page)

        page.goto(hosted.base + pages["map"])
        page.evaluate(SHOW_MAPS)
        page.wait_for_function(MAPS_DRAWN)
        page.locator(".chronology-map-area-marker").first.dispatch_event("click")
        page.locator(".leaflet-popup-content a").first.wait_for()
        # Leaflet fades a popup in: axe would measure the colours half-way.
        page.wait_for_function(
            "() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
        )
        found += serious(page)
    finally:
        context.close()
    assert found == [], "\n".join(found)


# --- the checks check ------------------------------------------------------------------------


def test_a_violation_is_reported_with_its_rule_elements_and_summary(
    browser: object,  # noqa: F811
    hosted: Site,  # noqa: F811
) -> None:
    """A page made worse on purpose: low-contrast text, an image without a name and a table
    too wide for a phone are each found and described."""
    context = browser.new_context(viewport={"width": PHONE, "height": 900})
    context.route(lambda url: not hosted.allowed(url), lambda route: route.abort("blockedbyclient"))
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    try:
        page.goto(hosted.base + "index.html")
        page.wait_for_load_state("load")
        page.evaluate(
            """() => {
              const article = document.querySelector("article");
              article.insertAdjacentHTML("beforeend",
                '<p id="faint" style="color:#bbb">faint words</p>' +
                '<div role="img" id="nameless"></div>' +
                '<table id="wide" class="x"><tr><td style="white-space:nowrap">' +
                "w".repeat(200) + "</td></tr></table>");
            }"""
        )
        result = Sweep({})
        check_page(page, "home", "index.html", "light", result)
    finally:
        context.close()
    text = "\n".join(result.violations)
    assert "home (index.html): color-contrast [serious]" in text
    assert (
        "#faint\n        Fix any of the following: Element has insufficient color contrast" in text
    )
    assert "role-img-alt [serious]" in text and "    #nameless\n" in text
    assert any(line.startswith("home (index.html): table ") for line in result.cut_off)


AXE_VERSION = re.search(r"axe v([\d.]+)", AXE.read_text(encoding="utf-8")[:200]).group(1)


@suite_figures
def _figures() -> str | None:
    if not SWEEPS:
        return None
    loads = sum(len(s.pages) for s in SWEEPS.values())
    combos = ", ".join(f"{kind} {mode} {width}px" for kind, mode, width in SWEEPS)
    kinds = max(len(s.pages) for s in SWEEPS.values())
    # A violation is one rule on one page; its elements are the indented lines under it.
    violations = sum(not line.startswith(" ") for s in SWEEPS.values() for line in s.violations)
    cut = sum(len(s.cut_off) for s in SWEEPS.values())
    tables = sum(s.tables for s in SWEEPS.values())
    line = (
        f"accessibility: axe-core {AXE_VERSION}, {loads} page loads ({kinds} page kinds × "
        f"{combos}); {violations} serious/critical violations; {cut} of {tables} tables cut off"
    )
    phone = [size for (_, _, w), s in SWEEPS.items() if w == PHONE for _, _, size in s.chart_texts]
    if phone:
        line += f"; {len(phone)} chart texts at {PHONE}px, smallest {min(phone):.2f}px"
    return line
