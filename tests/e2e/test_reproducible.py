"""Reproducible builds: the same commit, built in two folders by two processes that differ in
time zone, locale, umask and hash seed, gives the same bytes: every file of site/, the
offline zip and sitemap.xml.gz included. SOURCE_DATE_EPOCH is left unset, so the dates come
from the last commit (``git log -1 --format=%ct``), not from the clock.

Each copy is the working tree as a fresh clone has it (tracked and untracked, not ignored,
files) plus .git, so the last commit and each content file's history are the repository's.
Both builds are then link-checked from their HTML (tests/sitecheck.py): the hosted site and
the unzipped bundle.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import make_project, suite_figures
from sitecheck import broken_links

from generator.build.bundle import build_bundle
from generator.build.site_build import build_site

REPO = Path(__file__).resolve().parents[2]
CHRONOLOGY = Path(sys.executable).with_name("chronology")
NAME = "us-militia-confrontation-in-iraq-2019-2021-offline"

#: What differs between the two builds besides the folder.
ENVIRONMENTS = {
    "first": {"TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONHASHSEED": "1"},
    # POSIX with UTF-8 mode off: any file opened without an explicit encoding would be
    # read as ASCII here.
    "second": {
        "TZ": "Pacific/Auckland",
        "LC_ALL": "POSIX",
        "LANG": "POSIX",
        "PYTHONUTF8": "0",
        "PYTHONHASHSEED": "4242",
    },
}
UMASKS = {"first": 0o022, "second": 0o077}
#: Figures for the summary line.
FIGURES: dict[str, int] = {}


def working_tree(destination: Path) -> Path:
    """Copy what a fresh clone holds (plus any uncommitted work) and .git to ``destination``."""
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if not source.is_file():  # deleted in the working tree, still in the index
            continue
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    shutil.copytree(REPO / ".git", destination / ".git", symlinks=True)
    return destination


def last_commit() -> int:
    return int(
        subprocess.run(
            ["git", "-C", str(REPO), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def environment(kind: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "SOURCE_DATE"))}
    env.pop("PYTHONUTF8", None)
    return {**env, **ENVIRONMENTS[kind], "NO_MKDOCS_2_WARNING": "1"}


def files(folder: Path) -> dict[str, str]:
    """{path: sha256} for every file under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two copies of the repository, each built (`chronology build`, then `bundle`) at once,
    in parallel, in its own environment."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.fail("the reproducibility test needs git and a git checkout")
    roots = {
        "first": working_tree(tmp_path_factory.mktemp("repro") / "one"),
        "second": working_tree(
            tmp_path_factory.mktemp("another-build-folder") / "a" / "longer" / "path"
        ),
    }
    running = {
        kind: subprocess.Popen(
            ["/bin/sh", "-c", f'"{CHRONOLOGY}" build && "{CHRONOLOGY}" bundle'],
            cwd=root,
            env=environment(kind),
            umask=UMASKS[kind],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for kind, root in roots.items()
    }
    for kind, process in running.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, f"{kind}: {out}\n{err}"
        assert "Traceback" not in out + err
    return roots


def manifest(root: Path) -> dict[str, str]:
    """sha256 of every file of site/ and dist/, and of every file inside the zip."""
    found = {f"site/{k}": v for k, v in files(root / "site").items()}
    found.update({f"dist/{k}": v for k, v in files(root / "dist").items()})
    with zipfile.ZipFile(root / "dist" / f"{NAME}.zip") as archive:
        for info in archive.infolist():
            digest = hashlib.sha256(archive.read(info)).hexdigest()
            found[f"zip:{info.filename}"] = f"{digest} {info.date_time} {info.external_attr}"
    return found


def test_two_builds_are_byte_identical(builds: dict[str, Path]) -> None:
    first, second = (manifest(root) for root in builds.values())
    differing = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    FIGURES["compared"] = len(first)
    FIGURES["differing"] = len(differing)
    assert differing == []
    assert {"site/sitemap.xml.gz", "site/index.html", f"dist/{NAME}.zip"} <= first.keys()
    assert len(first) > 300


def test_nothing_depends_on_the_folder(builds: dict[str, Path]) -> None:
    root = builds["second"]
    needles = [str(path).encode() for path in builds.values()] + [b"pytest-of-"]
    with zipfile.ZipFile(root / "dist" / f"{NAME}.zip") as archive:
        blobs = {f"zip:{n}": archive.read(n) for n in archive.namelist()}
    blobs.update({str(p): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()})
    blobs["site/sitemap.xml.gz (inflated)"] = gzip.decompress(
        blobs[str(root / "site/sitemap.xml.gz")]
    )
    assert [name for name, data in blobs.items() if any(n in data for n in needles)] == []


def test_dates_come_from_the_last_commit(builds: dict[str, Path]) -> None:
    """Not from the clock: sitemap.xml.gz's header and every zip entry carry the last
    commit's time (its day, for MkDocs' dates), whatever the time zone."""
    epoch = last_commit()
    root = builds["second"]  # built in Pacific/Auckland, where the day may differ from UTC's
    packed = (root / "site" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(packed[4:8], "little") == midnight(epoch)
    assert gzip.decompress(packed) == (root / "site" / "sitemap.xml").read_bytes()
    with zipfile.ZipFile(root / "dist" / f"{NAME}.zip") as archive:
        # A zip keeps seconds in steps of two: an odd second reads back one lower.
        stamp = tuple(time.gmtime(epoch // 2 * 2)[:6])
        assert {i.date_time for i in archive.infolist()} == {stamp}


def midnight(epoch: int) -> int:
    """The start of the epoch's day in UTC: MkDocs dates pages by the day."""
    return epoch - epoch % 86400


def test_an_old_commit_dates_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a checkout whose last commit is from 2001, the sitemap, its gzip header and the zip
    say 2001, although the clock says otherwise (and SOURCE_DATE_EPOCH is unset)."""
    root = make_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_url: https://example.org/chronology/\n" + config.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    when = "2001-02-03T04:05:06+00:00"
    git = {
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "old"]):
        subprocess.run(["git", "-C", str(root), *command], check=True, env={**os.environ, **git})
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = build_site(config)
    bundle = build_bundle(config)
    assert "SOURCE_DATE_EPOCH" not in os.environ  # set for the build only
    epoch = 981173106  # 2001-02-03 04:05:06 UTC
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2001-02-03"}
    assert int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little") == midnight(epoch)
    with zipfile.ZipFile(bundle.path) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2001, 2, 3, 4, 5, 6)}


def test_every_link_and_anchor_resolves_in_both_builds(
    builds: dict[str, Path], tmp_path: Path
) -> None:
    """Read from the built HTML: the hosted site (folder URLs) and the unzipped bundle (every
    link a file, as file:// needs)."""
    root = builds["first"]
    with zipfile.ZipFile(root / "dist" / f"{NAME}.zip") as archive:
        archive.extractall(tmp_path)
    hosted, hosted_problems, _ = broken_links(root / "site")
    offline, offline_problems, _ = broken_links(tmp_path / NAME, folders=False)
    FIGURES["links"] = hosted + offline
    FIGURES["broken"] = len(hosted_problems) + len(offline_problems)
    assert hosted_problems == [] and offline_problems == []
    assert hosted > 5000 and offline > 5000


def test_the_link_checker_reports_folders_in_the_bundle(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">folder</a> <a href="a/index.html">file</a> <a href="b.html">none</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path)[1] == ["index.html: b.html: no such file"]
    assert broken_links(tmp_path, folders=False)[1] == [
        "index.html: a/: a folder, not a page",
        "index.html: b.html: no such file",
    ]


@suite_figures
def _figures() -> str | None:
    if not FIGURES:
        return None
    return (
        f"reproducible builds: {FIGURES.get('compared', 0)} files compared (site/, zip "
        f"and its entries), {FIGURES.get('differing', '?')} differing; "
        f"{FIGURES.get('links', 0)} internal links checked in both builds, "
        f"{FIGURES.get('broken', '?')} broken"
    )
