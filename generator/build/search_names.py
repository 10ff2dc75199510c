"""Record names in the search index: an actor's or a place's page comes first for any of its
names (KH, Hashed, US, كتائب حزب الله), not only for the words of its title.

Material's search (lunr, in the browser) weighs a page's title 1,000 times its text. A short
name or an alias is written only in its record's "Also written" row, in the text, while event
titles carry the same words; and English stop words ("us") are never indexed. So after the
search plugin has written ``search/search_index.json``, the entry of each actor's and place's
page gets three fields more, declared with their weights (lunr field boosts) in the index's
config, where Material's search builds its index from them. They are not shown anywhere:
Material's results show the title, text and tags only.

- ``names``: every word of the record's names (name, aliases, Arabic name), once. Outweighs
  any title, so a record whose names hold every word of a query comes before other pages.
  Material searches each word of a query as a prefix (``iran*``) and lunr adds up every token
  it matches, so of two words where one begins the other only the longer is kept.
- ``name``: each name that is a single word (KH, US, Saleh, Iran): an exact short name beats
  a longer name that merely begins with it (US: United States before US forces in Iraq; Iran
  before Iran-aligned armed factions). Lighter than ``names``, so a record matching two words
  of a query beats one matching a single word exactly ("US embassy": the embassy, not the
  United States).
- ``phrase``: the record's own name, when it has several words, as one token
  (``kataibhezbollah_``): the record whose name begins the query beats one whose name only
  holds its words (Kataib Hezbollah before 45th Brigade (Kataib Hezbollah)). Far lighter than
  ``name``, and only the name, not every alias: a phrase that begins with another record's
  short name must not outweigh it.

Every token ends in ``_``, a word character: lunr's trimmer keeps it, its stop-word filters do
not know ``us_``, and no word of a page's text is such a token, so these weights apply to names
only. A query reaches them because Material appends ``*`` to every word of it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path

from ..content.catalog import Catalog
from ..errors import ChronologyError
from ..site.urls import page_uri, page_url

#: The fields added to the index and their weights, beside Material's title (1,000), text (1)
#: and tags (1,000,000, unused here): names > name > phrase, as the docstring says why.
FIELDS = {
    "names": {"boost": 1e6},
    "name": {"boost": 6e5},
    "phrase": {"boost": 5e4},
}
#: Ends every token: keeps it clear of stop-word lists and of the words of page text.
MARK = "_"

_EDGES = re.compile(r"^\W+|\W+$")
_POSSESSIVE = re.compile(r"['’]s$")


def name_words(name: str, separator: re.Pattern[str]) -> list[str]:
    """The words of a name as Material's search splits and lowercases them, trimmed of
    punctuation at either end as lunr's trimmer does, without a possessive 's (Iraq's is
    Iraq). An abbreviation keeps its final full stop in a second form, as typed (U.S.)."""
    words: list[str] = []
    for piece in separator.split(name.lower()):
        piece = _POSSESSIVE.sub("", re.sub(r"^\W+", "", piece))
        word = _EDGES.sub("", piece)
        if word:
            words.append(word)
        if piece != word and piece.endswith(".") and _EDGES.sub("", piece.rstrip(".")) == word:
            words.append(piece)
    return words


def _token(text: str) -> str:
    # The index holds HTML: Material's tokenizer reads markup in it. A name is text.
    return html.escape(text, quote=False) + MARK


def _longest(words: Iterable[str]) -> list[str]:
    """The words, less each one that begins another (iran beside iranian). A query matches
    every token it begins and the matches add up: a record with both iran and iranian among
    its words would outweigh Iran itself for the query "Iran". Any query that begins the
    shorter word begins the longer one too, so nothing is lost."""
    words = sorted(set(words))  # a word sorts right before the words it begins
    following = [*words[1:], ""]
    return [word for word, nxt in zip(words, following, strict=True) if not nxt.startswith(word)]


def name_fields(
    name: str, others: Iterable[str], separator: re.Pattern[str]
) -> dict[str, list[str]]:
    """The three fields of one record, from its name and its other names (aliases, Arabic
    name). Only the name itself is a phrase: each phrase that begins a query adds weight, and
    a record with many aliases beginning with one word would outweigh that word's record."""
    words: list[str] = []
    single: dict[str, None] = {}
    for each in (name, *others):
        parts = name_words(each, separator)
        words += parts
        if len({_EDGES.sub("", part) for part in parts}) == 1:
            single.update(dict.fromkeys(parts))
    phrase = [_EDGES.sub("", part) for part in name_words(name, separator)]
    phrase = list(dict.fromkeys(phrase))
    return {
        "names": [_token(word) for word in _longest(words)],
        "name": [_token(word) for word in single],
        "phrase": [_token("".join(phrase))] if len(phrase) > 1 else [],
    }


#: The index as the search plugin writes it (material/plugins/search/plugin.py): compact JSON,
#: the config first, then the entries, each beginning with its location; a page's own entry
#: has no #fragment.
_CONFIG = '{"config":'
_PAGE_ENTRY = re.compile(r'\{"location":"([^"#\\]*)"')


def _compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)


def _separator(config: dict) -> re.Pattern[str]:
    try:
        return re.compile(config["separator"])
    except re.error as exc:
        raise ChronologyError(
            f"mkdocs.yml: plugins.search.separator {config['separator']!r} is not a regular "
            f"expression Python can read too ({exc}); record names could not be indexed"
        ) from None


def add_record_names(site_dir: Path, catalog: Catalog, directory_urls: bool) -> None:
    """Add the name fields to the entry of every actor's and place's page in the site's
    search index, and their weights to its config. Without an index (search off), nothing.

    Only the config and the records' entries are read and written again: the index of a long
    chronology is tens of megabytes (decoding and encoding all of it took a second)."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    try:
        if not text.startswith(_CONFIG):
            raise ValueError
        config, done = decoder.raw_decode(text, len(_CONFIG))
    except ValueError:
        raise ChronologyError(f"{path} is not a search index as Material writes it") from None
    separator = _separator(config)
    records = [*catalog.actors.values(), *catalog.locations.values()]
    pages = {page_url(page_uri(record), directory_urls): record for record in records}
    parts = [_CONFIG, _compact({**config, "fields": {**config["fields"], **FIELDS}})]
    for match in _PAGE_ENTRY.finditer(text, done):
        record = pages.get(match.group(1))
        if record is None:
            continue
        entry, end = decoder.raw_decode(text, match.start())
        entry.update(name_fields(record.name, [*record.aliases, record.name_ar or ""], separator))
        parts += [text[done : match.start()], _compact(entry)]
        done = end
    parts.append(text[done:])
    path.write_text("".join(parts), encoding="utf-8")
