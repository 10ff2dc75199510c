"""How fast the generator is, and how it grows: `make bench`.

Builds synthetic corpora (``chronology synth``) of 1,000 and 10,000 events in a temporary
folder and measures, in one run, each step in a fresh process (nothing cached in memory;
the files are read once beforehand so the disk cache is equally warm for every step):

- parse:    yaml.load(..., Loader=yaml.CSafeLoader) over every content file (a reference);
- validate: generator.content.catalog.load_catalog (strict load, models, references, quotes);
- generate: generator.build.assemble.assemble, the Markdown pages and data files;
- build:    `chronology build --jobs 2` (validate + generate + MkDocs in two processes,
            strict) and, for comparison, `--jobs 1`;
- mkdocs:   plain `mkdocs build` of the same pages already on disk (`chronology generate`),
            with the same mkdocs.yml minus the chronology plugin (a reference; the three
            builds run alternately, twice each at 1,000 events and once at 10,000, and
            the best run of each counts);
- bundle:   `chronology bundle`, the offline zip (a second, file:// build);
- explorer: the size of its index, gzipped, and the time to its first results in Chromium
            (scripts/bench_explore.py);
- search:   time to the first result and bytes fetched for three queries, hosted and from
            the unzipped offline bundle under file:// (scripts/bench_search.py);
- serve:    `chronology serve` at the largest size, from saving an event file until its page
            shows the change (five saves, the median).

Times are CPU seconds (user + system, workers included) of the step's process, with wall-clock
seconds in brackets. Growth targets (≤ 11× for 10× the events) apply to our own steps only,
judged on CPU time, which other load on the machine does not inflate; the reference rows
(parse, plain MkDocs) have none. The build's ratio to plain MkDocs is judged on wall-clock
time: using both cores is the point. Peak memory is the largest resident set (ru_maxrss) of
the step's process and the workers it waited for.

Usage: scripts/bench.py [--sizes 1000,10000] [--keep DIR] [--no-serve | --serve-only]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

from bench_explore import explore_figures, explore_line, explore_rows
from bench_search import search_figures, search_line, search_rows

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

#: Our targets (issues 13, 16 and 17). The reference rows (parse, plain MkDocs) have none.
VALIDATE_VS_PARSE = 2.0
#: Wall-clock time of `chronology build --jobs 2` over a plain `mkdocs build`, each size.
BUILD_VS_MKDOCS = 0.6
#: Peak memory of `chronology build` over a plain `mkdocs build`, at 10,000 events and more.
MEMORY_VS_MKDOCS = 1.2
#: The offline zip, in MB, at 10,000 events and more.
ZIP_MB = 45.0
#: The hosted site no larger than when issue 17 was filed, in MB: the sites 9829f06 built
#: from these corpora (1,520 and 14,110 files; README's older table, 399.7 MB, predates the
#: maps and the explorer of issues 15 and 16).
SITE_MB_BEFORE = {1000: 51.9, 10000: 483.3}
#: From saving an event file to its page showing the change, median of five, at 10,000 events.
SERVE_SECONDS = 2.0
#: The size from which the targets "at 10,000 events" apply.
LARGE = 10_000
GROWTH = 11.0
#: Runs of each `chronology build` and of the plain `mkdocs build`; the best of each counts.
BUILD_REPEATS = 2
#: From LARGE events, one run each: a build is long enough that a slow spell is a small part
#: of it, and `make bench` stays within 15 minutes.
BUILD_REPEATS_LARGE = 1
#: The jobs of the builds compared: the target is for two (this machine's cores).
JOBS = (2, 1)

# --- steps timed inside a child process ---------------------------------------------------


def _child(step: str, root: Path) -> None:
    """Run one step in this (fresh) process and print its timings as JSON."""
    import yaml

    from generator.content.catalog import load_catalog

    catalog = None
    if step == "generate":
        catalog = load_catalog(root)  # not timed: generate starts from a validated catalog
    files = sorted((root / "content").rglob("*.yaml"))
    wall, cpu = time.perf_counter(), time.process_time()
    if step == "parse":
        for path in files:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    elif step == "validate":
        load_catalog(root)
    elif step == "offsite":
        from generator.build.offsite import offsite_resources

        offsite_resources(root / "site")
    elif step == "active":
        from generator.build.active_content import active_content

        active_content(root / "site")
    elif step == "generate":
        from generator.build.assemble import SiteSettings, assemble

        assert catalog is not None
        assert assemble(catalog, SiteSettings(root, templates=root / "site_templates"))
    else:
        raise SystemExit(f"unknown step {step}")
    print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}))


def _run(command: list[str], cwd: Path) -> dict[str, float]:
    """Run a command; its wall time, CPU time (user + system) and peak memory (MB)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output.decode(errors='replace')}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
        "output": output.decode(errors="replace"),  # type: ignore[dict-item]
    }


def timed_step(step: str, root: Path, repeats: int) -> dict[str, float]:
    """Best of ``repeats`` fresh processes (timed inside the process, imports excluded)."""
    best: dict[str, float] | None = None
    for _ in range(repeats):
        result = _run([sys.executable, __file__, "--child", step, str(root)], REPO)
        times = json.loads(result["output"].strip().splitlines()[-1])  # type: ignore[union-attr]
        times["rss"] = result["rss"]
        if best is None or times["cpu"] < best["cpu"]:
            best = times
    assert best is not None
    return best


# --- the plain MkDocs build to compare with -----------------------------------------------


def plain_config(root: Path, docs: Path) -> Path:
    """mkdocs.yml without the chronology plugin, reading the generated pages from ``docs``.
    Generated pages stay out of the navigation as the plugin keeps them (``not_in_nav``).
    Edited as text: the file holds tags (!ENV, !!python/name) a YAML round trip would lose."""
    sys.path.insert(0, str(REPO))
    from generator.build.plugin import NAV_PAGES

    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^  - chronology:.*\n(?:^ {4,}.*\n)*", "", text, flags=re.M)
    text = re.sub(r"^docs_dir:.*$", f"docs_dir: {docs.name}", text, flags=re.M)
    folders = sorted({p.relative_to(docs).parts[0] for p in docs.glob("*/**/*.md")})
    patterns = []
    for folder in folders:
        patterns.append(f"/{folder}/**/*.md")
        patterns += [f"!/{page}" for page in sorted(NAV_PAGES) if page.startswith(folder + "/")]
    text += "\nnot_in_nav: |\n" + "".join(f"  {p}\n" for p in patterns)
    target = root / "mkdocs-plain.yml"
    target.write_text(text, encoding="utf-8")
    return target


# --- sizes of what a build leaves -----------------------------------------------------------


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def largest(folder: Path, pattern: str) -> tuple[str, int]:
    sizes = [(p.stat().st_size, p.relative_to(folder).as_posix()) for p in folder.rglob(pattern)]
    size, name = max(sizes)
    return name, size


def measure(events: int, work: Path) -> dict[str, object]:
    root = work / f"corpus-{events}"
    chronology = str(BIN / "chronology")
    print(f"\n== {events:,} events: {root}", flush=True)
    if not root.exists():
        synth = _run([chronology, "synth", "--events", str(events), "--out", str(root)], REPO)
        print(f"synth: {synth['wall']:.1f} s", flush=True)
    for path in root.rglob("*"):  # the same warm disk cache for every step
        if path.is_file():
            path.read_bytes()
    results: dict[str, object] = {"events": events}
    counts = {k: len(list((root / "content" / k).glob("*.yaml"))) for k in
              ("events", "actors", "locations", "sources")}  # fmt: skip
    results["counts"] = counts
    for step, repeats in (("parse", 3), ("validate", 3), ("generate", 2)):
        results[step] = timed_step(step, root, repeats)
        print(f"{step}: {results[step]['cpu']:.2f} s CPU", flush=True)  # type: ignore[index]
    docs = root / "plain-docs"
    shutil.rmtree(docs, ignore_errors=True)
    _run([chronology, "generate", "--out", str(docs)], root)
    for item in (root / "docs").iterdir():  # the hand-written pages and assets
        target = docs / item.name
        if item.is_dir():
            shutil.copytree(item, target, dirs_exist_ok=True)
        elif not target.exists():  # generate's data.md carries its JSON-LD: keep it
            shutil.copy(item, target)
    config = plain_config(root, docs)
    # The builds the ratio compares run alternately, BUILD_REPEATS times each (once from
    # LARGE events), and each keeps its best (least wall-clock) run, as timeit does: other
    # load only ever adds time, and alternating spreads any slow spell over all of them.
    plain = [str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "-d", str(root / "site-plain")]
    commands = {
        **{
            f"build{jobs}": [chronology, "build", "--jobs", str(jobs), "-d", str(root / "site")]
            for jobs in JOBS
        },
        "mkdocs": plain,
    }
    for _ in range(BUILD_REPEATS if events < LARGE else BUILD_REPEATS_LARGE):
        for step, command in commands.items():
            run = _run(command, root)
            print(f"{step}: {run['wall']:.1f} s ({run['cpu']:.1f} s CPU)", flush=True)
            if step not in results or run["wall"] < results[step]["wall"]:  # type: ignore[index]
                results[step] = run
    results["build"] = results[f"build{JOBS[0]}"]
    shutil.rmtree(root / "site-plain", ignore_errors=True)  # 400 MB at 10,000 events
    try:  # the check of the built site for off-site resources, part of `chronology build`
        from generator.build.offsite import offsite_resources  # noqa: F401
    except ImportError:
        results["offsite"] = None
    else:
        results["offsite"] = timed_step("offsite", root, 3)
    try:  # the check of the built site for active content, part of `chronology build`
        from generator.build.active_content import active_content  # noqa: F401
    except ImportError:
        results["active"] = None
    else:
        results["active"] = timed_step("active", root, 3)
    site = root / "site"
    results["site"] = tree_size(site)
    results["page"] = largest(site, "*.html")
    results["explore"] = explore_figures(site)
    if results["explore"]:
        print(f"explorer: {explore_line(results['explore'])}", flush=True)
    try:
        import generator.build.bundle  # noqa: F401
    except ImportError:
        results["bundle"] = None
    else:
        dist = root / "dist"
        bundle = _run([chronology, "bundle", "--dist-dir", str(dist)], root)
        zips = sorted(dist.glob("*.zip"))
        results["bundle"] = {**bundle, "size": zips[0].stat().st_size, "name": zips[0].name}
        print(f"bundle: {bundle['cpu']:.1f} s CPU", flush=True)
        offline = root / "offline"
        shutil.rmtree(offline, ignore_errors=True)
        with zipfile.ZipFile(zips[0]) as archive:
            archive.extractall(offline)
        folders = [p for p in offline.iterdir() if p.is_dir()]
        results["search"] = search_figures(site, folders[0] if len(folders) == 1 else offline)
        print(f"search: {search_line(results['search'])}", flush=True)
    return results


# --- the report ------------------------------------------------------------------------------


def machine() -> str:
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        pass
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(runs: list[dict], serve: dict[int, list[float]]) -> bool:
    """Print the table, each target beside its figure; True when every target holds."""
    small, large = runs[0], runs[-1]
    both = len(runs) > 1
    width = 46
    header = f"{'':{width}}" + "".join(f"{r['events']:>20,}" for r in runs)
    header += f"{'growth':>9}  target" if both else "  target"
    print("\n" + header)
    print(f"{'':{width}}" + "".join(f"{'events':>20}" for _ in runs))
    ok = True

    def row(label: str, values: list[str], growth: str = "", target: str = "") -> None:
        growth_column = f"{growth:>9}" if both else ""
        print(
            f"{label:{width}}" + "".join(f"{v:>20}" for v in values) + f"{growth_column}  {target}"
        )

    def judged(good: bool, target: str) -> str:
        nonlocal ok
        ok &= good
        return f"{target} {verdict(good)}"

    def seconds(step: str) -> list[str]:
        return [f"{r[step]['cpu']:.2f} ({r[step]['wall']:.2f})" for r in runs]

    def grow(step: str) -> tuple[str, str]:
        """Our own steps: CPU time grows at most linearly (GROWTH for 10× the events)."""
        if not both:
            return "", ""
        factor = large[step]["cpu"] / small[step]["cpu"]
        limit = GROWTH * (large["events"] / small["events"]) / 10
        return f"{factor:.1f}×", judged(factor <= limit, f"≤ {limit:g}×")

    def reference(step: str) -> tuple[str, str]:
        """A reference row: its growth is shown, never judged."""
        if not both:
            return "", "reference"
        return f"{large[step]['cpu'] / small[step]['cpu']:.1f}×", "reference, no target"

    def at_large(values: list[float], limit: float, unit: str, fmt: str) -> tuple[list[str], str]:
        """A target that holds from LARGE events: judged there, shown everywhere."""
        judged_sizes = [v for r, v in zip(runs, values, strict=True) if r["events"] >= LARGE]
        shown = [fmt.format(v) for v in values]
        if not judged_sizes:
            return shown, f"≤ {limit:g}{unit} at {LARGE:,} events: not measured"
        good = all(v <= limit for v in judged_sizes)
        return shown, judged(good, f"≤ {limit:g}{unit} at {LARGE:,} events")

    c = [r["counts"] for r in runs]
    row("content files (events/actors/places/sources)",
        [f"{x['events']}/{x['actors']}/{x['locations']}/{x['sources']}" for x in c])  # fmt: skip
    row("parse only, PyYAML CSafeLoader: s CPU (wall)", seconds("parse"), *reference("parse"))
    row("validate (load_catalog): s CPU (wall)", seconds("validate"), *grow("validate"))
    ratios = [r["validate"]["cpu"] / r["parse"]["cpu"] for r in runs]
    good = all(x <= VALIDATE_VS_PARSE for x in ratios)
    row("validate / parse (CPU)", [f"{x:.2f}×" for x in ratios], "",
        judged(good, f"≤ {VALIDATE_VS_PARSE:g}×"))  # fmt: skip
    row("generate (pages + exports): s CPU (wall)", seconds("generate"), *grow("generate"))
    for jobs in JOBS:
        row(f"chronology build --jobs {jobs}: s CPU (wall)", seconds(f"build{jobs}"),
            *grow(f"build{jobs}"))  # fmt: skip
    if all(r["offsite"] for r in runs):
        row("  of which off-site check (offsite.py): s CPU", seconds("offsite"), *grow("offsite"))
    if all(r.get("active") for r in runs):
        row("  of which active-content check: s CPU", seconds("active"), *grow("active"))
    row("plain mkdocs build, same pages: s CPU (wall)", seconds("mkdocs"), *reference("mkdocs"))
    for jobs in JOBS:
        ratios = [r[f"build{jobs}"]["wall"] / r["mkdocs"]["wall"] for r in runs]
        label = f"build --jobs {jobs} / plain mkdocs (wall)"
        if jobs == JOBS[0]:
            good = all(x <= BUILD_VS_MKDOCS for x in ratios)
            row(label, [f"{x:.2f}×" for x in ratios], "", judged(good, f"≤ {BUILD_VS_MKDOCS:g}×"))
        else:
            row(label, [f"{x:.2f}×" for x in ratios], "", "for comparison")
    row("peak memory, validate: MB", [f"{r['validate']['rss']:.0f}" for r in runs])
    row("peak memory, generate: MB", [f"{r['generate']['rss']:.0f}" for r in runs])
    for jobs in JOBS:
        row(
            f"peak memory, build --jobs {jobs}: MB",
            [f"{r[f'build{jobs}']['rss']:.0f}" for r in runs],
        )
    row("peak memory, plain mkdocs build: MB", [f"{r['mkdocs']['rss']:.0f}" for r in runs])
    memory = [r["build"]["rss"] / r["mkdocs"]["rss"] for r in runs]
    shown, target = at_large(memory, MEMORY_VS_MKDOCS, "×", "{:.2f}×")
    row("peak memory, build / plain mkdocs", shown, "", target)
    sizes = [r["site"][0] / 1e6 for r in runs]
    before = [SITE_MB_BEFORE.get(r["events"]) for r in runs]
    good = all(b is None or s <= b for s, b in zip(sizes, before, strict=True))
    row("site: MB (files)", [f"{r['site'][0] / 1e6:.1f} ({r['site'][1]})" for r in runs], "",
        judged(good, "≤ before issue 17 (" + ", ".join(f"{v} MB at {k:,}" for k, v in
                                                      SITE_MB_BEFORE.items()) + ")"))  # fmt: skip
    if all(r["bundle"] for r in runs):
        zips = [r["bundle"]["size"] / 1e6 for r in runs]
        shown, target = at_large(zips, ZIP_MB, " MB", "{:.1f}")
        row("offline zip: MB", shown, "", target)
        row("chronology bundle: s CPU (wall)", seconds("bundle"), *grow("bundle"))
        ok &= search_rows(runs, row)
    else:
        row("offline zip", ["not available" for _ in runs])
        ok = False
    if all(r.get("explore") for r in runs):
        ok &= explore_rows(runs, row)
    row("largest page: KB", [f"{r['page'][1] / 1e3:.0f}" for r in runs])
    for r in runs:
        print(f"  largest page at {r['events']:,} events: {r['page'][0]} ({r['page'][1]:,} bytes)")
    if serve:
        print("\nchronology serve, from saving an event file until its page shows it:")
    for events, shown in serve.items():
        median = statistics.median(shown)
        target = ""
        if events >= LARGE:
            target = "  " + judged(
                median <= SERVE_SECONDS, f"≤ {SERVE_SECONDS:g} s at {LARGE:,} events"
            )
        print(f"  {events:,} events: {_shown(shown)}{target}")
    print(f"\nAll targets: {verdict(ok)}")
    return ok


# --- serve: how long until an edit shows --------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_latency(root: Path, edits: int = 5, timeout: float = 1800) -> tuple[float, list[float]]:
    """(seconds until `chronology serve` answers, seconds from saving an event file until
    its page shows the change, for each of ``edits`` saves a second apart)."""
    port = free_port()
    start = time.perf_counter()
    server = subprocess.Popen(
        [str(BIN / "chronology"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: `chronology serve` starts mkdocs
    )
    try:
        event = sorted((root / "content" / "events").glob("*.yaml"))[-1]
        url = f"http://127.0.0.1:{port}/events/{event.stem}/"

        def page() -> str:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    return response.read().decode("utf-8")
            except OSError:
                return ""

        while "<h1" not in page():
            if time.perf_counter() - start > timeout or server.poll() is not None:
                raise SystemExit("chronology serve did not start")
            time.sleep(0.2)
        ready = time.perf_counter() - start
        text = event.read_text(encoding="utf-8")
        shown = []
        try:
            for _ in range(edits):
                time.sleep(1)
                marker = f"Edited at {time.time_ns()}"
                saved = time.perf_counter()
                event.write_text(text.replace("\ntitle: ", f"\ntitle: {marker} ", 1), "utf-8")
                while marker not in page():
                    if time.perf_counter() - saved > timeout:
                        raise SystemExit("the edit never showed")
                    time.sleep(0.02)
                shown.append(time.perf_counter() - saved)
        finally:
            event.write_text(text, encoding="utf-8")
        return ready, shown
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server stops as on Ctrl-C, cleaning up
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def _shown(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    return (
        f"edit shown after {ordered[len(ordered) // 2]:.2f} s (median of {len(ordered)}; "
        f"fastest {ordered[0]:.2f} s, slowest {ordered[-1]:.2f} s)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="event counts, comma-separated")
    parser.add_argument("--keep", type=Path, help="keep the corpora and sites in this folder")
    parser.add_argument(
        "--no-serve", action="store_true", help="skip timing `chronology serve` after an edit"
    )
    parser.add_argument(
        "--serve-only", action="store_true", help="time only `chronology serve` after an edit"
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(REPO))
        _child(args.child[0], Path(args.child[1]))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Machine: {machine()}")
    print(f"Command: {' '.join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]])}")
    work = (args.keep or Path(tempfile.mkdtemp(prefix="chronology-bench-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    begin = time.perf_counter()
    try:
        runs = [] if args.serve_only else [measure(n, work) for n in sizes]
        serve: dict[int, list[float]] = {}
        if not args.no_serve:
            # The largest corpus only (the target's size): serve's first build is a full one.
            n = sizes[-1]
            corpus = work / f"corpus-{n}"
            if not corpus.exists():
                synth = ["synth", "--events", str(n), "--out", str(corpus)]
                _run([str(BIN / "chronology"), *synth], REPO)
            ready, serve[n] = serve_latency(corpus)
            print(f"serve at {n:,} events: first page after {ready:.1f} s; {_shown(serve[n])}")
        ok = (
            report(runs, serve)
            if runs
            else all(statistics.median(v) <= SERVE_SECONDS for n, v in serve.items() if n >= LARGE)
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nBenchmark took {time.perf_counter() - begin:.0f} s.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
