"""Where the chronology files an event, decided from its EDTF date alone.

One rule, used by the chronology's pages, the home page's latest events and the statistics:

- under a month only when the whole interval the date allows lies in that month
  (``2020-09-28``, ``2020-09``, ``2020-09-2X``, ``2020-07~``, ``2020-07-04/2020-07-06``);
- under its year's "month not known" when the interval lies within one year but not one
  month (``2020``, ``2020-XX``, ``2020-07/2020-08``, the seasons ``2020-21`` to ``2020-23``:
  spring, summer and autumn 2020);
- otherwise with the events that span years or are open-ended (``2019/2020-09-27``,
  ``202X``, ``2021-04/..``: "April 2021 or later" may be any later month, ``../2020``, and
  ``2020-24``: winter 2020–2021, December to February).

Approximate or uncertain dates are filed where they say; the pages word the doubt.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .edtf import EDTFDate, parse
from .model import Event


class Filing(NamedTuple):
    """An event's place in the chronology: ``Filing(2020, 9)`` September 2020,
    ``Filing(2020, None)`` 2020 with the month not known, ``SPANNING`` neither."""

    year: int | None
    month: int | None

    @property
    def spanning(self) -> bool:
        """The event spans years or is open-ended: it belongs to no year."""
        return self.year is None


#: The filing of an event that spans years or is open-ended.
SPANNING = Filing(None, None)


def filing(when: EDTFDate) -> Filing:
    """Where the chronology files an event dated ``when`` (see the module's rule)."""
    if when.start is None or when.end is None:
        return SPANNING  # open-ended: the date has no last (or no first) possible day
    first, last = when.earliest, when.latest
    if first.year != last.year:
        return SPANNING
    if first.month != last.month:
        return Filing(first.year, None)
    return Filing(first.year, first.month)


def latest(events: Sequence[Event], count: int) -> list[Event]:
    """The ``count`` newest of ``events`` (in date order, as the catalog keeps them), newest
    first, leaving out those filed as spanning: "April 2021 or later" is not known to be recent.
    """
    found: list[Event] = []
    for event in reversed(events):
        if len(found) == count:
            break
        if not filing(parse(event.date)).spanning:
            found.append(event)
    return found
