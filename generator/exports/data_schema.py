"""The JSON Schema (draft 2020-12) of ``data/events.json``: what a reader of the data may rely
on, field by field, as docs/data.md describes it. Published beside the content files' schemas
(``data/schema/events.json.schema.json``) and committed under ``schemas/``; the tests validate
every events.json they make against it, so the schema and the file cannot drift apart."""

from __future__ import annotations

from typing import Any

from ..content import vocabulary
from ..content.licence import licence_reference
from .schema import DIALECT, ID_BASE

#: The file name of the schema, under data/schema/ and schemas/.
EVENTS_SCHEMA_NAME = "events.json.schema.json"

_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
_TEXT = {"type": "string"}
_OPTIONAL_TEXT = {"type": ["string", "null"]}
_DAY = {"type": ["string", "null"], "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_COUNT = {"type": "integer", "minimum": 0}


def _enum(terms: Any, description: str) -> dict[str, Any]:
    return {"enum": list(terms), "description": description}


def _record(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """An object with exactly these members, all required but ``optional``."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


def _defs() -> dict[str, Any]:
    v = vocabulary
    low_high = _record({"low": _COUNT, "high": _COUNT})
    low_high["description"] = "A figure: low and high are equal when it is exact."
    counts = _record(
        {
            "low": _COUNT,
            "high": _COUNT,
            "by_group": {
                "type": "object",
                "propertyNames": {"enum": list(v.CASUALTY_GROUPS)},
                "additionalProperties": {"$ref": "#/$defs/figure"},
                "description": "The figure of each group a figure is given for.",
            },
        }
    )
    counts["description"] = "The total over the groups, and each group's figure."
    casualties = _record(
        {"killed": {"$ref": "#/$defs/counts"}, "wounded": {"$ref": "#/$defs/counts"}},
        optional=("killed", "wounded"),
    )
    casualties["description"] = "Only what a figure is given for: absent means unknown, never 0."
    return {"figure": low_high, "counts": counts, "casualties": casualties}


def _citation() -> dict[str, Any]:
    """One of an event's sources: what it says, and what it counts where sources disagree."""
    return _record(
        {
            "id": _ID,
            "quote": {**_TEXT, "description": "The source's words (its copyright)."},
            "casualties": {
                "$ref": "#/$defs/casualties",
                "description": "The figures this source gives, where sources disagree; "
                "absent when the content gives none per source.",
            },
            "note": {**_TEXT, "description": "The content's note on this source."},
        },
        optional=("casualties", "note"),
    )


def _event() -> dict[str, Any]:
    v = vocabulary
    return _record(
        {
            "id": _ID,
            "date": {**_TEXT, "description": "The date as written, in EDTF."},
            "start": {**_DAY, "description": "First possible day; null for an open start."},
            "end": {**_DAY, "description": "Last possible day; null for an open end."},
            "time": {
                "type": ["string", "null"],
                "pattern": r"^\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}(:?\d{2})?)$",
                "description": "The local time of day and its UTC offset ('21:30+03:00'), "
                "when the date gives one; else null.",
            },
            "title": _TEXT,
            "type": _enum(v.EVENT_TYPES, "The event type."),
            "summary": _TEXT,
            "url": {**_TEXT, "description": "The event's page."},
            "actors": {
                "type": "array",
                "items": _record(
                    {
                        "id": _ID,
                        "name": _TEXT,
                        "role": _enum(v.ROLES, "The actor's part in the event."),
                        "by": {"type": "array", "items": _ID, "description": "Who blamed them."},
                    },
                    optional=("by",),
                ),
            },
            "locations": {
                "type": "array",
                "items": _record(
                    {
                        "id": _ID,
                        "name": _TEXT,
                        "precision": _enum(v.PLACE_PRECISIONS, "How exactly it is placed."),
                        "lat": {"type": "number"},
                        "lon": {"type": "number"},
                    },
                    optional=("lat", "lon"),
                ),
            },
            "casualties": {"$ref": "#/$defs/casualties"},
            "sources": {"type": "array", "minItems": 1, "items": _citation()},
            "related": {
                "type": "array",
                "items": _record({"id": _ID, "relation": _enum(v.RELATIONS, "How.")}),
            },
            "tags": {"type": "array", "items": _ID},
        }
    )


def _people_or_places(kinds: Any, extra: dict[str, Any]) -> dict[str, Any]:
    return _record(
        {
            "id": _ID,
            "name": _TEXT,
            "name_ar": _OPTIONAL_TEXT,
            "aliases": {"type": "array", "items": _TEXT},
            "kind": _enum(kinds, "What it is."),
            "parent": {"type": ["string", "null"]},
            **extra,
            "url": _TEXT,
        }
    )


def events_schema() -> dict[str, Any]:
    """The JSON Schema of data/events.json."""
    v = vocabulary
    number_or_null = {"type": ["number", "null"]}
    licence = _record(
        {
            "id": _TEXT,
            "name": _TEXT,
            "url": _TEXT,
            "attribution": _TEXT,
            "excludes": _TEXT,
        }
    )
    return {
        "$schema": DIALECT,
        "$id": f"{ID_BASE}{EVENTS_SCHEMA_NAME}",
        "title": "Chronology open data: data/events.json",
        "description": "Every event, actor, location and source of the chronology, as "
        "docs/data.md describes them. Fields may be added without a new version; a field "
        "that changes meaning or disappears bumps 'version'.",
        "license": licence_reference(),
        "type": "object",
        "properties": {
            "version": {"const": 1},
            "license": licence,
            "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
            "actors": {"type": "array", "items": _people_or_places(v.ACTOR_KINDS, {})},
            "locations": {
                "type": "array",
                "items": _people_or_places(
                    v.LOCATION_KINDS, {"lat": number_or_null, "lon": number_or_null}
                ),
            },
            "sources": {
                "type": "array",
                "items": _record(
                    {
                        "id": _ID,
                        "outlet": _TEXT,
                        "author": _OPTIONAL_TEXT,
                        "date": _TEXT,
                        "title": _TEXT,
                        "original_url": _OPTIONAL_TEXT,
                        "url": _TEXT,
                    }
                ),
            },
        },
        "required": ["version", "license", "events", "actors", "locations", "sources"],
        "additionalProperties": False,
        "$defs": {**_defs(), "event": _event()},
    }
