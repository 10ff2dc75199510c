"""Killed builds, through the real command line in a subprocess: ``kill -TERM`` half-way
through ``chronology build`` or ``bundle`` is Ctrl-C (exit 1, "Aborted!", the old site or zip
byte-identical and no temporary folder left), and what ``kill -9`` leaves, the next run
removes, while a build still running keeps its folder.

The build is held half-way by a MkDocs hook in the fixture project (``hold.py``): when
HOLD_MARKER is set, after the fifth page it writes the folder it builds into to that file and
sleeps, so the kill lands with pages written, every time. The figures go to the adversarial
summary (tests/e2e/test_adversarial.py's FIGURES): a temporary folder found after a run is a
leftover, a changed site/ or dist/ a partial output.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_project
from test_adversarial import FIGURES, manifest, run

REPO = Path(__file__).resolve().parents[2]

HOOK = """\
import os
import time
from pathlib import Path

pages = 0


def on_post_page(output, page, config):
    global pages
    pages += 1
    marker = os.environ.get("HOLD_MARKER")
    if marker and pages == 5:
        Path(marker).write_text(config.site_dir, encoding="utf-8")
        time.sleep(120)
    return output
"""

#: What a build or bundle names its temporary folders (site_build.working_in).
TEMPORARY = re.compile(r"\.(site-building|site-old|bundle)-[a-z0-9_]{8}")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with the hook, site/ and the zip built once; tests use copies."""
    root = make_project(tmp_path_factory.mktemp("kill") / "project")
    (root / "hold.py").write_text(HOOK, encoding="utf-8")
    with open(root / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - hold.py\n")
    assert run("build", "-f", str(root / "mkdocs.yml")).exit_code == 0
    assert run("bundle", "-f", str(root / "mkdocs.yml")).exit_code == 0
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


#: The subprocesses a test started, killed at its end if still held (a failed assertion).
STARTED: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def no_process_outlives_its_test() -> Iterator[None]:
    yield
    while STARTED:
        process = STARTED.pop()
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=30)


def leftovers(project: Path) -> list[str]:
    """Temporary folders under ``project``, counted in the adversarial summary."""
    found = [
        path.relative_to(project).as_posix()
        for path in project.rglob(".*")
        if path.is_dir() and TEMPORARY.fullmatch(path.name)
    ]
    FIGURES["leftovers"] += len(found)
    return found


def outside_temporary(found: dict[str, str]) -> dict[str, str]:
    """A manifest without the temporary folders: what a reader of site/ or dist/ sees."""
    return {
        path: value
        for path, value in found.items()
        if not any(TEMPORARY.fullmatch(part) for part in path.split("/"))
    }


def start(command: str, project: Path, marker: Path) -> tuple[subprocess.Popen[str], Path]:
    """``chronology command`` in a subprocess, held half-way; returns it and the folder it
    is building into."""
    FIGURES["commands"] += 1
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", command, "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO), "HOLD_MARKER": str(marker)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    STARTED.append(process)
    deadline = time.monotonic() + 60
    while not marker.exists() or not marker.read_text(encoding="utf-8"):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached its fifth page"
        time.sleep(0.05)
    staging = Path(marker.read_text(encoding="utf-8"))
    assert staging.is_dir() and any(staging.rglob("index.html"))  # pages were written
    return process, staging


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=60)
    FIGURES["tracebacks"] += "Traceback" in err
    return process.returncode, out, err


@pytest.mark.parametrize("command", ["build", "bundle"])
def test_sigterm_half_way_is_ctrl_c(command: str, project: Path, tmp_path: Path) -> None:
    FIGURES["cases"] += 1
    before = manifest(project)
    process, staging = start(command, project, tmp_path / "marker")
    assert TEMPORARY.fullmatch(staging.name if command == "build" else staging.parent.name)
    process.send_signal(signal.SIGTERM)
    outcome = finish(process)
    left = leftovers(project)
    after = manifest(project)
    FIGURES["partial outputs"] += outside_temporary(after) != before
    assert outcome == (1, "", "\nAborted!\n")
    assert left == []
    assert after == before  # site/ and dist/ byte for byte, and nothing added


@pytest.mark.parametrize("command", ["build", "bundle"])
def test_kill_9_leaves_a_folder_the_next_run_removes(
    command: str, project: Path, tmp_path: Path
) -> None:
    """While the killed run's folder is there, a run that is still going keeps it: only a
    run alone in the folder clears up."""
    FIGURES["cases"] += 1
    process, staging = start(command, project, tmp_path / "marker")
    left = staging if command == "build" else staging.parent
    try:
        assert run(command, "-f", str(project / "mkdocs.yml")).exit_code == 0
        assert left.is_dir()  # another run is still at work there: not a leftover
    finally:
        process.kill()
    assert finish(process)[0] == -signal.SIGKILL
    assert left.is_dir()  # what kill -9 leaves
    assert run(command, "-f", str(project / "mkdocs.yml")).exit_code == 0
    assert (leftovers(project), left.exists()) == ([], False)
