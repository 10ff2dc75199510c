"""Escaping for Markdown and HTML: text from YAML becomes inert page text.

The page templates call these through the Jinja environment (templates.py), whose
``finalize`` hook escapes every ``{{ value }}`` that a helper did not mark ``Markup``.
"""

from __future__ import annotations

import functools
import json
import re

from markupsafe import Markup

#: Strings up to this long are escaped once and remembered (see ``escape_short``).
SHORT = 200

# The characters Python-Markdown lets a backslash escape (its ESCAPED_CHARS, plus "|" from
# the tables extension) get a backslash; "<", ">" and "&" become HTML entities instead. One
# str.translate pass: a regular expression with a replacement template was a tenth of the
# page rendering time.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_{}[]()#+-.!|"}}
)
_SPACES = re.compile(r"\s+")


def escape_text(text: str) -> str:
    """One line of plain text, safe inside Markdown and HTML."""
    text = str(text)
    if len(text) <= SHORT:
        return escape_short(text)
    return escape_inline(_SPACES.sub(" ", text))


@functools.lru_cache(maxsize=65536)
def escape_short(text: str) -> str:
    """``escape_text`` of a str of at most ``SHORT`` characters, without its checks.

    Names, titles and dates recur on thousands of pages: each is escaped once."""
    return escape_inline(_SPACES.sub(" ", text))


def escape_inline(text: str) -> str:
    """Escape text whose whitespace is already one line (a separator, a cached value)."""
    # Quotes need no escaping in Markdown text or element content; escaping them as
    # numeric entities would put a '#' in the text that Markdown then escapes again.
    return text.translate(_ESCAPES)


def escape_paragraphs(text: str) -> Markup:
    """Multi-paragraph plain text (blank lines separate paragraphs), each escaped."""
    paragraphs = [p for p in re.split(r"\n\s*\n", str(text).strip()) if p.strip()]
    return Markup("\n\n".join(escape_text(p) for p in paragraphs))


def external_link(url: str, text: str | None = None) -> Markup:
    """A Markdown link to a validated http(s) address, shown as its text (or the address)."""
    # Brackets, spaces and quotes would end the Markdown link early: percent-encode them.
    safe = re.sub(r"[()<>\s\"'\\]", lambda m: f"%{ord(m.group()):02X}", url)
    return Markup(f"[{escape_text(text or url)}]({safe})")


def front_matter_title(text: str) -> Markup:
    """The page title MkDocs puts in <title> and the navigation, as a YAML string.

    Themes un-escape the title there (Material: ``page.title | striptags``), so an escaped
    ``&lt;/title&gt;`` from the heading would close the element. Angle brackets become
    look-alike guillemets here; no real title needs them.
    """
    plain = re.sub(r"\s+", " ", text).strip().replace("<", "‹").replace(">", "›")
    return Markup(json.dumps(plain, ensure_ascii=False))
