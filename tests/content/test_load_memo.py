"""What ``chronology serve`` keeps between loads of the content (content/cache.py: the
duplicates found, each event's cross-file problems) gives what a full check finds, after
edits that change what those checks read and edits that do not."""

from __future__ import annotations

from conftest import ABOUT_ID, EXACT_ID, errors_with_cache, make_project, save_newer

from generator.content.cache import RecordCache
from generator.content.catalog import load_catalog


def test_kept_duplicates_equal_a_full_check(tmp_path):
    root = make_project(tmp_path, site=False)
    cache = RecordCache()
    assert errors_with_cache(root, cache) == []
    relative = f"content/events/{EXACT_ID}.yaml"
    text = (root / relative).read_text(encoding="utf-8")
    # A title is not what the search reads: the last answer stands, and still equals it.
    kept = cache.duplicates._events
    save_newer(root, relative, text.replace("title: ", "title: Edited ", 1))
    assert errors_with_cache(root, cache) == []
    assert cache.duplicates._events is not kept and cache.duplicates._events[2] is kept[2]
    # A second file of the same incident (another id): a new pair.
    copy = text.replace(f"id: {EXACT_ID}", "id: 2020-07-10-the-same-rocket", 1)
    save_newer(root, "content/events/2020-07-10-the-same-rocket.yaml", copy)
    errors = errors_with_cache(root, cache)
    assert any("probably the same event" in e for e in errors)
    # Declared distinct: the pair is gone.
    distinct = f"{copy}distinct_from:\n  - event: {EXACT_ID}\n    reason: Another rocket.\n"
    save_newer(root, "content/events/2020-07-10-the-same-rocket.yaml", distinct)
    assert errors_with_cache(root, cache) == []
    # An actor given another actor's name: the names are compared again.
    actors = sorted((root / "content/actors").glob("*.yaml"))
    first, second = (load_catalog(root).actors[p.stem] for p in actors[:2])
    path = f"content/actors/{second.id}.yaml"
    body = (root / path).read_text(encoding="utf-8")
    save_newer(root, path, body.replace(f"name: {second.name}", f"name: {first.name}", 1))
    errors = errors_with_cache(root, cache)
    assert any(f"{first.name!r} is also the name of" in e for e in errors)
    save_newer(root, path, body)
    assert errors_with_cache(root, cache) == []


def test_kept_reference_checks_equal_a_full_check(tmp_path):
    root = make_project(tmp_path, site=False)
    cache = RecordCache()
    assert errors_with_cache(root, cache) == []
    answer = cache.references._made[ABOUT_ID]
    relative = f"content/events/{EXACT_ID}.yaml"
    text = (root / relative).read_text(encoding="utf-8")
    # A title: the other events' answers are kept, not found again.
    save_newer(root, relative, text.replace("title: ", "title: Edited ", 1))
    assert errors_with_cache(root, cache) == []
    assert cache.references._made[ABOUT_ID] is answer
    assert cache.references._made[EXACT_ID] is not answer
    # An actor that unchanged events name is deleted: they are checked again.
    actor = root / "content/actors/iraqi-intelligence.yaml"
    kept = actor.read_text(encoding="utf-8")
    actor.unlink()
    errors = errors_with_cache(root, cache)
    assert any("unknown actor 'iraqi-intelligence'" in e for e in errors)
    save_newer(root, "content/actors/iraqi-intelligence.yaml", kept)
    assert errors_with_cache(root, cache) == []
    # The event's own edit: dated after its source was published.
    save_newer(root, relative, text.replace("date: 2020-07-10", "date: 2031-07-10", 1))
    errors = errors_with_cache(root, cache)
    assert any("a source cannot report a later event" in e for e in errors)
    save_newer(root, relative, text)
    assert errors_with_cache(root, cache) == []


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
    save_newer(root, relative, text.replace("title: ", "title: Edited ", 1))
    second = load_catalog(root, cache=cache)
    assert _indexes(second) == _indexes(load_catalog(root))
    assert "Edited" in second.events[EXACT_ID].title
    untouched = next(k for k, v in first.events_at.items() if EXACT_ID not in [e.id for e in v])
    assert second.events_at[untouched] is first.events_at[untouched]  # kept, not made again
    # A date: the order may change, so they are made again.
    save_newer(root, relative, text.replace("date: 2020-07-10", "date: 2020-06-01", 1))
    third = load_catalog(root, cache=cache)
    assert _indexes(third) == _indexes(load_catalog(root))
    assert third.events_at[untouched] is not first.events_at[untouched]
