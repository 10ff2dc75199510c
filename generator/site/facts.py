"""Facts derived from the catalog for pages: date wording, casualty wording, responsibility,
citations. Pure functions, no I/O."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from ..content import edtf
from ..content.catalog import Catalog
from ..content.model import Actor, CasualtyCounts, Event, Range
from ..content.vocabulary import CASUALTY_GROUP_WORDS, CASUALTY_GROUPS

MONTH_NAMES = [
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip


# --- dates -------------------------------------------------------------------------------


def date_precision_label(when: edtf.EDTFDate) -> str:
    if when.is_interval:
        label = "date range"
    elif when.start and when.start.unspecified:
        label = "some digits unknown"
    else:
        label = {
            "day": "exact day",
            "month": "month only",
            "season": "season only",
            "year": "year only",
        }[when.precision]
    if when.time:
        label = "exact day and time"
    if when.approximate:
        label += ", approximate"
    if when.uncertain:
        label += ", uncertain"
    return label


def short_date(when: edtf.EDTFDate) -> str:
    """The date as a chronology entry shows it, uncertainty in words: '28 September 2020',
    'about July 2020', 'September 2020 (month only)', 'between July and August 2020'."""
    words = edtf.describe(when)
    if not when.is_interval and when.start and not when.start.unspecified:
        if when.precision in ("month", "year"):
            words += f" ({when.precision} only)"
    return words


@functools.lru_cache(maxsize=65536)
def short_date_of(text: str) -> str:
    """``short_date`` of an EDTF date, worded once per date: a build shows each event's date
    on several pages."""
    return short_date(edtf.parse(text))


@functools.lru_cache(maxsize=65536)
def precision_label_of(text: str) -> str:
    """``date_precision_label`` of an EDTF date, worded once per date."""
    return date_precision_label(edtf.parse(text))


# --- casualties --------------------------------------------------------------------------


def figure_text(value: int | Range) -> str:
    if isinstance(value, Range):
        return f"{value.low}" if value.low == value.high else f"{value.low}–{value.high}"
    return str(value)


def casualty_parts(counts: CasualtyCounts | None) -> list[str]:
    """['5 civilians', '1 contractor', '1–3 militia members'] in CASUALTY_GROUPS order."""
    if counts is None:
        return []
    parts = []
    for group in CASUALTY_GROUPS:
        value = getattr(counts, group)
        if value is None:
            continue
        one, many = CASUALTY_GROUP_WORDS[group]
        single = value == 1 or (isinstance(value, Range) and value.low == value.high == 1)
        parts.append(f"{figure_text(value)} {one if single else many}")
    return parts


def total_text(total: tuple[int, int] | None) -> str:
    if total is None:
        return ""
    return str(total[0]) if total[0] == total[1] else f"{total[0]}–{total[1]}"


# --- responsibility ----------------------------------------------------------------------


@dataclass(frozen=True)
class Responsibility:
    carried_out: list[Actor]
    claimed: list[Actor]
    blamed: list[tuple[Actor, list[Actor]]]  # (suspected actor, who blamed them)


def responsibility(catalog: Catalog, event: Event) -> Responsibility:
    def actors(role: str) -> list[Actor]:
        return [catalog.actors[p.actor] for p in event.actors if p.role == role]

    blamed = [
        (catalog.actors[p.actor], [catalog.actors[b] for b in p.by])
        for p in event.actors
        if p.role == "suspected"
    ]
    return Responsibility(actors("perpetrator"), actors("claimed"), blamed)


# --- citing an event ---------------------------------------------------------------------


def citation_text(
    site_name: str, event: Event, when: edtf.EDTFDate, address: str, changed: str | None
) -> str:
    """A ready citation (Chicago-like, with the stable address)."""
    parts = [f"“{event.title}.” {site_name}, event {event.id} ({edtf.describe(when)})."]
    if changed:
        parts.append(f"Last changed {changed}.")
    parts.append(address)
    return " ".join(parts)


def csl_json(site_name: str, event: Event, address: str, changed: str | None) -> str:
    """CSL-JSON for reference managers (Zotero, Citation Style Language processors): what
    ``json.dumps([item], ensure_ascii=False, indent=2)`` gives for the item below, with
    ``"issued": {"date-parts": [[year, month, day]]}`` when the last change is known.

    Laid out here, each value by the json module's C encoder: with an indent json.dumps
    encodes in Python, a tenth of a second at 10,000 events (tests/site/test_render.py checks
    that both agree)."""
    item = {
        "id": event.id,
        "type": "entry-encyclopedia",
        "title": event.title,
        "container-title": site_name,
        "URL": address,
        "note": f"Event date (EDTF): {event.date}",
    }
    lines = [f"    {_json(key)}: {_json(value)}" for key, value in item.items()]
    if changed:
        year, month, day = (int(x) for x in changed.split("-"))
        lines.append(
            '    "issued": {\n      "date-parts": [\n        [\n'
            f"          {year},\n          {month},\n          {day}\n"
            "        ]\n      ]\n    }"
        )
    return "[\n  {\n" + ",\n".join(lines) + "\n  }\n]"


_json = json.JSONEncoder(ensure_ascii=False).encode
