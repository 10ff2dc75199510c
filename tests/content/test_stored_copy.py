"""Sources without a stored copy: cited by their address (and an archived copy) only, their
quotes are not checked, and the catalog says so per citation; a source that can be read
nowhere is an error."""

from __future__ import annotations

import textwrap

from conftest import EXACT_ID, FILES, SOURCE_ID, write

from generator.content.catalog import check_content, load_catalog

SOURCE = f"content/sources/{SOURCE_ID}.yaml"
EVENT = f"content/events/{EXACT_ID}.yaml"
WAYBACK = "https://web.archive.org/web/20200901120000/https://example.com/afp/rocket"


def _problems(project) -> list[str]:
    (project / "seeds" / "x.txt").unlink(missing_ok=True)  # no source names it any more
    return [str(p) for p in check_content(project)[1]]


def _without_seed(project, extra: str = "") -> None:
    text = textwrap.dedent(FILES[SOURCE]).replace("seed: x.txt\n", extra)
    write(project, SOURCE, text)


def test_a_source_with_an_address_and_an_archive_needs_no_stored_text(project):
    _without_seed(project, f"archive_url: {WAYBACK}\n")
    text = textwrap.dedent(FILES[EVENT]).replace("blamed Kataib Hezbollah", "blamed Iran")
    write(project, EVENT, text)  # a misquote nobody can check: not reported
    assert _problems(project) == []
    catalog = load_catalog(project)
    source = catalog.sources[SOURCE_ID]
    assert (source.archive_url, source.has_stored_copy) == (WAYBACK, False)
    citation = catalog.events[EXACT_ID].sources[0]
    assert catalog.quote_checked(citation) is False


def test_quotes_from_a_stored_text_are_checked(project):
    assert check_content(project)[1] == []
    catalog = load_catalog(project)
    assert catalog.sources[SOURCE_ID].has_stored_copy is True
    assert catalog.quote_checked(catalog.events[EXACT_ID].sources[0]) is True


def test_a_source_that_can_be_read_nowhere_is_an_error(project):
    text = textwrap.dedent(FILES[SOURCE]).replace("seed: x.txt\n", "")
    write(project, SOURCE, text.replace("url: https://example.com/afp/rocket\n", ""))
    assert _problems(project) == [
        f"{SOURCE}:1:1: url: the article can be read nowhere: give its address (url: "
        "https://…, and archive_url: a snapshot of it, e.g. https://web.archive.org/web/…), or "
        "its text in seeds/ (seed: <name>.txt), which lets validate check every quote",
    ]


def test_an_archived_copy_alone_is_somewhere_to_read(project):
    text = textwrap.dedent(FILES[SOURCE]).replace("seed: x.txt\n", "")
    text = text.replace("url: https://example.com/afp/rocket", f"archive_url: {WAYBACK}")
    write(project, SOURCE, text)
    assert _problems(project) == []


def test_archive_url_must_be_a_web_address(project):
    _without_seed(project, "archive_url: web.archive.org/web/2020/x\n")
    assert _problems(project) == [
        f"{SOURCE}:8:14: archive_url: 'web.archive.org/web/2020/x' is not a web address; it "
        "must start with http:// or https://",
    ]
