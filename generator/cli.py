"""The ``chronology`` command: thin wrappers that parse options and call one function."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from .errors import ChronologyError, ValidationFailed


def _fail(exc: ChronologyError) -> None:
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
def validate(root: Path) -> None:
    """Check every file under content/ and report every problem.

    Example: chronology validate
    """
    from .catalog import load_catalog

    try:
        catalog = load_catalog(root)
    except ValidationFailed as exc:
        _fail(exc)
    for warning in catalog.warnings:
        click.echo(str(warning), err=True)
    click.echo(
        f"OK: {len(catalog.events)} events, {len(catalog.actors)} actors, "
        f"{len(catalog.locations)} locations, {len(catalog.sources)} sources; no problems."
    )


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
    """Write the generated Markdown pages and data files to a folder, without MkDocs.

    Example: chronology generate --out /tmp/pages
    """
    from .generate import generate_pages

    try:
        count = generate_pages(root, out, templates)
    except ChronologyError as exc:
        _fail(exc)
    click.echo(f"Wrote {count} files to {out}")


@main.command()
@click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
)
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: site/ beside mkdocs.yml).",
)
def build(config_file: Path, site_dir: Path | None) -> None:
    """Validate, then build the site with MkDocs in strict mode (links and anchors checked).

    The new site is built aside and swapped in only when complete.

    Example: chronology build
    """
    from .build import build_site

    if not config_file.is_file():
        _fail(
            ChronologyError(
                f"{config_file}: not found; run from the project folder or pass --config-file"
            )
        )
    try:
        out = build_site(config_file, site_dir)
    except ChronologyError as exc:
        _fail(exc)
    click.echo(f"Built the site in {out}")


@main.command()
@click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
def serve(config_file: Path, dev_addr: str) -> None:
    """Preview the site with live reload: editing content/ or site_templates/ rebuilds it.

    Example: chronology serve
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--livereload",
        "--config-file",
        str(config_file),
        "--dev-addr",
        dev_addr,
    ]
    sys.exit(subprocess.call(command, env=env))


if __name__ == "__main__":  # pragma: no cover
    main()
