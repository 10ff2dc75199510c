"""EDTF dates: every form docs/content-format.md lists, their bounds, wording and errors."""

from __future__ import annotations

from datetime import date

import pytest

from generator.content import edtf
from generator.errors import ContentError

NOT_EDTF = (
    "is not an EDTF date; write YYYY-MM-DD, YYYY-MM or YYYY, optionally followed by ~ (about) "
    "or ? (uncertain), X for unknown digits (2020-09-2X), or an interval START/END "
    "(2020-07/2020-08)"
)

OUTSIDE = "is outside the dates a record may have (1900-01-01 to 2099-12-31); check the year"


# text, earliest, latest, precision, approximate, uncertain, exact day, reader's wording
FORMS = [
    ("2020-09-28", "2020-09-28", "2020-09-28", "day", False, False, True, "28 September 2020"),
    ("2020-09", "2020-09-01", "2020-09-30", "month", False, False, False, "September 2020"),
    ("2020", "2020-01-01", "2020-12-31", "year", False, False, False, "2020"),
    ("2020-09-28~", "2020-09-28", "2020-09-28", "day", True, False, False,
     "about 28 September 2020"),
    ("2020-09?", "2020-09-01", "2020-09-30", "month", False, True, False,
     "September 2020 (uncertain)"),
    ("2020%", "2020-01-01", "2020-12-31", "year", True, True, False, "about 2020 (uncertain)"),
    ("2020-07~", "2020-07-01", "2020-07-31", "month", True, False, False, "about July 2020"),
    ("2020-09-2X", "2020-09-20", "2020-09-29", "day", False, False, False,
     "20–29 September 2020"),
    ("2020-XX", "2020-01-01", "2020-12-31", "month", False, False, False,
     "January–December 2020"),
    ("202X", "2020-01-01", "2029-12-31", "year", False, False, False, "2020–2029"),
    ("2020-07/2020-08", "2020-07-01", "2020-08-31", "range", False, False, False,
     "between July 2020 and August 2020"),
    # Open ends: sorting falls back to the known end's bounds.
    ("2021-04/..", "2021-04-01", "2021-04-30", "range", False, False, False,
     "April 2021 or later"),
    ("../2020", "2020-01-01", "2020-12-31", "range", False, False, False, "2020 or earlier"),
    ("2020-07-01/..", "2020-07-01", "2020-07-01", "range", False, False, False,
     "1 July 2020 or later"),
    ("2020-07~/2020-08?", "2020-07-01", "2020-08-31", "range", True, True, False,
     "about between July 2020 and August 2020 (uncertain)"),
    # Unspecified digits, narrowed to real months and days.
    ("2020-1X", "2020-10-01", "2020-12-31", "month", False, False, False,
     "October–December 2020"),
    ("2020-0X", "2020-01-01", "2020-09-30", "month", False, False, False,
     "January–September 2020"),
    ("2020-09-0X", "2020-09-01", "2020-09-09", "day", False, False, False,
     "1–9 September 2020"),
    ("2020-12-3X", "2020-12-30", "2020-12-31", "day", False, False, False,
     "30–31 December 2020"),
    ("2021-02-2X", "2021-02-20", "2021-02-28", "day", False, False, False,
     "20–28 February 2021"),
    ("2020-02-XX", "2020-02-01", "2020-02-29", "day", False, False, False,
     "1–29 February 2020"),
    ("2020-06-3X", "2020-06-30", "2020-06-30", "day", False, False, True, "30 June 2020"),
    ("2020-XX-XX", "2020-01-01", "2020-12-31", "day", False, False, False,
     "1 January – 31 December 2020"),
    ("19XX", "1900-01-01", "1999-12-31", "year", False, False, False, "1900–1999"),
    ("2020-09-2X~", "2020-09-20", "2020-09-29", "day", True, False, False,
     "about 20–29 September 2020"),
    # Seasons (EDTF level 1), northern-hemisphere meteorological: whole months.
    ("2020-21", "2020-03-01", "2020-05-31", "season", False, False, False, "spring 2020"),
    ("2020-22", "2020-06-01", "2020-08-31", "season", False, False, False, "summer 2020"),
    ("2020-23", "2020-09-01", "2020-11-30", "season", False, False, False, "autumn 2020"),
    ("2020-24", "2020-12-01", "2021-02-28", "season", False, False, False,
     "winter 2020–2021"),
    ("2019-24", "2019-12-01", "2020-02-29", "season", False, False, False,
     "winter 2019–2020"),
    ("2020-21~", "2020-03-01", "2020-05-31", "season", True, False, False,
     "about spring 2020"),
    ("2020-23?", "2020-09-01", "2020-11-30", "season", False, True, False,
     "autumn 2020 (uncertain)"),
    ("2020-21/2020-22", "2020-03-01", "2020-08-31", "range", False, False, False,
     "between spring 2020 and summer 2020"),
    ("2020-24/..", "2020-12-01", "2021-02-28", "range", False, False, False,
     "winter 2020–2021 or later"),
    # The first and last days a record may name.
    ("1900-01-01", "1900-01-01", "1900-01-01", "day", False, False, True, "1 January 1900"),
    ("2099-12-31", "2099-12-31", "2099-12-31", "day", False, False, True, "31 December 2099"),
    ("2098-24", "2098-12-01", "2099-02-28", "season", False, False, False,
     "winter 2098–2099"),
]  # fmt: skip


@pytest.mark.parametrize(
    "text, earliest, latest, precision, approximate, uncertain, exact, words", FORMS
)
def test_forms(text, earliest, latest, precision, approximate, uncertain, exact, words):
    value = edtf.parse(text)
    assert value.text == text
    assert value.earliest == date.fromisoformat(earliest)
    assert value.latest == date.fromisoformat(latest)
    assert value.precision == precision
    assert value.approximate is approximate
    assert value.uncertain is uncertain
    assert value.is_exact_day is exact
    assert value.is_interval is ("/" in text)
    assert edtf.describe(value) == words
    assert str(value) == text


def test_open_ends_are_none():
    assert edtf.parse("2021-04/..").end is None
    assert edtf.parse("../2020").start is None
    interval = edtf.parse("2020-07/2020-08")
    assert interval.start is not None and interval.start.text == "2020-07"
    assert interval.end is not None and interval.end.text == "2020-08"


def test_surrounding_spaces_are_ignored():
    assert edtf.parse(" 2020-09-28 ").text == "2020-09-28"


@pytest.mark.parametrize(
    "text, last",
    [
        ("2020-02", 29),  # divisible by 4
        ("2021-02", 28),
        ("1900-02", 28),  # divisible by 100, not by 400
        ("2000-02", 29),  # divisible by 400
        ("2024-02", 29),
        ("2020-01", 31),
        ("2020-04", 30),
        ("2020-06", 30),
        ("2020-09", 30),
        ("2020-11", 30),
        ("2020-12", 31),
    ],
)
def test_month_ends(text, last):
    value = edtf.parse(text)
    assert value.earliest.day == 1
    assert value.latest.day == last


@pytest.mark.parametrize("text", ["2024-02-29", "2000-02-29", "2020-04-30", "2020-12-31"])
def test_last_days_exist(text):
    assert edtf.parse(text).earliest == date.fromisoformat(text)


@pytest.mark.parametrize(
    "text, message",
    [
        ("2024-02-30", "'2024-02-30': day 30 does not exist in February 2024 (it has 29 days)"),
        ("2023-02-29", "'2023-02-29': day 29 does not exist in February 2023 (it has 28 days)"),
        ("1900-02-29", "'1900-02-29': day 29 does not exist in February 1900 (it has 28 days)"),
        ("2020-09-31", "'2020-09-31': day 31 does not exist in September 2020 (it has 30 days)"),
        ("2020-09-00", "'2020-09-00': day 00 does not exist in September 2020 (it has 30 days)"),
        ("0000-00-00", "'0000-00-00': year 0000 does not exist; use a real year"),
        ("0000", "'0000': year 0000 does not exist; use a real year"),
        ("2020-13", "'2020-13': month 13 does not exist (01-12, or 21-24 for a season)"),
        ("2020-00", "'2020-00': month 00 does not exist (01-12, or 21-24 for a season)"),
        ("2020-20", "'2020-20': month 20 does not exist (01-12, or 21-24 for a season)"),
        ("2020-25", "'2020-25': month 25 does not exist (01-12, or 21-24 for a season)"),
        ("2020-21-05", "'2020-21-05': a season (21) has no day; write YYYY-21"),
        # Dates outside the chronology's scope and margin (edtf.FIRST_DAY, edtf.LAST_DAY).
        ("9999-12-31", f"'9999-12-31' {OUTSIDE}"),
        ("2020/9999-12-31", f"'2020/9999-12-31' {OUTSIDE}"),
        ("2100-01-01", f"'2100-01-01' {OUTSIDE}"),
        ("1899-12-31", f"'1899-12-31' {OUTSIDE}"),
        ("0001-01-01", f"'0001-01-01' {OUTSIDE}"),
        ("2099-24", f"'2099-24' {OUTSIDE}"),
        ("1XXX", f"'1XXX' {OUTSIDE}"),
        ("XXXX", f"'XXXX' {OUTSIDE}"),
        ("../2100", f"'../2100' {OUTSIDE}"),
        ("2020-3X", "'2020-3X': month 3X matches no month (01-12)"),
        ("2020-02-3X", "'2020-02-3X': day 3X matches no day of the month"),
        ("2020/2019", "'2020/2019': the interval ends before it starts"),
        ("2020-09-28/2020-09-27", "'2020-09-28/2020-09-27': the interval ends before it starts"),
        ("2020/2021/2022", "'2020/2021/2022': an interval has exactly one '/' (START/END)"),
        ("../..", "'../..': an interval needs at least one known end"),
        ("2X20", "'2X20': unknown digits (X) must come last in the year"),
        ("2020-X1", "'2020-X1': unknown digits (X) must come last in the month"),
        ("2020-09-X5", "'2020-09-X5': unknown digits (X) must come last in the day"),
        ("202X-01", "'202X-01': a year with unknown digits cannot have a month or day"),
        ("2020-XX-15", "'2020-XX-15': a day cannot be known when the month is not"),
        ("20-09-2020", f"'20-09-2020' {NOT_EDTF}"),
        ("2020-9-28", f"'2020-9-28' {NOT_EDTF}"),
        ("28 September 2020", f"'28 September 2020' {NOT_EDTF}"),
        ("last tuesday", f"'last tuesday' {NOT_EDTF}"),
        ("", f"'' {NOT_EDTF}"),
        ("..", f"'..' {NOT_EDTF}"),
        ("2020-09-28~?", f"'2020-09-28~?' {NOT_EDTF}"),
        ("2020-07/August", f"'2020-07/August' {NOT_EDTF}"),
    ],
)
def test_errors(text, message):
    with pytest.raises(ContentError) as caught:
        edtf.parse(text)
    assert str(caught.value) == message


def test_sorting_key_is_the_earliest_day():
    texts = ["2020-07-10", "2020-07~", "2020-07/2020-08", "2020", "2020-07-2X", "../2020-06"]
    ordered = sorted(texts, key=lambda t: (edtf.parse(t).earliest, edtf.parse(t).latest, t))
    # An open start sorts by its known end's first day.
    assert ordered == [
        "2020",
        "../2020-06",
        "2020-07~",
        "2020-07/2020-08",
        "2020-07-10",
        "2020-07-2X",
    ]
