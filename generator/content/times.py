"""Times of day of EDTF date-times (level 0: ``2021-02-15T21:30+03:00``): the local time and
its offset from UTC, required so that the moment is unambiguous. ``edtf`` parses the day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from ..errors import ContentError

#: A time of day after the 'T': hh:mm or hh:mm:ss, then Z or the offset ±hh:mm (or ±hh, ±hhmm).
_TIME = re.compile(
    r"^(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
    r"(?P<offset>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?$"
)
#: The example every message gives.
EXAMPLE = "2021-02-15T21:30+03:00"


@dataclass(frozen=True)
class TimeOfDay:
    """A local time of day and its offset from UTC, as written after the date's 'T'."""

    text: str  # '21:30+03:00'
    hour: int
    minute: int
    second: int | None  # None when not written
    offset_minutes: int  # east of UTC: +03:00 is 180

    @property
    def clock(self) -> str:
        """'21:30', or '21:30:05' when seconds are written."""
        seconds = f":{self.second:02d}" if self.second is not None else ""
        return f"{self.hour:02d}:{self.minute:02d}{seconds}"

    @property
    def zone(self) -> str:
        """'UTC', 'UTC+3', 'UTC−4:30' (a minus sign, as on clocks and maps)."""
        if self.offset_minutes == 0:
            return "UTC"
        hours, minutes = divmod(abs(self.offset_minutes), 60)
        sign = "+" if self.offset_minutes > 0 else "\u2212"
        return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")

    def instant(self, day: date) -> datetime:
        """The moment on the local ``day``, in UTC."""
        local = datetime(day.year, day.month, day.day, self.hour, self.minute, self.second or 0)
        return (local - timedelta(minutes=self.offset_minutes)).replace(tzinfo=UTC)


def parse_time(text: str, whole: str) -> TimeOfDay:
    """The time after the 'T' of ``whole``; the offset is required."""
    match = _TIME.match(text)
    if not match:
        raise ContentError(
            f"{whole!r}: write the time of day as hh:mm or hh:mm:ss followed by its UTC "
            f"offset, e.g. {EXAMPLE} (21:30 in Iraq) or 2021-02-15T18:30Z (UTC)"
        )
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"]) if match["second"] else None
    offset = match["offset"]
    if offset is None:
        raise ContentError(
            f"{whole!r}: a time of day needs its offset from UTC, so that the moment is "
            f"unambiguous; add it after the time, e.g. {whole}+03:00 for Iraq's local time, "
            f"or {whole}Z for UTC"
        )
    for name, value, top in (("hour", hour, 23), ("minute", minute, 59), ("second", second, 59)):
        if value is not None and value > top:
            raise ContentError(f"{whole!r}: {name} {value:02d} does not exist (00-{top})")
    offset_minutes = 0
    if offset != "Z":
        digits = offset[1:].replace(":", "")
        off_hours, off_minutes = int(digits[:2]), int(digits[2:] or 0)
        offset_minutes = (off_hours * 60 + off_minutes) * (-1 if offset[0] == "-" else 1)
        if off_minutes > 59 or not -12 * 60 <= offset_minutes <= 14 * 60:
            raise ContentError(
                f"{whole!r}: the offset {offset} does not exist (UTC offsets run from "
                "-12:00 to +14:00; Iraq is +03:00)"
            )
    return TimeOfDay(text, hour, minute, second, offset_minutes)


def describe_time(time: TimeOfDay) -> str:
    """'21:30 local time (UTC+3)'; '18:30 UTC' for a time given in UTC."""
    if time.offset_minutes == 0:
        return f"{time.clock} UTC"
    return f"{time.clock} local time ({time.zone})"
