"""The Jinja2 environment the page templates (``site_templates/``) run in.

Every ``{{ value }}`` of a template goes through ``_finalize``, which escapes it for Markdown
*and* HTML (escape.py) unless a helper marked it ``Markup`` (links and pre-escaped text). The
rest tunes Jinja for a build that renders tens of thousands of pages: each change leaves the
output byte for byte the same.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.runtime
from markupsafe import Markup

from .escape import SHORT, escape_inline, escape_short, escape_text


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


def _finalize(value: Any) -> str:
    """Runs on every {{ expression }}: its result goes straight into the page (see
    _CodeGenerator), so it is the one place output is escaped."""
    if type(value) is str and len(value) <= SHORT:
        return escape_short(value)  # most values: escape_text without its checks
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
    return Markup(escape_inline(separator)).join(
        item if isinstance(item, Markup) else Markup(escape_text(str(item))) for item in items
    )


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


def template_line(exc: BaseException, template: str) -> str:
    """'site_templates/x.md.j2:12' for the innermost template frame of a traceback."""
    where = template
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def verb(count: int, singular: str, plural_form: str) -> str:
    """The form that agrees with ``count``: verb(1, 'has', 'have') is 'has'."""
    return singular if count == 1 else plural_form
