"""The synthetic corpus (`chronology synth`): valid, deterministic, and as varied as the real
content, so the benchmark (scripts/bench.py) measures what real content would cost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.content import edtf
from generator.content.catalog import Catalog, load_catalog
from generator.content.vocabulary import EVENT_TYPES, ROLES
from generator.site import places
from generator.tools.synth import synthesize


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synth") / "corpus"
    synthesize(root, 200, seed=0)
    return root


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """1,000 events: enough for every rare form to occur."""
    root = tmp_path_factory.mktemp("synth") / "large"
    synthesize(root, 1000, seed=0)
    return load_catalog(root)


def test_200_events_validate_without_problems(corpus: Path) -> None:
    catalog = load_catalog(corpus)
    assert (len(catalog.events), len(catalog.sources)) == (200, 20)
    assert catalog.warnings == []


def test_sizes_follow_the_number_of_events(large: Catalog) -> None:
    assert len(large.events) == 1000
    assert len(large.actors) == 1000 // 20
    assert len(large.locations) == 1000 // 5
    assert len(large.sources) == 1000 // 10


def test_same_seed_writes_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    synthesize(tmp_path / "again", 200, seed=0)
    assert tree(tmp_path / "again") == tree(corpus)


def test_another_seed_writes_another_corpus(corpus: Path, tmp_path: Path) -> None:
    synthesize(tmp_path / "other", 200, seed=1)
    assert tree(tmp_path / "other") != tree(corpus)


def test_every_quote_is_checked_against_a_seed(corpus: Path) -> None:
    """Nearly every source has its article in seeds/, so quote checking does real work."""
    catalog = load_catalog(corpus)
    with_seed = [s for s in catalog.sources.values() if s.seed]
    assert len(with_seed) >= 0.8 * len(catalog.sources)
    assert all((corpus / "seeds" / s.seed).is_file() for s in with_seed)  # type: ignore[operator]


def test_every_type_role_and_date_form_occurs(large: Catalog) -> None:
    events = list(large.events.values())
    assert {e.type for e in events} == set(EVENT_TYPES)
    assert {p.role for e in events for p in e.actors} == set(ROLES)
    forms = {re.sub(r"[0-9]", "9", e.date) for e in events}
    for form in ("9999-99-99", "9999-99", "9999-99-99~", "9999-99?", "9999-99-9X", "9999-99/.."):
        assert form in forms
    assert any("/" in f and ".." not in f for f in forms)
    exact = sum(edtf.parse(e.date).is_exact_day for e in events)
    assert 0.6 < exact / len(events) < 0.8


def test_records_have_the_shapes_of_the_real_content(large: Catalog) -> None:
    events = list(large.events.values())
    figures = [
        getattr(counts, group)
        for e in events
        if e.casualties
        for counts in (e.casualties.killed, e.casualties.wounded)
        if counts
        for group in ("civilians", "iraqi_forces", "us_coalition", "contractors", "militia")
    ]
    assert any(hasattr(f, "low") for f in figures)  # ranges
    assert any(c.casualties for e in events for c in e.sources)  # per-source figures
    assert any(e.related for e in events)
    assert any(p.by for e in events for p in e.actors)
    assert any(" ... " in c.quote for e in events for c in e.sources)
    assert any(e.notes for e in events) and any(e.tags for e in events)
    for table in (large.actors, large.locations):
        records = list(table.values())
        assert any(r.name_ar for r in records) and any(r.aliases for r in records)
        depth = max(len(_chain(table, r.id)) for r in records)
        assert depth >= 3
    located = [loc.coordinates for loc in large.locations.values() if loc.coordinates]
    inside = [c for c in located if 29 <= c.lat <= 38 and 35 <= c.lon <= 49]
    assert len(inside) >= 0.95 * len(located)
    assert len(located) < len(large.locations)  # some places have no coordinates


def _chain(table: dict, start: str) -> list[str]:
    chain = [start]
    while table[chain[-1]].parent:
        chain.append(table[chain[-1]].parent)
    return chain


def test_the_place_grid_finds_what_a_full_scan_finds(large: Catalog) -> None:
    grid = places.PlaceGrid(large)
    for location in large.locations.values():
        assert places.nearby(large, location, grid=grid) == places.nearby(large, location)


def test_the_corpus_builds_like_the_real_project(tmp_path: Path, monkeypatch) -> None:
    synthesize(tmp_path / "small", 40, seed=3)
    monkeypatch.chdir(tmp_path / "small")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "small" / "site" / "chronology" / "index.html").is_file()


def test_synth_command(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    result = CliRunner().invoke(main, ["synth", "--events", "30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == (f"Wrote 30 events, 25 actors, 48 locations and 5 sources to {out}\n")
    again = CliRunner().invoke(main, ["synth", "--events", "30", "--out", str(out)])
    assert again.exit_code == 1
    assert again.output == f"{out}: exists and is not empty; choose a new folder\n"
