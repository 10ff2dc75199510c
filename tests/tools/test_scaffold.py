"""``chronology new``: a correctly named file with every field explained, from options or by
asking, that validates once the required values are in."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import SOURCE_ID

from generator.cli import main
from generator.content.catalog import check_content, load_catalog
from generator.content.load import parse_text
from generator.content.model import KINDS
from generator.tools.answers import TITLE_WORDS, date_prefix, make_id
from generator.tools.scaffold import folded

QUOTE = "A rocket slammed into a house near the Green Zone on Friday"


def run(project, *args: str, input: str | None = None):
    return CliRunner().invoke(
        main, ["new", *args, "--root", str(project)], input=input, catch_exceptions=False
    )


def uncommented(text: str) -> str:
    """The file with every optional field switched on ('# ' removed), explanations dropped."""
    lines = [line for line in text.splitlines() if not line.startswith("##")]
    return "\n".join(line[2:] if line.startswith("# ") else line for line in lines) + "\n"


def test_new_event_from_options(project):
    result = run(
        project, "event", "--date", "2020-07-20", "--title", "Rocket hits a house: second report",
        "--type", "rocket-attack", "--summary", "A rocket hit a house.", "--source", SOURCE_ID,
        "--quote", QUOTE, "--place", "green-zone:near", "--actor", "kataib-hezbollah:suspected",
    )  # fmt: skip
    relative = "content/events/2020-07-20-rocket-hits-a-house-second-report.yaml"
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"Wrote {relative}"
    assert (
        result.output.splitlines()[-1]
        == f"Fill in the rest, then run: chronology validate {relative}"
    )
    text = (project / relative).read_text(encoding="utf-8")
    assert 'title: "Rocket hits a house: second report"' in text  # quoted: it has ': '
    assert "  - place: green-zone\n    precision: near\n" in text
    assert "  - actor: kataib-hezbollah\n    role: suspected\n" in text
    # Every field is explained, and the optional ones are there to switch on.
    for field in ("id", "date", "title", "type", "summary", "locations", "actors", "sources"):
        assert re.search(rf"^## .*\n{field}:", text, re.M), field
    for field in ("casualties", "related", "distinct_from", "tags", "notes"):
        assert re.search(rf"^# {field}:", text, re.M), field
    catalog = load_catalog(project)  # valid as written
    assert catalog.events["2020-07-20-rocket-hits-a-house-second-report"].type == "rocket-attack"


def test_new_event_by_asking(project):
    answers = [
        "2020-07-20",
        "Rocket hits a house, again",
        "rocket-attack",
        "A rocket hit a house near the Green Zone.",
        SOURCE_ID,
        QUOTE,
        "green-zone",
        "kataib-hezbollah:suspected, us-embassy-baghdad:target",
    ]
    result = run(project, "event", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    for question in ("Date (EDTF", "Title", "Type (rocket-attack", "Places", "Actors (id:role"):
        assert question in result.output
    catalog = load_catalog(project)
    event = catalog.events["2020-07-20-rocket-hits-a-house-again"]
    assert [(a.actor, a.role) for a in event.actors] == [
        ("kataib-hezbollah", "suspected"),
        ("us-embassy-baghdad", "target"),
    ]
    assert event.sources[0].quote == QUOTE


def test_a_wrong_answer_is_explained_and_asked_again(project):
    answers = ["20/07/2020", "2020-07-10", "Title", "rocket", "rocket-attack", "Summary.",
               "Bad Id", SOURCE_ID, QUOTE, "", ""]  # fmt: skip
    result = run(project, "event", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Error: '20/07/2020' is not an EDTF date; write year-month-day" in result.output
    assert (
        "Error: 'rocket' is not allowed (did you mean 'rocket-attack'?); choose one of: "
        "rocket-attack, drone-attack, airstrike, ied-attack, explosion, interception, "
        "thwarted-attack, arrest-raid, protest, political, diplomatic, military-posture, "
        "statement\n"
    ) in result.output
    assert "Error: 'Bad Id' is not a valid id" in result.output
    assert check_content(project, [project / "content/events/2020-07-10-title.yaml"])[1] == []


def test_a_wrong_option_stops_before_writing(project):
    result = run(
        project, "event", "--date", "2020-02-30", "--title", "T", "--type", "rocket-attack"
    )
    assert result.exit_code == 2
    assert "Invalid value for '--date': '2020-02-30': day 30 does not exist" in result.output
    assert not list((project / "content/events").glob("2020-02*"))


def test_never_overwrites(project):
    args = ["actor", "--name", "Kataib Hezbollah", "--kind", "armed-group"]
    result = run(project, *args)
    assert result.exit_code == 1
    assert result.output == (
        "content/actors/kataib-hezbollah.yaml: already exists; edit that file, or give another "
        "id with --id\n"
    )


def test_problems_found_at_once_are_shown(project):
    result = run(
        project, "event", "--date", "2020-07-10", "--title", "Other", "--type", "protest",
        "--summary", "S.", "--source", SOURCE_ID, "--quote", "Words not in the article",
        "--actor", "kataeb-hezbollah:suspected",
    )  # fmt: skip
    assert result.exit_code == 0
    assert "chronology validate says:" in result.output
    assert (
        "actors[0].actor: unknown actor 'kataeb-hezbollah' (did you mean 'kataib-hezbollah' "
        "(Kataib Hezbollah)?)" in result.output
    )
    assert "sources[0].quote: not found in seeds/x.txt" in result.output


@pytest.mark.parametrize(
    "kind, args, relative",
    [
        (
            "actor",
            ["--name", "Kata'ib Sayyid al-Shuhada", "--kind", "armed-group", "--alias", "KSS",
             "--parent", "kataib-hezbollah"],
            "content/actors/kataib-sayyid-al-shuhada.yaml",
        ),
        (
            "location",
            ["--name", "Camp Taji", "--kind", "military-base", "--lat", "33.52", "--lon", "44.26",
             "--parent", "baghdad", "--alias", "Taji"],
            "content/locations/camp-taji.yaml",
        ),
        (
            "source",
            ["--outlet", "AFP", "--date", "2020-09-01", "--title", "Rocket: two dead",
             "--seed", "x.txt", "--url", "https://example.com/a", "--author", "A. Writer"],
            "content/sources/afp-2020-09-01-rocket-two-dead.yaml",
        ),
    ],
)  # fmt: skip
def test_new_actor_location_source(project, kind, args, relative):
    result = run(project, kind, *args)
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Wrote {relative}\nFill in the rest, then run: chronology validate {relative}\n"
    )
    assert check_content(project, [project / relative])[1] == []
    # Switching on every optional field still gives a file of the right shape.
    text = uncommented((project / relative).read_text(encoding="utf-8"))
    data = parse_text(text, relative).data
    KINDS[relative.split("/")[1]].model_validate(data)


def test_asks_for_every_field_with_no_options(project):
    answers = ["Camp Taji", "military-base", "Taji, Al-Taji", "33.52", "44.26", "baghdad"]
    result = run(project, "location", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    location = load_catalog(project).locations["camp-taji"]
    assert location.aliases == ["Taji", "Al-Taji"]
    assert (location.coordinates.lat, location.coordinates.lon) == (33.52, 44.26)


def test_optional_values_are_not_asked_when_options_are_given(project):
    # Required values only: the source's seed, author ... stay commented out.
    result = run(project, "source", "--outlet", "AFP", "--date", "2020-09-01", "--title", "T")
    assert result.exit_code == 0
    text = (project / "content/sources/afp-2020-09-01-t.yaml").read_text(encoding="utf-8")
    assert "\n# seed: " in text and "\n# author: " in text


def test_every_new_event_field_is_a_model_field(project):
    run(
        project, "event", "--date", "2020-07", "--title", "T", "--type", "protest",
        "--summary", "S.", "--source", SOURCE_ID, "--quote", QUOTE,
    )  # fmt: skip
    text = (project / "content/events/2020-07-t.yaml").read_text(encoding="utf-8")
    data = parse_text(uncommented(text), "x").data
    assert list(data) == list(KINDS["events"].model_fields)
    KINDS["events"].model_validate(data)


@pytest.mark.parametrize(
    "date, prefix",
    [("2020-09-28", "2020-09-28"), ("2020-09-28~", "2020-09-28"), ("2020-07/2020-08", "2020-07"),
     ("2020-09-2X", "2020-09"), ("../2020-03", "2020-03"), ("2021-04/..", "2021-04")],
)  # fmt: skip
def test_date_prefix(date, prefix):
    assert date_prefix(date) == prefix


def test_ids_made_from_text():
    """The project's one slug rule (content.ids.slug), cut at a word boundary."""
    name = "Kata'eb Hezbollah’s “45th” Brigade — Dora"
    assert make_id("actor", {"name": name}) == "kataeb-hezbollahs-45th-brigade-dora"
    assert make_id("location", {"name": "Çamp Tājī"}) == "camp-taji"
    assert make_id("actor", {"name": "حزب الله"}) == ""
    title = "Rockets hit the Green Zone as the embassy's C-RAM fires over the Tigris again"
    assert (
        make_id("event", {"date": "2020-09-2X", "title": title})
        == "2020-09-rockets-hit-the-green-zone-as-the-embassys-c-ram"
    )
    source = {"outlet": "Agence France-Presse (AFP)", "date": "2020-09-28", "title": title}
    assert (
        make_id("source", source)
        == "agence-france-presse-afp-2020-09-28-rockets-hit-the-green-zone-as-the-embassys-c-ram"
    )


@pytest.mark.parametrize(
    "title, words",
    [
        # Cut at the last word that fits, the stop words before it dropped (was '…-in').
        (
            "Rocket hits a house near the Green Zone in Baghdad killing a child",
            "rocket-hits-a-house-near-the-green-zone",
        ),
        # Cut after the last whole clause that fits (was '…-the-second-this').
        (
            "Drone attack on Erbil airport, the second this month, damages a hangar",
            "drone-attack-on-erbil-airport",
        ),
        # A clause shorter than half the room is not enough (was '…-green-zone-in').
        (
            "Iraq: rockets hit a house near the Green Zone in Baghdad killing a child",
            "iraq-rockets-hit-a-house-near-the-green-zone",
        ),
        ("The embassy's C-RAM fires twice", "embassys-c-ram-fires-twice"),  # no leading article
        ("A rocket over the", "rocket"),
    ],
)
def test_event_ids_end_on_a_word_that_says_what_happened(title, words):
    assert make_id("event", {"date": "2020-09-28", "title": title}) == f"2020-09-28-{words}"
    assert len(words) <= TITLE_WORDS


def test_a_kind_written_as_a_synonym_is_suggested(project):
    result = run(project, "actor", "--name", "Saraya X", "--kind", "militia")
    assert result.exit_code == 2
    assert (
        "Invalid value for '--kind': 'militia' is not allowed (did you mean 'armed-group'?); "
        "choose one of: armed-group, state, government-body, person, military-unit, "
        "political-movement, international-organisation, media"
    ) in result.output


def test_text_without_latin_letters_needs_an_id(project):
    result = run(project, "actor", "--name", "حزب الله", "--kind", "armed-group")
    assert result.exit_code == 1
    assert "cannot make an id from that text" in result.output
    result = run(
        project, "actor", "--name", "حزب الله", "--kind", "armed-group", "--id", "hezbollah"
    )
    assert result.exit_code == 0
    assert load_catalog(project).actors["hezbollah"].name == "حزب الله"


def test_long_text_folds_back_to_the_same_words():
    words = "Iraqi officials hope talks go on after President-elect Joe Biden takes over. " * 5
    text = "quote: " + "\n".join(folded(words.strip(), "  ")) + "\n"
    assert max(len(line) for line in text.splitlines()) <= 96
    assert parse_text(text, "x").data == {"quote": " ".join(words.split())}
