"""The feed and the calendar dated by the content's git history: an event added today about
2020 reaches subscribers with today's commit date, a correction moves <updated>, and without
git (or past a shallow clone's cut-off) nothing is invented. Fixture repositories are made
with git itself, commits at known dates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml

from generator.content.catalog import load_catalog
from generator.content.history import file_history, last_changed
from generator.exports.files import data_files

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

SEED = " ".join(f"Rockets hit camp number {i} in the night, officials said." for i in range(8))
FIRST = "2021-05-01T10:00:00+03:00"  # the initial import
CORRECTED = "2021-06-02T08:30:00+00:00"


def _git(root: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _event(i: int, day: str) -> dict[str, object]:
    return {
        "id": f"event-{i}",
        "date": day,
        "title": f"Rockets hit camp {i}",
        "type": "rocket-attack",
        "summary": f"Rockets hit camp {i}.",
        "sources": [{"source": "src", "quote": f"Rockets hit camp number {i} in the night"}],
    }


def _write(root: Path, folder: str, record: dict[str, object]) -> None:
    path = root / "content" / folder / f"{record['id']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Three events about 2021 imported at FIRST; event-1 corrected at CORRECTED."""
    root = tmp_path / "repo"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "x.txt").write_text(SEED, encoding="utf-8")
    source = {"id": "src", "outlet": "Wire", "date": "2021-04-30", "title": "T", "seed": "x.txt"}
    _write(root, "sources", source)
    for i, day in ((1, "2021-03-01"), (2, "2021-04-01"), (3, "2021-04-20")):
        _write(root, "events", _event(i, day))
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "import", when=FIRST)
    corrected = _event(1, "2021-03-01")
    corrected["summary"] = "Rockets hit camp 1 (corrected)."
    _write(root, "events", corrected)
    _git(root, "commit", "-q", "-am", "correct event-1", when=CORRECTED)
    return root


def _feed(root: Path) -> feedparser.FeedParserDict:
    files = data_files(load_catalog(root), history=file_history(root))
    feed = feedparser.parse(files["feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def _stamp(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def test_history_gives_first_added_and_last_changed(repo: Path) -> None:
    history = file_history(repo)
    assert history.unknown is None
    one = history.get("content/events/event-1.yaml")
    two = history.get("content/events/event-2.yaml")
    assert one is not None and two is not None
    assert (one.added, one.changed) == (_stamp(FIRST), _stamp(CORRECTED))
    assert (two.added, two.changed) == (_stamp(FIRST), _stamp(FIRST))
    # Pages show the day as the committer dated it.
    assert last_changed(repo)["content/events/event-1.yaml"] == "2021-06-02"


def test_an_event_added_today_about_2020_leads_the_feed_with_todays_commit(repo: Path) -> None:
    _write(repo, "events", _event(4, "2020-01-05"))  # about an older day than any other
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "add event-4")  # now: today's commit
    committed = _stamp(_git(repo, "log", "-1", "--format=%cI").strip())
    assert committed.date() == datetime.now(UTC).date()

    feed = _feed(repo)
    entry = feed.entries[0]
    assert entry.id == "tag:chronology,2026:event/event-4"  # ids as before
    assert _stamp(entry.published) == _stamp(entry.updated) == committed
    assert _stamp(feed.feed.updated) == committed
    # Then the others, the last changed first; equal times: the later event first.
    assert [e.id.rsplit("/", 1)[1] for e in feed.entries] == [
        "event-4",
        "event-1",
        "event-3",
        "event-2",
    ]
    one = feed.entries[1]
    assert (_stamp(one.published), _stamp(one.updated)) == (_stamp(FIRST), _stamp(CORRECTED))
    assert feed.feed.subtitle == "The 4 events added or changed last, newest first"


def test_the_calendar_says_when_each_entry_was_created_and_modified(repo: Path) -> None:
    files = data_files(load_catalog(repo), history=file_history(repo))
    calendar = icalendar.Calendar.from_ical(files["data/events.ics"])
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    one = events["event-1@chronology"]
    assert one["CREATED"].dt == _stamp(FIRST)
    assert one["LAST-MODIFIED"].dt == one["DTSTAMP"].dt == _stamp(CORRECTED)
    assert events["event-2@chronology"]["DTSTAMP"].dt == _stamp(FIRST)


def test_a_build_is_the_same_from_the_same_commit(repo: Path) -> None:
    first = data_files(load_catalog(repo), history=file_history(repo))
    second = data_files(load_catalog(repo), history=file_history(repo))
    assert first == second


def test_without_git_the_feed_falls_back_to_the_events_dates(repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "unzipped"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".git"))
    history = file_history(copy)
    assert history.files == {}
    assert history.unknown == f"{copy} is not a git checkout"
    feed = _feed(copy)
    assert feed.feed.subtitle == "The latest 3 events of the chronology, newest first"
    assert [e.id.rsplit("/", 1)[1] for e in feed.entries] == ["event-3", "event-2", "event-1"]
    assert feed.entries[0].updated == "2021-04-20T00:00:00+00:00"
    assert all("published" not in e for e in feed.entries)


def test_past_a_shallow_clones_cut_off_nothing_is_invented(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    history = file_history(shallow)
    one = history.get("content/events/event-1.yaml")
    two = history.get("content/events/event-2.yaml")
    # The only commit is the cut-off: every file looks added there, which says nothing.
    assert one is not None and (one.added, one.changed) == (None, None)
    assert two is not None and (two.added, two.changed) == (None, None)
    deeper = tmp_path / "deeper"
    _git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(deeper))
    one = file_history(deeper).get("content/events/event-1.yaml")
    assert one is not None and (one.added, one.changed) == (None, _stamp(CORRECTED))


def test_events_json_stays_free_of_history(repo: Path) -> None:
    """events.json describes the events, not the repository: the same with or without git."""
    catalog = load_catalog(repo)
    with_history = data_files(catalog, history=file_history(repo))["data/events.json"]
    assert json.loads(with_history) == json.loads(data_files(catalog)["data/events.json"])
