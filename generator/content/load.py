"""Read YAML files strictly, keeping the position of every node for error messages.

PyYAML's own constructors guess types (``yes`` -> True, ``1:20`` -> 80, ``2020-09-28`` ->
date), keep the last of two duplicate keys, and expand aliases (billion-laughs bombs). So we
let libyaml (C) compose the node graph and build plain Python values ourselves with
YAML 1.2 "core schema" rules: only ``true``/``false`` are booleans, only plain decimal
numerals are numbers, everything else is text. Tags, anchors and aliases are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, Problem
from .files import Unreadable, decode, read_regular

try:  # libyaml is ~10x faster; fall back to pure Python where it is not compiled in.
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as _BaseLoader  # type: ignore[assignment]


class _Composer(_BaseLoader):  # type: ignore[misc, valid-type]
    """libyaml's composer, with the tag resolver cut to what BaseLoader's amounts to: no
    implicit or path resolvers, so every untagged node is str, seq or map, without PyYAML's
    generic ``resolve`` (a slow Python call per node)."""

    _KIND_TAGS = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return self._KIND_TAGS[kind]


#: Larger files are refused before parsing: no real record comes near this.
MAX_FILE_BYTES = 1_000_000
#: Deeper structures are refused: the deepest real record nests four levels.
MAX_DEPTH = 20
#: Longer plain numerals are refused: a count has at most 6 digits and a coordinate some 20
#: characters, while Python refuses to convert integers of more than 4,300 digits
#: (ValueError) and a float of a million digits is parsed for nothing.
MAX_NUMBER_CHARS = 100

_STR, _SEQ, _MAP = (
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
)
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(
    r"^[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$"
)
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass
class Document:
    """One YAML file: its plain data and the node tree that remembers where each value was."""

    path: str  # as shown to the user, e.g. "content/events/x.yaml"
    data: Any
    root: yaml.Node
    #: Whether the text holds "TODO" anywhere, so that the search for a draft placeholder
    #: (checks.py) walks only the rare file that can have one.
    drafty: bool = True

    def position(self, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc``; of its key when ``key`` is set.

        Walks as far down ``loc`` as the file goes, so a missing field points at the
        mapping it is missing from.
        """
        node: yaml.Node = self.root
        mark = node.start_mark
        for step in loc:
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                for key_node, value_node in node.value:
                    if key_node.value == step:
                        mark = key_node.start_mark if key else value_node.start_mark
                        node = value_node
                        break
                else:
                    return mark.line + 1, mark.column + 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if step >= len(node.value):
                    return mark.line + 1, mark.column + 1
                node = node.value[step]
                mark = node.start_mark
            else:
                break
        return mark.line + 1, mark.column + 1


def _problem(path: str, mark: Any, message: str) -> Problem:
    return Problem(path, mark.line + 1, mark.column + 1, "", message)


def _whole_file(path: str, message: str) -> Problem:
    """A problem of the file as a whole, not of one line."""
    return Problem(path, 0, 0, "", message)


class _Builder:
    """Turns a composed node tree into dicts, lists, str, int, float, bool and None."""

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise _Located(node.start_mark, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR:
                raise _Located(node.start_mark, _tag_message(node.tag))
            if node.style == '"':
                _check_escapes(node)
            if node.style:  # quoted or block scalar: always text
                return node.value
            return _plain_scalar(node.value, node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise _Located(node.start_mark, _tag_message(node.tag))
            items = []
            for index, item in enumerate(node.value):
                try:
                    items.append(self.build(item, depth + 1))
                except _Located as exc:
                    exc.field.insert(0, index)
                    raise
            return items
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        raise _Located(node.start_mark, "unsupported YAML node")  # pragma: no cover

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        if node.tag != _MAP:
            raise _Located(node.start_mark, _tag_message(node.tag))
        result: dict[str, Any] = {}
        shallow = depth < MAX_DEPTH
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise _Located(key_node.start_mark, "keys must be plain words")
            key = key_node.value
            if not key.isprintable():
                # A quoted key can hold a line break or an escape: it would forge lines
                # of the `path:line:col: field: message` output.
                raise _Located(
                    key_node.start_mark,
                    f"the key {key!r} contains a line break or control character; "
                    "keys must be plain words",
                )
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                raise _Located(
                    key_node.start_mark,
                    f"duplicate key {key!r} (first on line {first.start_mark.line + 1}); "
                    "YAML keeps only one of them, so delete or rename the other",
                )
            try:
                # Most values are untagged scalars: built here, without a call per node.
                if shallow and type(value_node) is yaml.ScalarNode and value_node.tag == _STR:
                    value = value_node.value
                    if value_node.style == '"':
                        _check_escapes(value_node)
                    result[key] = value if value_node.style else _plain_scalar(value, value_node)
                else:
                    result[key] = self.build(value_node, depth + 1)
            except _Located as exc:
                exc.field.insert(0, key)
                raise
        return result


class _Located(Exception):
    def __init__(self, mark: Any, message: str, *, named: bool = False):
        super().__init__(message)
        self.mark = mark
        self.message = message
        #: Whether the problem line names the field (``casualties.killed.civilians``); the
        #: keys and indexes of ``field`` are filled in as the error leaves each level.
        self.named = named
        self.field: list[str | int] = []

    def problem(self, path: str) -> Problem:
        steps = (f"[{s}]" if isinstance(s, int) else f".{s}" for s in self.field)
        field = "".join(steps).lstrip(".") if self.named else ""
        return Problem(path, self.mark.line + 1, self.mark.column + 1, field, self.message)


def _tag_message(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    if len(short) > 60:  # a tag can be as long as the file: do not echo all of it
        short = short[:57] + "..."
    return f"YAML tags such as {short!r} are not allowed; remove the tag"


#: What libyaml's reader refuses in a file (C0 controls but tab and line breaks, DEL, C1
#: controls but NEL, U+FFFE/U+FFFF), which a double-quoted scalar can still produce with an
#: escape ("\e", "\x00", "\u0007"): a NUL or ESC would then reach pages, feeds and
#: terminals.
_ESCAPED_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _check_escapes(node: yaml.ScalarNode) -> None:
    found = _ESCAPED_CONTROL.search(node.value)
    if found:
        raise _Located(
            node.start_mark,
            f"contains the control character #x{ord(found.group()):04x} (written as an "
            "escape in double quotes), which YAML does not allow in a file; delete it",
        )


#: First characters of every plain scalar that is not text (null, bool, number, .nan, .inf).
_NOT_TEXT_START = frozenset("0123456789+-.~nNtTfF")


def _plain_scalar(text: str, node: yaml.ScalarNode) -> Any:
    if text and text[0] not in _NOT_TEXT_START:
        return text  # nearly every value: ids, names, words
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if len(text) > MAX_NUMBER_CHARS and (_INT.match(text) or _FLOAT.match(text)):
        message = (
            f"a number written with {len(text):,} characters; no figure or coordinate needs "
            f"more than {MAX_NUMBER_CHARS}: write the number correctly, or quote it if it is text"
        )
        raise _Located(node.start_mark, message, named=True)
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    if text in (".nan", ".NaN", ".NAN"):
        return float("nan")
    if text in (".inf", "+.inf", ".Inf", "+.Inf", ".INF", "+.INF"):
        return float("inf")
    if text in ("-.inf", "-.Inf", "-.INF"):
        return float("-inf")
    return text


class LoadError(ContentError):
    """A file that could not be read as one YAML mapping."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


#: Characters that open a nesting level ("[", "{", "- ", "? ", "key:"). A text with fewer of
#: them cannot nest deeper than that, so libyaml's composer (which recurses in C, and crashes
#: the interpreter on some tens of thousands of levels) is safe to run on it directly.
_NESTING = ("[", "{", "-", "?", ":")
_SAFE_NESTING = 200


def _check_events(text: str, path: str) -> None:
    """Refuse anchors, aliases and tags, and nesting deeper than MAX_DEPTH, from libyaml's
    event stream (which, unlike its composer, does not recurse).

    Anchors and aliases let a small file expand to gigabytes. Tags are visible only here:
    the composer gives an explicit ``!!str 5`` the same tag as a plain ``5``.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            raise LoadError(
                _problem(
                    path,
                    event.start_mark,
                    "YAML aliases (*name) are not allowed; write the value out in full",
                )
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise LoadError(
                _problem(
                    path,
                    event.start_mark,
                    "YAML anchors (&name) are not allowed; write the value out in full",
                )
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise LoadError(_problem(path, event.start_mark, _tag_message(tag)))
        if isinstance(event, yaml.CollectionStartEvent):
            if depth > MAX_DEPTH:  # the same node the builder would refuse
                raise LoadError(
                    _problem(path, event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
                )
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _tab_indented(text: str, line: int) -> bool:
    """Whether the (0-based) line starts with whitespace that contains a tab."""
    lines = text.splitlines()
    if line >= len(lines):
        return False
    content = lines[line]
    return "\t" in content[: len(content) - len(content.lstrip(" \t"))]


def parse_text(text: str, path: str) -> Document:
    """Parse one YAML document from text; raise ``LoadError`` on any problem."""
    root = _compose(text, path)
    if root is None:
        raise LoadError(_whole_file(path, "the file is empty; write one record in it"))
    try:
        data = _Builder().build(root)
    except _Located as exc:
        raise LoadError(exc.problem(path)) from None
    if not isinstance(data, dict):
        raise LoadError(
            _problem(
                path,
                root.start_mark,
                "the file must hold a mapping of fields "
                "(key: value lines), not a list or a single value",
            )
        )
    return Document(path=path, data=data, root=root, drafty="TODO" in text)


def _compose(text: str, path: str) -> yaml.Node | None:
    """libyaml's node tree of ``text`` (None when empty), its errors told as problems."""
    try:
        # Only texts containing '&', '*' or '!' can hold anchors, aliases or tags, and only
        # texts with many nesting characters can nest deeply; skip the extra pass for the
        # rest (nearly all files).
        if (
            "&" in text
            or "*" in text
            or "!" in text
            or sum(text.count(c) for c in _NESTING) > _SAFE_NESTING
        ):
            _check_events(text, path)
        loader = _Composer(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise LoadError(_syntax_problem(exc, text, path)) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (control characters); libyaml gives its position
        # as a byte offset into the UTF-8 text.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        message = (
            f"contains the control character #x{exc.character:04x}, which YAML does not "
            "allow; delete it"
        )
        raise LoadError(Problem(path, line, column, "", message)) from None
    except yaml.YAMLError as exc:
        raise LoadError(_whole_file(path, f"invalid YAML: {exc}")) from None
    except RecursionError:
        message = f"nested too deeply (more than {MAX_DEPTH} levels)"
        raise LoadError(_whole_file(path, message)) from None


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or "invalid YAML"
    if "expected a single document" in str(exc):
        message = "holds several YAML documents (---); put one record in each file"
    elif "found character '\\t'" in str(exc) or (
        mark is not None and _tab_indented(text, mark.line)
    ):
        message = "a tab character is not allowed for indentation; indent with spaces"
    else:
        message = f"invalid YAML: {message}"
        if exc.context:
            message += f" ({exc.context})"
    if mark is None:  # pragma: no cover - libyaml always gives a mark
        return _whole_file(path, message)
    return _problem(path, mark, message)


def load_file(file: Path, shown_as: str) -> Document:
    """Read and parse one file; raise ``LoadError`` on any problem."""
    try:
        text = decode(read_regular(file, MAX_FILE_BYTES))
    except Unreadable as exc:
        if exc.reason != "not text":
            message = exc.message(MAX_FILE_BYTES, "record")
            raise LoadError(_whole_file(shown_as, message)) from None
        raise LoadError(Problem(shown_as, exc.line, exc.column, "", exc.detail)) from None
    return parse_text(text, shown_as)
