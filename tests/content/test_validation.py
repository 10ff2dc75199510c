"""Content validation: model (field) and catalog (cross-file) rules, each problem reported as
``path:line:col: field: message``, every problem of every file in one run."""

from __future__ import annotations

import shutil
import textwrap

import pytest
from conftest import (
    ABOUT_ID,
    EXACT_ID,
    FILES,
    RANGE_ID,
    ROCKET_QUOTE,
    SOURCE_ID,
    problems_of,
    write,
)

from generator.content.catalog import load_catalog
from generator.content.model import Event, Location
from generator.errors import ValidationFailed

EVENT = f"content/events/{EXACT_ID}.yaml"
RANGE = f"content/events/{RANGE_ID}.yaml"
SOURCE = f"content/sources/{SOURCE_ID}.yaml"
BAGHDAD = "content/locations/baghdad.yaml"
KH = "content/actors/kataib-hezbollah.yaml"

#: When a source's seed is changed, the article it named is no longer used.
UNUSED_X = (
    "seeds/x.txt: warning: no source names this article (seed: x.txt); describe it in "
    "content/sources/ with seed: x.txt, fix the name in the source that should, or delete the file"
)
EVENT_FIELDS = ", ".join(Event.model_fields)
LOCATION_FIELDS = ", ".join(Location.model_fields)
EVENT_TYPES = (
    "rocket-attack, drone-attack, airstrike, ied-attack, explosion, interception, "
    "thwarted-attack, arrest-raid, protest, political, diplomatic, military-posture, statement"
)
ROLES = (
    "perpetrator, claimed, suspected, attributed-by, target, victim, responder, participant, "
    "statement"
)
ACTOR_KINDS = (
    "armed-group, state, government-body, person, military-unit, political-movement, "
    "international-organisation, media"
)


@pytest.fixture
def edit(problems):
    """``edit(path, old, new)``: change one fixture file and return the problems."""

    def run(relative: str, old: str, new: str) -> list[str]:
        text = textwrap.dedent(FILES[relative])
        assert old in text, f"{old!r} is not in the fixture {relative}"
        return problems(relative, text.replace(old, new, 1))

    return run


def test_fixture_project_is_valid(project):
    catalog = load_catalog(project)
    assert list(catalog.events) == [ABOUT_ID, RANGE_ID, EXACT_ID]  # by earliest day, latest
    assert sorted(catalog.actors) == [
        "iraqi-intelligence",
        "kataib-hezbollah",
        "us-embassy-baghdad",
    ]
    assert sorted(catalog.locations) == ["baghdad", "baghdad-airport", "green-zone"]
    assert list(catalog.sources) == [SOURCE_ID]
    assert catalog.warnings == []


# --- model rules ------------------------------------------------------------------------------


def test_unknown_field_with_did_you_mean(edit):
    assert edit(EVENT, "title:", "titel:") == [
        f"{EVENT}:1:1: title: required field is missing",
        f"{EVENT}:3:1: titel: unknown field (did you mean 'title'?); allowed here: {EVENT_FIELDS}",
    ]


def test_unknown_field_without_a_likely_match(edit):
    assert edit(EVENT, "notes:", "flavour:") == [
        f"{EVENT}:30:1: flavour: unknown field; allowed here: {EVENT_FIELDS}",
    ]


def test_unknown_field_in_a_list_item(edit):
    assert edit(EVENT, "    precision: near", "    precison: near") == [
        f"{EVENT}:11:5: locations[0].precison: unknown field (did you mean 'precision'?); "
        "allowed here: place, precision, note",
    ]


def test_unknown_field_in_a_range(edit):
    assert edit(EVENT, "{low: 3, high: 5}", "{low: 3, high: 5, mid: 4}") == [
        f"{EVENT}:20:44: casualties.wounded.unspecified.mid: unknown field; allowed here: "
        "low, high",
    ]


def test_missing_required_field_points_at_the_mapping(edit):
    assert edit(EVENT, "type: rocket-attack\n", "") == [
        f"{EVENT}:1:1: type: required field is missing",
    ]
    assert edit(EVENT, "    role: target\n", "") == [
        f"{EVENT}:16:5: actors[1].role: required field is missing",
    ]
    assert edit(EVENT, "{low: 3, high: 5}", "{low: 3}") == [
        f"{EVENT}:20:26: casualties.wounded.unspecified.high: required field is missing",
    ]


@pytest.mark.parametrize(
    "value, message",
    [
        ("five", "expected a whole number, got the text 'five'"),
        ("'2'", "expected a whole number, got the text '2'"),
        ("2.5", "expected a whole number, got the number 2.5"),
        ("true", "expected a whole number, got the boolean true"),
        ("-1", "must be at least 0, got -1"),
        ("100001", "must be at most 100000, got 100001"),
        ("[2]", "expected a whole number, got a list"),
    ],
)
def test_wrong_count(edit, value, message):
    assert edit(EVENT, "killed: {civilians: 2}", f"killed: {{civilians: {value}}}") == [
        f"{EVENT}:19:23: casualties.killed.civilians: {message}",
    ]


def test_negative_bound_of_a_range(edit):
    assert edit(EVENT, "{low: 3, high: 5}", "{low: -3, high: 5}") == [
        f"{EVENT}:20:32: casualties.wounded.unspecified.low: must be at least 0, got -3",
    ]


def test_low_greater_than_high(edit):
    assert edit(EVENT, "{low: 3, high: 5}", "{low: 5, high: 3}") == [
        f"{EVENT}:20:26: casualties.wounded.unspecified: low (5) is greater than high (3)",
    ]


def test_wrong_types(edit):
    assert edit(EVENT, "tags: [green-zone]", "tags: green-zone") == [
        f"{EVENT}:29:7: tags: expected a list (lines starting with '- '), got the text "
        "'green-zone'",
    ]
    assert edit(EVENT, "casualties:\n  killed: {civilians: 2}\n", "casualties: 5\nx:\n") == [
        f"{EVENT}:18:13: casualties: expected a mapping of fields, got the number 5",
        f"{EVENT}:19:1: x: unknown field; allowed here: {EVENT_FIELDS}",
    ]
    assert edit(EVENT, "  - place: green-zone\n    precision: near\n", "  - green-zone\n\n") == [
        f"{EVENT}:10:5: locations[0]: expected a mapping of fields, got the text 'green-zone'",
    ]
    assert edit(EVENT, "date: 2020-07-10", "date: 2020") == [
        f"{EVENT}:2:7: date: expected text, got the number 2020; put it in quotes if it is "
        "meant as text",
    ]


def test_text_limits(edit):
    assert edit(EVENT, "summary: >-", "summary: ''\nx: >-") == [
        f"{EVENT}:5:10: summary: must not be empty",
        f"{EVENT}:6:1: x: unknown field; allowed here: {EVENT_FIELDS}",
    ]
    title = "title: Rocket hits a house near the Green Zone, killing two civilians"
    assert edit(EVENT, title, "title: " + "x" * 301) == [
        f"{EVENT}:3:8: title: is too long (301 characters; at most 300)",
    ]
    assert edit(EVENT, title, "title: " + "x" * 300) == []


def test_no_sources(edit):
    assert edit(EVENT, "sources:\n", "sources: []\nold:\n") == [
        f"{EVENT}:21:10: sources: needs at least 1 entry",
        f"{EVENT}:22:1: old: unknown field; allowed here: {EVENT_FIELDS}",
    ]


def test_bad_event_type_with_did_you_mean(edit):
    assert edit(EVENT, "type: rocket-attack", "type: rocket-atack") == [
        f"{EVENT}:4:7: type: the text 'rocket-atack' is not allowed (did you mean "
        f"'rocket-attack'?); choose one of: {EVENT_TYPES}",
    ]
    assert edit(EVENT, "type: rocket-attack", "type: massacre") == [
        f"{EVENT}:4:7: type: the text 'massacre' is not allowed; choose one of: {EVENT_TYPES}",
    ]


def test_bad_role(edit):
    assert edit(EVENT, "role: target", "role: targett") == [
        f"{EVENT}:17:11: actors[1].role: the text 'targett' is not allowed (did you mean "
        f"'target'?); choose one of: {ROLES}",
    ]


def test_bad_actor_kind(problems):
    assert problems(KH, "id: kataib-hezbollah\nname: KH\nkind: club\n") == [
        f"{KH}:3:7: kind: the text 'club' is not allowed; choose one of: {ACTOR_KINDS}",
    ]


@pytest.mark.parametrize("bad", ["Rocket_Attack", "double--hyphen", "-leading", "UPPER"])
def test_bad_id_pattern(edit, bad):
    assert edit(EVENT, f"id: {EXACT_ID}", f"id: {bad}") == [
        f"{EVENT}:1:5: id: the text '{bad}' is not a valid id; use lower-case letters, digits "
        "and single hyphens, like 'kataib-hezbollah'",
    ]


@pytest.mark.parametrize("reserved", ["con", "nul", "com1", "lpt9"])
def test_ids_windows_cannot_use_as_file_names(problems, reserved):
    relative = f"content/actors/{reserved}.yaml"
    assert problems(relative, f"id: {reserved}\nname: X\nkind: state\n") == [
        f"{relative}:1:5: id: '{reserved}' is a reserved file name on Windows; choose another id",
    ]


def test_bad_id_in_a_reference(edit):
    assert edit(EVENT, "actor: us-embassy-baghdad", "actor: US Embassy") == [
        f"{EVENT}:16:12: actors[1].actor: the text 'US Embassy' is not a valid id; use "
        "lower-case letters, digits and single hyphens, like 'kataib-hezbollah'",
    ]


def test_bad_seed_name(edit):
    assert edit(SOURCE, "seed: x.txt", "seed: ../x.txt") == [
        rf"{SOURCE}:8:7: seed: the text '../x.txt' does not have the expected form "
        r"(^[A-Za-z0-9_.-]+\.txt$)",
        UNUSED_X,
    ]


def test_id_differs_from_file_name(edit):
    # Nothing refers to this event, so this is the only problem.
    assert edit(RANGE, f"id: {RANGE_ID}", "id: 2020-07-protests") == [
        f"{RANGE}:1:5: id: '2020-07-protests' does not match the file name; rename the file "
        f"to 2020-07-protests.yaml or set id: {RANGE_ID}",
    ]


def test_bad_date(edit):
    assert edit(EVENT, "date: 2020-07-10", "date: 2024-02-30") == [
        f"{EVENT}:2:7: date: '2024-02-30': day 30 does not exist in February 2024 (it has 29 days)",
    ]


@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://example.com/x", "'ftp://example.com/x' is not a web address; it must start "
         "with http:// or https://"),
        ("javascript:alert(1)", "'javascript:alert(1)' is not a web address; it must start "
         "with http:// or https://"),
        ("www.example.com", "'www.example.com' is not a web address; it must start with "
         "http:// or https://"),
        ("'https://example.com/a b'", "'https://example.com/a b' contains a space; write it "
         "as %20"),
        ("https:///x", "'https:///x' has no host name after https://"),
    ],
)  # fmt: skip
def test_bad_url(edit, url, message):
    assert edit(SOURCE, "url: https://example.com/afp/rocket", f"url: {url}") == [
        f"{SOURCE}:7:6: url: {message}",
    ]


@pytest.mark.parametrize(
    "coordinates, where, message",
    [
        ("{lat: .nan, lon: 44.3}", "4:20: coordinates.lat", "must be a real number, not NaN "
         "or infinity"),
        ("{lat: 33.3, lon: .inf}", "4:31: coordinates.lon", "must be a real number, not NaN "
         "or infinity"),
        ("{lat: 95, lon: 44.3}", "4:20: coordinates.lat", "must be at most 90.0, got 95"),
        ("{lat: -90.5, lon: 44.3}", "4:20: coordinates.lat", "must be at least -90.0, got -90.5"),
        ("{lat: 33.3, lon: 181}", "4:31: coordinates.lon", "must be at most 180.0, got 181"),
        ("{lat: '33.3', lon: 44.3}", "4:20: coordinates.lat", "expected a decimal number, got "
         "the text '33.3'"),
        ("{lat: 33.3}", "4:14: coordinates.lon", "required field is missing"),
    ],
)  # fmt: skip
def test_bad_coordinates(problems, coordinates, where, message):
    text = f"id: baghdad\nname: Baghdad\nkind: city\ncoordinates: {coordinates}\n"
    assert problems(BAGHDAD, text) == [f"{BAGHDAD}:{where}: {message}"]


def test_whole_numbers_are_fine_as_coordinates(problems):
    text = "id: baghdad\nname: Baghdad\nkind: city\ncoordinates: {lat: 33, lon: 44}\n"
    assert problems(BAGHDAD, text) == []


# --- files and folders -------------------------------------------------------------------------


def test_yml_extension(problems):
    assert problems("content/actors/foo.yml", "id: foo\nname: Foo\nkind: state\n") == [
        "content/actors/foo.yml: rename to .yaml (content files end in .yaml)",
    ]


@pytest.mark.parametrize(
    "relative", ["content/foo.yaml", "content/people/foo.yaml", "content/actors/sub/foo.yaml"]
)
def test_file_outside_the_kind_folders(problems, relative):
    assert problems(relative, "id: foo\n") == [
        f"{relative}: is not in one of the content folders (content/events/, content/actors/, "
        "content/locations/, content/sources/)",
    ]


def test_other_file_types(problems):
    assert problems("content/actors/notes.txt", "hello\n") == [
        "content/actors/notes.txt: is not a .yaml file; content/ holds only YAML records",
    ]


def test_hidden_files_are_reported(problems):
    # An editor's swap file is reported like any stray file (tests/content/test_files.py
    # has the rest), without being read.
    assert problems("content/actors/.foo.yaml.swp", "\0binary") == [
        "content/actors/.foo.yaml.swp: is a hidden file (its name starts with '.'); content/ "
        "holds only records named <id>.yaml: delete it, or rename it if it is a record",
    ]


def test_no_content_folder(tmp_path):
    assert problems_of(tmp_path) == [
        "content: folder not found; run chronology from the project folder",
    ]


def test_load_errors_are_reported_with_the_rest(problems):
    assert problems(KH, "id: kataib-hezbollah\nname: [\n") == [
        f"{KH}:3:1: invalid YAML: did not find expected node content (while parsing a flow node)",
    ]


# --- cross-references ------------------------------------------------------------------------


def test_unknown_actor_with_did_you_mean(edit):
    assert edit(EVENT, "actor: kataib-hezbollah", "actor: kataib-hezbolah") == [
        f"{EVENT}:13:12: actors[0].actor: unknown actor 'kataib-hezbolah' (did you mean "
        "'kataib-hezbollah'?); add content/actors/kataib-hezbolah.yaml or fix the id",
    ]


def test_unknown_accuser(edit):
    assert edit(EVENT, "by: [iraqi-intelligence]", "by: [iraqi-inteligence]") == [
        f"{EVENT}:15:10: actors[0].by[0]: unknown actor 'iraqi-inteligence' (did you mean "
        "'iraqi-intelligence'?); add content/actors/iraqi-inteligence.yaml or fix the id",
    ]


def test_unknown_location(edit):
    assert edit(EVENT, "place: green-zone", "place: green-zon") == [
        f"{EVENT}:10:12: locations[0].place: unknown location 'green-zon' (did you mean "
        "'green-zone'?); add content/locations/green-zon.yaml or fix the id",
    ]


def test_unknown_source(edit):
    assert edit(RANGE, f"source: {SOURCE_ID}", "source: afp-2020-09-01-rocket-and-protest") == [
        f"{RANGE}:12:13: sources[0].source: unknown source 'afp-2020-09-01-rocket-and-protest' "
        f"(did you mean '{SOURCE_ID}'?); add "
        "content/sources/afp-2020-09-01-rocket-and-protest.yaml or fix the id",
    ]


def test_unknown_related_event(edit):
    assert edit(EVENT, f"event: {ABOUT_ID}", "event: 2020-07-drone-shot-down-near-airprt") == [
        f"{EVENT}:27:12: related[0].event: unknown event '2020-07-drone-shot-down-near-airprt' "
        f"(did you mean '{ABOUT_ID}'?); add "
        "content/events/2020-07-drone-shot-down-near-airprt.yaml or fix the id",
    ]


def test_event_related_to_itself(edit):
    assert edit(EVENT, f"event: {ABOUT_ID}", f"event: {EXACT_ID}") == [
        f"{EVENT}:27:12: related[0].event: an event cannot be related to itself",
    ]


def test_by_on_a_role_other_than_suspected(edit):
    assert edit(
        EVENT, "    role: target\n", "    role: target\n    by: [iraqi-intelligence]\n"
    ) == [
        f"{EVENT}:18:9: actors[1].by: 'by' names who blamed an actor; it belongs only on role "
        "'suspected'",
    ]


def test_same_actor_and_role_twice(edit):
    twice = "  - actor: us-embassy-baghdad\n    role: target\n"
    assert edit(EVENT, twice, twice * 2) == [
        f"{EVENT}:18:5: actors[2]: 'us-embassy-baghdad' is already listed with role 'target'; "
        "merge the two entries",
    ]


def test_quote_not_in_the_seed(edit):
    assert edit(EVENT, "blamed Kataib Hezbollah", "blamed Iran") == [
        f"{EVENT}:25:12: sources[1].quote: not found in seeds/x.txt (the text of "
        f"'{SOURCE_ID}'); the closest passage, with [the quote's words → the article's]: "
        "'…officials. Iraqi intelligence blamed [Iran → Kataib Hezbollah] for the attack. The…'"
        "; copy the words exactly",
    ]


def test_quote_parts_must_come_in_order(edit):
    quote = "Protesters rallied outside the US embassy ... in July and August."
    swapped = "in July and August ... Protesters rallied outside the US embassy"
    assert edit(RANGE, quote, swapped) == [
        f"{RANGE}:13:12: sources[0].quote: not found in seeds/x.txt (the text of "
        f"'{SOURCE_ID}') after the part before it: 'Protesters rallied outside the US embassy' "
        "comes earlier in the article; put the '...'-separated parts in the article's order",
    ]


def test_quote_spacing_and_curly_quotes_may_differ(edit):
    # The seed breaks these sentences over two lines and uses straight quotes.
    quote = "The group, also written Kataeb Hezbollah, denied any role."
    assert (
        edit(KH, quote, "The   group, also written Kataeb\u00a0Hezbollah, denied any role…") == []
    )
    assert edit(KH, quote, "Police called it “a cowardly act”.") == []
    assert edit(KH, quote, "Police called it ‘a cowardly act’.") == [
        f"{KH}:9:12: sources[0].quote: not found in seeds/x.txt (the text of '{SOURCE_ID}'); "
        "the closest passage, with [the quote's words → the article's]: '…airport. Police "
        'called it [‘a → "a] cowardly act". Protesters rallied…\'; copy the words exactly',
    ]


def test_missing_seed(edit):
    assert edit(SOURCE, "seed: x.txt", "seed: y.txt") == [
        f"{SOURCE}:8:7: seed: seeds/y.txt not found; check the file name",
        UNUSED_X,
    ]


def test_event_dated_after_its_source(edit):
    assert edit(RANGE, "date: 2020-07/2020-08", "date: 2020-09-02") == [
        f"{RANGE}:2:7: date: 2020-09-02 is after source '{SOURCE_ID}' was published "
        "(2020-09-01); a source cannot report a later event",
    ]


def test_event_possibly_before_its_source_is_fine(edit):
    # The interval may end after publication, but it may also start before it.
    assert edit(RANGE, "date: 2020-07/2020-08", "date: 2020-08/2020-12") == []


def test_event_dated_after_a_source_it_quotes_twice(edit):
    assert edit(EVENT, "date: 2020-07-10", "date: 2020-09-02") == [
        f"{EVENT}:2:7: date: 2020-09-02 is after source '{SOURCE_ID}' was published "
        "(2020-09-01); a source cannot report a later event",
    ]


def test_empty_casualties(edit):
    figures = "  killed: {civilians: 2}\n  wounded: {unspecified: {low: 3, high: 5}}\n"
    assert edit(EVENT, "casualties:\n" + figures, "casualties: {}\n\n\n") == [
        f"{EVENT}:18:13: casualties: empty; give killed and/or wounded, or leave casualties out "
        "when the sources do not say",
    ]


def test_unknown_parent(problems):
    assert problems(BAGHDAD, "id: baghdad\nname: Baghdad\nkind: city\nparent: iraqq\n") == [
        f"{BAGHDAD}:4:9: parent: unknown location 'iraqq'; add content/locations/iraqq.yaml or "
        "fix the id",
    ]


def test_unknown_actor_parent(problems):
    text = "id: kataib-hezbollah\nname: KH\nkind: armed-group\nparent: popular-mobilisation\n"
    assert problems(KH, text) == [
        f"{KH}:4:9: parent: unknown actor 'popular-mobilisation'; add "
        "content/actors/popular-mobilisation.yaml or fix the id",
    ]


def test_parent_cycle(problems):
    # baghdad -> green-zone -> baghdad; the airport's chain runs into the loop too.
    assert problems(BAGHDAD, "id: baghdad\nname: Baghdad\nkind: city\nparent: green-zone\n") == [
        "content/locations/baghdad-airport.yaml:6:9: parent: parent chain loops back on "
        "itself: baghdad-airport -> baghdad -> green-zone -> baghdad",
        f"{BAGHDAD}:4:9: parent: parent chain loops back on itself: baghdad -> green-zone -> "
        "baghdad",
        "content/locations/green-zone.yaml:5:9: parent: parent chain loops back on itself: "
        "green-zone -> baghdad -> green-zone",
    ]


def test_own_parent(problems):
    text = "id: iraqi-intelligence\nname: INIS\nkind: government-body\nparent: iraqi-intelligence\n"
    assert problems("content/actors/iraqi-intelligence.yaml", text) == [
        "content/actors/iraqi-intelligence.yaml:4:9: parent: parent chain loops back on itself: "
        "iraqi-intelligence -> iraqi-intelligence",
    ]


def test_a_long_parent_loop_is_cut_in_its_messages(project):
    for i in range(20):
        text = f"id: loop-{i}\nname: Loop {i}\nkind: city\nparent: loop-{(i + 1) % 20}\n"
        write(project, f"content/locations/loop-{i}.yaml", text)
    found = [p for p in problems_of(project) if "/loop-0.yaml" in p or "/loop-9.yaml" in p]
    assert found == [
        "content/locations/loop-0.yaml:4:9: parent: parent chain loops back on itself: loop-0 "
        "-> loop-1 -> loop-2 -> loop-3 -> loop-4 -> loop-5 -> loop-6 -> loop-7 -> …",
        "content/locations/loop-9.yaml:4:9: parent: parent chain loops back on itself: loop-9 "
        "-> loop-10 -> loop-11 -> loop-12 -> loop-13 -> loop-14 -> loop-15 -> loop-16 -> …",
    ]


def test_upper_case_file_name(problems):
    assert problems("content/actors/Kataib-Hezbollah.yaml", "id: Kataib-Hezbollah\n") == [
        "content/actors/Kataib-Hezbollah.yaml:1:1: kind: required field is missing",
        "content/actors/Kataib-Hezbollah.yaml:1:1: name: required field is missing",
        "content/actors/Kataib-Hezbollah.yaml:1:5: id: the text 'Kataib-Hezbollah' is not a "
        "valid id; use lower-case letters, digits and single hyphens, like 'kataib-hezbollah'",
    ]


# --- one run reports everything ----------------------------------------------------------------


def test_all_problems_of_all_files_in_one_run(project):
    write(project, KH, "id: kataib-hezbollah\nname: KH\nkind: armed-groupp\n")
    write(project, "content/actors/extra.yml", "id: extra\n")
    write(project, BAGHDAD, "id: baghdad\nname: Baghdad\nkind: city\ncoordinates: {lat: 91}\n")
    text = textwrap.dedent(FILES[EVENT])
    text = text.replace("type: rocket-attack", "type: rocket")
    text = text.replace("killed: {civilians: 2}", "killed: {civilians: -2}")
    write(project, EVENT, text)
    text = textwrap.dedent(FILES[RANGE])
    text = text.replace("place: green-zone", "place: green-zon")
    text = text.replace("relation: context", "relation: background")
    write(project, RANGE, text)
    write(project, "content/sources/dup.yaml", "id: dup\nid: dup\n")

    with pytest.raises(ValidationFailed) as caught:
        load_catalog(project)
    expected = [
        "content/actors/extra.yml: rename to .yaml (content files end in .yaml)",
        f"{KH}:3:7: kind: the text 'armed-groupp' is not allowed (did you mean 'armed-group'?); "
        f"choose one of: {ACTOR_KINDS}",
        f"{EVENT}:4:7: type: the text 'rocket' is not allowed (did you mean "
        f"'rocket-attack'?); choose one of: {EVENT_TYPES}",
        f"{EVENT}:19:23: casualties.killed.civilians: must be at least 0, got -2",
        f"{RANGE}:7:12: locations[0].place: unknown location 'green-zon' (did you mean "
        "'green-zone'?); add content/locations/green-zon.yaml or fix the id",
        f"{RANGE}:16:15: related[0].relation: the text 'background' is not allowed (did you "
        "mean 'context'?); choose one of: responds-to, follows, part-of, context, contradicts",
        f"{BAGHDAD}:4:20: coordinates.lat: must be at most 90.0, got 91",
        f"{BAGHDAD}:4:14: coordinates.lon: required field is missing",
        "content/sources/dup.yaml:2:1: duplicate key 'id' (first on line 1); YAML keeps only "
        "one of them, so delete or rename the other",
    ]
    assert [str(p) for p in caught.value.problems] == sorted(expected, key=_sort_key)
    # The unknown place in the protests event is reported with its invalid relation: the
    # fields that are valid are checked against the other files all the same.
    assert str(caught.value) == "\n".join(sorted(expected, key=_sort_key)) + (
        "\n9 errors found; nothing was written."
    )


def _sort_key(message: str) -> tuple[str, int, int]:
    where = message.split(": ", 1)[0].split(":")
    path = where[0]
    line = int(where[1]) if len(where) > 1 else 0
    column = int(where[2]) if len(where) > 2 else 0
    return path, line, column


def test_one_error_summary_is_singular(problems, project):
    write(project, KH, "id: kataib-hezbollah\nname: KH\nkind: armed-groupp\n")
    with pytest.raises(ValidationFailed) as caught:
        load_catalog(project)
    assert str(caught.value).endswith("\n1 error found; nothing was written.")


# --- an invalid file is reported once, not again by every file that refers to it ------------


def test_invalid_actor_causes_no_unknown_actor_errors(problems):
    # kataib-hezbollah is named by an event; the event is not blamed for it.
    assert problems(KH, "id: kataib-hezbollah\nname: KH\nkind: armed-groupp\n") == [
        f"{KH}:3:7: kind: the text 'armed-groupp' is not allowed (did you mean 'armed-group'?); "
        f"choose one of: {ACTOR_KINDS}",
    ]


def test_unreadable_location_causes_no_unknown_location_errors(problems):
    # green-zone is the parent of nothing but the place of two events.
    assert problems("content/locations/green-zone.yaml", "id: green-zone\nname: [\n") == [
        "content/locations/green-zone.yaml:3:1: invalid YAML: did not find expected node "
        "content (while parsing a flow node)",
    ]


def test_invalid_parent_location_causes_no_unknown_parent_errors(problems):
    assert problems(BAGHDAD, "id: baghdad\nname: Baghdad\nkind: town\n") == [
        f"{BAGHDAD}:3:7: kind: the text 'town' is not allowed (did you mean 'city'?); choose "
        "one of: country, region, city, district, military-base, airport, compound, border-area",
    ]


def test_invalid_source_causes_no_unknown_source_errors(edit):
    # Three events and an actor cite this source.
    assert edit(SOURCE, "outlet: AFP\n", "") == [
        f"{SOURCE}:1:1: outlet: required field is missing",
    ]


def test_invalid_event_causes_no_unknown_event_errors(edit):
    assert edit(EVENT, "type: rocket-attack", "type: rocket") == [
        f"{EVENT}:4:7: type: the text 'rocket' is not allowed (did you mean 'rocket-attack'?); "
        f"choose one of: {EVENT_TYPES}",
    ]


def test_id_mismatch_causes_no_unknown_event_errors(edit):
    assert edit(EVENT, f"id: {EXACT_ID}", "id: 2020-07-10-other") == [
        f"{EVENT}:1:5: id: '2020-07-10-other' does not match the file name; rename the file to "
        f"2020-07-10-other.yaml or set id: {EXACT_ID}",
    ]


def test_deleted_file_is_reported_where_it_was_used(problems):
    assert problems("content/actors/iraqi-intelligence.yaml", None) == [
        f"{EVENT}:15:10: actors[0].by[0]: unknown actor 'iraqi-intelligence'; add "
        "content/actors/iraqi-intelligence.yaml or fix the id",
    ]


def test_validation_does_not_depend_on_the_working_folder(project, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / "elsewhere"
    shutil.copytree(project / "content", copy / "content")
    shutil.copytree(project / "seeds", copy / "seeds")
    write(copy, KH, "id: kataib-hezbollah\nname: KH\nkind: armed-groupp\n")
    assert problems_of(copy)[0].startswith(f"{KH}:3:7: kind: ")


def test_an_empty_killed_mapping_is_reported(problems):
    relative = f"content/events/{EXACT_ID}.yaml"
    text = textwrap.dedent(FILES[relative])
    assert "killed: {civilians: 2}" in text
    found = problems(relative, text.replace("killed: {civilians: 2}", "killed: {}"))
    line = text.splitlines().index("  killed: {civilians: 2}") + 1
    assert found == [
        f"{relative}:{line}:11: casualties.killed: empty; give a figure for at least one group"
        " (civilians, iraqi_forces, us_coalition, contractors, militia, unspecified), or leave"
        " killed out when the sources do not say"
    ]


# --- quotes carry content (text.check_quote) ---------------------------------------------------

ROCKET_LINE = f'quote: "{ROCKET_QUOTE}"'


@pytest.mark.parametrize(
    "quote, message",
    [
        ('"."', "'.' gives 0 words; a quote must give at least 4 words of the source, enough to "
         "show that it says this"),
        ('"…"', "'…' gives 0 words; a quote must give at least 4 words of the source, enough to "
         "show that it says this"),
        ('"A rocket slammed"', "'A rocket slammed' gives 3 words; a quote must give at least 4 "
         "words of the source, enough to show that it says this"),
        ('"A … r … s … i"', "the part 'A' gives 1 word; each part joined by '...' must give at "
         "least 2 words of the source"),
        ('"A rocket slammed ... into ... a house"', "the part 'into' gives 1 word; each part "
         "joined by '...' must give at least 2 words of the source"),
        ('"A rocket slammed … … into a house"', "the part '' gives 0 words; each part joined by "
         "'...' must give at least 2 words of the source"),
    ],
)  # fmt: skip
def test_a_quote_must_give_enough_words(edit, quote, message):
    assert edit(EVENT, ROCKET_LINE, f"quote: {quote}") == [
        f"{EVENT}:23:12: sources[0].quote: {message}",
    ]


def test_a_quote_may_start_and_end_mid_sentence(edit):
    for quote in [
        "...a house near the Green Zone...",
        "…slammed into a house….",
        "A rocket … a house",
    ]:
        assert edit(EVENT, ROCKET_LINE, f'quote: "{quote}"') == [], quote


def test_words_of_any_script_count():
    from generator.content.text import count_words

    assert count_words("كَتَبَ الولدُ الرسالةَ اليوم") == 4  # vowel signs do not split a word
    assert count_words("می\u200cخواهم بروم") == 2  # nor does ZWNJ inside a Persian word
    assert count_words("Kata'eb, 2020 — U.S.") == 5
    assert count_words(". … ‘ ’ - !") == 0


# --- invisible characters (text.check_characters) ------------------------------------------------


@pytest.mark.parametrize(
    "title, message",
    [
        ("A\u202egpj.exe", "contains U+202E RIGHT-TO-LEFT OVERRIDE (character 2), an invisible "
         "control that reorders the text shown around it; delete it"),
        ("Rocket\u2066 hits", "contains U+2066 LEFT-TO-RIGHT ISOLATE (character 7), an invisible "
         "control that reorders the text shown around it; delete it"),
        ("Roc\u200bket", "contains U+200B ZERO WIDTH SPACE (character 4), an invisible "
         "character; delete it"),
        ("Roc\ufeffket", "contains U+FEFF ZERO WIDTH NO-BREAK SPACE (character 4), an invisible "
         "character; delete it"),
        ("Roc\u200cket", "contains U+200C ZERO WIDTH NON-JOINER (character 4), an invisible "
         "character, kept only between two Arabic-script letters; delete it"),
        ("Rocket\U000e0041\U000e0042", "contains U+E0041 TAG LATIN CAPITAL LETTER A (character "
         "7), an invisible character; delete it"),
        ("Rocket\u2063", "contains U+2063 INVISIBLE SEPARATOR (character 7), an invisible "
         "character; delete it"),
    ],
)  # fmt: skip
def test_invisible_characters_in_text(edit, title, message):
    old = "title: Rocket hits a house near the Green Zone, killing two civilians"
    assert edit(EVENT, old, f'title: "{title}"') == [f"{EVENT}:3:8: title: {message}"]


def test_invisible_characters_in_names_and_arabic_names(edit):
    assert edit(KH, "name: Kataib Hezbollah", 'name: "Kataib\u200d Hezbollah"') == [
        f"{KH}:2:7: name: contains U+200D ZERO WIDTH JOINER (character 7), an invisible "
        "character, kept only between two Arabic-script letters; delete it",
    ]
    assert edit(KH, "name_ar: كتائب حزب الله", "name_ar: \u202bكتائب حزب الله\u202c") == [
        f"{KH}:4:10: name_ar: contains U+202B RIGHT-TO-LEFT EMBEDDING (character 1), an "
        "invisible control that reorders the text shown around it; delete it",
    ]
    assert edit(KH, "name_ar: كتائب حزب الله", "name_ar: كتائب حزب\u200f الله") == [
        f"{KH}:4:10: name_ar: contains U+200F RIGHT-TO-LEFT MARK (character 10), an invisible "
        "control that reorders the text shown around it; delete it",
    ]
    # ZWNJ/ZWJ are spelling inside Arabic-script words (Persian, Kurdish): kept as written.
    assert edit(KH, "name_ar: كتائب حزب الله", "name_ar: كتائب\u200cها حزب الله") == []
    assert (
        edit(KH, "aliases: [Kataeb Hezbollah]", "aliases: [Kataeb Hezbollah, می\u200cخواهم]") == []
    )
    # ... but not at the edge of a word, where they only hide.
    assert edit(KH, "name_ar: كتائب حزب الله", "name_ar: كتائب\u200c حزب الله") == [
        f"{KH}:4:10: name_ar: contains U+200C ZERO WIDTH NON-JOINER (character 6), an invisible "
        "character, kept only between two Arabic-script letters; delete it",
    ]


def test_invisible_characters_in_an_id_are_named(edit):
    assert edit(EVENT, "place: green-zone", 'place: "green\u200b-zone"') == [
        f"{EVENT}:10:12: locations[0].place: the text 'green\\u200b-zone' is not a valid id (it "
        "holds U+200B ZERO WIDTH SPACE, an invisible character); use lower-case letters, "
        "digits and single hyphens, like 'kataib-hezbollah'",
    ]


# --- addresses (text.check_address) -------------------------------------------------------------

URL_LINE = "url: https://example.com/afp/rocket"


@pytest.mark.parametrize(
    "written, kept",
    [
        ("HTTPS://example.com/afp/rocket", "https://example.com/afp/rocket"),
        ("HtTp://Example.COM/A?B=C#D", "http://Example.COM/A?B=C#D"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("http://[2001:db8::1]/x", "http://[2001:db8::1]/x"),
        ("https://xn--exmple-4nf.com/x", "https://xn--exmple-4nf.com/x"),
        ("https://example.com/%D8%A8%D8%BA%D8%AF%D8%A7%D8%AF", None),
        ("https://ar.example.com/بغداد", None),
    ],
)
def test_addresses_accepted_with_the_scheme_in_lower_case(project, written, kept):
    text = textwrap.dedent(FILES[SOURCE]).replace(URL_LINE, f"url: {written}")
    write(project, SOURCE, text)
    assert load_catalog(project).sources[SOURCE_ID].url == (kept or written)


@pytest.mark.parametrize(
    "url, message",
    [
        ("https://exаmple.com/x", "its host 'exаmple.com' mixes scripts: U+0430 CYRILLIC SMALL "
         "LETTER A among Latin letters; a host that can pass for another site's is refused: if "
         "this is the real address, write its host in punycode (xn--exmple-4nf.com)"),
        ("https://пример.рф/", "its host 'пример.рф' holds U+043F CYRILLIC SMALL LETTER PE, which "
         "is not plain ASCII; a host that can pass for another site's is refused: if this is the "
         "real address, write its host in punycode (xn--e1afmkfd.xn--p1ai)"),
        ("'https://exam\u200bple.com/x'", "contains U+200B ZERO WIDTH SPACE (character 13), an "
         "invisible character; delete it (or write it as %E2%80%8B if the address really holds "
         "it)"),
        ("'https://example.com/\u202egpj.exe'", "contains U+202E RIGHT-TO-LEFT OVERRIDE "
         "(character 21), an invisible control that reorders the text shown around it; delete it "
         "(or write it as %E2%80%AE if the address really holds it)"),
        ("https://example.com@evil.example/x", "has 'example.com@' before its host "
         "'evil.example': a user name can make an address look like another site's; news "
         "addresses never need one"),
        ("https://ex%61mple.com/x", "its host 'ex%61mple.com' holds '%', which a host name "
         "cannot hold"),
        ("'https://a<b>.com/'", "its host 'a<b>.com' holds '<', which a host name cannot hold"),
        ("'https://example.com/" + "a" * 1960 + " b'", "'https://example.com/" + "a" * 59
         + "…' contains a space; write it as %20"),
    ],
)  # fmt: skip
def test_addresses_refused(edit, url, message):
    assert edit(SOURCE, URL_LINE, f"url: {url}") == [f"{SOURCE}:7:6: url: {message}"]


# --- the same thing twice ---------------------------------------------------------------------


def test_the_same_relation_twice(edit):
    twice = f"  - event: {ABOUT_ID}\n    relation: follows\n"
    other = f"  - event: {ABOUT_ID}\n    relation: context\n"
    assert edit(EVENT, twice, twice + other + twice) == [
        f"{EVENT}:31:5: related[2]: '{ABOUT_ID}' is already related as 'follows' "
        "(related[0]); delete one of the two entries",
    ]


def test_two_sources_with_the_same_address(project):
    # Scheme and host are compared whatever their case; the rest must be the same.
    text = textwrap.dedent(FILES[SOURCE]).replace(f"id: {SOURCE_ID}", "id: afp-again")
    write(
        project,
        "content/sources/afp-again.yaml",
        text.replace("https://example.com", "HTTPS://EXAMPLE.com"),
    )
    write(
        project,
        "content/sources/afp-other.yaml",
        text.replace("afp-again", "afp-other").replace("/rocket", "/Rocket"),
    )
    assert problems_of(project) == [
        "content/sources/afp-again.yaml:7:6: url: the same address as "
        f"{SOURCE}; one article is one source: keep one of the two files and cite its id "
        f"('{SOURCE_ID}') instead",
    ]


# --- long values are cut in messages -----------------------------------------------------------


def test_long_values_are_cut_in_messages(edit):
    key = "k" * 1000  # YAML keys stop at 1,024 characters
    assert edit(EVENT, "notes:", f"{key}: x\nnotes:") == [
        f"{EVENT}:30:1: {'k' * 79}…: unknown field; allowed here: {EVENT_FIELDS}",
    ]
    assert edit(EVENT, "type: rocket-attack", f"type: {'x' * 5000}") == [
        f"{EVENT}:4:7: type: the text '{'x' * 79}…' is not allowed; choose one of: {EVENT_TYPES}",
    ]
    quote = "Iraqi intelligence blamed Kataib Hezbollah for the attack."
    missing = "Iraqi intelligence said " + "very " * 100 + "much"
    assert edit(EVENT, quote, missing) == [
        f"{EVENT}:25:12: sources[1].quote: not found in seeds/x.txt (the text of "
        f"'{SOURCE_ID}'); the closest passage, with [the quote's words → the article's]: "
        f"'…different officials. Iraqi intelligence [{missing[19:78]}… → blamed Kataib "
        "Hezbollah for the attack. The group, also wri…]'; copy the words exactly",
    ]


def test_a_long_seed_name_is_refused_by_its_length(edit):
    assert edit(SOURCE, "seed: x.txt", f"seed: {'x' * 900_000}.txt") == [
        f"{SOURCE}:8:7: seed: is too long (900004 characters; at most 200)",
        UNUSED_X,
    ]


def test_a_number_too_long_to_print():
    from pydantic import ValidationError

    from generator.content.load import parse_text
    from generator.content.messages import schema_problems
    from generator.content.model import Range

    doc = parse_text("low: 1\nhigh: 2\n", "x.yaml")
    with pytest.raises(ValidationError) as caught:
        Range.model_validate({"low": 10**5000, "high": 2})
    assert [str(p) for p in schema_problems(doc, Range, caught.value)] == [
        "x.yaml:1:6: low: must be at most 100000, got a whole number of more than 4,300 digits",
    ]
