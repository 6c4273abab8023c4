"""Small server-side SVG charts: bars, stacked bars (counts or 100% shares) and horizontal bars.

No JavaScript and no chart library: the dashboard must work in any browser and read well in a
screen reader. Every chart is an <svg role="img"> named by its <title> and <desc>; the numbers
themselves are in the accessible table the template puts beside each chart. Colours have at least
3:1 contrast with the white background, and each series also has its own pattern, so colour is
never the only cue. Every piece of text (page titles, search queries) is escaped here.
"""

import math
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

BACKGROUND = "#ffffff"
TEXT = "#0b0c0c"
AXIS = "#5e5e5e"
GRID = "#b1b4b6"
# (colour, pattern): every colour has >= 3:1 contrast with BACKGROUND (tests/insights/test_charts.py).
PALETTE = (
    ("#0065bd", "solid"),
    ("#b34700", "stripes"),
    ("#00703c", "dots"),
    ("#6f2c91", "crosshatch"),
    ("#a4004f", "vertical"),
    ("#4b4b4b", "horizontal"),
    ("#00677f", "backslash"),
)
PATTERN_SHAPES = {
    "solid": "",
    "stripes": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="1.5"/>',
    "dots": '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',
    "crosshatch": '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#fff" stroke-width="1.2"/>',
    "vertical": '<path d="M4,0 v8" stroke="#fff" stroke-width="1.5"/>',
    "horizontal": '<path d="M0,4 h8" stroke="#fff" stroke-width="1.5"/>',
    "backslash": '<path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="#fff" stroke-width="1.5"/>',
}
WIDTH = 720  # also the charts' max-width in static/css/insights.css
FONT = 'font-family="Roboto, Helvetica, Arial, sans-serif" font-size="12"'
LABEL_CHARS = 38  # horizontal bar labels longer than this are shortened (the full text is in the table)


def bar_chart(chart_id, title, description, labels, values):
    """One bar per label, e.g. a count per month."""
    return stacked_bar_chart(
        chart_id, title, description, labels, [{"key": "value", "label": title}], [{"value": v} for v in values]
    )


def stacked_bar_chart(chart_id, title, description, labels, series, rows, percent=False):
    """One bar per label made of a segment per series; with percent=True each bar shows shares of 100%.

    `series` is [{"key", "label"}], `rows` one {key: number} per label, in the same order.
    """
    chart_id = _safe_id(chart_id)
    totals = [sum(row.get(s["key"], 0) for s in series) for row in rows]
    legend_rows = math.ceil(len(series) / 3) if len(series) > 1 else 0
    left, right, top, plot_height = 56, 16, 24, 220
    bottom = top + plot_height
    height = bottom + 48 + legend_rows * 22 + 8
    plot_width = WIDTH - left - right
    parts = [_defs(chart_id, len(series))]
    if not rows or not any(totals):
        parts.append(_empty_message(height))
        return _svg(chart_id, title, description, height, parts)

    step = 25 if percent else nice_step(max(totals) / 4)
    scale_max = 100 if percent else step * math.ceil(max(totals) / step)
    for tick in _ticks(scale_max, step):
        y = bottom - plot_height * tick / scale_max
        parts.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        tick_text = f"{tick:g}%" if percent else f"{tick:g}"
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">{tick_text}</text>')

    band = plot_width / len(rows)
    bar_width = max(min(band * 0.6, 48), 2)
    for index, (label, row, total) in enumerate(zip(labels, rows, totals, strict=True)):
        x = left + band * index + (band - bar_width) / 2
        y = bottom
        for number, item in enumerate(series):
            value = row.get(item["key"], 0)
            if not value:
                continue
            share = value / total if total else 0
            segment = plot_height * (share if percent else value / scale_max)
            y -= segment
            tooltip = f"{label}, {item['label']}: {value:g}" + (f" ({share:.0%})" if percent or len(series) > 1 else "")
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" height="{segment:.1f}" '
                f'fill="url(#{chart_id}-p{number % len(PALETTE)})" stroke="{BACKGROUND}" stroke-width="1">'
                f"<title>{escape(tooltip)}</title></rect>"
            )
        total_text = f"n={total:g}" if percent else f"{total:g}"
        parts.append(
            f'<text x="{x + bar_width / 2:.1f}" y="{y - 5:.1f}" text-anchor="middle" fill="{TEXT}">{total_text}</text>'
        )
        parts.append(_category_label(label, x + bar_width / 2, bottom + 16))
    parts.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{bottom}" y2="{bottom}" stroke="{AXIS}"/>')
    if legend_rows:
        parts.append(_legend(chart_id, series, left, bottom + 48))
    return _svg(chart_id, title, description, height, parts)


def horizontal_bar_chart(chart_id, title, description, labels, values):
    """One bar per label, longest first as given: for "top ten" lists whose labels are long."""
    chart_id = _safe_id(chart_id)
    row_height, top, label_width, value_width = 28, 8, 300, 56
    height = top * 2 + max(len(labels), 1) * row_height
    parts = [_defs(chart_id, 1)]
    if not values or not any(values):
        parts.append(_empty_message(height))
        return _svg(chart_id, title, description, height, parts)
    scale_max = max(values)
    plot_width = WIDTH - label_width - value_width
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + index * row_height
        length = plot_width * value / scale_max if scale_max else 0
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end" fill="{TEXT}">'
            f"{escape(shorten(label))}<title>{escape(label)}</title></text>"
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 5}" width="{length:.1f}" height="{row_height - 10}" '
            f'fill="url(#{chart_id}-p0)"><title>{escape(label)}: {value:g}</title></rect>'
        )
        parts.append(f'<text x="{label_width + length + 6:.1f}" y="{y + 18}" fill="{TEXT}">{value:g}</text>')
    parts.append(f'<line x1="{label_width}" x2="{label_width}" y1="{top}" y2="{height - top}" stroke="{AXIS}"/>')
    return _svg(chart_id, title, description, height, parts)


# --- pieces ------------------------------------------------------------------------------------------
def nice_step(value):
    """The smallest whole 1, 2 or 5 times a power of ten that is at least `value`: gridlines people can read."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def shorten(text, limit=LABEL_CHARS):
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ticks(scale_max, step):
    return [step * i for i in range(round(scale_max / step) + 1)]


def _category_label(label, x, y):
    """A bar's label under it; "Jan 2026" goes on two lines so that twelve months fit side by side."""
    first, _, rest = str(label).partition(" ")
    lines = [first, rest] if rest else [first]
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if number == 0 else 14}">{escape(line)}</tspan>'
        for number, line in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{y}" text-anchor="middle" fill="{TEXT}">{spans}</text>'


def _safe_id(chart_id):
    return re.sub(r"[^A-Za-z0-9_-]", "-", str(chart_id)) or "chart"


def _defs(chart_id, count):
    patterns = []
    for number in range(min(max(count, 1), len(PALETTE))):
        colour, shape = PALETTE[number]
        patterns.append(
            f'<pattern id="{chart_id}-p{number}" patternUnits="userSpaceOnUse" width="8" height="8">'
            f'<rect width="8" height="8" fill="{colour}"/>{PATTERN_SHAPES[shape]}</pattern>'
        )
    return f"<defs>{''.join(patterns)}</defs>"


def _legend(chart_id, series, x0, y0):
    items = []
    for number, item in enumerate(series):
        x = x0 + (number % 3) * 210
        y = y0 + (number // 3) * 22
        items.append(
            f'<rect x="{x}" y="{y}" width="16" height="16" fill="url(#{chart_id}-p{number % len(PALETTE)})" '
            f'stroke="{AXIS}"/><text x="{x + 22}" y="{y + 12}" fill="{TEXT}">{escape(item["label"])}</text>'
        )
    return f"<g>{''.join(items)}</g>"


def _empty_message(height):
    return (
        f'<text x="{WIDTH / 2:g}" y="{height / 2:g}" text-anchor="middle" fill="{TEXT}">No data for this period.</text>'
    )


def _svg(chart_id, title, description, height, parts):
    return mark_safe(  # noqa: S308 - every piece of text above went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {height:g}" width="100%" class="insights-chart" {FONT}>'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        f'<rect width="{WIDTH}" height="{height:g}" fill="{BACKGROUND}"/>{"".join(parts)}</svg>'
    )
