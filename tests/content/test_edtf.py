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


# --- times of day ------------------------------------------------------------------------

# text, local day, UTC instant, reader's wording
TIMES = [
    ("2021-02-15T21:30+03:00", "2021-02-15", "2021-02-15T18:30:00+00:00",
     "15 February 2021, 21:30 local time (UTC+3)"),
    ("2021-02-15T18:30:05Z", "2021-02-15", "2021-02-15T18:30:05+00:00",
     "15 February 2021, 18:30:05 UTC"),
    ("2021-02-15T00:10+03:00", "2021-02-15", "2021-02-14T21:10:00+00:00",
     "15 February 2021, 00:10 local time (UTC+3)"),
    ("2021-02-15T21:30-04:30", "2021-02-15", "2021-02-16T02:00:00+00:00",
     "15 February 2021, 21:30 local time (UTC\u22124:30)"),
    ("2021-02-15T21:30+0330", "2021-02-15", "2021-02-15T18:00:00+00:00",
     "15 February 2021, 21:30 local time (UTC+3:30)"),
    ("2021-02-15T21:30+03", "2021-02-15", "2021-02-15T18:30:00+00:00",
     "15 February 2021, 21:30 local time (UTC+3)"),
]  # fmt: skip


@pytest.mark.parametrize("text, day, instant, words", TIMES)
def test_a_time_of_day_keeps_its_day_time_and_offset(text, day, instant, words):
    value = edtf.parse(text)
    assert value.text == text
    # The interval is the local day: filing, duplicates and 'exact day' work as for a day.
    assert value.earliest == value.latest == date.fromisoformat(day)
    assert value.precision == "day"
    assert value.is_exact_day
    assert value.instant is not None and value.instant.isoformat() == instant
    assert edtf.describe(value) == words


def test_the_time_parts():
    time = edtf.parse("2021-02-15T21:30+03:00").time
    assert time is not None
    assert (time.hour, time.minute, time.second, time.offset_minutes) == (21, 30, None, 180)
    assert (time.text, time.clock, time.zone) == ("21:30+03:00", "21:30", "UTC+3")
    assert edtf.parse("2021-02-15").time is None
    assert edtf.parse("2021-02-15").instant is None


NEEDS_OFFSET = (
    "a time of day needs its offset from UTC, so that the moment is unambiguous; add it after "
    "the time, e.g. {0}+03:00 for Iraq's local time, or {0}Z for UTC"
)
TIME_FORM = (
    "write the time of day as hh:mm or hh:mm:ss followed by its UTC offset, e.g. "
    "2021-02-15T21:30+03:00 (21:30 in Iraq) or 2021-02-15T18:30Z (UTC)"
)
EXACT_DAY = (
    "a time of day goes only with one exact day (YYYY-MM-DD, without ~, ? or X), e.g. "
    "2021-02-15T21:30+03:00; for an uncertain time, give the day alone and say it in the "
    "summary or notes"
)


@pytest.mark.parametrize(
    "text, message",
    [
        ("2021-02-15T21:30", NEEDS_OFFSET.format("2021-02-15T21:30")),
        ("2021-02-15T21:30:10", NEEDS_OFFSET.format("2021-02-15T21:30:10")),
        ("2021-02-15T25:00+03:00", "hour 25 does not exist (00-23)"),
        ("2021-02-15T24:00+03:00", "hour 24 does not exist (00-23)"),
        ("2021-02-15T21:60+03:00", "minute 60 does not exist (00-59)"),
        ("2021-02-15T21:30:61Z", "second 61 does not exist (00-59)"),
        ("2021-02-15T9:30+03:00", TIME_FORM),
        ("2021-02-15T2130+03:00", TIME_FORM),
        ("2021-02-15T", TIME_FORM),
        ("2021-02-15T21:30+15:00", "the offset +15:00 does not exist (UTC offsets run from "
         "-12:00 to +14:00; Iraq is +03:00)"),
        ("2021-02-15T21:30-13:00", "the offset -13:00 does not exist (UTC offsets run from "
         "-12:00 to +14:00; Iraq is +03:00)"),
        ("2021-02-15T21:30+03:75", "the offset +03:75 does not exist (UTC offsets run from "
         "-12:00 to +14:00; Iraq is +03:00)"),
        ("2021-02-15~T21:30+03:00", EXACT_DAY),
        ("2021-02T21:30+03:00", EXACT_DAY),
        ("2021-02-1XT21:30+03:00", EXACT_DAY),
        ("2021-02-30T21:30+03:00", "day 30 does not exist in February 2021 (it has 28 days)"),
        ("2021-02-15T21:30+03:00/2021-02-16", "a time of day goes only with a single day, not "
         "in an interval; write one day and time (2021-02-15T21:30+03:00), or an interval of "
         "days"),
    ],
)  # fmt: skip
def test_time_errors_say_how_to_fix_them(text, message):
    with pytest.raises(ContentError) as caught:
        edtf.parse(text)
    assert str(caught.value) == f"{text!r}: {message}"


def test_on_one_day_untimed_first_then_by_the_moment():
    texts = [
        "2021-02-15T21:30+03:00",  # 18:30 UTC
        "2021-02-16",
        "2021-02-15T19:00Z",  # 19:00 UTC: later than 21:30 in Baghdad
        "2021-02-15",
        "2021-02-15T08:00+03:00",
        "2021-02",
    ]
    ordered = sorted(texts, key=lambda t: edtf.parse(t).sort_key)
    assert ordered == [
        "2021-02",
        "2021-02-15",
        "2021-02-15T08:00+03:00",
        "2021-02-15T21:30+03:00",
        "2021-02-15T19:00Z",
        "2021-02-16",
    ]
