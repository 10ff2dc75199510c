"""Turn pydantic validation errors into messages a contributor can act on, each pinned to
the line and column of the offending YAML node."""

from __future__ import annotations

import difflib
import math
import re
import sys
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from .ids import slug
from .load import Document
from .model import SLUG
from .suggest import term_hint
from .text import describe_character, invisible_character, shorten


def closest(word: str, candidates: typing.Iterable[str]) -> str | None:
    """The most similar candidate, if any is similar enough to be a likely typo."""
    if len(word) > 200:
        return None  # no id is this long, and difflib's time grows with it
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: typing.Iterable[str]) -> str:
    match = closest(word, candidates)
    return f" (did you mean {match!r}?)" if match else ""


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, str):
        return f"the text {shorten(value)!r}"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__  # pragma: no cover


#: A date written the way people do locally (20/12/2020, 12.20.20), not as EDTF.
_LOCAL_DATE = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$")


def local_date(value: str) -> str | None:
    """For 20/12/2020 or 12.20.2020 (a day and a month in some order, which EDTF never is),
    the message that says how to write it; else None."""
    if not _LOCAL_DATE.match(value.strip()):
        return None
    return (
        f"{value.strip()!r} is not an EDTF date; write year-month-day, like 2020-12-20 "
        "(2020-12 for a month, 2020-12-20~ for about that day)"
    )


def _number(value: float) -> str:
    """A number as written, cut with "…" when long; Python will not turn an integer of more
    than 4,300 digits into text at all."""
    try:
        return f"the number {shorten(repr(value))}"
    except ValueError:
        return f"a whole number of more than {sys.get_int_max_str_digits():,} digits"


def _not_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated, Optional and list layers down to the model or literal inside."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            # Unwrap each option first: a discriminated union's options are Annotated.
            options = [_unwrap(a) for a in get_args(annotation) if a is not type(None)]
            models = [a for a in options if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else options[0]
        else:
            return annotation


def _annotation_at(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The type annotation that governs the value at ``loc`` (None if it cannot be told)."""
    annotation: Any = model
    for step in loc:
        annotation = _unwrap(annotation)
        if isinstance(step, int):
            if get_origin(annotation) is list:
                annotation = get_args(annotation)[0]
                continue
            return None
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(step)
            if field is None:
                return None
            annotation = field.annotation
            continue
        return None
    return _unwrap(annotation)


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    parent = _annotation_at(model, loc)
    if isinstance(parent, type) and issubclass(parent, BaseModel):
        return list(parent.model_fields)
    return []


def clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # Discriminated unions add their tag (capitalised, e.g. "Count") to the location;
    # field names are lower-case, so the tags are easy to drop.
    return tuple(s for s in loc if not (isinstance(s, str) and s[:1].isupper()))


def dotted(loc: tuple[Any, ...]) -> str:
    """``sources[0].quote``; a long key (an unknown field can be named anything) is cut."""
    text = ""
    for step in loc:
        step = step if isinstance(step, int) else shorten(str(step))
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _message(model: type[BaseModel], loc: tuple[Any, ...], error: dict[str, Any]) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = _field_names(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed)
        return f"unknown field{hint}; allowed here: {', '.join(allowed)}"
    if kind == "literal_error":
        annotation = _annotation_at(model, loc)
        choices = (
            [str(c) for c in get_args(annotation)] if get_origin(annotation) is Literal else []
        )
        hint = term_hint(value, choices) if isinstance(value, str) else ""
        return f"{_describe(value)} is not allowed{hint}; choose one of: {', '.join(choices)}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") != SLUG:
        return f"{_describe(value)} does not have the expected form ({ctx.get('pattern')})"
    if kind == "string_pattern_mismatch":
        hidden = invisible_character(value, joiners=False) if isinstance(value, str) else None
        inside = (
            f" (it holds {describe_character(hidden[1])}, an invisible character)" if hidden else ""
        )
        return (
            f"{_describe(value)} is not a valid id{inside}; use lower-case letters, digits and "
            "single hyphens, like 'kataib-hezbollah'"
        )
    if kind == "string_type":
        return f"expected text, got {_describe(value)}; put it in quotes if it is meant as text"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_describe(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a decimal number, got {_describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields, got {_describe(value)}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), got {_describe(value)}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} entry"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long ({len(value)} characters; at most {ctx.get('max_length')})"
    if kind in ("greater_than_equal", "less_than_equal") and _not_finite(value):
        # NaN fails every comparison, so the bound check fires before the finiteness check.
        return "must be a real number, not NaN or infinity"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        word = "at least" if kind == "greater_than_equal" else "at most"
        return f"must be {word} {bound}, got {_number(value).removeprefix('the number ')}"
    if kind == "union_tag_invalid" or kind == "union_tag_not_found":
        return f"expected a whole number or {{low: n, high: n}}, got {_describe(value)}"
    if kind == "value_error" and isinstance(value, str) and local_date(value):
        return local_date(value)  # type: ignore[return-value]
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    message = error["msg"]
    return message[0].lower() + message[1:]


def schema_problems(doc: Document, model: type[BaseModel], exc: ValidationError) -> list[Problem]:
    """One Problem per pydantic error, located in ``doc``."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = clean_loc(tuple(error["loc"]))
        on_key = error["type"] == "extra_forbidden"
        line, column = doc.position(loc, key=on_key)
        problems.append(Problem(doc.path, line, column, dotted(loc), _message(model, loc, error)))
    return problems


def id_mismatch(record_id: str, stem: str) -> str:
    """The id and the file name differ: how to make them agree, never advising an id that is
    not one (a file name with a space or capitals)."""
    message = f"{record_id!r} does not match the file name; rename the file to {record_id}.yaml"
    if re.fullmatch(SLUG, stem):
        return f"{message} or set id: {stem}"
    proposed = slug(stem)
    if proposed and proposed != record_id:
        return f"{message}, or to {proposed}.yaml and set id: {proposed}"
    return message
