"""The ``chronology`` command: thin wrappers that parse options and call one function."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from .build.permalinks import RELATIVE_NOTICE
from .content.vocabulary import ACTOR_KINDS, EVENT_TYPES, LOCATION_KINDS
from .content.words import plural
from .errors import ChronologyError


@contextmanager
def _reported() -> Iterator[None]:
    """The library's errors become one message and exit code 1, never a traceback."""
    try:
        yield
    except ChronologyError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)


root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder holding content/ and seeds/.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="chronology")
def main() -> None:
    """Build a sourced, cross-linked chronology site from YAML records."""


@main.command()
@root_option
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: one line per problem (path:line:col: field: message) on stderr; json: "
    '{"problems": [{path, line, column, field, message, severity}], "errors", "warnings"} '
    "on stdout, for editors and scripts; github: the first 10 errors and 10 warnings as "
    "annotations (all GitHub shows) and every problem in the job summary ($GITHUB_STEP_SUMMARY).",
)
def validate(root: Path, files: tuple[Path, ...], output: str) -> None:
    """Check content files and report every problem; exit 1 if there are errors.

    Without FILES, every file under content/ is checked. With FILES, only their problems are
    reported, but they are checked against all the other files (every id they name must
    exist). Warnings (such as an article text in seeds/ that no source names) do not fail the check.

    Example: chronology validate content/actors/kataib-hezbollah.yaml
    """
    from .content.catalog import check_content
    from .content.report import given_file, validate_output

    catalog, problems = check_content(root, [given_file(f, root) for f in files] or None)
    lines, code = validate_output(catalog, problems, len(files), output)
    for text, to_stderr in lines:
        click.echo(text, err=to_stderr)
    sys.exit(code)


@main.command()
@root_option
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write the Markdown pages and data files into.",
)
@click.option(
    "--templates",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Template folder (default: site_templates/ of the project).",
)
def generate(root: Path, out: Path, templates: Path | None) -> None:
    """Write the Markdown pages and data files the site is built from to a folder, for any
    Markdown engine (the settings are read from mkdocs.yml when the project has one).

    Example: chronology generate --out /tmp/pages
    """
    from .build.generate import generate_pages

    with _reported():
        count = generate_pages(root, out, templates)
    click.echo(f"Wrote {count} files to {out}")


config_file_option = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"), show_default=True)  # fmt: skip

site_url_option = click.option(
    "--site-url",
    metavar="URL",
    help="The public address permalinks start with (default: CHRONOLOGY_SITE_URL, else "
    "site_url in mkdocs.yml); '' for none: citations and data files stay relative.",
)

jobs_option = click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes "
    "converting the pages (default: the cores available); same site for any.")  # fmt: skip


def _require_config(config_file: Path) -> None:
    if not config_file.is_file():
        hint = "run from the project folder or pass --config-file"
        raise ChronologyError(f"{config_file}: not found; {hint}")


@main.command()
@config_file_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: site/ beside mkdocs.yml).",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Build the variant for file:// (no directory URLs; what `chronology bundle` zips).",
)
@site_url_option
@jobs_option
def build(config_file: Path, site_dir: Path | None, offline: bool, site_url: str | None,
          jobs: int | None) -> None:  # fmt: skip
    """Validate, then build the site with MkDocs in strict mode (links and anchors checked).

    The new site is built aside and swapped in only when complete. A site that would load
    anything from another host (fonts, CDN scripts, analytics) fails the build.

    Example: chronology build --site-url https://example.org/chronology/
    """
    from .build.site_build import build_site, site_address

    with _reported():
        _require_config(config_file)
        address = site_address(config_file, site_url)  # checked before anything is built
        out = build_site(config_file, site_dir, offline=offline, site_url=address, jobs=jobs)
    click.echo(f"Built the {'offline ' if offline else ''}site in {out}")
    if not address:
        click.echo(RELATIVE_NOTICE, err=True)


@main.command()
@config_file_option
@click.option(
    "--dist-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the zip (default: dist/ beside mkdocs.yml).",
)
@click.option(
    "--name",
    default=None,
    help="Bundle name (default: the slug of site_name); the zip is <name>-offline.zip.",
)
@site_url_option
@jobs_option
def bundle(config_file: Path, dist_dir: Path | None, name: str | None, site_url: str | None,
           jobs: int | None) -> None:  # fmt: skip
    """Build the site for file:// and zip it: dist/<name>-offline.zip works with no network.

    Unzip it anywhere and open <name>-offline/index.html. The zip is reproducible (set
    SOURCE_DATE_EPOCH for its timestamps) and replaces the old one only when complete.

    Example: chronology bundle
    """
    from .build.bundle import build_bundle
    from .build.site_build import site_address

    with _reported():
        _require_config(config_file)
        address = site_address(config_file, site_url)
        result = build_bundle(config_file, dist_dir, name, site_url=address, jobs=jobs)
    click.echo(f"Wrote the offline bundle {result.describe()}")
    if not address:
        click.echo(RELATIVE_NOTICE, err=True)


@main.command()
@config_file_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
def serve(config_file: Path, dev_addr: str) -> None:
    """Preview the site with live reload: editing content/ or site_templates/ rebuilds it.

    After the first build, a save rebuilds only the pages it changed; invalid content is
    reported (file:line:column) and the last good site stays served.

    Example: chronology serve
    """
    from .build.serve import serve as serve_site

    with _reported():
        _require_config(config_file)
    serve_site(config_file, dev_addr)


# --- new: write a new content file -------------------------------------------------------------


@main.group()
def new() -> None:
    """Write a new content file (event, actor, location or source) with every field explained.

    Values not given as options are asked for; the file is named after its id and never
    overwrites another. Optional fields are written as commented-out examples.

    Example: chronology new event --date 2020-09-28 --title "Rocket hits house" --type rocket-attack
    """


def _new(kind: str, root: Path, given: dict) -> None:
    from .content.catalog import check_content
    from .tools.answers import ask
    from .tools.scaffold import write_new

    options = {k: v for k, v in given.items() if k != "id" and v not in (None, ())}
    values = ask(kind, given, root, interactive=not options)
    with _reported():
        path = write_new(root, kind, values)
    shown = path.relative_to(root).as_posix()
    click.echo(f"Wrote {shown}")
    _, problems = check_content(root, [path])
    if problems:
        click.echo("chronology validate says:")
        for problem in problems:
            click.echo(f"  {problem}")
    click.echo(f"Fill in the rest, then run: chronology validate {shown}")


_id_option = click.option("--id", "id_", help="The id (file name); made from the text if left out.")


@new.command("event")
@root_option
@_id_option
@click.option("--date", help="EDTF date: 2020-09-28, 2020-09, 2020-09-28~, 2020-07/2020-08.")
@click.option("--title", help="Short, neutral headline.")
@click.option("--type", "type_", help=f"One of: {', '.join(EVENT_TYPES)}.")
@click.option("--summary", help="One or two neutral paragraphs.")
@click.option("--source", help="Source id (content/sources/<id>.yaml).")
@click.option("--quote", help="The source's exact words that support the event.")
@click.option("--place", multiple=True, help="Location id, or id:precision (repeatable).")
@click.option("--actor", multiple=True, help="actor-id:role, e.g. kataib-hezbollah:suspected.")
def new_event(root: Path, id_: str | None, type_: str | None, **given) -> None:
    """Write content/events/<date>-<title words>.yaml.

    Example: chronology new event --date 2020-09-28 --title "Rocket hits house" --type rocket-attack
    """
    given["places"], given["actors"] = given.pop("place"), given.pop("actor")
    _new("event", root, {"id": id_, "type": type_, **given})


@new.command("actor")
@root_option
@_id_option
@click.option("--name", help="The name most sources use.")
@click.option("--kind", help=f"One of: {', '.join(ACTOR_KINDS)}.")
@click.option("--alias", multiple=True, help="Another spelling the sources use (repeatable).")
@click.option("--parent", help="The actor it belongs to (an actor id).")
@click.option("--name-ar", help="The name in Arabic.")
@click.option("--description", help="Short and neutral.")
def new_actor(root: Path, id_: str | None, alias: tuple[str, ...], **given) -> None:
    """Write content/actors/<name words>.yaml.

    Example: chronology new actor --name "Kataib Hezbollah" --kind armed-group
    """
    _new("actor", root, {"id": id_, "aliases": alias, **given})


@new.command("location")
@root_option
@_id_option
@click.option("--name", help="The name most sources use.")
@click.option("--kind", help=f"One of: {', '.join(LOCATION_KINDS)}.")
@click.option("--alias", multiple=True, help="Another spelling the sources use (repeatable).")
@click.option("--lat", help="Latitude, WGS84 decimal degrees.")
@click.option("--lon", help="Longitude, WGS84 decimal degrees.")
@click.option("--parent", help="The place it lies in (a location id).")
@click.option("--name-ar", help="The name in Arabic.")
@click.option("--description", help="Short and neutral.")
def new_location(root: Path, id_: str | None, alias: tuple[str, ...], **given) -> None:
    """Write content/locations/<name words>.yaml.

    Example: chronology new location --name "Camp Taji" --kind military-base --parent iraq
    """
    _new("location", root, {"id": id_, "aliases": alias, **given})


@new.command("source")
@root_option
@_id_option
@click.option("--outlet", help="The news agency or paper: AFP, Reuters, ...")
@click.option("--date", help="Publication date (EDTF).")
@click.option("--title", help="The headline.")
@click.option("--author", help="The byline.")
@click.option("--publisher", help="Where it was read, when not the outlet's own site.")
@click.option("--dateline", help="The dateline city.")
@click.option("--url", help="The web address (http:// or https://).")
@click.option("--seed", help="The article's text file in seeds/ (for quote checks).")
def new_source(root: Path, id_: str | None, **given) -> None:
    """Write content/sources/<outlet>-<date>-<title words>.yaml.

    Example: chronology new source --outlet AFP --date 2020-09-28 --title "Rocket fire" --seed x.txt
    """
    _new("source", root, {"id": id_, **given})


# --- extract: draft events from an article ----------------------------------------------------


@main.command("extract")
@root_option
@click.argument(
    "article", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--date",
    "published",
    help="The article's publication date (EDTF), when its text has no dateline with a date.",
)
@click.option(
    "--evaluate",
    is_flag=True,
    help="Instead, draft every article in seeds/ and print precision and recall against the "
    "hand-made events that cite it.",
)
def extract_command(root: Path, article: Path | None, published: str | None, evaluate: bool):
    """Draft events from a news article's text (a .txt file), for a person to finish.

    Prints YAML: one draft per event found, each value under a comment quoting the sentence
    it came from, every guess marked TODO. Known actors and places are found by any name or
    alias in content/; relative dates (Monday, last week) are resolved against the dateline.

    Example: chronology extract seeds/001_ff1f5ad16c8039b9.txt
    """
    from .content.catalog import load_catalog

    if evaluate:
        from .tools.extract_eval import evaluate as run_evaluation

        with _reported():
            click.echo(run_evaluation(root).table(), nl=False)
        return
    if article is None:
        raise click.UsageError("give the article's text file, or --evaluate")
    from .tools.extract import extract, render

    with _reported():
        catalog = load_catalog(root)
        text = article.read_text(encoding="utf-8", errors="replace")
        seed = article.name if article.resolve().parent == (root / "seeds").resolve() else None
        records = (catalog.actors, catalog.locations, catalog.sources.values())
        extraction = extract(text, *records, published=published, seed=seed)
    click.echo(render(extraction, str(article)), nl=False)


@main.command()
@click.option("--events", type=click.IntRange(min=1), required=True, help="How many events.")
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="New (or empty) folder to write the project into.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
def synth(events: int, out: Path, seed: int) -> None:
    """Write a synthetic project of N events (actors ~N/20, places ~N/5, sources ~N/10) for
    benchmarks; the same seed writes the same files.

    Example: chronology synth --events 10000 --out /tmp/corpus
    """
    from .tools.synth import synthesize

    with _reported():
        counts = synthesize(out, events, seed)
    click.echo(
        f"Wrote {plural(counts.events, 'event')}, {plural(counts.actors, 'actor')}, "
        f"{plural(counts.locations, 'location')} and {plural(counts.sources, 'source')} to {out}"
    )


if __name__ == "__main__":  # pragma: no cover
    main()
