"""Scale: no generated page grows with the number of events unless its reader asked for it.

Two synthetic corpora (generator.tools.synth) of 400 and 4,000 events, over the same span of
years, are rendered to Markdown (no MkDocs). The page sizes of generator/site/render.py are set
small here, so that the lists already fill their pages in the smaller corpus: from there
on, a bigger corpus may add pages but must not make any page bigger. (With the real sizes,
200 events to a month page, the smaller corpus would not fill one.) Two pages are compared
apart: the statistics page, whose charts by month grow with the span of time (its one list
of records is checked here), and the map page, which lists events up to its own limit
(mapdata.MAP_PAGE_LIST_LIMIT, tested in test_map.py).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from pathlib import Path

import pytest

from generator.content.catalog import load_catalog
from generator.site import render
from generator.site.render import Renderer
from generator.tools.synth import synthesize

#: The page sizes used here (render.py's constants of the same names are larger).
SMALL_SIZES = {
    "MONTH_PAGE_SIZE": 20,
    "YEAR_LIST_LIMIT": 20,
    "RECORD_PAGE_SIZE": 10,
    "INDEX_PAGE_SIZE": 3,
    "INLINE_LIST_LIMIT": 2,
}

#: Pages whose growth is checked elsewhere (see above).
APART = {"statistics", "map/index"}

#: Bytes a page of a long list may have beyond the first page of a short one: its two
#: pagers, each with at most nine page numbers and previous/next links.
PAGER_ALLOWANCE = 2000

#: A link to an event page: one event entry on a list.
EVENT_LINK = re.compile(r"\]\(((?:\.\./)*events/[^)]+\.md)\)")
LINK = re.compile(r"\]\(([^)#?\s]+\.md)")

#: Page kinds: pages of one kind are compared with each other, whatever their record.
KINDS = [
    (r"chronology/\d{4}", "chronology year"),
    (r"chronology/(\d{4}/[^/]+|spanning)(/page-\d+)?", "chronology month"),
    (r"(actors|locations|sources)/index(/page-\d+)?", r"\1 index"),
    (r"(actors|locations|sources)/[^/]+/(members|places|actors)(/page-\d+)?", r"\1 \2 list"),
    (r"(events|actors|locations|sources)/[^/]+(/page-\d+)?", r"\1 page"),
]


def kind(uri: str) -> str:
    stem = uri[: -len(".md")]
    for pattern, name in KINDS:
        match = re.fullmatch(pattern, stem)
        if match:
            return match.expand(name)
    return stem  # a page of its own: index, chronology/index, map/index, statistics


def render_synthetic(root: Path, events: int) -> dict[str, str]:
    synthesize(root, events, seed=0)
    return {
        uri: text
        for uri, text in Renderer(load_catalog(root)).pages().items()
        if uri.endswith(".md")
    }


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, str]]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in SMALL_SIZES.items():
            patch.setattr(render, name, value)
        return {
            n: render_synthetic(tmp_path_factory.mktemp("scale") / str(n), n) for n in (400, 4000)
        }


def largest(pages: dict[str, str], measure) -> dict[str, tuple[int, str]]:
    """The largest value of ``measure`` per page kind, with the page that has it."""
    found: dict[str, tuple[int, str]] = {}
    for uri, text in pages.items():
        value = (measure(text), uri)
        found[kind(uri)] = max(found.get(kind(uri), value), value)
    return found


def page_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def event_entries(text: str) -> int:
    return len(EVENT_LINK.findall(text))


def test_no_kind_of_page_grows_with_the_events(corpora):
    small, big = largest(corpora[400], page_bytes), largest(corpora[4000], page_bytes)
    assert set(big) == set(small)  # the same kinds of page, long lists included
    grown = {
        k: (small[k], big[k])
        for k in big
        if k not in APART and big[k][0] > 1.3 * small[k][0] + PAGER_ALLOWANCE
    }
    assert grown == {}


def test_no_page_lists_more_events_in_a_bigger_chronology(corpora):
    small, big = (
        {k: v for k, v in largest(corpora[n], event_entries).items() if k not in APART}
        for n in (400, 4000)
    )
    most = max(small.values())
    assert most[0] == SMALL_SIZES["MONTH_PAGE_SIZE"]  # the lists do fill their pages
    assert max(big.values())[0] == most[0]
    grown = {k: (small[k], big[k]) for k in big if big[k][0] > small[k][0]}
    assert grown == {}


def test_the_largest_page_does_not_grow(corpora):
    def top(pages: dict[str, str]) -> int:
        return max(page_bytes(t) for u, t in pages.items() if kind(u) not in APART)

    assert top(corpora[4000]) <= 1.3 * top(corpora[400])


def test_statistics_lists_only_the_top_responsible_groups(corpora):
    section = corpora[4000]["statistics.md"].split("## Events by responsible group", 1)[1]
    rows = [line for line in section.splitlines() if re.match(r"\| \[", line)]
    assert len(rows) == render.STATISTICS_ROWS
    assert "open data" in section


@pytest.mark.parametrize("events", [400, 4000])
def test_every_event_is_on_the_month_pages_exactly_once(corpora, events):
    pages = corpora[events]
    # Follow links from the chronology's index through year, month and page links.
    reached, todo = set(), ["chronology/index.md"]
    while todo:
        uri = todo.pop()
        if uri in reached or not uri.startswith("chronology/"):
            continue
        reached.add(uri)
        for target in LINK.findall(pages[uri]):
            todo.append(posixpath.normpath(posixpath.join(posixpath.dirname(uri), target)))
    months = {u for u in pages if kind(u) == "chronology month"}
    assert months <= reached
    listed = Counter(
        posixpath.basename(link)[: -len(".md")]
        for uri in months
        for line in pages[uri].splitlines()
        if line.startswith("- **")  # an entry; the pager's links are not entries
        for link in EVENT_LINK.findall(line)[:1]
    )
    catalog_ids = {posixpath.basename(u)[: -len(".md")] for u in pages if kind(u) == "events page"}
    assert set(listed) == catalog_ids and len(catalog_ids) == events
    assert set(listed.values()) == {1}


def test_lists_are_out_of_the_search_index_and_records_in_it(corpora):
    excluded = "\nsearch:\n  exclude: true\n---\n"
    for uri, text in corpora[4000].items():
        head = text[: text.find("\n---\n", 4) + 5]
        record = re.fullmatch(r"(events|actors|locations|sources)/[^/]+\.md", uri)
        if record and not uri.endswith("/index.md"):
            assert excluded not in head, uri
        elif (
            uri.startswith("chronology/")
            or "/page-" in uri
            or kind(uri).endswith((" index", " list"))
        ):
            assert excluded in head, uri
