"""Reading a news article copied from a web page: its text without the page furniture, its
datelines and publication date, its sentences, and the dates those sentences mention.

Heuristics only, no language model and no network: what a careful reader does first. The
article text is what ``chronology extract`` drafts events from; every value it keeps points
back to the sentence it came from so that a person can check it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..content import edtf
from ..errors import ContentError

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

#: "Baghdad (AFP) Sept 28, 2020 - Three Iraqi children ...", "Washington DC (UPI) Sep 23, 2020",
#: "Baghdad – For all practical purposes ..." (a place and a dash, no date).
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w.'’ -]{{1,40}}?)\s+\((?P<agency>[A-Za-z][\w .&-]{{1,30}})\)\s+"
    rf"(?P<month>{_MONTH}|{_MONTH_ABBR})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
    r"(?:\s*[-–—]\s*(?P<rest>.*))?$"
)
PLACE_DASH = re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+[–—]\s+(?P<rest>[A-Z].*)$")
BYLINE = re.compile(r"^By\s+(?P<author>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*$")

#: A line at which the article is over: what follows is the page around it.
END_MARKERS = re.compile(
    r"^\s*(Related Links|Thanks for being (here|there)|Comment using|Share this article|"
    r"Newspapers (in|from) |Comments\s*$|bottom of page|Article:\s|Image:\s|"
    r"The content herein|Copyright\b|©|All rights reserved|Read more\s*$|Subscribe\b|"
    r"Sign up for|Follow us\b)",
    re.IGNORECASE,
)
#: Lines that are furniture wherever they are.
FURNITURE = re.compile(
    r"^\s*(top of page|advertisement|skip to (main )?content|share( this)?|print|"
    r"[-–•*]\s*\w+|\W*|-\s.*\s-|[^\w\"“‘'(\-–].*)\s*$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?:;\"”’)]\s*$")


@dataclass
class Paragraph:
    """A paragraph of the article body and the date it is reported from."""

    text: str
    line: int  # 1-based line in the article file
    #: first and last possible day of publication of the dispatch it belongs to; the last is
    #: None when the end is open ("2021-04/..")
    reference: tuple[date, date | None] | None
    dateline: str | None = None


@dataclass
class Article:
    title: str | None
    author: str | None
    #: (line, place, publication date) of every dateline found, in order
    datelines: list[tuple[int, str, str | None]]
    #: the publication date used: from the first dated dateline, else the one given
    published: str | None
    published_from: str  # "dateline", "given" or "none"
    paragraphs: list[Paragraph]
    dropped: list[tuple[int, str]] = field(default_factory=list)  # (line, text) of furniture


def _is_headline(text: str) -> bool:
    words = text.split()
    return 3 <= len(words) <= 20 and not _TERMINAL.search(text) and not text.isupper()


def _is_body(text: str) -> bool:
    words = len(text.split())
    return words >= 15 or (words >= 4 and bool(_TERMINAL.search(text)))


def _interval(value: str) -> tuple[date, date | None]:
    parsed = edtf.parse(value)
    return parsed.earliest, parsed.last_day


def read_article(text: str, published: str | None = None) -> Article:
    """Split ``text`` into body paragraphs and furniture, and find its dates.

    ``published`` (EDTF) is used only when the text has no dated dateline.
    """
    given = None
    if published:
        try:
            given = _interval(published)
        except ContentError as exc:
            raise ContentError(f"--date {published}: {exc}") from None
    lines = [" ".join(raw.split()) for raw in text.replace("\r\n", "\n").split("\n")]
    filled = [n for n, line in enumerate(lines) if line]
    # A line right above a dateline or a byline is a headline, however long.
    headlines = {
        n
        for n, after in zip(filled, filled[1:], strict=False)
        if DATELINE.match(lines[after]) or BYLINE.match(lines[after])
    }
    article = Article(None, None, [], None, "none", [])
    reference: tuple[date, date | None] | None = None
    place: str | None = None
    seen: set[str] = set()
    candidate: str | None = None  # the last headline-like line before the body starts
    for index in filled:
        line, number = lines[index], index + 1
        if article.paragraphs and END_MARKERS.match(line):
            article.dropped.extend((n + 1, lines[n]) for n in filled if n >= index)
            break
        dateline = DATELINE.match(line)
        if dateline:
            day = date(
                int(dateline["year"]),
                MONTHS[dateline["month"].lower().rstrip(".")],
                int(dateline["day"]),
            )
            place = dateline["place"].strip()
            article.datelines.append((number, place, day.isoformat()))
            reference = (day, day)
            article.title = article.title or candidate
            line = dateline["rest"] or ""
            if not line:
                continue
        elif byline := BYLINE.match(line):
            article.author = article.author or byline["author"]
            continue
        elif index in headlines:
            candidate = line
            article.dropped.append((number, line))
            continue
        elif (dash := PLACE_DASH.match(line)) and _is_body(dash["rest"]):
            article.datelines.append((number, dash["place"], None))
            place = dash["place"]
            line = dash["rest"]
        if FURNITURE.match(line) or not _is_body(line):
            if not article.paragraphs and _is_headline(line) and not FURNITURE.match(line):
                candidate = line
            article.dropped.append((number, line))
            continue
        if line in seen:  # a standfirst repeated in the body, a line printed twice
            article.dropped.append((number, line))
            continue
        seen.add(line)
        article.title = article.title or candidate
        article.paragraphs.append(Paragraph(line, number, reference, place))
    first = next((d for d in article.datelines if d[2]), None)
    if first and first[2]:
        article.published, article.published_from = first[2], "dateline"
        for paragraph in article.paragraphs:  # before the first dateline: the same dispatch
            paragraph.reference = paragraph.reference or _interval(first[2])
    elif given:
        article.published, article.published_from = published, "given"
        for paragraph in article.paragraphs:
            paragraph.reference = given
    return article


# --- sentences ---------------------------------------------------------------------------------

_ABBREVIATIONS = (
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Gen",
    "Maj",
    "Brig",
    "Col",
    "Lt",
    "Sgt",
    "Capt",
    "Adm",
    "Gov",
    "Sen",
    "Rep",
    "St",
    "No",
    "Jan",
    "Feb",
    "Aug",
    "Sept",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
    "mm",
    "U.S",
    "U.N",
    "U.K",
    "D.C",
    "Inc",
    "Co",
    "vs",
)
_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, keeping abbreviations such as 'Maj. Gen.' together."""
    parts: list[str] = []
    start = 0
    for match in _SPLIT.finditer(paragraph):
        before = paragraph[start : match.start()].rstrip('"”’)')
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        if last_word.rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)+", last_word):
            continue
        parts.append(paragraph[start : match.end()].strip())
        start = match.end()
    parts.append(paragraph[start:].strip())
    return [p for p in parts if p]


# --- dates in a sentence -----------------------------------------------------------------------


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence, resolved against the dispatch's date."""

    phrase: str
    start: int
    first: date
    last: date | None  # None: open end
    relative: bool
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
    rf"(?P<full>(?:[Ss]ince\s+)?(?P<fm>{_MONTH}|{_MONTH_ABBR})\s+(?P<fd>\d{{1,2}}),?\s+(?P<fy>\d{{4}}))"
    rf"|(?P<dmy>(?:[Ss]ince\s+)?(?P<dd>\d{{1,2}})\s+(?P<dm>{_MONTH})\s+(?P<dy>\d{{4}}))"
    rf"|(?P<between>\b[Bb]etween\s+(?P<b1>{_MONTH})\s+and\s+(?P<b2>{_MONTH})(?:\s+(?P<by>\d{{4}}))?)"
    rf"|(?P<my>(?:\b{_PREPOSITION}\s+)?(?P<mm>{_MONTH})\s+(?P<my_y>\d{{4}}))"
    rf"|(?P<month>\b{_PREPOSITION}\s+(?:early\s+|late\s+|mid-?)?(?P<mo>{_MONTH})\b(?!\s+\d))"
    rf"|(?P<year>\b{_PREPOSITION}\s+(?P<yy>(?:19|20)\d{{2}})\b(?![,.]?\d))"
    rf"|(?P<weekday>\b(?P<wd>{_WEEKDAY})(?:'s|’s)?\b)"
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
        relative = False
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
            relative = True
            low, high = reference
            first = _relative(match, low)[0]
            last = _relative(match, high)[1] if high else None
        end: date | None = last
        if phrase.lower().startswith("since"):  # since X: from X until the dispatch
            end = reference[1] if reference else None
        if end is not None and end < first:
            continue
        precision = "year" if match["year"] else "month" if match["my"] or match["month"] else "day"
        found.append(DateMention(phrase, match.start(), first, end, relative, precision))
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
