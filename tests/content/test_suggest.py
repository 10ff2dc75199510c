"""Suggestions for a reference that names nothing: the nearest id, name or alias."""

from __future__ import annotations

import difflib
import random

import pytest
from conftest import FILES

from generator.content.model import Actor
from generator.content.suggest import ID_CUTOFF, MAX_COMPARED, Suggester, _Nearest, fold

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
