"""Small wording rules shared by messages and pages: counts with the right plural."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 source', '2 sources', '0 sources'; ``nouns`` for a plural that is not noun + 's'."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
