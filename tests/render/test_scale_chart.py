"""The safety scale chart as standalone SVG: lines, markers and a legend that agree with the scores."""

import re

import pytest

from fgc.render import scale_chart

from svg_checks import SVG, parse, texts

OCCASIONS = ["Conference 3 Mar 2026", "Review 2 Jun 2026", "Second review 1 Sep 2026"]
SERIES = [
    {"label": "Family", "points": list(zip(OCCASIONS, [4, 6, 7], strict=True))},
    {"label": "Social worker", "points": list(zip(OCCASIONS, [2, None, 5], strict=True))},
    {"label": "Child <script>", "points": list(zip(OCCASIONS, [None, 10, 0], strict=True))},
]


def chart(series=SERIES, **kwargs):
    return scale_chart.draw(series, title="Safety scale over time", description="Scores at each meeting",
                                **kwargs)


def series_paths(root):
    return [path for path in root.iter(f"{SVG}path")]


def path_segments(d):
    """[[(x, y), ...], ...]: one list per run of the line between gaps."""
    segments = []
    for command, x, y in re.findall(r"([ML])([\d.]+) ([\d.]+)", d):
        if command == "M":
            segments.append([])
        segments[-1].append((float(x), float(y)))
    return segments


def test_the_chart_is_a_standalone_svg_labelled_by_its_title_and_description():
    root = parse(chart())
    found = {element.get("id"): element.text for element in root.iter() if element.get("id")}
    assert [found[key] for key in root.get("aria-labelledby").split()] == [
        "Safety scale over time", "Scores at each meeting"]
    assert all(element.get("style") is None and element.get("class") is None for element in root.iter())
    assert all(text.get("font-family") for text in root.iter(f"{SVG}text"))


def test_the_chart_has_axis_labels_occasion_labels_and_a_text_legend():
    root = parse(chart())
    drawn = texts(root)
    assert "0" in drawn and "10" in drawn
    assert {"Family", "Social worker", "Child <script>"} <= set(drawn)
    titles = [title.text for title in root.iter(f"{SVG}title")]
    assert all(occasion in titles for occasion in OCCASIONS)
    assert "Conference 3 Mar" in " ".join(drawn)


def test_one_line_per_series_with_points_at_the_right_height_and_gaps_for_missing_scores():
    root = parse(chart())
    paths = series_paths(root)
    assert len(paths) == len(SERIES)
    family, social_worker, child = (path_segments(path.get("d")) for path in paths)
    assert family == [[(scale_chart.chart_x(index), scale_chart.chart_y(value)) for index, value in enumerate([4, 6, 7])]]
    assert social_worker == [[(scale_chart.chart_x(0), scale_chart.chart_y(2))], [(scale_chart.chart_x(2), scale_chart.chart_y(5))]]
    assert child == [[(scale_chart.chart_x(1), scale_chart.chart_y(10)), (scale_chart.chart_x(2), scale_chart.chart_y(0))]]


@pytest.mark.parametrize("score, options, same_as", [
    (0, {}, scale_chart.CHART_TOP + scale_chart.PLOT_H),
    (10, {}, scale_chart.CHART_TOP),
    (5, {}, scale_chart.CHART_TOP + scale_chart.PLOT_H / 2),
    (5, {"max_value": 5}, scale_chart.CHART_TOP),
    (12, {}, scale_chart.chart_y(10)),
    (-1, {}, scale_chart.chart_y(0)),
], ids=["zero-at-the-bottom", "maximum-at-the-top", "half-way", "a-smaller-maximum", "above-the-maximum",
        "below-zero"])
def test_chart_y_maps_zero_to_the_bottom_and_the_maximum_to_the_top(score, options, same_as):
    assert scale_chart.chart_y(score, **options) == same_as


def test_series_differ_by_colour_and_by_marker_or_dash_not_colour_alone():
    styles = [scale_chart.series_style(index) for index in range(6)]
    assert len({colour for colour, _, _ in styles}) == 6
    assert len({marker for _, marker, _ in styles}) == 6
    assert len({dash for _, _, dash in styles}) == 6
    root = parse(chart())
    dashes = [path.get("stroke-dasharray") for path in series_paths(root)]
    assert len(set(dashes)) == len(dashes)


def test_every_score_has_a_marker_with_its_value_in_text():
    root = parse(chart())
    titles = [title.text for title in root.iter(f"{SVG}title")]
    assert "Social worker, Conference 3 Mar 2026: 2 out of 10" in titles
    assert not any(title.startswith("Social worker, Review 2 Jun 2026") for title in titles)


@pytest.mark.parametrize("series", [[], [{"label": "Family", "points": [("Conference", None)]}]],
                         ids=["no-series", "no-scores"])
def test_an_empty_chart_still_draws_and_says_so(series):
    root = parse(chart(series))
    assert "No scores recorded yet" in texts(root)


def test_the_chart_is_deterministic_and_escapes_its_labels():
    svg = chart()
    assert chart() == svg
    assert "<script" not in svg
