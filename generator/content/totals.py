"""Casualty totals over the groups of a count: what pages, charts and data files add up."""

from __future__ import annotations

from .model import CasualtyCounts, Range
from .vocabulary import CASUALTY_GROUPS


def casualty_total(counts: CasualtyCounts | None) -> tuple[int, int] | None:
    """(low, high) summed over groups, or None when no figure is known."""
    if counts is None:
        return None
    low = high = 0
    known = False
    for group in CASUALTY_GROUPS:
        value = getattr(counts, group)
        if value is None:
            continue
        known = True
        if isinstance(value, Range):
            low, high = low + value.low, high + value.high
        else:
            low, high = low + value, high + value
    return (low, high) if known else None
