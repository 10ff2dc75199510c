"""Suggestions for a reference that names nothing: the nearest id, name or alias."""

from __future__ import annotations

import difflib
import random

import pytest
from conftest import FILES

from generator.content.model import Actor
from generator.content.suggest import (
    ID_CUTOFF,
    MAX_COMPARED,
    Suggester,
    _Nearest,
    fold,
    term_for,
)
from generator.content.vocabulary import (
    ACTOR_KINDS,
    EVENT_TYPES,
    LOCATION_KINDS,
    PLACE_PRECISIONS,
    RELATIONS,
    ROLES,
    SYNONYMS,
)

EVENT = "content/events/2020-07-10-rocket-hits-house-near-green-zone.yaml"


def test_fold():
    assert fold("Kata'eb Hezbollah") == "kataeb-hezbollah"
    assert fold("Kata’eb  Hezbollah") == "kataeb-hezbollah"
    assert fold("Çamp Tājī") == "camp-taji"
    assert fold("kataib-hezbollah") == "kataib-hezbollah"


@pytest.fixture
def actors() -> Suggester:
    kh = Actor(
        id="kataib-hezbollah",
        name="Kataib Hezbollah",
        aliases=["Kataeb Hezbollah", "Hezbollah Brigades"],
        name_ar="كتائب حزب الله",
        kind="armed-group",
    )
    iraq = Actor(id="iraqi-army", name="Iraqi army", kind="military-unit")
    return Suggester({kh.id: kh, iraq.id: iraq})


@pytest.mark.parametrize(
    "value, hint",
    [
        ("kataib-hezbolah", " (did you mean 'kataib-hezbollah'?)"),  # a typo of the id
        ("kataeb-hezbollah", " (did you mean 'kataib-hezbollah' (Kataib Hezbollah)?)"),
        ("hezbollah-brigades", " (did you mean 'kataib-hezbollah' (Kataib Hezbollah)?)"),
        ("hezbolah-brigades", " (did you mean 'kataib-hezbollah' (Kataib Hezbollah)?)"),
        ("us-state-department", ""),
        ("popular-mobilisation", ""),
    ],
)
def test_hints_for_ids(actors, value, hint):
    assert actors.hint(value) == hint


@pytest.mark.parametrize(
    "value, hint",
    [
        ("Kataeb Hezbollah", " (did you mean 'kataib-hezbollah' (Kataib Hezbollah)?)"),
        ("Kata'eb Hezbollah", " (did you mean 'kataib-hezbollah' (Kataib Hezbollah)?)"),
        ("Kataib Hezbollah", " (did you mean 'kataib-hezbollah'?)"),
        ("Iraqi Army", " (did you mean 'iraqi-army'?)"),
        ("كتائب حزب الله", " (did you mean 'kataib-hezbollah' (Kataib Hezbollah)?)"),
        ("Iraqi", ""),  # text is suggested only on a close match
    ],
)
def test_hints_for_text_written_where_an_id_belongs(actors, value, hint):
    assert actors.hint(value, text=True) == hint


def test_hints_are_computed_once_per_spelling(actors, monkeypatch):
    calls = []
    original = actors._hint
    monkeypatch.setattr(actors, "_hint", lambda v, t: calls.append(v) or original(v, t))
    for _ in range(3):
        actors.hint("kataeb-hezbollah")
    assert calls == ["kataeb-hezbollah"]


# --- in the validator ---------------------------------------------------------------------------


def test_unknown_actor_written_as_an_alias_id(problems):
    text = FILES[EVENT].replace("actor: kataib-hezbollah", "actor: kataeb-hezbollah")
    assert problems(EVENT, text) == [
        f"{EVENT}:13:12: actors[0].actor: unknown actor 'kataeb-hezbollah' (did you mean "
        "'kataib-hezbollah' (Kataib Hezbollah)?); add content/actors/kataeb-hezbollah.yaml or "
        "fix the id",
    ]


def test_actor_written_as_a_name(problems):
    text = FILES[EVENT].replace("actor: kataib-hezbollah", "actor: Kataeb Hezbollah")
    assert problems(EVENT, text) == [
        f"{EVENT}:13:12: actors[0].actor: the text 'Kataeb Hezbollah' is not a valid id (did you "
        "mean 'kataib-hezbollah' (Kataib Hezbollah)?); use lower-case letters, digits and single "
        "hyphens, like 'kataib-hezbollah'",
    ]


def test_place_written_as_an_alias(problems):
    text = FILES[EVENT].replace("place: green-zone", "place: International Zone")
    assert problems(EVENT, text) == [
        f"{EVENT}:10:12: locations[0].place: the text 'International Zone' is not a valid id "
        "(did you mean 'green-zone' (Green Zone)?); use lower-case letters, digits and single "
        "hyphens, like 'kataib-hezbollah'",
    ]


def test_accuser_written_as_a_name(problems):
    text = FILES[EVENT].replace("by: [iraqi-intelligence]", "by: [Iraqi intelligence]")
    assert problems(EVENT, text) == [
        f"{EVENT}:15:10: actors[0].by[0]: the text 'Iraqi intelligence' is not a valid id (did "
        "you mean 'iraqi-intelligence'?); use lower-case letters, digits and single hyphens, "
        "like 'kataib-hezbollah'",
    ]


def test_parent_written_as_a_name(problems):
    location = "content/locations/green-zone.yaml"
    text = FILES[location].replace("parent: baghdad", "parent: Baghdad")
    assert problems(location, text) == [
        f"{location}:5:9: parent: the text 'Baghdad' is not a valid id (did you mean "
        "'baghdad'?); use lower-case letters, digits and single hyphens, like "
        "'kataib-hezbollah'",
    ]


# --- bounded: a misspelling is compared with a few likely ids, never with all ---------------------


def _ids(count: int) -> list[str]:
    """``count`` distinct ids of made-up words, as unlike one another as real names."""
    rng = random.Random(7)
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    found: set[str] = set()
    while len(found) < count:
        words = ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(2)]
        found.add("-".join(words))
    return sorted(found)


def test_a_misspelling_is_compared_with_at_most_max_compared_ids():
    ids = _ids(5000)
    nearest = _Nearest(ids)
    for wanted in ids[::500]:
        typo = wanted[:3] + wanted[4:]  # one letter left out
        candidates = nearest.candidates(typo)
        assert len(candidates) == MAX_COMPARED
        assert wanted in candidates
        assert nearest.closest(typo, ID_CUTOFF) == wanted


def test_the_suggestions_are_those_of_comparing_with_every_id():
    ids = _ids(2000)
    rng = random.Random(3)
    suggester = Suggester(ids)
    for wanted in rng.sample(ids, 40):
        at = rng.randrange(len(wanted))
        typo = wanted[:at] + rng.choice("aeiouxyz") + wanted[at + 1 :]
        every = difflib.get_close_matches(typo, ids, 1, ID_CUTOFF)
        assert suggester.hint(typo) == (f" (did you mean {every[0]!r}?)" if every else "")


def test_a_short_word_is_linked_to_its_typo_without_a_triple_in_common():
    nearest = _Nearest(["iran", *_ids(100)])
    assert "iran" in nearest.candidates("ianh")
    assert nearest.closest("ianh", ID_CUTOFF) == "iran"


def test_few_ids_are_all_compared():
    assert _Nearest(["a", "b"]).candidates("zzz") == ["a", "b"]


# --- terms: synonyms before spelling ---------------------------------------------------------


@pytest.mark.parametrize(
    "value, terms, term",
    [
        ("militia", ACTOR_KINDS, "armed-group"),  # not 'military-unit', which it looks like
        ("Militias", ACTOR_KINDS, "armed-group"),
        ("strike", EVENT_TYPES, "airstrike"),
        ("air strike", EVENT_TYPES, "airstrike"),
        ("rocket", EVENT_TYPES, "rocket-attack"),
        ("rockets", EVENT_TYPES, "rocket-attack"),
        ("drone", EVENT_TYPES, "drone-attack"),
        ("Rocket Attack", EVENT_TYPES, "rocket-attack"),
        ("rocket_attack", EVENT_TYPES, "rocket-attack"),
        ("killed-by", ROLES, "perpetrator"),
        ("killed by", ROLES, "perpetrator"),
        ("blamed", ROLES, "suspected"),
        ("claimed responsibility", ROLES, "claimed"),
        ("claim", ROLES, "claimed"),  # a role here,
        ("claim", EVENT_TYPES, "statement"),  # an event type there
        ("embassy", ACTOR_KINDS, "government-body"),
        ("embassy", LOCATION_KINDS, "compound"),
        ("base", LOCATION_KINDS, "military-base"),
        ("province", LOCATION_KINDS, "region"),
        ("nearby", PLACE_PRECISIONS, "near"),
        ("retaliation-for", RELATIONS, "responds-to"),
        ("armed-groupp", ACTOR_KINDS, "armed-group"),  # a typo: the nearest spelling
        ("banana", ACTOR_KINDS, None),
    ],
)
def test_term_for(value, terms, term):
    assert term_for(value, terms) == term


def test_every_synonym_means_terms_of_the_vocabularies():
    terms = {*EVENT_TYPES, *ROLES, *ACTOR_KINDS, *LOCATION_KINDS, *PLACE_PRECISIONS, *RELATIONS}
    for word, meant in SYNONYMS.items():
        assert word == fold(word), word  # looked up folded
        assert set(meant) <= terms, word
    # Only where it is not a term: "country" (a location kind) is an actor's "state".
    assert {word for word in SYNONYMS if word in terms} == {"country"}


ACTOR = "content/actors/kataib-hezbollah.yaml"
KINDS_LIST = (
    "armed-group, state, government-body, person, military-unit, political-movement, "
    "international-organisation, media"
)


def test_kind_militia_suggests_armed_group(problems):
    text = FILES[ACTOR].replace("kind: armed-group", "kind: militia")
    assert problems(ACTOR, text) == [
        f"{ACTOR}:5:7: kind: the text 'militia' is not allowed (did you mean 'armed-group'?); "
        f"choose one of: {KINDS_LIST}",
    ]


def test_type_strike_suggests_airstrike(problems):
    text = FILES[EVENT].replace("type: rocket-attack", "type: strike")
    assert problems(EVENT, text) == [
        f"{EVENT}:4:7: type: the text 'strike' is not allowed (did you mean 'airstrike'?); "
        "choose one of: rocket-attack, drone-attack, airstrike, ied-attack, explosion, "
        "interception, thwarted-attack, arrest-raid, protest, political, diplomatic, "
        "military-posture, statement",
    ]


def test_role_killed_by_suggests_perpetrator(problems):
    text = FILES[EVENT].replace("role: target", "role: killed-by")
    assert problems(EVENT, text) == [
        f"{EVENT}:17:11: actors[1].role: the text 'killed-by' is not allowed (did you mean "
        "'perpetrator'?); choose one of: perpetrator, claimed, suspected, attributed-by, "
        "target, victim, responder, participant, statement",
    ]
