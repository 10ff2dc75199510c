"""``chronology new``: write a new, correctly named content file with every field explained.

Values the contributor gave are written as YAML; optional fields left out are written as
commented-out examples under a comment that explains them, so the file documents itself. The
values are checked as they are given (``answers.py``), so a file written with every required
value validates at once, apart from cross-file checks (ids that do not exist yet, quotes not
found in the article) that ``chronology validate`` reports.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.load import LoadError, parse_text
from ..content.model import FOLDER_OF_WORD
from ..content.vocabulary import (
    ACTOR_KINDS,
    CASUALTY_GROUPS,
    EVENT_TYPES,
    LOCATION_KINDS,
    PLACE_PRECISIONS,
    RELATIONS,
    ROLES,
)
from ..errors import ChronologyError
from .answers import check_id, make_id

WIDTH = 96


# --- writing YAML -----------------------------------------------------------------------------


def scalar(value: Any) -> str:
    """A value as a one-line YAML scalar that the strict loader reads back unchanged."""
    if isinstance(value, float | int):
        return repr(value)
    text = str(value)
    try:
        if parse_text(f"k: {text}\n", "-").data == {"k": text} and "\n" not in text:
            return text
    except LoadError:
        pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def folded(value: str, indent: str) -> list[str]:
    """A long text as a folded block (``>-``) wrapped to the house width."""
    lines = [">-"]
    for number, paragraph in enumerate(value.strip().split("\n\n")):
        if number:
            lines.append("")
        wrapped = textwrap.wrap(
            " ".join(paragraph.split()),
            width=WIDTH - len(indent),
            break_on_hyphens=False,  # a hyphen at the end of a line would fold into "x- y"
            break_long_words=False,
        )
        lines.extend(indent + line for line in wrapped)
    return lines


def comment(text: str) -> list[str]:
    """An explanation: '## ' lines, so that they differ from commented-out fields ('# ')."""
    return ["## " + line for line in textwrap.wrap(text, width=WIDTH - 3, break_on_hyphens=False)]


def commented(lines: list[str]) -> list[str]:
    return ["# " + line if line else "#" for line in lines]


@dataclass
class Writer:
    """Collects the lines of one file: comments, fields, commented-out examples."""

    lines: list[str]

    def field(self, help_text: str, key: str, value: Any, example: list[str] | None = None):
        self.lines.extend(comment(help_text))
        if value is None or value == []:
            self.lines.extend(commented(example or [f"{key}: ..."]))
        elif isinstance(value, list):
            self.lines.append(f"{key}: [" + ", ".join(scalar(v) for v in value) + "]")
        elif isinstance(value, tuple):  # coordinates
            self.lines.append(f"{key}: {{lat: {value[0]!r}, lon: {value[1]!r}}}")
        elif isinstance(value, str) and len(f"{key}: {value}") > WIDTH:
            self.lines.append(f"{key}: " + "\n".join(folded(value, "  ")))
        else:
            self.lines.append(f"{key}: {scalar(value)}")

    def block(self, help_text: str, key: str, items: list[list[str]], example: list[str]):
        self.lines.extend(comment(help_text))
        if items:
            self.lines.append(f"{key}:")
            for item in items:
                self.lines.append("  - " + item[0])
                self.lines.extend("    " + line for line in item[1:])
        else:
            self.lines.extend(commented([f"{key}:", *example]))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _header(kind: str, path: str) -> list[str]:
    return [
        f"## A new {kind}. Lines starting with '## ' explain the field below them. Optional",
        "## fields are commented out with '# ': delete the '# ' in front of their lines to use",
        "## them. The explanations may stay or go. Rules: CONTRIBUTING.md. Check with:",
        f"##   chronology validate {path}",
        "",
    ]


# --- the four kinds ---------------------------------------------------------------------------


def event_text(values: dict[str, Any], path: str) -> str:
    w = Writer(_header("event", path))
    w.field(
        "The id is the file name without .yaml: the date, then a few words of the title. Never "
        "change it once published: it is the page's address.",
        "id",
        values["id"],
    )
    w.field(
        "When it happened, in EDTF: 2020-09-28 (that day), 2020-09 (that month), 2020-09-28~ "
        "(about), 2020-09? (probably), 2020-09-2X (between the 20th and 29th), 2020-07/2020-08 "
        "(between). Never guess a day the sources do not give.",
        "date",
        values["date"],
    )
    w.field("A short, neutral headline: what happened, where.", "title", values["title"])
    w.field(f"What happened, one of: {', '.join(EVENT_TYPES)}.", "type", values["type"])
    w.lines.extend(
        comment(
            "One or two neutral paragraphs; only what the sources say, and who says it "
            "('the army said'). No adjectives of your own."
        )
    )
    w.lines.append("summary: " + "\n".join(folded(values["summary"], "  ")))
    _where_who_harm(w, values)
    _evidence_and_links(w, values)
    return w.text()


def _where_who_harm(w: Writer, values: dict[str, Any]) -> None:
    """An event's places, actors and casualties."""
    w.block(
        "Where: location ids from content/locations/ (a new place: chronology new location). "
        f"precision: {' | '.join(PLACE_PRECISIONS)}.",
        "locations",
        [[f"place: {place}", f"precision: {precision}"] for place, precision in values["places"]],
        ["  - place: baghdad-international-airport", "    precision: near"],
    )
    w.block(
        "Who: actor ids from content/actors/ (a new actor: chronology new actor) and their role: "
        f"{', '.join(ROLES)}. For 'suspected', 'by' lists who blamed them.",
        "actors",
        [[f"actor: {actor}", f"role: {role}"] for actor, role in values["actors"]],
        [
            "  - actor: kataib-hezbollah",
            "    role: suspected",
            "    by: [iraqi-intelligence]",
        ],
    )
    w.block(
        "Casualties exactly as the sources give them, by group: "
        f"{', '.join(CASUALTY_GROUPS)}. Leave a group (or the whole field) out when the sources "
        "do not say: 0 means 'nobody'. When sources disagree write {low: 1, high: 3}.",
        "casualties",
        [],
        ["  killed: {civilians: 5}", "  wounded: {civilians: 2}"],
    )


def _evidence_and_links(w: Writer, values: dict[str, Any]) -> None:
    """An event's sources, its links to other events, tags and notes."""
    w.lines.extend(
        comment(
            "Every fact needs a source (an id from content/sources/) and the source's exact "
            "words that support it (quote, at most 600 characters; '...' joins two parts that "
            "appear in that order). Cite the same source again for each further quote."
        )
    )
    w.lines.append("sources:")
    w.lines.append(f"  - source: {values['source']}")
    w.lines.append("    quote: " + "\n".join(folded(values["quote"], "      ")))
    w.block(
        f"Other events this one relates to: {' | '.join(RELATIONS)}. Write a link once, on "
        "either event.",
        "related",
        [],
        ["  - event: 2020-09-pompeo-ultimatum-to-barham-saleh", "    relation: context"],
    )
    _distinct_from(w, "event", "2020-09-28-rocket-hits-house-near-baghdad-airport")
    w.field(
        "Keywords for grouping (lower-case, hyphens).", "tags", None, ["tags: [baghdad-airport]"]
    )
    w.field(
        "Caveats: where sources disagree, why the date is uncertain, what is not known.",
        "notes",
        None,
        ["notes: >-", "  The army gave five dead; the police gave four."],
    )


def _id_and_name(w: Writer, values: dict[str, Any]) -> None:
    """The two fields actors and locations open with."""
    w.field(
        "The id is the file name without .yaml, made from the name. Never change it once "
        "published.",
        "id",
        values["id"],
    )
    w.field("The name most sources use.", "name", values["name"])


def _distinct_from(w: Writer, word: str, example: str) -> None:
    alike = (
        "the same type and place within two days, or the same quote"
        if word == "event"
        else "a name or alias in common"
    )
    w.block(
        f"When validate takes another {word} for this one ({alike}) but they are two: its "
        "id, and what tells them apart.",
        "distinct_from",
        [],
        [f"  - {word}: {example}", "    reason: ..."],
    )


def actor_text(values: dict[str, Any], path: str) -> str:
    w = Writer(_header("actor", path))
    _id_and_name(w, values)
    w.field(
        "Every other spelling the sources use (Kataeb Hezbollah, Hezbollah Brigades): "
        "chronology extract and validate find the actor by any of them.",
        "aliases",
        values["aliases"],
        ["aliases: [Kataeb Hezbollah, Hezbollah Brigades]"],
    )
    w.field("The name in Arabic, if known.", "name_ar", values.get("name_ar"), ["name_ar: ..."])
    w.field(f"What it is, one of: {', '.join(ACTOR_KINDS)}.", "kind", values["kind"])
    w.field(
        "The actor it belongs to, if any (an actor id).",
        "parent",
        values.get("parent"),
        ["parent: popular-mobilisation-forces"],
    )
    w.field(
        "Short and neutral; cite the sources of what it says below.",
        "description",
        values.get("description"),
        ["description: >-", "  Iran-backed Iraqi armed group ..."],
    )
    w.block(
        "Sources for the description: a source id and its exact words.",
        "sources",
        [],
        [
            "  - source: afp-2020-11-17-us-embassy-rocket-fire",
            '    quote: "...the words of the source..."',
        ],
    )
    _distinct_from(w, "actor", "kataib-hezbollah")
    return w.text()


def location_text(values: dict[str, Any], path: str) -> str:
    w = Writer(_header("location", path))
    _id_and_name(w, values)
    w.field(
        "Other spellings the sources use (Baghdad airport).",
        "aliases",
        values["aliases"],
        ["aliases: [Baghdad airport]"],
    )
    w.field("The name in Arabic, if known.", "name_ar", values.get("name_ar"), ["name_ar: ..."])
    w.field(f"What it is, one of: {', '.join(LOCATION_KINDS)}.", "kind", values["kind"])
    coordinates = values.get("coordinates")  # (lat, lon) or None
    w.field(
        "WGS84 decimal degrees (latitude, longitude), e.g. from OpenStreetMap; leave out when "
        "not known. Say in the description when they are approximate.",
        "coordinates",
        coordinates,
        ["coordinates: {lat: 33.2625, lon: 44.2346}"],
    )
    w.field(
        "The place it lies in, if any (a location id).",
        "parent",
        values.get("parent"),
        ["parent: baghdad"],
    )
    w.field(
        "Optional, short and neutral.",
        "description",
        values.get("description"),
        ["description: ..."],
    )
    _distinct_from(w, "location", "baghdad")
    return w.text()


def source_text(values: dict[str, Any], path: str) -> str:
    w = Writer(_header("source", path))
    w.field(
        "The id is the file name without .yaml: outlet, publication date, a few words of the "
        "title. Never change it once published.",
        "id",
        values["id"],
    )
    w.field("Who wrote it: the news agency or paper (AFP, Reuters).", "outlet", values["outlet"])
    w.field(
        "Where it was read, when that differs from the outlet.",
        "publisher",
        values.get("publisher"),
        ["publisher: SpaceWar.com"],
    )
    w.field("The byline, if there is one.", "author", values.get("author"), ["author: ..."])
    w.field(
        "Publication date in EDTF (2020-09-28; 2020-07~ when only known roughly).",
        "date",
        values["date"],
    )
    w.field("The dateline city, if any.", "dateline", values.get("dateline"), ["dateline: Baghdad"])
    w.field("The headline, as published.", "title", values["title"])
    w.field(
        "The web address (http:// or https://); leave out when not known.",
        "url",
        values.get("url"),
        ["url: https://www.example.com/news/article"],
    )
    w.field(
        "The article's text as a file in seeds/ (name.txt): every quote citing this source is "
        "checked against it. Keep it out of the site: only short quotes are published.",
        "seed",
        values.get("seed"),
        ["seed: 005_article.txt"],
    )
    w.field(
        "How the article was found or dated, and anything a reader should know.",
        "notes",
        None,
        ["notes: >-", "  ..."],
    )
    return w.text()


WRITERS = {
    "event": event_text,
    "actor": actor_text,
    "location": location_text,
    "source": source_text,
}


def write_new(root: Path, kind: str, values: dict[str, Any]) -> Path:
    """Write ``content/<folder>/<id>.yaml``; refuse to overwrite. Returns the path."""
    record_id = values.get("id") or make_id(kind, values)
    if not record_id:
        raise ChronologyError(
            "cannot make an id from that text (no Latin letters or digits); give one with --id"
        )
    values = {**values, "id": check_id(record_id)}
    relative = f"content/{FOLDER_OF_WORD[kind]}/{record_id}.yaml"
    path = root / relative
    if path.exists():
        raise ChronologyError(
            f"{relative}: already exists; edit that file, or give another id with --id"
        )
    text = WRITERS[kind](values, relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
