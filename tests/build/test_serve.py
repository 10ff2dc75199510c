"""``chronology serve``: the real server on a free port, with the tiny project.

Each test starts ``chronology serve`` in the project, saves a content file and reads the
pages over HTTP. The server builds into a temporary folder, which the tests find through
TMPDIR to see which files a rebuild wrote, and compare with a full build of the same content.
"""

from __future__ import annotations

import filecmp
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ABOUT_ID, EXACT_ID, RANGE_ID, SOURCE_ID, write

from generator.build.assemble import Reassembly, SiteSettings, assemble
from generator.content.cache import RecordCache
from generator.content.catalog import Catalog, load_catalog
from generator.site import render
from generator.tools.synth import synthesize

CHRONOLOGY = Path(sys.executable).with_name("chronology")
TIMEOUT = 60.0
OLD_TITLE = "Rocket hits a house near the Green Zone, killing two civilians"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Server:
    """A running ``chronology serve``: its address, its output so far, its site folder."""

    def __init__(self, root: Path, tmp: Path) -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.tmp = tmp
        self.output = tmp.parent / "serve.log"
        tmp.mkdir(parents=True)
        with self.output.open("wb") as log:
            self.process = subprocess.Popen(
                [str(CHRONOLOGY), "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
                cwd=root,
                env={**os.environ, "TMPDIR": str(tmp), "NO_MKDOCS_2_WARNING": "1"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_for(lambda: self.get("") is not None or self.process.poll() is not None, "start")
        assert self.process.poll() is None, self.log()

    def log(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return f"HTTP {exc.code}"
        except OSError:
            return None

    @property
    def site(self) -> Path:
        (folder,) = self.tmp.glob("chronology-serve-*")
        return folder

    def files(self) -> dict[str, tuple[int, bytes]]:
        """Every file of the site: (modification time, bytes)."""
        return {
            path.relative_to(self.site).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
            for path in sorted(self.site.rglob("*"))
            if path.is_file()
        }

    def builds(self) -> int:
        return self.log().count("Reloading browsers")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)  # stops as Ctrl-C does, removing the site
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def server(project: Path, tmp_path: Path) -> Iterator[Server]:
    running = Server(project, tmp_path / "tmp")
    try:
        yield running
    finally:
        running.stop()


def save(root: Path, relative: str, text: str) -> None:
    """Write a file so the server surely sees a change (a new modification time)."""
    path = root / relative
    before = path.stat().st_mtime_ns if path.exists() else 0
    write(root, relative, text)
    if path.stat().st_mtime_ns == before:  # a coarse clock: move it on
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def edit_title(root: Path, new_title: str) -> None:
    relative = f"content/events/{EXACT_ID}.yaml"
    text = (root / relative).read_text(encoding="utf-8")
    assert f"title: {OLD_TITLE}\n" in text
    save(root, relative, text.replace(f"title: {OLD_TITLE}\n", f"title: {new_title}\n"))


def full_build(root: Path, site_url: str, site_dir: Path) -> None:
    """What a complete build of the same content gives, with the server's address."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), site_url=site_url)
    build(config, serve_url=site_url)


def differences(left: Path, right: Path) -> list[str]:
    """Files that are missing on one side or differ, except the gzipped sitemap (its
    header holds the time it was written)."""
    found = []
    names = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    for name in sorted(names - {"sitemap.xml.gz"}):
        a, b = left / name, right / name
        if not (a.is_file() and b.is_file() and filecmp.cmp(a, b, shallow=False)):
            found.append(name)
    return found


def test_an_edited_event_shows_and_only_the_pages_it_changes_are_rebuilt(
    server: Server, project: Path, tmp_path: Path
):
    page = f"events/{EXACT_ID}/"
    assert OLD_TITLE in server.get(page)
    before = server.files()
    builds = server.builds()

    edit_title(project, "Rocket hits a house in Baghdad, edited while serving")

    wait_for(lambda: "edited while serving" in (server.get(page) or ""), "the edit to show")
    assert "edited while serving" in server.get("actors/kataib-hezbollah/")
    assert "edited while serving" in server.get("chronology/2020/")
    assert server.builds() == builds + 1
    after = server.files()

    rewritten = {n for n in after if n.endswith(".html") and after[n][0] != before[n][0]}
    changed = {n for n in after if n.endswith(".html") and after[n][1] != before[n][1]}
    # 404.html is written on every build (it shows the navigation); every other page is
    # written again exactly when its text changed.
    assert rewritten - {"404.html"} == changed
    assert f"events/{EXACT_ID}/index.html" in changed
    assert "actors/kataib-hezbollah/index.html" in changed
    assert "locations/baghdad-airport/index.html" not in rewritten  # the other events' place
    assert "data/index.html" not in rewritten  # a hand-written page
    assert "sources/index.html" not in rewritten
    pages = [n for n in after if n.endswith(".html")]
    assert f"Rebuilt {len(changed)} of {len(pages) - 1} pages" in server.log()  # not 404.html

    # What the rebuild left is what a full build makes of the edited content, search
    # index included.
    full_build(project, server.url, tmp_path / "full")
    assert differences(server.site, tmp_path / "full") == []


def test_invalid_content_shows_the_error_and_keeps_serving_the_last_good_site(
    server: Server, project: Path
):
    page = f"events/{EXACT_ID}/"
    relative = f"content/events/{EXACT_ID}.yaml"
    good = (project / relative).read_text(encoding="utf-8")
    save(project, relative, good.replace("type: rocket-attack", "type: [rocket"))

    wait_for(lambda: "Not rebuilt" in server.log(), "the failed rebuild")
    log = server.log()
    assert f"{relative}:5:8: invalid YAML" in log  # where the mistake is
    assert "the last good site is still served" in log
    assert OLD_TITLE in server.get(page)  # served, not left waiting

    save(project, relative, good.replace(OLD_TITLE, "Fixed after an error"))
    wait_for(lambda: "Fixed after an error" in (server.get(page) or ""), "the fix to show")
    # The failed rebuild wrote nothing, so the fix is again a partial rebuild.
    rebuilt, total = re.findall(r"Rebuilt (\d+) of (\d+) pages", server.log())[-1]
    assert 0 < int(rebuilt) < int(total)


def test_a_deleted_event_leaves_the_site(server: Server, project: Path, tmp_path: Path):
    assert "protests" in server.get(f"events/{RANGE_ID}/").lower()
    (project / f"content/events/{RANGE_ID}.yaml").unlink()
    wait_for(lambda: server.get(f"events/{RANGE_ID}/") == "HTTP 404", "the page to go")
    assert RANGE_ID not in server.get("chronology/2020/")
    full_build(project, server.url, tmp_path / "full")
    assert differences(server.site, tmp_path / "full") == []


def test_a_new_event_appears(server: Server, project: Path, tmp_path: Path):
    new_id = "2020-08-20-drone-shot-down-again"
    save(
        project,
        f"content/events/{new_id}.yaml",
        f"""\
        id: {new_id}
        date: 2020-08-20
        title: A drone is shot down again
        type: interception
        summary: Air defences shot down a drone.
        locations:
          - place: baghdad-airport
        sources:
          - source: {SOURCE_ID}
            quote: air defences shot down a drone approaching Baghdad airport
        """,
    )
    wait_for(lambda: "shot down again" in (server.get(f"events/{new_id}/") or ""), "the page")
    assert "shot down again" in server.get("locations/baghdad-airport/")
    assert "shot down again" in server.get("chronology/2020/")
    full_build(project, server.url, tmp_path / "full")
    assert differences(server.site, tmp_path / "full") == []


def test_after_a_series_of_edits_the_site_is_what_a_full_build_makes(
    server: Server, project: Path, tmp_path: Path
):
    """Each edit shows, rendering again only what it changed; the site at the end equals a
    complete build of the same content, file for file."""
    edit_title(project, "A title edited while serving")
    wait_for(lambda: "edited while serving" in (server.get("chronology/2020/07/") or ""), "title")
    rendered, total = map(int, re.findall(r"rendering (\d+) of (\d+) pages", server.log())[-1])
    assert 0 < rendered < total
    relative = f"content/events/{EXACT_ID}.yaml"
    text = (project / relative).read_text(encoding="utf-8")
    save(project, relative, text.replace("date: 2020-07-10", "date: 2020-08-10"))
    wait_for(lambda: "edited while serving" in (server.get("chronology/2020/08/") or ""), "date")
    assert "edited while serving" not in server.get("chronology/2020/07/")
    new_id = "2020-08-20-drone-shot-down-again"
    save(
        project,
        f"content/events/{new_id}.yaml",
        f"""\
        id: {new_id}
        date: 2020-08-20
        title: A drone is shot down again
        type: interception
        summary: Air defences shot down a drone.
        locations:
          - place: baghdad-airport
        sources:
          - source: {SOURCE_ID}
            quote: air defences shot down a drone approaching Baghdad airport
        """,
    )
    wait_for(lambda: "shot down again" in (server.get("chronology/2020/08/") or ""), "new event")
    (project / f"content/events/{RANGE_ID}.yaml").unlink()
    wait_for(lambda: server.get(f"events/{RANGE_ID}/") == "HTTP 404", "the deleted event")
    actor = project / "content/actors/kataib-hezbollah.yaml"
    text = actor.read_text(encoding="utf-8").replace("name: Kataib Hezbollah", "name: KH renamed")
    save(project, "content/actors/kataib-hezbollah.yaml", text)
    wait_for(lambda: "KH renamed" in (server.get(f"events/{EXACT_ID}/") or ""), "actor")
    full_build(project, server.url, tmp_path / "full")
    assert differences(server.site, tmp_path / "full") == []


def test_an_edited_template_shows_on_every_page_it_makes(
    server: Server, project: Path, tmp_path: Path
):
    template = project / "site_templates" / "event.md.j2"
    for text in ("First template edit", "Second template edit"):  # compiled code not reused
        template.write_text(template.read_text(encoding="utf-8") + f"\n{text}\n", "utf-8")
        page = f"events/{RANGE_ID}/"
        wait_for(lambda text=text, page=page: text in (server.get(page) or ""), "the edit")
        assert text in server.get(f"events/{EXACT_ID}/")
        assert text not in server.get("actors/kataib-hezbollah/")
    full_build(project, server.url, tmp_path / "full")
    assert differences(server.site, tmp_path / "full") == []


def test_a_change_outside_the_content_rebuilds_everything(server: Server, project: Path):
    builds = server.builds()
    data = project / "docs" / "data.md"
    save(project, "docs/data.md", data.read_text(encoding="utf-8") + "\nAdded while serving.\n")
    wait_for(lambda: "Added while serving" in (server.get("data/") or ""), "the edit to show")
    assert server.builds() == builds + 1
    pages = len([n for n in server.files() if n.endswith(".html")]) - 1
    assert f"Rebuilt {pages} of {pages} pages" in server.log().split("Detected file changes")[-1]
    server.stop()
    assert "Shutting down" in server.log()
    assert list(server.tmp.iterdir()) == []  # the site folder went with the server


# --- the loader's cache ------------------------------------------------------------------


def test_record_cache_reads_only_changed_files(project: Path):
    cache = RecordCache()
    first = load_catalog(project, cache=cache)
    second = load_catalog(project, cache=cache)
    assert second.events[ABOUT_ID] is first.events[ABOUT_ID]  # not read again
    edit_title(project, "A new title")
    third = load_catalog(project, cache=cache)
    assert third.events[EXACT_ID].title == "A new title"
    assert third.events[ABOUT_ID] is first.events[ABOUT_ID]
    # Cross-file checks still run on cached records: a reference to a deleted actor fails.
    (project / "content/actors/iraqi-intelligence.yaml").unlink()
    with pytest.raises(Exception, match="iraqi-intelligence"):
        load_catalog(project, cache=cache)


def test_record_cache_never_keeps_a_broken_file(project: Path):
    cache = RecordCache()
    load_catalog(project, cache=cache)
    relative = f"content/events/{EXACT_ID}.yaml"
    good = (project / relative).read_text(encoding="utf-8")
    save(project, relative, good.replace(OLD_TITLE, "TODO"))
    for _ in range(2):  # reported every time, not only when first read
        with pytest.raises(Exception, match="TODO"):
            load_catalog(project, cache=cache)


# --- which pages a rebuild renders again ---------------------------------------------------

#: Small pages, so that a few dozen events fill several pages of every list.
SMALL_PAGES = {
    "MONTH_PAGE_SIZE": 3,
    "YEAR_LIST_LIMIT": 5,
    "RECORD_PAGE_SIZE": 3,
    "INDEX_PAGE_SIZE": 4,
    "INLINE_LIST_LIMIT": 2,
}


def test_a_rebuild_renders_again_what_an_edit_changes_and_equals_a_full_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """After each edit, the pages and data files of the serve's reassembly are those of a
    full render of the same content, in the same order; an edit of events renders a few."""
    for name, value in SMALL_PAGES.items():
        monkeypatch.setattr(render, name, value)
    root = tmp_path / "corpus"
    synthesize(root, 80, seed=0)
    settings = SiteSettings(content_root=root, templates=root / "site_templates")
    records, reassembly = RecordCache(), Reassembly()

    def check(few: bool | None) -> Catalog:
        catalog = load_catalog(root, cache=records)
        served = reassembly.assemble(catalog, settings)
        full = assemble(load_catalog(root), settings)
        assert list(served) == list(full)
        assert [uri for uri in full if served[uri] != full[uri]] == []
        rendered, total = reassembly.rendered
        if few is not None:
            assert (rendered < total / 2) if few else (rendered == total)
        return catalog

    catalog = check(few=False)
    folder = root / "content" / "events"
    dated = [e for e in catalog.events.values() if re.fullmatch(r"\d{4}-\d\d-\d\d", e.date)]
    first, moved, last = dated[0], dated[len(dated) // 2], dated[-1]

    def edit(event_id: str, old: str, new: str) -> None:
        path = folder / f"{event_id}.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text
        save(root, path.relative_to(root).as_posix(), text.replace(old, new, 1))

    edit(last.id, f"title: {last.title}", "title: A title edited while serving")
    check(few=True)
    # Of a long list of an actor's events, the pages that do not list the event are kept.
    actor_pages = [uri for uri in reassembly.rendered_pages if uri.startswith("actors/")]
    pages_of = render.Renderer(catalog).actor_event_counts
    busy = next(
        p.actor for p in last.actors if pages_of[p.actor] > 3 * SMALL_PAGES["RECORD_PAGE_SIZE"]
    )
    assert f"actors/{busy}.md" in actor_pages
    assert f"actors/{busy}/page-2.md" not in actor_pages
    # Nothing the statistics or the indexes count changed.
    assert {"statistics.md", "actors/index.md"}.isdisjoint(reassembly.rendered_pages)
    # Another actor in the event's place: the indexes count it, the statistics may too.
    part = last.actors[0]
    other = next(a for a in catalog.actors if a not in {p.actor for p in last.actors})
    edit(last.id, f"- actor: {part.actor}\n", f"- actor: {other}\n")
    check(few=True)
    assert "actors/index.md" in reassembly.rendered_pages
    # To another month (and year), which moves events on both months' pages.
    edit(moved.id, f"date: {moved.date}", f"date: {first.date}")
    check(few=True)
    assert "statistics.md" in reassembly.rendered_pages  # counted in another month
    copy = (folder / f"{last.id}.yaml").read_text(encoding="utf-8")
    copy = copy.replace(f"id: {last.id}", "id: a-new-event")
    copy += f"distinct_from:\n  - event: {last.id}\n    reason: Another incident.\n"
    save(root, "content/events/a-new-event.yaml", copy)
    check(few=True)
    unlinked = next(e for e in dated[1:] if e.id not in catalog.links and e is not moved)
    (folder / f"{unlinked.id}.yaml").unlink()
    check(few=True)
    actor = next(iter(catalog.actors.values()))
    path = root / "content" / "actors" / f"{actor.id}.yaml"
    text = path.read_text(encoding="utf-8")
    save(
        root,
        f"content/actors/{actor.id}.yaml",
        text.replace(f"name: {actor.name}", "name: Renamed", 1),
    )
    check(few=False)  # an actor's name is on the pages of all its events
    # A place's new name and a source's new outlet: in the kept parts of the data files too.
    for folder, record, field in (
        ("locations", next(iter(catalog.locations.values())), "name"),
        ("sources", next(iter(catalog.sources.values())), "outlet"),
    ):
        path = root / "content" / folder / f"{record.id}.yaml"
        text = path.read_text(encoding="utf-8")
        old = f"{field}: {getattr(record, field)}"
        assert old in text
        save(root, f"content/{folder}/{record.id}.yaml", text.replace(old, f"{field}: Renamed", 1))
        check(few=None)
