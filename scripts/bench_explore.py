"""The explorer's figures for `make bench` (scripts/bench.py): how much the page loads and how
soon it shows results.

- size: data/explore-index.js of a built site, raw and gzipped (level 6, what web servers
  commonly use); the Explorer page loads it whole;
- first results: Chromium (Debian's, through Playwright; no other browser is downloaded)
  opens ``explore/#actor=<the actor in most events>&role=claimed,suspected&members=1&from=2020``
  on the site served over http from 127.0.0.1, in a fresh context each time (nothing cached),
  and reads the ``explore-results-painted`` mark that assets/explore.js sets in the frame
  after its first results are in the page: milliseconds from the start of navigation. The
  median of RUNS.

Usage alone: scripts/bench_explore.py SITE_FOLDER
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import sys
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

INDEX = "data/explore-index.js"
PREFIX = "window.CHRONOLOGY_EXPLORE = "
#: The targets at 10,000 events (issue 15): they are our own.
SIZE_TARGET_MB = 1.5
TIME_TARGET_MS = 1000
RUNS = 5
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
MARK = "explore-results-painted"


def index_size(site: Path) -> tuple[int, int]:
    """(bytes, bytes gzipped) of the explorer's index."""
    data = (site / INDEX).read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6))


def busiest_actor(site: Path) -> str:
    """The id of the actor that appears in the most events of the index."""
    text = (site / INDEX).read_text(encoding="utf-8")
    index = json.loads(text[len(PREFIX) : text.rindex(";")])
    counts = Counter(a for flat in index["events"]["actors"] for a in set(flat[0::2]))
    return index["actors"]["id"][counts.most_common(1)[0][0]]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A context closed as soon as its mark is read drops requests still in flight (the
        # search index): a broken pipe here is expected, and not the page's.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def first_results_ms(site: Path, address: str, runs: int = RUNS) -> list[float]:
    """Milliseconds from navigation to the first results painted, for each of ``runs`` loads."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/explore/{address}"
    times = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            try:
                for _ in range(runs):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    page.goto(url)
                    page.wait_for_function(
                        f"performance.getEntriesByName('{MARK}').length > 0", timeout=60_000
                    )
                    times.append(
                        page.evaluate(f"performance.getEntriesByName('{MARK}')[0].startTime")
                    )
                    context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return times


def explore_figures(site: Path) -> dict[str, object] | None:
    """The explorer's size and speed on the built ``site``; None when the site has no
    explorer. Without Chromium or Playwright the time is None and ``why`` says so."""
    if not (site / INDEX).is_file():
        return None
    raw, packed = index_size(site)
    address = f"#actor={busiest_actor(site)}&role=claimed,suspected&members=1&from=2020"
    figures: dict[str, object] = {"raw": raw, "gzip": packed, "address": address, "ms": None}
    if not Path(CHROMIUM).is_file():
        figures["why"] = f"no Chromium at {CHROMIUM}"
        return figures
    try:
        times = first_results_ms(site, address)
    except ImportError:
        figures["why"] = "playwright is not installed"
        return figures
    figures["ms"] = statistics.median(times)
    figures["runs"] = times
    return figures


def explore_line(figures: dict[str, object]) -> str:
    """One line: the index's size and the time to first results."""
    mb = figures["gzip"] / 1e6  # type: ignore[operator]
    line = f"index {figures['raw']:,} bytes, {figures['gzip']:,} gzipped ({mb:.2f} MB); "
    if figures["ms"] is None:
        return line + f"first results not measured ({figures['why']})"
    runs = ", ".join(f"{t:.0f}" for t in figures["runs"])  # type: ignore[union-attr]
    return (
        line + f"first results {figures['ms']:.0f} ms (median; runs {runs}), {figures['address']}"
    )


def explore_rows(runs: list[dict], row: Callable[..., None]) -> bool:
    """The bench table's rows for the explorer; True when both targets hold."""
    sizes = [r["explore"]["gzip"] / 1e6 for r in runs]
    size_ok = all(mb <= SIZE_TARGET_MB for mb in sizes)
    row("explorer index, gzipped: MB", [f"{mb:.2f}" for mb in sizes], "",
        f"≤ {SIZE_TARGET_MB:g} MB {'PASS' if size_ok else 'FAIL'}")  # fmt: skip
    times = [r["explore"]["ms"] for r in runs]
    if any(t is None for t in times):
        row("explorer, first results in Chromium: ms", ["not measured" for _ in runs])
        return size_ok
    time_ok = all(t <= TIME_TARGET_MS for t in times)
    row("explorer, first results in Chromium: ms", [f"{t:.0f}" for t in times], "",
        f"≤ {TIME_TARGET_MS:,} ms {'PASS' if time_ok else 'FAIL'}")  # fmt: skip
    return size_ok and time_ok


def main() -> int:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__.rsplit("Usage alone: ", 1)[1])
    figures = explore_figures(Path(sys.argv[1]))
    if figures is None:
        raise SystemExit(f"{sys.argv[1]}: no {INDEX}")
    print(f"explorer: {explore_line(figures)}")
    size_ok = figures["gzip"] <= SIZE_TARGET_MB * 1e6  # type: ignore[operator]
    time_ok = figures["ms"] is not None and figures["ms"] <= TIME_TARGET_MS  # type: ignore[operator]
    print(f"targets: ≤ {SIZE_TARGET_MB:g} MB gzipped {'PASS' if size_ok else 'FAIL'}, "
          f"≤ {TIME_TARGET_MS:,} ms to first results {'PASS' if time_ok else 'FAIL'}")  # fmt: skip
    return 0 if size_ok and time_ok else 1


if __name__ == "__main__":
    sys.exit(main())
