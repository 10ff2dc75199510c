"""JSON Schemas (draft 2020-12) of the content files, generated from generator/content/model.py,
and the lists of terms in docs/content-format.md, written from generator/content/vocabulary.py.

Editors use the schemas to complete and check content files as they are typed; the site
publishes them under ``data/schema/``, and committed copies live in ``schemas/`` at the
repository root. After changing the model or a vocabulary, regenerate the committed copies and
the docs' lists with ``make schemas``, which runs::

    .venv/bin/python -m generator.exports.schema

The schemas describe the shape of each file (fields, types, vocabularies, id and date
patterns). Checks that span files (unknown ids, quotes found in the article text, dates
against publication dates) remain the job of ``chronology validate``.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ..content import model, vocabulary
from ..content.licence import licence_reference

#: The JSON Schema dialect every schema declares.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Stable, domain-free base of the schemas' ``$id`` (a tag: URI, RFC 4151).
ID_BASE = "tag:chronology,2026:schema/"

#: Where the committed copies live, relative to the repository root.
COMMITTED_FOLDER = Path(__file__).resolve().parents[2] / "schemas"
#: The contributors' reference whose lists of terms are written from the vocabulary.
DOCS_FILE = Path(__file__).resolve().parents[2] / "docs" / "content-format.md"

#: What each kind of file is (RecordKind.word -> the schema's description).
DESCRIPTIONS: dict[str, str] = {
    "event": "One event of the chronology: content/events/<id>.yaml.",
    "actor": "An armed group, state, government body, military unit or person: "
    "content/actors/<id>.yaml.",
    "location": "A place events happen at: content/locations/<id>.yaml.",
    "source": "A published article the events are taken from: content/sources/<id>.yaml.",
}

_DATE_PART = r"[0-9X]{4}(-[0-9X]{2}(-[0-9X]{2})?)?[~?%]?"
_DATE_TIME = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}(:?[0-9]{2})?)"
)
#: What generator/content/edtf.py accepts: a date, a day with its time and UTC offset, or an
#: interval with at least one known end.
EDTF_PATTERN = (
    rf"^\s*({_DATE_PART}|{_DATE_TIME}|{_DATE_PART}/({_DATE_PART}|\.\.)?|(\.\.)?/{_DATE_PART})\s*$"
)
#: What model._check_url accepts.
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/$.?#]\S*$"

#: Validator function in model.py -> JSON Schema keywords that express it.
_VALIDATOR_KEYWORDS: dict[Any, dict[str, Any]] = {
    model._check_edtf: {
        "pattern": EDTF_PATTERN,
        "description": (
            "A date in EDTF: 2020-09-28, 2020-09, 2020, 2020-09-28~ (about), 2020-09? "
            "(uncertain), 2020-09-2X (unknown digits), 2020-07/2020-08 (between), "
            "2021-04/.. (open end), 2021-02-15T21:30+03:00 (a day, its local time and UTC "
            "offset)."
        ),
    },
    model._check_url: {
        "pattern": URL_PATTERN,
        "description": "A web address starting with http:// or https:// (any case), no spaces.",
    },
}


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, plus the rules model.py checks in Python validators."""

    def function_after_schema(
        self, schema: core_schema.AfterValidatorFunctionSchema
    ) -> JsonSchemaValue:
        result = super().function_after_schema(schema)
        extra = _VALIDATOR_KEYWORDS.get(schema["function"]["function"])
        if extra:
            result = {**result, **extra}
        return result


def _schema(kind: model.RecordKind) -> dict[str, Any]:
    generated = kind.model.model_json_schema(schema_generator=_Generator)
    generated.pop("title", None)
    generated.pop("description", None)
    document = {
        "$schema": DIALECT,
        "$id": f"{ID_BASE}{kind.word}.schema.json",
        "title": f"Chronology {kind.word} (content/{kind.folder}/<id>.yaml)",
        "description": DESCRIPTIONS[kind.word],
        # Not a JSON Schema keyword: validators ignore it; readers learn the schema's terms.
        "license": licence_reference(),
        **generated,
    }
    if document.get("additionalProperties") is not False:  # pragma: no cover - model guard
        raise AssertionError(f"{kind.model.__name__} must forbid unknown fields")
    return document


def schemas() -> dict[str, dict[str, Any]]:
    """One JSON Schema per file kind: {'event': {...}, 'actor': ..., 'location': ...,
    'source': ...}."""
    return {kind.word: _schema(kind) for kind in model.RECORD_KINDS}


def schema_texts() -> dict[str, str]:
    """The schemas as files, byte-for-byte stable: {'event.schema.json': text, ...} for the
    content files, and 'events.json.schema.json' for the data file events.json."""
    from .data_schema import EVENTS_SCHEMA_NAME, events_schema  # it reads this module's names

    documents = {f"{kind}.schema.json": document for kind, document in schemas().items()}
    documents[EVENTS_SCHEMA_NAME] = events_schema()
    return {
        name: json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        for name, document in documents.items()
    }


def write_schemas(folder: Path | str = COMMITTED_FOLDER) -> list[Path]:
    """Write every ``<kind>.schema.json`` into ``folder``; return the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


# --- the lists of terms in docs/content-format.md -----------------------------------------

#: A generated list in the docs sits between two such lines. They are Markdown link reference
#: definitions, which render as nothing: the page shows only the list.
_BEGIN = "[//]: # (vocabulary {name}: make schemas writes this list from content/vocabulary.py)"
_END = "[//]: # (end of vocabulary {name})"
_REGION = re.compile(
    r"^\[//\]: # \(vocabulary (?P<name>[a-z-]+):[^\n]*\)\n.*?"
    r"^\[//\]: # \(end of vocabulary (?P=name)\)$",
    re.M | re.S,
)


def _terms(terms: Iterable[str], notes: Mapping[str, str] | None = None) -> str:
    """'`a`, `b` (note), `c`': the terms in order, each with its note if it has one."""
    notes = notes or {}
    return ", ".join(f"`{t}` ({notes[t]})" if t in notes else f"`{t}`" for t in terms)


def _paragraph(text: str) -> str:
    """Wrapped at 95 characters, never inside a word: as the lists were written by hand, so the
    page (whose HTML keeps the line breaks) did not change when they became generated."""
    return textwrap.fill(text, width=95, break_long_words=False, break_on_hyphens=False)


def vocabulary_lists() -> dict[str, str]:
    """The Markdown of each generated list in docs/content-format.md, by its name there."""
    v = vocabulary
    inverses = ", ".join(f'"{inverse}"' for _, inverse in v.RELATIONS.values())
    paragraphs = {
        "event-types": [f"Event types: {_terms(v.EVENT_TYPES, v.EVENT_TYPE_NOTES)}."],
        "roles": [f"Roles: {_terms(v.ROLES, v.ROLE_NOTES)}."],
        "place-precisions": [f"Place precisions: {_terms(v.PLACE_PRECISIONS)}."],
        "casualty-groups": [f"Casualty groups: {_terms(v.CASUALTY_GROUPS)}."],
        "relations": [
            f"Relations: {_terms(v.RELATIONS)}.",
            "Relations are written once, on either event; the other event's page shows the "
            f"inverse ({inverses}).",
        ],
        "actor-kinds": [f"Actor kinds: {_terms(v.ACTOR_KINDS)}."],
        "location-kinds": [f"Location kinds: {_terms(v.LOCATION_KINDS)}."],
    }
    return {name: "\n\n".join(map(_paragraph, parts)) for name, parts in paragraphs.items()}


def docs_text(current: str) -> str:
    """``current`` (the text of docs/content-format.md) with every generated list written
    anew from the vocabulary; the rest of the text stays as it is."""
    lists = vocabulary_lists()
    found = [match["name"] for match in _REGION.finditer(current)]
    if sorted(found) != sorted(lists):
        raise ValueError(
            f"{DOCS_FILE.name} must hold each generated list once; it holds {found}, "
            f"the vocabulary has {list(lists)}"
        )

    def region(match: re.Match[str]) -> str:
        name = match["name"]
        return f"{_BEGIN.format(name=name)}\n\n{lists[name]}\n\n{_END.format(name=name)}"

    return _REGION.sub(region, current)


def write_docs(path: Path = DOCS_FILE) -> Path:
    """Write the generated lists of ``path`` anew; return it."""
    text = path.read_bytes().decode("utf-8")
    path.write_bytes(docs_text(text).encode("utf-8"))
    return path


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.exports.schema [FOLDER]``: regenerate the committed schemas (into
    FOLDER if given) and, without FOLDER, the lists in docs/content-format.md."""
    args = sys.argv[1:] if argv is None else argv
    for path in write_schemas(args[0] if args else COMMITTED_FOLDER):
        print(path)
    if not args:
        print(write_docs())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
