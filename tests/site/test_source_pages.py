"""What a reader is told about a source's quotes: checked by machine against the article's
stored text (a ``seed``), or not checked (a source cited by its web address only), on the
event pages that cite it and on its own page; and its web address.

Checked on the tiny project (tests/conftest.py) with a second source that has no stored text
and an event citing both.
"""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import SOURCE_ID, make_project, write

from generator.content.catalog import load_catalog
from generator.site.render import Renderer

EVENT = "2020-08-30-rockets-and-a-statement"
UNSTORED = "wire-2020-08-31-statement"

EXTRA = {
    f"content/sources/{UNSTORED}.yaml": (
        f"id: {UNSTORED}\noutlet: Test Wire\ndate: 2020-08-31\ntitle: A statement\n"
        "url: https://example.com/wire/statement\n"
    ),
    f"content/events/{EVENT}.yaml": (
        f"id: {EVENT}\ndate: 2020-08-30\ntitle: Rockets and a statement\ntype: statement\n"
        "summary: Police spoke.\nsources:\n"
        f'  - source: {SOURCE_ID}\n    quote: Police called it "a cowardly act".\n'
        f"  - source: {UNSTORED}\n    quote: The police spoke about the rockets on Sunday.\n"
    ),
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    root = make_project(tmp_path_factory.mktemp("unstored") / "project", site=False)
    for relative, text in EXTRA.items():
        write(root, relative, text)
    return Renderer(load_catalog(root)).pages()


def text_of(page: str) -> BeautifulSoup:
    html = markdown.markdown(page.split("\n---\n", 1)[-1], extensions=["tables"])
    return BeautifulSoup(html, "html.parser")


def test_an_event_page_says_which_quotes_were_checked(pages):
    soup = text_of(pages[f"events/{EVENT}.md"])
    heading = soup.find("h2", string="Sources")
    items = heading.find_next("ul").find_all("li", recursive=False)
    lines = [" ".join(item.find("p").get_text().split()) for item in items]
    assert lines == [
        "AFP: Rocket kills two near Green Zone (2020-09-01) · quotes machine-checked against "
        "the stored text",
        "Test Wire: A statement (2020-08-31) · quotes not checked against a stored copy",
    ]
    assert [item.find("em").get_text() for item in items] == [
        "quotes machine-checked against the stored text",
        "quotes not checked against a stored copy",
    ]


def fact(page: str, label: str) -> str:
    soup = text_of(page)
    cell = soup.find("strong", string=label).find_parent("td").find_next_sibling("td")
    return cell.get_text()


def test_a_source_page_says_whether_its_quotes_were_checked(pages):
    """And its address, with no note about it (none given) and no archived copy."""
    stored = pages[f"sources/{SOURCE_ID}.md"]
    unstored = pages[f"sources/{UNSTORED}.md"]
    assert fact(stored, "Quotes") == "machine-checked against the stored text of the article"
    assert fact(unstored, "Quotes") == (
        "not checked against a stored copy: compare them with the article at its address"
    )
    assert fact(unstored, "Web address") == "https://example.com/wire/statement"
    link = text_of(unstored).find("a", string="https://example.com/wire/statement")
    assert link["href"] == "https://example.com/wire/statement"
    assert "About the address" not in unstored and "Archived copy" not in unstored


def test_an_archived_copy_and_a_note_on_the_address(tmp_path):
    root = make_project(tmp_path / "project", site=False)
    snapshot = "https://web.archive.org/web/20200831120000/https://example.com/wire/statement"
    note = "No address of its own: the | statement is *quoted* on <b>another</b> page."
    for relative, text in EXTRA.items():
        text = text.replace(
            "url: https://example.com/wire/statement\n",
            f"archive_url: {snapshot}\nurl_note: '{note}'\n",
        )
        write(root, relative, text)
    page = Renderer(load_catalog(root)).pages()[f"sources/{UNSTORED}.md"]
    assert fact(page, "Archived copy") == snapshot
    assert text_of(page).find("a", string=snapshot)["href"] == snapshot
    assert fact(page, "Web address") == note  # no address: the note says why, as text
    expected = "not checked against a stored copy: compare them with the article at its address"
    assert fact(page, "Quotes") == expected
