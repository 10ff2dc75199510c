"""The strict YAML reader: safe, no type guessing, every problem at ``path:line:col``."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from generator.content import load
from generator.content.load import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NUMBER_CHARS,
    LoadError,
    load_file,
    parse_text,
)

SHOWN = "content/events/x.yaml"


def read(tmp_path: Path, raw: bytes | str):
    """Write ``raw`` to a file and load it as the catalog does."""
    path = tmp_path / "x.yaml"
    path.write_bytes(raw.encode("utf-8") if isinstance(raw, str) else raw)
    return load_file(path, SHOWN)


def error(tmp_path: Path, raw: bytes | str) -> str:
    with pytest.raises(LoadError) as caught:
        read(tmp_path, raw)
    assert str(caught.value) == str(caught.value.problem)
    return str(caught.value)


# --- values are not guessed ------------------------------------------------------------------


def test_plain_values(tmp_path):
    doc = read(
        tmp_path,
        "yes_: yes\n"
        "no_: no\n"
        "on_: on\n"
        "off_: off\n"
        "y_: y\n"
        "true_: true\n"
        "false_: False\n"
        "time: 1:20\n"
        "octal: 012\n"
        "octal2: 0o17\n"
        "hex: 0x1F\n"
        "day: 2020-09-28\n"
        "int: 5\n"
        "negative: -3\n"
        "plus: +7\n"
        "zero: 0\n"
        "float: 1.5\n"
        "exponent: 1e3\n"
        "quoted: '5'\n"
        'double: "12"\n'
        "null_: null\n"
        "tilde: ~\n"
        "empty:\n"
        "underscores: 1_000\n"
        "block: |\n  5\n",
    )
    assert doc.data == {
        "yes_": "yes",
        "no_": "no",
        "on_": "on",
        "off_": "off",
        "y_": "y",
        "true_": True,
        "false_": False,
        "time": "1:20",
        "octal": "012",
        "octal2": "0o17",
        "hex": "0x1F",
        "day": "2020-09-28",
        "int": 5,
        "negative": -3,
        "plus": 7,
        "zero": 0,
        "float": 1.5,
        "exponent": 1000.0,
        "quoted": "5",
        "double": "12",
        "null_": None,
        "tilde": None,
        "empty": None,
        "underscores": "1_000",
        "block": "5\n",
    }
    assert type(doc.data["int"]) is int
    assert type(doc.data["float"]) is float
    assert type(doc.data["true_"]) is bool


def test_nan_and_infinity_are_numbers(tmp_path):
    # They are numbers (so the model can refuse them with a clear message), not text.
    data = read(tmp_path, "a: .nan\nb: .inf\nc: -.inf\n").data
    assert data["a"] != data["a"]
    assert data["b"] == float("inf")
    assert data["c"] == float("-inf")


def long_number(characters: int) -> str:
    return (
        f"a number written with {characters:,} characters; no figure or coordinate needs "
        f"more than {MAX_NUMBER_CHARS}: write the number correctly, or quote it if it is text"
    )


@pytest.mark.parametrize(
    "text, where, characters",
    [
        # Python refuses int() of more than 4,300 digits with a ValueError.
        ("a: " + "7" * 4301 + "\n", "1:4: a", 4301),
        ("a: -" + "7" * 100_000 + "\n", "1:4: a", 100_001),
        ("a:\n  b: {c: " + "1" * 101 + "}\n", "2:10: a.b.c", 101),
        ("a: [1, 2, " + "3" * 5000 + "]\n", "1:11: a[2]", 5000),
        ("a:\n  - b: [x, {c: " + "1" * 200 + "}]\n", "2:16: a[0].b[1].c", 200),
        ("a: 1." + "5" * 1_000_000 + "\n", "1:4: a", 1_000_002),
        ("a: " + "1" * 200 + "e5\n", "1:4: a", 202),
        ("9" * 5000 + "\n", "1:1", 5000),  # the whole file one number
    ],
)
def test_numbers_of_any_length_get_a_message(text, where, characters):
    with pytest.raises(LoadError) as caught:
        parse_text(text, SHOWN)
    assert str(caught.value) == f"{SHOWN}:{where}: {long_number(characters)}"


def test_numbers_up_to_max_number_chars_are_read():
    data = parse_text(f"a: {'1' * MAX_NUMBER_CHARS}\nb: '{'2' * 5000}'\n", SHOWN).data
    assert data == {"a": int("1" * MAX_NUMBER_CHARS), "b": "2" * 5000}  # quoted: text


def test_nested_structures(tmp_path):
    doc = read(tmp_path, "a:\n  - {b: 1, c: [x, 'y']}\n  - d\n")
    assert doc.data == {"a": [{"b": 1, "c": ["x", "y"]}, "d"]}


def test_positions(tmp_path):
    doc = read(tmp_path, "id: x\nactors:\n  - actor: a\n    role: target\n")
    assert doc.position(("id",)) == (1, 5)
    assert doc.position(("id",), key=True) == (1, 1)
    assert doc.position(("actors", 0, "role")) == (4, 11)
    assert doc.position(("actors", 0, "role"), key=True) == (4, 5)
    # Missing fields point at the mapping they are missing from.
    assert doc.position(("actors", 0, "by")) == (3, 5)
    assert doc.position(("actors", 5)) == (3, 3)
    assert doc.position(("title",)) == (1, 1)


# --- safety ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        (
            'a: !!python/object/apply:os.system ["echo hi"]\n',
            "1:4: YAML tags such as '!!python/object/apply:os.system' are not allowed; "
            "remove the tag",
        ),
        ("a: !!int 5\n", "1:4: YAML tags such as '!!int' are not allowed; remove the tag"),
        # An explicit !!str looks like a plain scalar once composed; it must not become 5.
        ("a: !!str 5\n", "1:4: YAML tags such as '!!str' are not allowed; remove the tag"),
        ("a: ! 5\n", "1:4: YAML tags such as '!' are not allowed; remove the tag"),
        ("a: !foo bar\n", "1:4: YAML tags such as '!foo' are not allowed; remove the tag"),
        ("!!map\na: 1\n", "1:1: YAML tags such as '!!map' are not allowed; remove the tag"),
        ("a: 1\nb: !!seq [1]\n", "2:4: YAML tags such as '!!seq' are not allowed; remove the tag"),
    ],
)
def test_tags_are_refused(tmp_path, text, message):
    assert error(tmp_path, text) == f"{SHOWN}:{message}"


def test_python_tag_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    error(tmp_path, f'a: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert not marker.exists()


def test_anchors_and_aliases_are_refused(tmp_path):
    assert error(tmp_path, "a: &x 1\nb: 2\n") == (
        f"{SHOWN}:1:4: YAML anchors (&name) are not allowed; write the value out in full"
    )
    assert error(tmp_path, "a: 1\nb: *x\n") == (
        f"{SHOWN}:2:4: YAML aliases (*name) are not allowed; write the value out in full"
    )
    # A billion-laughs bomb is refused at its first anchor, before anything expands.
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    assert error(tmp_path, bomb) == (
        f"{SHOWN}:1:4: YAML anchors (&name) are not allowed; write the value out in full"
    )


def test_ampersand_and_asterisk_in_text_are_fine(tmp_path):
    doc = read(tmp_path, "a: 'x & y'\nb: \"*star*\"\nc: x & y\nd: Attack!\n")
    assert doc.data == {"a": "x & y", "b": "*star*", "c": "x & y", "d": "Attack!"}


def test_duplicate_keys_name_both_lines(tmp_path):
    assert error(tmp_path, "id: a\ntitle: b\nid: c\n") == (
        f"{SHOWN}:3:1: duplicate key 'id' (first on line 1); YAML keeps only one of them, "
        "so delete or rename the other"
    )


def test_duplicate_keys_in_nested_mapping(tmp_path):
    assert error(tmp_path, "casualties:\n  killed: {civilians: 1, civilians: 2}\n") == (
        f"{SHOWN}:2:26: duplicate key 'civilians' (first on line 2); YAML keeps only one of "
        "them, so delete or rename the other"
    )


def test_keys_must_be_words(tmp_path):
    assert error(tmp_path, "[a]: 1\n") == f"{SHOWN}:1:1: keys must be plain words"


def test_nesting_deeper_than_max_depth(tmp_path):
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    # The root mapping is level 0; the first '[' is level 1, so level 21 is the 21st '['.
    assert error(tmp_path, text) == (
        f"{SHOWN}:1:{3 + MAX_DEPTH + 1}: nested more than {MAX_DEPTH} levels deep"
    )
    block = "a:" + "".join("\n" + "  " * (i + 1) + f"k{i}:" for i in range(MAX_DEPTH + 5))
    assert error(tmp_path, block + " 1\n") == (
        f"{SHOWN}:22:43: nested more than {MAX_DEPTH} levels deep"
    )


def test_nesting_at_max_depth_is_fine(tmp_path):
    # MAX_DEPTH - 1 lists inside the root mapping put the innermost scalar at MAX_DEPTH.
    depth = MAX_DEPTH - 1
    doc = read(tmp_path, "a: " + "[" * depth + "1" + "]" * depth + "\n")
    value = doc.data["a"]
    for _ in range(depth - 1):
        value = value[0]
    assert value == [1]


@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_very_deep_nesting_is_refused_without_crashing(tmp_path, opener):
    # 100,000 levels in 200 KB (under MAX_FILE_BYTES): libyaml's composer recurses in C and
    # used to crash the interpreter with a segmentation fault.
    closer = "]" if opener == "[" else "}"
    n = 100_000
    text = "a: " + opener * n + ("" if opener == "[" else "1") + closer * n + "\n"
    assert len(text.encode()) < MAX_FILE_BYTES
    assert error(tmp_path, text) == (
        f"{SHOWN}:1:{3 + MAX_DEPTH * len(opener) + 1}: nested more than {MAX_DEPTH} levels deep"
    )


def test_file_over_max_file_bytes(tmp_path):
    text = "a: '" + "x" * MAX_FILE_BYTES + "'\n"
    size = len(text)
    assert error(tmp_path, text) == (
        f"{SHOWN}: is {size:,} bytes; a record file may be at most {MAX_FILE_BYTES:,} bytes"
    )


def test_file_of_exactly_max_file_bytes_is_read(tmp_path):
    text = "a: '" + "x" * (MAX_FILE_BYTES - 6) + "'\n"
    assert len(text) == MAX_FILE_BYTES
    assert read(tmp_path, text).data == {"a": "x" * (MAX_FILE_BYTES - 6)}


def test_unreadable_path(tmp_path):
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path, SHOWN)  # a folder, not a file
    assert str(caught.value) == f"{SHOWN}: is a folder; content files must be ordinary files"


def test_a_named_pipe_is_refused_without_being_opened(tmp_path):
    # Opening a FIFO for reading waits for a writer: forever, without the lstat before it.
    os.mkfifo(tmp_path / "x.yaml")
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path / "x.yaml", SHOWN)
    assert str(caught.value) == f"{SHOWN}: is a named pipe (FIFO), not a file; remove it"


def test_a_socket_is_refused(tmp_path):
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "x.yaml"))
        with pytest.raises(LoadError) as caught:
            load_file(tmp_path / "x.yaml", SHOWN)
    finally:
        server.close()
    assert str(caught.value) == f"{SHOWN}: is a socket, not a file; remove it"


def test_a_device_is_refused():
    with pytest.raises(LoadError) as caught:
        load_file(Path("/dev/zero"), SHOWN)
    assert str(caught.value) == f"{SHOWN}: is a character device, not a file; remove it"


def test_a_file_removed_while_being_checked(tmp_path):
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path / "gone.yaml", SHOWN)
    assert str(caught.value) == f"{SHOWN}: not found; check the file name"


# --- the shape of the file ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ("", ": the file is empty; write one record in it"),
        ("# only a comment\n", ": the file is empty; write one record in it"),
        ("\n\n   \n", ": the file is empty; write one record in it"),
        (
            "a: 1\n---\nb: 2\n",
            ":2:1: holds several YAML documents (---); put one record in each file",
        ),
        (
            "- a\n- b\n",
            ":1:1: the file must hold a mapping of fields (key: value lines), not a list or a "
            "single value",
        ),
        (
            "hello\n",
            ":1:1: the file must hold a mapping of fields (key: value lines), not a list or a "
            "single value",
        ),
        (
            "a:\n\tb: 1\n",
            ":2:1: a tab character is not allowed for indentation; indent with spaces",
        ),
        (
            "a: 1\n\tb: 2\n",
            ":2:1: a tab character is not allowed for indentation; indent with spaces",
        ),
        (
            "a: [1, 2\n",
            ":2:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)",
        ),
        ("a: b: c\n", ":1:5: invalid YAML: mapping values are not allowed in this context"),
        (
            'a: "unterminated\n',
            ":2:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar)",
        ),
        (
            "a: b\n- c\n",
            ":2:1: invalid YAML: did not find expected key (while parsing a block mapping)",
        ),
    ],
)
def test_shape_errors(tmp_path, text, message):
    assert error(tmp_path, text) == SHOWN + message


def test_a_leading_document_marker_is_fine(tmp_path):
    assert read(tmp_path, "---\na: 1\n...\n").data == {"a": 1}


def test_tab_inside_quoted_text_is_fine(tmp_path):
    assert read(tmp_path, 'a: "x\ty"\n').data == {"a": "x\ty"}


# --- bytes and encodings -----------------------------------------------------------------------


def test_invalid_utf8(tmp_path):
    assert error(tmp_path, b"a: \xff\n") == (
        f"{SHOWN}:1:4: invalid UTF-8 (byte 0xff); save the file as UTF-8"
    )
    assert error(tmp_path, b"a: 1\nb: x\xc3(\n") == (
        f"{SHOWN}:2:5: invalid UTF-8 (byte 0xc3); save the file as UTF-8"
    )


def test_latin1_file(tmp_path):
    assert error(tmp_path, "name: Café\n".encode("latin-1")) == (
        f"{SHOWN}:1:10: invalid UTF-8 (byte 0xe9); save the file as UTF-8"
    )


def test_nul_byte(tmp_path):
    assert error(tmp_path, b"a: 1\nb: x\x00y\n") == (
        f"{SHOWN}:2:5: contains a NUL byte; this is not a text file"
    )


@pytest.mark.parametrize(
    "text, where, code",
    [
        ("a: 1\nb: x\x1by\n", "2:5", "001b"),
        ("a: x\x0cy\n", "1:5", "000c"),
        ("a: \x7f\n", "1:4", "007f"),
        # Positions count characters, not the bytes libyaml reports.
        ("a: é\nb: كتائب\x1b\n", "2:9", "001b"),
    ],
)
def test_control_characters(tmp_path, text, where, code):
    assert error(tmp_path, text) == (
        f"{SHOWN}:{where}: contains the control character #x{code}, which YAML does not "
        "allow; delete it"
    )


def test_byte_order_mark_is_accepted(tmp_path):
    doc = read(tmp_path, b"\xef\xbb\xbfid: x\ntitle: y\n")
    assert doc.data == {"id": "x", "title": "y"}
    assert doc.position(("title",)) == (2, 8)


def test_crlf_is_accepted(tmp_path):
    doc = read(tmp_path, b"id: x\r\ntitle: y\r\nsummary: >-\r\n  one\r\n  two\r\n")
    assert doc.data == {"id": "x", "title": "y", "summary": "one two"}
    assert doc.position(("title",)) == (2, 8)


def test_crlf_error_positions(tmp_path):
    assert error(tmp_path, b"id: x\r\nid: y\r\n") == (
        f"{SHOWN}:2:1: duplicate key 'id' (first on line 1); YAML keeps only one of them, "
        "so delete or rename the other"
    )


def test_unicode_text(tmp_path):
    doc = read(tmp_path, "name_ar: كتائب حزب الله\nquote: “curly” — dash\n")
    assert doc.data == {"name_ar": "كتائب حزب الله", "quote": "“curly” — dash"}


def test_parse_text_is_the_same_reader():
    doc = load.parse_text("a: 1\n", "shown.yaml")
    assert doc.path == "shown.yaml"
    assert doc.data == {"a": 1}
