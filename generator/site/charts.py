"""The statistics page: counts derived from the catalog, and the charts that show them.

Pure functions: catalog -> tables -> inline SVG strings. No MkDocs, no JavaScript, no network;
the same catalog always gives byte-identical output.

Rules the numbers follow (they are stated on the page too):

- An event is placed in a month only when every day its date allows falls in that month
  (``2020-09``, ``2020-09-2X``, ``2020-07-04/2020-07-06``). A year, a span across months or an
  open-ended interval (``2021-04/..``) is counted under "date not known to the month", never
  guessed. Approximate or uncertain dates (``2020-07~``, ``2020-09?``) are placed in the month
  they name and counted so the page can say how many there are.
- Casualties: an event adds to a month's killed (or wounded) only if a source gives a figure.
  Unknown is not zero: a month whose events give no figure is "not reported", not 0.
- Responsibility: an actor counts for an event when listed as perpetrator, claimed or
  suspected; each role is counted separately.

Colours come from CSS classes (docs/assets/charts.css) so the light and dark schemes can
each use a readable palette; the SVG carries light-scheme colours as attributes so it still
reads without that stylesheet. Every type and role also has its own fill pattern, so colour
is never the only cue.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..content.catalog import Catalog
from ..content.edtf import EDTFDate
from ..content.model import Actor
from ..content.totals import casualty_total
from ..content.vocabulary import EVENT_TYPES, ROLES

MONTH_NAMES = [
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip
MONTH_ABBR = [
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]

#: The roles that say who was responsible, in the order bars and columns show them.
RESPONSIBILITY_ROLES = ("perpetrator", "claimed", "suspected")

UNKNOWN_MONTH = "Date not known to the month"

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
ROLE_COLOURS = {"perpetrator": "#6a1b9a", "claimed": "#c62828", "suspected": "#00695c"}
CASUALTY_COLOURS = {"killed": "#b71c1c", "wounded": "#e65100"}

#: Fill patterns on an 8x8 tile: (stroked path, filled path). Index 0 is a plain fill.
_PATTERNS: list[tuple[str, str]] = [
    ("", ""),
    ("M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6", ""),  # /
    ("M-2,6 L2,10 M0,0 L8,8 M6,-2 L10,2", ""),  # \
    ("M0,4 H8", ""),  # -
    ("M4,0 V8", ""),  # |
    ("M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6 M-2,6 L2,10 M0,0 L8,8 M6,-2 L10,2", ""),  # x
    ("", "M2.5,4 a1.5,1.5 0 1,0 3,0 a1.5,1.5 0 1,0 -3,0"),  # dots
    ("M0,4 H8 M4,0 V8", ""),  # +
    ("M1.5,4 a2.5,2.5 0 1,0 5,0 a2.5,2.5 0 1,0 -5,0", ""),  # rings
    ("", "M0,0 H4 V4 H0 Z M4,4 H8 V8 H4 Z"),  # checks
    ("M0,2 H3 M4,6 H7", ""),  # dashes
    ("M0,6 L2,2 L4,6 L6,2 L8,6", ""),  # zigzag
    ("M4,1 L7,4 L4,7 L1,4 Z", ""),  # diamonds
]
TYPE_PATTERNS = {t: i % len(_PATTERNS) for i, t in enumerate(EVENT_TYPES)}
ROLE_PATTERNS = {"perpetrator": 0, "claimed": 1, "suspected": 6}
CASUALTY_PATTERNS = {"killed": 0, "wounded": 2}

# Chart geometry, in viewBox units. Text sizes are in the same units and the SVG scales to
# the column width: 13 units are about the body text size in Material's content column
# (~690px) and still 8px on a 360px phone. Layout leaves room for every label at this size.
WIDTH = 560
FONT = 13
SMALL = 12
CHAR_WIDTH = 0.62  # of the font size: a generous average so estimated text never overflows
MAX_ACTOR_BARS = 30


# --- tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthCounts:
    """Events of one month (or of the 'not known to the month' bucket) by type."""

    key: str  # "2020-09", or "unknown"
    label: str  # "September 2020", or UNKNOWN_MONTH
    short: str  # "Sep 2020"
    by_type: tuple[int, ...]  # aligned with Statistics.types
    total: int
    qualified: int  # how many of them have an approximate or uncertain date


@dataclass(frozen=True)
class Tally:
    """Killed or wounded in one bucket, summed over the events that give a figure."""

    low: int
    high: int
    reported: int  # events in the bucket that give a figure
    events: int  # events in the bucket

    @property
    def known(self) -> bool:
        return self.reported > 0

    @property
    def disputed(self) -> bool:
        return self.high != self.low

    @property
    def text(self) -> str:
        if self.events == 0:
            return "—"
        if not self.reported:
            return "not reported"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


@dataclass(frozen=True)
class CasualtyRow:
    key: str
    label: str
    short: str
    events: int
    with_figures: int  # events giving a killed or a wounded figure
    killed: Tally
    wounded: Tally

    @property
    def coverage(self) -> str:
        return "—" if self.events == 0 else f"{self.with_figures} of {self.events}"


@dataclass(frozen=True)
class ActorRow:
    actor: Actor
    by_role: tuple[int, ...]  # aligned with RESPONSIBILITY_ROLES
    events: int  # distinct events with any of those roles
    blamed_by: tuple[tuple[Actor, int], ...]  # who named it as suspected, and how often

    @property
    def bar_total(self) -> int:
        return sum(self.by_role)


@dataclass(frozen=True)
class Chart:
    """One chart: the bare SVG, and the <figure> (SVG, legend, caption) for the page."""

    key: str
    title: str
    description: str
    svg: Markup
    figure: Markup


@dataclass(frozen=True)
class Statistics:
    types: tuple[tuple[str, str], ...]  # (type, label) of the types that occur
    months: tuple[MonthCounts, ...]  # first to last month with events, empty months too
    unknown_month: MonthCounts
    all_events: MonthCounts
    casualties: tuple[CasualtyRow, ...]  # same months
    casualties_unknown_month: CasualtyRow
    casualties_all: CasualtyRow
    actors: tuple[ActorRow, ...]
    roles: tuple[tuple[str, str], ...]  # (role, label) for RESPONSIBILITY_ROLES
    events_chart: Chart
    casualties_chart: Chart
    actors_chart: Chart

    @property
    def qualified_in_months(self) -> int:
        """Events placed in a month although their date is approximate or uncertain."""
        return sum(m.qualified for m in self.months)

    @property
    def first_month(self) -> str:
        return self.months[0].label if self.months else ""

    @property
    def last_month(self) -> str:
        return self.months[-1].label if self.months else ""


def event_month(when: EDTFDate) -> tuple[int, int] | None:
    """(year, month) when every day the date allows lies in one month, else None."""
    if when.is_interval and (when.start is None or when.end is None):
        return None  # open-ended: "April 2021 or later" may be any later month
    first, last = when.earliest, when.latest
    if (first.year, first.month) != (last.year, last.month):
        return None
    return first.year, first.month


def _month_span(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    months = []
    year, month = first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _tally(figures: list[tuple[int, int] | None]) -> Tally:
    known = [f for f in figures if f is not None]
    return Tally(
        low=sum(f[0] for f in known),
        high=sum(f[1] for f in known),
        reported=len(known),
        events=len(figures),
    )


def statistics(catalog: Catalog) -> Statistics:
    """Everything the statistics page shows, computed from the catalog."""
    types = tuple(
        (t, label)
        for t, label in EVENT_TYPES.items()
        if any(e.type == t for e in catalog.events.values())
    )
    type_index = {t: i for i, (t, _) in enumerate(types)}

    placed: dict[tuple[int, int], list] = defaultdict(list)
    unplaced = []
    for event in catalog.events.values():
        when = catalog.when(event)
        month = event_month(when)
        if month is None:
            unplaced.append((event, when))
        else:
            placed[month].append((event, when))
    span = _month_span(min(placed), max(placed)) if placed else []

    def counts(key: str, label: str, short: str, items: list) -> MonthCounts:
        by_type = [0] * len(types)
        for event, _ in items:
            by_type[type_index[event.type]] += 1
        return MonthCounts(
            key=key,
            label=label,
            short=short,
            by_type=tuple(by_type),
            total=len(items),
            qualified=sum(1 for _, w in items if w.approximate or w.uncertain),
        )

    def casualties(key: str, label: str, short: str, items: list) -> CasualtyRow:
        killed, wounded = [], []
        with_figures = 0
        for event, _ in items:
            c = event.casualties
            k = casualty_total(c.killed) if c else None
            w = casualty_total(c.wounded) if c else None
            killed.append(k)
            wounded.append(w)
            with_figures += k is not None or w is not None
        return CasualtyRow(
            key=key,
            label=label,
            short=short,
            events=len(items),
            with_figures=with_figures,
            killed=_tally(killed),
            wounded=_tally(wounded),
        )

    everything = [item for m in sorted(placed) for item in placed[m]] + unplaced
    month_keys = [
        (f"{y:04d}-{m:02d}", f"{MONTH_NAMES[m]} {y}", f"{MONTH_ABBR[m]} {y}") for y, m in span
    ]
    months = tuple(
        counts(*keys, placed.get(ym, [])) for keys, ym in zip(month_keys, span, strict=True)
    )
    unknown = counts("unknown", UNKNOWN_MONTH, "Month not known", unplaced)
    total = counts("all", "All events", "All", everything)
    cas = tuple(
        casualties(*keys, placed.get(ym, [])) for keys, ym in zip(month_keys, span, strict=True)
    )
    cas_unknown = casualties("unknown", UNKNOWN_MONTH, "Month not known", unplaced)
    cas_all = casualties("all", "All events", "All", everything)
    actors = _actor_rows(catalog)
    roles = tuple((r, ROLES[r]) for r in RESPONSIBILITY_ROLES)
    return Statistics(
        types=types,
        months=months,
        unknown_month=unknown,
        all_events=total,
        casualties=cas,
        casualties_unknown_month=cas_unknown,
        casualties_all=cas_all,
        actors=actors,
        roles=roles,
        events_chart=_events_chart(types, months, unknown),
        casualties_chart=_casualties_chart(cas, cas_unknown),
        actors_chart=_actors_chart(actors),
    )


def _actor_rows(catalog: Catalog) -> tuple[ActorRow, ...]:
    roles: dict[str, list[set[str]]] = defaultdict(lambda: [set() for _ in RESPONSIBILITY_ROLES])
    accusers: dict[str, Counter[str]] = defaultdict(Counter)
    for event in catalog.events.values():
        blamed: dict[str, set[str]] = defaultdict(set)
        for part in event.actors:
            if part.role in RESPONSIBILITY_ROLES:
                roles[part.actor][RESPONSIBILITY_ROLES.index(part.role)].add(event.id)
            if part.role == "suspected":
                blamed[part.actor].update(part.by)
        for actor_id, who in blamed.items():
            accusers[actor_id].update(who)
    rows = []
    for actor_id, sets in roles.items():
        actor = catalog.actors[actor_id]
        by = sorted(
            accusers[actor_id].items(),
            key=lambda kv: (-kv[1], catalog.actors[kv[0]].name.casefold(), kv[0]),
        )
        rows.append(
            ActorRow(
                actor=actor,
                by_role=tuple(len(s) for s in sets),
                events=len(set().union(*sets)),
                blamed_by=tuple((catalog.actors[a], n) for a, n in by),
            )
        )
    rows.sort(key=lambda r: (-r.events, -r.bar_total, r.actor.name.casefold(), r.actor.id))
    return tuple(rows)


# --- SVG helpers -------------------------------------------------------------------------


def _num(value: float) -> str:
    """A coordinate, deterministic and short: 12, 12.5, 12.33."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _attrs(attrs: dict[str, object]) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, float | int) and not isinstance(value, bool):
            value = _num(value)
        parts.append(f' {name}="{html.escape(str(value), quote=True)}"')
    return "".join(parts)


def _el(tag: str, attrs: dict[str, object], content: str | None = None) -> str:
    """An element; ``content`` must already be markup (use _text for plain text)."""
    if content is None:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{content}</{tag}>"


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def text_width(text: str, size: float) -> float:
    """A generous estimate of rendered text width, in the units of ``size``."""
    width = 0.0
    for char in text:
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        width += size * (1.0 if wide else CHAR_WIDTH)
    return width


def _fit(text: str, size: float, room: float) -> str:
    """The text, cut with an ellipsis so that it fits in ``room``."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _label(
    x: float, y: float, text: str, size: float = FONT, lo: float = 0, hi: float = WIDTH, **extra
) -> str:
    """Centred text moved sideways as needed to stay within [lo, hi]."""
    half = text_width(text, size) / 2
    x = min(max(x, lo + half), hi - half)
    attrs = {"x": x, "y": y, "text-anchor": "middle", "font-size": size, **extra}
    return _el("text", attrs, _esc(text))


def nice_scale(maximum: int, ticks: int = 5) -> tuple[int, int]:
    """(top, step) for an integer axis from 0 with at most ``ticks`` steps."""
    if maximum <= 0:
        return 1, 1
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return step * math.ceil(maximum / step), step


def _pattern_defs(prefix: str, entries: Iterable[tuple[str, str, int]]) -> str:
    """<pattern> elements: (key, colour, pattern index) -> id '{prefix}-{key}'."""
    out = []
    for key, colour, index in entries:
        stroke, fill = _PATTERNS[index]
        body = _el("rect", {"width": 8, "height": 8, "class": f"chart-c-{key}", "fill": colour})
        if stroke:
            body += _el("path", {"d": stroke, "class": "chart-mark"})
        if fill:
            body += _el("path", {"d": fill, "class": "chart-mark-fill"})
        out.append(
            _el(
                "pattern",
                {
                    "id": f"{prefix}-{key}",
                    "width": 8,
                    "height": 8,
                    "patternUnits": "userSpaceOnUse",
                },
                body,
            )
        )
    return _el("defs", {}, "".join(out))


def _svg(key: str, height: float, title: str, description: str, body: str) -> Markup:
    title_id, desc_id = f"chart-{key}-title", f"chart-{key}-desc"
    head = _el("title", {"id": title_id}, _esc(title)) + _el(
        "desc", {"id": desc_id}, _esc(description)
    )
    return Markup(
        _el(
            "svg",
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "class": "chart-svg",
                "viewBox": f"0 0 {WIDTH} {_num(height)}",
                "width": "100%",
                "role": "img",
                "aria-labelledby": f"{title_id} {desc_id}",
                "font-size": FONT,
                "fill": "currentColor",
            },
            head + "\n" + body,
        )
    )


def _swatch(pattern_id: str) -> str:
    return (
        '<svg class="chart-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">'
        f'<rect width="16" height="16" fill="url(#{_esc(pattern_id)})"/></svg>'
    )


def _figure(key: str, svg: Markup, legend: Sequence[tuple[str, str]], caption: str) -> Markup:
    """The <figure> block: the SVG, a legend (swatch markup, plain label) and a caption.

    Raw HTML inside Markdown: no blank line may occur inside it, and Markdown is not
    processed there, so every text is HTML-escaped only.
    """
    items = "".join(f"<li>{swatch}{_esc(label)}</li>" for swatch, label in legend)
    parts = [
        f'<figure class="chart" id="chart-{key}">',
        f'<div class="chart-scroll">{svg}</div>',
    ]
    if items:
        parts.append(f'<ul class="chart-legend">{items}</ul>')
    parts.append(f"<figcaption>{_esc(caption)}</figcaption>")
    parts.append("</figure>")
    return Markup("\n".join(parts))


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _rule(value: int) -> dict[str, object]:
    """Attributes of an axis (at 0) or grid line; charts.css may restyle them."""
    if value == 0:
        return {"class": "chart-axis", "stroke": "currentColor"}
    return {"class": "chart-grid", "stroke": "currentColor", "stroke-opacity": "0.15"}


def _y_axis(top: int, step: int, x0: float, x1: float, y_of, unit: str) -> str:
    out = []
    for value in range(0, top + 1, step):
        y = y_of(value)
        out.append(_el("line", {"x1": x0, "x2": x1, "y1": y, "y2": y, **_rule(value)}))
        out.append(
            _el(
                "text",
                {"x": x0 - 6, "y": y, "dy": "0.32em", "text-anchor": "end", "font-size": SMALL},
                str(value),
            )
        )
    out.append(_el("text", {"x": 4, "y": 12, "font-size": SMALL, "class": "chart-unit"}, unit))
    return "\n".join(out)


@dataclass(frozen=True)
class _Slots:
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


def _month_axes(
    biggest: float, y0: float, top_margin: float = 26.0
) -> tuple[float, float, float, float, float, Callable[[float], float]]:
    """The scale and plot area the two month charts share: (top, step, x0, x1, y0, y_of)."""
    top, step = nice_scale(biggest)
    x0 = 10 + text_width(str(top), SMALL)
    x1 = WIDTH - 8

    def y_of(v: float) -> float:
        return y0 - (y0 - top_margin) * v / top

    return top, step, x0, x1, y0, y_of


def _slots(count: int, unknown: bool, x0: float, x1: float) -> _Slots:
    units = count + (1.75 if unknown else 0)
    return _Slots(x0, (x1 - x0) / max(units, 1), count, unknown)


def _month_axis(slots: _Slots, rows: Sequence, y: float) -> str:
    """Month names under the slots (every k-th month when slots are narrow), years below."""
    step = next((k for k in (1, 2, 3, 4, 6, 12) if slots.width * k >= 32), 12)
    out = []
    year_shown = False
    for i, row in enumerate(rows):
        year, month = int(row.key[:4]), int(row.key[5:])
        if (month - 1) % step:
            continue
        x = slots.centre(i)
        out.append(_label(x, y + 14, MONTH_ABBR[month], SMALL))
        if month == 1 or not year_shown:
            out.append(_label(x, y + 28, str(year), SMALL, **{"class": "chart-year"}))
            year_shown = True
    if slots.unknown:
        s = slots.separator
        out.append(
            _el(
                "line",
                {
                    "x1": s,
                    "x2": s,
                    "y1": 22,
                    "y2": y + 30,
                    "class": "chart-separator",
                    "stroke": "currentColor",
                    "stroke-dasharray": "3 3",
                },
            )
        )
        out.append(_label(slots.unknown_centre, y + 14, "month", SMALL))
        out.append(_label(slots.unknown_centre, y + 28, "not known", SMALL))
    return "\n".join(out)


# --- chart 1: events per month by type ---------------------------------------------------


def _events_chart(
    types: tuple[tuple[str, str], ...], months: tuple[MonthCounts, ...], unknown: MonthCounts
) -> Chart:
    key = "events-by-month"
    prefix = f"chart-{key}-p"
    height, bottom_margin = 300.0, 46.0
    top, step, x0, x1, y0, y_of = _month_axes(
        max([m.total for m in months] + [unknown.total, 0]), height - bottom_margin
    )

    slots = _slots(len(months), unknown.total > 0, x0, x1)
    bar = min(slots.width * 0.72, 36)
    body = [
        _pattern_defs(prefix, ((t, TYPE_COLOURS[t], TYPE_PATTERNS[t]) for t, _ in types)),
        _y_axis(top, step, x0, x1, y_of, "events"),
    ]

    def stack(centre: float, row: MonthCounts) -> None:
        base = 0
        for (t, label), n in zip(types, row.by_type, strict=True):
            if not n:
                continue
            y_top, y_bottom = y_of(base + n), y_of(base)
            tip = _el("title", {}, _esc(f"{row.label}: {_plural(n, label.lower() + ' event')}"))
            body.append(
                _el(
                    "rect",
                    {
                        "x": centre - bar / 2,
                        "y": y_top,
                        "width": bar,
                        "height": y_bottom - y_top,
                        "fill": f"url(#{prefix}-{t})",
                        "class": "chart-seg",
                    },
                    tip,
                )
            )
            base += n
        if row.total and text_width(str(row.total), SMALL) <= slots.width * 1.2:
            body.append(_label(centre, y_of(row.total) - 4, str(row.total), SMALL))

    for i, row in enumerate(months):
        stack(slots.centre(i), row)
    if slots.unknown:
        stack(slots.unknown_centre, unknown)
    if not months and not unknown.total:
        body.append(_label(WIDTH / 2, height / 2, "No events", FONT))
    body.append(_month_axis(slots, months, y0))

    placed = sum(m.total for m in months)
    title = "Events per month, by type"
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
            f"Stacked bar chart of {_plural(placed, 'event')} placed in the "
            f"{_plural(len(months), 'month')} {span}; "
            f"{sum(1 for m in months if not m.total)} of those months have no events. "
            f"The busiest month is {busiest.label} with {_plural(busiest.total, 'event')} "
            f"({kinds})."
        )
    else:
        words = "No event has a date known to the month."
    totals = [
        (label, sum(m.by_type[i] for m in (*months, unknown))) for i, (_, label) in enumerate(types)
    ]
    if totals:
        words += (
            " By type over all events: "
            + ", ".join(f"{label} {n}" for label, n in sorted(totals, key=lambda x: -x[1]))
            + "."
        )
    if unknown.total:
        words += (
            f" A separate bar on the right shows {_plural(unknown.total, 'event')} whose date "
            "is not known to the month."
        )
    svg = _svg(key, height, title, words, "\n".join(body))
    legend = [
        (_swatch(f"{prefix}-{t}"), f"{label} ({n})")
        for (t, label), (_, n) in zip(types, totals, strict=True)
    ]
    caption = (
        f"Events per month by type. The bar marked “month not known” counts "
        f"{_plural(unknown.total, 'event')} dated only to a year, to a span across months or "
        "to an open-ended interval; they are not placed in any month."
    )
    qualified = sum(m.qualified for m in months)
    if qualified:
        caption += (
            f" {_plural(qualified, 'event')} placed in a month "
            f"{'has' if qualified == 1 else 'have'} an approximate or uncertain date."
        )
    return Chart(key, title, words, svg, _figure(key, svg, legend, caption))


# --- chart 2: casualties per month -------------------------------------------------------


def _casualties_chart(rows: tuple[CasualtyRow, ...], unknown: CasualtyRow) -> Chart:
    key = "casualties-by-month"
    prefix = f"chart-{key}-p"
    height, bottom_margin = 280.0, 46.0
    top, step, x0, x1, y0, y_of = _month_axes(
        max([max(r.killed.high, r.wounded.high) for r in (*rows, unknown)] + [0]),
        height - bottom_margin,
    )

    slots = _slots(len(rows), unknown.events > 0, x0, x1)
    bar = min(slots.width * 0.36, 18)
    body = [
        _pattern_defs(
            prefix, ((k, CASUALTY_COLOURS[k], CASUALTY_PATTERNS[k]) for k in ("killed", "wounded"))
        ),
        _y_axis(top, step, x0, x1, y_of, "people"),
    ]

    def pair(centre: float, row: CasualtyRow) -> None:
        if not row.events:
            return  # no events: nothing to report, nothing drawn
        for offset, kind in ((-0.5, "killed"), (0.5, "wounded")):
            tally: Tally = getattr(row, kind)
            x = centre + offset * bar
            if not tally.known or tally.high == 0:
                mark = "?" if not tally.known else "0"
                cls = "chart-unknown" if not tally.known else "chart-zero"
                tip = f"{row.label}: {kind} " + (
                    "not reported" if not tally.known else "reported as none"
                )
                body.append(
                    _el(
                        "text",
                        {
                            "x": x,
                            "y": y0 - 4,
                            "text-anchor": "middle",
                            "font-size": SMALL,
                            "class": cls,
                        },
                        _el("title", {}, _esc(tip)) + mark,
                    )
                )
                continue
            left = x - bar / 2 + 1
            tip = _esc(
                f"{row.label}: {tally.text} {kind} (from {tally.reported} of "
                f"{_plural(tally.events, 'event')})"
            )
            if tally.low:
                body.append(
                    _el(
                        "rect",
                        {
                            "x": left,
                            "y": y_of(tally.low),
                            "width": bar - 2,
                            "height": y0 - y_of(tally.low),
                            "fill": f"url(#{prefix}-{kind})",
                            "class": "chart-seg",
                        },
                        _el("title", {}, tip),
                    )
                )
            if tally.disputed:
                body.append(
                    _el(
                        "rect",
                        {
                            "x": left,
                            "y": y_of(tally.high),
                            "width": bar - 2,
                            "height": y_of(tally.low) - y_of(tally.high),
                            "fill": f"url(#{prefix}-{kind})",
                            "class": "chart-extension",
                        },
                        _el("title", {}, tip),
                    )
                )
                body.append(
                    _el(
                        "path",
                        {
                            "d": f"M{_num(x)},{_num(y_of(tally.low))} V{_num(y_of(tally.high))} "
                            f"M{_num(x - bar / 4)},{_num(y_of(tally.high))} H{_num(x + bar / 4)}",
                            "class": "chart-whisker",
                            "fill": "none",
                            "stroke": "currentColor",
                        },
                    )
                )

    for i, row in enumerate(rows):
        pair(slots.centre(i), row)
    if slots.unknown:
        pair(slots.unknown_centre, unknown)
    if not rows and not unknown.events:
        body.append(_label(WIDTH / 2, height / 2, "No events", FONT))
    body.append(_month_axis(slots, rows, y0))

    title = "Killed and wounded per month"
    every = (*rows, unknown)
    killed_low = sum(r.killed.low for r in every)
    killed_high = sum(r.killed.high for r in every)
    wounded_low = sum(r.wounded.low for r in every)
    wounded_high = sum(r.wounded.high for r in every)

    def amount(low: int, high: int) -> str:
        return str(low) if low == high else f"{low} to {high}"

    silent = [r for r in rows if r.events and not r.killed.known and not r.wounded.known]
    words = (
        "Paired bars per month: killed (left) and wounded (right), summed over the events "
        "that give a figure; a lighter extension with a whisker reaches the higher figure "
        "where sources disagree. A question mark means the month's events give no figure, "
        "a 0 that the sources report nobody. "
        f"In all, {amount(killed_low, killed_high)} killed and "
        f"{amount(wounded_low, wounded_high)} wounded."
    )
    worst = max(rows, key=lambda r: r.killed.high, default=None)
    if worst is not None and worst.killed.high:
        words += f" Most killed in one month: {worst.killed.text}, in {worst.label}."
    if silent:
        words += (
            f" {_plural(len(silent), 'month')} with events "
            f"{'has' if len(silent) == 1 else 'have'} no casualty figure at all."
        )
    if unknown.events:
        words += (
            f" The separate pair on the right covers the {_plural(unknown.events, 'event')} "
            "whose date is not known to the month."
        )
    svg = _svg(key, height, title, words, "\n".join(body))
    legend = [
        (_swatch(f"{prefix}-killed"), "Killed (lowest figure)"),
        (_swatch(f"{prefix}-wounded"), "Wounded (lowest figure)"),
        (
            '<svg class="chart-swatch" viewBox="0 0 16 16" aria-hidden="true" '
            f'focusable="false"><rect width="16" height="16" fill="url(#{prefix}-killed)" '
            'class="chart-extension"/><path d="M8,2 V16 M4,2 H12" class="chart-whisker"/></svg>',
            "Higher figure where sources disagree",
        ),
        ('<span class="chart-symbol chart-unknown" aria-hidden="true">?</span>', "Not reported"),
        ('<span class="chart-symbol chart-zero" aria-hidden="true">0</span>', "Reported: none"),
    ]
    caption = (
        "Killed and wounded per month, added up from the events that give a figure. "
        "Unknown is not zero: “?” marks a month whose events give no figure, “0” a month "
        "where the sources say nobody; a month without events has no bar."
    )
    return Chart(key, title, words, svg, _figure(key, svg, legend, caption))


# --- chart 3: events by responsible group ------------------------------------------------


def _actors_chart(rows: tuple[ActorRow, ...]) -> Chart:
    key = "responsibility"
    prefix = f"chart-{key}-p"
    shown = rows[:MAX_ACTOR_BARS]
    row_height, top_margin, bottom_margin = 40.0, 8.0, 30.0
    height = top_margin + row_height * max(len(shown), 1) + bottom_margin
    top, step = nice_scale(max([r.bar_total for r in shown] + [0]))
    x0 = 8.0
    x1 = WIDTH - 8 - text_width(str(top), FONT) - 8  # room for the number after the bar
    y_axis = top_margin + row_height * max(len(shown), 1)

    def x_of(v: float) -> float:
        return x0 + (x1 - x0) * v / top

    body = [
        _pattern_defs(
            prefix, ((r, ROLE_COLOURS[r], ROLE_PATTERNS[r]) for r in RESPONSIBILITY_ROLES)
        )
    ]
    for value in range(0, top + 1, step):
        x = x_of(value)
        body.append(_el("line", {"x1": x, "x2": x, "y1": top_margin, "y2": y_axis, **_rule(value)}))
        body.append(_label(x, y_axis + 16, str(value), SMALL))
    for i, row in enumerate(shown):
        y = top_margin + row_height * i
        name = _fit(row.actor.name, FONT + 1, WIDTH - 2 * x0)
        body.append(
            _el(
                "text",
                {"x": x0, "y": y + 14, "font-size": FONT + 1, "class": "chart-name"},
                _esc(name),
            )
        )
        base = 0
        for role, n in zip(RESPONSIBILITY_ROLES, row.by_role, strict=True):
            if not n:
                continue
            tip = f"{row.actor.name}: {ROLES[role].lower()} in {_plural(n, 'event')}"
            body.append(
                _el(
                    "rect",
                    {
                        "x": x_of(base),
                        "y": y + 19,
                        "width": x_of(base + n) - x_of(base),
                        "height": 14,
                        "fill": f"url(#{prefix}-{role})",
                        "class": "chart-seg",
                    },
                    _el("title", {}, _esc(tip)),
                )
            )
            base += n
        body.append(
            _el(
                "text",
                {"x": x_of(base) + 6, "y": y + 30, "font-size": FONT},
                str(row.bar_total),
            )
        )
    if not shown:
        body.append(_label(WIDTH / 2, top_margin + 24, "No event names a responsible group", FONT))

    title = "Events by responsible group"
    words = (
        f"Horizontal stacked bars for {_plural(len(rows), 'actor')} named as having carried "
        "out, claimed or been suspected of an event, split by role."
    )
    for row in shown[:3]:
        split = ", ".join(
            f"{ROLES[r].lower()} {n}"
            for r, n in zip(RESPONSIBILITY_ROLES, row.by_role, strict=True)
            if n
        )
        words += f" {row.actor.name}: {_plural(row.events, 'event')} ({split})."
    if len(rows) > len(shown):
        words += f" The chart shows the first {len(shown)} of {len(rows)}."
    svg = _svg(key, height, title, words, "\n".join(body))
    totals = [sum(r.by_role[i] for r in rows) for i in range(len(RESPONSIBILITY_ROLES))]
    legend = [
        (_swatch(f"{prefix}-{r}"), f"{ROLES[r]} ({n})")
        for r, n in zip(RESPONSIBILITY_ROLES, totals, strict=True)
    ]
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
    return Chart(key, title, words, svg, _figure(key, svg, legend, caption))
