"""The search's figures for `make bench` (scripts/bench.py): how soon a query shows its first
result and how much a search session loads, on the hosted site and from the offline bundle.

Chromium (Debian's, through Playwright; no other browser is downloaded) opens the home page
in a fresh context (nothing cached) and enters three queries, one after the other, each as
one input event (as a paste or a phone keyboard's suggestion does): a record's name, a
common word of titles, the beginning of a place's name (see ``queries``). For each, the time
from that input event to the frame after its results are in the page (search.js marks which
query they answer). Nothing is loaded before the first query: its time includes the index's
list of shards.

- hosted: the site served over http from 127.0.0.1; the slowest of the three queries
  (median of RUNS sessions), and the bytes the session transferred for the index (Resource
  Timing's transferSize of every file under search/, headers included);
- offline: the unzipped bundle opened from file://; the slowest of the three queries.

Usage alone: scripts/bench_search.py SITE_FOLDER [OFFLINE_FOLDER]
"""

from __future__ import annotations

import functools
import http.server
import itertools
import json
import os
import shutil
import statistics
import sys
import threading
from collections.abc import Callable
from pathlib import Path

#: The targets at 10,000 events (issue 17): they are our own.
TIME_TARGET_MS = 1000
BYTES_TARGET = 1_000_000
OFFLINE_TIME_TARGET_MS = 3000
RUNS = 3
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

#: Enter a query by one input event; resolves to the milliseconds until the frame after its
#: results are shown.
QUERY = """async (query) => {
  const root = document.querySelector('.chr-search');
  const box = root.querySelector('.chr-search__input');
  const start = performance.now();
  const shown = new Promise(resolve => {
    const check = () => root.dataset.answered === query && (observer.disconnect(), resolve());
    const observer = new MutationObserver(check);
    observer.observe(root, {attributes: true, attributeFilter: ['data-answered']});
  });
  box.value = query;
  box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
  await shown;
  await new Promise(requestAnimationFrame);
  return performance.now() - start;
}"""

#: Bytes transferred for the search's files so far.
SEARCH_BYTES = """() => performance.getEntriesByType('resource')
  .filter(entry => entry.name.includes('/search/'))
  .reduce((sum, entry) => sum + entry.transferSize, 0)"""


def queries(site: Path) -> list[str]:
    """Three queries a reader might make: the first actor's name, the word 'rocket', and the
    first four letters of the first place's name (typed, not finished)."""
    rows = (row for n in itertools.count() for row in _chunk(site, n))
    actor = next(row[0] for row in rows if row[2].startswith("Actor"))
    place = next(row[0] for row in rows if row[2].startswith("Place"))
    return [actor, "rocket", place[:4]]


def _chunk(site: Path, number: int) -> list[list[str]]:
    path = site / "search" / "pages" / f"{number}.js"
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index(",", text.index(",") + 1) + 1 : text.rindex(");")])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A context closed at once drops requests still in flight: not the site's fault.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _session(browser: object, address: str, asked: list[str]) -> tuple[list[float], int]:
    """One fresh context: the time of each query, and the search's bytes transferred."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(address)
        page.wait_for_load_state("load")
        times = [page.evaluate(QUERY, query) for query in asked]
        return times, page.evaluate(SEARCH_BYTES)
    finally:
        context.close()


def measure(site: Path, offline: Path | None, runs: int = RUNS) -> dict[str, object]:
    """Times and bytes for ``runs`` sessions on the hosted site, and on the offline one."""
    from playwright.sync_api import sync_playwright

    asked = queries(site)
    handler = functools.partial(_Quiet, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    hosted = f"http://127.0.0.1:{server.server_address[1]}/"
    found: dict[str, object] = {"queries": asked}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            try:
                sessions = [_session(browser, hosted, asked) for _ in range(runs)]
                found["runs"] = [max(times) for times, _ in sessions]
                found["times"] = sessions[0][0]
                found["ms"] = statistics.median(found["runs"])
                found["bytes"] = max(size for _, size in sessions)
                if offline is not None:
                    address = (offline / "index.html").as_uri()
                    offline_runs = [max(_session(browser, address, asked)[0]) for _ in range(runs)]
                    found["offline_runs"] = offline_runs
                    found["offline_ms"] = statistics.median(offline_runs)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return found


def search_figures(site_dir: Path, offline_folder: Path | None) -> dict[str, object] | None:
    """The search's figures on the built ``site_dir`` (and the unzipped offline bundle's top
    folder, when given); None when the site has no search index. Without Chromium or
    Playwright the figures are None and ``why`` says so."""
    if not (site_dir / "search" / "index.js").is_file():
        return None
    figures: dict[str, object] = {"ms": None, "bytes": None, "offline_ms": None}
    if not Path(CHROMIUM).is_file():
        figures["why"] = f"no Chromium at {CHROMIUM}"
        return figures
    try:
        figures.update(measure(site_dir, offline_folder))
    except ImportError:
        figures["why"] = "playwright is not installed"
    return figures


def search_line(figures: dict[str, object]) -> str:
    """One line: the hosted and offline times and the bytes."""
    if figures["ms"] is None:
        return f"not measured ({figures['why']})"
    runs = ", ".join(f"{t:.0f}" for t in figures["runs"])  # type: ignore[union-attr]
    each = ", ".join(
        f"{q!r} {t:.0f}"
        for q, t in zip(figures["queries"], figures["times"], strict=True)  # type: ignore[arg-type]
    )
    line = (
        f"hosted: slowest query {figures['ms']:.0f} ms (median; runs {runs}; first run: {each}), "
        f"{figures['bytes']:,} bytes for the three"
    )
    if figures.get("offline_ms") is not None:
        runs = ", ".join(f"{t:.0f}" for t in figures["offline_runs"])  # type: ignore[union-attr]
        line += f"; file://: slowest query {figures['offline_ms']:.0f} ms (runs {runs})"
    return line


def _verdicts(figures: dict[str, object]) -> list[tuple[str, str, str, bool]]:
    """(label, figure, target, met) for each target the figures can be held to."""
    found = [
        ("search, first result hosted: ms", f"{figures['ms']:.0f}",
         f"≤ {TIME_TARGET_MS:,} ms", figures["ms"] <= TIME_TARGET_MS),  # type: ignore[operator]
        ("search, 3 queries hosted: bytes", f"{figures['bytes']:,}",
         f"≤ {BYTES_TARGET:,} bytes", figures["bytes"] <= BYTES_TARGET),  # type: ignore[operator]
    ]  # fmt: skip
    if figures.get("offline_ms") is not None:
        ms = figures["offline_ms"]
        found.append(("search, first result file://: ms", f"{ms:.0f}",
                      f"≤ {OFFLINE_TIME_TARGET_MS:,} ms", ms <= OFFLINE_TIME_TARGET_MS))  # type: ignore[operator]  # fmt: skip
    return found


def search_rows(runs: list[dict], row: Callable[..., None]) -> bool:
    """The bench table's rows for the search (``runs[i]["search"]``, search_figures'
    output); True when every target holds in every run."""
    if any(r["search"]["ms"] is None for r in runs):
        row("search, first result hosted: ms", ["not measured" for _ in runs])
        return False
    ok = True
    columns = [_verdicts(r["search"]) for r in runs]
    for i, (label, _, target, _) in enumerate(columns[0]):
        met = all(column[i][3] for column in columns if len(column) > i)
        ok &= met
        figures = [column[i][1] if len(column) > i else "–" for column in columns]
        row(label, figures, "", f"{target} {'PASS' if met else 'FAIL'}")
    if len(columns[0]) < 3:
        row("search, first result file://: ms", ["not measured" for _ in runs])
        ok = False
    return ok


def main() -> int:
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__.rsplit("Usage alone: ", 1)[1])
    offline = Path(sys.argv[2]) if len(sys.argv) == 3 else None
    figures = search_figures(Path(sys.argv[1]), offline)
    if figures is None:
        raise SystemExit(f"{sys.argv[1]}: no search/index.js")
    print(f"search: {search_line(figures)}")
    if figures["ms"] is None:
        return 1
    verdicts = _verdicts(figures)
    print("targets: " + ", ".join(f"{t} {'PASS' if m else 'FAIL'}" for _, _, t, m in verdicts))
    return 0 if all(m for *_, m in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
