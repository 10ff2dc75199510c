"""The article files in ``seeds/``: each ``<name>.txt`` is an article's text, and
``<name>.yaml`` beside it says where the text was captured and which articles it holds.

The metadata is checked like any record: strict YAML (``load``), known fields (``SeedFile``),
the text file it describes next to it, and every ``source_id`` naming a source whose ``seed``
is that text. An article text that no source names is reported as a warning, not an error:
nothing published depends on it (seeds are never rendered), and a contributor may well add
the article before distilling it; but a forgotten or misnamed file should not go unseen.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, StringConstraints, ValidationError

from ..errors import Problem
from .load import LoadError, load_file
from .messages import schema_problems
from .model import EDTFText, Id, LongText, Strict, Text, Url

if TYPE_CHECKING:
    from .catalog import Catalog
    from .checks import Checker

SEED_NAME = r"^[A-Za-z0-9_.-]+\.txt$"


class SeedArticle(Strict):
    """One article of a captured page (a page may carry two dispatches)."""

    outlet: Text
    author: Text | None = None
    dateline: Text | None = None
    published: EDTFText
    title: Text
    url: Url | None = None
    archive_url: Url | None = None
    source_id: Id = Field(description="The source record citing this article.")


class SeedFile(Strict):
    """``seeds/<name>.yaml``: what ``seeds/<name>.txt`` is and where it was captured."""

    file: Annotated[str, StringConstraints(pattern=SEED_NAME, max_length=200)]
    captured_from: Text | None = None
    articles: list[SeedArticle] = Field(min_length=1)
    note: LongText | None = None


UNUSED = (
    "no source names this article (seed: {name}); describe it in content/sources/ with "
    "seed: {name}, fix the name in the source that should, or delete the file"
)


def _names(folder: os.PathLike[str]) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return sorted(e.name for e in entries if e.is_file(follow_symlinks=False))
    except OSError:
        return []


def check_seeds(catalog: Catalog, check: Checker) -> None:
    """Every seeds/*.yaml against its format and the sources; every seeds/*.txt used."""
    names = _names(check.root / "seeds")
    used = {s.seed for s in catalog.sources.values() if s.seed}
    used.update(r.seed for k, _, r in check.partial if k == "sources" and r.seed)
    for name in names:
        if name.endswith(".txt") and name not in used and not name.startswith("."):
            message = UNUSED.format(name=name)
            check.problems.append(Problem(f"seeds/{name}", 0, 0, "", message, "warning"))
        elif name.endswith(".yaml"):
            _check_metadata(catalog, check, name, set(names))


def _check_metadata(catalog: Catalog, check: Checker, name: str, names: set[str]) -> None:
    shown = f"seeds/{name}"
    try:
        doc = load_file(check.root / "seeds" / name, shown)
    except LoadError as exc:
        check.problems.append(exc.problem)
        return
    try:
        meta = SeedFile.model_validate(doc.data)
    except ValidationError as exc:
        check.problems.extend(schema_problems(doc, SeedFile, exc))
        return
    text = name.removesuffix(".yaml") + ".txt"
    if meta.file != text:
        check.add(doc, ("file",), f"must be {text}, the article text beside this file")
    elif text not in names:
        check.add(doc, ("file",), f"seeds/{text} not found; add the article's text there")
    for i, article in enumerate(meta.articles):
        loc = ("articles", i, "source_id")
        if not check.reference(catalog, doc, loc, article.source_id, "source"):
            continue
        source = catalog.sources[article.source_id]
        if source.seed != text:
            seed = f"seed: {source.seed}" if source.seed else "no seed"
            check.add(
                doc,
                loc,
                f"source {source.id!r} ({check.source_file(source.id)}) has {seed}, not "
                f"this article; set seed: {text} there, or fix the id here",
            )
