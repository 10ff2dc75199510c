"""Page addresses and the explorer's query links (generator/site/urls.py)."""

import pytest

from generator.site.urls import EXPLORE_KEYS, explore_query


def test_explore_query_lists_filters_in_the_scheme_order_comma_joined():
    query = explore_query(
        role=["claimed", "suspected"], actor="kataib-hezbollah", members="1", **{"from": "2020"}
    )
    assert query == "?actor=kataib-hezbollah&role=claimed,suspected&members=1&from=2020"


def test_explore_query_leaves_out_empty_values_and_escapes_the_rest():
    assert explore_query() == ""
    assert explore_query(actor="", place=None, type=[]) == ""
    assert explore_query(place="a&b c") == "?place=a%26b%20c"


def test_explore_query_refuses_an_unknown_key():
    with pytest.raises(ValueError, match="not an explorer filter: year"):
        explore_query(year="2020")


def test_explore_keys_are_the_documented_scheme():
    assert EXPLORE_KEYS == (
        "actor", "role", "members", "type", "place", "within",
        "from", "to", "killed", "wounded", "page",
    )  # fmt: skip
