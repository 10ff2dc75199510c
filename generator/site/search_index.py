"""The site's search index: every page a reader may look for, as small scripts the search box
(docs/assets/search.js) loads a few at a time, over http and from file:// alike.

A search answers in a second at 10,000 events because a query loads only what it needs:

- ``search/index.js``: the number of pages, which shards exist, the chunk size, and the
  letter rules and stop words of ``search_words`` (so the script folds a query exactly as
  the index was folded);
- ``search/words/<key>.js``, one shard per first two letters of a word (one letter for a
  one-letter word): each word with the pages holding it and where (a record's name, a
  title, or the text), and each record name of that beginning as one key (``phrase``);
- ``search/pages/<n>.js``: the pages themselves, ``CHUNK`` at a time, in the order of their
  numbers: title, address relative to the site root, what it is, a short summary.

A query of a few words loads one or two shards and the chunks of the results shown. Each file
is a script calling ``window.chronologySearchLoaded(kind, key, data)``: a page adds a
``<script>`` element, which browsers allow under file://, where a fetch or a worker is refused.
Every value is written by ``js_literal``: text from content/ cannot close the script.

Pages: the records (actors and places first, then sources and events, events in the
chronology's order), the generated pages that are not a record's (their titles), and the
hand-written pages of docs/ (their titles and section headings).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..content.catalog import Catalog
from ..content.model import Actor, Location
from ..content.vocabulary import ACTOR_KINDS, LOCATION_KINDS
from .anchors import slugify
from .facts import short_date_of
from .maps import js_literal
from .search_words import LETTERS, STOP_WORDS, key_words, phrase, words
from .urls import page_uri, page_url

#: The folder of the index, relative to the site root.
SEARCH_DIR = "search"
#: What search.js loads first; the other files are named after it.
SEARCH_INDEX_PATH = f"{SEARCH_DIR}/index.js"
#: The function every file calls; search.js defines it.
CALLBACK = "window.chronologySearchLoaded"
#: Pages per chunk file: small enough that the ten results shown load little more than
#: themselves, large enough that a site of 10,000 events is a few hundred files.
CHUNK = 24
#: Where a word of a page was found, the higher the better (search.js weighs them).
TEXT, TITLE, NAME = 0, 1, 2
#: Characters of a page's summary shown under its title in the results.
SNIPPET_LENGTH = 120
#: Version of the files' shape, so that search.js recognises a stale cached file.
VERSION = 1

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_ANCHOR = re.compile(r"\s*\{:?\s*#([^\s}]+)[^}]*\}\s*$")
_FENCE = re.compile(r"^(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ESCAPE = re.compile(r"\\(.)")
#: Emphasis marks: any * and an _ not inside a word (distinct_from is one word).
_EMPHASIS = re.compile(r"(?<!\\)\*+|(?<![\w\\])_+|_+(?!\w)")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


@dataclass
class Page:
    """One result a search can give."""

    title: str
    url: str
    """Relative to the site root, with a #section for a section of a page."""
    kind: str
    """What it is, shown above its title: 'Event · 28 September 2020', 'Armed group'."""
    snippet: str = ""
    names: list[str] = field(default_factory=list)
    """A record's names (name, aliases, Arabic name), or a page's title: each one a phrase."""
    text: list[str] = field(default_factory=list)
    """Its other searchable text (summary, description)."""


class WordCache:
    """The words of each page from one build to the next, for ``chronology serve``: a page
    whose title, names and text are unchanged is not read again. It keeps the last build's
    pages only; a single build needs none."""

    def __init__(self) -> None:
        self.pages: dict[tuple, tuple[dict[str, int], list[str]]] = {}
        #: Makes the files instead of ``index_files``, from what it kept (search_update.py).
        self.index: Callable[[list[Page]], dict[str, str]] | None = None
        #: Each record's page by the record object's id: (record, page) of the last build.
        self.records: dict[int, tuple[object, Page]] = {}


def search_files(
    catalog: Catalog,
    pages: dict[str, str],
    docs: Path | None,
    directory_urls: bool = True,
    cache: WordCache | None = None,
) -> dict[str, str]:
    """Every file of the index as {path relative to the site root: text}, from the catalog,
    the generated pages ({uri: Markdown}, for the titles of those that are not a record's)
    and the hand-written pages in ``docs`` (their titles and headings)."""
    records = record_uris(catalog)
    found = {uri: page_entries(uri, text, records, directory_urls) for uri, text in pages.items()}
    return search_files_of(catalog, found, docs, directory_urls, cache)


def record_uris(catalog: Catalog) -> set[str]:
    """The addresses of the records' pages, which the index describes from the catalog."""
    return {page_uri(record) for record in _records(catalog)}


def page_entries(uri: str, markdown: str, records: set[str], directory_urls: bool) -> list[Page]:
    """What the index holds of one generated page: its title, unless it is a record's page
    (``records``, from ``record_uris``) or not a page."""
    if uri.endswith(".md") and uri not in records:
        return _markdown_pages(uri, markdown, directory_urls, sections=False)
    return []


def search_files_of(
    catalog: Catalog,
    found: dict[str, list[Page]],
    docs: Path | None,
    directory_urls: bool = True,
    cache: WordCache | None = None,
) -> dict[str, str]:
    """``search_files`` from each generated page's ``page_entries``, by uri in the pages'
    order (the parallel build gathers them from its workers)."""
    # The site's own pages first: few, and one chunk serves them all.
    entries = [page for pages in found.values() for page in pages]
    if docs is not None and docs.is_dir():
        for path in sorted(docs.rglob("*.md")):
            uri = path.relative_to(docs).as_posix()
            if uri not in found:
                text = path.read_text(encoding="utf-8")
                entries += _markdown_pages(uri, text, directory_urls, sections=True)
    return index_files([*entries, *_record_pages(catalog, directory_urls, cache)], cache)


def index_files(pages: list[Page], cache: WordCache | None = None) -> dict[str, str]:
    """The index's files for ``pages``, numbered in their order."""
    if cache is not None and cache.index is not None:
        return cache.index(pages)
    postings: dict[str, list[tuple[int, int]]] = {}
    phrases: dict[str, list[int]] = {}
    last = cache.pages if cache is not None else {}
    used = {}
    for number, page in enumerate(pages):
        key = (page.title, tuple(page.names), tuple(page.text))
        found = used[key] = last.get(key) or _words_and_names(page)
        for word, where in found[0].items():
            postings.setdefault(word, []).append((number, where))
        for name in found[1]:
            phrases.setdefault(name, []).append(number)
    if cache is not None:
        cache.pages = used
    shards: dict[str, dict[str, dict[str, list[int]]]] = {}
    for word in sorted(postings):
        shards.setdefault(shard_key(word), {"w": {}, "p": {}})["w"][word] = _postings(
            postings[word]
        )
    for key in sorted(phrases):
        shards.setdefault(shard_key(key), {"w": {}, "p": {}})["p"][key] = _deltas(phrases[key])
    files = {}
    for key in sorted(shards):
        files[f"{SEARCH_DIR}/words/{file_key(key)}.js"] = _script("words", key, shards[key])
    for start in range(0, len(pages), CHUNK):
        rows = [[p.title, p.url, p.kind, p.snippet] for p in pages[start : start + CHUNK]]
        files[f"{SEARCH_DIR}/pages/{start // CHUNK}.js"] = _script("pages", start // CHUNK, rows)
    return with_manifest(files, len(pages), shards)


def with_manifest(files: dict[str, str], pages: int, shards: Iterable[str]) -> dict[str, str]:
    """search/index.js, stamped with the files' contents, followed by the files."""
    stamp = hashlib.sha256()
    for path, text in files.items():
        stamp.update(f"{path}\0{text}\0".encode())
    manifest = {
        "version": VERSION,
        "build": stamp.hexdigest()[:12],
        "pages": pages,
        "chunk": CHUNK,
        "shards": sorted(shards),
        "letters": LETTERS,
        "stop": sorted(STOP_WORDS),
    }
    return {SEARCH_INDEX_PATH: _script("index", "", manifest), **files}


def shard_key(word: str) -> str:
    """The shard a word is in: its first two characters."""
    return word[:2]


def file_key(key: str) -> str:
    """A shard's file name without '.js': ASCII letters and digits as they are, any other
    character as '_' and its code point in hex ('ka', '_643_62a'). Safe on every file system
    and in a zip, and never two keys in one name (hex digits follow '_' only)."""
    return "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}" for c in key)


def _words_and_names(page: Page) -> tuple[dict[str, int], list[str]]:
    names = [key for key in dict.fromkeys(phrase(name) for name in page.names) if key]
    return _page_words(page), names


def _page_words(page: Page) -> dict[str, int]:
    """Each word of the page and the best place it was found: every word of a name (stop
    words too: "US" is a name), the key words of the title and of the text."""
    found: dict[str, int] = {}
    for text in page.text:
        found.update(dict.fromkeys(key_words(text), TEXT))
    found.update(dict.fromkeys(key_words(page.title), TITLE))
    for name in page.names:
        found.update(dict.fromkeys(words(name), NAME))
    return found


def _postings(found: list[tuple[int, int]]) -> list[int]:
    """Pages and places as numbers: each the gap from the previous page, times 4, plus the
    place (``TEXT``, ``TITLE``, ``NAME``). Gaps keep the numbers short."""
    out, last = [], 0
    for number, where in found:
        out.append((number - last) * 4 + where)
        last = number
    return out


def _deltas(numbers: list[int]) -> list[int]:
    out, last = [], 0
    for number in numbers:
        out.append(number - last)
        last = number
    return out


def snippet(text: str) -> str:
    """The beginning of ``text`` on one line, at most ``SNIPPET_LENGTH`` characters, cut at a
    word and ended with '…' when cut."""
    head = " ".join(text[: SNIPPET_LENGTH * 4].split())
    if len(head) <= SNIPPET_LENGTH and len(text) <= SNIPPET_LENGTH * 4:
        return head
    cut = head[: SNIPPET_LENGTH - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.–—-") + "…"


def _script(kind: str, key: str | int, data: object) -> str:
    return f"{CALLBACK}({js_literal(kind)},{js_literal(key)},{js_literal(data)});\n"


# --- the pages -----------------------------------------------------------------------------


def _records(catalog: Catalog) -> Iterable[object]:
    yield from catalog.actors.values()
    yield from catalog.locations.values()
    yield from catalog.sources.values()
    yield from catalog.events.values()


def _record_pages(
    catalog: Catalog, directory_urls: bool, cache: WordCache | None = None
) -> list[Page]:
    """Each record's page; a record kept by the cache (the same object) gives the same."""
    last = cache.records if cache is not None else {}
    made: dict[int, tuple[object, Page]] = {}
    pages = []
    for record, page in _new_record_pages(catalog, directory_urls, last):
        made[id(record)] = (record, page)
        pages.append(page)
    if cache is not None:
        cache.records = made
    return pages


def _new_record_pages(
    catalog: Catalog, directory_urls: bool, last: dict[int, tuple[object, Page]]
) -> Iterable[tuple[object, Page]]:
    def url(record: object) -> str:
        return page_url(page_uri(record), directory_urls)

    def kept(record: object) -> Page | None:
        found = last.get(id(record))
        return found[1] if found is not None and found[0] is record else None

    for record in [*catalog.actors.values(), *catalog.locations.values()]:
        yield record, kept(record) or _named(record, url(record))
    for source in catalog.sources.values():
        yield (
            source,
            kept(source)
            or Page(
                source.title,
                url(source),
                f"Source · {source.outlet}, {short_date_of(source.date)}",
                text=[source.outlet, source.publisher or "", source.author or ""],
            ),
        )
    for event in catalog.events.values():
        yield (
            event,
            kept(event)
            or Page(
                event.title,
                url(event),
                f"Event · {short_date_of(event.date)}",
                snippet(event.summary),
                text=[event.summary],
            ),
        )


def _named(record: Actor | Location, url: str) -> Page:
    kind = ACTOR_KINDS[record.kind] if isinstance(record, Actor) else LOCATION_KINDS[record.kind]
    names = [record.name, *record.aliases, *filter(None, [record.name_ar])]
    also = ", ".join(names[1:])
    summary = record.description or (f"Also: {also}" if also else "")
    return Page(
        record.name,
        url,
        ("Actor · " if isinstance(record, Actor) else "Place · ") + kind,
        snippet(summary),
        names=names,
        text=[record.description or ""],
    )


def _markdown_pages(uri: str, markdown: str, directory_urls: bool, sections: bool) -> list[Page]:
    """A Markdown page's title (its first level-1 heading) and, with ``sections``, each
    heading below it as a section, with the anchor Python-Markdown's toc gives it."""
    url = page_url(uri, directory_urls)
    headings = list(_headings(_FRONT_MATTER.sub("", markdown)))
    titles = [text for level, text, _ in headings if level == 1]
    if not titles:
        return []
    title = titles[0]
    found = [Page(title, url, "Page", names=[title])]
    if sections:
        for level, text, anchor in headings:
            if level > 1:
                found.append(Page(text, f"{url}#{anchor}", f"Section · {title}", names=[text]))
    return found


def _headings(markdown: str) -> Iterable[tuple[int, str, str]]:
    """(level, text, anchor) of each heading outside fenced code, anchors made unique as the
    toc extension makes them (a repeated one gets '_1', '_2')."""
    fenced = False
    seen: set[str] = set()
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        found = None if fenced else _HEADING.match(line)
        if found is None:
            continue
        text = found.group(2)
        given = _ANCHOR.search(text)
        text = _plain(_ANCHOR.sub("", text))
        anchor = given.group(1) if given else slugify(text, "-")
        if not given:
            anchor = _unique(anchor, seen)
        seen.add(anchor)
        yield len(found.group(1)), text, anchor


def _plain(text: str) -> str:
    """A heading's text as the page shows it: links as their text, no code or emphasis marks,
    Markdown's backslash escapes undone."""
    text = _LINK.sub(r"\1", text).replace("`", "")
    text = _EMPHASIS.sub("", text)
    return _ESCAPE.sub(r"\1", text).strip()


def _unique(anchor: str, seen: set[str]) -> str:
    candidate, number = anchor, 0
    while candidate in seen:
        number += 1
        candidate = f"{anchor}_{number}"
    return candidate
