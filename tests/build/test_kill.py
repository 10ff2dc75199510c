"""What a killed build leaves, and who may remove it (``site_build.working_in``): only folders
named exactly as a build names its temporary folders, only when no other build is at work in
the same folder, and never anything else. SIGTERM and SIGHUP are Ctrl-C for the time of a
build (``stopped_like_ctrl_c``). The kills of real ``chronology build`` and ``bundle`` runs
are in tests/e2e/test_adversarial_kill.py."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from generator.build.site_build import working_in

REPO = Path(__file__).resolve().parents[2]
PREFIXES = (".site-building-", ".site-old-")

#: Named as a killed build leaves them: prefix and mkdtemp's eight characters.
LEFTOVERS = [".site-building-k3j_x9ab", ".site-old-0a1b2c3d", ".site-building-________"]
#: Near misses: kept, whatever they hold.
KEPT = [
    ".site-building-k3j_x9a",  # seven characters
    ".site-building-k3j_x9abc",  # nine
    ".site-building-K3J_X9AB",  # mkdtemp never uses capitals
    ".site-building-k3j-x9ab",  # nor '-'
    "site-building-k3j_x9ab",  # no dot
    ".public-building-k3j_x9ab",  # another site's (chronology build -d public)
    ".bundle-k3j_x9ab",  # the bundle's, in dist/
    ".site-building-k3j_x9ab.bak",
    "site",
    ".git",
]


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def fill(folder: Path, names: list[str]) -> None:
    for name in names:
        (folder / name).mkdir()
        (folder / name / "index.html").write_text("x", encoding="utf-8")


def test_leftovers_go_and_nothing_else(tmp_path: Path) -> None:
    fill(tmp_path, LEFTOVERS + KEPT)
    fill(tmp_path, ["outside"])
    (tmp_path / ".site-old-linkedxx").symlink_to(tmp_path / "outside")  # a link is not ours
    (tmp_path / ".site-building-afile123").write_text("a file is not ours", encoding="utf-8")
    with working_in(tmp_path, *PREFIXES):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*KEPT, "outside", ".site-old-linkedxx", ".site-building-afile123"]
    )
    assert (tmp_path / "outside" / "index.html").is_file()


def hold(folder: Path) -> subprocess.Popen[str]:
    """Another build at work in ``folder``: a process inside ``working_in``, until killed."""
    code = f"""
        import time
        from pathlib import Path
        from generator.build.site_build import working_in
        with working_in(Path({str(folder)!r}), ".site-building-"):
            print("in", flush=True)
            time.sleep(60)
        """
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "in\n"
    return process


def test_nothing_goes_while_another_build_is_at_work(tmp_path: Path) -> None:
    """A build still running holds the folder: its temporary folder is not a leftover, nor is
    anything else there until it ends; once it is killed (-9), the next build clears up."""
    other = hold(tmp_path)
    try:
        fill(tmp_path, LEFTOVERS)
        with working_in(tmp_path, *PREFIXES):
            assert sorted(p.name for p in tmp_path.iterdir()) == sorted(LEFTOVERS)
    finally:
        other.kill()
        other.wait(timeout=30)
    with working_in(tmp_path, *PREFIXES):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_build_at_work_keeps_others_from_clearing_up_until_it_ends(tmp_path: Path) -> None:
    """The lock is the kernel's: it goes with the process, however the process ends."""
    with working_in(tmp_path, *PREFIXES):
        fill(tmp_path, LEFTOVERS[:1])
        other = python(
            f"""
            from pathlib import Path
            from generator.build.site_build import working_in
            with working_in(Path({str(tmp_path)!r}), ".site-building-"):
                pass
            """
        )
        assert other.returncode == 0, other.stderr
        assert (tmp_path / LEFTOVERS[0]).is_dir()  # this process is at work here
    started = time.monotonic()
    with working_in(tmp_path, *PREFIXES):
        pass
    assert not (tmp_path / LEFTOVERS[0]).exists()
    assert time.monotonic() - started < 5


def test_sigterm_and_sighup_are_ctrl_c_during_a_build_and_nohup_is_kept() -> None:
    result = python(
        """
        import signal
        from generator.build.site_build import stopped_like_ctrl_c
        for number in (signal.SIGTERM, signal.SIGHUP):
            # As a shell starts a command; the test suite itself may run under nohup.
            signal.signal(number, signal.SIG_DFL)
        for number in (signal.SIGTERM, signal.SIGHUP):
            try:
                with stopped_like_ctrl_c():
                    signal.raise_signal(number)
                print(number.name, "went on")
            except KeyboardInterrupt:
                print(number.name, "interrupted")
            assert signal.getsignal(number) is signal.SIG_DFL  # as it was before
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # as nohup leaves SIGHUP
        with stopped_like_ctrl_c():
            signal.raise_signal(signal.SIGTERM)
        print("ignored stays ignored")
        """
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "SIGTERM interrupted\nSIGHUP interrupted\nignored stays ignored\n"
