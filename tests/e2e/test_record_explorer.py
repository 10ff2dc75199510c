"""Actor and place pages' links to the explorer, in Chromium, on both builds: each link opens
the explorer on the events it says, and every count an actor or place page gives beside such a
link is what the explorer's own filter (docs/assets/filters.js) finds for that address."""

from __future__ import annotations

import re

# The browser suite's fixtures: one build per mode, the same Chromium and flags, skipped or
# failed alike when there is no browser.
from test_browser import Tab, site, tab  # noqa: F401

from generator.content.catalog import Catalog
from generator.site.page_values import actor_values, events_within
from generator.site.urls import EXPLORE_URI, explore_query, page_uri

#: Counts each query with the explorer's own parse and compile, in the page.
COUNT_IN_PAGE = """(pairs) => {
  const F = window.ChronologyFilters, index = F.index();
  return pairs.map(([query]) => {
    const matches = F.compile(index, F.resolve(index, F.parse(query)));
    let n = 0;
    for (let i = 0; i < index.events.id.length; i += 1) if (matches(i)) n += 1;
    return n;
  });
}"""


def page_counts(records: Catalog) -> list[tuple[str, int]]:
    """(explorer query, the count the page shows beside it) of every actor and place page."""
    pairs = []
    for actor in records.actors.values():
        pairs += [(query, count) for _, query, count in actor_values(records, actor)["questions"]]
    for place in records.locations.values():
        if records.child_locations.get(place.id):
            pairs.append((explore_query(place=place.id, within="1"), events_within(records, place)))
    return pairs


def test_every_count_beside_an_explorer_link_is_what_the_explorer_finds(
    tab: Tab,  # noqa: F811
    catalog: Catalog,
) -> None:
    pairs = page_counts(catalog)
    assert len(pairs) > len(catalog.actors)  # every actor with events, and the places
    tab.open(EXPLORE_URI)
    tab.page.wait_for_function("() => window.ChronologyFilters && window.ChronologyFilters.index()")
    found = tab.page.evaluate(COUNT_IN_PAGE, [list(p) for p in pairs])
    assert [(q, n) for (q, n), m in zip(pairs, found, strict=True) if n != m] == []
    tab.assert_clean()


def count_line(view: Tab) -> str:
    line = view.page.locator("#explore-count")
    view.page.wait_for_function(
        "() => (document.getElementById('explore-count') || {}).textContent"
    )
    return line.inner_text()


def test_kataib_hezbollahs_claimed_or_blamed_link_opens_its_events(
    tab: Tab,  # noqa: F811
    catalog: Catalog,
) -> None:
    family = {"kataib-hezbollah", "kataib-hezbollah-45th-brigade"}
    expected = [
        e.id
        for e in catalog.events.values()
        if any(p.actor in family and p.role in ("claimed", "suspected") for p in e.actors)
    ]
    assert expected  # the data has such events
    tab.open(page_uri(catalog.actors["kataib-hezbollah"]))
    text = "Every event it or a member claimed or was suspected of or blamed for"
    link = tab.page.get_by_role("link", name=text, exact=True)
    assert tab.page.locator("article").inner_text().count(text) == 1
    link.click()
    tab.assert_on(EXPLORE_URI)
    assert tab.page.evaluate("location.hash") == (
        "#actor=kataib-hezbollah&role=claimed,suspected&members=1"
    )
    noun = "event matches" if len(expected) == 1 else "events match"
    assert count_line(tab).startswith(f"{len(expected)} {noun} of {len(catalog.events)}")
    shown = tab.page.locator(".explore-results a[href*='events/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    ids = list(dict.fromkeys(re.sub(r"(/|\.html)$", "", h).rsplit("/", 1)[-1] for h in shown))
    assert ids == expected
    tab.assert_clean()


def test_a_place_link_opens_the_events_at_it_and_within(
    tab: Tab,  # noqa: F811
    catalog: Catalog,
) -> None:
    place = catalog.locations["baghdad"]
    assert catalog.child_locations.get(place.id)
    tab.open(page_uri(place))
    tab.page.get_by_role("link", name="Every event at Baghdad or places within it").click()
    tab.assert_on(EXPLORE_URI)
    assert tab.page.evaluate("location.hash") == "#place=baghdad&within=1"
    within = events_within(catalog, place)
    noun = "event matches" if within == 1 else "events match"
    assert count_line(tab).startswith(f"{within} {noun} of {len(catalog.events)}")
    tab.assert_clean()
