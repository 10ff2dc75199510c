"""The offline bundle's HTML made smaller without changing what it shows: every run of
whitespace that holds a line break becomes one line break. No MkDocs.

Templates indent for their readers, and the theme's partials render mostly blank lines: about
a tenth of a zipped page. A browser collapses such a run to at most one space wherever
whitespace is collapsed, so one line break renders the same. Left as written: everything
inside a tag (attribute values keep their exact text), comments, and the elements whose
text is kept as it is (``<pre>``, ``<textarea>``), is code (``<script>``, ``<style>``) or
is shown with its spaces by the theme (``code``, ``kbd``, ``samp``: Material's
``white-space: pre-wrap``); ``<title>`` too. Only HTML's own whitespace counts (space,
tab, line feed, form feed, carriage return): a no-break space is text.
"""

from __future__ import annotations

import re
from pathlib import Path

#: Elements whose text is left exactly as written.
KEPT = ("pre", "textarea", "script", "style", "code", "kbd", "samp", "title")

# A tag, attribute values quoted with either quote, may hold ">" inside the quotes.
_TAG_REST = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>"""
_KEPT_OR_TAG = re.compile(
    rf"""
    (?P<keep>
        <(?P<name>{"|".join(KEPT)})(?=[\s/>]){_TAG_REST}.*?</(?P=name)\s*>  # a kept element
      | <!--.*?-->                                                          # a comment
      | </?[A-Za-z!?]{_TAG_REST}                                            # any other tag
    )
    | (?P<space>[ \t\r\f]*\n[ \t\n\r\f]*)                  # whitespace with a line break
    """,
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)


def _replace(match: re.Match[str]) -> str:
    return match.group("keep") or "\n"


def squeeze_html(html: str) -> str:
    """``html`` with every run of whitespace that holds a line break, outside tags and the
    elements in ``KEPT``, replaced by one line break."""
    return _KEPT_OR_TAG.sub(_replace, html)


def squeeze_site(site: Path) -> int:
    """Squeeze every ``.html`` file under ``site`` in place; returns the bytes saved."""
    saved = 0
    for path in sorted(site.rglob("*.html")):
        raw = path.read_bytes()
        squeezed = squeeze_html(raw.decode("utf-8")).encode("utf-8")
        if squeezed != raw:
            path.write_bytes(squeezed)
            saved += len(raw) - len(squeezed)
    return saved
