"""Casualty statements in a sentence: "killing one girl and wounding five civilians", "Three
Iraqi children and two women ... were killed", "none of its personnel had been hurt".

A verb of killing or wounding, and the people it counts: after it when it is active ("killing
three members of the US-led coalition"), before it when it is passive ("... were killed").
Each group of people is a number, up to three describing words and a noun; the words say which
casualty group it is (civilians for children and women, us_coalition for American troops...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBERS = {
    "no": 0, "none": 0,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_NUMBER = r"(?:\d{1,3}(?:,\d{3})*|" + "|".join(_NUMBERS) + r")"
_NOUN = (
    r"(?:civilians?|children|child|kids?|girls?|boys?|women|woman|men|man|people|persons?|"
    r"residents?|family members|soldiers?|troops?|servicem[ae]n|service members?|personnel|"
    r"police(?:m[ae]n| officers)?|officers?|guards?|contractors?|fighters?|militants?|"
    r"militiam[ae]n|paramilitar(?:y|ies)|members? of [\w' -]{2,40}?(?:coalition|forces|army|"
    r"police|militias?|group|brigades?|Hezbollah|Hashed|PMF)|Americans|Iraqis)"
)
#: "three Iraqi children", "two other children", "one contractor", "three members of the
#: US-led coalition": a number, up to three describing words, a noun for people.
_PEOPLE = re.compile(
    rf"\b(?i:(?P<qualifier>at least|more than|nearly|about|around|some|up to)\s+)?"
    rf"(?P<number>(?i:{_NUMBER}))\s+(?P<words>(?:[\w'’-]+\s+){{0,3}})(?P<noun>(?i:{_NOUN}))\b"
)
_VERB = re.compile(
    r"\b(?P<verb>kill(?:ed|ing|s)?|wound(?:ed|ing|s)?|injur(?:ed|ing|es|e)|hurt|dead|died)\b",
    re.IGNORECASE,
)
_JOIN = re.compile(r"^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)$")

GROUP_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("contractors", re.compile(r"contractor", re.I)),
    ("us_coalition", re.compile(r"coalition|american|\bus\b|u\.s\.|nato|marines?\b", re.I)),
    ("militia", re.compile(r"militia|fighter|militant|paramilitar|hezbollah|hashed|pmf", re.I)),
    (
        "iraqi_forces",
        re.compile(r"soldier|troop|police|officer|guard|security|army|servicem|forces", re.I),
    ),
    ("civilians", re.compile(r"civilian|child|kid|girl|boy|wom[ae]n|resident|family", re.I)),
]


def _group(phrase: str) -> str:
    for group, words in GROUP_WORDS:
        if words.search(phrase):
            return group
    return "unspecified"


@dataclass(frozen=True)
class Figure:
    kind: str  # "killed" or "wounded"
    group: str
    number: int
    phrase: str
    exact: bool  # False after "at least", "nearly", ...


def _people_chain(text: str, *, forward: bool) -> list[re.Match[str]]:
    """Groups of people joined by commas and 'and', right after (``forward``) or right
    before the verb."""
    matches = list(_PEOPLE.finditer(text))
    if forward:
        chain = []
        position = 0
        for match in matches:
            between = text[position : match.start()]
            if (not chain and between.strip(" ,") not in ("", "at least")) or (
                chain and not _JOIN.match(between)
            ):
                break
            chain.append(match)
            position = match.end()
        return chain
    chain = []
    end = len(text)
    for match in reversed(matches):
        between = text[match.end() : end]
        limit = 8 if not chain else 0
        words = between.split()
        if chain and not _JOIN.match(between):
            break
        if not chain and (len(words) > limit or re.search(r"[.;:]", between)):
            break
        chain.insert(0, match)
        end = match.start()
    return chain


def find_casualties(sentence: str) -> list[Figure]:
    """Killed and wounded people the sentence counts, by group."""
    figures = []
    for verb in _VERB.finditer(sentence):
        word = verb["verb"].lower()
        kind = "killed" if word.startswith(("kill", "dead", "died")) else "wounded"
        after = sentence[verb.end() :]
        before = sentence[: verb.start()]
        active = word.endswith(("ing", "s")) or not re.search(
            r"\b(?:was|were|been|be|is|are)\s+(?:\w+\s+)?$", before
        )
        chain = _people_chain(after, forward=True) if active and word != "dead" else []
        offset = verb.end()
        if not chain:
            chain, offset = _people_chain(before, forward=False), 0
        # "Three Iraqi children and two women ... were killed": five civilians.
        by_group: dict[str, list[re.Match[str]]] = {}
        for match in chain:
            group = _group(match.group(0))
            if group == "unspecified":  # "a coalition spokesman said none of its personnel"
                start = offset + match.start()
                group = _group(" ".join(sentence[:start].split()[-6:]))
            by_group.setdefault(group, []).append(match)
        for group, matches in by_group.items():
            number = sum(_number(m["number"]) for m in matches)
            phrase = " and ".join(m.group(0).strip() for m in matches)
            exact = not any(m["qualifier"] for m in matches)
            figures.append(Figure(kind, group, number, phrase, exact))
    return figures


def _number(text: str) -> int:
    text = text.lower().replace(",", "")
    return _NUMBERS[text] if text in _NUMBERS else int(text)
