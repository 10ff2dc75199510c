"""The chronology's sections, filed by content.filing: months, a year's "month not known", and
the page of events that span years or are open-ended; the home page's latest events."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SOURCE_ID, make_project, write
from test_charts import EVENTS, write_catalog
from test_render import assert_links_resolve

from generator.content.catalog import Catalog, load_catalog
from generator.site.chronology import chronology_sections
from generator.site.render import Renderer

#: test_charts' events, and two more that belong to no year.
SPANNING_EVENTS = {
    **EVENTS,
    "e8": ("2019-12-30/2020-01-02", "protest", ""),
    "e9": ("../2020-05", "statement", ""),
}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog(write_catalog(tmp_path_factory.mktemp("filing"), SPANNING_EVENTS))


@pytest.fixture(scope="module")
def pages(catalog: Catalog) -> dict[str, str]:
    return Renderer(catalog).pages()


def test_sections(catalog: Catalog) -> None:
    sections = chronology_sections(catalog)
    assert [y.year for y in sections.years] == [2020]
    months = {m.title: [e.id for e in m.events] for m in sections.years[0].months}
    assert months == {
        "2020, month not known": ["e4", "e5"],  # a year; a span across months
        "January 2020": ["e2", "e1"],
        "March 2020": ["e6", "e3"],  # about March; 20–29 March
    }
    assert sections.spanning is not None
    assert sections.spanning.title == "Events spanning years or open-ended"
    assert [e.id for e in sections.spanning.events] == ["e8", "e7", "e9"]
    assert sections.spanning.uri == "chronology/spanning.md"
    assert sections.months[-1] is sections.spanning


def test_no_spanning_section_without_such_events(catalog: Catalog) -> None:
    dated = [e for e in catalog.events.values() if e.id not in ("e7", "e8", "e9")]
    sections = chronology_sections(catalog, dated)
    assert sections.spanning is None and sections.months == sections.years[0].months


def test_an_open_ended_event_is_on_no_month_page(pages: dict[str, str]) -> None:
    # 2020-05/.. ("May 2020 or later") was once filed under May 2020.
    assert "chronology/2020/05.md" not in pages and "chronology/2019.md" not in pages
    spanning = pages["chronology/spanning.md"]
    assert spanning.startswith(
        '---\ntitle: "Chronology: Events spanning years or open-ended"\n'
        'description: "The chronology\'s events spanning years or open-ended: 3 events."\n'
        'scripts:\n  - "assets/chronology.js"\n'
        "search:\n  exclude: true\n---\n# Chronology: Events spanning years or open\\-ended\n\n"
        "[all years](index.md) · [‹ March 2020](2020/03.md)\n{ .chrono-pager }\n\n"
        "3 events, earliest first."
    )
    assert 'aria-label="Filter the events spanning years or open-ended"' in spanning
    for event in ("e7", "e8", "e9"):
        assert f"](../events/{event}.md)" in spanning
        assert (
            "| **In the chronology** | "
            "[Events spanning years or open\\-ended](../chronology/spanning.md) |"
        ) in pages[f"events/{event}.md"]
    assert (
        "[Events spanning years or open\\-ended ›](../spanning.md)"
        in pages["chronology/2020/03.md"]
    )


def test_the_spanning_section_is_linked_from_the_years_tables(pages: dict[str, str]) -> None:
    row = "| Across years | 3 | [spanning years or open\\-ended]({}spanning.md) (3) |"
    assert row.format("chronology/") in pages["index.md"]
    assert row.format("") in pages["chronology/index.md"]
    assert "| [2020](chronology/2020.md) | 6 |" in pages["index.md"]


def test_latest_events_leave_out_those_that_belong_to_no_year(pages: dict[str, str]) -> None:
    latest = pages["index.md"].split("## Latest events\n\n", 1)[1]
    shown = [line.split("](events/", 1)[1].split(".md)", 1)[0] for line in latest.splitlines()]
    assert shown == ["e3", "e6", "e5", "e1", "e4", "e2"]  # newest first, by earliest day


def test_an_actors_activity_counts_its_spanning_events(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    write(
        root,
        "content/events/2020-04-open-ended-strike.yaml",
        f"""\
        id: 2020-04-open-ended-strike
        date: 2020-04/..
        title: A strike in April 2020 or later
        type: airstrike
        summary: A strike.
        actors:
          - actor: kataib-hezbollah
            role: target
        sources:
          - source: {SOURCE_ID}
            quote: 'Police called it "a cowardly act".'
        """,
    )
    pages = Renderer(load_catalog(root)).pages()
    assert (
        "| Across years | 1 | [spanning years or open\\-ended]"
        "(../chronology/spanning.md?actor=kataib-hezbollah) (1) |"
    ) in pages["actors/kataib-hezbollah.md"]
    assert "chronology/2020/04.md" not in pages
    assert "2020-04-open-ended-strike" not in pages["index.md"].split("## Latest events")[1]
    assert_links_resolve(root, pages)  # the site's own build is strict about links too
