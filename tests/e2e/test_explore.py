"""The Explorer page (explore/) in Chromium, on both builds: the offline bundle from file://
and the hosted site over http (fixtures from test_browser.py).

What a filter should find is computed here in Python from the catalog, independently of
the index and of assets/filters.js: actors' appearances (Catalog.appearances: their roles,
and accusers as attributed-by), member organisations and places within through the
records' parents, the EDTF interval overlapping the range, casualty figures with a lower
bound of at least one. The page must list exactly those events, in the chronology's order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pytest
from test_browser import Site, Tab, site, tab

from generator.content.catalog import Catalog
from generator.content.model import Event, Range
from generator.site.urls import EXPLORE_URI

#: test_browser's fixtures, which pytest finds here by name: each test on both builds, a tab.
FIXTURES = (site, tab)

KH = "kataib-hezbollah"
SAQR = "2020-07-saqr-camp-explosion"


@dataclass
class Filters:
    """A filter as the scheme defines it (docs/data.md, "Explorer addresses")."""

    actor: list[str] = field(default_factory=list)
    role: list[str] = field(default_factory=list)
    members: bool = False
    type: list[str] = field(default_factory=list)
    place: list[str] = field(default_factory=list)
    within: bool = False
    start: str | None = None  # YYYY-MM-DD, the first day of `from`
    end: str | None = None  # the last day of `to`
    killed: list[str] = field(default_factory=list)


def _with_children(ids: Iterable[str], children: dict[str, list]) -> set[str]:
    found, todo = set(), list(ids)
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo += [child.id for child in children.get(current, [])]
    return found


def _reported(value: int | Range | None) -> bool:
    if value is None:
        return False
    return (value.low if isinstance(value, Range) else value) >= 1


def expected(catalog: Catalog, f: Filters) -> list[str]:
    """The ids of the events ``f`` matches, in the catalog's (the chronology's) order."""
    roles: dict[str, set[tuple[str, str]]] = {}
    for actor_id, items in catalog.appearances.items():
        for item in items:
            roles.setdefault(item.event.id, set()).add((actor_id, item.role))
    actors = _with_children(f.actor, catalog.child_actors) if f.members else set(f.actor)
    places = _with_children(f.place, catalog.child_locations) if f.within else set(f.place)

    def matches(event: Event) -> bool:
        pairs = roles.get(event.id, set())
        if f.actor and not any(a in actors and (not f.role or r in f.role) for a, r in pairs):
            return False
        if not f.actor and f.role and not any(r in f.role for _, r in pairs):
            return False
        if f.type and event.type not in f.type:
            return False
        if f.place and not {p.place for p in event.locations} & places:
            return False
        when = catalog.when(event)
        first, last = when.first_day, when.last_day
        if f.start and last is not None and last.isoformat() < f.start:
            return False
        if f.end and first is not None and first.isoformat() > f.end:
            return False
        if f.killed:
            counts = event.casualties.killed if event.casualties else None
            groups = [g for g in f.killed if g != "any"]
            if "any" in f.killed:
                groups = list(type(counts).model_fields) if counts else []
            if not any(_reported(getattr(counts, g, None)) for g in groups):
                return False
        return True

    return [e.id for e in catalog.events.values() if matches(e)]


def open_explorer(tab: Tab, address: str = "") -> None:
    """The explorer with ``address`` ('#actor=…' or '?actor=…'), its results shown."""
    tab.page.goto(tab.site.url(EXPLORE_URI) + address)
    tab.page.wait_for_selector("#explore:not([aria-busy])")


def shown(tab: Tab) -> list[str]:
    return tab.page.locator(".explore-entry").evaluate_all(
        "items => items.map(li => li.getAttribute('data-event'))"
    )


def count_text(tab: Tab) -> str:
    return tab.page.locator(".explore-count").inner_text()


def fragment(tab: Tab) -> str:
    return tab.page.evaluate("location.hash")


def matched(n: int, total: int) -> str:
    return f"{n} event matches of {total}" if n == 1 else f"{n} events match of {total}"


# --- what the filters find ------------------------------------------------------------------


def test_claimed_by_or_blamed_on_kataib_hezbollah_with_members(tab: Tab, catalog: Catalog) -> None:
    want = expected(catalog, Filters(actor=[KH], role=["claimed", "suspected"], members=True))
    assert want  # the content has such events
    open_explorer(tab, f"#actor={KH}&role=claimed,suspected&members=1")
    assert shown(tab) == want
    assert count_text(tab) == matched(len(want), len(catalog.events))
    # Each result links to its event page, relative to this page in either URL style.
    tab.page.locator(".explore-entry a").first.click()
    tab.assert_on(f"events/{want[0]}.md")
    tab.assert_clean()


def test_member_organisations_add_the_45th_brigades_events(tab: Tab, catalog: Catalog) -> None:
    assert catalog.actors["kataib-hezbollah-45th-brigade"].parent == KH
    with_members = expected(catalog, Filters(actor=[KH], role=["target"], members=True))
    without = expected(catalog, Filters(actor=[KH], role=["target"]))
    assert SAQR in with_members and SAQR not in without
    open_explorer(tab, f"#actor={KH}&role=target&members=1")
    assert shown(tab) == with_members
    open_explorer(tab, f"#actor={KH}&role=target")
    assert shown(tab) == without
    tab.assert_clean()


def test_a_place_with_the_places_within_it(tab: Tab, catalog: Catalog) -> None:
    inside = expected(catalog, Filters(place=["baghdad"], within=True))
    only = expected(catalog, Filters(place=["baghdad"]))
    assert set(only) < set(inside)  # the airport, the Green Zone, Saqr camp are within
    open_explorer(tab, "#place=baghdad&within=1")
    assert shown(tab) == inside
    open_explorer(tab, "#place=baghdad")
    assert shown(tab) == only
    tab.assert_clean()


def test_a_date_range_overlaps_uncertain_dates(tab: Tab, catalog: Catalog) -> None:
    want = expected(catalog, Filters(start="2020-08-01", end="2020-08-31"))
    # "July or August 2020" may have been in August: it is in the range.
    assert catalog.events[SAQR].date == "2020-07/2020-08" and SAQR in want
    open_explorer(tab, "#from=2020-08&to=2020-08")
    assert shown(tab) == want
    assert tab.page.locator("#explore-from").input_value() == "2020-08-01"
    assert tab.page.locator("#explore-to").input_value() == "2020-08-31"
    tab.assert_clean()


def test_civilians_killed(tab: Tab, catalog: Catalog) -> None:
    want = expected(catalog, Filters(killed=["civilians"]))
    assert want
    open_explorer(tab, "#killed=civilians")
    assert shown(tab) == want
    assert tab.page.locator('input[name="killed"][value="civilians"]').is_checked()
    tab.assert_clean()


# --- the address ----------------------------------------------------------------------------


def test_filters_round_trip_through_the_address(tab: Tab, catalog: Catalog) -> None:
    page = tab.page
    open_explorer(tab, f"#actor={KH}&role=claimed,suspected&members=1")
    # The form shows what the address says.
    assert page.locator(".explore-chosen li span").all_inner_texts() == ["Kataib Hezbollah"]
    assert page.locator('input[name="role"]:checked').evaluate_all(
        "boxes => boxes.map(b => b.value)"
    ) == ["claimed", "suspected"]
    assert page.locator('input[name="members"]').is_checked()
    first = shown(tab)
    # Changing the form writes the address and the results follow.
    page.get_by_label("Target", exact=True).check()
    assert fragment(tab) == f"#actor={KH}&role=claimed,suspected,target&members=1"
    roles = ["claimed", "suspected", "target"]
    assert shown(tab) == expected(catalog, Filters(actor=[KH], role=roles, members=True))
    page.get_by_label("Add actor").select_option("united-states")
    page.locator(".explore-actor .explore-add").click()
    assert fragment(tab) == f"#actor={KH},united-states&role=claimed,suspected,target&members=1"
    # Back: the previous filters, in the form and the results.
    page.go_back()
    page.wait_for_function("location.hash.indexOf('united-states') < 0")
    assert page.locator(".explore-chosen li span").all_inner_texts() == ["Kataib Hezbollah"]
    page.go_back()
    page.wait_for_function("location.hash.indexOf('target') < 0")
    assert not page.get_by_label("Target", exact=True).is_checked()
    assert shown(tab) == first
    # Removing the actor, then clearing everything.
    page.get_by_role("button", name="Remove Kataib Hezbollah").click()
    assert fragment(tab) == "#role=claimed,suspected&members=1"
    page.get_by_role("button", name="Clear all filters").click()
    assert fragment(tab) == ""
    assert shown(tab) == list(catalog.events)
    tab.assert_clean()


def test_a_query_from_a_link_moves_into_the_fragment(tab: Tab, catalog: Catalog) -> None:
    open_explorer(tab, f"?actor={KH}&role=target")
    assert tab.page.evaluate("location.search") == ""
    assert fragment(tab) == f"#actor={KH}&role=target"
    assert shown(tab) == expected(catalog, Filters(actor=[KH], role=["target"]))
    tab.assert_clean()


def test_filters_it_cannot_read_are_reported_not_thrown(tab: Tab, catalog: Catalog) -> None:
    open_explorer(tab, "#actor=nobody&from=2020-02-30&colour=red&type=rocket-attack")
    problems = tab.page.locator(".explore-problems li").all_inner_texts()
    assert problems == [
        "“from=2020-02-30” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        "“colour” is not a filter this page knows",
        "“actor=nobody”: no actor has this id; left out",
    ]
    # The filters it could read still apply.
    assert shown(tab) == expected(catalog, Filters(type=["rocket-attack"]))
    tab.assert_clean()


# --- paging ---------------------------------------------------------------------------------

#: Ten results to a page, so the real content's events need several.
SMALL_PAGES = """Object.defineProperty(window, "CHRONOLOGY_EXPLORE", {
  configurable: true,
  get() { return this._explore; },
  set(value) { value.page_size = 10; this._explore = value; },
});"""


def test_results_are_paged_and_the_pages_keep_the_filters(tab: Tab, catalog: Catalog) -> None:
    every = list(catalog.events)
    assert len(every) > 20
    pages = -(-len(every) // 10)
    tab.page.add_init_script(SMALL_PAGES)
    open_explorer(tab, "#members=1")
    assert shown(tab) == every[:10]
    assert count_text(tab) == f"{matched(len(every), len(every))} · showing 1–10"
    tab.page.locator(".explore-pager").first.get_by_role("link", name="next ›").click()
    tab.page.wait_for_function("location.hash === '#members=1&page=2'")
    assert shown(tab) == every[10:20]
    assert (
        tab.page.locator(".explore-pager").first.locator("[aria-current=page]").inner_text() == "2"
    )
    tab.page.go_back()
    tab.page.wait_for_function("location.hash === '#members=1'")
    assert shown(tab) == every[:10]
    open_explorer(tab, f"#page={pages}")
    assert shown(tab) == every[(pages - 1) * 10 :]
    open_explorer(tab, f"#page={pages + 5}")
    assert shown(tab) == every[(pages - 1) * 10 :]
    assert tab.page.locator(".explore-problems").inner_text() == (
        f"There is no page {pages + 5} of these results; this is page {pages}."
    )
    tab.assert_clean()


# --- without JavaScript ---------------------------------------------------------------------


def test_without_javascript_the_page_says_so_and_links_the_chronology(
    browser: object, site: Site
) -> None:
    context = browser.new_context(java_script_enabled=False)
    context.route(lambda url: not site.allowed(url), lambda route: route.abort("blockedbyclient"))
    try:
        page = context.new_page()
        page.goto(site.url(EXPLORE_URI) + "#actor=kataib-hezbollah")
        notice = page.locator(".explore-nojs")
        assert notice.is_visible()
        assert notice.inner_text().startswith("The explorer needs JavaScript")
        notice.get_by_role("link", name="chronology").click()
        page.wait_for_url(site.url("chronology/index.md"))
        assert page.locator("article h1").inner_text().strip("¶ \n") == "Chronology"
    finally:
        context.close()


@pytest.mark.parametrize("width", [390])
def test_the_form_fits_a_phone(tab: Tab, width: int) -> None:
    tab.page.set_viewport_size({"width": width, "height": 800})
    open_explorer(tab, f"#actor={KH}")
    overflow = tab.page.evaluate(
        "() => [...document.querySelectorAll('.explore-form *')]"
        ".filter(el => el.getBoundingClientRect().right > innerWidth + 1)"
        ".map(el => el.tagName + '.' + el.className)"
    )
    assert overflow == []
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= width
    # Past the long form to the results, the filters left in the address.
    tab.page.get_by_role("button", name="Go to the results").click()
    assert tab.page.evaluate("document.activeElement.id") == "explore-results"
    assert tab.page.evaluate("document.activeElement.getBoundingClientRect().top") < 100
    assert fragment(tab) == f"#actor={KH}"
    tab.assert_clean()
