"""Heading anchors for Python-Markdown's ``toc`` extension (``slugify`` in mkdocs.yml).

Its default slugify keeps ASCII only, so a heading in Arabic script (an actor known only by
its Arabic name) gets the empty slug, which toc numbers by position (``_1``, ``_2``): the
anchor changes when another heading is added. Here such headings get a Unicode slug instead
(``كتائب-حزب-الله``), normalised (NFKC) so that the same name typed with composed or
decomposed letters, or Arabic presentation forms, gets the same anchor. Every heading with
any Latin letter or digit keeps exactly the anchor it had, so existing links stay valid.
"""

from __future__ import annotations

import unicodedata

from markdown.extensions.toc import slugify as ascii_slugify


def slugify(value: str, separator: str) -> str:
    """The toc extension's ASCII slug, or a Unicode one when that would be empty."""
    return ascii_slugify(value, separator) or ascii_slugify(
        unicodedata.normalize("NFKC", value), separator, unicode=True
    )
