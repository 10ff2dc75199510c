"""The site's search in a real browser, on both builds (hosted over http and the offline bundle
through file://): the box of overrides/partials/search.html, docs/assets/search.js, and the
index of generator/site/search_index.py.

A query reaches the box by input events alone unless a test types it: a value set by one
``input`` event (pasted, dictated, chosen from a phone keyboard) and an input method's
composition (Arabic). Then: short names, aliases and Arabic names find their record first,
for every name of every actor and place; a beginning is enough while typing; the keys and
the phone layout work; and a query loads a few small files of the index, never all of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

# The browser suite's fixtures: `site`, each test on both builds (the session's, with its
# Chromium: tests/realsite.py), and `tab`, a fresh page recording what it does.
from test_browser import Site, Tab, site, tab  # noqa: F401

from generator.content.catalog import Catalog
from generator.content.model import Actor, Location
from generator.site.search_words import phrase, words
from generator.site.urls import page_uri

BOX = ".chr-search__input"
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
    "U.S.": "united-states",
}

#: Set the box as one input event would (paste, dictation, a keyboard's suggestion): the
#: value changes, then one InputEvent, and no key event at all.
ENTER = """([value, inputType]) => {
  const box = document.querySelector('.chr-search__input');
  box.value = value;
  box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType, data: value}));
}"""

#: An input method composing a word: a composition starts (if ``start``), each step is a
#: composition update and an input event marked as composing, and the composition ends (if
#: ``end``). Chromium fires no other input event for it.
COMPOSE = """([steps, start, end]) => {
  const box = document.querySelector('.chr-search__input');
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

#: The query the results shown answer (search.js sets it once they are in the page).
ANSWERED = "query => document.querySelector('.chr-search').dataset.answered === query"

#: The pages of the results, best first, as absolute addresses.
RESULT_PAGES = "links => links.map(link => link.href)"


@dataclass
class SearchBox:
    """The search box of one open page, kept open: its index files load once."""

    site: Site
    page: object

    def status(self) -> str:
        return self.page.locator(".chr-search__status").inner_text().strip()

    def enter(self, query: str, input_type: str = "insertFromPaste") -> None:
        self.page.evaluate(ENTER, [query, input_type])

    def search(self, query: str, input_type: str = "insertFromPaste") -> list[str]:
        """Enter ``query`` by one input event; the result pages' addresses, best first."""
        self.enter("", "deleteContentBackward")
        self.page.wait_for_function("() => !document.querySelector('.chr-search').dataset.answered")
        self.enter(query, input_type)
        self.page.wait_for_function(ANSWERED, arg=query)
        return self.results()

    def results(self) -> list[str]:
        return self.page.locator(".chr-search__result a").evaluate_all(RESULT_PAGES)

    def url(self, record: Actor | Location) -> str:
        return self.site.url(page_uri(record))


@pytest.fixture(scope="module")
def search_box(browser: object, site: Site) -> Iterator[SearchBox]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.route(lambda url: not site.allowed(url), lambda route: route.abort("blockedbyclient"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        page.goto(site.url("index.md"))
        page.focus(BOX)
        yield SearchBox(site, page)
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("input_type", ["insertFromPaste", "insertText", "insertReplacementText"])
@pytest.mark.parametrize("query", ["Baghdad", "بغداد"])
def test_a_query_entered_without_a_key_is_searched(
    search_box: SearchBox,
    catalog: Catalog,
    query: str,
    input_type: str,
) -> None:
    results = search_box.search(query, input_type)
    count = re.fullmatch(r"(\d+) results", search_box.status())
    assert count and int(count.group(1)) >= 3, search_box.status()
    assert results[0] == search_box.url(catalog.locations["baghdad"])
    assert len(results) == min(10, int(count.group(1)))


def test_an_input_method_composing_arabic_runs_the_query_when_it_ends(
    search_box: SearchBox,
    catalog: Catalog,
) -> None:
    actor = catalog.actors["kataib-hezbollah"]
    assert actor.name_ar == "كتائب حزب الله"
    steps = ["ك", "كت", "كتا", "كتائ", "كتائب", "كتائب ح", "كتائب حز", "كتائب حزب"]
    steps += ["كتائب حزب ا", "كتائب حزب ال", "كتائب حزب الل", "كتائب حزب الله"]
    search_box.search("Baghdad")
    search_box.page.evaluate(COMPOSE, [steps[:-1], True, False])
    # Mid-composition nothing is searched: the text is not what the reader means yet.
    search_box.page.wait_for_timeout(300)
    assert search_box.page.evaluate("document.querySelector('.chr-search').dataset.answered") == (
        "Baghdad"
    )
    search_box.page.evaluate(COMPOSE, [steps[-1:], False, True])
    search_box.page.wait_for_function(ANSWERED, arg=steps[-1])
    assert search_box.results()[0] == search_box.url(actor)


def test_a_typed_query_runs(search_box: SearchBox, catalog: Catalog) -> None:
    search_box.enter("", "deleteContentBackward")
    search_box.page.focus(BOX)
    search_box.page.keyboard.type("KSS", delay=20)
    search_box.page.wait_for_function(ANSWERED, arg="KSS")
    assert search_box.results()[0] == search_box.url(catalog.actors["kataib-sayyid-al-shuhada"])


@pytest.mark.parametrize(
    ("query", "first"),
    [("Bagh", "baghdad"), ("Kataib Hez", "kataib-hezbollah"), ("Washingt", "washington")],
)
def test_the_beginning_of_a_name_finds_it_while_typing(
    search_box: SearchBox, catalog: Catalog, query: str, first: str
) -> None:
    record = catalog.locations.get(first) or catalog.actors[first]
    results = search_box.search(query)
    assert search_box.url(record) in results[:2], results


@pytest.mark.parametrize("query", list(SHORT_NAMES))
def test_a_short_name_finds_its_actor_first(
    search_box: SearchBox,
    catalog: Catalog,
    query: str,
) -> None:
    actor = catalog.actors[SHORT_NAMES[query]]
    assert query in actor.aliases
    assert search_box.search(query)[0] == search_box.url(actor)


def test_every_name_of_every_actor_and_place_finds_its_page_first(
    search_box: SearchBox,
    catalog: Catalog,
) -> None:
    """Names that are one query (the same words but stop words, in the same order: "US
    Embassy, Baghdad" is "US Embassy in Baghdad") come first for every record holding one,
    in any order: here the US embassy (an actor, the mission; and a place, its compound)."""
    records = [*catalog.actors.values(), *catalog.locations.values()]
    holders: dict[str, set[str]] = {}
    for record in records:
        for name in _names(record):
            holders.setdefault(phrase(name), set()).add(search_box.url(record))
    assert len(holders[phrase("US Embassy in Baghdad")]) == 2
    failures = []
    for record in records:
        for name in _names(record):
            expected = holders[phrase(name)]
            first = search_box.search(name)[: len(expected)]
            if set(first) != expected:
                failures.append(f"{name!r}: {sorted(expected)} expected first, got {first}")
    assert not failures, "\n".join(failures)


def _names(record: Actor | Location) -> list[str]:
    return [record.name, *record.aliases, *filter(None, [record.name_ar])]


def test_a_section_of_a_hand_written_page_is_found(search_box: SearchBox) -> None:
    results = search_box.search("Explorer addresses")
    assert results[0] == search_box.site.url("data.md") + "#explorer-addresses"


def test_nothing_found_says_so(search_box: SearchBox) -> None:
    assert search_box.search("zzxqj") == []
    assert search_box.status() == "No results"


def test_the_script_makes_the_words_the_index_makes(search_box: SearchBox) -> None:
    """search.js folds a query as generator/site/search_words.py folds the index's text."""
    awkward = [
        "Kata'eb Ḥezbollah’s",
        "U.S.-led coalition, Washington D.C.",
        "ﬁre Ｆｕｌｌ ŒUVRE İstanbul ΣΊΣΥΦΟΣ straße",
        "كتائب حزب الله، ٱلقدس مدرسة مستشفى إيران",
        "الحشد الشعبي — ﻻ كتیبه",  # a presentation form, Persian ya and kaf
        "45th 1.5 x² ½ Ⅻ",
        "tab\there\u00a0nbsp e\u0301 ا\u064e\u0651",
    ]
    search_box.search("KH")  # the index, with its letter rules, is loaded
    script = "texts => texts.map(text => window.chronologySearchWords(text))"
    assert search_box.page.evaluate(script, awkward) == [words(text) for text in awkward]


def test_a_query_loads_a_few_small_files(browser: object, site: Site) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(lambda url: not site.allowed(url), lambda route: route.abort("blockedbyclient"))
    loaded: list[str] = []
    context.on("request", lambda request: "/search/" in request.url and loaded.append(request.url))
    try:
        page = context.new_page()
        page.goto(site.url("index.md"))
        page.focus(BOX)
        page.evaluate(ENTER, ["KH", "insertFromPaste"])
        page.wait_for_function(ANSWERED, arg="KH")
        files = sorted(url.split("/search/")[1].split("?")[0] for url in loaded)
        # The list of shards, the shard of "kh", the chunk of pages holding the one result.
        assert len(files) == 3 and files[0] == "index.js" and files[2] == "words/kh.js", files
        assert re.fullmatch(r"pages/\d+\.js", files[1]), files
    finally:
        context.close()


def test_keys_move_through_the_results_and_open_one(tab: Tab, catalog: Catalog) -> None:  # noqa: F811
    tab.open("index.md")
    tab.page.keyboard.press("/")  # as in Material: "/", "s" or "f" goes to the search
    assert tab.page.evaluate("document.activeElement.classList.contains('chr-search__input')")
    tab.page.keyboard.type("Kataib", delay=10)
    tab.page.wait_for_function(ANSWERED, arg="Kataib")
    links = tab.page.locator(".chr-search__result a")
    focused = "() => document.activeElement.getAttribute('href')"
    tab.page.keyboard.press("ArrowDown")
    assert tab.page.evaluate(focused) == links.nth(0).get_attribute("href")
    tab.page.keyboard.press("ArrowDown")
    assert tab.page.evaluate(focused) == links.nth(1).get_attribute("href")
    tab.page.keyboard.press("ArrowUp")
    tab.page.keyboard.press("ArrowUp")
    assert tab.page.evaluate("document.activeElement.classList.contains('chr-search__input')")
    tab.page.keyboard.press("Escape")
    assert not tab.page.locator(".chr-search__output").is_visible()
    tab.page.keyboard.type(" Hezbollah", delay=10)  # typing again shows the results again
    tab.page.wait_for_function(ANSWERED, arg="Kataib Hezbollah")
    assert links.first.is_visible()
    tab.page.keyboard.press("Enter")
    tab.assert_on(page_uri(catalog.actors["kataib-hezbollah"]))
    tab.assert_clean()


def test_on_a_phone_the_button_opens_the_box_over_the_header(
    browser: object,  # noqa: F811
    site: Site,  # noqa: F811
    catalog: Catalog,
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    context.route(lambda url: not site.allowed(url), lambda route: route.abort("blockedbyclient"))
    try:
        page = context.new_page()
        page.goto(site.url("index.md"))
        opener = page.locator(".chr-search__open")
        assert opener.is_visible() and not page.locator(BOX).is_visible()
        opener.click()
        assert opener.get_attribute("aria-expanded") == "true"
        assert page.evaluate("document.activeElement.classList.contains('chr-search__input')")
        page.evaluate(ENTER, ["Baghdad", "insertText"])
        page.wait_for_function(ANSWERED, arg="Baghdad")
        first = page.locator(".chr-search__result a").first
        box = first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.keyboard.press("Escape")
        assert not page.locator(BOX).is_visible()
        assert opener.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.classList.contains('chr-search__open')")
        opener.click()
        first.wait_for()  # the query is kept: coming back shows its results again
        page.locator(".chr-search__input").focus()
        first.tap()
        page.wait_for_url(re.escape(site.url(page_uri(catalog.locations["baghdad"]))))
    finally:
        context.close()


def test_an_index_file_that_cannot_be_loaded_is_said(browser: object, site: Site) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(lambda url: not site.allowed(url), lambda route: route.abort("blockedbyclient"))
    context.route("**/search/words/**", lambda route: route.abort("failed"))
    try:
        page = context.new_page()
        page.goto(site.url("index.md"))
        page.evaluate(ENTER, ["KH", "insertFromPaste"])
        status = page.locator(".chr-search__status")
        status.filter(has_text="The search could not load its index.").wait_for()
        assert page.locator(".chr-search__result").count() == 0
    finally:
        context.close()


MARKED = """() => [...document.querySelectorAll('.chr-search__result')].slice(0, 3).map(item => ({
  title: item.querySelector('.chr-search__title').textContent,
  marks: [...item.querySelectorAll('mark')].map(mark => mark.textContent),
  elements: [...item.querySelectorAll('.chr-search__title *, .chr-search__snippet *')]
    .map(element => element.tagName),
}))"""


@pytest.mark.parametrize(
    ("query", "title", "marks"),
    [
        ("Kataib Hez", "Kataib Hezbollah", ["Kataib", "Hezbollah"]),
        ("baghdad", "Baghdad", ["Baghdad"]),
        ("u.s. embassy", "US Embassy in Baghdad", ["US", "Embassy"]),
    ],
)
def test_the_words_a_query_matched_are_marked_in_its_results(
    search_box: SearchBox, catalog: Catalog, query: str, title: str, marks: list[str]
) -> None:
    search_box.search(query)
    first = search_box.page.evaluate(MARKED)[0]
    assert first["title"] == title
    assert first["marks"][: len(marks)] == marks
    # Marks are elements made by the script; the titles and summaries stay text.
    assert set(first["elements"]) <= {"MARK"}
