"""The search index (search_index.py) kept and updated in place between the builds of
``chronology serve``: an edit changes the words of a few pages, so only the word shards that
hold those words and the page chunks that hold those pages are made again. The files are
those ``index_files`` makes of the same pages; more than ``MAX_CHANGED`` changed pages, or
pages added or removed (every number after them moves), make the whole index again."""

from __future__ import annotations

from bisect import bisect_left, insort

from .search_index import (
    CHUNK,
    SEARCH_DIR,
    Page,
    WordCache,
    _deltas,
    _postings,
    _script,
    _words_and_names,
    file_key,
    shard_key,
    with_manifest,
)

#: Past this many changed pages the whole index is made again.
MAX_CHANGED = 500

Found = tuple[dict[str, int], list[str]]


class IndexUpdate(WordCache):
    """The last index, for ``index_files`` to update (``WordCache.index``)."""

    def __init__(self) -> None:
        super().__init__()
        self.index = self._index
        self._keys: list[tuple] = []  # each page's title, names and text
        self._rows: list[list[str]] = []  # each page as its chunk lists it
        self._found: list[Found] = []  # each page's words and names
        self._by_key: dict[tuple, Found] = {}
        self._postings: dict[str, list[tuple[int, int]]] = {}
        self._phrases: dict[str, list[int]] = {}
        self._words: dict[str, set[str]] = {}  # shard key -> its words
        self._names: dict[str, set[str]] = {}  # shard key -> its names
        self._shards: dict[str, str] = {}  # shard key -> its file's text
        self._chunks: list[str] = []

    def _index(self, pages: list[Page]) -> dict[str, str]:
        keys = [(p.title, tuple(p.names), tuple(p.text)) for p in pages]
        rows = [[p.title, p.url, p.kind, p.snippet] for p in pages]
        if len(keys) != len(self._keys):
            self._whole(pages, keys, rows)
        else:
            changed = [n for n, (a, b) in enumerate(zip(keys, self._keys, strict=True)) if a != b]
            if len(changed) > MAX_CHANGED:
                self._whole(pages, keys, rows)
            else:
                for key in self._update(pages, keys, changed):
                    self._shard(key)
                old = self._rows
                chunks = {n // CHUNK for n, row in enumerate(rows) if row != old[n]}
                for chunk in chunks:
                    self._chunks[chunk] = _chunk(rows, chunk)
        self._keys, self._rows = keys, rows
        return self._files(len(pages))

    def _whole(self, pages: list[Page], keys: list[tuple], rows: list[list[str]]) -> None:
        by_key, both = self._by_key, zip(keys, pages, strict=True)
        self._found = [by_key.get(key) or _words_and_names(page) for key, page in both]
        self._by_key = dict(zip(keys, self._found, strict=True))
        self._postings, self._phrases, self._words, self._names = {}, {}, {}, {}
        for number, (found, names) in enumerate(self._found):
            for word, where in found.items():
                self._postings.setdefault(word, []).append((number, where))
            for name in names:
                self._phrases.setdefault(name, []).append(number)
        for word in self._postings:
            self._words.setdefault(shard_key(word), set()).add(word)
        for name in self._phrases:
            self._names.setdefault(shard_key(name), set()).add(name)
        self._shards = {}
        for key in self._words.keys() | self._names.keys():
            self._shard(key)
        self._chunks = [_chunk(rows, chunk) for chunk in range(-(-len(rows) // CHUNK))]

    def _update(self, pages: list[Page], keys: list[tuple], changed: list[int]) -> set[str]:
        """Each changed page's words and names moved from what it had to what it has; the
        shard keys touched."""
        touched: set[str] = set()
        for number in changed:
            old_words, old_names = self._found[number]
            new = self._by_key.get(keys[number]) or _words_and_names(pages[number])
            self._by_key[keys[number]] = self._found[number] = new
            for word in old_words:
                touched.add(_drop(self._postings, self._words, word, (number,)))
            for name in old_names:
                touched.add(_drop(self._phrases, self._names, name, number))
            for word, where in new[0].items():
                touched.add(_add(self._postings, self._words, word, (number, where)))
            for name in new[1]:
                touched.add(_add(self._phrases, self._names, name, number))
        return touched

    def _shard(self, key: str) -> None:
        words, names = self._words.get(key, set()), self._names.get(key, set())
        if not words and not names:
            self._shards.pop(key, None)
            return
        data = {
            "w": {word: _postings(self._postings[word]) for word in sorted(words)},
            "p": {name: _deltas(self._phrases[name]) for name in sorted(names)},
        }
        self._shards[key] = _script("words", key, data)

    def _files(self, count: int) -> dict[str, str]:
        """As index_files writes them, in its order."""
        files = {
            f"{SEARCH_DIR}/words/{file_key(key)}.js": self._shards[key]
            for key in sorted(self._shards)
        }
        for number, text in enumerate(self._chunks):
            files[f"{SEARCH_DIR}/pages/{number}.js"] = text
        return with_manifest(files, count, self._shards)


def _chunk(rows: list[list[str]], chunk: int) -> str:
    return _script("pages", chunk, rows[chunk * CHUNK : (chunk + 1) * CHUNK])


def _drop(lists: dict, keys: dict[str, set[str]], word: str, entry: tuple | int) -> str:
    """Take the page's entry (its number first) out of the word's list; the shard key."""
    found = lists[word]
    del found[bisect_left(found, entry)]
    key = shard_key(word)
    if not found:
        del lists[word]
        keys[key].discard(word)
    return key


def _add(lists: dict, keys: dict[str, set[str]], word: str, entry: tuple | int) -> str:
    if word not in lists:
        lists[word] = []
        keys.setdefault(shard_key(word), set()).add(word)
    insort(lists[word], entry)
    return shard_key(word)
