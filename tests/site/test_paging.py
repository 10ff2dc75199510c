"""Long lists in pages (generator/site/paging.py): addresses, the pager, A–Z groups."""

from __future__ import annotations

import pytest

from generator.site.paging import (
    DIGITS,
    OTHER,
    grouped_pages,
    index_order,
    initial,
    paged_uri,
    paginate,
)


def test_page_one_is_the_list_itself_and_later_pages_sit_beside_it():
    assert paged_uri("actors/kataib-hezbollah.md", 1) == "actors/kataib-hezbollah.md"
    assert paged_uri("actors/kataib-hezbollah.md", 2) == "actors/kataib-hezbollah/page-2.md"
    assert paged_uri("actors/index.md", 3) == "actors/index/page-3.md"
    assert paged_uri("chronology/2020/07.md", 2) == "chronology/2020/07/page-2.md"


def test_paginate_splits_into_fixed_sizes():
    pages = paginate(list(range(7)), 3, "x.md")
    assert [p.items for p in pages] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [(p.first, p.last, p.total, p.count) for p in pages] == [
        (1, 3, 7, 3),
        (4, 6, 7, 3),
        (7, 7, 7, 3),
    ]
    assert [p.uri for p in pages] == ["x.md", "x/page-2.md", "x/page-3.md"]
    assert (pages[0].previous_uri, pages[0].next_uri) == (None, "x/page-2.md")
    assert (pages[2].previous_uri, pages[2].next_uri) == ("x/page-2.md", None)


def test_an_empty_list_has_one_empty_page():
    (page,) = paginate([], 100, "x.md")
    assert (page.items, page.count, page.total) == ([], 1, 0)
    assert page.window() == [1]


@pytest.mark.parametrize(
    "number, count, window",
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 25, [1, 2, 3, None, 25]),
        (5, 25, [1, None, 3, 4, 5, 6, 7, None, 25]),
        (4, 25, [1, 2, 3, 4, 5, 6, None, 25]),
        (25, 25, [1, None, 23, 24, 25]),
    ],
)
def test_the_pager_shows_a_bounded_window(number, count, window):
    page = paginate(list(range(count)), 1, "x.md")[number - 1]
    assert page.window() == window


def test_the_pager_never_grows_with_the_list():
    for count in (10, 100, 10_000):
        pages = paginate(list(range(count)), 1, "x.md")
        assert max(len(p.window()) for p in pages[:: max(1, count // 50)]) <= 9


@pytest.mark.parametrize(
    "name, group",
    [
        ("Kataib Hezbollah", "K"),
        ("al-Nujaba", "A"),
        ("Élysée", "E"),
        ("“Quoted” group", "Q"),
        ("45th Brigade", DIGITS),
        ("كتائب حزب الله", OTHER),
        ("ßeta", "S"),
        ("---", OTHER),
    ],
)
def test_initial(name, group):
    assert initial(name) == group


def test_index_order_keeps_each_group_together():
    names = ["Zed", "كتائب", "45th", "alpha", "“Beta”", "Alpha", "beta"]
    ordered = sorted(names, key=index_order)
    assert [initial(n) for n in ordered] == [DIGITS, "A", "A", "B", "B", "Z", OTHER]


def test_grouped_pages_jump_to_the_page_holding_each_group():
    names = ["Abe", "Amy", "Ann", "Bob", "Cal", "Cid"]
    laid_out, jumps = grouped_pages(names, 2, "people/index.md", lambda n: n[0])
    assert [(j.label, j.uri, j.anchor) for j in jumps] == [
        ("A", "people/index.md", "group-a"),
        ("B", "people/index/page-2.md", "group-b"),
        ("C", "people/index/page-3.md", "group-c"),
    ]
    sections = [[(s.label, s.items, s.continued) for s in page] for _, page in laid_out]
    assert sections == [
        [("A", ["Abe", "Amy"], False)],
        [("A", ["Ann"], True), ("B", ["Bob"], False)],
        [("C", ["Cal", "Cid"], False)],
    ]
