"""The reach-ins into MkDocs (generator/build/mkdocs_internals.py) were written against one
MkDocs version: another one must be reviewed before it is used."""

from __future__ import annotations

import mkdocs

from generator.build.mkdocs_internals import WRITTEN_AGAINST


def test_mkdocs_is_the_version_the_reach_ins_were_written_against() -> None:
    installed = ".".join(mkdocs.__version__.split(".")[:2])
    assert installed == WRITTEN_AGAINST, (
        f"MkDocs {mkdocs.__version__} is installed; generator/build/mkdocs_internals.py was "
        f"written against {WRITTEN_AGAINST}: check each reach-in against the new MkDocs, "
        "then update WRITTEN_AGAINST"
    )
