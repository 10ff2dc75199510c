"""Suggestions for a reference that names nothing: the nearest id, name or alias."""

from __future__ import annotations

import pytest
from conftest import FILES

from generator.content.model import Actor
from generator.content.suggest import Suggester, fold

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
