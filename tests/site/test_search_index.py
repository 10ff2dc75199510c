"""The search index (generator/site/search_index.py) and its words (search_words.py), read back
from the files it writes, against the catalog it is made from: the real content and the tiny
project of tests/conftest.py with its hostile records. That the right page comes first is
the browser's to show (tests/e2e/test_search.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.content.catalog import Catalog, load_catalog
from generator.site.render import Renderer
from generator.site.search_index import (
    CALLBACK,
    CHUNK,
    NAME,
    SEARCH_INDEX_PATH,
    TEXT,
    TITLE,
    Page,
    WordCache,
    file_key,
    index_files,
    search_files,
    snippet,
)
from generator.site.search_words import fold, key_words, phrase, words
from generator.site.urls import page_uri, page_url
from tests.conftest import HOSTILE, make_project, write

REPO = Path(__file__).resolve().parents[2]
_CALL = re.compile(re.escape(CALLBACK) + r'\(("[a-z]+"),("[^"]*"|\d+),(.*)\);\n\Z', re.DOTALL)


def read(text: str) -> tuple[str, str | int, object]:
    """(kind, key, data) of one index file: the one call it makes, its arguments JSON."""
    call = _CALL.fullmatch(text)
    assert call, text[:200]
    return json.loads(call[1]), json.loads(call[2]), json.loads(call[3])


class Index:
    """The index's files, read back: the list of shards, each word's pages and places, each
    name's pages, and the pages."""

    def __init__(self, files: dict[str, str]):
        self.files = files
        _, _, self.manifest = read(files[SEARCH_INDEX_PATH])
        self.words: dict[str, dict[int, int]] = {}
        self.names: dict[str, list[int]] = {}
        self.pages: list[list[str]] = []
        for key in self.manifest["shards"]:
            kind, given, shard = read(files[f"search/words/{file_key(key)}.js"])
            assert (kind, given) == ("words", key)
            for word, postings in shard["w"].items():
                assert word[:2] == key
                page, found = 0, {}
                for value in postings:
                    page += value // 4
                    found[page] = value % 4
                self.words[word] = found
            for name, gaps in shard["p"].items():
                assert name[:2] == key
                pages = [sum(gaps[: i + 1]) for i in range(len(gaps))]
                self.names[name] = pages
        for number in range(0, self.manifest["pages"], CHUNK):
            kind, given, rows = read(files[f"search/pages/{number // CHUNK}.js"])
            assert (kind, given) == ("pages", number // CHUNK)
            self.pages += rows
        assert len(self.pages) == self.manifest["pages"]

    def number(self, url: str) -> int:
        return [page[1] for page in self.pages].index(url)


def index_of(catalog: Catalog, docs: Path | None = None, directory_urls: bool = True) -> Index:
    pages = Renderer(catalog).pages()
    return Index(search_files(catalog, pages, docs, directory_urls))


@pytest.fixture(scope="module")
def real() -> tuple[Catalog, Index]:
    catalog = load_catalog(REPO)
    return catalog, index_of(catalog, REPO / "docs")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, Index]:
    root = make_project(tmp_path_factory.mktemp("search") / "project", site=False)
    for relative, text in HOSTILE.items():
        write(root, relative, text)
    catalog = load_catalog(root)
    return catalog, index_of(catalog, directory_urls=False)


# --- words ------------------------------------------------------------------------------------


def test_words_are_folded_as_readers_type_them() -> None:
    assert words("Kata'eb Ḥezbollah’s") == ["kataeb", "hezbollah"]
    assert words("Iraq's parliament") == ["iraq", "parliament"]
    assert words("U.S.-led coalition, Washington D.C.") == [
        "us",
        "led",
        "coalition",
        "washington",
        "dc",
    ]
    assert words("45th Brigade (Kataib Hezbollah)") == ["45th", "brigade", "kataib", "hezbollah"]
    assert words("1.5 km") == ["1", "5", "km"]  # a full stop between digits parts them
    # Arabic: hamza and short vowels go, ta marbuta is ha, alef wasla alef, Persian letters.
    assert words("كتائب حزب الله") == ["كتايب", "حزب", "الله"]
    assert words("مَدْرَسَة ٱلقدس کتیبه") == ["مدرسه", "القدس", "كتيبه"]
    assert fold("ﬁre ŒUVRE") == "fire œuvre"


def test_stop_words_are_left_out_unless_they_are_all() -> None:
    assert key_words("US Embassy in Baghdad") == ["us", "embassy", "baghdad"]
    assert key_words("the") == ["the"]
    assert phrase("US Embassy, Baghdad") == phrase("US Embassy in Baghdad") == "usembassybaghdad"
    assert phrase("the coalition") == "coalition"


def test_a_shard_file_name_is_safe_anywhere() -> None:
    assert file_key("ka") == "ka"
    assert file_key("كت") == "_643_62a"
    assert file_key("é1") == "_e91"
    assert file_key("a_") == "a_5f"


def test_a_snippet_is_one_short_line() -> None:
    assert snippet("Two  rockets\nhit.") == "Two rockets hit."
    long = "word " * 100
    assert snippet(long) == ("word " * 23).strip() + "…"
    assert len(snippet(long)) <= 120


# --- the real content ---------------------------------------------------------------------


def test_every_name_of_every_actor_and_place_is_in_its_pages_names(real) -> None:
    catalog, index = real
    for record in [*catalog.actors.values(), *catalog.locations.values()]:
        number = index.number(page_url(page_uri(record)))
        assert index.pages[number][0] == record.name
        for name in [record.name, *record.aliases, *filter(None, [record.name_ar])]:
            assert number in index.names[phrase(name)], name
            for word in words(name):
                assert index.words[word][number] == NAME, (name, word)


def test_every_record_has_its_page_once(real) -> None:
    catalog, index = real
    urls = [page[1] for page in index.pages]
    assert len(urls) == len(set(urls))
    for table in (catalog.events, catalog.actors, catalog.locations, catalog.sources):
        for record in table.values():
            assert page_url(page_uri(record)) in urls, record.id


def test_an_event_is_found_by_its_title_and_its_summary(real) -> None:
    catalog, index = real
    event = catalog.events["2020-09-28-rocket-kills-family-near-baghdad-airport"]
    number = index.number(page_url(page_uri(event)))
    kind, title_word, text_word = index.pages[number][2], "family", "airport"
    assert kind.startswith("Event · ") and index.pages[number][0] == event.title
    assert index.words[title_word][number] == TITLE
    assert text_word in words(event.summary)
    assert index.words[text_word][number] >= TEXT
    assert index.pages[number][3] == snippet(event.summary)
    # A stop word is a word of names only ("the coalition"), never of titles or text.
    assert set(index.words["the"].values()) == {NAME}


def test_site_pages_and_hand_written_sections_are_found(real) -> None:
    _, index = real
    titles = {page[0]: page for page in index.pages}
    assert titles["Statistics"][1:3] == ["statistics/", "Page"]
    assert titles["Open data"][1] == "data/"
    assert titles["Explorer addresses"][1:3] == ["data/#explorer-addresses", "Section · Open data"]
    # A heading's code and emphasis marks are not its words; its anchor is toc's.
    assert (
        titles["Duplicates and distinct_from"][1] == "content-format/#duplicates-and-distinct_from"
    )
    # Headings inside fenced code (YAML comments) are not sections.
    assert not [title for title in titles if title.startswith("distinct_from:")]


def test_the_anchors_of_sections_are_the_pages_anchors(real, tmp_path: Path) -> None:
    """Each section's anchor is an id Python-Markdown's toc gives the heading."""
    import markdown

    from generator.site.anchors import slugify

    _, index = real
    for source in sorted((REPO / "docs").glob("*.md")):
        text = source.read_text(encoding="utf-8")
        converter = markdown.Markdown(
            extensions=["toc", "attr_list", "tables", "admonition"],
            extension_configs={"toc": {"slugify": slugify}},
        )
        html = converter.convert(text)
        ids = set(re.findall(r' id="([^"]+)"', html))
        url = page_url(source.relative_to(REPO / "docs").as_posix())
        anchors = [p[1].split("#")[1] for p in index.pages if p[1].startswith(url + "#")]
        assert anchors and set(anchors) <= ids, set(anchors) - ids


def test_the_file_site_links_pages_as_files(real) -> None:
    catalog, _ = real
    index = index_of(catalog, REPO / "docs", directory_urls=False)
    assert all(page[1].split("#")[0].endswith(".html") for page in index.pages)


def test_the_index_is_small_and_split(real) -> None:
    _, index = real
    shards = [text for path, text in index.files.items() if path.startswith("search/words/")]
    assert len(shards) == len(index.manifest["shards"]) > 50
    assert max(len(text) for text in shards) < 20_000


def test_the_same_content_writes_the_same_files(real) -> None:
    catalog, index = real
    again = search_files(catalog, Renderer(catalog).pages(), REPO / "docs")
    assert again == index.files
    assert re.fullmatch(r"[0-9a-f]{12}", index.manifest["build"])


def test_a_word_cache_changes_nothing_and_keeps_the_last_build_only() -> None:
    one = Page("Kataib Hezbollah", "actors/kh/", "Actor", names=["Kataib Hezbollah", "KH"])
    two = Page("KH strikes", "events/x/", "Event", text=["Kataib Hezbollah fired."])
    changed = Page("KH strikes again", "events/x/", "Event", text=["Kataib Hezbollah fired."])
    cache = WordCache()
    assert index_files([one, two], cache) == index_files([one, two])
    assert index_files([one, two], cache) == index_files([one, two])
    assert index_files([one, changed], cache) == index_files([one, changed])
    assert sorted(key[0] for key in cache.pages) == ["KH strikes again", "Kataib Hezbollah"]


# --- hostile content ----------------------------------------------------------------------


def test_hostile_text_is_inert_in_the_scripts(hostile) -> None:
    """Every file is one call whose arguments are JSON, with no character that could end the
    script element or open a comment: text from content/ is data, never code."""
    _, index = hostile
    for path, text in index.files.items():
        read(text)
        assert not set("<>&\u2028\u2029") & set(text), path
        assert text.isascii(), path


def test_hostile_names_are_text_in_the_pages(hostile) -> None:
    catalog, index = hostile
    actor = catalog.actors["evil-actor"]
    number = index.number(page_url(page_uri(actor), directory_urls=False))
    assert index.pages[number][0] == actor.name  # the text itself, as search.js shows it
    assert number in index.names[phrase("<img src=x onerror=alert(1)>")]
    event = catalog.events["2020-08-01-evil-event"]
    assert [event.title, "events/2020-08-01-evil-event.html"] == index.pages[
        index.number("events/2020-08-01-evil-event.html")
    ][:2]


def test_pages_are_numbered_in_order_and_places_kept() -> None:
    pages = [
        Page("Kataib Hezbollah", "actors/kh/", "Actor", names=["Kataib Hezbollah", "KH"]),
        Page("KH strikes", "events/x/", "Event", text=["Kataib Hezbollah fired."]),
    ]
    index = Index(index_files(pages))
    assert index.words["kataib"] == {0: NAME, 1: TEXT}
    assert index.words["kh"] == {0: NAME, 1: TITLE}
    assert index.words["strikes"] == {1: TITLE}
    assert index.names == {"kataibhezbollah": [0], "kh": [0]}
    assert index.pages[1] == ["KH strikes", "events/x/", "Event", ""]
