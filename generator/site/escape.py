"""Escaping for Markdown and HTML: text from YAML becomes inert page text.

The page templates call these through the Jinja environment (templates.py), whose
``finalize`` hook escapes every ``{{ value }}`` that a helper did not mark ``Markup``.
"""

from __future__ import annotations

import functools
import html
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


#: Characters kept as they are in an address or a code span written as HTML: nothing that
#: starts, ends or escapes any Markdown construct, splits a table cell or ends an attribute.
_PLAIN = frozenset(" abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:.,;?=%~@$-")


def _entities(text: str) -> str:
    """``text`` with every character outside ``_PLAIN`` but the letters and digits of other
    scripts as a numeric character reference: HTML reads back exactly ``text``, and
    no Markdown pass finds a character it acts on (``|``, ``]``, ``)``, a backtick, ``{``,
    a backslash, a newline)."""
    return "".join(
        c if c in _PLAIN or (c.isalnum() and not c.isascii()) else f"&#{ord(c)};" for c in text
    )


@functools.lru_cache(maxsize=65536)
def external_link(url: str, text: str | None = None) -> Markup:
    """A link to a validated http(s) address, shown as its text (or the address itself).

    Written as HTML, href and text as character references where Markdown could read them:
    the link may sit in a table cell, a heading or a list item, and nothing in the address
    can end that context or reach attr_list. The reader sees, and follows, the address
    exactly as written."""
    return Markup(f'<a href="{_entities(url)}">{_entities(text if text is not None else url)}</a>')


#: What html.escape leaves that a Markdown pass could act on inside an attribute value: the
#: end of an attr_list block or a quoted value in it, a table cell, a code span, a line.
_ATTRIBUTE_EXTRA = str.maketrans({c: f"&#{ord(c)};" for c in "\\`{}|\n\r"})


def escape_attribute(text: str) -> Markup:
    """A value for a quoted HTML attribute, in raw HTML or in an attr_list block: HTML-escaped,
    and nothing left that could end the block, the value or the line."""
    return Markup(html.escape(str(text), quote=True).translate(_ATTRIBUTE_EXTRA))


def raw_html_text(text: str) -> Markup:
    """Text inside a raw HTML block (``<details>``, ``<pre>``), which Markdown passes through
    unread: HTML-escaped only, lines kept."""
    return Markup(html.escape(str(text), quote=True))


def code(text: str) -> Markup:
    """Text as an inline ``<code>`` element, read back exactly, whatever the context."""
    return Markup(f"<code>{_entities(str(text))}</code>")


def front_matter_title(text: str) -> Markup:
    """The page title MkDocs puts in <title> and the navigation, as a YAML string.

    Themes un-escape the title there (Material: ``page.title | striptags``), so an escaped
    ``&lt;/title&gt;`` from the heading would close the element. Angle brackets become
    look-alike guillemets here; no real title needs them.
    """
    plain = re.sub(r"\s+", " ", text).strip().replace("<", "‹").replace(">", "›")
    return Markup(json.dumps(plain, ensure_ascii=False))
