"""Search in a real browser, on both builds (hosted and the offline bundle through file://).

A query reaches the search box here by input events alone, never a key press: a value set by
one ``input`` event (pasted, dictated, chosen from a phone keyboard) and an input method's
composition (Arabic). Material's search runs a query on ``keyup``; docs/assets/search.js makes
these run it too. Then: short names find their actor first, and every name of every actor and
place (aliases and Arabic names) puts that record's page first in the results, by the names
generator/build/search_names.py adds to the search index.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

# The browser suite's fixture `site`: each test on both builds (the session's, with its
# Chromium: tests/realsite.py), skipped or failed (under CI) alike when there is no browser.
from test_browser import Site, site  # noqa: F401

from generator.content.catalog import Catalog
from generator.content.model import Actor, Location
from generator.site.urls import page_uri

#: Material's words in the results' head line (partials/languages/en.html).
READY = "Type to start searching"
#: A record's names share a word with others; these must come first for their own names.
SHORT_NAMES = {
    "KH": "kataib-hezbollah",
    "KSS": "kataib-sayyid-al-shuhada",
    "PMF": "popular-mobilisation-forces",
    "PMU": "popular-mobilisation-forces",
    "Hashd": "popular-mobilisation-forces",
    "al-Hashd al-Shaabi": "popular-mobilisation-forces",
    "CTS": "counter-terrorism-service",
    "ISF": "iraqi-security-forces",
    "IRGC": "irgc",
    "IRGC-QF": "quds-force",
    "Badr": "badr-organization",
    "the coalition": "us-led-coalition",
    "US": "united-states",
}

#: Set the box as one input event would (paste, dictation, a keyboard's suggestion): the
#: value changes, then one InputEvent, and no key event at all.
ENTER = """([value, inputType]) => {
  const box = document.querySelector('[data-md-component="search-query"]');
  box.value = value;
  box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType, data: value}));
}"""

#: An input method composing a word: a composition starts (if ``start``), each step is a
#: composition update and an input event marked as composing, and the composition ends (if
#: ``end``). Chromium fires no other input event for it.
COMPOSE = """([steps, start, end]) => {
  const box = document.querySelector('[data-md-component="search-query"]');
  if (start)
    box.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true, data: ''}));
  for (const step of steps) {
    box.value = step;
    box.dispatchEvent(new CompositionEvent('compositionupdate', {bubbles: true, data: step}));
    box.dispatchEvent(new InputEvent('input', {
      bubbles: true, inputType: 'insertCompositionText', data: step, isComposing: true}));
  }
  if (end)
    box.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: box.value}));
}"""

#: The pages of the results, best first, without their query (?h=…) or section (#…).
RESULT_PAGES = """items => items.map(item => {
  const href = item.querySelector('a').href;
  return href.split(/[?#]/)[0];
})"""


@dataclass
class SearchBox:
    """The search box of one open page whose search index is loaded."""

    site: Site
    page: object

    def meta(self) -> str:
        return self.page.locator(".md-search-result__meta").inner_text().strip()

    def clear(self) -> None:
        self.page.evaluate(ENTER, ["", "deleteContentBackward"])
        self.page.wait_for_function(
            "text => document.querySelector('.md-search-result__meta').innerText.trim() === text",
            arg=READY,
        )

    def wait_for_results(self) -> str:
        """The head line once the worker has answered the query in the box."""
        self.page.wait_for_function(
            "text => document.querySelector('.md-search-result__meta').innerText.trim() !== text",
            arg=READY,
        )
        return self.meta()

    def search(self, query: str, input_type: str = "insertFromPaste") -> list[str]:
        """Enter ``query`` by one input event; the result pages' addresses, best first."""
        self.clear()
        self.page.evaluate(ENTER, [query, input_type])
        self.wait_for_results()
        return self.results()

    def results(self) -> list[str]:
        return self.page.locator(".md-search-result__item").evaluate_all(RESULT_PAGES)

    def url(self, record: Actor | Location) -> str:
        return self.site.url(page_uri(record))


@pytest.fixture(scope="module")
def search_box(browser: object, site: Site) -> Iterator[SearchBox]:  # noqa: F811
    """One page per build, kept open: the index is built once, every query reuses it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.route(lambda url: not site.allowed(url), lambda route: route.abort("blockedbyclient"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(site.url("index.md"))
        box = SearchBox(site, page)
        page.focus('[data-md-component="search-query"]')
        page.wait_for_function(
            "text => document.querySelector('.md-search-result__meta').innerText.trim() === text",
            arg=READY,
        )
        # Settled: Material reads the box once more when its index is ready, and not again
        # until a key is released.
        page.wait_for_timeout(500)
        yield box
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("input_type", ["insertFromPaste", "insertText", "insertReplacementText"])
@pytest.mark.parametrize("query", ["Baghdad", "بغداد"])
def test_a_query_entered_without_a_key_is_searched(
    search_box: SearchBox,
    catalog: Catalog,  # noqa: F811
    query: str,
    input_type: str,
) -> None:
    results = search_box.search(query, input_type)
    head = search_box.meta()
    assert head.endswith("matching documents") and int(head.split()[0]) >= 3, head
    assert results[0] == search_box.url(catalog.locations["baghdad"])


def test_an_input_method_composing_arabic_runs_the_query_when_it_ends(
    search_box: SearchBox,
    catalog: Catalog,  # noqa: F811
) -> None:
    actor = catalog.actors["kataib-hezbollah"]
    assert actor.name_ar == "كتائب حزب الله"
    steps = ["ك", "كت", "كتا", "كتائ", "كتائب", "كتائب ح", "كتائب حز", "كتائب حزب"]
    steps += ["كتائب حزب ا", "كتائب حزب ال", "كتائب حزب الل", "كتائب حزب الله"]
    search_box.clear()
    search_box.page.evaluate(COMPOSE, [steps[:-1], True, False])
    # Mid-composition nothing is searched: the text is not what the reader means yet.
    search_box.page.wait_for_timeout(300)
    assert search_box.meta() == READY
    search_box.page.evaluate(COMPOSE, [steps[-1:], False, True])
    search_box.wait_for_results()
    assert search_box.results()[0] == search_box.url(actor)


def test_a_typed_query_runs_as_before(search_box: SearchBox, catalog: Catalog) -> None:  # noqa: F811
    """Key by key, as Material expects: the script's own keyup changes nothing."""
    search_box.clear()
    search_box.page.focus('[data-md-component="search-query"]')
    search_box.page.keyboard.type("KSS", delay=20)
    search_box.wait_for_results()
    assert search_box.page.input_value('[data-md-component="search-query"]') == "KSS"
    assert search_box.results()[0] == search_box.url(catalog.actors["kataib-sayyid-al-shuhada"])


@pytest.mark.parametrize("query", list(SHORT_NAMES))
def test_a_short_name_finds_its_actor_first(
    search_box: SearchBox,
    catalog: Catalog,  # noqa: F811
    query: str,
) -> None:
    actor = catalog.actors[SHORT_NAMES[query]]
    assert query in actor.aliases
    assert search_box.search(query)[0] == search_box.url(actor)


def _names(record: Actor | Location) -> list[str]:
    return [record.name, *record.aliases, *filter(None, [record.name_ar])]


#: Words a search does not tell apart from no word: the same query with or without them.
STOP_WORDS = {"in", "of", "the"}


def _same_query(name: str) -> frozenset[str]:
    """What a search makes of a name: its words, in any order, whatever the case and the
    punctuation between them, stop words aside ("US Embassy, Baghdad" is "US Embassy in
    Baghdad")."""
    return frozenset(re.findall(r"[^\W_]+", name.casefold())) - STOP_WORDS


def test_every_name_of_every_actor_and_place_finds_its_page_first(
    search_box: SearchBox,
    catalog: Catalog,  # noqa: F811
) -> None:
    """Names that several records share are the same query for all of them: they come first
    in any order. Here: Washington (the United States, and the city), and the US embassy's
    names and Arabic name (the mission, an actor; and its compound, a place)."""
    records = [*catalog.actors.values(), *catalog.locations.values()]
    holders: dict[frozenset[str], set[str]] = {}
    for record in records:
        for name in _names(record):
            holders.setdefault(_same_query(name), set()).add(search_box.url(record))
    failures = []
    for record in records:
        for name in _names(record):
            expected = holders[_same_query(name)]
            first = search_box.search(name)[: len(expected)]
            if set(first) != expected:
                failures.append(f"{name!r}: {sorted(expected)} expected first, got {first}")
    assert not failures, "\n".join(failures)
