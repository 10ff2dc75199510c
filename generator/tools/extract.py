"""``chronology extract``: draft events from a news article, for a person to finish.

The article is read by ``article.py`` (page furniture dropped, datelines and dates found).
Here, each sentence that reports something (a rocket, a strike, an arrest, casualties) and
names or implies a date becomes a draft event, or joins the draft of the same date and type;
known actors and places are found by every name and alias in the catalog (``gazetteer.py``),
casualty statements ("killing one girl and wounding five civilians") become figures by group
(``casualties.py``). The output is YAML with the sentence each value came from in a comment
above it, and every guess a person must check marked TODO, which ``chronology validate``
refuses until it is replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..content import edtf
from ..content.model import Actor, Location, Source
from ..content.vocabulary import PLACE_PRECISIONS, ROLES
from .answers import date_prefix
from .article import Article, Paragraph, read_article, sentences
from .casualties import Figure, find_casualties
from .date_mentions import DateMention, find_dates, interval_text, mentions_a_date
from .gazetteer import Gazetteer
from .scaffold import folded, scalar

# --- what happened -----------------------------------------------------------------------------

#: Words that say what kind of event a sentence reports; the first that matches wins.
TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in [
        ("airstrike", r"\b(?:air ?strikes?|drone strikes?|strikes?|bombed|bombing raids?)\b"),
        (
            "drone-attack",
            r"\bdrones?\b.{0,40}\b(?:attacks?|assaults?|struck|hit)\b|\bdrone attacks?\b",
        ),
        ("thwarted-attack", r"\b(?:thwart(?:ed)?|foil(?:ed)?)\b"),
        ("interception", r"\b(?:intercept(?:ed|s)?|shot down|repell?ed)\b"),
        ("rocket-attack", r"\b(?:rockets?|katyushas?|mortars?)\b"),
        ("ied-attack", r"\b(?:roadside bombs?|improvised explosives?|ieds?)\b"),
        ("explosion", r"\b(?:explosions?|blasts?)\b"),
        ("arrest-raid", r"\b(?:arrest(?:ed|s)?|detain(?:ed|s)?|raids?)\b"),
        ("protest", r"\b(?:protests?|protesters|demonstrations?|rall(?:y|ied))\b"),
        ("political", r"\b(?:vot(?:ed|e)|took office|sidelined|appointed|named .{0,40}to)\b"),
        ("diplomatic", r"\b(?:called|ultimatum|visit|dialogue|talks|threatened to close)\b"),
        (
            "military-posture",
            r"\b(?:troop (?:levels|numbers|cut)|withdraw(?:al)?|slash troop|footprint|"
            r"deploy(?:ed)?)\b",
        ),
        ("statement", r"\b(?:condemned|told reporters|warned)\b"),
    ]
]


def event_type(sentence: str) -> tuple[str, str] | None:
    """(type, the words that suggest it), or None. The earliest words in the sentence win
    ("Pompeo called Saleh ... if the rockets did not stop" is diplomatic); at the same place,
    the earlier entry of TRIGGERS ("drone strike" is an airstrike, not a drone attack)."""
    found = []
    for rank, (kind, pattern) in enumerate(TRIGGERS):
        match = pattern.search(sentence)
        if match:
            found.append((match.start(), rank, kind, match.group(0)))
    if not found:
        return None
    _, _, kind, words = min(found)
    return kind, words


# --- drafts ------------------------------------------------------------------------------------


@dataclass
class Evidence:
    """A sentence of the article, and where it is."""

    text: str
    line: int


@dataclass
class Draft:
    date: DateMention | None  # None: the dispatch's own date is used
    date_text: str
    date_from: Evidence
    type: tuple[str, str] | None
    type_from: Evidence | None
    source: str | None
    sentences: list[Evidence] = field(default_factory=list)
    actors: dict[str, tuple[str, Evidence]] = field(default_factory=dict)
    places: dict[str, tuple[str, Evidence]] = field(default_factory=dict)
    casualties: dict[tuple[str, str], tuple[Figure, Evidence]] = field(default_factory=dict)
    last_paragraph: int = 0

    def add(self, sentence: Evidence, gazetteer: Gazetteer, figures: list[Figure]) -> None:
        if sentence.text not in [s.text for s in self.sentences]:
            self.sentences.append(sentence)
        for mention in gazetteer.find(sentence.text):
            table = self.actors if mention.kind == "actor" else self.places
            table.setdefault(mention.id, (mention.phrase, sentence))
        for figure in figures:
            key = (figure.kind, figure.group)
            if key not in self.casualties or self.casualties[key][0].number < figure.number:
                self.casualties[key] = (figure, sentence)


@dataclass
class Extraction:
    article: Article
    drafts: list[Draft]


def _source_for(
    sources: Iterable[Source], seed: str | None, reference: tuple[date, date | None] | None
) -> str | None:
    """The catalog's source for this article text (the one whose date is the dispatch's)."""
    candidates = [s for s in sources if seed and s.seed == seed]
    if reference:
        for source in candidates:
            when = edtf.parse(source.date)
            if when.earliest == reference[0]:
                return source.id
    return candidates[0].id if candidates else None


#: How many paragraphs after a dated sentence an undated one may still continue its story.
FOLLOW_ON = 2
#: Who claimed or was blamed: part of the story of the event before.
RESPONSIBILITY = re.compile(
    r"\b(?:claim(?:ed|s|ing)? (?:responsibility|the attack|the strike)|claimed\b|"
    r"blam(?:ed|es|ing)|accus(?:ed|es|ing)|deni(?:ed|es) (?:involvement|responsibility))",
    re.IGNORECASE,
)


def extract(
    text: str,
    actors: Mapping[str, Actor],
    locations: Mapping[str, Location],
    sources: Iterable[Source] = (),
    *,
    published: str | None = None,
    seed: str | None = None,
) -> Extraction:
    """Draft events from an article's text.

    A sentence that reports something (``event_type``) or counts casualties is drafted when
    it names a date, or an earlier sentence of its paragraph does. Without one, it continues
    the story of the last draft when that was at most FOLLOW_ON paragraphs before and the
    sentence counts casualties or reports the same type of event; otherwise, in the lead
    paragraph of a dispatch, or in an article whose only date is its publication date, it is
    dated by the dispatch; else it is left out. Drafts of the same date and type are merged.
    """
    article = read_article(text, published)
    drafter = _Drafter(article, Gazetteer(actors, locations), list(sources), seed)
    for index, paragraph in enumerate(article.paragraphs):
        # A date named earlier in the paragraph holds for the sentences after it.
        paragraph_date: tuple[DateMention, Evidence] | None = None
        for text_of_sentence in sentences(paragraph.text):
            evidence = Evidence(text_of_sentence, paragraph.line)
            dates = find_dates(text_of_sentence, paragraph.reference)
            if dates:
                paragraph_date = (dates[0], evidence)
            elif mentions_a_date(text_of_sentence):
                paragraph_date = None  # a date we cannot resolve: not the one before
            drafter.read(index, paragraph, evidence, paragraph_date)
    return Extraction(article, drafter.drafts)


class _Drafter:
    """The drafts of one article, built sentence by sentence in reading order."""

    def __init__(
        self, article: Article, gazetteer: Gazetteer, sources: list[Source], seed: str | None
    ):
        self.article, self.gazetteer, self.sources, self.seed = article, gazetteer, sources, seed
        self.undated_article = article.published_from == "given"
        self.drafts: list[Draft] = []
        self.current: Draft | None = None  # the draft the last reporting sentence went into
        self.lead_of: set[int] = set()  # the first paragraph of each dispatch
        last_reference: object = object()
        for index, paragraph in enumerate(article.paragraphs):
            if paragraph.reference != last_reference:
                self.lead_of.add(index)
                last_reference = paragraph.reference

    def read(
        self,
        index: int,
        paragraph: Paragraph,
        evidence: Evidence,
        paragraph_date: tuple[DateMention, Evidence] | None,
    ) -> None:
        """Draft the sentence ``evidence`` of paragraph ``index``, add it to a draft, or skip it."""
        mention, date_from = paragraph_date or (None, evidence)
        kind = event_type(evidence.text)
        figures = find_casualties(evidence.text)
        blame = RESPONSIBILITY.search(evidence.text) is not None
        if not kind and not figures and not blame:
            return
        if mention is None:
            if self._continues_story(index, evidence, kind, figures, blame):
                return
            date_text = self._dispatch_date(index, paragraph)
            if date_text is None:
                return
        else:
            date_text = mention.edtf
        if not kind and not figures:
            return  # who claimed or blamed: only as part of a story already drafted
        draft = next(
            (
                d
                for d in self.drafts
                if d.date_text == date_text
                and (d.type is None or kind is None or d.type[0] == kind[0])
            ),
            None,
        )
        if draft is None:
            source = _source_for(self.sources, self.seed, paragraph.reference)
            draft = Draft(mention, date_text, date_from, kind, evidence if kind else None, source)
            self.drafts.append(draft)
        elif draft.type is None and kind:
            draft.type, draft.type_from = kind, evidence
        draft.add(evidence, self.gazetteer, figures)
        draft.last_paragraph = index
        self.current = draft

    def _continues_story(
        self,
        index: int,
        evidence: Evidence,
        kind: tuple[str, str] | None,
        figures: list[Figure],
        blame: bool,
    ) -> bool:
        """Add an undated sentence to the last draft when it goes on with that story."""
        current = self.current
        if current is None or index - current.last_paragraph > FOLLOW_ON:
            return False
        same_type = bool(current.type and kind and kind[0] == current.type[0])
        if not (figures or same_type or blame):
            return False
        current.add(evidence, self.gazetteer, figures)
        current.last_paragraph = index
        return True

    def _dispatch_date(self, index: int, paragraph: Paragraph) -> str | None:
        """The date of an undated sentence that starts a story: its dispatch's, in a lead
        paragraph or an article dated only by its publication date; else None (left out)."""
        if not paragraph.reference or not (index in self.lead_of or self.undated_article):
            return None
        if self.undated_article and self.article.published:
            return self.article.published
        return interval_text(*paragraph.reference)


# --- output ------------------------------------------------------------------------------------


def _said(evidence: Evidence, phrase: str | None = None) -> list[str]:
    quoted = evidence.text if len(evidence.text) <= 240 else evidence.text[:237] + "..."
    where = f"line {evidence.line}"
    head = f'  # "{phrase}" in ({where}): ' if phrase else f"  # from ({where}): "
    return [head + quoted]


def render(extraction: Extraction, article_name: str) -> str:
    """The drafts as YAML documents, each value under a comment quoting its sentence."""
    article = extraction.article
    out = [
        f"# Drafts from {article_name}: {len(extraction.drafts)} possible events.",
        "# Check every value against the article; replace every TODO; keep only what the",
        "# sources say. Save each draft as content/events/<its id>.yaml (one per file) and run",
        "# chronology validate.",
    ]
    if article.title:
        out.append(f"# Headline: {article.title}")
    if article.author:
        out.append(f"# Byline: {article.author}")
    for line, place, day in article.datelines:
        out.append(f"# Dateline (line {line}): {place}" + (f", {day}" if day else ", no date"))
    if article.published_from == "dateline":
        out.append(f"# Dates are resolved against the dateline date {article.published}.")
    elif article.published_from == "given":
        out.append(
            f"# The text has no dated dateline: dates are resolved against --date "
            f"{article.published}."
        )
    else:
        out.append(
            "# The text has no dated dateline and no --date was given: relative dates "
            "(Monday, last week) were not resolved. Give the publication date with --date."
        )
    out.append(f"# Page furniture dropped: {len(article.dropped)} lines.")
    for number, draft in enumerate(extraction.drafts, start=1):
        out.append("---")
        out.extend(_draft_lines(draft, number))
    return "\n".join(out) + "\n"


def _draft_lines(draft: Draft, number: int) -> list[str]:
    lines = [f"# Draft {number}"]
    slug = f"{date_prefix(draft.date_text)}-TODO-short-title".lstrip("-")
    lines.append(f"id: {slug}")
    if draft.date:
        lines.extend(c.lstrip() for c in _said(draft.date_from, draft.date.phrase))
    else:
        lines.append(
            "# No date in the sentence: the dispatch's own date is used. "
            f"(line {draft.date_from.line})"
        )
    lines.append(f"date: {scalar(draft.date_text)}")
    lines.append("title: TODO a short, neutral headline")
    if draft.type and draft.type_from:
        lines.extend(c.lstrip() for c in _said(draft.type_from, draft.type[1]))
        lines.append(f"type: {draft.type[0]}")
    else:
        lines.append("type: TODO")
    lines.append("summary: >-")
    lines.append("  TODO one or two neutral sentences; only what the sources say.")
    if draft.places:
        lines.append("locations:")
        for place, (phrase, evidence) in draft.places.items():
            lines.extend(_said(evidence, phrase))
            lines.append(f"  - place: {place}")
            lines.append(f"    precision: exact  # TODO {' | '.join(PLACE_PRECISIONS)}")
    if draft.actors:
        lines.append("actors:")
        for actor, (phrase, evidence) in draft.actors.items():
            lines.extend(_said(evidence, phrase))
            lines.append(f"  - actor: {actor}")
            lines.append(f"    role: TODO  # {' | '.join(ROLES)}")
    if draft.casualties:
        lines.append("casualties:")
        for kind in ("killed", "wounded"):
            figures = {g: f for (k, g), f in draft.casualties.items() if k == kind}
            if not figures:
                continue
            for figure, evidence in figures.values():
                lines.extend(_said(evidence, figure.phrase))
                if not figure.exact:
                    lines.append("  # TODO not an exact figure: a {low: n, high: n} range?")
            counts = ", ".join(f"{g}: {f.number}" for g, (f, _) in figures.items())
            lines.append(f"  {kind}: {{{counts}}}")
    lines.append("sources:")
    source = draft.source or "TODO-source-id"
    for evidence in draft.sentences:
        lines.append(f"  - source: {source}")
        quote = evidence.text if len(evidence.text) <= 600 else evidence.text[:597] + "..."
        lines.append("    quote: " + "\n".join(folded(quote, "      ")))
    return lines
