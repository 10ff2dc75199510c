"""exports/parts.py: each event's part of the data files, kept between the builds of
``chronology serve``, is made again exactly when the event or a record it names changed."""

from __future__ import annotations

import os

from conftest import EXACT_ID, RANGE_ID, make_project, write

from generator.content.cache import RecordCache
from generator.content.catalog import load_catalog
from generator.exports.files import data_files
from generator.exports.parts import DataParts


def _save(root, relative, old, new):
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    before = path.stat().st_mtime_ns
    write(root, relative, text.replace(old, new, 1))
    if path.stat().st_mtime_ns == before:  # a coarse clock: move it on
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_kept_parts_are_reused_only_for_unchanged_records_and_files_equal_a_full_export(
    tmp_path,
):
    root = make_project(tmp_path, site=False)
    records, parts = RecordCache(), DataParts()
    made: list[str] = []

    def build() -> dict[str, str]:
        catalog = load_catalog(root, cache=records)
        files = data_files(catalog, site_url="https://example.org/", parts=parts)
        full = data_files(load_catalog(root), site_url="https://example.org/")
        assert files == full
        made.clear()
        made.extend(
            event_id
            for event_id, entry in parts._files["data/events.json"].items()
            if entry[2] is not kept.get(event_id)
        )
        kept.clear()
        kept.update({k: e[2] for k, e in parts._files["data/events.json"].items()})
        return files

    kept: dict[str, object] = {}
    build()
    assert len(made) == 3  # the first build makes every part
    _save(root, f"content/events/{EXACT_ID}.yaml", "title: ", "title: Edited ")
    files = build()
    assert made == [EXACT_ID]
    assert "Edited " in files["data/events.ics"]
    # A place's new name is in the parts of the events there, and only theirs.
    catalog = load_catalog(root)
    place = catalog.events[RANGE_ID].locations[0].place
    at = sorted(e.id for e in catalog.events.values() if place in {p.place for p in e.locations})
    name = catalog.locations[place].name
    _save(root, f"content/locations/{place}.yaml", f"name: {name}", "name: Renamed place")
    files = build()
    assert sorted(made) == at
    assert "Renamed place" in files["data/events.csv"]
    build()
    assert made == []  # nothing changed: every part kept
