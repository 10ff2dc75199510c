"""RecordCache.content_files: content/ listed again exactly when one of its folders changed
(or changed too recently to tell), as a fresh listing would find."""

from __future__ import annotations

import os

from conftest import FILES, make_project, write

from generator.content import cache as cache_module
from generator.content.cache import RecordCache
from generator.content.files import content_files

OLD = 1_000_000_000  # seconds since 1970: long settled


def _settle(root):
    for folder, _, _ in os.walk(root / "content"):
        os.utime(folder, (OLD, OLD))


def _listings(monkeypatch):
    made = []

    def counted(root):
        made.append(root)
        return content_files(root)

    monkeypatch.setattr(cache_module, "content_files", counted)
    return made


def test_listing_kept_until_a_folder_changes(tmp_path, monkeypatch):
    root = make_project(tmp_path, site=False)
    _settle(root)
    made = _listings(monkeypatch)
    cache = RecordCache()
    assert cache.content_files(root) == content_files(root)
    assert cache.content_files(root) == content_files(root)
    assert len(made) == 1  # nothing changed: not listed again
    some_event = next(p for p in FILES if p.startswith("content/events/"))
    (root / some_event).unlink()  # its folder's times change
    assert cache.content_files(root) == content_files(root)
    assert len(made) == 2
    assert cache.content_files(root) == content_files(root)
    assert len(made) == 3  # changed just now: that listing was not kept
    _settle(root)
    cache.content_files(root)
    assert cache.content_files(root) == content_files(root)
    assert len(made) == 4  # settled: kept
    write(root, "content/events/stray.txt", "x")
    listing = cache.content_files(root)
    assert listing == content_files(root)
    assert any("stray.txt" in str(p) for p in listing[1])
    assert len(made) == 5


def test_a_folder_changed_just_before_the_listing_is_listed_again(tmp_path, monkeypatch):
    root = make_project(tmp_path, site=False)  # folders changed just now
    made = _listings(monkeypatch)
    cache = RecordCache()
    cache.content_files(root)
    cache.content_files(root)
    assert len(made) == 2
