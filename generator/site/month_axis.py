"""The layout the two charts by month share: the value scale, a slot per month plus a separate
slot for events whose date is not known to the month, and the axes with their labels."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .statistics import MONTH_ABBR, CasualtyRow, MonthCounts
from .svg import SMALL, WIDTH, centred_label, element, nice_scale, rule_attributes, text_width


@dataclass(frozen=True)
class Slots:
    """Horizontal layout of month slots plus an optional 'month not known' slot."""

    x0: float
    width: float  # of one slot
    count: int  # month slots
    unknown: bool

    def centre(self, index: int) -> float:
        return self.x0 + self.width * (index + 0.5)

    @property
    def unknown_centre(self) -> float:
        return self.x0 + self.width * (self.count + 0.75 + 0.5)

    @property
    def separator(self) -> float:
        return self.x0 + self.width * (self.count + 0.375)


@dataclass(frozen=True)
class Plot:
    """The scale and plot area of a month chart."""

    top: int  # the highest value on the axis
    step: int
    x0: float
    x1: float
    y0: float  # the baseline
    y_of: Callable[[float], float]


def plot_area(biggest: float, y0: float, top_margin: float = 26.0) -> Plot:
    top, step = nice_scale(biggest)
    x0 = 10 + text_width(str(top), SMALL)

    def y_of(v: float) -> float:
        return y0 - (y0 - top_margin) * v / top

    return Plot(top, step, x0, WIDTH - 8, y0, y_of)


def month_slots(count: int, unknown: bool, plot: Plot) -> Slots:
    units = count + (1.75 if unknown else 0)
    return Slots(plot.x0, (plot.x1 - plot.x0) / max(units, 1), count, unknown)


def y_axis(plot: Plot, unit: str) -> str:
    out = []
    for value in range(0, plot.top + 1, plot.step):
        y = plot.y_of(value)
        out.append(
            element(
                "line", {"x1": plot.x0, "x2": plot.x1, "y1": y, "y2": y, **rule_attributes(value)}
            )
        )
        out.append(
            element(
                "text",
                {
                    "x": plot.x0 - 6,
                    "y": y,
                    "dy": "0.32em",
                    "text-anchor": "end",
                    "font-size": SMALL,
                },
                str(value),
            )
        )
    out.append(element("text", {"x": 4, "y": 12, "font-size": SMALL, "class": "chart-unit"}, unit))
    return "\n".join(out)


def month_axis(slots: Slots, rows: Sequence[MonthCounts | CasualtyRow], y: float) -> str:
    """Month names under the slots (every k-th month when slots are narrow), years below."""
    step = next((k for k in (1, 2, 3, 4, 6, 12) if slots.width * k >= 32), 12)
    out = []
    year_shown = False
    for i, row in enumerate(rows):
        year, month = int(row.key[:4]), int(row.key[5:])
        if (month - 1) % step:
            continue
        x = slots.centre(i)
        out.append(centred_label(x, y + 14, MONTH_ABBR[month], SMALL))
        if month == 1 or not year_shown:
            out.append(centred_label(x, y + 28, str(year), SMALL, **{"class": "chart-year"}))
            year_shown = True
    if slots.unknown:
        s = slots.separator
        line = {"x1": s, "x2": s, "y1": 22, "y2": y + 30, "class": "chart-separator"}
        out.append(element("line", {**line, "stroke": "currentColor", "stroke-dasharray": "3 3"}))
        out.append(centred_label(slots.unknown_centre, y + 14, "month", SMALL))
        out.append(centred_label(slots.unknown_centre, y + 28, "not known", SMALL))
    return "\n".join(out)
