"""Adversarial input, round two, through the real command line (tests/e2e/test_adversarial.py
runs each case): numbers of any length, dates outside the range a record may have, EDTF
seasons, files that are not regular files (a named pipe would block a reader forever), hidden
files, seeds that cannot be used for a reason the message names, file names that are not ids,
and did-you-mean suggestions that stay fast among thousands of records.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
import test_adversarial
from conftest import EXACT_ID, SOURCE_ID
from test_adversarial import (
    BAD,
    BAD_SOURCE,
    GOOD_EVENT,
    GOOD_SOURCE,
    QUOTE,
    Case,
    Link,
    Sparse,
    built,  # noqa: F401 - a fixture, used through `project`
    check_accepted,
    check_refused,
    event,
    project,  # noqa: F401 - a fixture
)

from generator.content.catalog import Catalog
from generator.content.edtf import describe
from generator.content.filing import SPANNING, Filing, filing
from generator.exports.ics import events_ics


@dataclass(frozen=True)
class Fifo:
    """A named pipe to create instead of a file: opened for reading, it waits for a writer."""


@dataclass(frozen=True)
class Folder:
    """An empty folder to create where a file is expected."""


_add = test_adversarial.add


def add(root: Path, files: dict, outside: Path) -> None:
    """test_adversarial's ``add``, creating named pipes and folders as well."""
    special = {k: v for k, v in files.items() if isinstance(v, (Fifo, Folder))}
    _add(root, {k: v for k, v in files.items() if k not in special}, outside)
    for relative, value in special.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, Fifo):
            os.mkfifo(path)
        else:
            path.mkdir()


@pytest.fixture(autouse=True)
def _special_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(test_adversarial, "add", add)
    yield


LONG_NUMBER = (
    "no figure or coordinate needs more than 100: write the number correctly, or quote it if "
    "it is text"
)
OUTSIDE = "is outside the dates a record may have (1900-01-01 to 2099-12-31); check the year"
HIDDEN = (
    "is a hidden file (its name starts with '.'); content/ holds only records named "
    "<id>.yaml: delete it, or rename it if it is a record"
)
FIFO = "is a named pipe (FIFO), not a file; remove it"
WITH_SEED = GOOD_SOURCE + "seed: {}\n"


def seeded(name: str) -> dict[str, str]:
    return {BAD_SOURCE: WITH_SEED.format(name)}


# --- many misspelt references among many records ------------------------------------------

ACTORS = 5000
MISSPELT_FILES, MISSPELT_PER_FILE = 20, 10


def made_up_ids(count: int) -> list[str]:
    """``count`` distinct ids of made-up words, alike as the names of armed groups are (so
    difflib's quick filters pass most pairs and compares them in full)."""
    rng = random.Random(7)
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    found: set[str] = set()
    while len(found) < count:
        words = ["".join(rng.choices(syllables, k=rng.randint(2, 3))) for _ in range(3)]
        found.add("-".join(words) + "-brigade")
    return sorted(found)


def misspelt_case() -> Case:
    """5,000 actors and 200 references to them, each with one letter left out: comparing
    every misspelling with every id (a million pairs) took some 28 s here, under 1 s since
    suggestions compare a few likely ids only."""
    ids = made_up_ids(ACTORS)
    files: dict[str, str | bytes | Link | Sparse] = {
        f"content/actors/{i}.yaml": f"id: {i}\nname: {i.replace('-', ' ').title()}\nkind: state\n"
        for i in ids
    }
    problems = []
    wanted = iter(ids[:: ACTORS // (MISSPELT_FILES * MISSPELT_PER_FILE)])
    for day in range(1, MISSPELT_FILES + 1):
        record = f"2020-06-{day:02d}-misspelt"
        path = f"content/events/{record}.yaml"
        lines = []
        for index in range(MISSPELT_PER_FILE):
            actor = next(wanted)
            typo = actor[:3] + actor[4:]
            lines.append(f"  - {{actor: {typo}, role: target}}\n")
            problems.append(
                f"{path}:{9 + index}:13: actors[{index}].actor: unknown actor {typo!r} (did you "
                f"mean {actor!r}?); add content/actors/{typo}.yaml or fix the id"
            )
        # Three days apart, each quoting its own sentence: not one event twenty times.
        when = (date(2020, 3, 1) + timedelta(days=3 * day)).isoformat()
        text = GOOD_EVENT.replace("2020-07-11-bad", record).replace("2020-07-11", when)
        text = text.replace(f"source: {SOURCE_ID}", "source: misspelt").replace(
            f'"{QUOTE}"', f"Misspelt file number {day} was reported."
        )
        files[path] = text.replace("sources:\n", "actors:\n" + "".join(lines) + "sources:\n", 1)
    files["seeds/misspelt.txt"] = "".join(
        f"Misspelt file number {day} was reported.\n" for day in range(1, MISSPELT_FILES + 1)
    )
    files["content/sources/misspelt.yaml"] = (
        "id: misspelt\noutlet: AFP\ndate: 2020-09-01\ntitle: T\nseed: misspelt.txt\n"
    )
    return Case("5000-actors-200-misspelt-references", files, tuple(problems), within=10.0)


REFUSED = [
    # --- numbers of any length ---------------------------------------------------------------
    Case(
        "count-of-4301-digits",
        {BAD: event("{civilians: 2}", "{civilians: " + "7" * 4301 + "}")},
        (
            f"{BAD}:12:23: casualties.killed.civilians: a number written with 4,301 characters; "
            + LONG_NUMBER,
        ),
    ),
    Case(
        "title-of-100000-digits",
        {BAD: event("title: A second rocket", "title: " + "1" * 100_000)},
        (f"{BAD}:3:8: title: a number written with 100,000 characters; {LONG_NUMBER}",),
    ),
    Case(
        "decimal-of-900000-digits-in-a-list",
        {BAD: event("casualties:", "tags: [a, 0." + "5" * 900_000 + "]\ncasualties:")},
        (f"{BAD}:11:11: tags[1]: a number written with 900,002 characters; {LONG_NUMBER}",),
        within=10.0,
    ),
    # --- dates limited to a stated range -----------------------------------------------------
    Case(
        "interval-ending-9999-12-31",
        {BAD: event("date: 2020-07-11", "date: 2020-07-11/9999-12-31")},
        (f"{BAD}:2:7: date: '2020-07-11/9999-12-31' {OUTSIDE}",),
    ),
    Case(
        "date-9999-12-31",
        {BAD: event("date: 2020-07-11", "date: 9999-12-31")},
        (f"{BAD}:2:7: date: '9999-12-31' {OUTSIDE}",),
    ),
    Case(
        "date-0001-01-01",
        {BAD: event("date: 2020-07-11", "date: 0001-01-01")},
        (f"{BAD}:2:7: date: '0001-01-01' {OUTSIDE}",),
    ),
    Case(
        "source-dated-2100",
        {BAD_SOURCE: GOOD_SOURCE.replace("date: 2020-09-01", "date: 2100-01-01")},
        (f"{BAD_SOURCE}:3:7: date: '2100-01-01' {OUTSIDE}",),
    ),
    Case(
        "winter-of-the-last-year",
        {BAD: event("date: 2020-07-11", "date: 2020-07/2099-24")},
        (f"{BAD}:2:7: date: '2020-07/2099-24' {OUTSIDE}",),
    ),
    Case(
        "season-with-a-day",
        {BAD: event("date: 2020-07-11", "date: 2020-21-05")},
        (f"{BAD}:2:7: date: '2020-21-05': a season (21) has no day; write YYYY-21",),
    ),
    Case(
        "month-25",
        {BAD: event("date: 2020-07-11", "date: 2020-25")},
        (f"{BAD}:2:7: date: '2020-25': month 25 does not exist (01-12, or 21-24 for a season)",),
    ),
    # --- files that are not regular files ----------------------------------------------------
    Case("fifo-as-a-record", {BAD: Fifo()}, (f"{BAD}: {FIFO}",), within=10.0),
    Case(
        "fifo-among-the-events",
        {"content/events/pipe": Fifo()},
        (f"content/events/pipe: {FIFO}",),
        within=10.0,
    ),
    Case(
        "fifo-as-a-seed",
        {"seeds/pipe.txt": Fifo(), **seeded("pipe.txt")},
        (f"{BAD_SOURCE}:6:7: seed: seeds/pipe.txt {FIFO}",),
        within=10.0,
    ),
    # --- hidden files ------------------------------------------------------------------------
    Case(
        "hidden-record-with-broken-yaml",
        {"content/events/.bad.yaml": "id: [broken\n"},
        (f"content/events/.bad.yaml: {HIDDEN}",),
    ),
    Case(
        "os-litter",
        {"content/actors/.DS_Store": b"\0\0\0\1Bud1", "content/events/._x.yaml": b"\0\5"},
        (f"content/actors/.DS_Store: {HIDDEN}", f"content/events/._x.yaml: {HIDDEN}"),
    ),
    # --- messages say the real cause ---------------------------------------------------------
    Case(
        "seed-not-found",
        seeded("missing.txt"),
        (f"{BAD_SOURCE}:6:7: seed: seeds/missing.txt not found; check the file name",),
    ),
    Case(
        "seed-is-a-symbolic-link",
        {"seeds/link.txt": Link("x.txt"), **seeded("link.txt")},
        (
            f"{BAD_SOURCE}:6:7: seed: seeds/link.txt is a symbolic link; seeds must be ordinary "
            "files (copy the article's text here instead of linking to it)",
        ),
    ),
    Case(
        "seed-is-a-folder",
        {"seeds/folder.txt": Folder(), **seeded("folder.txt")},
        (f"{BAD_SOURCE}:6:7: seed: seeds/folder.txt is a folder; seeds must be ordinary files",),
    ),
    Case(
        "seed-of-20-mb",
        {"seeds/big.txt": Sparse(20_000_000), **seeded("big.txt")},
        (
            f"{BAD_SOURCE}:6:7: seed: seeds/big.txt is 20,000,000 bytes; an article's text may "
            "be at most 10,000,000 bytes",
        ),
        within=5.0,
    ),
    Case(
        "seed-in-latin-1",
        {"seeds/latin.txt": "Baghdad (AFP) - Caf\u00e9\n".encode("latin-1"), **seeded("latin.txt")},
        (
            f"{BAD_SOURCE}:6:7: seed: seeds/latin.txt line 1, column 20: invalid UTF-8 (byte "
            "0xe9); save the file as UTF-8",
        ),
    ),
    Case(
        "file-name-with-a-space",
        {"content/events/2020-07-11 bad.yaml": GOOD_EVENT},
        (
            "content/events/2020-07-11 bad.yaml:1:5: id: '2020-07-11-bad' does not match the "
            "file name; rename the file to 2020-07-11-bad.yaml",
        ),
    ),
    Case(
        "file-name-with-capitals-and-another-id",
        {"content/actors/Popular Mobilisation.yaml": "id: pmf\nname: PMF\nkind: armed-group\n"},
        (
            "content/actors/Popular Mobilisation.yaml:1:5: id: 'pmf' does not match the file "
            "name; rename the file to pmf.yaml, or to popular-mobilisation.yaml and set id: "
            "popular-mobilisation",
        ),
    ),
    misspelt_case(),
]


def dated(date: str) -> dict[str, str | bytes | Link | Sparse]:
    return {BAD: event("date: 2020-07-11", f"date: {date}")}


def calendar_has(*lines: str):
    """A check that the iCalendar export of the catalog holds these lines (and so can write
    every date accepted)."""

    def check(catalog: Catalog) -> bool:
        calendar = events_ics(catalog).split("\r\n")
        return all(line in calendar for line in lines)

    return check


def season(words: str, filed: Filing, start: str, end: str):
    def check(catalog: Catalog) -> bool:
        when = catalog.when(catalog.events["2020-07-11-bad"])
        return (
            describe(when) == words
            and filing(when) == filed
            and calendar_has(f"DTSTART;VALUE=DATE:{start}", f"DTEND;VALUE=DATE:{end}")(catalog)
        )

    return check


ACCEPTED = [
    Case("spring-2020", dated("2020-21"), check=season("spring 2020", Filing(2020, None),
                                                       "20200301", "20200601")),
    Case("autumn-2019-about", dated("2019-23~"), check=season("about autumn 2019",
                                                              Filing(2019, None), "20190901",
                                                              "20191201")),
    Case("winter-2019-2020", dated("2019-24"), check=season("winter 2019–2020", SPANNING,
                                                            "20191201", "20200301")),
    # Open ends and the range's last day: every export can write them.
    Case("open-end", dated("2020-07/.."), check=calendar_has("DTSTART;VALUE=DATE:20200701",
                                                             "DTEND;VALUE=DATE:20200801")),
    Case("open-start", dated("../2020-07"), check=calendar_has("DTSTART;VALUE=DATE:20200701",
                                                               "DTEND;VALUE=DATE:20200801")),
    Case("interval-to-2099-12-31", dated("2020-07/2099-12-31"),
         check=calendar_has("DTSTART;VALUE=DATE:20200701", "DTEND;VALUE=DATE:21000101")),
    Case("interval-from-1900-01-01", dated("1900-01-01/2020-07-11"),
         check=calendar_has("DTSTART;VALUE=DATE:19000101", "DTEND;VALUE=DATE:20200712")),
    Case(
        "long-number-quoted-as-text",
        {BAD: event("title: A second rocket", "title: '" + "1" * 200 + "'")},
        check=lambda c: c.events["2020-07-11-bad"].title == "1" * 200,
    ),
]  # fmt: skip


@pytest.mark.parametrize("case", REFUSED, ids=[c.id for c in REFUSED])
def test_refused(case: Case, project: Path, tmp_path: Path) -> None:  # noqa: F811
    check_refused(case, project, tmp_path / "outside")


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.id for c in ACCEPTED])
def test_accepted(case: Case, project: Path, tmp_path: Path) -> None:  # noqa: F811
    check_accepted(case, project, tmp_path / "outside")


def test_the_fixture_names_what_the_cases_change() -> None:
    """The cases above edit these records; a change to them must show here, not as a wrong
    line number."""
    assert GOOD_EVENT.splitlines()[7] == "sources:"
    assert EXACT_ID.startswith("2020-07-10") and SOURCE_ID.startswith("afp-2020-09-01")


def test_a_season_is_shown_on_the_event_page(project: Path) -> None:  # noqa: F811
    test_adversarial.FIGURES["cases"] += 1
    add(project, dated("2020-21"), project / "outside")
    result = test_adversarial.run("generate", "--root", str(project), "--out", "generated")
    assert result.exit_code == 0, result.output
    page = (project / "generated" / "events" / "2020-07-11-bad.md").read_text(encoding="utf-8")
    assert "spring 2020" in page


def test_checking_one_file_never_opens_a_named_pipe_among_the_others(project: Path) -> None:  # noqa: F811
    """`chronology validate FILE` scans the other events for dates: a named pipe among them
    is passed over, not opened (a reader would wait for a writer forever). A watchdog writes
    to the pipe after 10 s, so a regression fails here instead of hanging the suite."""
    test_adversarial.FIGURES["cases"] += 1
    pipe = project / "content/events/2020-07-10-pipe.yaml"
    os.mkfifo(pipe)
    done = threading.Event()

    def watchdog() -> None:
        if not done.wait(10):
            with open(pipe, "wb") as writer:  # unblocks a reader that opened it
                writer.write(b"id: x\n")

    threading.Thread(target=watchdog, daemon=True).start()
    started = time.monotonic()
    try:
        result = test_adversarial.run(
            "validate", "--root", str(project), f"content/events/{EXACT_ID}.yaml"
        )
    finally:
        done.set()
    took = time.monotonic() - started
    test_adversarial.FIGURES["hangs"] += took >= 10
    assert took < 10
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "OK: 1 file checked; no problems.\n",
        "",
    )
