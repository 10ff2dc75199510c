"""The statistics page's chart of events by responsible group: a horizontal bar per actor,
split by role (carried out, claimed, suspected)."""

from __future__ import annotations

from ..content.vocabulary import ROLES
from ..content.words import plural
from .statistics import RESPONSIBILITY_ROLES, ActorRow, Statistics
from .svg import (
    FONT,
    SMALL,
    WIDTH,
    Chart,
    centred_label,
    chart,
    element,
    esc,
    fit_text,
    nice_scale,
    pattern_defs,
    rule_attributes,
    swatch,
    text_width,
)

#: Light-scheme fills (charts.css sets both schemes) and fill patterns of the roles.
ROLE_COLOURS = {"perpetrator": "#6a1b9a", "claimed": "#c62828", "suspected": "#00695c"}
ROLE_PATTERNS = {"perpetrator": 0, "claimed": 1, "suspected": 6}

#: Actors drawn; the page's table shows as many (the open data has every one).
MAX_ACTOR_BARS = 30

_ROW_HEIGHT, _TOP_MARGIN, _BOTTOM_MARGIN = 40.0, 8.0, 30.0
_X0 = 8.0


def actors_chart(stats: Statistics) -> Chart:
    """A bar per actor (the MAX_ACTOR_BARS with most events), a segment per role."""
    key = "responsibility"
    prefix = f"chart-{key}-p"
    rows = stats.actors
    shown = rows[:MAX_ACTOR_BARS]
    height = _TOP_MARGIN + _ROW_HEIGHT * max(len(shown), 1) + _BOTTOM_MARGIN
    top, step = nice_scale(max([r.bar_total for r in shown] + [0]))
    x1 = WIDTH - 8 - text_width(str(top), FONT) - 8  # room for the number after the bar
    y_axis = _TOP_MARGIN + _ROW_HEIGHT * max(len(shown), 1)

    def x_of(v: float) -> float:
        return _X0 + (x1 - _X0) * v / top

    body = [
        pattern_defs(prefix, ((r, ROLE_COLOURS[r], ROLE_PATTERNS[r]) for r in RESPONSIBILITY_ROLES))
    ]
    for value in range(0, top + 1, step):
        x = x_of(value)
        line = {"x1": x, "x2": x, "y1": _TOP_MARGIN, "y2": y_axis, **rule_attributes(value)}
        body.append(element("line", line))
        body.append(centred_label(x, y_axis + 16, str(value), SMALL))
    for i, row in enumerate(shown):
        body.extend(_actor_bar(_TOP_MARGIN + _ROW_HEIGHT * i, row, x_of, prefix))
    if not shown:
        body.append(
            centred_label(WIDTH / 2, _TOP_MARGIN + 24, "No event names a responsible group", FONT)
        )
    totals = [sum(r.by_role[i] for r in rows) for i in range(len(RESPONSIBILITY_ROLES))]
    legend = [
        (swatch(f"{prefix}-{r}"), f"{ROLES[r]} ({n})")
        for r, n in zip(RESPONSIBILITY_ROLES, totals, strict=True)
    ]
    title = "Events by responsible group"
    words = _description(rows, shown)
    return chart(key, height, title, words, body, legend, _caption(rows, shown))


def _actor_bar(y: float, row: ActorRow, x_of, prefix: str) -> list[str]:
    """The actor's name, a segment per role, and the bar's total after it."""
    name = fit_text(row.actor.name, FONT + 1, WIDTH - 2 * _X0)
    out = [
        element(
            "text",
            {"x": _X0, "y": y + 14, "font-size": FONT + 1, "class": "chart-name"},
            esc(name),
        )
    ]
    base = 0
    for role, n in zip(RESPONSIBILITY_ROLES, row.by_role, strict=True):
        if not n:
            continue
        tip = f"{row.actor.name}: {ROLES[role].lower()} in {plural(n, 'event')}"
        segment = {
            "x": x_of(base),
            "y": y + 19,
            "width": x_of(base + n) - x_of(base),
            "height": 14,
            "fill": f"url(#{prefix}-{role})",
            "class": "chart-seg",
        }
        out.append(element("rect", segment, element("title", {}, esc(tip))))
        base += n
    total = {"x": x_of(base) + 6, "y": y + 30, "font-size": FONT}
    out.append(element("text", total, str(row.bar_total)))
    return out


#: Actors the chart's text alternative describes one by one; the table has every bar's row.
DESCRIBED = 3


def _description(rows: tuple[ActorRow, ...], shown: tuple[ActorRow, ...]) -> str:
    """What the chart shows, counting exactly the actors it names."""
    drawn = (
        plural(len(shown), "actor")
        if len(rows) == len(shown)
        else f"the {len(shown)} of {len(rows)} actors with most events"
    )
    words = (
        f"Horizontal stacked bars for {drawn} named as having carried out, claimed or been "
        "suspected of an event, split by role."
    )
    named = shown[:DESCRIBED]
    if len(named) < len(shown):
        words += f" The {len(named)} with most events:"
    for row in named:
        split = ", ".join(
            f"{ROLES[r].lower()} {n}"
            for r, n in zip(RESPONSIBILITY_ROLES, row.by_role, strict=True)
            if n
        )
        words += f" {row.actor.name}: {plural(row.events, 'event')} ({split})."
    if len(named) < len(shown):
        words += f" The table below also lists {plural(len(shown) - len(named), 'other actor')}."
    return words


def _caption(rows: tuple[ActorRow, ...], shown: tuple[ActorRow, ...]) -> str:
    caption = (
        "Events per actor by role: carried it out (by its own or an undisputed account), "
        "claimed responsibility, or suspected or blamed by others. An actor listed with two "
        "of these roles in one event counts once in each."
    )
    if len(rows) > len(shown):
        caption += (
            f" The {len(shown)} actors with most events are drawn and listed; the open data"
            " has every event's actors."
        )
    return caption
