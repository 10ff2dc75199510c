"""CONTRIBUTING.md, followed to the letter in a copy of the project.

Its commands are run as written (``chronology new ...``, with the answers its transcript shows
typed in), its files are written as shown, and the result must validate with no problem at all.
Then each mistake of its section 6 is made in turn, and the checker's output must be exactly
the message the guide prints: file, line, column and the fix. docs/content-format.md, the
reference it links, is held to the checker too: its examples are valid records, and its table
of distances is the one the checker applies.
"""

from __future__ import annotations

import re
import shlex
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.content import edtf
from generator.content.catalog import check_content, load_catalog
from generator.content.geography import BORDER_KM, WITHIN_KM
from generator.content.load import parse_text
from generator.content.model import Actor, DistinctEvent, Event, Location, Source
from generator.content.report import ANNOTATIONS_SHOWN
from generator.content.seeds import SeedFile

REPO = Path(__file__).resolve().parents[2]
GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
FORMAT = (REPO / "docs" / "content-format.md").read_text(encoding="utf-8")

EVENT = "content/events/2020-12-20-two-rockets-hit-camp-mithal-north-of-baghdad.yaml"
ACTOR = "content/actors/saraya-al-mithal.yaml"
LOCATION = "content/locations/camp-mithal.yaml"
SOURCE = "content/sources/example-news-2020-12-20-rockets-hit-camp-mithal-north-of-baghdad.yaml"
SEED = "seeds/practice-camp-mithal.txt"
SEED_META = "seeds/practice-camp-mithal.yaml"


def section(title: str) -> str:
    """The text of the '## <title>' section."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", GUIDE, re.M | re.S)
    assert match, f"no section {title!r} in CONTRIBUTING.md"
    return match.group(1)


def shown_files() -> dict[str, str]:
    """Files the guide shows in full: a line `path`: followed by a fenced block."""
    blocks = re.findall(r"^`([\w./-]+)`:\n\n```(?:yaml|text)\n(.*?)^```", GUIDE, re.M | re.S)
    return dict(blocks)


def fenced(text: str, language: str) -> list[str]:
    return re.findall(rf"^\s*```{language}\n(.*?)^\s*```", text, re.M | re.S)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def _writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


@pytest.fixture(scope="module")
def practised(tmp_path_factory) -> Path:
    """A copy of the project after section 4 was followed, step by step."""
    root = tmp_path_factory.mktemp("contributor")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "seeds", root / "seeds")
    # The country outlines the checker places coordinates in, as in every clone.
    basemap = Path("docs/assets/vendor/natural-earth")
    shutil.copytree(REPO / basemap, root / basemap)
    _writable(root)
    files = shown_files()
    worked = section("4. Worked example: a new event, actor, place and source")

    # Step 1: the article's text, as shown.
    (root / SEED).write_text(files[SEED], encoding="utf-8")

    # Steps 2-4: each `chronology new` command, and the output the guide shows after it.
    commands = re.findall(r"```sh\n(chronology new .*?)\n```\n\n```text\n(.*?)```", worked, re.S)
    assert [shlex.split(c)[2] for c, _ in commands] == ["source", "location", "actor"]
    for command, output in commands:
        result = run(*shlex.split(command)[1:], "--root", str(root))
        assert result.exit_code == 0, result.output
        assert result.output == output, command
        written = root / output.split()[1]
        assert check_content(root, [written])[1] == [], command  # valid as soon as written

    # Step 5: the event, answering the questions as the transcript does.
    (transcript,) = fenced(worked, "console")
    lines = transcript.splitlines()
    command = lines[0].removeprefix("$ ")
    answers = [line.split("): ", 1)[1] for line in lines[1:] if "): " in line]
    assert len(answers) == 3
    result = run(*shlex.split(command)[1:], "--root", str(root), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    for line in lines[1:]:
        if not line.startswith(("Summary", "Source id", "Quote")):
            assert line in result.output.splitlines()
    assert check_content(root, [root / EVENT])[1] == []

    # The files as the guide shows them when finished.
    for relative in (SOURCE, LOCATION, ACTOR, EVENT):
        assert (root / relative).is_file(), f"{relative} was not written by chronology new"
        (root / relative).write_text(files[relative], encoding="utf-8")
    (root / SEED_META).write_text(files[SEED_META], encoding="utf-8")  # step 2, by hand
    return root


def test_the_guide_shows_every_kind_of_file_in_full():
    assert set(shown_files()) == {SEED, SEED_META, SOURCE, LOCATION, ACTOR, EVENT}


def test_following_the_worked_example_gives_a_valid_chronology(practised):
    catalog = load_catalog(practised)
    assert catalog.warnings == []
    event = catalog.events["2020-12-20-two-rockets-hit-camp-mithal-north-of-baghdad"]
    assert {a.actor for a in event.actors} >= {"saraya-al-mithal", "us-led-coalition"}
    assert [p.place for p in event.locations] == ["camp-mithal"]
    assert catalog.actors["saraya-al-mithal"].aliases == ["Mithal Brigades"]
    assert catalog.locations["camp-mithal"].parent == "iraq"
    assert catalog.sources[event.sources[0].source].seed == "practice-camp-mithal.txt"
    # The new records count once each, as step 6 says.
    original = load_catalog(REPO)
    result = run("validate", "--root", str(practised))
    assert result.exit_code == 0
    assert result.output == (
        f"OK: {len(original.events) + 1} events, {len(original.actors) + 1} actors, "
        f"{len(original.locations) + 1} locations, {len(original.sources) + 1} sources; "
        "no problems.\n"
    )
    assert re.search(
        r"OK: \d+ events, \d+ actors, \d+ locations, \d+ sources; no problems\.", GUIDE
    )


def test_the_editor_modeline_the_guide_mentions_is_harmless(practised, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(practised, root)
    path = root / EVENT
    modeline = "# yaml-language-server: $schema=../../schemas/event.schema.json"
    assert modeline in GUIDE
    path.write_text(modeline + "\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert check_content(root)[1] == []


# A second report of the attack, for the mistakes that need two (section 6 names it).
WIRE_TEXT = "seeds/practice-camp-mithal-wire.txt"
WIRE = "example-wire-2020-12-21-rockets-hit-iraqi-base"
WIRE_ARTICLE = """Example Wire

Rockets hit Iraqi base hosting coalition troops
BAGHDAD, Dec 21, 2020 (Example Wire) - Two rockets hit Camp Mithal north of Baghdad on Sunday \
night, Iraqi security officials said on Monday. One soldier was wounded.

A group calling itself Saraya al-Mithal said it carried out the attack.
"""
WIRE_SOURCE = f"""id: {WIRE}
outlet: Example Wire
date: 2020-12-21
dateline: Baghdad
title: Rockets hit Iraqi base hosting coalition troops
seed: practice-camp-mithal-wire.txt
"""
# The attack entered again from the wire report, dated by the dispatch.
RESTATED = "2020-12-21-rockets-hit-iraqi-base-hosting-coalition-troops"
RESTATED_EVENT = f"""id: {RESTATED}
date: 2020-12-21
title: Rockets hit an Iraqi base hosting coalition troops
type: rocket-attack
summary: Two rockets hit Camp Mithal north of Baghdad, Iraqi security officials said.
locations:
  - place: camp-mithal
    precision: exact
sources:
  - source: {WIRE}
    quote: Two rockets hit Camp Mithal north of Baghdad
"""
# The worked example's event again under another id, citing the same words.
COPY = "2020-12-20-rockets-strike-camp-mithal"
COPY_EVENT = shown_files()[EVENT].replace(f"id: {Path(EVENT).stem}", f"id: {COPY}", 1)
WIRE_STORED = [(WIRE_TEXT, None, WIRE_ARTICLE), (f"content/sources/{WIRE}.yaml", None, WIRE_SOURCE)]
LAST_QUOTE = "quote: A coalition spokesman said none of its personnel had been hurt."
#: A real source whose stored text is another article.
SEED_ELSEWHERE = "afp-2020-09-28-rocket-fire-near-baghdad-airport"

#: One edit of a practised project: (file, the text replaced, the new text); None replaces
#: nothing: the file is written whole (a new file).
Edit = tuple[str, str | None, str]

#: Section 6, in order: the edits that make each mistake.
MISTAKES: list[list[Edit]] = [
    [(EVENT, "actor: saraya-al-mithal", "actor: Saraya al-Mithal")],
    [(EVENT, "actor: saraya-al-mithal", "actor: mithal-brigades")],
    [(EVENT, "place: camp-mithal", "place: camp-mithl")],
    [(EVENT, "wounding one Iraqi soldier", "wounding an Iraqi soldier")],
    [*WIRE_STORED, (EVENT, LAST_QUOTE, "quote: One soldier was wounded.")],
    [(EVENT, LAST_QUOTE, f"{LAST_QUOTE[:-1]} ... wounding one Iraqi soldier")],
    [(EVENT, "{iraqi_forces: 1,", "{iraqi_forces: one,")],
    [(EVENT, "{iraqi_forces: 1,", "{soldiers: 1,")],
    [(EVENT, "date: 2020-12-20", "date: 20/12/2020")],
    [(EVENT, "date: 2020-12-20", "date: 2020-12-21")],
    [(EVENT, "type: rocket-attack", "type: rocket")],
    [(EVENT, "role: claimed", "role: claimed responsibility")],
    [(EVENT, "summary: >-", "sumary: >-")],
    [(EVENT, "    precision: exact", "\tprecision: exact")],
    [(EVENT, "title: Two rockets", "title: TODO Two rockets")],
    [
        (
            EVENT,
            "id: 2020-12-20-two-rockets-hit-camp-mithal-north-of-baghdad",
            "id: 2020-12-20-rockets-hit-camp-mithal",
        )
    ],
    [(LOCATION, "parent: iraq\n", "parent: iraq\ncoordinates: {lat: 44.37, lon: 33.62}\n")],
    [(LOCATION, "parent: iraq\n", "parent: iraq\ncoordinates: {lat: 33.62, lon: 46.37}\n")],
    [(ACTOR, "kind: armed-group", "kind: militia")],
    [
        (
            "content/locations/camp-al-mithal.yaml",
            None,
            "id: camp-al-mithal\nname: Camp al-Mithal\nkind: military-base\nparent: iraq\n",
        )
    ],
    [(f"content/events/{COPY}.yaml", None, COPY_EVENT)],
    [*WIRE_STORED, (f"content/events/{RESTATED}.yaml", None, RESTATED_EVENT)],
    [(SEED_META, "file: practice-camp-mithal.txt", "file: camp-mithal.txt")],
    [(SEED_META, f"source_id: {Path(SOURCE).stem}", "source_id: " + SEED_ELSEWHERE)],
    [(WIRE_TEXT, None, WIRE_ARTICLE)],
]


def _make(root: Path, edits: list[Edit]) -> None:
    for relative, old, new in edits:
        path = root / relative
        if old is None:
            assert not path.exists(), relative
            path.write_text(new, encoding="utf-8")
            continue
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_mistake_in_the_guide_gets_the_message_it_shows(practised, tmp_path):
    messages = fenced(section("6. When the checker complains: common mistakes"), "text")
    assert len(messages) == len(MISTAKES)
    for number, (edits, shown) in enumerate(zip(MISTAKES, messages, strict=True)):
        root = tmp_path / f"mistake-{number}"
        shutil.copytree(practised, root)
        _make(root, edits)
        result = run("validate", "--root", str(root))
        reported = result.stderr.splitlines()
        expected = shown.strip().splitlines()
        warnings = [line for line in expected if ": warning: " in line]
        if warnings == expected:  # only warnings: validate passes, and says so
            assert result.exit_code == 0, edits
            assert reported == expected, edits
            assert result.stdout.endswith(f"; no errors, {len(warnings)} warning.\n")
        else:
            assert result.exit_code == 1, edits
            summary = (
                f"{len(expected)} error{'s' if len(expected) > 1 else ''} found; "
                "nothing was written."
            )
            assert reported == [*expected, summary], edits
        # Each message names the file and, for a problem within it, the line and the column.
        for line in expected:
            assert re.match(r"(content/[a-z]+|seeds)/[\w.-]+(:\d+:\d+:|: warning:) ", line), line
        # ...and at least one names a file the mistake was made in.
        assert {line.split(":")[0] for line in expected} & {edit[0] for edit in edits}, edits


def anchors(markdown: str) -> set[str]:
    """The headings' anchors as GitHub makes them (the guide is read there)."""
    headings = re.findall(r"^#{2,3} (.+)$", markdown, re.M)
    return {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings}


def test_the_guide_links_resolve():
    for anchor in re.findall(r"\]\(#([^)]+)\)", GUIDE):
        assert anchor in anchors(GUIDE), anchor
    for target, anchor in re.findall(r"\]\((?!https?:|#)([^)#]+)(?:#([^)]+))?\)", GUIDE):
        assert (REPO / target).exists(), target
        if anchor:
            assert anchor in anchors((REPO / target).read_text(encoding="utf-8")), anchor
    for anchor in re.findall(r"\]\(#([^)]+)\)", FORMAT):
        assert anchor in anchors(FORMAT), anchor


def test_the_guide_names_real_commands_and_files():
    for path in (
        ".vscode/settings.json",
        ".vscode/extensions.json",
        ".pre-commit-config.yaml",
        ".github/workflows/pr.yml",
        ".github/workflows/publish.yml",
        "docs/content-format.md",
        "schemas/event.schema.json",
    ):
        assert path in GUIDE and (REPO / path).exists(), path
    for command in ("validate", "new", "extract", "serve", "build"):
        assert command in main.commands


# --- citing by address, and what review shows ----------------------------------------------


def test_the_address_example_is_a_valid_source_whose_quotes_are_not_checked(practised, tmp_path):
    """Section 3's source cited by its address: `chronology new source --url` writes it, and
    the worked example validates with it in place of the stored copy."""
    citing = section("3. The editorial rules").split("### Citing an article", 1)[1]
    (example,) = fenced(citing, "yaml")
    (nowhere,) = fenced(citing, "text")
    fields = yaml.safe_load(example)
    assert "seed" not in fields
    assert fields["archive_url"].startswith("https://web.archive.org/web/")
    assert "chronology new source --url ADDRESS" in citing

    root = tmp_path / "by-address"
    shutil.copytree(practised, root)
    (root / SEED).unlink()  # nothing of the article is committed
    (root / SEED_META).unlink()
    (root / SOURCE).unlink()
    options = {key: fields[key] for key in ("outlet", "date", "dateline", "title", "url")}
    arguments = [part for key, value in options.items() for part in (f"--{key}", str(value))]
    result = run("new", "source", *arguments, "--root", str(root))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"Wrote {SOURCE}"
    written = load_catalog(root).sources[fields["id"]]
    assert (written.url, written.seed) == (fields["url"], None)

    (root / SOURCE).write_text(example, encoding="utf-8")
    result = run("validate", "--root", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("; no problems.\n")
    # A misquote is not caught without the stored text: the reviewer compares by hand.
    event = root / EVENT
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("wounding one Iraqi", "wounding an Iraqi"), encoding="utf-8")
    assert run("validate", "--root", str(root)).exit_code == 0
    # Neither an address nor a stored copy: the message the guide shows.
    unreadable = [line for line in example.splitlines() if not line.startswith(("url", "archive"))]
    (root / SOURCE).write_text("\n".join(unreadable) + "\n", encoding="utf-8")
    result = run("validate", "--root", str(root))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [nowhere.strip(), "1 error found; nothing was written."]


def test_the_pages_say_what_the_guide_says_about_checked_quotes():
    citing = section("3. The editorial rules")
    template = (REPO / "site_templates" / "event.md.j2").read_text(encoding="utf-8")
    for words in (
        "quotes machine-checked against the stored text",
        "quotes not checked against a stored copy",
    ):
        assert f"*{words}*" in citing and f"*{words}*" in template


def test_an_article_kept_outside_the_repository_can_be_drafted(practised, tmp_path):
    article = tmp_path / "articles" / "camp-mithal.txt"
    article.parent.mkdir()
    article.write_text(shown_files()[SEED], encoding="utf-8")
    result = run("extract", str(article), "--root", str(practised))
    assert result.exit_code == 0, result.output
    assert f"# Drafts from {article}: " in result.output
    assert "camp-mithal" in result.output  # the place of the worked example, found by name


def test_the_guide_says_what_a_reviewer_sees_of_the_checks():
    review = " ".join(section("9. How review works").split())
    assert "`chronology validate --format github`" in review
    assert (
        f"GitHub shows at most {ANNOTATIONS_SHOWN} error and {ANNOTATIONS_SHOWN} warning "
        f"annotations of a step, so only the first {ANNOTATIONS_SHOWN} errors and the first "
        f"{ANNOTATIONS_SHOWN} warnings of that table are annotations"
    ) in review
    assert "in the *Files changed* tab only when the file is part of your change" in review
    assert "**The job summary**, on the *Checks* tab" in review
    workflow = (REPO / ".github/workflows/pr.yml").read_text(encoding="utf-8")
    assert "run: .venv/bin/chronology validate --format github\n" in workflow


def test_the_guide_does_not_say_that_stored_articles_stay_private():
    """seeds/ is in the repository: pushing it publishes it, whatever the site shows."""
    assert "never published" not in GUIDE
    organised = " ".join(section("2. How the chronology is organised").split())
    assert "they are part of the repository: whatever you push to GitHub is public" in organised


def test_every_date_in_the_guide_is_read_as_it_says():
    rules = section("3. The editorial rules")
    written = re.findall(r"^\s*\| `([^`]+)`(?: / `([^`]+)`)? \|", rules, re.M)
    dates = [date for pair in written for date in pair if date]
    assert "2020-09-28T21:30+03:00" in dates and "2021-04/.." in dates
    for date in dates:
        edtf.parse(date)  # raises on a form the checker refuses
    assert edtf.describe(edtf.parse("2020-09-28T21:30+03:00")).startswith("28 September 2020")


# --- docs/content-format.md says what the checker does -----------------------------------


def test_the_format_examples_are_valid_records():
    """Each example file of docs/content-format.md, read as strictly as a content file, is a
    valid record, and the records it names are real ones."""
    examples = fenced(FORMAT, "yaml")
    models = [Event, Actor, Location, Source, SeedFile]
    assert len(examples) == len(models) + 1  # and the distinct_from entry
    for example, model in zip(examples, models, strict=False):
        model.model_validate(parse_text(example, "example.yaml").data)
    (entry,) = parse_text(examples[-1], "example.yaml").data["distinct_from"]
    DistinctEvent.model_validate(entry)
    catalog = load_catalog(REPO)
    named = re.findall(
        r"^[ -]*(source|actor|place|event|parent|source_id): ([a-z0-9-]+)", FORMAT, re.M
    )
    tables = {"source": "sources", "source_id": "sources", "actor": "actors", "event": "events"}
    for field, value in named:
        records = catalog.table(tables.get(field, "locations"))
        if field == "parent" and value not in records:
            records = catalog.actors  # an actor's parent
        assert value in records, (field, value)


def test_the_distances_in_the_format_are_the_checkers():
    rule = FORMAT.split("### A place lies within its parent", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| ((?:`[a-z-]+`(?:, )?)+) \| (.+) \|$", rule, re.M)
    limits: dict[str, float | None] = {}
    for kinds, says in rows:
        for kind in re.findall(r"`([a-z-]+)`", kinds):
            if kind == "country":
                border = f"at most {BORDER_KM:.0f} km beyond"
                assert says == f"within its border as the map draws it, or {border}"
                limits[kind] = None
            else:
                found = re.fullmatch(r"at most (\d+) km from the parent's coordinates", says)
                assert found, says
                limits[kind] = float(found.group(1))
    assert limits == WITHIN_KM
    # CONTRIBUTING's summary of the table, and its tolerance at a border.
    guide = " ".join(section("6. When the checker complains: common mistakes").split())
    assert (
        f"({BORDER_KM:.0f} km beyond it still counts: border towns and crossings sit on the "
        f"simplified line), or near a parent of another kind, as near as its kind says "
        f"({WITHIN_KM['military-base']:.0f} km of a base, {WITHIN_KM['city']:.0f} km of a city, "
        f"{WITHIN_KM['region']:.0f} km of a region"
    ) in guide
