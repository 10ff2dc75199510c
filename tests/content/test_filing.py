"""The one rule that files an event under a month, a year's "month not known", or the events
that span years or are open-ended."""

from __future__ import annotations

import pytest

from generator.content import edtf
from generator.content.filing import SPANNING, Filing, filing


@pytest.mark.parametrize(
    ("date", "filed"),
    [
        # A day, a month: that month.
        ("2020-09-28", Filing(2020, 9)),
        ("2020-09", Filing(2020, 9)),
        ("2020-02-29", Filing(2020, 2)),
        # Approximate or uncertain: filed where they say.
        ("2020-07~", Filing(2020, 7)),
        ("2020-09?", Filing(2020, 9)),
        ("2020-09-28%", Filing(2020, 9)),
        # Unspecified digits: a month when every day they allow is in it.
        ("2020-09-2X", Filing(2020, 9)),
        ("2020-06-3X", Filing(2020, 6)),
        ("2020-XX", Filing(2020, None)),
        ("2020-XX-XX", Filing(2020, None)),
        ("202X", SPANNING),
        # Intervals: within a month, within a year, across years.
        ("2020-07-04/2020-07-06", Filing(2020, 7)),
        ("2020-07/2020-07", Filing(2020, 7)),
        ("2020-06-25/2020-07-01", Filing(2020, None)),
        ("2020-07/2020-08", Filing(2020, None)),
        ("2020-01/2020-12-31", Filing(2020, None)),
        ("2020", Filing(2020, None)),
        ("2020-12-30/2021-01-02", SPANNING),
        ("2019/2020-09-27", SPANNING),
        # Open start or end: "April 2021 or later" may be any later month or year.
        ("2021-04/..", SPANNING),
        ("2021-04-05/..", SPANNING),
        ("../2020-05", SPANNING),
        ("../2020", SPANNING),
        # Seasons: spring to autumn within their year; winter runs into the next year.
        ("2020-21", Filing(2020, None)),
        ("2020-22~", Filing(2020, None)),
        ("2020-23", Filing(2020, None)),
        ("2020-24", SPANNING),
        ("2020-21/2020-23", Filing(2020, None)),
    ],
)
def test_filing(date: str, filed: Filing) -> None:
    assert filing(edtf.parse(date)) == filed


def test_spanning_belongs_to_no_year() -> None:
    assert SPANNING.spanning and SPANNING.year is None and SPANNING.month is None
    assert not Filing(2020, None).spanning and not Filing(2020, 9).spanning


def test_latest_leaves_out_what_spans_years_newest_first() -> None:
    from generator.content.filing import latest
    from generator.content.model import Event

    def event(id_: str, date: str) -> Event:
        return Event.model_validate(
            {
                "id": id_,
                "date": date,
                "title": "t",
                "type": "statement",
                "summary": "s",
                "sources": [{"source": "s", "quote": "the words of the source"}],
            }
        )

    ordered = [
        event("a", "2020-01-05"),
        event("b", "2020-03"),
        event("c", "2020"),
        event("d", "2021-04/.."),
        event("e", "2020/2021"),
    ]
    assert [e.id for e in latest(ordered, 2)] == ["c", "b"]
    assert [e.id for e in latest(ordered, 10)] == ["c", "b", "a"]
    assert latest(ordered, 0) == []
