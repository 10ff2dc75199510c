"""The content model: what an event, actor, location and source file may contain.

These pydantic models are the single definition of the YAML formats: validation and the JSON
Schema for editors come from here, and their controlled terms from ``vocabulary.py``. Models
are strict (no silent type coercion) and forbid unknown fields, so a typo is an error, not a
silently ignored line. ``RECORD_KINDS`` ties each kind of file to its folder and model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    create_model,
    model_validator,
)

from ..errors import ContentError
from . import edtf, text, vocabulary

# --- controlled vocabularies: the types read the lists in vocabulary.py ------------------

EventType = Literal[tuple(vocabulary.EVENT_TYPES)]  # type: ignore[valid-type]
Role = Literal[tuple(vocabulary.ROLES)]  # type: ignore[valid-type]
ActorKind = Literal[tuple(vocabulary.ACTOR_KINDS)]  # type: ignore[valid-type]
LocationKind = Literal[tuple(vocabulary.LOCATION_KINDS)]  # type: ignore[valid-type]
PlacePrecision = Literal[tuple(vocabulary.PLACE_PRECISIONS)]  # type: ignore[valid-type]
RelationName = Literal[tuple(vocabulary.RELATIONS)]  # type: ignore[valid-type]

# --- reusable field types ----------------------------------------------------------------

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: Names Windows cannot use for a file, whatever the extension: an id is a file name.
WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in range(10)
}


def _check_id(value: str) -> str:
    if value in WINDOWS_RESERVED:
        raise ValueError(f"{value!r} is a reserved file name on Windows; choose another id")
    return value


Id = Annotated[str, StringConstraints(pattern=SLUG, max_length=120), AfterValidator(_check_id)]
# Every text field refuses bidirectional controls and zero-width characters, which make a
# value read as something it is not; ZWNJ/ZWJ stay legitimate inside Arabic-script words
# (text.py says why). ids and seed names are ASCII by their patterns.
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(text.check_characters),
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
    AfterValidator(text.check_characters),
]
Quote = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=600),
    AfterValidator(text.check_characters),
    AfterValidator(text.check_quote),
]


def _check_edtf(value: str) -> str:
    try:
        edtf.parse(value)
    except ContentError as exc:
        raise ValueError(str(exc)) from None
    return value


def _check_url(value: str) -> str:
    """exports/schema.py maps this validator to the JSON Schema's pattern for addresses."""
    return text.check_address(value)


def _check_finite(value: float) -> float:
    if math.isnan(value) or math.isinf(value):
        raise ValueError("must be a real number, not NaN or infinity")
    return value


# Bounded so that a contributor's 500 KB 'date' is refused in one line, not quoted back
# in full by the EDTF parser's message; the longest accepted EDTF date has 23 characters.
EDTFText = Annotated[str, StringConstraints(max_length=100), AfterValidator(_check_edtf)]
#: An http(s) address, its scheme in lower case (text.check_address).
Url = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_check_url)]
Count = Annotated[int, Field(ge=0, le=100_000)]


class Strict(BaseModel):
    """Shared settings: exact types, unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- events ------------------------------------------------------------------------------


class Range(Strict):
    """A count the sources disagree on, or give only as bounds."""

    low: Count
    high: Count

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is greater than high ({self.high})")
        return self


def _figure_kind(value: object) -> str:
    return "Range" if isinstance(value, dict) else "Count"


#: A casualty figure: an exact count, or a low/high range.
Figure = Annotated[
    Annotated[Count, Tag("Count")] | Annotated[Range, Tag("Range")],
    Discriminator(_figure_kind),
]


#: People killed or wounded, by group: one optional field per casualty group, made from the
#: vocabulary so that the groups are listed once.
CasualtyCounts = create_model(
    "CasualtyCounts",
    __base__=Strict,
    __doc__="""People killed or wounded, by group. Leave a group out when the sources do not say:
    absent means unknown, 0 means the sources say nobody.""",
    __module__=__name__,
    **{group: (Figure | None, None) for group in vocabulary.CASUALTY_GROUPS},
)


class Casualties(Strict):
    killed: CasualtyCounts | None = None
    wounded: CasualtyCounts | None = None


class Citation(Strict):
    source: Id
    quote: Quote = Field(description="The exact words of the source that support the event.")
    casualties: Casualties | None = Field(
        default=None,
        description="The figures this source gives, when sources disagree; the event's own "
        "casualties must then span them (as a low/high range).",
    )
    note: Text | None = None


class EventPlace(Strict):
    place: Id
    precision: PlacePrecision = "exact"
    note: Text | None = None


class EventActor(Strict):
    actor: Id
    role: Role
    by: list[Id] = Field(
        default_factory=list,
        description="For 'suspected': the actors who blamed this one.",
    )
    note: Text | None = None


class Relation(Strict):
    event: Id
    relation: RelationName
    note: Text | None = None


class DistinctEvent(Strict):
    """Another event this one is not, though a reader could take them for one."""

    event: Id
    reason: Text = Field(description="What tells the two apart, from the sources.")


class Event(Strict):
    """Something that happened on a date (or within a known span of dates)."""

    id: Id
    date: EDTFText
    title: Text
    type: EventType
    summary: LongText
    locations: list[EventPlace] = Field(default_factory=list)
    actors: list[EventActor] = Field(default_factory=list)
    casualties: Casualties | None = None
    sources: list[Citation] = Field(min_length=1)
    related: list[Relation] = Field(default_factory=list)
    distinct_from: list[DistinctEvent] = Field(
        default_factory=list,
        description="Events that look like this one (same place, type and dates, or the "
        "same quote) but are others.",
    )
    tags: list[Id] = Field(default_factory=list)
    notes: LongText | None = Field(
        default=None, description="Caveats: disagreements between sources, unclear dates."
    )


# --- actors, locations, sources ----------------------------------------------------------


class DistinctActor(Strict):
    """Another actor with the same name or alias as this one."""

    actor: Id
    reason: Text = Field(description="What tells the two apart.")


class DistinctLocation(Strict):
    """Another place with the same name or alias as this one."""

    location: Id
    reason: Text = Field(description="What tells the two apart.")


class Actor(Strict):
    """An armed group, state, government body, military unit or person."""

    id: Id
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    name_ar: Text | None = None
    kind: ActorKind
    parent: Id | None = None
    description: LongText | None = None
    sources: list[Citation] = Field(default_factory=list)
    distinct_from: list[DistinctActor] = Field(
        default_factory=list, description="Other actors with one of this actor's names."
    )


class Coordinates(Strict):
    """WGS84 degrees."""

    lat: Annotated[float, Field(ge=-90, le=90), AfterValidator(_check_finite)]
    lon: Annotated[float, Field(ge=-180, le=180), AfterValidator(_check_finite)]


class Location(Strict):
    id: Id
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    name_ar: Text | None = None
    kind: LocationKind
    coordinates: Coordinates | None = None
    parent: Id | None = None
    description: LongText | None = None
    distinct_from: list[DistinctLocation] = Field(
        default_factory=list, description="Other places with one of this place's names."
    )


class Source(Strict):
    """A published article the events are distilled from."""

    id: Id
    outlet: Text = Field(description="Who wrote it: the news agency or paper.")
    publisher: Text | None = Field(
        default=None, description="Where it was read, when that differs from the outlet."
    )
    author: Text | None = None
    date: EDTFText = Field(description="Publication date (EDTF when not exactly known).")
    dateline: Text | None = None
    title: Text
    url: Url | None = Field(default=None, description="The article's address as published.")
    archive_url: Url | None = Field(
        default=None,
        description="An archived copy of the article (e.g. a Wayback Machine snapshot, "
        "https://web.archive.org/web/…), for when the address changes or disappears.",
    )
    url_note: Text | None = Field(
        default=None,
        description="Which copy the address is (a wire story on another site), or that none was "
        "found and where it was looked for.",
    )
    seed: (
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+\.txt$", max_length=200)] | None
    ) = Field(
        default=None,
        description="The article's text in seeds/, used to check quotes; without it, quotes "
        "are shown as not checked against a stored copy.",
    )
    notes: LongText | None = None

    @property
    def has_stored_copy(self) -> bool:
        """Whether quotes from this source are machine-checked against its text in seeds/."""
        return self.seed is not None


@dataclass(frozen=True)
class RecordKind:
    """One kind of content file: where its files live and the model they must match."""

    #: The folder under content/ ("events"), also the Catalog's attribute holding them.
    folder: str
    #: One record of the kind, in messages and file names ("event").
    word: str
    model: type[Strict]


#: Every kind of content file, in the order they are listed in messages and schemas.
RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind("events", "event", Event),
    RecordKind("actors", "actor", Actor),
    RecordKind("locations", "location", Location),
    RecordKind("sources", "source", Source),
)

#: Folder name under content/ -> model.
KINDS: dict[str, type[Strict]] = {kind.folder: kind.model for kind in RECORD_KINDS}
#: Model -> folder name under content/ (where a record's page lives too).
FOLDERS: dict[type[Strict], str] = {kind.model: kind.folder for kind in RECORD_KINDS}
#: The word for one record ("actor") -> folder name under content/.
FOLDER_OF_WORD: dict[str, str] = {kind.word: kind.folder for kind in RECORD_KINDS}
