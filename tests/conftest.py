"""Shared fixtures: a tiny, complete chronology project written into a temporary folder.

The project is written from the dedented strings below (Lektor style), so every test can see
exactly what it works on. It covers an exact date, an approximate month (``2020-07~``), an
interval (``2020-07/2020-08``), casualties with a ``{low, high}`` range, a suspected actor
with ``by``, related events and a location with a parent. ``mkdocs.yml``, ``docs/``,
``site_templates/`` and ``overrides/`` are copied from the repository so ``chronology build``
works inside it.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

# The real content's builds, its catalog and Chromium: made once per run, for every suite.
from realsite import browser, bundle, catalog, hosted  # noqa: F401

from generator.content.catalog import load_catalog
from generator.errors import ValidationFailed

REPO = Path(__file__).resolve().parent.parent

#: What the end-to-end suites measured, phrased for the end of the run (`make test` prints it):
#: each function returns one line, or None when its suite did not run.
_SUITE_FIGURES: list[Callable[[], str | None]] = []


def suite_figures(describe: Callable[[], str | None]) -> Callable[[], str | None]:
    """Register a suite's figures; a decorator, so the suite keeps its own wording."""
    _SUITE_FIGURES.append(describe)
    return describe


@pytest.fixture(autouse=True)
def _no_job_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run under GitHub Actions, `validate --format github` in a test would append the test's
    problems to the real job summary; the tests that check the summary set their own file."""
    for name in ("GITHUB_STEP_SUMMARY", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = [line for describe in _SUITE_FIGURES if (line := describe())]
    if lines:
        terminalreporter.section("figures")
        for line in lines:
            terminalreporter.write_line(line)


# MkDocs 1.6 prints a banner about MkDocs 2.0 unless this is set.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

SOURCE_ID = "afp-2020-09-01-rocket-and-protests"
EXACT_ID = "2020-07-10-rocket-hits-house-near-green-zone"
ABOUT_ID = "2020-07-drone-shot-down-near-airport"
RANGE_ID = "2020-07-2020-08-protests-outside-us-embassy"
ROCKET_QUOTE = "A rocket slammed into a house near the Green Zone on Friday, killing two civilians"

SEED = """\
Baghdad (AFP) Sept 1, 2020 - A rocket slammed into a house near the Green Zone on Friday,
killing two civilians, police said. Between three and five people were wounded, according
to different officials.

Iraqi intelligence blamed Kataib Hezbollah for the attack. The group, also written Kataeb
Hezbollah, denied any role.

Earlier in July, air defences shot down a drone approaching Baghdad airport. Police called
it "a cowardly act".

Protesters rallied outside the US embassy several times in July and August.
"""

#: What ``mkdocs.yml`` refers to besides content/ and seeds/ (copied when present).
SITE_FOLDERS = ("docs", "site_templates", "overrides")

FILES: dict[str, str] = {
    f"content/events/{EXACT_ID}.yaml": f"""\
        id: {EXACT_ID}
        date: 2020-07-10
        title: Rocket hits a house near the Green Zone, killing two civilians
        type: rocket-attack
        summary: >-
          A rocket hit a house near the Green Zone in Baghdad, killing two civilians.

          Officials gave different numbers of wounded.
        locations:
          - place: green-zone
            precision: near
        actors:
          - actor: kataib-hezbollah
            role: suspected
            by: [iraqi-intelligence]
          - actor: us-embassy-baghdad
            role: target
        casualties:
          killed: {{civilians: 2}}
          wounded: {{unspecified: {{low: 3, high: 5}}}}
        sources:
          - source: {SOURCE_ID}
            quote: "{ROCKET_QUOTE}"
          - source: {SOURCE_ID}
            quote: Iraqi intelligence blamed Kataib Hezbollah for the attack.
        related:
          - event: {ABOUT_ID}
            relation: follows
        tags: [green-zone]
        notes: Officials gave between three and five wounded.
        """,
    f"content/events/{ABOUT_ID}.yaml": f"""\
        id: {ABOUT_ID}
        date: 2020-07~
        title: Air defences shoot down a drone near Baghdad airport
        type: interception
        summary: Air defences shot down a drone approaching Baghdad airport.
        locations:
          - place: baghdad-airport
            precision: near
        sources:
          - source: {SOURCE_ID}
            quote: "Earlier in July, air defences shot down a drone approaching Baghdad airport."
        """,
    f"content/events/{RANGE_ID}.yaml": f"""\
        id: {RANGE_ID}
        date: 2020-07/2020-08
        title: Protests outside the US embassy
        type: protest
        summary: Protesters rallied outside the US embassy several times.
        locations:
          - place: green-zone
        actors:
          - actor: us-embassy-baghdad
            role: target
        sources:
          - source: {SOURCE_ID}
            quote: Protesters rallied outside the US embassy ... in July and August.
        related:
          - event: {EXACT_ID}
            relation: context
        """,
    "content/actors/kataib-hezbollah.yaml": f"""\
        id: kataib-hezbollah
        name: Kataib Hezbollah
        aliases: [Kataeb Hezbollah]
        name_ar: كتائب حزب الله
        kind: armed-group
        description: An armed group blamed for rocket attacks.
        sources:
          - source: {SOURCE_ID}
            quote: The group, also written Kataeb Hezbollah, denied any role.
        """,
    "content/actors/iraqi-intelligence.yaml": """\
        id: iraqi-intelligence
        name: Iraqi intelligence
        kind: government-body
        """,
    "content/actors/us-embassy-baghdad.yaml": """\
        id: us-embassy-baghdad
        name: US embassy in Baghdad
        kind: government-body
        """,
    "content/locations/baghdad.yaml": """\
        id: baghdad
        name: Baghdad
        name_ar: بغداد
        kind: city
        coordinates: {lat: 33.3152, lon: 44.3661}
        """,
    "content/locations/green-zone.yaml": """\
        id: green-zone
        name: Green Zone
        aliases: [International Zone]
        kind: district
        parent: baghdad
        description: The fortified government district.
        """,
    "content/locations/baghdad-airport.yaml": """\
        id: baghdad-airport
        name: Baghdad International Airport
        aliases: [Baghdad airport]
        kind: airport
        coordinates: {lat: 33.2625, lon: 44.2346}
        parent: baghdad
        """,
    f"content/sources/{SOURCE_ID}.yaml": f"""\
        id: {SOURCE_ID}
        outlet: AFP
        author: Jane Doe
        date: 2020-09-01
        dateline: Baghdad
        title: Rocket kills two near Green Zone
        url: https://example.com/afp/rocket
        seed: x.txt
        """,
}


#: Records whose every text field tries to inject HTML, scripts or Markdown (all valid).
HOSTILE = {
    "content/sources/evil-source.yaml": """\
        id: evil-source
        outlet: '<script>alert("outlet")</script>'
        date: 2020-09-01
        title: '</title><script>alert("source")</script>'
        url: 'https://example.com/a?b=1&c=<script>"x")'
        notes: '[x](javascript:alert("notes"))'
        """,
    "content/actors/evil-actor.yaml": """\
        id: evil-actor
        name: '</title><script>alert("name")</script> | pipe'
        aliases: ['[x](javascript:alert("alias"))', '# heading', '<img src=x onerror=alert(1)>']
        kind: armed-group
        description: '<img src=x onerror=alert("description")>'
        """,
    "content/locations/evil-place.yaml": """\
        id: evil-place
        name: '<img src=x onerror=alert("place")> | x |'
        aliases: ['![x](javascript:alert("image"))']
        kind: city
        parent: baghdad
        description: '<a href="javascript:alert(1)">click</a>'
        """,
    "content/events/2020-08-01-evil-event.yaml": """\
        id: 2020-08-01-evil-event
        date: 2020-08-01
        title: '<script>alert("title")</script> # heading | pipe [x](javascript:alert("t"))'
        type: statement
        summary: |-
          <img src=x onerror=alert("summary")>

          # heading

          [x](javascript:alert("summary")) | a | b |

          <javascript:alert("autolink")> **bold** `code` ---
        locations:
          - place: evil-place
            note: '<script>alert("place note")</script>'
        actors:
          - actor: evil-actor
            role: statement
            note: '</td></tr><script>alert("note")</script>'
        sources:
          - source: evil-source
            quote: '<script>alert("quote")</script> [x](javascript:alert("quote"))'
            note: '<b onmouseover=alert("cnote")>x</b>'
        notes: '<b onmouseover=alert("notes")>hi</b>'
        """,
}


def write(root: Path, relative: str, text: str) -> Path:
    """Write dedented ``text`` to ``root/relative`` (UTF-8), creating folders."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def save_newer(root: Path, relative: str, text: str) -> None:
    """Write the file so that its modification time moves on, as an editor's save would,
    even on a file system whose clock is coarser than the test."""
    path = root / relative
    before = path.stat().st_mtime_ns if path.exists() else 0
    write(root, relative, text)
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def errors_with_cache(root: Path, cache: object) -> list[str]:
    """The errors of a load with ``cache`` (serve's RecordCache), asserted equal to those of
    a full check without one."""
    from generator.content.catalog import check_content

    _, full = check_content(root)
    expected = [str(p) for p in full if p.severity == "error"]
    try:
        load_catalog(root, cache=cache)  # type: ignore[arg-type]
    except ValidationFailed as exc:
        found = [str(p) for p in exc.problems if p.severity == "error"]
    else:
        found = []
    assert found == expected
    return found


def make_project(root: Path, *, site: bool = True) -> Path:
    """Write the tiny project into ``root``; with ``site``, also what MkDocs needs."""
    root.mkdir(parents=True, exist_ok=True)
    for relative, text in FILES.items():
        write(root, relative, text)
    write(root, "seeds/x.txt", SEED)
    if site:
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        for folder in SITE_FOLDERS:
            if (REPO / folder).is_dir():
                shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the tiny project, one per test."""
    return make_project(tmp_path / "project")


def problems_of(root: Path) -> list[str]:
    """Every problem ``load_catalog`` reports for ``root``, as the strings users see."""
    try:
        load_catalog(root)
    except ValidationFailed as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.fixture
def problems(project: Path) -> Callable[..., list[str]]:
    """``problems(path, text)`` writes one (bad) file into the project and returns the list
    of problem strings; ``problems(path, None)`` deletes the file instead."""

    def run(relative: str, text: str | None) -> list[str]:
        if text is None:
            (project / relative).unlink()
        else:
            write(project, relative, text)
        return problems_of(project)

    return run
