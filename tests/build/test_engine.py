"""The parallel build (generator/build/engine.py): the real content built with one process and
with two gives the same files, its HTML pages are those plain MkDocs writes from the pages
``chronology generate`` gives, and a strict failure or a dead worker is reported as MkDocs
on one core would, or clearly."""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import signal
from pathlib import Path

import pytest
from conftest import make_project

from generator.build import plugin
from generator.build.assemble import DeferredPages
from generator.build.generate import generate_pages
from generator.build.plugin import NAV_PAGES
from generator.build.site_build import BuildFailed, build_site, reproducible_env

REPO = Path(__file__).resolve().parents[2]


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def real_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The real content built with one process and with two."""
    out = tmp_path_factory.mktemp("engine")
    one = build_site(REPO / "mkdocs.yml", out / "one", jobs=1)
    two = build_site(REPO / "mkdocs.yml", out / "two", jobs=2)
    return one, two


def test_two_processes_write_the_same_files_as_one(real_sites: tuple[Path, Path]) -> None:
    one, two = (files_of(site) for site in real_sites)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert len([name for name in one if name.endswith(".html")]) > 100


def plain_config(docs: Path, target: Path) -> Path:
    """mkdocs.yml without the chronology plugin, reading the pages from ``docs``, the
    generated ones out of the navigation as the plugin keeps them (as scripts/bench.py)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^  - chronology:.*\n(?:^ {4,}.*\n)*", "", text, flags=re.M)
    text = re.sub(r"^docs_dir:.*$", f"docs_dir: {docs}", text, flags=re.M)
    text = re.sub(r"custom_dir: overrides", f"custom_dir: {REPO / 'overrides'}", text)
    folders = sorted({p.relative_to(docs).parts[0] for p in docs.glob("*/**/*.md")})
    patterns = []
    for folder in folders:
        patterns.append(f"/{folder}/**/*.md")
        patterns += [f"!/{page}" for page in sorted(NAV_PAGES) if page.startswith(folder + "/")]
    text += "\nnot_in_nav: |\n" + "".join(f"  {p}\n" for p in patterns)
    target.write_text(text, encoding="utf-8")
    return target


def test_the_offline_variant_is_the_same_from_two_processes_as_from_one(tmp_path: Path) -> None:
    # The file:// build (no directory URLs) renders its pages in the workers too.
    one = build_site(REPO / "mkdocs.yml", tmp_path / "one", offline=True, jobs=1)
    two = build_site(REPO / "mkdocs.yml", tmp_path / "two", offline=True, jobs=2)
    ones, twos = files_of(one), files_of(two)
    assert sorted(ones) == sorted(twos)
    assert [name for name in ones if ones[name] != twos[name]] == []
    events = [n for n in ones if n.startswith("events/") and n.endswith(".html")]
    assert len(events) > 20 and "search/index.js" in ones


def test_the_pages_are_those_plain_mkdocs_writes_from_the_generated_markdown(
    real_sites: tuple[Path, Path], tmp_path: Path
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = tmp_path / "pages"
    generate_pages(REPO, docs)
    for item in (REPO / "docs").iterdir():  # hand-written pages; generate completed data.md
        target = docs / item.name
        if item.is_dir():
            shutil.copytree(item, target, dirs_exist_ok=True)
        elif not target.exists():
            shutil.copy(item, target)
    config = plain_config(docs, tmp_path / "mkdocs-plain.yml")
    with reproducible_env(REPO):
        build(load_config(str(config), site_dir=str(tmp_path / "plain"), strict=True))
    plain = files_of(tmp_path / "plain")
    ours = files_of(real_sites[1])
    pages = sorted(name for name in ours if name.endswith(".html"))
    assert pages == sorted(name for name in plain if name.endswith(".html"))
    assert [name for name in pages if ours[name] != plain[name]] == []
    assert (
        b'<script type="application/ld+json">{"@context":"https://schema.org","@type":"Dataset"'
        in (ours["data/index.html"])
    )


# --- failures ---------------------------------------------------------------------------------

BROKEN = (
    "\n[nowhere](#no-such-anchor), [elsewhere](../statistics.md#no-such-table), [gone](gone.md)\n"
)


@pytest.fixture
def broken_event(monkeypatch: pytest.MonkeyPatch) -> str:
    """An event page (converted by a worker) with a link to a missing anchor on itself and
    one to a missing anchor on another page; made at once (one process) or by the worker
    converting it (DeferredPages)."""
    assemble, markdown = plugin.assemble, DeferredPages.markdown

    def broken(*args: object, **kwargs: object) -> dict[str, str]:
        pages = assemble(*args, **kwargs)  # type: ignore[arg-type]
        uri = min(u for u in pages if u.startswith("events/"))
        pages[uri] += BROKEN
        return pages

    def broken_later(self: DeferredPages, uri: str) -> str:
        first = min(u for u in self.pages if u.startswith("events/"))
        return markdown(self, uri) + (BROKEN if uri == first else "")

    monkeypatch.setattr(plugin, "assemble", broken)
    monkeypatch.setattr(DeferredPages, "markdown", broken_later)
    return "events/"


def failure(project: Path, jobs: int) -> str:
    with pytest.raises(BuildFailed) as caught:
        build_site(project / "mkdocs.yml", jobs=jobs)
    return str(caught.value)


def test_a_broken_anchor_fails_as_mkdocs_fails_it(
    tmp_path: Path, broken_event: str, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path / "project")
    one = failure(project, 1)
    records_one = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    caplog.clear()
    two = failure(project, 2)
    records_two = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    event = min(p.stem for p in (project / "content" / "events").glob("*.yaml"))
    doc = f"Doc file 'events/{event}.md' contains a link"
    expected = [
        f"{doc} 'gone.md', but the target 'events/gone.md' is not found among documentation files.",
        f"{doc} '#no-such-anchor', but there is no such anchor on this page.",
        f"{doc} '../statistics.md#no-such-table', but the doc 'statistics.md' does not contain "
        "an anchor '#no-such-table'.",
    ]
    assert records_one == expected
    assert records_two == expected
    assert one == two == "\n".join(["Aborted with 3 warnings in strict mode!", *expected])
    assert not (project / "site").exists()


def test_a_worker_that_dies_is_reported_and_leaves_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mkdocs.commands.build as mkdocs_build

    project = make_project(tmp_path / "project")
    site = build_site(project / "mkdocs.yml", jobs=1)
    before = files_of(site)
    main = os.getpid()
    populate = mkdocs_build._populate_page

    def fatal(page, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() != main and page.file.src_uri.startswith("events/"):
            os.kill(os.getpid(), signal.SIGKILL)
        return populate(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_populate_page", fatal)
    message = failure(project, 2)
    assert re.fullmatch(
        r"Aborted with a BuildError!\na build worker \(process \d+\) stopped \(killed by "
        r"SIGKILL\) with \d+ pages left to build; the previous site was left as it was\. If the "
        r"machine ran out of memory, build with fewer processes \(--jobs 1\)\.",
        message,
    )
    assert "Traceback" not in message
    assert files_of(site) == before
    assert multiprocessing.active_children() == []
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []


def test_a_page_that_raises_in_a_worker_fails_the_build_with_its_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.exceptions import PluginError

    project = make_project(tmp_path / "project")
    event = min(p.stem for p in (project / "content" / "events").glob("*.yaml"))

    def on_page_markdown(self, markdown, page, config, files):  # type: ignore[no-untyped-def]
        if page.file.src_uri == f"events/{event}.md":
            raise PluginError("the converter broke")
        return markdown

    monkeypatch.setattr(
        plugin.ChronologyPlugin, "on_page_markdown", on_page_markdown, raising=False
    )
    one, two = failure(project, 1), failure(project, 2)
    assert two == one
    assert one == (
        f"Aborted with a BuildError!\nError reading page 'events/{event}.md':\nthe converter broke"
    )
    assert multiprocessing.active_children() == []


def test_a_plugin_not_known_to_be_parallel_safe_means_one_process(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from generator.build.engine import effective_jobs
    from generator.build.site_build import load_mkdocs_config

    project = make_project(tmp_path / "project")
    config = load_mkdocs_config(project / "mkdocs.yml")
    assert effective_jobs(config, 2) == 2
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("plugins:\n", "plugins:\n  - search\n"))
    config = load_mkdocs_config(project / "mkdocs.yml")
    with caplog.at_level("INFO", logger="mkdocs"):
        assert effective_jobs(config, 2) == 1
    assert [r.getMessage() for r in caplog.records] == [
        "Building in one process: the plugin(s) material/search may keep state across pages; "
        "only chronology, material/offline, offline are known to be safe in parallel"
    ]


def test_a_hand_written_file_where_the_search_index_goes_fails_in_both(tmp_path: Path) -> None:
    # With two jobs the search index is made after the pages, from what the workers found.
    project = make_project(tmp_path / "project")
    (project / "docs" / "search").mkdir(parents=True)
    (project / "docs" / "search" / "index.js").write_text("// mine\n", encoding="utf-8")
    said = "docs/search/index.js clashes with a generated page; rename it"
    assert said in failure(project, 1)
    assert said in failure(project, 2)
    assert not (project / "site").exists()


def test_a_broken_page_template_fails_alike_in_one_and_two_processes(tmp_path: Path) -> None:
    # With two jobs the event pages are rendered in the workers (DeferredPages).
    project = make_project(tmp_path / "project")
    template = project / "site_templates" / "event.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8") + "\n{{ no_such_value }}\n", encoding="utf-8"
    )
    one, two = failure(project, 1), failure(project, 2)
    assert "event.md.j2: while rendering events/" in one
    assert "'no_such_value' is undefined" in one
    assert two == one
    assert not (project / "site").exists()
