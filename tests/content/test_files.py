"""Content file discovery and safe reading (content/files.py), and the preview's record cache
(content/cache.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.content.cache import RecordCache
from generator.content.files import (
    HIDDEN,
    Unreadable,
    content_files,
    decode,
    files_under,
    read_bytes,
    read_regular,
    relative,
)
from generator.content.load import load_file
from generator.content.model import Actor


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_record_files_are_listed_by_kind_and_misplaced_files_reported(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "content/events/b.yaml": "",
            "content/actors/a.yaml": "",
            "content/actors/.hidden.yaml": "",
            "content/actors/old.yml": "",
            "content/sources/notes.txt": "",
            "content/stray.yaml": "",
            "content/events/deeper/c.yaml": "",
        },
    )
    files, problems = content_files(tmp_path)
    assert [(kind, relative(path, tmp_path)) for kind, path in files] == [
        ("actors", "content/actors/a.yaml"),
        ("events", "content/events/b.yaml"),
    ]
    assert [str(p) for p in problems] == [
        f"content/actors/.hidden.yaml: {HIDDEN}",
        "content/actors/old.yml: rename to .yaml (content files end in .yaml)",
        "content/events/deeper/c.yaml: is not in one of the content folders (content/events/, "
        "content/actors/, content/locations/, content/sources/)",
        "content/sources/notes.txt: is not a .yaml file; content/ holds only YAML records",
        "content/stray.yaml: is not in one of the content folders (content/events/, "
        "content/actors/, content/locations/, content/sources/)",
    ]


def test_hidden_files_and_os_litter_are_reported_like_any_stray_file(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "content/events/.bad.yaml": "id: [broken",
            "content/events/.DS_Store": "",
            "content/events/._2020-07-10-x.yaml": "",
            "content/.drafts/x.yaml": "",
            "content/actors/a.yaml": "",
        },
    )
    files, problems = content_files(tmp_path)
    assert [relative(path, tmp_path) for _, path in files] == ["content/actors/a.yaml"]
    assert [str(p) for p in problems] == [
        "content/.drafts/x.yaml: is not in one of the content folders (content/events/, "
        "content/actors/, content/locations/, content/sources/)",
        f"content/events/.DS_Store: {HIDDEN}",
        f"content/events/._2020-07-10-x.yaml: {HIDDEN}",
        f"content/events/.bad.yaml: {HIDDEN}",
    ]
    assert HIDDEN == (
        "is a hidden file (its name starts with '.'); content/ holds only records named "
        "<id>.yaml: delete it, or rename it if it is a record"
    )


def test_files_that_are_not_regular_files_are_named_for_what_they_are(tmp_path: Path) -> None:
    events = tmp_path / "content" / "events"
    events.mkdir(parents=True)
    os.mkfifo(events / "pipe")
    os.mkfifo(events / ".hidden-pipe")
    os.mkfifo(tmp_path / "content" / "x.yaml")
    os.mkfifo(events / "2020-07-10-x.yaml")  # a record's name: refused when it is read
    files, problems = content_files(tmp_path)
    assert [relative(path, tmp_path) for _, path in files] == ["content/events/2020-07-10-x.yaml"]
    assert [str(p) for p in problems] == [
        "content/events/.hidden-pipe: is a named pipe (FIFO), not a file; remove it",
        "content/events/pipe: is a named pipe (FIFO), not a file; remove it",
        "content/x.yaml: is a named pipe (FIFO), not a file; remove it",
    ]


def test_read_regular_says_why_it_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "ten").write_bytes(b"0123456789")
    (tmp_path / "link").symlink_to(tmp_path / "ten")
    os.mkfifo(tmp_path / "pipe")

    def why(path: Path, limit: int = 10) -> tuple[str, str]:
        with pytest.raises(Unreadable) as caught:
            read_regular(path, limit)
        return caught.value.reason, caught.value.message(limit, "seed")

    assert read_regular(tmp_path / "ten", 10) == b"0123456789"
    assert why(tmp_path / "ten", 9) == (
        "too large",
        "is 10 bytes; an article's text may be at most 9 bytes",
    )
    assert why(tmp_path / "link") == (
        "link",
        "is a symbolic link; seeds must be ordinary files (copy the article's text here "
        "instead of linking to it)",
    )
    assert why(tmp_path) == ("folder", "is a folder; seeds must be ordinary files")
    assert why(tmp_path / "pipe") == ("special", "is a named pipe (FIFO), not a file; remove it")
    assert why(Path("/dev/null")) == ("special", "is a character device, not a file; remove it")
    assert why(tmp_path / "missing") == ("missing", "not found; check the file name")
    assert why(tmp_path / "ten" / "below") == ("error", "cannot be read: Not a directory")


def test_decode_gives_the_position_of_the_first_bad_byte() -> None:
    assert decode(b"\xef\xbb\xbfcaf\xc3\xa9") == "café"  # a byte-order mark is dropped
    with pytest.raises(Unreadable) as caught:
        decode(b"title: ok\nnotes: caf\xe9\n")
    assert caught.value.message(0, "seed") == (
        "line 2, column 11: invalid UTF-8 (byte 0xe9); save the file as UTF-8"
    )
    with pytest.raises(Unreadable) as caught:
        decode(b"a\x00")
    assert caught.value.message(0, "seed") == (
        "line 1, column 2: contains a NUL byte; this is not a text file"
    )


def test_a_linked_folder_is_reported_not_followed(tmp_path: Path) -> None:
    _tree(tmp_path, {"elsewhere/x.yaml": ""})
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "events").symlink_to(tmp_path / "elsewhere")
    files, problems = content_files(tmp_path)
    assert files == []
    assert [str(p) for p in problems] == [
        "content/events: is a symbolic link to a folder; content must be ordinary files and "
        "folders (copy the records here instead of linking)"
    ]


def test_no_content_folder(tmp_path: Path) -> None:
    assert [str(p) for p in content_files(tmp_path)[1]] == [
        "content: folder not found; run chronology from the project folder"
    ]


def test_files_under_lists_in_sorted_path_order(tmp_path: Path) -> None:
    _tree(tmp_path, {"b/a.yaml": "", "a.yaml": "", "a/z.yaml": "", "a-b.yaml": ""})
    assert [parts for parts, _ in files_under(tmp_path)] == [
        ("a", "z.yaml"),
        ("a-b.yaml",),
        ("a.yaml",),
        ("b", "a.yaml"),
    ]


def test_read_bytes_refuses_links_folders_and_files_over_the_limit(tmp_path: Path) -> None:
    (tmp_path / "ten").write_bytes(b"0123456789")
    (tmp_path / "link").symlink_to(tmp_path / "ten")
    assert read_bytes(tmp_path / "ten", limit=10) == b"0123456789"
    assert read_bytes(tmp_path / "ten", limit=9) is None
    assert read_bytes(tmp_path / "link", limit=10) is None
    assert read_bytes(tmp_path, limit=10) is None
    assert read_bytes(tmp_path / "missing", limit=10) is None
    os.mkfifo(tmp_path / "pipe")
    assert read_bytes(tmp_path / "pipe", limit=10) is None  # at once: never opened to wait


def test_relative_paths_use_slashes_and_leave_outside_paths_as_given(tmp_path: Path) -> None:
    assert relative(tmp_path / "content" / "events" / "x.yaml", tmp_path) == (
        "content/events/x.yaml"
    )
    outside = Path(os.sep) / "elsewhere" / "x.yaml"
    assert relative(outside, tmp_path) == str(outside)


@pytest.fixture
def record(tmp_path: Path) -> tuple[Path, object, Actor]:
    path = tmp_path / "kh.yaml"
    path.write_text("id: kh\nname: KH\nkind: armed-group\n", encoding="utf-8")
    doc = load_file(path, "content/actors/kh.yaml")
    return path, doc, Actor.model_validate(doc.data)


def test_the_cache_returns_a_record_until_its_file_changes(record) -> None:
    path, doc, actor = record
    cache = RecordCache()
    signature = cache.signature(path)
    assert cache.get(path, signature) is None
    cache.put(path, signature, doc, actor)
    assert cache.get(path, cache.signature(path)) == (doc, actor)
    path.write_text("id: kh\nname: Kataib Hezbollah\nkind: armed-group\n", encoding="utf-8")
    assert cache.get(path, cache.signature(path)) is None


def test_the_cache_forgets_files_that_are_gone_and_never_keeps_unreadable_ones(record) -> None:
    path, doc, actor = record
    cache = RecordCache()
    cache.put(path, cache.signature(path), doc, actor)
    cache.retain([])
    assert cache.get(path, cache.signature(path)) is None
    missing = path.with_name("gone.yaml")
    assert cache.signature(missing) is None
    cache.put(missing, None, doc, actor)
    assert cache.get(missing, None) is None
