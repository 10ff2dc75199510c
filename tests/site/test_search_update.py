"""The search index ``chronology serve`` updates in place (search_update.IndexUpdate) is, file
for file and in order, what ``index_files`` makes of the same pages after each kind of edit:
a title, a name given and taken, a page's text, its summary, a word's last page gone, words
in a new shard, every page changed, and pages added and removed."""

from __future__ import annotations

import random

from generator.site import search_update
from generator.site.search_index import Page, index_files
from generator.site.search_update import IndexUpdate

WORDS = "rocket drone attack base airport convoy militia protest embassy strike".split()


def _pages(count: int, seed: int) -> list[Page]:
    rng = random.Random(seed)
    return [
        Page(
            title=" ".join(rng.sample(WORDS, 3)) + f" {n}",
            url=f"events/e{n}/",
            kind="Event · 1 May 2020",
            snippet=rng.choice(WORDS),
            names=[rng.choice(WORDS).title()] if n % 3 == 0 else [],
            text=[" ".join(rng.sample(WORDS, 4))],
        )
        for n in range(count)
    ]


def test_an_updated_index_equals_a_full_one(monkeypatch) -> None:
    monkeypatch.setattr(search_update, "MAX_CHANGED", 40)
    pages = _pages(120, seed=1)
    kept = IndexUpdate()

    def check() -> None:
        assert list((updated := index_files(pages, kept)).items()) == list(
            index_files(pages).items()
        ), sorted(k for k in updated if updated[k] != index_files(pages).get(k))

    check()
    pages[5].title = "Zanzibar quokka sighting"  # words in shards no page had
    check()
    pages[5].title = "rocket attack 5"  # and gone again: their shards go too
    check()
    pages[7].names = ["Kataib Hezbollah", "KH"]
    check()
    pages[7].names = []
    pages[9].text = ["nothing of the kind"]
    pages[10].snippet = "another summary"  # its chunk only
    check()
    for page in pages[:60]:  # more than MAX_CHANGED: made whole
        page.title = "every page renamed " + page.title
    check()
    pages.insert(3, _pages(1, seed=2)[0])  # the numbers after it move
    check()
    del pages[50]
    check()
