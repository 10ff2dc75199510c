"""SVG primitives for the statistics page's charts: elements, text measured and fitted, fill
patterns, the chart document and the <figure> block around it.

Pure functions: the same input always gives byte-identical markup. Colours come from CSS
classes (docs/assets/charts.css) so the light and dark schemes can each use a readable
palette; the SVG carries light-scheme colours as attributes so it still reads without that
stylesheet. Every series also has its own fill pattern, so colour is never the only cue.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

# Chart geometry, in viewBox units. Text sizes are in the same units and the SVG scales to
# the column width: 13 units are about the body text size in Material's content column
# (~690px). Layout leaves room for every label at this size. On a phone the SVG keeps a
# minimum width (charts.css, MIN_WIDTH_PX) so SMALL text is still 11px or more, and its
# box scrolls sideways: a labelled region the keyboard can reach.
WIDTH = 560
MIN_WIDTH_PX = 525  # 12 units at 525/560 scale = 11.25px; charts.css says the same
FONT = 13
SMALL = 12
CHAR_WIDTH = 0.62  # of the font size: a generous average so estimated text never overflows

#: Fill patterns on an 8x8 tile: (stroked path, filled path). Index 0 is a plain fill.
PATTERNS: list[tuple[str, str]] = [
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


@dataclass(frozen=True)
class Chart:
    """One chart: the bare SVG, and the <figure> (SVG, legend, caption) for the page."""

    key: str
    title: str
    description: str
    svg: Markup
    figure: Markup


def num(value: float) -> str:
    """A coordinate, deterministic and short: 12, 12.5, 12.33."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _attributes(attrs: dict[str, object]) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, float | int) and not isinstance(value, bool):
            value = num(value)
        parts.append(f' {name}="{html.escape(str(value), quote=True)}"')
    return "".join(parts)


def element(tag: str, attrs: dict[str, object], content: str | None = None) -> str:
    """An element; ``content`` must already be markup (use ``esc`` for plain text)."""
    if content is None:
        return f"<{tag}{_attributes(attrs)}/>"
    return f"<{tag}{_attributes(attrs)}>{content}</{tag}>"


def esc(text: str) -> str:
    """Plain text as SVG or HTML element content or attribute value."""
    return html.escape(str(text), quote=True)


def text_width(text: str, size: float) -> float:
    """A generous estimate of rendered text width, in the units of ``size``."""
    width = 0.0
    for char in text:
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        width += size * (1.0 if wide else CHAR_WIDTH)
    return width


def fit_text(text: str, size: float, room: float) -> str:
    """The text, cut with an ellipsis so that it fits in ``room``."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def centred_label(
    x: float, y: float, text: str, size: float = FONT, lo: float = 0, hi: float = WIDTH, **extra
) -> str:
    """Centred text moved sideways as needed to stay within [lo, hi]."""
    half = text_width(text, size) / 2
    x = min(max(x, lo + half), hi - half)
    attrs = {"x": x, "y": y, "text-anchor": "middle", "font-size": size, **extra}
    return element("text", attrs, esc(text))


def nice_scale(maximum: int, ticks: int = 5) -> tuple[int, int]:
    """(top, step) for an integer axis from 0 with at most ``ticks`` steps."""
    if maximum <= 0:
        return 1, 1
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return step * math.ceil(maximum / step), step


def rule_attributes(value: int) -> dict[str, object]:
    """Attributes of an axis (at 0) or grid line; charts.css may restyle them."""
    if value == 0:
        return {"class": "chart-axis", "stroke": "currentColor"}
    return {"class": "chart-grid", "stroke": "currentColor", "stroke-opacity": "0.15"}


def pattern_defs(prefix: str, entries: Iterable[tuple[str, str, int]]) -> str:
    """<pattern> elements: (key, colour, pattern index) -> id '{prefix}-{key}'."""
    out = []
    for key, colour, index in entries:
        stroke, fill = PATTERNS[index]
        body = element("rect", {"width": 8, "height": 8, "class": f"chart-c-{key}", "fill": colour})
        if stroke:
            body += element("path", {"d": stroke, "class": "chart-mark"})
        if fill:
            body += element("path", {"d": fill, "class": "chart-mark-fill"})
        out.append(
            element(
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
    return element("defs", {}, "".join(out))


def svg_document(key: str, height: float, title: str, description: str, body: str) -> Markup:
    """The <svg> element of a chart, titled and described for screen readers."""
    title_id, desc_id = f"chart-{key}-title", f"chart-{key}-desc"
    head = element("title", {"id": title_id}, esc(title)) + element(
        "desc", {"id": desc_id}, esc(description)
    )
    return Markup(
        element(
            "svg",
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "class": "chart-svg",
                "viewBox": f"0 0 {WIDTH} {num(height)}",
                "width": "100%",
                "role": "img",
                "aria-labelledby": f"{title_id} {desc_id}",
                "font-size": FONT,
                "fill": "currentColor",
            },
            head + "\n" + body,
        )
    )


def swatch(pattern_id: str) -> str:
    """A legend's sample of a fill pattern."""
    return (
        '<svg class="chart-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">'
        f'<rect width="16" height="16" fill="url(#{esc(pattern_id)})"/></svg>'
    )


def chart_figure(
    key: str, title: str, svg: Markup, legend: Sequence[tuple[str, str]], caption: str
) -> Markup:
    """The <figure> block: the SVG, a legend (swatch markup, plain label) and a caption.

    The SVG's box is a named region the keyboard can reach (tabindex), because on a phone
    it scrolls sideways. Raw HTML inside Markdown: no blank line may occur inside it, and
    Markdown is not processed there, so every text is HTML-escaped only.
    """
    items = "".join(f"<li>{sample}{esc(label)}</li>" for sample, label in legend)
    region = f'role="region" tabindex="0" aria-label="{esc(title)}"'
    parts = [
        f'<figure class="chart" id="chart-{key}">',
        f'<div class="chart-scroll" {region}>{svg}</div>',
    ]
    if items:
        parts.append(f'<ul class="chart-legend">{items}</ul>')
    parts.append(f"<figcaption>{esc(caption)}</figcaption>")
    parts.append("</figure>")
    return Markup("\n".join(parts))


def chart(
    key: str,
    height: float,
    title: str,
    description: str,
    body: Sequence[str],
    legend: Sequence[tuple[str, str]],
    caption: str,
) -> Chart:
    """A Chart from its drawn elements, wording and legend."""
    svg = svg_document(key, height, title, description, "\n".join(body))
    return Chart(key, title, description, svg, chart_figure(key, title, svg, legend, caption))
