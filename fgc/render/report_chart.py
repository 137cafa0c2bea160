"""The reports' charts as standalone SVG: a column for each month, or a bar for each group. Each names itself with a
<title> and a <desc> that says what it shows and its highest value; the page puts a table of the same numbers
beside it, which is where a screen reader reads them. Each bar carries its label and value as data attributes,
so a test can hold the chart to its table.

Pure functions from plain numbers to an SVG string (see :mod:`fgc.render.svg`).
"""

import math

from flask_babel import gettext as _

from . import svg

BAR = "#1d70b8"  # GOV.UK blue: 4.5:1 against white
GRID = "#b1b4b6"
LEFT = 52  # room for the axis numbers
TOP = 16
PLOT_H = 160
SLOT = 34  # horizontal room for each month, at the least
WIDE_SLOT = 80  # and at the most, when there are few months
PLOT_W = 560  # the width a few months' columns share
LABEL_H = 34  # two lines under each column: the month, and the year under January and the first month
GROUP_H = 26  # each group's row in a bar chart
GROUP_LABEL_W = 230


def axis_top(value, unit):
    """The top of a column chart's axis, which has four equal steps: 100 for percentages; for counts, whole-number
    steps (1, 2, 5, 10, 20, 25, 50 … each) so no tick reads 0.25 of a family."""
    if unit == "percent":
        return 100
    step = nice_top((value or 0) / 4)
    if unit == "count" or step >= 1:
        step = max(1, math.ceil(step))
    return step * 4


def nice_top(value):
    """The axis's top: the smallest of 1, 2, 2.5, 5 × 10ⁿ at or above ``value`` (at least 1)."""
    if not value or value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _shown(value, unit):
    if value is None:
        return "–"
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{text}%" if unit == "percent" else text


def columns(id_prefix, title, description, months, unit):
    """A column chart with one column per month: ``months`` is [(key "2026-03", short name "Mar", the year to
    write under it or "", value or None)], names in the reader's language. ``unit`` "percent" runs the axis to
    100."""
    top = axis_top(max((value for *_rest, value in months if value is not None), default=0), unit)
    slot = max(SLOT, min(WIDE_SLOT, PLOT_W // max(len(months), 1)))
    width = LEFT + slot * max(len(months), 1) + 8
    height = TOP + PLOT_H + LABEL_H
    body = []
    for step in range(5):
        value = top * step / 4
        y = TOP + PLOT_H * (1 - step / 4)
        body.append(svg.tag("line", {"x1": LEFT, "y1": y, "x2": width - 8, "y2": y, "stroke": GRID,
                                     "stroke-width": 1}))
        body.append(svg.text(LEFT - 6, y + 4, _shown(int(value) if value == int(value) else value, unit), size=11,
                             anchor="end", fill=svg.MUTED))
    for index, (key, short, year, value) in enumerate(months):
        x = LEFT + slot * index
        centre = x + slot / 2
        bar = [svg.tag("title", {}, svg.escape(_("%(label)s: %(value)s", label=f"{short} {year}".strip(),
                                                    value=_shown(value, unit))))]
        if value is not None:
            h = PLOT_H * min(value, top) / top
            bar.append(svg.tag("rect", {"x": x + slot * 0.15, "y": TOP + PLOT_H - h, "width": slot * 0.7,
                                        "height": max(h, 0),
                                        "fill": BAR}))
        body.append(svg.tag("g", {"class": "app-chart-bar", "data-label": key, "data-value": "" if value is None
                                  else _shown(value, "count")}, "".join(bar)))
        body.append(svg.text(centre, TOP + PLOT_H + 14, short, size=11, fill=svg.INK))
        if year:
            body.append(svg.text(centre, TOP + PLOT_H + 28, year, size=11, fill=svg.MUTED))
    body.append(svg.tag("line", {"x1": LEFT, "y1": TOP + PLOT_H, "x2": width - 8, "y2": TOP + PLOT_H,
                                 "stroke": svg.INK, "stroke-width": 1}))
    return svg.document(width, height, id_prefix, title, description, "".join(body))


def bars(id_prefix, title, description, groups):
    """A bar chart of ``groups`` ([(label, value), ...]), one row each, the label on the left (typed words are
    kept whole: shortened to fit, the full label in the bar's title)."""
    top = nice_top(max((value for _label, value in groups if value is not None), default=0))
    plot_w = 320
    width = GROUP_LABEL_W + plot_w + 60
    height = TOP + GROUP_H * max(len(groups), 1) + 8
    body = []
    for index, (label, value) in enumerate(groups):
        y = TOP + GROUP_H * index
        shown = svg.fit(svg.clean(label, label=True), GROUP_LABEL_W - 12, 12)
        row = [svg.tag("title", {}, svg.escape(_("%(label)s: %(value)s", label=svg.clean(label, label=True),
                                                  value=_shown(value, "count")))),
               svg.text(GROUP_LABEL_W - 8, y + 16, [svg.Run(shown, typed=True)], size=12, anchor="end")]
        w = plot_w * (value or 0) / top
        row.append(svg.tag("rect", {"x": GROUP_LABEL_W, "y": y + 4, "width": w, "height": GROUP_H - 8, "fill": BAR}))
        row.append(svg.text(GROUP_LABEL_W + w + 6, y + 16, _shown(value, "count"), size=12, anchor="start"))
        body.append(svg.tag("g", {"class": "app-chart-bar", "data-label": svg.clean(label, label=True),
                                  "data-value": _shown(value, "count")}, "".join(row)))
    body.append(svg.tag("line", {"x1": GROUP_LABEL_W, "y1": TOP, "x2": GROUP_LABEL_W, "y2": height - 8,
                                 "stroke": svg.INK, "stroke-width": 1}))
    return svg.document(width, height, id_prefix, title, description, "".join(body))
