"""The SVG helper: well-formed, named for screen readers, escaped, to scale, readable colours."""

import xml.etree.ElementTree as ET

import pytest

from insights import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(str(svg))  # noqa: S314 - our own output; raises on anything not well-formed


def bars(root):
    """The data rectangles (those with a tooltip), in drawing order."""
    return [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]


def texts(root):
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def relative_luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted([relative_luminance(a), relative_luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_a_chart_is_an_image_named_by_its_title_and_description():
    root = parse(charts.bar_chart("reads", "Reads per month", "One bar a month.", ["Jan 2026", "Feb 2026"], [3, 6]))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "reads-title reads-desc"
    assert root.find(f"{SVG}title").get("id") == "reads-title"
    assert root.find(f"{SVG}title").text == "Reads per month"
    assert root.find(f"{SVG}desc").get("id") == "reads-desc"
    assert root.find(f"{SVG}desc").text == "One bar a month."


def test_bar_heights_are_proportional_to_values():
    root = parse(charts.bar_chart("c", "t", "d", ["a", "b", "c"], [2, 4, 8]))
    heights = [float(rect.get("height")) for rect in bars(root)]
    assert heights[1] == pytest.approx(2 * heights[0], rel=0.01)
    assert heights[2] == pytest.approx(4 * heights[0], rel=0.01)
    assert "8" in texts(root), "each bar carries its value as a direct label"


def test_stacked_segments_add_up_and_percent_bars_are_all_full_height():
    series = [{"key": "x", "label": "Frontline"}, {"key": "y", "label": "Manager"}]
    rows = [{"x": 1, "y": 3}, {"x": 5, "y": 5}]
    counts = parse(charts.stacked_bar_chart("c", "t", "d", ["Jan", "Feb"], series, rows))
    jan, jan_y, feb, feb_y = (float(rect.get("height")) for rect in bars(counts))
    assert jan_y == pytest.approx(3 * jan, rel=0.01)
    assert feb + feb_y == pytest.approx(2.5 * (jan + jan_y), rel=0.01)

    shares = parse(charts.stacked_bar_chart("p", "t", "d", ["Jan", "Feb"], series, rows, percent=True))
    jan, jan_y, feb, feb_y = (float(rect.get("height")) for rect in bars(shares))
    assert jan + jan_y == pytest.approx(feb + feb_y, rel=0.001)
    assert jan_y == pytest.approx(3 * jan, rel=0.01)
    assert "100%" in texts(shares)
    assert "n=4" in texts(shares)
    assert "n=10" in texts(shares)
    tooltips = [rect.find(f"{SVG}title").text for rect in bars(shares)]
    assert "Jan, Manager: 3 (75%)" in tooltips


def test_series_have_a_pattern_each_and_a_legend():
    series = [{"key": k, "label": k.title()} for k in ("a", "b", "c", "d", "e", "f")]
    root = parse(charts.stacked_bar_chart("c", "t", "d", ["Jan"], series, [dict.fromkeys("abcdef", 1)]))
    fills = {rect.get("fill") for rect in bars(root)}
    assert len(fills) == 6, "each series is told apart by its own pattern, not colour alone"
    assert {"A", "B", "C", "D", "E", "F"} <= set(texts(root))
    assert len({shape for _, shape in charts.PALETTE}) == len(charts.PALETTE)


@pytest.mark.parametrize("colour", [colour for colour, _ in charts.PALETTE] + [charts.AXIS, charts.TEXT])
def test_colours_have_at_least_3_to_1_contrast_with_the_background(colour):
    assert contrast(colour, charts.BACKGROUND) >= 3


def test_labels_are_escaped():
    nasty = '</text><script>alert("x")</script> & <b>'
    for svg in (
        charts.bar_chart("c", nasty, nasty, [nasty], [1]),
        charts.horizontal_bar_chart("h", nasty, nasty, [nasty], [1]),
        charts.stacked_bar_chart(
            "s", "t", "d", ["Jan"], [{"key": "k", "label": nasty}, {"key": "j", "label": "J"}], [{"k": 1, "j": 1}]
        ),
    ):
        root = parse(svg)
        assert "<script>" not in str(svg)
        assert root.find(f"{SVG}script") is None
        assert not list(root.iter("script"))
        assert not list(root.iter(f"{SVG}b"))


def test_a_hostile_chart_id_cannot_break_out_of_its_attribute():
    root = parse(charts.bar_chart('x" onload="alert(1)', "t", "d", ["a"], [1]))
    assert root.get("onload") is None
    assert root.find(f"{SVG}title").get("id") == "x--onload--alert-1--title"


def test_horizontal_bars_scale_to_the_largest_and_shorten_long_labels():
    long_title = "A very long page title about co-production with communities across Scotland"
    root = parse(charts.horizontal_bar_chart("h", "t", "d", [long_title, "Short"], [10, 5]))
    widths = [float(rect.get("width")) for rect in bars(root)]
    assert widths[0] == pytest.approx(2 * widths[1], rel=0.01)
    shown = texts(root)
    assert charts.shorten(long_title) + long_title in shown, "shortened on screen, the full title in its tooltip"
    assert charts.shorten(long_title).endswith("…")
    assert len(charts.shorten(long_title)) == charts.LABEL_CHARS


@pytest.mark.parametrize(
    "svg",
    [
        charts.bar_chart("a", "t", "d", [], []),
        charts.bar_chart("b", "t", "d", ["Jan", "Feb"], [0, 0]),
        charts.stacked_bar_chart("c", "t", "d", ["Jan"], [{"key": "k", "label": "K"}], [{}], percent=True),
        charts.horizontal_bar_chart("d", "t", "d", [], []),
    ],
)
def test_empty_data_draws_a_message_not_an_error(svg):
    root = parse(svg)
    assert "No data for this period." in texts(root)
    assert bars(root) == []


@pytest.mark.parametrize(("value", "expected"), [(0, 1), (1, 1), (1.5, 2), (3, 5), (7, 10), (12, 20), (180, 200)])
def test_gridlines_step_in_whole_readable_numbers(value, expected):
    assert charts.nice_step(value) == expected


def test_the_axis_shows_whole_numbers_up_to_just_above_the_tallest_bar():
    root = parse(charts.bar_chart("c", "t", "d", ["Jan 2026"], [32]))
    assert [t for t in texts(root) if t.isdigit()][:5] == ["0", "10", "20", "30", "40"]
    assert "Jan2026" in texts(root), "month and year on two lines under the bar"
