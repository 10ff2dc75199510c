"""Escaping for Markdown and HTML, and the Jinja2 environment the page templates run in.

Every ``{{ value }}`` of a template goes through ``_finalize``, which escapes it for Markdown
*and* HTML unless a helper marked it ``Markup`` (links and pre-escaped text). The rest tunes
Jinja for a build that renders tens of thousands of pages: each change is measured (see the
docstrings) and leaves the output byte for byte the same.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
import types
from pathlib import Path
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.runtime
from markupsafe import Markup

from ..content import edtf
from . import facts


def environment(templates: Path) -> jinja2.Environment:
    """The environment for the templates in ``templates``."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build
        finalize=_finalize,  # escapes for Markdown and HTML
        autoescape=True,  # makes macros return Markup, so they are not escaped twice
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.code_generator_class = _CodeGenerator
    env.context_class = _Context
    env.filters["join"] = _join
    return env


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
    if len(text) <= 200:
        return _escape_short(text)
    return _escape_inline(_SPACES.sub(" ", text))


@functools.lru_cache(maxsize=65536)
def _escape_short(text: str) -> str:
    # Names, titles and dates recur on thousands of pages: each is escaped once.
    return _escape_inline(_SPACES.sub(" ", text))


def _escape_inline(text: str) -> str:
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


def _finalize(value: Any) -> str:
    """Runs on every {{ expression }}: its result goes straight into the page (see
    _CodeGenerator), so it is the one place output is escaped."""
    if type(value) is str and len(value) <= 200:
        return _escape_short(value)  # most values: escape_text without its checks
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_text(str(value))


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles ``{{ x }}`` to ``finalize(x)`` instead of ``escape(finalize(x))``.

    _finalize already escapes for Markdown and HTML and passes Markup through, so Jinja's own
    escape would only wrap every value in a second Markup: a tenth of the rendering time at
    10,000 events. Autoescape stays on, so macros still return Markup."""

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src:
            self.write("(" + finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)


def _join(items: Any, separator: str = "") -> Markup:
    """Jinja's join would HTML-escape only; escape each item for Markdown too."""
    return Markup(_escape_inline(separator)).join(
        item if isinstance(item, Markup) else Markup(escape_text(str(item))) for item in items
    )


@functools.lru_cache(maxsize=65536)
def short_date(text: str) -> str:
    """facts.short_date of an EDTF date, worded once per date: a build shows each event's
    date on several pages."""
    return facts.short_date(edtf.parse(text))


@functools.lru_cache(maxsize=65536)
def precision_label(text: str) -> str:
    """facts.date_precision_label of an EDTF date, worded once per date."""
    return facts.date_precision_label(edtf.parse(text))


@functools.lru_cache(maxsize=4096)
def _relative_folder(folder: str, here: str) -> str:
    return posixpath.relpath(folder or ".", here or ".")


def relative_uri(uri: str, page: str) -> str:
    """``posixpath.relpath(uri, dirname(page))``, computed once per pair of folders: a build
    makes hundreds of thousands of links between a handful of folders."""
    folder, name = posixpath.split(uri)
    if name in ("", ".", "..") or uri.startswith("/"):
        return posixpath.relpath(uri, posixpath.dirname(page) or ".")
    up = _relative_folder(folder, posixpath.dirname(page))
    return name if up == "." else f"{up}/{name}"


class _Context(jinja2.runtime.Context):
    """Calls plain Python functions from templates directly.

    Jinja's ``Context.call`` looks for ``pass_context`` markers on every call, hundreds of
    thousands of times a build; a function or method without one is called as it is."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if type(__obj) in _PLAIN_CALLABLES and not hasattr(__obj, "jinja_pass_arg"):
            if kwargs:  # in loops and blocks Jinja passes its own variables along
                kwargs.pop("_loop_vars", None)
                kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__obj, *args, **kwargs)


_PLAIN_CALLABLES = (types.FunctionType, types.MethodType, types.BuiltinFunctionType)


class Macros:
    """The macros of ``_macros.md.j2``, as the global ``m`` of every template.

    Loaded on first use. An ``{% import %}`` in each template would do the same, but Jinja
    then compares the template's globals with the module's on every page."""

    def __init__(self, env: jinja2.Environment):
        self._env = env
        self._module: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._module is None:
            self._module = self._env.get_template("_macros.md.j2").module  # type: ignore[attr-defined]
        return getattr(self._module, name)
