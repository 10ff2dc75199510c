"""scripts/bench.py's verdicts: our own targets decide, the reference rows never do, and
every target is printed beside its figure."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


@pytest.fixture(scope="module")
def bench():
    """scripts/bench.py as a module (it imports bench_explore and bench_search beside it)."""
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec = importlib.util.spec_from_file_location("bench_script", SCRIPTS / "bench.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SCRIPTS))
    return module


def step(cpu: float, wall: float | None = None, rss: float = 100.0) -> dict[str, float]:
    return {"cpu": cpu, "wall": cpu if wall is None else wall, "rss": rss}


def run(events: int, scale: float, **changes: object) -> dict[str, object]:
    """The figures of one corpus size with every target met, ``changes`` applied."""
    figures: dict[str, object] = {
        "events": events,
        "counts": {"events": events, "actors": 1, "locations": 1, "sources": 1},
        "parse": step(1.0 * scale),
        "validate": step(1.5 * scale, rss=50),
        "generate": step(2.0 * scale, rss=60),
        "build2": step(12.0 * scale, wall=5.0 * scale, rss=110),
        "build1": step(10.0 * scale, wall=9.0 * scale, rss=115),
        "mkdocs": step(10.0 * scale, wall=10.0 * scale, rss=100),
        "offsite": step(0.1 * scale),
        "active": step(0.1 * scale),
        "site": (30e6 * scale, 100),
        "page": ("statistics/index.html", 100_000),
        "bundle": {**step(8.0 * scale), "size": 4e6 * scale, "name": "x.zip"},
        "search": {"ms": 300.0, "bytes": 200_000, "offline_ms": 400.0},
        "explore": {"raw": 1000, "gzip": 1000, "ms": 500.0},
    }
    figures.update(changes)
    figures["build"] = figures["build2"]
    return figures


def test_a_reference_row_that_grows_fast_does_not_fail_the_bench(bench, capsys) -> None:
    small = run(1000, 1)
    large = run(10000, 10, parse=step(11.7), mkdocs=step(130.0, wall=100.0, rss=100))
    assert bench.report([small, large], {10000: [1.0, 1.1, 1.2, 1.3, 1.4]})
    printed = capsys.readouterr().out
    assert "11.7×  reference, no target" in printed
    assert "All targets: PASS" in printed


@pytest.mark.parametrize(
    ("changes", "row"),
    [
        ({"build2": step(120.0, wall=61.0, rss=110)}, "build --jobs 2 / plain mkdocs (wall)"),
        ({"build2": step(120.0, wall=50.0, rss=121)}, "peak memory, build / plain mkdocs"),
        ({"bundle": {**step(80.0), "size": 46e6, "name": "x.zip"}}, "offline zip: MB"),
        ({"validate": step(21.0)}, "validate / parse (CPU)"),
        ({"generate": step(23.0)}, "generate (pages + exports)"),
    ],
)
def test_each_target_of_ours_fails_the_bench_and_says_so_on_its_row(
    bench, capsys, changes: dict, row: str
) -> None:
    small = run(1000, 1)
    large = run(10000, 10, **changes)
    assert not bench.report([small, large], {})
    printed = capsys.readouterr().out
    failing = [line for line in printed.splitlines() if line.endswith("FAIL")]
    assert [line for line in failing if line.startswith(row)], printed
    assert "All targets: FAIL" in printed


def test_serve_over_two_seconds_at_ten_thousand_events_fails(bench, capsys) -> None:
    assert not bench.report([run(1000, 1), run(10000, 10)], {10000: [2.5, 2.4, 2.6, 1.0, 3.0]})
    printed = capsys.readouterr().out
    assert "≤ 2 s at 10,000 events FAIL" in printed
