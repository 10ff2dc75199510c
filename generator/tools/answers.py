"""The values of a new content file (``chronology new``): each checked as it is given, so that
the file written validates at once, and asked for when an option does not give it.

A wrong answer is explained and asked again; a wrong option stops the command before anything
is written.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content import edtf
from ..content.ids import slug, title_slug
from ..content.messages import local_date
from ..content.model import SLUG, _check_url
from ..content.suggest import term_hint
from ..content.vocabulary import ACTOR_KINDS, EVENT_TYPES, LOCATION_KINDS, PLACE_PRECISIONS, ROLES
from ..errors import ChronologyError, ContentError


class Invalid(ChronologyError):
    """An answer that cannot go into the file; the message says what to give instead."""


# --- ids ---------------------------------------------------------------------------------------

#: Longest id this command makes up (the model allows 120), and longest part of it taken
#: from a title: enough words to recognise the record in a list of files.
MAX_ID = 80
TITLE_WORDS = 48


def date_prefix(date: str) -> str:
    """The known part of an EDTF date as an id prefix: 2020-07/2020-08 -> 2020-07,
    2020-09-2X -> 2020-09, 2020-09-28~ -> 2020-09-28."""
    text = re.sub(r"[~?%\s]", "", date)
    ends = [part for part in text.split("/") if part not in ("", "..")]
    kept: list[str] = []
    for piece in (ends[0] if ends else "").split("-"):
        if not piece or "X" in piece:
            break
        kept.append(piece)
    return "-".join(kept)


def make_id(kind: str, values: dict[str, Any]) -> str:
    """The id a new record gets when none is given."""
    if kind == "event":
        words = title_slug(values["title"], TITLE_WORDS)
        return "-".join(p for p in (date_prefix(values["date"]), words) if p)
    if kind == "source":
        outlet = title_slug(values["outlet"], 24)
        words = title_slug(values["title"], TITLE_WORDS)
        return "-".join(p for p in (outlet, date_prefix(values["date"]), words) if p)
    return slug(values["name"], MAX_ID)


def check_id(value: str) -> str:
    value = value.strip()
    if not re.match(SLUG, value) or len(value) > 120:
        raise Invalid(
            f"{value!r} is not a valid id; use lower-case letters, digits and single hyphens, "
            "like 'kataib-hezbollah'"
        )
    return value


def check_text(limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = " ".join(value.split()) if limit <= 600 else value.strip()
        if not value:
            raise Invalid("must not be empty")
        if len(value) > limit:
            raise Invalid(f"is too long ({len(value)} characters; at most {limit})")
        return value

    return check


def check_date(value: str) -> str:
    value = value.strip()
    if local_date(value):
        raise Invalid(local_date(value))  # type: ignore[arg-type]
    try:
        edtf.parse(value)
    except ContentError as exc:
        raise Invalid(f"{exc}; write it in EDTF, like 2020-09-28, 2020-09 or 2020-09-28~") from None
    return value


def check_choice(choices: dict[str, Any]) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = value.strip()
        if value not in choices:
            hint = term_hint(value, choices)
            raise Invalid(f"{value!r} is not allowed{hint}; choose one of: {', '.join(choices)}")
        return value

    return check


def check_url(value: str) -> str:
    try:
        return _check_url(value.strip())
    except ValueError as exc:
        raise Invalid(str(exc)) from None


def check_degrees(limit: float) -> Callable[[str], float]:
    def check(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise Invalid(f"{value!r} is not a decimal number, like 33.3152") from None
        if not math.isfinite(number) or abs(number) > limit:
            raise Invalid(f"must be between -{limit:g} and {limit:g}")
        return number

    return check


def check_pair(first: Callable[[str], str], choices: dict[str, Any], default: str | None):
    """``id:choice`` (``kataib-hezbollah:suspected``); ``id`` alone takes ``default``."""

    def check(value: str) -> tuple[str, str]:
        left, sep, right = value.strip().partition(":")
        if not sep and default is None:
            raise Invalid(f"{value!r}: write id:{'|'.join(choices)}, like kataib-hezbollah:target")
        return first(left), check_choice(choices)(right if sep else default or "")

    return check


def check_seed(root: Path) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = value.strip()
        if not re.match(r"^[A-Za-z0-9_.-]+\.txt$", value):
            raise Invalid(
                f"{value!r}: give the name of a .txt file in seeds/, like 005_article.txt"
            )
        if not (root / "seeds" / value).is_file():
            raise Invalid(f"seeds/{value} not found; put the article's text there first")
        return value

    return check


@dataclass(frozen=True)
class Question:
    """One value of a new file: the option that gives it, and the question that asks for it."""

    key: str
    option: str
    prompt: str
    check: Callable[[str], Any]
    required: bool = True
    many: bool = False  # several values: a repeated option, or a comma-separated answer


#: The model's limits for a line of text and for a summary.
_TEXT, _LONG_TEXT = check_text(300), check_text(4000)


def questions(kind: str, root: Path) -> list[Question]:
    """The values of a new file of ``kind``, in the order they are asked for."""
    if kind == "event":
        return _event_questions()
    if kind == "actor":
        return _actor_questions()
    if kind == "location":
        return _location_questions()
    return _source_questions(root)


def _name() -> Question:
    return Question("name", "--name", "Name (as most sources write it)", _TEXT)


def _aliases() -> Question:
    prompt = "Other spellings (comma-separated; blank for none)"
    return Question("aliases", "--alias", prompt, _TEXT, required=False, many=True)


def _parent(what: str) -> Question:
    prompt = f"Parent {what} id (blank for none)"
    return Question("parent", "--parent", prompt, check_id, required=False)


def _event_questions() -> list[Question]:
    return [
        Question("date", "--date", "Date (EDTF: 2020-09-28, 2020-09, 2020-09-28~)", check_date),
        Question("title", "--title", "Title (short and neutral)", _TEXT),
        Question("type", "--type", f"Type ({', '.join(EVENT_TYPES)})", check_choice(EVENT_TYPES)),
        Question("summary", "--summary", "Summary (only what the sources say)", _LONG_TEXT),
        Question("source", "--source", "Source id (a file in content/sources/)", check_id),
        Question("quote", "--quote", "Quote (the source's exact words)", check_text(600)),
        Question(
            "places",
            "--place",
            "Places (location ids, comma-separated, id:near for a precision; blank for none)",
            check_pair(check_id, PLACE_PRECISIONS, "exact"),
            required=False,
            many=True,
        ),
        Question(
            "actors",
            "--actor",
            f"Actors (id:role, comma-separated; roles: {', '.join(ROLES)}; blank for none)",
            check_pair(check_id, ROLES, None),
            required=False,
            many=True,
        ),
    ]


def _actor_questions() -> list[Question]:
    kinds = f"Kind ({', '.join(ACTOR_KINDS)})"
    return [
        _name(),
        Question("kind", "--kind", kinds, check_choice(ACTOR_KINDS)),
        _aliases(),
        _parent("actor"),
    ]


def _location_questions() -> list[Question]:
    kinds = f"Kind ({', '.join(LOCATION_KINDS)})"
    return [
        _name(),
        Question("kind", "--kind", kinds, check_choice(LOCATION_KINDS)),
        _aliases(),
        Question(
            "lat",
            "--lat",
            "Latitude (decimal degrees; blank if unknown)",
            check_degrees(90),
            required=False,
        ),
        Question(
            "lon",
            "--lon",
            "Longitude (decimal degrees; blank if unknown)",
            check_degrees(180),
            required=False,
        ),
        _parent("location"),
    ]


def _source_questions(root: Path) -> list[Question]:
    return [
        Question("outlet", "--outlet", "Outlet (AFP, Reuters, ...)", _TEXT),
        Question("date", "--date", "Publication date (EDTF)", check_date),
        Question("title", "--title", "Headline", _TEXT),
        Question("author", "--author", "Author (blank if none)", _TEXT, required=False),
        Question("dateline", "--dateline", "Dateline city (blank if none)", _TEXT, required=False),
        Question("url", "--url", "Web address (blank if unknown)", check_url, required=False),
        Question(
            "seed",
            "--seed",
            "Article text file in seeds/ (blank if none)",
            check_seed(root),
            required=False,
        ),
    ]


def ask(kind: str, given: dict[str, Any], root: Path, *, interactive: bool) -> dict[str, Any]:
    """The values of a new file: checked options, then answers to questions for the rest.

    Required values that were not given are always asked for; optional ones only when
    ``interactive`` (no option given at all). A wrong answer is explained and asked again.
    """
    import click  # the command line's library; the rest of this module does not need it

    values: dict[str, Any] = {
        key: given.get(key) for key in ("id", "name_ar", "description", "publisher")
    }
    if values["id"]:
        values["id"] = _checked(check_id, values["id"], "--id")
    for question in questions(kind, root):
        raw = given.get(question.key)
        if raw:
            if question.many:
                items = [i for r in raw for i in str(r).split(",") if i.strip()]
                values[question.key] = [_checked(question.check, i, question.option) for i in items]
            else:
                values[question.key] = _checked(question.check, str(raw), question.option)
        elif question.required or interactive:
            values[question.key] = click.prompt(
                question.prompt,
                default=None if question.required else "",
                show_default=False,
                value_proc=_answer(question),
            )
        else:
            values[question.key] = [] if question.many else None
    if kind == "location":
        lat, lon = values.pop("lat"), values.pop("lon")
        if (lat is None) != (lon is None):
            raise click.UsageError("give both --lat and --lon, or neither")
        values["coordinates"] = (lat, lon) if lat is not None else None
    return values


def _checked(check: Callable[[str], Any], raw: str, option: str) -> Any:
    import click

    try:
        return check(raw)
    except Invalid as exc:
        raise click.BadParameter(str(exc), param_hint=f"'{option}'") from None


def _answer(question: Question) -> Callable[[str], Any]:
    import click

    def convert(text: str) -> Any:
        try:
            if question.many:
                return [question.check(item) for item in text.split(",") if item.strip()]
            if not text.strip() and not question.required:
                return None
            return question.check(text)
        except Invalid as exc:
            raise click.UsageError(str(exc)) from None

    return convert
