"""The reports' charts: columns in proportion on a round axis, an empty month drawn as no column, and typed group
names drawn safely, cut to fit with the whole name kept in the bar's title."""

import xml.etree.ElementTree as ET

import pytest

from fgc.render import report_chart

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("value, top", [(0, 1), (1, 1), (3, 5), (7, 10), (12, 20), (22, 25), (240, 250),
                                        (999, 1000), (1001, 2000)])
def test_the_axis_ends_on_a_round_number(value, top):
    assert report_chart.nice_top(value) == top


@pytest.mark.parametrize("value, unit, top", [(0, "count", 4), (1, "count", 4), (3, "count", 4), (5, "count", 8),
                                              (10, "count", 12), (37, "count", 40), (120, "count", 200),
                                              (2.5, "days", 4), (30, "working_days", 40), (7, "percent", 100)])
def test_a_count_axis_steps_in_whole_numbers(value, unit, top):
    assert report_chart.axis_top(value, unit) == top


def bars_of(root):
    return [group for group in root.iter(f"{SVG}g") if group.get("class") == "app-chart-bar"]


def test_columns_are_in_proportion_and_an_empty_month_has_none():
    chart = report_chart.columns("c", "Offers made", "Offers by month", [
        ("2026-01", "Jan", "2026", 10), ("2026-02", "Feb", "", 5), ("2026-03", "Mar", "", None),
        ("2026-04", "Apr", "", 0)], "count")
    root = ET.fromstring(chart)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Offers made"
    heights = [float(group.find(f"{SVG}rect").get("height")) if group.find(f"{SVG}rect") is not None else None
               for group in bars_of(root)]
    top = report_chart.axis_top(10, "count")
    assert heights == [pytest.approx(report_chart.PLOT_H * 10 / top, abs=0.1),
                       pytest.approx(report_chart.PLOT_H * 5 / top, abs=0.1), None, 0]
    assert [group.get("data-value") for group in bars_of(root)] == ["10", "5", "", "0"]
    labels = ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]
    assert {"Jan", "2026", "Feb", "Mar", "Apr", "0", str(top)} <= set(labels)


def test_a_percentage_axis_runs_to_100():
    root = ET.fromstring(report_chart.columns("p", "Share", "d", [("2026-01", "Jan", "2026", 50)], "percent"))
    [bar] = bars_of(root)
    assert float(bar.find(f"{SVG}rect").get("height")) == report_chart.PLOT_H / 2
    assert "100%" in ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def test_typed_group_names_are_escaped_isolated_and_cut_to_fit():
    long_name = "Gwyddeleg / Irish Traveller and a very long description that cannot fit beside its bar " * 2
    groups = [("<script>alert(1)</script>", 3), ("עברית", 2), (long_name, 1), ("\u202eevil", 0)]
    chart = report_chart.bars("b", "By ethnicity", "Children by group", groups)
    assert "<script>" not in chart and "\u202e" not in chart
    root = ET.fromstring(chart)
    bars = bars_of(root)
    assert [group.find(f"{SVG}title").text for group in bars][:2] == ["<script>alert(1)</script>: 3", "עברית: 2"]
    shown = "".join(bars[2].find(f"{SVG}text").itertext())
    assert shown.endswith("…") and len(shown) < len(long_name)
    widths = [float(group.find(f"{SVG}rect").get("width")) for group in bars]
    assert widths[0] > widths[1] > widths[2] > widths[3] == 0
