"""Date expressions in a sentence of an article ("on Monday", "last week", "Sept 28, 2020",
"between July and August"), each resolved to an interval of days against the date of the
dispatch it belongs to, and written as EDTF."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
MONTH_ABBR_PATTERN = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
WEEKDAY_PATTERN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence, resolved against the dispatch's date."""

    phrase: str
    first: date
    last: date | None  # None: open end
    precision: str = "day"  # of the start: "day", "month" or "year"

    @property
    def edtf(self) -> str:
        return interval_text(self.first, self.last, self.precision)


_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

_PREPOSITION = (
    r"(?:[Ii]n|[Oo]n|[Ff]rom|[Uu]ntil|[Bb]y|[Ss]ince|[Dd]uring|[Oo]f|[Ee]arly|[Ll]ate|[Mm]id-?)"
)
_DATE = re.compile(
    rf"(?P<full>(?:[Ss]ince\s+)?(?P<fm>{MONTH_PATTERN}|{MONTH_ABBR_PATTERN})\s+(?P<fd>\d{{1,2}}),?\s+(?P<fy>\d{{4}}))"
    rf"|(?P<dmy>(?:[Ss]ince\s+)?(?P<dd>\d{{1,2}})\s+(?P<dm>{MONTH_PATTERN})\s+(?P<dy>\d{{4}}))"
    rf"|(?P<between>\b[Bb]etween\s+(?P<b1>{MONTH_PATTERN})\s+and\s+(?P<b2>{MONTH_PATTERN})(?:\s+(?P<by>\d{{4}}))?)"
    rf"|(?P<my>(?:\b{_PREPOSITION}\s+)?(?P<mm>{MONTH_PATTERN})\s+(?P<my_y>\d{{4}}))"
    rf"|(?P<month>\b{_PREPOSITION}\s+(?:early\s+|late\s+|mid-?)?(?P<mo>{MONTH_PATTERN})\b(?!\s+\d))"
    rf"|(?P<year>\b{_PREPOSITION}\s+(?P<yy>(?:19|20)\d{{2}})\b(?![,.]?\d))"
    rf"|(?P<weekday>\b(?P<wd>{WEEKDAY_PATTERN})(?:'s|’s)?\b)"
    r"|(?P<rel>\b(?:[Ll]ast|[Tt]his|[Ee]arlier this|[Ll]ater this)\s+(?P<unit>week|month|year)\b)"
    r"|(?P<ago>\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?P<ago_unit>day|week|month|year)s?\s+ago\b)"
    r"|(?P<day_word>\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Oo]vernight)\b)"
)


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _month_before(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def _relative(match: re.Match[str], ref: date) -> tuple[date, date]:
    """The interval a relative expression means for a dispatch dated ``ref``."""
    if match["weekday"]:
        day = _weekday_on_or_before(ref, WEEKDAYS[match["wd"].lower()])
        return day, day
    if match["month"]:
        number = MONTHS[match["mo"].lower()]
        year = ref.year if number <= ref.month else ref.year - 1
        return _month_bounds(year, number)
    if match["between"]:
        first, second = MONTHS[match["b1"].lower()], MONTHS[match["b2"].lower()]
        end_year = (
            int(match["by"]) if match["by"] else (ref.year if second <= ref.month else ref.year - 1)
        )
        start_year = end_year if first <= second else end_year - 1
        return _month_bounds(start_year, first)[0], _month_bounds(end_year, second)[1]
    if match["rel"]:
        unit, which = match["unit"], match["rel"].split()[0].lower()
        if unit == "week":
            if which == "last":
                monday = _weekday_on_or_before(ref, 0)
                return monday - timedelta(days=7), monday - timedelta(days=1)
            return ref - timedelta(days=6), ref  # "this week": the days up to the dispatch
        if unit == "month":
            if which == "last":
                return _month_bounds(*_ym(_month_before(ref)))
            return ref.replace(day=1), ref
        if which == "last":
            return date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31)
        return date(ref.year, 1, 1), ref
    if match["ago"]:
        count = _NUMBER_WORDS.get(match["n"].lower()) or int(match["n"])
        unit = match["ago_unit"]
        if unit == "day":
            day = ref - timedelta(days=count)
            return day, day
        if unit == "week":
            day = ref - timedelta(days=7 * count)
            return day - timedelta(days=3), day + timedelta(days=3)
        if unit == "month":
            day = ref
            for _ in range(count):
                day = _month_before(day)
            return _month_bounds(*_ym(day))
        return _month_bounds(*_ym(_shift_years(ref, -count)))
    word = match["day_word"].lower()
    if word == "yesterday":
        return ref - timedelta(days=1), ref - timedelta(days=1)
    if word == "overnight":
        return ref - timedelta(days=1), ref
    return ref, ref


def _ym(day: date) -> tuple[int, int]:
    return day.year, day.month


def find_dates(sentence: str, reference: tuple[date, date | None] | None) -> list[DateMention]:
    """Every date the sentence mentions, as an interval of days. Relative expressions
    ("Monday", "last week", "in January") are resolved against ``reference``, the first and
    last possible day of the dispatch; they are skipped when there is no reference."""
    found = []
    for match in _DATE.finditer(sentence):
        phrase = match.group(0).strip()
        if match["full"] or match["dmy"]:
            year = int(match["fy"] or match["dy"])
            month = MONTHS[(match["fm"] or match["dm"]).lower().rstrip(".")]
            try:
                first = last = date(year, month, int(match["fd"] or match["dd"]))
            except ValueError:
                continue
        elif match["my"]:
            first, last = _month_bounds(int(match["my_y"]), MONTHS[match["mm"].lower()])
        elif match["year"]:
            year = int(match["yy"])
            first, last = date(year, 1, 1), date(year, 12, 31)
        else:
            if reference is None:
                continue
            low, high = reference
            first = _relative(match, low)[0]
            last = _relative(match, high)[1] if high else None
        end: date | None = last
        if phrase.lower().startswith("since"):  # since X: from X until the dispatch
            end = reference[1] if reference else None
        if end is not None and end < first:
            continue
        precision = "year" if match["year"] else "month" if match["my"] or match["month"] else "day"
        found.append(DateMention(phrase, first, end, precision))
    return found


def mentions_a_date(sentence: str) -> bool:
    """Whether the sentence has a date expression, resolvable or not."""
    return _DATE.search(sentence) is not None


def interval_text(first: date, last: date | None, precision: str = "day") -> str:
    """EDTF for a span of days, as short as it can be: 2020-09-28, 2020-09, 2020,
    2020-09-21/2020-09-27, 2020-07/2020-08; with an open end, the start as precise as the
    text gave it: 2009/.., 2021-04/.., 2021-04-05/..."""

    def whole_months(a: date, b: date) -> bool:
        return a.day == 1 and b.day == calendar.monthrange(b.year, b.month)[1]

    if last is None:
        start = {"year": f"{first:%Y}", "month": f"{first:%Y-%m}"}.get(precision, f"{first}")
        return f"{start}/.."
    if first == last:
        return first.isoformat()
    if first == date(first.year, 1, 1) and last == date(first.year, 12, 31):
        return str(first.year)
    if whole_months(first, last):
        if (first.year, first.month) == (last.year, last.month):
            return first.strftime("%Y-%m")
        return f"{first:%Y-%m}/{last:%Y-%m}"
    return f"{first.isoformat()}/{last.isoformat()}"
