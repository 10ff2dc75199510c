"""The quote checks ``chronology serve`` keeps between loads (quotes.QuoteMemo, held by
content/cache.py's RecordCache) find exactly what a full check finds, after an edit of a
quote, of a stored article, and back."""

from __future__ import annotations

import pytest
from conftest import EXACT_ID, SEED, errors_with_cache, make_project, save_newer

from generator.content.cache import RecordCache
from generator.content.catalog import load_catalog
from generator.errors import ValidationFailed


def test_kept_quote_checks_equal_a_full_check(tmp_path):
    root = make_project(tmp_path, site=False)
    cache = RecordCache()
    assert errors_with_cache(root, cache) == []
    assert cache.quotes.found  # the quotes found are kept for the next load
    kept = dict(cache.quotes.found)
    assert errors_with_cache(root, cache) == []
    assert cache.quotes.found == kept  # found again without looking
    # The stored article no longer holds the quoted words: every quote of it is checked.
    words = next(iter(kept))[0].split()[0]
    assert words in SEED
    save_newer(root, "seeds/x.txt", SEED.replace(words, "Changed"))
    errors = errors_with_cache(root, cache)
    assert errors and all("seeds/x.txt" in e for e in errors)
    save_newer(root, "seeds/x.txt", SEED)
    assert errors_with_cache(root, cache) == []
    # A quote edited to words the article does not hold.
    relative = f"content/events/{EXACT_ID}.yaml"
    text = (root / relative).read_text(encoding="utf-8")
    quote = next(q for q, _ in kept if f"quote: {q}" in text)
    save_newer(root, relative, text.replace(f"quote: {quote}", "quote: words nobody wrote", 1))
    errors = errors_with_cache(root, cache)
    assert len(errors) == 1 and "words nobody wrote" in errors[0]
    save_newer(root, relative, text)
    assert errors_with_cache(root, cache) == []


@pytest.mark.parametrize("keep", [False, True])
def test_an_article_turned_into_a_link_is_refused_again(tmp_path, keep):
    root = make_project(tmp_path, site=False)
    cache = RecordCache() if keep else None
    load_catalog(root, cache=cache)
    target = tmp_path / "elsewhere.txt"
    target.write_text(SEED, encoding="utf-8")
    (root / "seeds/x.txt").unlink()
    (root / "seeds/x.txt").symlink_to(target)
    with pytest.raises(ValidationFailed) as raised:
        load_catalog(root, cache=cache)
    assert any("seeds/x.txt" in str(p) for p in raised.value.problems)
