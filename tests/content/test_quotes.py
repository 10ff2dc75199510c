"""Quote checks that say what differs: the closest passage with the first differing word
marked [quote's → article's], the other article that holds the words, parts out of order."""

from __future__ import annotations

import textwrap

from conftest import EXACT_ID, FILES, SOURCE_ID, write

from generator.content.catalog import check_content
from generator.content.quotes import Article, closest_passage

EVENT = f"content/events/{EXACT_ID}.yaml"
MITHAL = """\
Baghdad (AFP) Sept 1, 2020 - Three rockets struck Camp Mithal, one Iraqi base hosting
troops of the US-led coalition, late on Monday, the army said in a statement.

No group claimed the attack.
"""
OTHER = "other-2020-09-02-camp-mithal"


def _project_with_two_articles(project) -> None:
    write(project, "seeds/mithal.txt", MITHAL)
    source = textwrap.dedent(FILES[f"content/sources/{SOURCE_ID}.yaml"])
    source = source.replace(SOURCE_ID, OTHER).replace("x.txt", "mithal.txt")
    source = source.replace("example.com/afp/rocket", "example.com/other/mithal")
    write(project, f"content/sources/{OTHER}.yaml", source)


def _cite(project, quote: str, source: str = SOURCE_ID) -> list[str]:
    text = textwrap.dedent(FILES[EVENT])
    old = "  - source: afp-2020-09-01-rocket-and-protests\n    quote: Iraqi intelligence"
    assert old in text
    text = text.replace(old, f"  - source: {source}\n    quote: {quote}\n    note: Iraqi", 1)
    write(project, EVENT, text)
    return [str(p) for p in check_content(project)[1]]


def test_one_wrong_word_is_shown_with_the_articles_word(project):
    _project_with_two_articles(project)
    quote = "Three rockets struck Camp Mithal, an Iraqi base hosting troops of the US-led coalition"
    assert _cite(project, quote, OTHER) == [
        f"{EVENT}:25:12: sources[1].quote: not found in seeds/mithal.txt (the text of "
        f"'{OTHER}'); the closest passage, with [the quote's words → the article's]: "
        "'…rockets struck Camp Mithal, [an → one] Iraqi base hosting troops…'; copy the words "
        "exactly",
    ]


def test_a_quote_from_the_other_article_names_it(project):
    _project_with_two_articles(project)
    assert _cite(project, "No group claimed the attack.") == [
        f"{EVENT}:25:12: sources[1].quote: not found in seeds/x.txt (the text of "
        f"'{SOURCE_ID}'), but found in '{OTHER}' (content/sources/{OTHER}.yaml); cite source: "
        f"{OTHER} for these words, or quote what '{SOURCE_ID}' says",
    ]


def test_a_word_the_quote_adds_or_leaves_out(project):
    _project_with_two_articles(project)
    added = "struck Camp Mithal, one big Iraqi base hosting troops"
    assert "[big → (nothing)]" in _cite(project, added, OTHER)[0]
    left_out = "struck Camp Mithal, one base hosting troops"
    assert (
        "Mithal, one [(nothing) → Iraqi] base hosting troops" in _cite(project, left_out, OTHER)[0]
    )


def test_a_quote_with_no_word_of_the_article(project):
    assert _cite(project, "Zebras graze quietly beside lakes") == [
        f"{EVENT}:25:12: sources[1].quote: not found in seeds/x.txt (the text of "
        f"'{SOURCE_ID}'), and none of its words is in that article: 'Zebras graze quietly "
        "beside lakes'; check the source id, or copy the words exactly",
    ]


def test_punctuation_that_differs_is_marked():
    article = Article.of("He said: the base, at Taji, was hit twice on Monday.")
    assert closest_passage(article, "the base; at Taji, was hit twice") == (
        "He said: the [base; → base,] at Taji, was hit…"
    )


def test_the_passage_is_found_in_a_long_article_without_aligning_all_of_it():
    filler = " ".join(f"word{n} of the report and the army said" for n in range(2000))
    article = Article.of(f"{filler} Rockets struck Camp Taji late on Monday. {filler}")
    assert len(article.shown) > 30_000
    assert closest_passage(article, "Rockets struck Camp Taji early on Monday") == (
        "…Rockets struck Camp Taji [early → late] on Monday. word0 of…"
    )


def test_the_first_or_last_word_differs():
    article = Article.of(
        "One two three four. Rockets struck Camp Taji late on Monday, police said."
    )
    assert closest_passage(article, "Missiles struck Camp Taji late on Monday") == (
        "One two three four. [Missiles → Rockets] struck Camp Taji late…"
    )
    assert closest_passage(article, "struck Camp Taji late on Monday, army said") == (
        "…Taji late on Monday, [army → police] said."
    )
