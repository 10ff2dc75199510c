"""Adversarial content, through the real command line: what strangers' pull requests could
put in content/ must not run code, reach other files, or leave a changed or broken site.

Every refused case copies a project that was already built (site/ and the offline zip in
dist/), adds its hostile file, runs ``chronology validate``, ``chronology build`` and
``chronology bundle``, and checks: the exact ``path:line:col: field: message`` lines, exit
code 1, no traceback, and a sha256 manifest of the whole project (every file's bytes and
mtime, every folder, so also leftover temporary folders) equal before and after, apart from
the file the case added. Accepted cases (a byte-order mark, CRLF, ``yes`` as text, HTML and
Markdown as text) exit 0 with the value read as written; how the site shows them is
tests/e2e/test_html_safety.py's part. Builds that fail half-way (a full disk while pages or the
zip are written, a failed rename) are the last group.

The figures (cases run, commands, tracebacks, hangs, partial outputs, leftovers) are printed
at the end of the run (conftest.suite_figures).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import EXACT_ID, SOURCE_ID, make_project, suite_figures, write

from generator.cli import main
from generator.content.catalog import Catalog, load_catalog
from generator.content.load import MAX_FILE_BYTES

#: Counts over every command run by the adversarial suites (this module and the
#: tests/e2e/test_adversarial_*.py that import it); printed at the end of the run.
FIGURES = {
    "cases": 0,
    "commands": 0,
    "tracebacks": 0,
    "hangs": 0,
    "partial outputs": 0,
    "leftovers": 0,
}

BAD = "content/events/2020-07-11-bad.yaml"
BAD_SOURCE = "content/sources/bad-source.yaml"
QUOTE = "A rocket slammed into a house near the Green Zone on Friday, killing two civilians"

#: A valid event; each case changes one line of it (line numbers below are its own).
GOOD_EVENT = f"""\
id: 2020-07-11-bad
date: 2020-07-11
title: A second rocket
type: rocket-attack
summary: A rocket hit a house.
locations:
  - place: green-zone
sources:
  - source: {SOURCE_ID}
    quote: "{QUOTE}"
casualties:
  killed: {{civilians: 2}}
distinct_from:
  - {{event: {EXACT_ID}, reason: A second rocket the next day told in the same words.}}
"""

#: The rest of an actor whose name is Kataib Hezbollah's Arabic name: a namesake, declared.
KH_NAMESAKE = (
    "kind: armed-group\ndistinct_from:\n  - {actor: kataib-hezbollah, reason: A test record.}\n"
)

GOOD_SOURCE = """\
id: bad-source
outlet: AFP
date: 2020-09-01
title: A report
url: https://example.com/report
"""

ID_HINT = "use lower-case letters, digits and single hyphens, like 'kataib-hezbollah'"
TAGS_NOT_ALLOWED = "are not allowed; remove the tag"
NO_ANCHORS = "YAML anchors (&name) are not allowed; write the value out in full"


def event(old: str, new: str) -> str:
    """GOOD_EVENT with one piece of text replaced."""
    assert old in GOOD_EVENT, old
    return GOOD_EVENT.replace(old, new, 1)


def source(old: str, new: str) -> str:
    assert old in GOOD_SOURCE, old
    return GOOD_SOURCE.replace(old, new, 1)


@dataclass(frozen=True)
class Link:
    """A symbolic link to create instead of a file; ``target`` may name ``{outside}``, a
    folder beside the project holding a valid record the link would smuggle in."""

    target: str


@dataclass(frozen=True)
class Sparse:
    """A file of ``size`` bytes, written without writing them (a hole)."""

    size: int


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, str | bytes | Link | Sparse]
    #: The exact problem lines, in the order printed; empty for accepted input.
    problems: tuple[str, ...] = ()
    #: For accepted input: what the catalog must hold.
    check: Callable[[Catalog], object] | None = None
    #: The whole ``chronology validate`` must take less than this (seconds).
    within: float | None = None
    tags: tuple[str, ...] = field(default=())


def bomb() -> str:
    levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return event("casualties:", "\n".join(levels) + "\ncasualties:")


REFUSED = [
    # --- YAML ----------------------------------------------------------------------------
    Case(
        "python-object-apply-tag",
        {
            BAD: event(
                "title: A second rocket", 'title: !!python/object/apply:os.system ["touch pwned"]'
            )
        },
        (f"{BAD}:3:8: YAML tags such as '!!python/object/apply:os.system' {TAGS_NOT_ALLOWED}",),
    ),
    Case(
        "python-name-tag",
        {BAD: event("summary: A rocket hit a house.", "summary: !!python/name:os.system")},
        (f"{BAD}:5:10: YAML tags such as '!!python/name:os.system' {TAGS_NOT_ALLOWED}",),
    ),
    Case("alias-bomb", {BAD: bomb()}, (f"{BAD}:11:5: {NO_ANCHORS}",)),
    Case(
        "anchor-and-alias",
        {BAD: event("title: A second rocket", "title: &t A second rocket\nnotes: *t")},
        (f"{BAD}:3:8: {NO_ANCHORS}",),
    ),
    Case(
        "merge-key",
        {
            BAD: event(
                "casualties:\n", "base: &b {civilians: 2}\ncasualties:\n  wounded: {<<: *b}\n"
            )
        },
        (f"{BAD}:11:7: {NO_ANCHORS}",),
    ),
    Case(
        "duplicate-key",
        {BAD: event("summary: A rocket", "title: Another title\nsummary: A rocket")},
        (
            f"{BAD}:5:1: duplicate key 'title' (first on line 3); YAML keeps only one of them, "
            "so delete or rename the other",
        ),
    ),
    Case(
        "duplicate-nested-key",
        {BAD: event("{civilians: 2}", "{civilians: 2, civilians: 20}")},
        (
            f"{BAD}:12:26: duplicate key 'civilians' (first on line 12); YAML keeps only one of "
            "them, so delete or rename the other",
        ),
    ),
    Case(
        "yes-as-a-count",
        {BAD: event("{civilians: 2}", "{civilians: yes}")},
        (f"{BAD}:12:23: casualties.killed.civilians: expected a whole number, got the text 'yes'",),
    ),
    Case(
        "on-as-a-count",
        {BAD: event("{civilians: 2}", "{civilians: on}")},
        (f"{BAD}:12:23: casualties.killed.civilians: expected a whole number, got the text 'on'",),
    ),
    Case(
        "sexagesimal-1-20",
        {BAD: event("{civilians: 2}", "{civilians: 1:20}")},
        (
            f"{BAD}:12:23: casualties.killed.civilians: expected a whole number, got the text "
            "'1:20'",
        ),
    ),
    Case(
        "octal-012",
        {BAD: event("{civilians: 2}", "{civilians: 012}")},
        (f"{BAD}:12:23: casualties.killed.civilians: expected a whole number, got the text '012'",),
    ),
    Case(
        "date-0000-00-00",
        {BAD: event("date: 2020-07-11", "date: 0000-00-00")},
        (f"{BAD}:2:7: date: '0000-00-00': year 0000 does not exist; use a real year",),
    ),
    Case(
        "date-2024-02-30",
        {BAD: event("date: 2020-07-11", "date: 2024-02-30")},
        (
            f"{BAD}:2:7: date: '2024-02-30': day 30 does not exist in February 2024 "
            "(it has 29 days)",
        ),
    ),
    Case(
        "nesting-1000-deep",
        {BAD: event("casualties:", "notes: " + "[" * 1000 + "]" * 1000 + "\ncasualties:")},
        (f"{BAD}:11:28: nested more than 20 levels deep",),
    ),
    Case(
        "file-of-50-mb",
        {BAD: Sparse(50_000_000)},
        (f"{BAD}: is 50,000,000 bytes; a record file may be at most {MAX_FILE_BYTES:,} bytes",),
        within=2.0,
    ),
    Case(
        "invalid-utf-8",
        {BAD: event("A second rocket", "A second rocket").encode() + b"notes: caf\xe9\n"},
        (f"{BAD}:15:11: invalid UTF-8 (byte 0xe9); save the file as UTF-8",),
    ),
    Case(
        "nul-byte",
        {BAD: event("A second rocket", "A second\0rocket")},
        (f"{BAD}:3:16: contains a NUL byte; this is not a text file",),
    ),
    Case(
        "tab-indentation",
        {BAD: event("  - place: green-zone", "\t- place: green-zone")},
        (f"{BAD}:7:1: a tab character is not allowed for indentation; indent with spaces",),
    ),
    Case("empty-file", {BAD: ""}, (f"{BAD}: the file is empty; write one record in it",)),
    Case(
        "several-documents",
        {BAD: GOOD_EVENT + "---\n" + GOOD_EVENT},
        (f"{BAD}:15:1: holds several YAML documents (---); put one record in each file",),
    ),
    Case(
        "list-instead-of-the-record",
        {BAD: "- " + GOOD_EVENT.replace("\n", "\n  ").rstrip() + "\n"},
        (
            f"{BAD}:1:1: the file must hold a mapping of fields (key: value lines), not a list "
            "or a single value",
        ),
    ),
    Case(
        "list-where-a-mapping-belongs",
        {BAD: event("killed: {civilians: 2}", "killed: [2]")},
        (f"{BAD}:12:11: casualties.killed: expected a mapping of fields, got a list",),
    ),
    Case(
        "mapping-where-a-list-belongs",
        {BAD: event("  - place: green-zone", "  place: green-zone")},
        (
            f"{BAD}:7:3: locations: expected a list (lines starting with '- '), got a mapping "
            "(key: value lines)",
        ),
    ),
    Case(
        "control-character-as-an-escape",
        {BAD: event("title: A second rocket", 'title: "A second rocket\\e[2J"')},
        (
            f"{BAD}:3:8: contains the control character #x001b (written as an escape in double "
            "quotes), which YAML does not allow in a file; delete it",
        ),
    ),
    Case(
        "line-break-in-a-key",
        {BAD: event("casualties:", '"notes\\nOK: 0 errors": x\ncasualties:')},
        (
            f"{BAD}:11:1: the key 'notes\\nOK: 0 errors' contains a line break or control "
            "character; keys must be plain words",
        ),
    ),
    # --- content ---------------------------------------------------------------------------
    Case(
        "url-javascript",
        {BAD_SOURCE: source("https://example.com/report", "javascript:alert(1)")},
        (
            f"{BAD_SOURCE}:5:6: url: 'javascript:alert(1)' is not a web address; it must start "
            "with http:// or https://",
        ),
    ),
    Case(
        "url-javascript-mixed-case",
        {BAD_SOURCE: source("https://example.com/report", "JavaScript:alert(1)")},
        (
            f"{BAD_SOURCE}:5:6: url: 'JavaScript:alert(1)' is not a web address; it must start "
            "with http:// or https://",
        ),
    ),
    Case(
        "url-data",
        {BAD_SOURCE: source("https://example.com/report", "data:text/html;base64,PHNjcmlwdD4=")},
        (
            f"{BAD_SOURCE}:5:6: url: 'data:text/html;base64,PHNjcmlwdD4=' is not a web address; "
            "it must start with http:// or https://",
        ),
    ),
    Case(
        "url-file",
        {BAD_SOURCE: source("https://example.com/report", "file:///etc/passwd")},
        (
            f"{BAD_SOURCE}:5:6: url: 'file:///etc/passwd' is not a web address; it must start "
            "with http:// or https://",
        ),
    ),
    Case(
        "url-protocol-relative",
        {BAD_SOURCE: source("https://example.com/report", "//evil.example/x")},
        (
            f"{BAD_SOURCE}:5:6: url: '//evil.example/x' is not a web address; it must start "
            "with http:// or https://",
        ),
    ),
    Case(
        "url-without-a-host",
        {BAD_SOURCE: source("https://example.com/report", "https:///etc/passwd")},
        (f"{BAD_SOURCE}:5:6: url: 'https:///etc/passwd' has no host name after https://",),
    ),
    Case(
        "casualties-negative",
        {BAD: event("{civilians: 2}", "{civilians: -2}")},
        (f"{BAD}:12:23: casualties.killed.civilians: must be at least 0, got -2",),
    ),
    Case(
        "casualties-fractional",
        {BAD: event("{civilians: 2}", "{civilians: 2.5}")},
        (f"{BAD}:12:23: casualties.killed.civilians: expected a whole number, got the number 2.5",),
    ),
    Case(
        "casualties-nan",
        {BAD: event("{civilians: 2}", "{civilians: .nan}")},
        (f"{BAD}:12:23: casualties.killed.civilians: expected a whole number, got the number nan",),
    ),
    Case(
        "casualties-infinite",
        {BAD: event("{civilians: 2}", "{civilians: {low: 1, high: .inf}}")},
        (
            f"{BAD}:12:38: casualties.killed.civilians.high: expected a whole number, got the "
            "number inf",
        ),
    ),
    Case(
        "title-of-almost-1-mb",
        {BAD: event("A second rocket", "x" * 999_000)},
        (f"{BAD}:3:8: title: is too long (999000 characters; at most 300)",),
    ),
    Case(
        "title-of-1-mib",
        {BAD: event("A second rocket", "x" * 1_048_576)},
        (
            f"{BAD}: is {len(GOOD_EVENT) - 15 + 1_048_576:,} bytes; a record file may be at "
            f"most {MAX_FILE_BYTES:,} bytes",
        ),
    ),
    Case(
        "date-of-500-kb",
        {BAD: event("date: 2020-07-11", "date: '" + "2" * 500_000 + "'")},
        (f"{BAD}:2:7: date: is too long (500000 characters; at most 100)",),
    ),
    Case(
        "markdown-link-as-a-tag",
        {BAD: event("casualties:", "tags: ['[x](javascript:alert(1))']\ncasualties:")},
        (
            f"{BAD}:11:8: tags[0]: the text '[x](javascript:alert(1))' is not a valid id; "
            + ID_HINT,
        ),
    ),
    # --- ids and paths --------------------------------------------------------------------
    Case(
        "id-dot-dot",
        {BAD: event("id: 2020-07-11-bad", "id: ../../../etc/passwd")},
        (f"{BAD}:1:5: id: the text '../../../etc/passwd' is not a valid id; {ID_HINT}",),
    ),
    Case(
        "id-absolute-path",
        {BAD: event("id: 2020-07-11-bad", "id: /etc/passwd")},
        (f"{BAD}:1:5: id: the text '/etc/passwd' is not a valid id; {ID_HINT}",),
    ),
    Case(
        "id-windows-path",
        {BAD: event("id: 2020-07-11-bad", "id: 'C:\\Windows\\x'")},
        (f"{BAD}:1:5: id: the text 'C:\\\\Windows\\\\x' is not a valid id; {ID_HINT}",),
    ),
    Case(
        "reference-dot-dot",
        {BAD: event("place: green-zone", "place: ../../green-zone")},
        (
            f"{BAD}:7:12: locations[0].place: the text '../../green-zone' is not a valid id "
            f"(did you mean 'green-zone'?); {ID_HINT}",
        ),
    ),
    Case(
        "seed-dot-dot",
        {BAD_SOURCE: GOOD_SOURCE + "seed: ../../../etc/passwd\n"},
        (
            f"{BAD_SOURCE}:6:7: seed: the text '../../../etc/passwd' does not have the expected "
            "form (^[A-Za-z0-9_.-]+\\.txt$)",
        ),
    ),
    Case(
        "windows-reserved-con",
        {"content/actors/con.yaml": "id: con\nname: Con\nkind: state\n"},
        (
            "content/actors/con.yaml:1:5: id: 'con' is a reserved file name on Windows; "
            "choose another id",
        ),
    ),
    Case(
        "windows-reserved-com1",
        {"content/actors/com1.yaml": "id: com1\nname: Com\nkind: state\n"},
        (
            "content/actors/com1.yaml:1:5: id: 'com1' is a reserved file name on Windows; "
            "choose another id",
        ),
    ),
    Case(
        "windows-reserved-NUL",
        {"content/actors/NUL.yaml": "id: NUL\nname: Nul\nkind: state\n"},
        (f"content/actors/NUL.yaml:1:5: id: the text 'NUL' is not a valid id; {ID_HINT}",),
    ),
    Case(
        "collides-after-case-folding",
        {
            "content/actors/Kataib-Hezbollah.yaml": (
                "id: kataib-hezbollah\nname: Kataib Hezbollah\nkind: armed-group\n"
            )
        },
        (
            "content/actors/Kataib-Hezbollah.yaml:1:5: id: 'kataib-hezbollah' does not match "
            "the file name; rename the file to kataib-hezbollah.yaml",
        ),
    ),
    Case(
        "collides-after-unicode-normalisation",
        {
            "content/actors/ｋａｔａｉｂ-hezbollah.yaml": (
                "id: kataib-hezbollah\nname: Kataib Hezbollah\nkind: armed-group\n"
            )
        },
        (
            "content/actors/ｋａｔａｉｂ-hezbollah.yaml:1:5: id: 'kataib-hezbollah' does not "
            "match the file name; rename the file to kataib-hezbollah.yaml",
        ),
    ),
    Case(
        "arabic-id",
        {"content/actors/كتائب.yaml": "id: كتائب\nname: كتائب\nkind: armed-group\n"},
        (f"content/actors/كتائب.yaml:1:5: id: the text 'كتائب' is not a valid id; {ID_HINT}",),
    ),
    Case(
        "symlink-to-a-file-outside",
        {"content/actors/leak.yaml": Link("{outside}/leak.yaml")},
        (
            "content/actors/leak.yaml: is a symbolic link; content files must be ordinary files "
            "(copy the record here instead of linking to it)",
        ),
    ),
    Case(
        "symlink-to-a-system-file",
        {"content/actors/passwd.yaml": Link("/etc/passwd")},
        (
            "content/actors/passwd.yaml: is a symbolic link; content files must be ordinary "
            "files (copy the record here instead of linking to it)",
        ),
    ),
    Case(
        "symlink-inside-the-project",
        {"content/actors/kh.yaml": Link("kataib-hezbollah.yaml")},
        (
            "content/actors/kh.yaml: is a symbolic link; content files must be ordinary files "
            "(copy the record here instead of linking to it)",
        ),
    ),
    Case(
        "symlink-to-dev-zero",
        {"content/events/2020-07-12-zero.yaml": Link("/dev/zero")},
        (
            "content/events/2020-07-12-zero.yaml: is a symbolic link; content files must be "
            "ordinary files (copy the record here instead of linking to it)",
        ),
    ),
    Case(
        "symlink-to-a-folder-outside",
        {"content/events/more": Link("{outside}")},
        (
            "content/events/more: is a symbolic link to a folder; content must be ordinary "
            "files and folders (copy the records here instead of linking)",
        ),
    ),
    Case(
        "seed-linked-to-dev-zero",
        {"seeds/zero.txt": Link("/dev/zero"), BAD_SOURCE: GOOD_SOURCE + "seed: zero.txt\n"},
        (
            f"{BAD_SOURCE}:6:7: seed: seeds/zero.txt is a symbolic link; seeds must be ordinary "
            "files (copy the article's text here instead of linking to it)",
        ),
    ),
    Case(
        "line-break-in-a-file-name",
        {"content/actors/x\nOK: no problems.yaml": "id: x\nname: X\nkind: state\n"},
        (
            "content/actors/x\\nOK: no problems.yaml:1:5: id: 'x' does not match the file "
            "name; rename the file to x.yaml, or to x-ok-no-problems.yaml and set id: "
            "x-ok-no-problems",
        ),
    ),
]

ACCEPTED = [
    Case(
        "byte-order-mark",
        {BAD: b"\xef\xbb\xbf" + GOOD_EVENT.encode()},
        check=lambda c: c.events["2020-07-11-bad"].title == "A second rocket",
    ),
    Case(
        "crlf-line-ends",
        {BAD: GOOD_EVENT.replace("\n", "\r\n").encode()},
        check=lambda c: c.events["2020-07-11-bad"].summary == "A rocket hit a house.",
    ),
    Case(
        "yes-no-on-as-text",
        {
            BAD: event("title: A second rocket", "title: yes\nnotes: no").replace(
                "summary: A rocket hit a house.", "summary: on"
            )
        },
        check=lambda c: (
            (
                c.events["2020-07-11-bad"].title,
                c.events["2020-07-11-bad"].notes,
                c.events["2020-07-11-bad"].summary,
            )
            == ("yes", "no", "on")
        ),
    ),
    Case(
        "html-as-text",
        {BAD: event("A second rocket", "'<script>alert(1)</script><img src=x onerror=alert(1)>'")},
        check=lambda c: (
            c.events["2020-07-11-bad"].title
            == "<script>alert(1)</script><img src=x onerror=alert(1)>"
        ),
    ),
    Case(
        "markdown-as-text",
        {
            BAD: event(
                "summary: A rocket hit a house.",
                "summary: |-\n  # heading\n\n  [x](javascript:alert(1)) | a | b |",
            )
        },
        check=lambda c: (
            c.events["2020-07-11-bad"].summary == "# heading\n\n[x](javascript:alert(1)) | a | b |"
        ),
    ),
    Case(
        "arabic-only-name",
        {"content/actors/kh-ar.yaml": f"id: kh-ar\nname: كتائب حزب الله\n{KH_NAMESAKE}"},
        check=lambda c: c.actors["kh-ar"].name == "كتائب حزب الله",
    ),
]


# --- running a case ----------------------------------------------------------------------


def manifest(root: Path, skip: set[str] = frozenset()) -> dict[str, str]:
    """Every folder, file and link under ``root``: files by sha256 and mtime (a rewrite with
    the same bytes is a change too), links by target. ``skip`` names files not to read."""
    found: dict[str, str] = {}
    for current, folders, files in os.walk(root):
        base = Path(current)
        for name in folders:
            path = base / name
            relative = path.relative_to(root).as_posix()
            found[relative] = f"link {os.readlink(path)}" if path.is_symlink() else "folder"
        for name in files:
            path = base / name
            relative = path.relative_to(root).as_posix()
            if relative in skip:
                found[relative] = "skipped"
            elif path.is_symlink():
                found[relative] = f"link {os.readlink(path)}"
            else:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                found[relative] = f"{digest} {path.stat().st_mtime_ns}"
    return found


def run(*args: str) -> Result:
    """One command, in-process; an exception other than SystemExit is a traceback."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    FIGURES["commands"] += 1
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    if crashed or "Traceback" in result.output:
        FIGURES["tracebacks"] += 1
    assert not crashed, f"{args[0]} crashed: {result.exception!r}\n{result.output}"
    assert "Traceback" not in result.output
    return result


def add(project: Path, files: dict[str, str | bytes | Link | Sparse], outside: Path) -> None:
    for relative, value in files.items():
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, Link):
            os.symlink(value.target.format(outside=outside), path)
        elif isinstance(value, Sparse):
            with open(path, "wb") as handle:
                handle.truncate(value.size)
        elif isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with site/ and dist/ built once; cases work on copies."""
    root = make_project(tmp_path_factory.mktemp("adversarial") / "project")
    config = str(root / "mkdocs.yml")
    assert run("build", "-f", config).exit_code == 0
    assert run("bundle", "-f", config).exit_code == 0
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    copy = shutil.copytree(built, tmp_path / "project", symlinks=True)
    # A secret-looking, valid record outside the project, for symbolic links to point at.
    write(tmp_path / "outside", "leak.yaml", "id: leak\nname: SECRET-TOKEN\nkind: state\n")
    monkeypatch.chdir(copy)  # whatever a payload might write lands in the manifest
    yield copy
    monkeypatch.undo()
    shutil.rmtree(copy)  # sixty copies of a built site add up


def expected_report(problems: tuple[str, ...]) -> str:
    count = len(problems)
    return (
        "\n".join(problems)
        + f"\n{count} error{'s' if count != 1 else ''} found; nothing was written.\n"
    )


def check_refused(case: Case, project: Path, outside: Path) -> None:
    """``case`` added to a copy of the built project: validate, build and bundle each report
    exactly its problems and exit 1, and nothing else in the project changes. Other modules'
    cases (tests/e2e/test_adversarial_*.py) run through here too."""
    FIGURES["cases"] += 1
    before = manifest(project)
    add(project, case.files, outside)
    added = set(case.files)
    config = str(project / "mkdocs.yml")
    try:
        started = time.monotonic()
        validate = run("validate", "--root", str(project))
        took = time.monotonic() - started
        build = run("build", "-f", config)
        bundle = run("bundle", "-f", config)

        report = expected_report(case.problems)
        assert (validate.exit_code, validate.stdout, validate.stderr) == (1, "", report)
        aborted = "Aborted with a BuildError!\ncontent is invalid:\n" + report
        assert (build.exit_code, build.stdout, build.stderr) == (1, "", aborted)
        assert (bundle.exit_code, bundle.stdout, bundle.stderr) == (1, "", aborted)
        if case.within is not None:
            FIGURES["hangs"] += took >= case.within
            assert took < case.within
        assert not (project / "pwned").exists()
    finally:
        after = manifest(project, skip=added)
        if {k: v for k, v in after.items() if k not in added} != before:
            FIGURES["partial outputs"] += 1
    assert {k: v for k, v in after.items() if k not in added} == before


def check_accepted(case: Case, project: Path, outside: Path) -> None:
    """``case`` added to a copy of the built project: validate exits 0 with no problem, the
    catalog holds what ``case.check`` expects, and nothing else changes."""
    FIGURES["cases"] += 1
    before = manifest(project)
    add(project, case.files, outside)
    result = run("validate", "--root", str(project))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("OK: ") and result.stdout.endswith("; no problems.\n")
    assert case.check is not None and case.check(load_catalog(project))
    after = manifest(project)
    assert {k: v for k, v in after.items() if k not in case.files} == before


@pytest.mark.parametrize("case", REFUSED, ids=[c.id for c in REFUSED])
def test_refused(case: Case, project: Path, tmp_path: Path) -> None:
    check_refused(case, project, tmp_path / "outside")


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.id for c in ACCEPTED])
def test_accepted(case: Case, project: Path, tmp_path: Path) -> None:
    check_accepted(case, project, tmp_path / "outside")


def test_the_manifest_sees_a_rebuild(project: Path) -> None:
    """The check above can fail: a build that succeeds rewrites site/ and dist/."""
    before = manifest(project)
    assert run("build", "-f", str(project / "mkdocs.yml")).exit_code == 0
    after = manifest(project)
    changed = {k for k in before if after.get(k) != before[k]}
    assert "site/index.html" in changed and not any(k.startswith("dist/") for k in changed)


def test_checking_one_file_never_reads_through_a_link(project: Path) -> None:
    """`chronology validate FILE` scans the other events for dates, without loading them:
    a link to /dev/zero among them must not be read (it was, until memory ran out)."""
    FIGURES["cases"] += 1
    before = manifest(project)
    os.symlink("/dev/zero", project / "content/events/2020-07-10-zero.yaml")
    result = run("validate", "--root", str(project), "content/events/" + EXACT_ID + ".yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "OK: 1 file checked; no problems.\n",
        "",
    )
    assert unchanged(project, before, {"content/events/2020-07-10-zero.yaml"})


# --- Arabic-only names: stable, non-empty anchors ------------------------------------------


def test_arabic_only_names_get_stable_anchors(tmp_path: Path) -> None:
    """The page of an actor known only by an Arabic name has an anchor made of that name
    (toc's own slugify keeps ASCII only and numbers what is left empty: '_1'), the same
    for the same name however its letters are encoded, and its permalink resolves."""
    from bs4 import BeautifulSoup
    from sitecheck import broken_links

    FIGURES["cases"] += 1
    root = make_project(tmp_path / "project")
    write(root, "content/actors/kh-ar.yaml", f"id: kh-ar\nname: كتائب حزب الله\n{KH_NAMESAKE}")
    # Typed with a decomposed letter (alef + combining hamza): the anchor of the composed one.
    write(root, "content/locations/ahl.yaml", "id: ahl\nname: \u0627\u0654هل\nkind: city\n")

    def anchors() -> list[str | None]:
        result = run("build", "-f", str(root / "mkdocs.yml"))
        assert result.exit_code == 0, result.output
        assert broken_links(root / "site")[1] == []
        return [
            BeautifulSoup(
                (root / "site" / page / "index.html").read_text(encoding="utf-8"), "html.parser"
            ).h1.get("id")
            for page in ("actors/kh-ar", "locations/ahl")
        ]

    assert anchors() == ["كتائب-حزب-الله", "أهل"]


def test_the_slugs_of_latin_headings_do_not_change() -> None:
    from markdown.extensions.toc import slugify as toc_slugify

    from generator.site.anchors import slugify

    for heading in ["Event — content/events/<id>.yaml", "Café Naïve", "Events (2)", "2020"]:
        assert slugify(heading, "-") == toc_slugify(heading, "-") != ""
    assert slugify("كتائب حزب الله", "-") == "كتائب-حزب-الله"
    assert slugify("ﻛﺘﺎﺋﺐ", "-") == "كتائب"  # presentation forms, as some PDFs give them


# --- builds: one bad file among 500, and failures half-way --------------------------------

MANY = 500
ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def write_many(root: Path, count: int) -> None:
    """``count`` valid events, one a day from 2019-01-01, each quoting its own sentence of one
    report (one quote cited twice would be one event twice)."""
    types = ["rocket-attack", "drone-attack", "airstrike", "protest", "statement"]
    first = date(2019, 1, 1)
    sentences = "".join(f"Generated event number {i} was reported.\n" for i in range(count))
    write(root, "seeds/generated.txt", sentences)
    write(
        root,
        "content/sources/generated.yaml",
        "id: generated\noutlet: AFP\ndate: 2020-09-01\ntitle: Every event\nseed: generated.txt\n",
    )
    for i in range(count):
        day = (first + timedelta(days=i)).isoformat()
        write(
            root,
            f"content/events/{day}-generated-{i}.yaml",
            f"""\
            id: {day}-generated-{i}
            date: {day}
            title: Generated event number {i}
            type: {types[i % len(types)]}
            summary: A generated event, one of {count}.
            locations:
              - place: {"green-zone" if i % 2 else "baghdad-airport"}
            actors:
              - actor: kataib-hezbollah
                role: suspected
            sources:
              - source: generated
                quote: Generated event number {i} was reported.
            """,
        )


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with 500 more events, site/ and dist/ built once."""
    root = make_project(tmp_path_factory.mktemp("large") / "project")
    write_many(root, MANY)
    config = str(root / "mkdocs.yml")
    assert run("build", "-f", config).exit_code == 0
    assert run("bundle", "-f", config).exit_code == 0
    assert len(list((root / "site" / "events").iterdir())) == MANY + 3
    return root


@pytest.fixture
def large_copy(large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    copy = shutil.copytree(large, tmp_path / "project", symlinks=True)
    monkeypatch.chdir(copy)
    yield copy
    monkeypatch.undo()
    shutil.rmtree(copy)


def unchanged(project: Path, before: dict[str, str], added: set[str] = frozenset()) -> bool:
    after = manifest(project, skip=added)
    same = {k: v for k, v in after.items() if k not in added} == before
    FIGURES["partial outputs"] += not same
    return same


def test_one_bad_file_among_500(large_copy: Path) -> None:
    FIGURES["cases"] += 1
    before = manifest(large_copy)
    bad = event("type: rocket-attack", "type: rocket-atack").replace(
        "{civilians: 2}", "{civilians: -1}"
    )
    write(large_copy, BAD, bad + "actors:\n  - actor: kataib-hezbolah\n    role: suspected\n")
    problems = (
        f"{BAD}:4:7: type: the text 'rocket-atack' is not allowed (did you mean "
        "'rocket-attack'?); choose one of: rocket-attack, drone-attack, airstrike, ied-attack, "
        "explosion, interception, thwarted-attack, arrest-raid, protest, political, diplomatic, "
        "military-posture, statement",
        f"{BAD}:12:23: casualties.killed.civilians: must be at least 0, got -1",
        f"{BAD}:16:12: actors[0].actor: unknown actor 'kataib-hezbolah' (did you mean "
        "'kataib-hezbollah'?); add content/actors/kataib-hezbolah.yaml or fix the id",
    )
    config = str(large_copy / "mkdocs.yml")
    report = expected_report(problems)
    aborted = "Aborted with a BuildError!\ncontent is invalid:\n" + report
    validate = run("validate", "--root", str(large_copy))
    assert (validate.exit_code, validate.stderr) == (1, report)
    for command in ("build", "bundle"):
        result = run(command, "-f", config)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", aborted)
    assert unchanged(large_copy, before, {BAD})


def fail_on_call(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, n: int, exc) -> list:
    """Make ``owner.name`` raise ``exc`` on its ``n``-th call; returns the call log."""
    original = getattr(owner, name)
    calls: list[int] = []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == n:
            raise exc
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


@pytest.mark.parametrize("jobs", [1, 2])
def test_disk_full_half_way_through_the_pages(
    large_copy: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """The disk fills up half-way through the 500 event pages: at the 250th page in one
    process; with two, at the 100th page a worker writes (each worker counts its own)."""
    FIGURES["cases"] += 1
    import mkdocs.commands.build

    before = manifest(large_copy)
    at = MANY // 2 if jobs == 1 else 100
    calls = fail_on_call(monkeypatch, mkdocs.commands.build, "_build_page", at, ENOSPC)
    result = run("build", "--jobs", str(jobs), "-f", str(large_copy / "mkdocs.yml"))
    if jobs == 1:
        assert len(calls) == at  # it stopped there, with pages already written
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "the build failed (No space left on device); the previous site was left as it was\n",
    )
    assert unchanged(large_copy, before)


# The bundle's failures, on the small project: what matters is where they happen.


def test_disk_full_half_way_through_the_offline_pages(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    FIGURES["cases"] += 1
    import mkdocs.commands.build

    before = manifest(project)
    calls = fail_on_call(monkeypatch, mkdocs.commands.build, "_build_page", 10, ENOSPC)
    result = run("bundle", "-f", str(project / "mkdocs.yml"))
    assert len(calls) == 10
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "the build failed (No space left on device); the previous site was left as it was\n",
    )
    assert unchanged(project, before)


def test_disk_full_half_way_through_the_zip(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    FIGURES["cases"] += 1
    import zipfile

    before = manifest(project)
    calls = fail_on_call(monkeypatch, zipfile.ZipFile, "writestr", 60, ENOSPC)
    result = run("bundle", "-f", str(project / "mkdocs.yml"))
    assert len(calls) == 60  # of 117 entries
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "the offline bundle failed (No space left on device); the previous zip was left as "
        "it was\n",
    )
    assert unchanged(project, before)


def test_interrupted_half_way(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while pages are written: click's 'Aborted!', and nothing changed."""
    FIGURES["cases"] += 1
    import mkdocs.commands.build

    before = manifest(project)
    fail_on_call(monkeypatch, mkdocs.commands.build, "_build_page", 10, KeyboardInterrupt())
    result = run("build", "-f", str(project / "mkdocs.yml"))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "\nAborted!\n")
    assert unchanged(project, before)


def test_the_swap_fails(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The old site is moved aside, then the new one cannot be moved in: the old comes back."""
    FIGURES["cases"] += 1
    import generator.build.site_build

    before = manifest(project)
    real_replace = os.replace

    def replace(source, target):
        if Path(source).name.startswith(".site-building-"):
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        return real_replace(source, target)

    monkeypatch.setattr(generator.build.site_build.os, "replace", replace)
    result = run("build", "-f", str(project / "mkdocs.yml"))
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "the build failed (Invalid cross-device link); the previous site was left as it was\n",
    )
    assert unchanged(project, before)


# --- the figures ---------------------------------------------------------------------------


@suite_figures
def _figures() -> str | None:
    if not FIGURES["commands"]:
        return None
    return "adversarial suite: " + ", ".join(
        f"{FIGURES[key]} {name}"
        for key, name in (
            ("cases", "cases run"),
            ("commands", "commands"),
            ("tracebacks", "tracebacks"),
            ("hangs", "hangs"),
            ("partial outputs", "partial outputs"),
            ("leftovers", "leftovers"),
        )
    )
