"""The statistics page's chart of events per month: a stacked bar per month, a segment per
event type, and a separate bar for events whose date is not known to the month."""

from __future__ import annotations

from ..content.vocabulary import EVENT_TYPES
from ..content.words import plural
from .month_axis import Plot, month_axis, month_slots, plot_area, y_axis
from .statistics import MonthCounts, Statistics
from .svg import (
    FONT,
    PATTERNS,
    SMALL,
    WIDTH,
    Chart,
    centred_label,
    chart,
    element,
    esc,
    pattern_defs,
    swatch,
    text_width,
)

#: Light-scheme fills, written into the SVG as a fallback; charts.css sets both schemes.
#: Each has at least 3:1 contrast on white (charts.css: the dark palette on slate).
TYPE_COLOURS: dict[str, str] = {
    "rocket-attack": "#c62828",
    "drone-attack": "#d35400",
    "airstrike": "#6a3d9a",
    "ied-attack": "#8d6e00",
    "explosion": "#616161",
    "interception": "#1565c0",
    "thwarted-attack": "#00838f",
    "arrest-raid": "#2e7d32",
    "protest": "#ad1457",
    "political": "#4527a0",
    "diplomatic": "#0277bd",
    "military-posture": "#6d4c41",
    "statement": "#827717",
}
TYPE_PATTERNS = {t: i % len(PATTERNS) for i, t in enumerate(EVENT_TYPES)}


def events_chart(stats: Statistics) -> Chart:
    """Stacked bars of events per month, one segment per type."""
    key = "events-by-month"
    prefix = f"chart-{key}-p"
    types, months, unknown = stats.types, stats.months, stats.unknown_month
    height, bottom_margin = 300.0, 46.0
    plot = plot_area(max([m.total for m in months] + [unknown.total, 0]), height - bottom_margin)
    slots = month_slots(len(months), unknown.total > 0, plot)
    bar = min(slots.width * 0.72, 36)
    body = [
        pattern_defs(prefix, ((t, TYPE_COLOURS[t], TYPE_PATTERNS[t]) for t, _ in types)),
        y_axis(plot, "events"),
    ]
    for i, row in enumerate(months):
        body.extend(_type_stack(slots.centre(i), row, types, plot, bar, slots.width, prefix))
    if slots.unknown:
        body.extend(
            _type_stack(slots.unknown_centre, unknown, types, plot, bar, slots.width, prefix)
        )
    if not months and not unknown.total:
        body.append(centred_label(WIDTH / 2, height / 2, "No events", FONT))
    body.append(month_axis(slots, months, plot.y0))

    totals = [
        (label, sum(m.by_type[i] for m in (*months, unknown))) for i, (_, label) in enumerate(types)
    ]
    legend = [
        (swatch(f"{prefix}-{t}"), f"{label} ({n})")
        for (t, label), (_, n) in zip(types, totals, strict=True)
    ]
    title = "Events per month, by type"
    words = _events_description(stats, totals)
    return chart(key, height, title, words, body, legend, _events_caption(stats))


def _type_stack(
    centre: float,
    row: MonthCounts,
    types: tuple[tuple[str, str], ...],
    plot: Plot,
    bar: float,
    slot_width: float,
    prefix: str,
) -> list[str]:
    """One month's bar: a segment per type, and the month's total above it when it fits."""
    out = []
    base = 0
    for (t, label), n in zip(types, row.by_type, strict=True):
        if not n:
            continue
        y_top, y_bottom = plot.y_of(base + n), plot.y_of(base)
        tip = element("title", {}, esc(f"{row.label}: {plural(n, label.lower() + ' event')}"))
        segment = {
            "x": centre - bar / 2,
            "y": y_top,
            "width": bar,
            "height": y_bottom - y_top,
            "fill": f"url(#{prefix}-{t})",
            "class": "chart-seg",
        }
        out.append(element("rect", segment, tip))
        base += n
    if row.total and text_width(str(row.total), SMALL) <= slot_width * 1.2:
        out.append(centred_label(centre, plot.y_of(row.total) - 4, str(row.total), SMALL))
    return out


def _events_description(stats: Statistics, totals: list[tuple[str, int]]) -> str:
    """The chart's text alternative: what a reader would see in it."""
    types, months, unknown = stats.types, stats.months, stats.unknown_month
    placed = sum(m.total for m in months)
    if months:
        span = f"from {months[0].label} to {months[-1].label}"
        busiest = max(months, key=lambda m: m.total)  # first of equals: deterministic
        kinds = ", ".join(
            f"{n} {label.lower()}"
            for (_, label), n in sorted(
                zip(types, busiest.by_type, strict=True), key=lambda x: -x[1]
            )
            if n
        )
        words = (
            f"Stacked bar chart of {plural(placed, 'event')} placed in the "
            f"{plural(len(months), 'month')} {span}; "
            f"{sum(1 for m in months if not m.total)} of those months have no events. "
            f"The busiest month is {busiest.label} with {plural(busiest.total, 'event')} "
            f"({kinds})."
        )
    else:
        words = "No event has a date known to the month."
    if totals:
        words += (
            " By type over all events: "
            + ", ".join(f"{label} {n}" for label, n in sorted(totals, key=lambda x: -x[1]))
            + "."
        )
    if unknown.total:
        words += (
            f" A separate bar on the right shows {plural(unknown.total, 'event')} whose date "
            "is not known to the month."
        )
    return words


def _events_caption(stats: Statistics) -> str:
    caption = (
        f"Events per month by type. The bar marked “month not known” counts "
        f"{plural(stats.unknown_month.total, 'event')} dated only to a year, to a span across "
        "months or to an open-ended interval; they are not placed in any month."
    )
    qualified = stats.qualified_in_months
    if qualified:
        caption += (
            f" {plural(qualified, 'event')} placed in a month "
            f"{'has' if qualified == 1 else 'have'} an approximate or uncertain date."
        )
    return caption
