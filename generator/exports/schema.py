"""JSON Schemas (draft 2020-12) of the content files, generated from generator/content/model.py.

Editors use them to complete and check content files as they are typed; the site publishes
them under ``data/schema/``, and committed copies live in ``schemas/`` at the repository root.
After changing the model, regenerate the committed copies with::

    .venv/bin/python -m generator.exports.schema

The schemas describe the shape of each file (fields, types, vocabularies, id and date
patterns). Checks that span files (unknown ids, quotes found in the article text, dates
against publication dates) remain the job of ``chronology validate``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ..content import model

#: The JSON Schema dialect every schema declares.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Stable, domain-free base of the schemas' ``$id`` (a tag: URI, RFC 4151).
ID_BASE = "tag:chronology,2026:schema/"

#: Where the committed copies live, relative to the repository root.
COMMITTED_FOLDER = Path(__file__).resolve().parents[2] / "schemas"

#: File kind -> (model, folder under content/, description).
KINDS: dict[str, tuple[type[model.Strict], str, str]] = {
    "event": (
        model.Event,
        "events",
        "One event of the chronology: content/events/<id>.yaml.",
    ),
    "actor": (
        model.Actor,
        "actors",
        "An armed group, state, government body, military unit or person: "
        "content/actors/<id>.yaml.",
    ),
    "location": (
        model.Location,
        "locations",
        "A place events happen at: content/locations/<id>.yaml.",
    ),
    "source": (
        model.Source,
        "sources",
        "A published article the events are taken from: content/sources/<id>.yaml.",
    ),
}

_DATE_PART = r"[0-9X]{4}(-[0-9X]{2}(-[0-9X]{2})?)?[~?%]?"
#: What generator/content/edtf.py accepts: a date, or an interval with at least one known end.
EDTF_PATTERN = rf"^\s*({_DATE_PART}|{_DATE_PART}/({_DATE_PART}|\.\.)?|(\.\.)?/{_DATE_PART})\s*$"
#: What model._check_url accepts.
URL_PATTERN = r"^https?://[^\s/$.?#]\S*$"

#: Validator function in model.py -> JSON Schema keywords that express it.
_VALIDATOR_KEYWORDS: dict[Any, dict[str, Any]] = {
    model._check_edtf: {
        "pattern": EDTF_PATTERN,
        "description": (
            "A date in EDTF: 2020-09-28, 2020-09, 2020, 2020-09-28~ (about), 2020-09? "
            "(uncertain), 2020-09-2X (unknown digits), 2020-07/2020-08 (between), "
            "2021-04/.. (open end)."
        ),
    },
    model._check_url: {
        "pattern": URL_PATTERN,
        "description": "A web address starting with http:// or https://, without spaces.",
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


def _schema(kind: str) -> dict[str, Any]:
    record_model, folder, description = KINDS[kind]
    generated = record_model.model_json_schema(schema_generator=_Generator)
    generated.pop("title", None)
    generated.pop("description", None)
    document = {
        "$schema": DIALECT,
        "$id": f"{ID_BASE}{kind}.schema.json",
        "title": f"Chronology {kind} (content/{folder}/<id>.yaml)",
        "description": description,
        **generated,
    }
    if document.get("additionalProperties") is not False:  # pragma: no cover - model guard
        raise AssertionError(f"{record_model.__name__} must forbid unknown fields")
    return document


def schemas() -> dict[str, dict[str, Any]]:
    """One JSON Schema per file kind: {'event': {...}, 'actor': ..., 'location': ...,
    'source': ...}."""
    return {kind: _schema(kind) for kind in KINDS}


def schema_texts() -> dict[str, str]:
    """The schemas as files: {'event.schema.json': text, ...}, byte-for-byte stable."""
    return {
        f"{kind}.schema.json": json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        for kind, document in schemas().items()
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


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.exports.schema [FOLDER]``: regenerate the committed schemas."""
    args = sys.argv[1:] if argv is None else argv
    for path in write_schemas(args[0] if args else COMMITTED_FOLDER):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
