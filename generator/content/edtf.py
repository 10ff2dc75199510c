"""Extended Date/Time Format (EDTF, ISO 8601-2) dates, the subset a chronology needs.

Supported (levels 0 and 1 of the Library of Congress specification):

- ``2020-09-28``, ``2020-09``, ``2020``                  exact day, month or year
- ``2020-09-28~`` (about), ``2020-09?`` (uncertain), ``2020%`` (both)
- ``2020-09-2X``, ``2020-XX``, ``202X``                   unspecified digits
- ``2020-07/2020-08``, ``2020-07-01/..``, ``../2020``     intervals (``..`` = open end)
- ``2020-21`` … ``2020-24``                               spring, summer, autumn, winter
- ``2021-02-15T21:30+03:00``, ``2021-02-15T18:30:05Z``    a day and its local time (level 0)

A time of day names the local time and its offset from UTC (``+03:00`` in Iraq), so the
moment is unambiguous; a time without an offset is refused. It stands alone: no interval,
qualifier or unknown digit goes with it. The date's interval is still that (local) day.

Every day a date allows must lie between ``FIRST_DAY`` and ``LAST_DAY``.

Why not the ``edtf`` package from PyPI: it parses with pyparsing, far slower than these
regular expressions, and its errors are parser traces, not messages a contributor can act on.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ..errors import ContentError
from .times import EXAMPLE as _TIME_EXAMPLE
from .times import TimeOfDay, describe_time, parse_time

#: The days a date may name: the chronology's scope (2019–2021) with a wide margin, for
#: background sources decades older and for years of events to come. Bounded so that every
#: export can write every date (iCalendar's all-day events end the day after the last day,
#: which overflows on 9999-12-31, Python's last date) and every year has four digits.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)

#: EDTF level 1 seasons ("2020-21"): the month numbers 21-24 stand for northern-hemisphere
#: meteorological seasons, whole months, as weather services count them (the Iraq of this
#: chronology is in the northern hemisphere). Winter begins in December of the year written
#: and ends in February of the next: "2020-24" is December 2020 to February 2021.
SEASONS = {
    21: ("spring", 3, 5),
    22: ("summer", 6, 8),
    23: ("autumn", 9, 11),
    24: ("winter", 12, 2),
}

_PART = re.compile(
    r"^(?P<year>[0-9X]{4})(?:-(?P<month>[0-9X]{2})(?:-(?P<day>[0-9X]{2}))?)?(?P<qual>[~?%])?$"
)


@dataclass(frozen=True)
class DatePart:
    """One end of an EDTF date: the text and the first/last possible calendar day."""

    text: str
    earliest: date
    latest: date
    precision: str  # "day" | "month" | "season" | "year"
    approximate: bool  # "~" or "%"
    uncertain: bool  # "?" or "%"
    unspecified: bool  # contains "X" digits
    time: TimeOfDay | None = None  # the local time of day, when written


@dataclass(frozen=True)
class EDTFDate:
    """A parsed EDTF value: a single date or an interval, with its bounds for sorting."""

    text: str
    start: DatePart | None  # None for an open start ("../2020")
    end: DatePart | None  # None for an open end ("2020/..")
    is_interval: bool

    @property
    def earliest(self) -> date:
        """First possible day (open starts fall back to the end's first day)."""
        part = self.start or self.end
        assert part is not None
        return part.earliest

    @property
    def latest(self) -> date:
        """Last possible day (open ends fall back to the start's last day)."""
        part = self.end or self.start
        assert part is not None
        return part.latest

    @property
    def first_day(self) -> date | None:
        """First possible day, or None when the interval has an open start ("../2020")."""
        return self.start.earliest if self.start else None

    @property
    def last_day(self) -> date | None:
        """Last possible day, or None when the interval has an open end ("2021-04/..")."""
        return self.end.latest if self.end else None

    @property
    def precision(self) -> str:
        """'day', 'month', 'season' or 'year' for a single date; 'range' for an interval."""
        if self.is_interval:
            return "range"
        assert self.start is not None
        return self.start.precision

    @property
    def time(self) -> TimeOfDay | None:
        """The local time of day, for a single day written with one ('…T21:30+03:00')."""
        return self.start.time if self.start and not self.is_interval else None

    @property
    def instant(self) -> datetime | None:
        """The moment in UTC, when a time of day is given."""
        time = self.time
        return time.instant(self.earliest) if time else None

    @property
    def sort_key(self) -> tuple[date, date, datetime | None]:
        """Chronological order: by first, then last possible day; on one day, events without
        a time first (they may have happened at any hour, as a calendar lists all-day entries
        first), then by the moment, so two local times in different offsets compare right."""
        return (self.earliest, self.latest, self.instant or _NO_TIME)

    @property
    def approximate(self) -> bool:
        return any(p.approximate for p in (self.start, self.end) if p)

    @property
    def uncertain(self) -> bool:
        return any(p.uncertain for p in (self.start, self.end) if p)

    @property
    def is_exact_day(self) -> bool:
        """True when the date names one known day with no qualifier."""
        return (
            not self.is_interval
            and self.earliest == self.latest
            and not self.approximate
            and not self.uncertain
        )

    def __str__(self) -> str:
        return self.text


#: Sorts before every real moment (see ``EDTFDate.sort_key``).
_NO_TIME = datetime(1, 1, 1, tzinfo=UTC)


def _digits_range(text: str, low: int, high: int) -> tuple[int, int]:
    """Smallest and largest number a digit string with 'X' placeholders can stand for,
    clamped to [low, high]."""
    if "X" not in text:
        value = int(text)
        return value, value
    smallest = int(text.replace("X", "0"))
    largest = int(text.replace("X", "9"))
    return max(smallest, low), min(largest, high)


def _parse_part(text: str, whole: str) -> DatePart:
    match = _PART.match(text)
    if not match:
        raise ContentError(
            f"{whole!r} is not an EDTF date; write YYYY-MM-DD, YYYY-MM or YYYY, optionally "
            "followed by ~ (about) or ? (uncertain), X for unknown digits (2020-09-2X), "
            "or an interval START/END (2020-07/2020-08)"
        )
    year_text, month_text, day_text = match["year"], match["month"], match["day"]
    qualifier = match["qual"] or ""
    for name, digits in (("year", year_text), ("month", month_text), ("day", day_text)):
        if digits and "X" in digits and not re.fullmatch(r"[0-9]*X*", digits):
            raise ContentError(f"{whole!r}: unknown digits (X) must come last in the {name}")
    if "X" in year_text and (month_text or day_text):
        raise ContentError(f"{whole!r}: a year with unknown digits cannot have a month or day")
    if month_text and "X" in month_text and day_text and "X" not in day_text:
        raise ContentError(f"{whole!r}: a day cannot be known when the month is not")
    year_lo, year_hi = _digits_range(year_text, 1, 9999)
    if year_lo == 0 and year_hi == 0 or year_lo > year_hi:
        raise ContentError(f"{whole!r}: year 0000 does not exist; use a real year")
    if year_lo < FIRST_DAY.year or year_hi > LAST_DAY.year:
        raise _out_of_range(whole)
    if not month_text:
        earliest, latest, precision = date(year_lo, 1, 1), date(year_hi, 12, 31), "year"
    elif month_text.isdigit() and int(month_text) in SEASONS:
        earliest, latest, precision = _season(whole, year_lo, int(month_text), day_text)
    else:
        earliest, latest, precision = _days(whole, year_lo, year_hi, month_text, day_text)
    if latest > LAST_DAY:  # winter of the last year
        raise _out_of_range(whole)
    return DatePart(
        text=text,
        earliest=earliest,
        latest=latest,
        precision=precision,
        approximate=qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
        unspecified="X" in text,
    )


def _out_of_range(whole: str) -> ContentError:
    return ContentError(
        f"{whole!r} is outside the dates a record may have ({FIRST_DAY} to {LAST_DAY}); "
        "check the year"
    )


def _season(whole: str, year: int, code: int, day_text: str | None) -> tuple[date, date, str]:
    """First and last day of a season ("2020-21": spring 2020)."""
    if day_text:
        raise ContentError(f"{whole!r}: a season ({code}) has no day; write YYYY-{code}")
    _, first, last = SEASONS[code]
    end_year = year + 1 if last < first else year  # winter ends in the next year
    last_day = calendar.monthrange(end_year, last)[1]
    return date(year, first, 1), date(end_year, last, last_day), "season"


def _days(
    whole: str, year_lo: int, year_hi: int, month_text: str, day_text: str | None
) -> tuple[date, date, str]:
    """First and last possible day, and precision, of a date that names a month."""
    month_lo, month_hi = _digits_range(month_text, 1, 12)
    if "X" not in month_text and not 1 <= int(month_text) <= 12:
        raise ContentError(
            f"{whole!r}: month {month_text} does not exist (01-12, or 21-24 for a season)"
        )
    if month_lo > month_hi:
        raise ContentError(f"{whole!r}: month {month_text} matches no month (01-12)")
    if not day_text:
        last = calendar.monthrange(year_hi, month_hi)[1]
        return date(year_lo, month_lo, 1), date(year_hi, month_hi, last), "month"
    last_lo = calendar.monthrange(year_lo, month_lo)[1]
    last_hi = calendar.monthrange(year_hi, month_hi)[1]
    if "X" not in day_text:
        day = int(day_text)
        if not 1 <= day <= last_lo or "X" in month_text:
            raise ContentError(
                f"{whole!r}: day {day_text} does not exist in "
                f"{calendar.month_name[month_lo]} {year_lo} (it has {last_lo} days)"
            )
        return date(year_lo, month_lo, day), date(year_lo, month_lo, day), "day"
    day_lo, _ = _digits_range(day_text, 1, last_lo)
    _, day_hi = _digits_range(day_text, 1, last_hi)
    if day_lo > last_lo or day_hi < 1:
        raise ContentError(f"{whole!r}: day {day_text} matches no day of the month")
    return date(year_lo, month_lo, day_lo), date(year_hi, month_hi, day_hi), "day"


def _parse_date_time(text: str) -> DatePart:
    """'2021-02-15T21:30+03:00': an exact day and its local time."""
    day_text, _, time_text = text.partition("T")
    part = _parse_part(day_text, text)
    if part.precision != "day" or part.unspecified or part.approximate or part.uncertain:
        raise ContentError(
            f"{text!r}: a time of day goes only with one exact day (YYYY-MM-DD, without ~, ? "
            f"or X), e.g. {_TIME_EXAMPLE}; for an uncertain time, give the day alone and say "
            "it in the summary or notes"
        )
    time = parse_time(time_text, text)
    return DatePart(
        text=day_text,
        earliest=part.earliest,
        latest=part.latest,
        precision="day",
        approximate=False,
        uncertain=False,
        unspecified=False,
        time=time,
    )


@functools.lru_cache(maxsize=65536)
def parse(text: str) -> EDTFDate:
    """Parse an EDTF string; raise ContentError with a message that says how to fix it."""
    text = text.strip()
    if "T" in text:
        if "/" in text:
            raise ContentError(
                f"{text!r}: a time of day goes only with a single day, not in an interval; "
                f"write one day and time ({_TIME_EXAMPLE}), or an interval of days"
            )
        part = _parse_date_time(text)
        return EDTFDate(text=text, start=part, end=part, is_interval=False)
    if "/" not in text:
        part = _parse_part(text, text)
        return EDTFDate(text=text, start=part, end=part, is_interval=False)
    if text.count("/") > 1:
        raise ContentError(f"{text!r}: an interval has exactly one '/' (START/END)")
    left, right = text.split("/")
    start = None if left in ("..", "") else _parse_part(left, text)
    end = None if right in ("..", "") else _parse_part(right, text)
    if start is None and end is None:
        raise ContentError(f"{text!r}: an interval needs at least one known end")
    if start and end and start.earliest > end.latest:
        raise ContentError(f"{text!r}: the interval ends before it starts")
    return EDTFDate(text=text, start=start, end=end, is_interval=True)


def _describe_part(part: DatePart) -> str:
    if part.precision == "season":
        first, last = part.earliest, part.latest
        name = next(n for n, start, _ in SEASONS.values() if start == first.month)
        years = f"{first.year}" if first.year == last.year else f"{first.year}–{last.year}"
        return f"{name} {years}"
    if part.unspecified:
        if part.precision == "year":
            return f"{part.earliest.year}–{part.latest.year}"
        if part.precision == "month":
            return f"{part.earliest:%B}–{part.latest:%B %Y}"
        if part.earliest == part.latest:  # 2020-06-3X: only the 30th exists
            return f"{part.earliest.day} {part.earliest:%B %Y}"
        if part.earliest.month != part.latest.month:  # 2020-XX-XX: the month is unknown too
            return f"{part.earliest.day} {part.earliest:%B} – {part.latest.day} {part.latest:%B %Y}"
        return f"{part.earliest.day}–{part.latest.day} {part.earliest:%B %Y}"
    if part.precision == "day":
        return f"{part.earliest.day} {part.earliest:%B %Y}"
    if part.precision == "month":
        return f"{part.earliest:%B %Y}"
    return f"{part.earliest.year}"


def describe(value: EDTFDate) -> str:
    """A reader's wording: '28 September 2020', 'about July 2020', 'between July 2020 and
    August 2020', '20–29 September 2020', 'April 2021 or later', 'spring 2020', 'winter
    2020–2021', '15 February 2021, 21:30 local time (UTC+3)'."""
    if value.is_interval:
        if value.start is None:
            assert value.end is not None
            return f"{_describe_part(value.end)} or earlier"
        if value.end is None:
            return f"{_describe_part(value.start)} or later"
        words = f"between {_describe_part(value.start)} and {_describe_part(value.end)}"
    else:
        assert value.start is not None
        words = _describe_part(value.start)  # "20–29 September 2020" reads as a span
        if value.start.time:
            return f"{words}, {describe_time(value.start.time)}"
    if value.approximate:
        words = f"about {words}"
    if value.uncertain:
        words = f"{words} (uncertain)"
    return words
