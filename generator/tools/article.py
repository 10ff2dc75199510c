"""Reading a news article copied from a web page: its text without the page furniture, its
datelines and publication date, and its sentences (the dates they mention: ``date_mentions``).

Heuristics only, no language model and no network: what a careful reader does first. The
article text is what ``chronology extract`` drafts events from; every value it keeps points
back to the sentence it came from so that a person can check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..content import edtf
from ..errors import ContentError
from .date_mentions import MONTH_ABBR_PATTERN, MONTH_PATTERN, MONTHS

#: "Baghdad (AFP) Sept 28, 2020 - Three Iraqi children ...", "Washington DC (UPI) Sep 23, 2020",
#: "Baghdad – For all practical purposes ..." (a place and a dash, no date).
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w.'’ -]{{1,40}}?)\s+\((?P<agency>[A-Za-z][\w .&-]{{1,30}})\)\s+"
    rf"(?P<month>{MONTH_PATTERN}|{MONTH_ABBR_PATTERN})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
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
    reader = _Reader(headlines)
    article = reader.article
    for index in filled:
        if article.paragraphs and END_MARKERS.match(lines[index]):
            article.dropped.extend((n + 1, lines[n]) for n in filled if n >= index)
            break
        reader.read(index, lines[index])
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


class _Reader:
    """Reads an article's lines in order, keeping the dispatch (dateline) each paragraph of
    the body belongs to."""

    def __init__(self, headlines: set[int]):
        self.article = Article(None, None, [], None, "none", [])
        self.headlines = headlines
        self.reference: tuple[date, date | None] | None = None
        self.seen: set[str] = set()
        self.candidate: str | None = None  # the last headline-like line before the body starts

    def read(self, index: int, line: str) -> None:
        rest = self._opening(index, line)
        if rest is not None:
            self._body(index + 1, rest)

    def _opening(self, index: int, line: str) -> str | None:
        """Take a dateline, byline or headline from the line; the rest of it, which may be
        body text, or None when nothing is left."""
        article, number = self.article, index + 1
        if dateline := DATELINE.match(line):
            day = date(
                int(dateline["year"]),
                MONTHS[dateline["month"].lower().rstrip(".")],
                int(dateline["day"]),
            )
            article.datelines.append((number, dateline["place"].strip(), day.isoformat()))
            self.reference = (day, day)
            article.title = article.title or self.candidate
            return dateline["rest"] or None
        if byline := BYLINE.match(line):
            article.author = article.author or byline["author"]
            return None
        if index in self.headlines:
            self.candidate = line
            article.dropped.append((number, line))
            return None
        if (dash := PLACE_DASH.match(line)) and _is_body(dash["rest"]):
            article.datelines.append((number, dash["place"], None))
            return dash["rest"]
        return line

    def _body(self, number: int, line: str) -> None:
        """Keep the line as a paragraph, or drop it as furniture or a repeat."""
        article = self.article
        if FURNITURE.match(line) or not _is_body(line):
            if not article.paragraphs and _is_headline(line) and not FURNITURE.match(line):
                self.candidate = line
            article.dropped.append((number, line))
            return
        if line in self.seen:  # a standfirst repeated in the body, a line printed twice
            article.dropped.append((number, line))
            return
        self.seen.add(line)
        article.title = article.title or self.candidate
        article.paragraphs.append(Paragraph(line, number, self.reference))


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
