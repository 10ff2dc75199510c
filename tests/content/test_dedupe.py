"""Duplicates are errors naming both files, unless one of the two declares the other distinct:
the same incident as two events (same quote; or same type and place, dates within two days),
one actor or one place in two files (the same name once spelling is set aside)."""

from __future__ import annotations

import random
import textwrap
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from conftest import EXACT_ID, FILES, ROCKET_QUOTE, SOURCE_ID, write

from generator.cli import main
from generator.content import edtf
from generator.content.catalog import check_content
from generator.content.dedupe import LONGEST, MAX_GAP, Nearby, find_duplicates, quote_key
from generator.content.model import Event, Location
from generator.content.suggest import name_key

EVENT = f"content/events/{EXACT_ID}.yaml"
COPY_ID = "2020-07-11-rocket-kills-two-near-the-green-zone"
COPY = f"content/events/{COPY_ID}.yaml"
WOUNDED = "Between three and five people were wounded, according to different officials."
KH = "content/actors/kataib-hezbollah.yaml"
FIX = (
    "probably the same {word}; merge the two files, keeping {keep}, or if they are different "
    '{word}s add to either file: distinct_from: [{{{word}: {other}, reason: "<what tells them '
    'apart>"}}]'
)


def second_report(
    project,
    when: str = "2020-07-11",
    place: str = "green-zone",
    kind: str = "rocket-attack",
    quote: str = WOUNDED,
    more: str = "",
) -> None:
    """Another contributor's event for the rocket of 10 July, from the same article."""
    text = textwrap.dedent(
        f"""\
        id: {COPY_ID}
        date: {when}
        title: Rocket kills two near the Green Zone
        type: {kind}
        summary: A rocket killed two civilians near the Green Zone.
        locations:
          - place: {place}
        sources:
          - source: {SOURCE_ID}
            quote: {quote}
        """
    )
    write(project, COPY, text + more)


def errors(project) -> list[str]:
    return [str(p) for p in check_content(project)[1]]


def by_date(path: str, other: str, other_id: str, its: str, mine: str, where: str) -> str:
    return (
        f"{path}:2:7: date: {other} is also of type 'rocket-attack' {where}, dated {its} to "
        f"this one's {mine}, at most two days apart: "
        + FIX.format(word="event", keep="every source", other=other_id)
    )


def both_by_date(when: str, where: str = "at 'green-zone'", other_where: str = "") -> list[str]:
    return [
        by_date(EVENT, COPY, COPY_ID, when, "2020-07-10", where),
        by_date(COPY, EVENT, EXACT_ID, "2020-07-10", when, other_where or where),
    ]


def test_a_report_dated_a_day_later_is_a_duplicate(project):
    second_report(project)
    assert errors(project) == both_by_date("2020-07-11")


def test_a_month_only_copy_is_a_duplicate(project):
    second_report(project, when="2020-07")
    assert errors(project) == both_by_date("2020-07")


@pytest.mark.parametrize(
    "when", ["2020-07-08/..", "2020-07-12~", "2020-07-1X", "2020-07-12/2020-07-20"]
)
def test_open_uncertain_and_interval_dates_within_two_days(project, when):
    second_report(project, when=when)
    assert errors(project) == both_by_date(when)


def test_a_place_within_the_others_place(project):
    second_report(project, place="baghdad")
    assert errors(project) == both_by_date(
        "2020-07-11",
        where="at 'green-zone' and 'baghdad' (one within the other)",
        other_where="at 'baghdad' and 'green-zone' (one within the other)",
    )


def test_an_exact_copy_under_a_new_id_fails_validation(project, monkeypatch):
    text = textwrap.dedent(FILES[EVENT]).replace(f"id: {EXACT_ID}", f"id: {COPY_ID}")
    write(project, COPY, text)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    # The same quote says it before the same day and place do.
    assert result.stderr.splitlines() == [
        same_quote(EVENT, 23, COPY, COPY_ID, 0),
        same_quote(COPY, 23, EVENT, EXACT_ID, 0),
        "2 errors found; nothing was written.",
    ]


def same_quote(path: str, line: int, other: str, other_id: str, index: int) -> str:
    return (
        f"{path}:{line}:12: sources[{index}].quote: {other} cites the same quote of "
        f"'{SOURCE_ID}': " + FIX.format(word="event", keep="every source", other=other_id)
    )


def test_the_same_quote_is_a_duplicate_whatever_the_date_place_and_type(project):
    # Quoted with other punctuation, case and an ellipsis' worth of spacing: the same words.
    quote = (
        '"a rocket slammed into a house near the green zone on Friday ...  killing two civilians."'
    )
    second_report(
        project, when="2020-08-20", place="baghdad-airport", kind="airstrike", quote=quote
    )
    assert errors(project) == [
        same_quote(EVENT, 23, COPY, COPY_ID, 0),
        same_quote(COPY, 10, EVENT, EXACT_ID, 0),
    ]


@pytest.mark.parametrize("side", ["copy", "original"])
def test_distinct_from_on_either_side_makes_them_two_events(project, side):
    declared = "distinct_from:\n  - event: {}\n    reason: Another rocket, two hours later.\n"
    if side == "copy":
        second_report(project, quote=ROCKET_QUOTE, more=declared.format(EXACT_ID))
    else:
        second_report(project, quote=ROCKET_QUOTE)
        text = textwrap.dedent(FILES[EVENT]).replace("tags:", declared.format(COPY_ID) + "tags:")
        write(project, EVENT, text)
    assert errors(project) == []


def test_related_events_are_distinct(project):
    second_report(project, more=f"related:\n  - event: {EXACT_ID}\n    relation: follows\n")
    assert errors(project) == []


@pytest.mark.parametrize(
    "change",
    [
        {"when": "2020-07-13"},  # three days later
        {"when": "2020-07-06/2020-07-07"},  # ends three days before
        {"kind": "drone-attack"},
        {"place": "baghdad-airport"},  # beside the Green Zone, not within it
        {"when": "2020-07/2020-08"},  # months: when something went on, not one incident
        {"when": "'2020'"},
    ],
)
def test_no_duplicate(project, change):
    second_report(project, **change)
    assert errors(project) == []


def test_a_wider_place_listed_beside_the_precise_one_is_context(project):
    # The copy is at the airport, and in Baghdad: Baghdad holds the Green Zone, but the
    # event happened at the airport.
    second_report(project, place="baghdad-airport\n          - place: baghdad")
    assert errors(project) == []


def test_the_reason_is_required(project):
    second_report(project, more=f"distinct_from:\n  - event: {EXACT_ID}\n")
    assert errors(project) == [f"{COPY}:12:5: distinct_from[0].reason: required field is missing"]


def test_distinct_from_must_name_another_event_once(project):
    more = (
        "distinct_from:\n"
        "  - {event: 2020-07-10-rocket-hits-house-near-green-zon, reason: Two rockets.}\n"
        f"  - {{event: {COPY_ID}, reason: Itself.}}\n"
        f"  - {{event: {EXACT_ID}, reason: Two rockets.}}\n"
        f"  - {{event: {EXACT_ID}, reason: Two rockets.}}\n"
    )
    second_report(project, more=more)
    assert errors(project) == [
        f"{COPY}:12:13: distinct_from[0].event: unknown event "
        f"'2020-07-10-rocket-hits-house-near-green-zon' (did you mean '{EXACT_ID}'?); add "
        "content/events/2020-07-10-rocket-hits-house-near-green-zon.yaml or fix the id",
        f"{COPY}:13:13: distinct_from[1].event: this event cannot be distinct from itself; "
        "delete this entry",
        f"{COPY}:15:13: distinct_from[3].event: '{EXACT_ID}' is already listed "
        "(distinct_from[2]); delete one of the two entries",
    ]


def test_checking_one_file_finds_its_duplicates_among_the_others(project, monkeypatch):
    second_report(project, when="2020-07")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["validate", COPY])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        both_by_date("2020-07")[1],
        "1 error found; nothing was written.",
    ]


def test_nearby_reads_only_what_could_duplicate():
    event = Event.model_validate({
        "id": "x", "date": "2020-07-10", "title": "T", "type": "airstrike", "summary": "S",
        "sources": [{"source": "afp-1", "quote": "one two three four"}],
    })  # fmt: skip
    nearby = Nearby([event])
    assert nearby.could_duplicate("date: 2020-07-12\n")
    assert nearby.could_duplicate("date: '2020-07'\n")
    assert nearby.could_duplicate("date: 2020-07-0X\n")
    assert not nearby.could_duplicate("date: 2020-07-13\n")
    assert not nearby.could_duplicate("date: 2020/2021\n")
    assert nearby.could_duplicate("date: 2020-09-01\nsources:\n  - source: afp-1\n")
    assert nearby.could_duplicate("date: not a date\n")


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first, second",
    [
        ("Kataib Hezbollah", "KATA'IB HEZBOLLAH"),
        ("Ain al-Asad", "ʿAin el Asad"),
        ("Ain al-Asad", "Ain Asad"),
        ("Çamp Tājī", "camp taji"),
        ("كتائب حزب الله", "كتائـب حزبُ اللّه"),  # tatweel and harakat
        ("قاعدة الأسد", "قاعدة اسد"),  # alef with hamza, the article
        ("مدينة الصدر", "مدينه الصدر"),  # ta marbuta
        ("مستشفى", "مستشفي"),  # alef maqsura
    ],
)
def test_names_that_are_one_name(first, second):
    assert name_key(first) == name_key(second)


@pytest.mark.parametrize(
    "first, second", [("Alamo", "Amo"), ("Iraq", "Iran"), ("الله", "له"), ("Camp Taji", "Taji")]
)
def test_names_that_are_two(first, second):
    assert name_key(first) != name_key(second)


def actor_problem(path: str, line: int, col: int, field: str, said: str, other: str) -> str:
    return f"{path}:{line}:{col}: {field}: {said}: " + FIX.format(
        word="actor", keep="every name as an alias", other=other
    )


def test_an_actor_under_another_spelling_is_a_duplicate(problems):
    new = "content/actors/kh.yaml"
    text = "id: kh\nname: KH\naliases: [Kata'ib Hezbollah]\nkind: armed-group\n"
    assert problems(new, text) == [
        actor_problem(
            KH, 2, 7, "name",
            "'Kataib Hezbollah' is \"Kata'ib Hezbollah\", an alias of content/actors/kh.yaml, "
            "spelt differently", "kh",
        ),
        actor_problem(
            new, 3, 11, "aliases[0]",
            "\"Kata'ib Hezbollah\" is 'Kataib Hezbollah', the name of "
            "content/actors/kataib-hezbollah.yaml, spelt differently", "kataib-hezbollah",
        ),
    ]  # fmt: skip


def test_the_same_arabic_name(problems):
    new = "content/actors/kh.yaml"
    text = "id: kh\nname: KH\nname_ar: كتائب حزب الله\nkind: armed-group\n"
    assert problems(new, text) == [
        actor_problem(
            KH, 4, 10, "name_ar",
            "'كتائب حزب الله' is also the Arabic name of content/actors/kh.yaml", "kh",
        ),
        actor_problem(
            new, 3, 10, "name_ar",
            "'كتائب حزب الله' is also the Arabic name of content/actors/kataib-hezbollah.yaml",
            "kataib-hezbollah",
        ),
    ]  # fmt: skip


def test_a_place_under_another_spelling(problems):
    new = "content/locations/green-zone-2.yaml"
    text = "id: green-zone-2\nname: The Green Zone\naliases: [green zone]\nkind: district\n"
    assert problems(new, text) == [
        "content/locations/green-zone-2.yaml:3:11: aliases[0]: 'green zone' is 'Green Zone', the "
        "name of content/locations/green-zone.yaml, spelt differently: "
        + FIX.format(word="location", keep="every name as an alias", other="green-zone"),
        "content/locations/green-zone.yaml:2:7: name: 'Green Zone' is 'green zone', an alias of "
        "content/locations/green-zone-2.yaml, spelt differently: "
        + FIX.format(word="location", keep="every name as an alias", other="green-zone-2"),
    ]


def test_distinct_from_makes_namesakes_two_records(problems):
    new = "content/actors/kh.yaml"
    text = (
        "id: kh\nname: Kataib Hezbollah\nkind: armed-group\ndistinct_from:\n"
        "  - actor: kataib-hezbollah\n    reason: A group of the same name in Lebanon, in 1990.\n"
    )
    assert problems(new, text) == []


# --- without comparing every pair -----------------------------------------------------------


def _random_events(count: int, rng: random.Random) -> tuple[list[Event], dict[str, Location]]:
    places = {"iraq": Location(id="iraq", name="Iraq", kind="country")}
    for i in range(6):
        places[f"c{i}"] = Location(id=f"c{i}", name=f"C{i}", kind="city", parent="iraq")
        for j in range(3):
            places[f"c{i}d{j}"] = Location(
                id=f"c{i}d{j}", name=f"C{i}D{j}", kind="district", parent=f"c{i}"
            )
    start, events = date(2020, 1, 1), []
    for i in range(count):
        day = start + timedelta(days=rng.randrange(400))
        when = rng.choice(
            [
                day.isoformat(),
                f"{day:%Y-%m}",
                f"{day.isoformat()}~",
                f"{day:%Y-%m}/..",
                f"{day.isoformat()}/{day + timedelta(days=rng.randrange(1, 6))}",
                f"{day:%Y}",
            ]
        )
        events.append(Event.model_validate({
            "id": f"e{i}", "date": when, "title": "T", "summary": "S",
            "type": rng.choice(["airstrike", "rocket-attack"]),
            "locations": [{"place": p} for p in rng.sample(sorted(places), rng.choice([1, 1, 2]))],
            "sources": [{"source": f"s{i % 3}", "quote": f"word {rng.randrange(count)} of many"}],
            "distinct_from": [{"event": f"e{rng.randrange(count)}", "reason": "R"}],
        }))  # fmt: skip
    return events, places


def _every_pair(events: list[Event], places: dict[str, Location]) -> set[tuple[str, str]]:
    """The duplicates found by comparing every pair, as the rule says."""

    def above(place: str) -> set[str]:
        found, parent = set(), places[place].parent
        while parent:
            found.add(parent)
            parent = places[parent].parent
        return found

    def precise(event: Event) -> set[str]:
        listed = {p.place for p in event.locations}
        return listed - {a for p in listed for a in above(p)}

    spans = {e.id: (edtf.parse(e.date).earliest, edtf.parse(e.date).latest) for e in events}
    distinct = {frozenset((e.id, d.event)) for e in events for d in e.distinct_from}
    found = set()
    for a in events:
        for b in events:
            if a.id == b.id or frozenset((a.id, b.id)) in distinct:
                continue
            quotes = {(c.source, quote_key(c.quote)) for c in a.sources}
            if quotes & {(c.source, quote_key(c.quote)) for c in b.sources}:
                found.add((a.id, b.id))
                continue
            (a0, a1), (b0, b1) = spans[a.id], spans[b.id]
            if a.type != b.type or a1 - a0 > LONGEST or b1 - b0 > LONGEST:
                continue
            if b0 - a1 > MAX_GAP or a0 - b1 > MAX_GAP:
                continue
            if any(
                p == q or p in above(q) or q in above(p) for p in precise(a) for q in precise(b)
            ):
                found.add((a.id, b.id))
    return found


def test_the_buckets_find_what_comparing_every_pair_finds():
    events, places = _random_events(800, random.Random(16))
    found = {(d.event, d.other) for d in find_duplicates(events, places)}
    assert len(found) > 1000  # the rule is exercised: quotes, places within places, dates
    assert found == _every_pair(events, places)


def test_quote_key():
    assert quote_key("“Killing two,” police said…") == quote_key("killing two police said")
