"""The statistics page's chart of killed and wounded per month: paired bars to the lowest
figure, a lighter extension with a whisker to the highest where sources disagree, and marks
for months whose events give no figure ("?") or report nobody ("0")."""

from __future__ import annotations

from ..content.words import plural
from .month_axis import Plot, month_axis, month_slots, plot_area, y_axis
from .statistics import CasualtyRow, Statistics, Tally
from .svg import (
    FONT,
    SMALL,
    WIDTH,
    Chart,
    centred_label,
    chart,
    element,
    esc,
    num,
    pattern_defs,
    swatch,
)

#: Light-scheme fills (charts.css sets both schemes) and fill patterns of the two series.
CASUALTY_COLOURS = {"killed": "#b71c1c", "wounded": "#e65100"}
CASUALTY_PATTERNS = {"killed": 0, "wounded": 2}


def casualties_chart(stats: Statistics) -> Chart:
    """Paired bars per month: killed (left) and wounded (right)."""
    key = "casualties-by-month"
    prefix = f"chart-{key}-p"
    rows, unknown = stats.casualties, stats.casualties_unknown_month
    height, bottom_margin = 280.0, 46.0
    plot = plot_area(
        max([max(r.killed.high, r.wounded.high) for r in (*rows, unknown)] + [0]),
        height - bottom_margin,
    )
    slots = month_slots(len(rows), unknown.events > 0, plot)
    bar = min(slots.width * 0.36, 18)
    kinds = ("killed", "wounded")
    body = [
        pattern_defs(prefix, ((k, CASUALTY_COLOURS[k], CASUALTY_PATTERNS[k]) for k in kinds)),
        y_axis(plot, "people"),
    ]
    for i, row in enumerate(rows):
        body.extend(_casualty_pair(slots.centre(i), row, plot, bar, prefix))
    if slots.unknown:
        body.extend(_casualty_pair(slots.unknown_centre, unknown, plot, bar, prefix))
    if not rows and not unknown.events:
        body.append(centred_label(WIDTH / 2, height / 2, "No events", FONT))
    body.append(month_axis(slots, rows, plot.y0))
    title = "Killed and wounded per month"
    caption = (
        "Killed and wounded per month, added up from the events that give a figure. "
        "Unknown is not zero: “?” marks a month whose events give no figure, “0” a month "
        "where the sources say nobody; a month without events has no bar."
    )
    words = _casualties_description(rows, unknown)
    return chart(key, height, title, words, body, _casualties_legend(prefix), caption)


def _casualty_pair(
    centre: float, row: CasualtyRow, plot: Plot, bar: float, prefix: str
) -> list[str]:
    """A month's killed and wounded bars; nothing for a month without events."""
    out: list[str] = []
    if not row.events:
        return out
    for offset, kind in ((-0.5, "killed"), (0.5, "wounded")):
        tally: Tally = getattr(row, kind)
        x = centre + offset * bar
        if not tally.known or tally.high == 0:
            out.append(_no_figure_mark(x, plot.y0, row, kind, tally))
        else:
            out.extend(_casualty_bar(x, row, kind, tally, plot, bar, prefix))
    return out


def _no_figure_mark(x: float, y0: float, row: CasualtyRow, kind: str, tally: Tally) -> str:
    """'?' where no source gives a figure, '0' where the sources report nobody."""
    mark = "?" if not tally.known else "0"
    tip = f"{row.label}: {kind} " + ("not reported" if not tally.known else "reported as none")
    attrs = {
        "x": x,
        "y": y0 - 4,
        "text-anchor": "middle",
        "font-size": SMALL,
        "class": "chart-unknown" if not tally.known else "chart-zero",
    }
    return element("text", attrs, element("title", {}, esc(tip)) + mark)


def _casualty_bar(
    x: float, row: CasualtyRow, kind: str, tally: Tally, plot: Plot, bar: float, prefix: str
) -> list[str]:
    """A bar to the lowest figure, and a lighter extension with a whisker to the highest."""
    out = []
    y_of, y0 = plot.y_of, plot.y0
    left = x - bar / 2 + 1
    tip = esc(
        f"{row.label}: {tally.text} {kind} (from {tally.reported} of "
        f"{plural(tally.events, 'event')})"
    )
    fill = f"url(#{prefix}-{kind})"
    if tally.low:
        low = {"x": left, "y": y_of(tally.low), "width": bar - 2, "height": y0 - y_of(tally.low)}
        out.append(
            element("rect", {**low, "fill": fill, "class": "chart-seg"}, element("title", {}, tip))
        )
    if tally.disputed:
        extension = {
            "x": left,
            "y": y_of(tally.high),
            "width": bar - 2,
            "height": y_of(tally.low) - y_of(tally.high),
        }
        out.append(
            element(
                "rect",
                {**extension, "fill": fill, "class": "chart-extension"},
                element("title", {}, tip),
            )
        )
        whisker = (
            f"M{num(x)},{num(y_of(tally.low))} V{num(y_of(tally.high))} "
            f"M{num(x - bar / 4)},{num(y_of(tally.high))} H{num(x + bar / 4)}"
        )
        out.append(
            element(
                "path",
                {"d": whisker, "class": "chart-whisker", "fill": "none", "stroke": "currentColor"},
            )
        )
    return out


def _casualties_description(rows: tuple[CasualtyRow, ...], unknown: CasualtyRow) -> str:
    every = (*rows, unknown)

    def amount(low: int, high: int) -> str:
        return str(low) if low == high else f"{low} to {high}"

    killed = amount(sum(r.killed.low for r in every), sum(r.killed.high for r in every))
    wounded = amount(sum(r.wounded.low for r in every), sum(r.wounded.high for r in every))
    silent = [r for r in rows if r.events and not r.killed.known and not r.wounded.known]
    words = (
        "Paired bars per month: killed (left) and wounded (right), summed over the events "
        "that give a figure; a lighter extension with a whisker reaches the higher figure "
        "where sources disagree. A question mark means the month's events give no figure, "
        "a 0 that the sources report nobody. "
        f"In all, {killed} killed and {wounded} wounded."
    )
    worst = max(rows, key=lambda r: r.killed.high, default=None)
    if worst is not None and worst.killed.high:
        words += f" Most killed in one month: {worst.killed.text}, in {worst.label}."
    if silent:
        words += (
            f" {plural(len(silent), 'month')} with events "
            f"{'has' if len(silent) == 1 else 'have'} no casualty figure at all."
        )
    if unknown.events:
        words += (
            f" The separate pair on the right covers the {plural(unknown.events, 'event')} "
            "whose date is not known to the month."
        )
    return words


def _casualties_legend(prefix: str) -> list[tuple[str, str]]:
    return [
        (swatch(f"{prefix}-killed"), "Killed (lowest figure)"),
        (swatch(f"{prefix}-wounded"), "Wounded (lowest figure)"),
        (
            '<svg class="chart-swatch" viewBox="0 0 16 16" aria-hidden="true" '
            f'focusable="false"><rect width="16" height="16" fill="url(#{prefix}-killed)" '
            'class="chart-extension"/><path d="M8,2 V16 M4,2 H12" class="chart-whisker"/></svg>',
            "Higher figure where sources disagree",
        ),
        ('<span class="chart-symbol chart-unknown" aria-hidden="true">?</span>', "Not reported"),
        ('<span class="chart-symbol chart-zero" aria-hidden="true">0</span>', "Reported: none"),
    ]
