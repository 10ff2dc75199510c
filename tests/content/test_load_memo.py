"""What ``chronology serve`` keeps between loads of the content (content/cache.py: the
duplicates found, each event's cross-file problems) gives what a full check finds, after
edits that change what those checks read and edits that do not."""

from __future__ import annotations

import os

from conftest import ABOUT_ID, EXACT_ID, make_project, write

from generator.content.cache import RecordCache
from generator.content.catalog import check_content, load_catalog
from generator.errors import ValidationFailed


def _save(root, relative, text):
    path = root / relative
    before = path.stat().st_mtime_ns if path.exists() else 0
    write(root, relative, text)
    if path.stat().st_mtime_ns == before:  # a coarse clock: move it on
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def _errors(root, cache):
    """The errors of a load with ``cache``, checked against a full check without one."""
    _, full = check_content(root)
    expected = [str(p) for p in full if p.severity == "error"]
    try:
        load_catalog(root, cache=cache)
    except ValidationFailed as exc:
        found = [str(p) for p in exc.problems if p.severity == "error"]
    else:
        found = []
    assert found == expected
    return found


def test_kept_duplicates_equal_a_full_check(tmp_path):
    root = make_project(tmp_path, site=False)
    cache = RecordCache()
    assert _errors(root, cache) == []
    relative = f"content/events/{EXACT_ID}.yaml"
    text = (root / relative).read_text(encoding="utf-8")
    # A title is not what the search reads: the last answer stands, and still equals it.
    kept = cache.duplicates._events
    _save(root, relative, text.replace("title: ", "title: Edited ", 1))
    assert _errors(root, cache) == []
    assert cache.duplicates._events is not kept and cache.duplicates._events[2] is kept[2]
    # A second file of the same incident (another id): a new pair.
    copy = text.replace(f"id: {EXACT_ID}", "id: 2020-07-10-the-same-rocket", 1)
    _save(root, "content/events/2020-07-10-the-same-rocket.yaml", copy)
    errors = _errors(root, cache)
    assert any("probably the same event" in e for e in errors)
    # Declared distinct: the pair is gone.
    distinct = f"{copy}distinct_from:\n  - event: {EXACT_ID}\n    reason: Another rocket.\n"
    _save(root, "content/events/2020-07-10-the-same-rocket.yaml", distinct)
    assert _errors(root, cache) == []
    # An actor given another actor's name: the names are compared again.
    actors = sorted((root / "content/actors").glob("*.yaml"))
    first, second = (load_catalog(root).actors[p.stem] for p in actors[:2])
    path = f"content/actors/{second.id}.yaml"
    body = (root / path).read_text(encoding="utf-8")
    _save(root, path, body.replace(f"name: {second.name}", f"name: {first.name}", 1))
    errors = _errors(root, cache)
    assert any(f"{first.name!r} is also the name of" in e for e in errors)
    _save(root, path, body)
    assert _errors(root, cache) == []


def test_kept_reference_checks_equal_a_full_check(tmp_path):
    root = make_project(tmp_path, site=False)
    cache = RecordCache()
    assert _errors(root, cache) == []
    answer = cache.references._made[ABOUT_ID]
    relative = f"content/events/{EXACT_ID}.yaml"
    text = (root / relative).read_text(encoding="utf-8")
    # A title: the other events' answers are kept, not found again.
    _save(root, relative, text.replace("title: ", "title: Edited ", 1))
    assert _errors(root, cache) == []
    assert cache.references._made[ABOUT_ID] is answer
    assert cache.references._made[EXACT_ID] is not answer
    # An actor that unchanged events name is deleted: they are checked again.
    actor = root / "content/actors/iraqi-intelligence.yaml"
    kept = actor.read_text(encoding="utf-8")
    actor.unlink()
    errors = _errors(root, cache)
    assert any("unknown actor 'iraqi-intelligence'" in e for e in errors)
    _save(root, "content/actors/iraqi-intelligence.yaml", kept)
    assert _errors(root, cache) == []
    # The event's own edit: dated after its source was published.
    _save(root, relative, text.replace("date: 2020-07-10", "date: 2031-07-10", 1))
    errors = _errors(root, cache)
    assert any("a source cannot report a later event" in e for e in errors)
    _save(root, relative, text)
    assert _errors(root, cache) == []


def _indexes(catalog):
    """The catalog's indexes, with each event's title (the very objects they hold)."""

    def ev(event):
        return event.id, event.title

    return {
        "events": [ev(e) for e in catalog.events.values()],
        "appearances": {
            k: [(ev(a.event), a.role, a.by, a.note) for a in v]
            for k, v in catalog.appearances.items()
        },
        "events_at": {k: [ev(e) for e in v] for k, v in catalog.events_at.items()},
        "citing": {k: [ev(e) for e in v] for k, v in catalog.citing.items()},
        "links": {
            k: [(ln.label, ev(ln.event), ln.note) for ln in v] for k, v in catalog.links.items()
        },
        "children": (
            {k: [a.id for a in v] for k, v in catalog.child_actors.items()},
            {k: [p.id for p in v] for k, v in catalog.child_locations.items()},
        ),
    }


def test_kept_indexes_equal_a_full_index(tmp_path):
    root = make_project(tmp_path, site=False)
    cache = RecordCache()
    first = load_catalog(root, cache=cache)
    relative = f"content/events/{EXACT_ID}.yaml"
    text = (root / relative).read_text(encoding="utf-8")
    assert "related:" in text  # its title shows on the related events' pages too
    # A title: the same indexes with the edited event in its old one's place.
    _save(root, relative, text.replace("title: ", "title: Edited ", 1))
    second = load_catalog(root, cache=cache)
    assert _indexes(second) == _indexes(load_catalog(root))
    assert "Edited" in second.events[EXACT_ID].title
    untouched = next(k for k, v in first.events_at.items() if EXACT_ID not in [e.id for e in v])
    assert second.events_at[untouched] is first.events_at[untouched]  # kept, not made again
    # A date: the order may change, so they are made again.
    _save(root, relative, text.replace("date: 2020-07-10", "date: 2020-06-01", 1))
    third = load_catalog(root, cache=cache)
    assert _indexes(third) == _indexes(load_catalog(root))
    assert third.events_at[untouched] is not first.events_at[untouched]
