"""The statistics page: counts per month and type, casualties, responsibility, and the SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest

from generator.content.catalog import Catalog, load_catalog
from generator.site.actor_chart import actors_chart
from generator.site.casualty_chart import casualties_chart
from generator.site.event_chart import events_chart
from generator.site.render import Renderer
from generator.site.statistics import Statistics, statistics
from generator.site.svg import FONT, MIN_WIDTH_PX, SMALL, WIDTH, Chart, nice_scale, text_width

SVG = "{http://www.w3.org/2000/svg}"
SEED = "A rocket hit the base on Sunday. Officials met in the capital. Nobody was hurt.\n"
LONG_NAME = "The Very Long Named Coordination Committee of " + "Allied Factions " * 14

EVENTS = {
    # id: (date, type, extra YAML)
    "e1": (
        "2020-01-05",
        "rocket-attack",
        """
casualties:
  killed: {civilians: {low: 1, high: 3}}
  wounded: {civilians: 2}
actors:
  - actor: script-group
    role: claimed
  - actor: kh
    role: suspected
    by: [usa]
locations:
  - place: base
""",
    ),
    "e2": ("2020-01", "political", ""),
    "e3": (
        "2020-03-2X",
        "drone-attack",
        """
casualties:
  killed: {us_coalition: 0}
actors:
  - actor: kh
    role: perpetrator
""",
    ),
    "e4": ("2020", "rocket-attack", ""),
    "e5": (
        "2020-02-25/2020-03-02",
        "airstrike",
        """
actors:
  - actor: usa
    role: perpetrator
  - actor: long-group
    role: perpetrator
""",
    ),
    "e6": ("2020-03~", "political", ""),
    "e7": ("2020-05/..", "statement", ""),
}


def write_catalog(root: Path, events: dict[str, tuple[str, str, str]] = EVENTS) -> Path:
    for folder in ("events", "actors", "locations", "sources"):
        (root / "content" / folder).mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    # Each event quotes a sentence of its own: two events with one quote are one event to
    # the duplicate check.
    own = "".join(f"Report {event_id} says so. " for event_id in events)
    (root / "seeds" / "x.txt").write_text(SEED + own + "\n", encoding="utf-8")
    (root / "content/sources/src.yaml").write_text(
        "id: src\noutlet: Test Wire\ndate: 2020-12-31\ntitle: A report\nseed: x.txt\n",
        encoding="utf-8",
    )
    (root / "content/locations/base.yaml").write_text(
        "id: base\nname: The Base\nkind: military-base\n", encoding="utf-8"
    )
    actors = {
        "script-group": "'<script>alert(1)</script>'",
        "kh": "Kataib Hezbollah",
        "usa": "United States",
        "long-group": LONG_NAME.strip(),
    }
    for actor_id, name in actors.items():
        (root / f"content/actors/{actor_id}.yaml").write_text(
            f"id: {actor_id}\nname: {name}\nkind: armed-group\n", encoding="utf-8"
        )
    for event_id, (date, kind, extra) in events.items():
        (root / f"content/events/{event_id}.yaml").write_text(
            f"id: {event_id}\ndate: '{date}'\ntitle: Event {event_id}\ntype: {kind}\n"
            f"summary: Something happened.\n"
            f"sources:\n  - source: src\n    quote: Report {event_id} says so.\n{extra.strip()}\n",
            encoding="utf-8",
        )
    return root


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog(write_catalog(tmp_path_factory.mktemp("site")))


@pytest.fixture(scope="module")
def stats(catalog: Catalog) -> Statistics:
    return statistics(catalog)


@pytest.fixture(scope="module")
def page(catalog: Catalog) -> str:
    return statistics_page(catalog)


def statistics_page(catalog: Catalog) -> str:
    renderer = Renderer(catalog)
    return renderer.render("stats.md.j2", "statistics.md", **renderer.statistics_values())


def charts(stats: Statistics) -> tuple[Chart, Chart, Chart]:
    return (events_chart(stats), casualties_chart(stats), actors_chart(stats))


# --- months ----------------------------------------------------------------------------


def test_counts_per_month_and_type(stats: Statistics) -> None:
    types = [t for t, _ in stats.types]
    assert types == ["rocket-attack", "drone-attack", "airstrike", "political", "statement"]
    table = {m.key: dict(zip(types, m.by_type, strict=True)) for m in stats.months}
    assert list(table) == ["2020-01", "2020-02", "2020-03"]  # empty February included
    assert table["2020-01"] == {
        "rocket-attack": 1,
        "drone-attack": 0,
        "airstrike": 0,
        "political": 1,
        "statement": 0,
    }
    assert sum(table["2020-02"].values()) == 0
    assert table["2020-03"]["drone-attack"] == 1 and table["2020-03"]["political"] == 1
    assert [m.total for m in stats.months] == [2, 0, 2]
    assert [m.qualified for m in stats.months] == [0, 0, 1]  # 2020-03~


def test_dates_not_known_to_the_month_are_counted_separately(stats: Statistics) -> None:
    unknown = stats.unknown_month
    types = [t for t, _ in stats.types]
    assert unknown.total == 3  # a year, a span across months, an open-ended interval
    assert dict(zip(types, unknown.by_type, strict=True)) == {
        "rocket-attack": 1,
        "drone-attack": 0,
        "airstrike": 1,
        "political": 0,
        "statement": 1,
    }
    assert stats.all_events.total == 7 == sum(m.total for m in stats.months) + unknown.total
    assert "3 events whose date is not known to the month" in events_chart(stats).description


# --- casualties ------------------------------------------------------------------------


def test_unknown_casualties_are_not_zero(stats: Statistics) -> None:
    jan, feb, mar = stats.casualties
    assert (jan.killed.low, jan.killed.high, jan.killed.text) == (1, 3, "1–3")
    assert jan.wounded.text == "2"
    assert jan.coverage == "1 of 2"
    assert feb.events == 0 and feb.killed.text == "—"
    assert mar.killed.known and mar.killed.text == "0"  # a source says nobody
    assert not mar.wounded.known and mar.wounded.text == "not reported"
    assert stats.casualties_unknown_month.killed.text == "not reported"
    assert stats.casualties_all.killed.text == "1–3"

    root = ET.fromstring(str(casualties_chart(stats).svg))
    texts = [
        (t.get("class"), t.findtext(f"{SVG}title"))
        for t in root.iter(f"{SVG}text")
        if t.get("class") in ("chart-unknown", "chart-zero")
    ]
    assert ("chart-zero", "March 2020: killed reported as none") in texts
    assert ("chart-unknown", "March 2020: wounded not reported") in texts
    assert not any(title.startswith("February 2020") for _, title in texts)  # no events
    # The disputed 1–3 is drawn as a low bar plus a whisker to the high figure.
    assert any(p.get("class") == "chart-whisker" for p in root.iter(f"{SVG}path"))


# --- responsibility --------------------------------------------------------------------


def test_events_by_responsible_group(stats: Statistics) -> None:
    rows = {r.actor.id: r for r in stats.actors}
    assert [r for r, _ in stats.roles] == ["perpetrator", "claimed", "suspected"]
    assert rows["kh"].by_role == (1, 0, 1) and rows["kh"].events == 2
    assert [(a.id, n) for a, n in rows["kh"].blamed_by] == [("usa", 1)]
    assert rows["script-group"].by_role == (0, 1, 0)
    assert rows["usa"].by_role == (1, 0, 0)
    assert stats.actors[0].actor.id == "kh"  # most events first
    assert set(rows) == {"kh", "script-group", "usa", "long-group"}


def test_the_responsible_group_description_counts_what_it_names(stats: Statistics) -> None:
    """It once said "5 actors" and named 3: now it says which 3 and how many it leaves."""
    long_name = LONG_NAME.strip()
    assert actors_chart(stats).description == (
        "Horizontal stacked bars for 4 actors named as having carried out, claimed or been "
        "suspected of an event, split by role. The 3 with most events: "
        "Kataib Hezbollah: 2 events (carried it out 1, suspected or blamed 1). "
        "<script>alert(1)</script>: 1 event (claimed responsibility 1). "
        f"{long_name}: 1 event (carried it out 1). "
        "The table below also lists 1 other actor."
    )


def test_a_description_names_every_actor_when_there_are_few(tmp_path: Path) -> None:
    two = {k: v for k, v in EVENTS.items() if k in {"e1", "e2"}}
    chart = actors_chart(statistics(load_catalog(write_catalog(tmp_path, two))))
    assert chart.description == (
        "Horizontal stacked bars for 2 actors named as having carried out, claimed or been "
        "suspected of an event, split by role. "
        "<script>alert(1)</script>: 1 event (claimed responsibility 1). "
        "Kataib Hezbollah: 1 event (suspected or blamed 1)."
    )


# --- SVG -------------------------------------------------------------------------------


def test_a_chart_scrolls_in_a_named_region_the_keyboard_reaches(stats: Statistics) -> None:
    """On a phone a chart keeps a minimum width (text 11px or more) and scrolls sideways."""
    for chart in charts(stats):
        figure = ET.fromstring(str(chart.figure))
        region = figure.find("div")
        assert region.get("class") == "chart-scroll"
        assert (region.get("role"), region.get("tabindex")) == ("region", "0")
        assert region.get("aria-label") == chart.title
    css = (Path(__file__).parents[2] / "docs/assets/charts.css").read_text(encoding="utf-8")
    assert f"min-width: {MIN_WIDTH_PX}px;" in css
    assert min(SMALL, FONT) * MIN_WIDTH_PX / WIDTH >= 11


def test_svg_is_xml_with_a_text_alternative(stats: Statistics) -> None:
    for chart in charts(stats):
        root = ET.fromstring(str(chart.svg))
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        assert root.get("width") == "100%" and root.get("height") is None
        assert root.get("viewBox").startswith(f"0 0 {WIDTH} ")
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text == chart.title
        assert desc is not None and desc.text == chart.description and len(desc.text) > 40
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        figure = ET.fromstring(str(chart.figure))  # the whole block is well-formed too
        assert figure.tag == "figure" and figure.find("figcaption").text


def test_text_is_escaped_everywhere(stats: Statistics, page: str) -> None:
    raw = "<script>"
    for chart in charts(stats):
        assert raw not in chart.svg and raw not in chart.figure
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in actors_chart(stats).svg
    names = [t.text for t in ET.fromstring(str(actors_chart(stats).svg)).iter(f"{SVG}text")]
    assert "<script>alert(1)</script>" in names  # escaped once, read back intact
    assert raw not in page


def test_text_stays_inside_the_chart(stats: Statistics) -> None:
    for chart in charts(stats):
        root = ET.fromstring(str(chart.svg))
        for text in root.iter(f"{SVG}text"):
            content = "".join(t for t in [text.text, *(c.tail for c in text)] if t)
            if not content.strip():
                continue
            size = float(text.get("font-size") or root.get("font-size"))
            width = text_width(content, size)
            x = float(text.get("x"))
            anchor = text.get("text-anchor", "start")
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            assert 0 <= left and left + width <= WIDTH, (chart.key, content)
    names = [
        t.text
        for t in ET.fromstring(str(actors_chart(stats).svg)).iter(f"{SVG}text")
        if t.get("class") == "chart-name"
    ]
    assert any(n.endswith("…") and n.startswith("The Very Long Named") for n in names)


def test_ids_on_the_page_are_unique(page: str) -> None:
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert ids and len(ids) == len(set(ids))
    for ref in re.findall(r"url\(#([^)]+)\)", page):
        assert ref in ids


def test_output_is_deterministic(tmp_path: Path, catalog: Catalog, page: str) -> None:
    again = load_catalog(write_catalog(tmp_path))
    second = statistics(again)
    for one, two in zip(charts(statistics(catalog)), charts(second), strict=True):
        assert one.figure == two.figure
    assert statistics_page(again) == page


# --- the page --------------------------------------------------------------------------


def test_page_has_figures_and_tables(page: str) -> None:
    assert page.startswith("---\ntitle: ") and "\n---\n# Statistics\n" in page
    # Counts by type in one column (a column per type was cut off on a phone and a desktop).
    assert "| Month | All | By type |\n|---|--:|---|\n" in page
    assert "| January 2020 | 2 | Rocket attack 1, Political 1 |" in page
    assert "| February 2020 | 0 | — |" in page
    assert (
        "| *Date not known to the month* | 3 | Rocket attack 1, Airstrike 1, Statement 1 |" in page
    )
    assert (
        "| **All events** | **7** | **Rocket attack 2, Drone attack 1, Airstrike 1, "
        "Political 2, Statement 1** |"
    ) in page
    assert "| March 2020 | 2 | 0 | not reported | 1 of 2 |" in page
    assert "| January 2020 | 2 | 1–3 | 2 | 1 of 2 |" in page
    assert "| February 2020 | 0 | — | — | — |" in page
    assert (
        "| [Kataib Hezbollah](actors/kh.md) | 2 | 1 | 0 | 1 | [United States](actors/usa.md) (1) |"
        in page
    )
    # Each figure is a raw HTML block: a blank line before and after, none inside.
    for block in re.findall(r"<figure.*?</figure>", page, re.S):
        assert f"\n\n{block}\n\n" in page and "\n\n" not in block

    html = markdown.markdown(page.split("---\n", 2)[2], extensions=["tables", "attr_list", "toc"])
    assert html.count("<table>") == 3
    assert html.count('<figure class="chart"') == 3
    for block in re.findall(r"<figure.*?</figure>", page, re.S):
        assert block in html  # passed through unchanged


def test_empty_catalog(tmp_path: Path) -> None:
    catalog = Catalog(root=tmp_path)
    catalog._index()
    stats = statistics(catalog)
    assert stats.months == () and stats.actors == () and stats.unknown_month.total == 0
    for chart in charts(stats):
        ET.fromstring(str(chart.svg))
    assert "No events yet." in statistics_page(catalog)


@pytest.mark.parametrize(
    ("maximum", "scale"),
    [(0, (1, 1)), (1, (1, 1)), (5, (5, 1)), (7, (8, 2)), (16, (20, 5)), (230, (250, 50))],
)
def test_nice_scale(maximum: int, scale: tuple[int, int]) -> None:
    assert nice_scale(maximum) == scale
