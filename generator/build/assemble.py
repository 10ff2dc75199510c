"""Write the generated pages and data files to a folder, for engines other than MkDocs."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..content.catalog import load_catalog
from ..errors import ChronologyError
from ..exports.exports import exports
from ..site.render import DEFAULT_TEMPLATES, Renderer


def generate_pages(root: Path, out: Path, templates: Path | None = None) -> int:
    """Validate ``root``, render every page and export, and write them under ``out``.

    Files are written to a temporary folder first and moved into place at the end, so a
    failure leaves ``out`` as it was.
    """
    catalog = load_catalog(root)
    files = {**Renderer(catalog, templates or DEFAULT_TEMPLATES).pages(), **exports(catalog)}
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise ChronologyError(f"{out}: exists and is not a folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for uri, text in files.items():
            target = staging / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))  # keeps CRLF (iCalendar, CSV) as is
        os.chmod(staging, 0o755)
        if out.exists():
            shutil.rmtree(out)
        os.replace(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(files)
