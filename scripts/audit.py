"""Lighthouse (mobile) on one page of every kind of the hosted site: `make audit`.

Builds the hosted site (`chronology build` into a temporary folder, or takes a built one with
``--site``), serves it on 127.0.0.1 the way a static host would (scripts/audit_server.py:
gzip, Content-Type with charset, Cache-Control for assets), and runs the
pinned Lighthouse (scripts/audit/package.json, 12.2.3: the last release for Node 20) once per
page kind, one after another, in its default mobile mode (simulated throttling) with Debian's
Chromium. Prints a table of the four category scores, then, for every category under 100 on a
page, the audits that cost it most, so the next person knows what to fix.

Exit status: 0 when every score is at least 95, 1 when any is below, 2 when the site could not
be built or Lighthouse could not run.

Scores move between runs, most of all Total Blocking Time on a busy machine: Lighthouse
multiplies the CPU time it observes by 4, so every other process on these 2 cores counts
four times. The table shows Lighthouse's CPU benchmark index for each page (this machine idle:
about 2,000); ``--runs 3`` keeps the median run of three per page.

Usage: scripts/audit.py [--site DIR] [--keep DIR] [--only KIND,KIND] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from audit_server import serve  # scripts/audit_server.py, beside this file

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "scripts" / "audit" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
TARGET = 95
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
HEADINGS = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
#: Lighthouse on 2 shared cores takes 20-40 s a page; a run that takes this long is stuck.
RUN_TIMEOUT_S = 240
#: Failing audits printed per category under 100.
TOP_AUDITS = 6
#: Lighthouse's CPU benchmark index under which a run is flagged as measured on a busy machine.
BUSY_BENCHMARK = 1000

# --- which pages -----------------------------------------------------------------------------


def _first_page(folder: Path, digits: bool = False) -> str | None:
    """The first sub-folder (by name) of `folder` that is a page; only numbered ones if asked."""
    if not folder.is_dir():
        return None
    for child in sorted(folder.iterdir()):
        if (child / "index.html").is_file() and (not digits or child.name.isdigit()):
            return child.name
    return None


#: The page kinds, in reading order, and the folder of the kinds that have one page each.
KINDS = (
    ("home", ""),
    ("chronology", "chronology/"),
    ("year", None),
    ("month", None),
    ("event", None),
    ("actor", None),
    ("place", None),
    ("source", None),
    ("actors index", "actors/"),
    ("places index", "locations/"),
    ("sources index", "sources/"),
    ("map", "map/"),
    ("statistics", "statistics/"),
    ("data", "data/"),
    ("contributing", "content-format/"),
)
#: Where the first page of a kind with many is found.
MANY = {"event": "events", "actor": "actors", "place": "locations", "source": "sources"}


def pick_pages(site: Path) -> list[tuple[str, str]]:
    """(kind, address) for one page of every kind, in reading order; a kind the site lacks is
    left out. The year is the first that has numbered months, the month its first of those."""
    found: dict[str, str] = {}
    years = [y for y in sorted((site / "chronology").glob("[0-9]*")) if _first_page(y, True)]
    if years:
        found["year"] = f"chronology/{years[0].name}/"
        found["month"] = f"{found['year']}{_first_page(years[0], True)}/"
    for kind, folder in MANY.items():
        if name := _first_page(site / folder):
            found[kind] = f"{folder}/{name}/"
    for kind, address in KINDS:
        if address is not None and (site / address / "index.html").is_file():
            found[kind] = address
    return [(kind, found[kind]) for kind, _ in KINDS if kind in found]


# --- running Lighthouse and reading its report ---------------------------------------------


class AuditError(Exception):
    """Lighthouse could not produce a report for a page (not: the page scored low)."""


def run_lighthouse(url: str, report: Path, chrome: str) -> dict:
    """Lighthouse's report (LHR) for one page, mobile, simulated throttling (its defaults)."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--quiet",
    ]
    try:
        result = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": chrome},
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise AuditError(f"Lighthouse took over {RUN_TIMEOUT_S} s on {url}") from None
    if result.returncode != 0 or not report.is_file():
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-8:])
        raise AuditError(f"Lighthouse failed on {url} (exit {result.returncode}):\n{tail}")
    lhr = json.loads(report.read_text(encoding="utf-8"))
    if error := lhr.get("runtimeError"):
        raise AuditError(
            f"Lighthouse could not load {url}: {error.get('code')} {error.get('message')}"
        )
    return lhr


def scores(lhr: dict) -> dict[str, int | None]:
    """Category scores out of 100 (None when Lighthouse could not score one)."""
    out: dict[str, int | None] = {}
    for category in CATEGORIES:
        score = lhr["categories"].get(category, {}).get("score")
        out[category] = None if score is None else round(score * 100)
    return out


def benchmark(lhr: dict) -> int:
    """Lighthouse's CPU benchmark index of the run: lower means a slower or busier machine."""
    return round(lhr.get("environment", {}).get("benchmarkIndex") or 0)


def median_run(reports: list[dict]) -> dict:
    """The run with the median performance score (the lower middle one of an even count)."""
    ranked = sorted(reports, key=lambda lhr: lhr["categories"]["performance"]["score"] or 0)
    return ranked[(len(ranked) - 1) // 2]


def _savings(audit: dict) -> float:
    """How much fixing an unweighted (opportunity or diagnostic) audit would gain, roughly."""
    metric = audit.get("metricSavings") or {}
    details = audit.get("details") or {}
    return sum(v for v in metric.values() if v) + (details.get("overallSavingsMs") or 0)


def failing_audits(lhr: dict, category: str, top: int = TOP_AUDITS) -> list[dict]:
    """The audits that cost `category` its points: weighted ones by weight × shortfall, then
    (for performance) the opportunities and diagnostics Lighthouse flags, by their savings."""
    weighted, unweighted = [], []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"].get(ref["id"], {})
        score = audit.get("score")
        ignored = audit.get("scoreDisplayMode") in ("informative", "manual")
        if score is None or score >= 1 or ignored or ref.get("group") == "hidden":
            continue  # hidden: metrics Lighthouse no longer scores (interactive, max-potential-fid)
        entry = {
            "id": ref["id"],
            "title": audit.get("title", ""),
            "value": audit.get("displayValue", ""),
            "cost": ref.get("weight", 0) * (1 - score),
            "savings": _savings(audit),
        }
        (weighted if ref.get("weight", 0) > 0 else unweighted).append(entry)
    weighted.sort(key=lambda a: -a["cost"])
    unweighted.sort(key=lambda a: -a["savings"])
    return (weighted + unweighted)[:top]


# --- printing ------------------------------------------------------------------------------


def _cell(score: int | None) -> str:
    """A score right-aligned, then * when under the target (a space otherwise, so the numbers
    line up)."""
    text = "–" if score is None else str(score)
    return f"{text:>5}{'*' if score is None or score < TARGET else ' '}"


#: A table row: page kind, address, the four scores, the CPU benchmark index of the run.
Row = tuple[str, str, dict[str, int | None], int]


def format_table(rows: list[Row]) -> str:
    """One line per page: kind, address, the four scores and the CPU benchmark index; * marks
    a score under the target, ! a run on a busy machine."""
    width = max([len("page kind")] + [len(row[0]) for row in rows])
    address_width = max([len("address")] + [len(row[1] or "/") for row in rows])
    heading = f"{'page kind':<{width}}  {'address':<{address_width}}"
    heading += "".join(f"{HEADINGS[c]:>5} " for c in CATEGORIES) + "   cpu"
    lines = [heading, "-" * len(heading)]
    for kind, address, page_scores, cpu in rows:
        line = f"{kind:<{width}}  {address or '/':<{address_width}}"
        line += "".join(_cell(page_scores[c]) for c in CATEGORIES)
        lines.append(f"{line}{cpu:>6}{'!' if cpu < BUSY_BENCHMARK else ''}")
    lines.append(f"* below {TARGET}")
    if any(row[3] < BUSY_BENCHMARK for row in rows):
        lines.append(
            f"! CPU benchmark index under {BUSY_BENCHMARK}: the machine was busy, so Total "
            "Blocking Time and performance read low"
        )
    return "\n".join(lines)


def shortfalls(rows: list[Row]) -> list[str]:
    """'kind: category score' for every score under the target (or missing)."""
    return [
        f"{kind}: {category} {'–' if score is None else score}"
        for kind, _, page_scores, _ in rows
        for category, score in page_scores.items()
        if score is None or score < TARGET
    ]


def format_failures(kind: str, lhr: dict) -> list[str]:
    """Per category under 100 on a page: the audits that cost most (id, title, value)."""
    lines = []
    for category, score in scores(lhr).items():
        if score is not None and score >= 100:
            continue
        lines.append(f"{kind} — {category} {'–' if score is None else score}:")
        for audit in failing_audits(lhr, category):
            value = f" ({audit['value']})" if audit["value"] else ""
            lines.append(f"    {audit['id']}: {audit['title']}{value}")
    return lines


# --- the command ---------------------------------------------------------------------------


def build_site(into: Path) -> Path:
    """`chronology build` of the hosted site into a temporary folder."""
    site = into / "site"
    chronology = Path(sys.executable).with_name("chronology")
    result = subprocess.run(
        [str(chronology), "build", "--site-dir", str(site)],
        cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise AuditError(f"chronology build failed:\n{result.stdout}{result.stderr}".rstrip())
    return site


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="audit this built site instead of building one")
    parser.add_argument("--keep", type=Path, help="keep the Lighthouse JSON reports in this folder")
    parser.add_argument("--only", help="comma-separated page kinds, e.g. 'home,event'")
    parser.add_argument(
        "--runs", type=int, default=1, help="runs per page; the median one counts (default 1)"
    )
    return parser.parse_args(argv)


def audit(site: Path, reports: Path, args: argparse.Namespace, chrome: str) -> list[tuple]:
    """Serve `site` and run Lighthouse on each page kind in turn, `args.runs` times; (kind,
    address, median report) each."""
    only = set(args.only.split(",")) if args.only else None
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = []
    try:
        for kind, address in pick_pages(site):
            if only and kind not in only:
                continue
            print(f"lighthouse: {kind} ({base}{address})", file=sys.stderr, flush=True)
            runs = [
                run_lighthouse(
                    base + address, reports / f"{kind.replace(' ', '-')}-{n}.json", chrome
                )
                for n in range(1, args.runs + 1)
            ]
            results.append((kind, address, median_run(runs)))
    finally:
        server.shutdown()
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not LIGHTHOUSE.is_file():
        print(f"audit: {LIGHTHOUSE} is missing: run `make audit` (npm ci in scripts/audit)")
        return 2
    if not Path(chrome).is_file():
        print(f"audit: no Chromium at {chrome} (set CHROME_PATH)")
        return 2
    if args.site and not (args.site / "index.html").is_file():
        print(f"audit: {args.site} is not a built site (no index.html): run `chronology build`")
        return 2
    with tempfile.TemporaryDirectory(prefix="chronology-audit-") as tmp:
        reports = args.keep or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        try:
            site = args.site or build_site(Path(tmp))
            results = audit(site, reports, args, chrome)
        except AuditError as error:
            print(f"audit: {error}")
            return 2
    if not results:
        print(f"audit: no page of the kinds asked for ({args.only}) in the site")
        return 2
    rows = [(kind, address, scores(lhr), benchmark(lhr)) for kind, address, lhr in results]
    print(format_table(rows))
    failures = [line for kind, _, lhr in results for line in format_failures(kind, lhr)]
    if failures:
        print("\nWhat costs points (Lighthouse audit id: title):")
        print("\n".join(failures))
    short = shortfalls(rows)
    if short:
        print(f"\n{len(short)} score(s) below {TARGET}: " + "; ".join(short))
        return 1
    print(f"\nEvery score is {TARGET} or more.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
