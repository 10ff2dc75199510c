"""One assembly for the site and for ``chronology generate``: a real MkDocs build of the tiny
project hands MkDocs exactly the Markdown pages and data files that ``generate --out`` writes,
with the site's name and the "last changed" dates from git in both."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from conftest import EXACT_ID, make_project

from generator.build.generate import generate_pages
from generator.build.site_build import build_site

SITE_NAME = "US–Militia Confrontation in Iraq, 2019–2021"  # mkdocs.yml's site_name
COMMITTED = "2021-05-06"

#: An MkDocs hook that copies every file the chronology plugin generated, as MkDocs holds it,
#: into the folder named by CAPTURE (run after the plugin's on_files).
CAPTURE_HOOK = """\
    import os
    from pathlib import Path

    from mkdocs.plugins import event_priority


    @event_priority(-100)
    def on_files(files, config):
        out = Path(os.environ["CAPTURE"])
        for file in files:
            if file.generated_by == "chronology":
                target = out / file.src_uri
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(file.content_bytes)
        return files
    """


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _commit_everything(root: Path) -> None:
    """Make ``root`` a git checkout whose one commit is dated COMMITTED."""
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{COMMITTED}T12:00:00Z",
        "GIT_COMMITTER_DATE": f"{COMMITTED}T12:00:00Z",
    }
    for command in (
        ["init", "-q"],
        ["add", "content", "seeds"],
        ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "content"],
    ):
        subprocess.run(["git", "-C", str(root), *command], check=True, env=env)


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """What the plugin handed MkDocs in a real build, and what ``generate`` wrote."""
    if shutil.which("git") is None:
        pytest.skip("git is needed for the 'last changed' dates")
    tmp = tmp_path_factory.mktemp("generate")
    project = make_project(tmp / "project")
    _commit_everything(project)
    (project / "capture.py").write_text(textwrap.dedent(CAPTURE_HOOK), encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - capture.py\n")
    captured = tmp / "captured"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAPTURE", str(captured))
        build_site(project / "mkdocs.yml", tmp / "site")
    generate_pages(project, tmp / "generated")
    return _files(captured), _files(tmp / "generated")


def test_generate_writes_what_the_plugin_hands_mkdocs(both) -> None:
    plugin, generated = both
    assert sorted(plugin) == sorted(generated)
    different = [uri for uri in plugin if plugin[uri] != generated[uri]]
    assert different == []


def test_both_have_the_site_name_and_the_last_changed_dates(both) -> None:
    for files in both:
        home = files["index.md"].decode("utf-8")
        assert home.startswith("---\ndescription: ")  # the page's own description
        assert home.split("\n---\n", 1)[1].startswith(f"# {SITE_NAME}\n")
        event = files[f"events/{EXACT_ID}.md"].decode("utf-8")
        shown = COMMITTED.replace("-", "\\-")  # Markdown-escaped
        assert f"| **Last changed** | {shown} |" in event
    assert {"data/events.json", "data/map-data.js", "feed.xml"} <= set(both[1])
