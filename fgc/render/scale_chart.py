"""A chart of 0–10 safety scales over time as standalone SVG: one line per person, each with its own
colour, marker and dash pattern so they stay apart for colour-blind readers and in greyscale print.

Pure functions from plain data to an SVG string (see :mod:`fgc.render.svg`); the table beside the chart
on every page gives the same numbers.
"""

import math

from flask_babel import gettext as _

from . import svg

# --- the safety scale chart -------------------------------------------------------------------------

CHART_LEFT = 56  # room for the y-axis labels
CHART_TOP = 40  # room for the axis caption
PLOT_H = 200
STEP = 150  # horizontal space per occasion; also the width its label may use
LABEL_LINE = 14
LEGEND_ROW = 22

# Okabe–Ito colours (distinguishable with common colour-blindness), each paired with its own marker and
# dash pattern so the series stay apart in greyscale print too.
SERIES_STYLES = (
    ("#0072b2", "circle", None),
    ("#d55e00", "square", "8 4"),
    ("#007a5a", "triangle", "2 4"),
    ("#b4457f", "diamond", "10 4 2 4"),
    ("#8a6100", "cross", "4 4"),
    ("#000000", "circle-open", "12 3"),
)


def series_style(index):
    """(colour, marker, dash pattern) for the index-th series; repeats after six."""
    return SERIES_STYLES[index % len(SERIES_STYLES)]


def chart_y(value, *, max_value=10):
    """The y coordinate of a score; scores outside 0..max_value are drawn at the nearest edge."""
    value = min(max(float(value), 0.0), float(max_value))
    return CHART_TOP + PLOT_H * (1 - value / max_value)


def chart_x(index):
    """The x coordinate of the index-th occasion."""
    return CHART_LEFT + STEP / 2 + index * STEP


def _score(value):
    """A number, or None for a missing (or unusable) score."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _wrap(text, max_width, font_size, lines=2):
    """Greedy word wrap into at most `lines` lines, the last cut with an ellipsis if need be."""
    words, result, current = text.split(), [], ""
    for index, word in enumerate(words):
        attempt = f"{current} {word}".strip()
        if svg.text_width(attempt, font_size) <= max_width or not current:
            current = attempt
            continue
        result.append(current)
        current = word
        if len(result) == lines - 1:
            current = " ".join(words[index:])
            break
    if current:
        result.append(current)
    return [svg.fit(line, max_width, font_size) for line in result[:lines]]


def _marker(shape, x, y, colour):
    if shape in ("circle", "circle-open"):
        return svg.tag("circle", {"cx": x, "cy": y, "r": 5, "fill": svg.WHITE if shape == "circle-open" else colour,
                               "stroke": colour, "stroke-width": 2})
    if shape == "square":
        return svg.tag("rect", {"x": x - 4.5, "y": y - 4.5, "width": 9, "height": 9, "fill": colour})
    if shape == "triangle":
        points = [(x, y - 6), (x + 6, y + 4.5), (x - 6, y + 4.5)]
    elif shape == "diamond":
        points = [(x, y - 6.5), (x + 6.5, y), (x, y + 6.5), (x - 6.5, y)]
    else:  # cross: two lines, not a <path>, so each series has exactly one path
        return svg.tag("g", {"stroke": colour, "stroke-width": 2.5}, "".join(
            svg.tag("line", {"x1": x - 5, "y1": y + dy, "x2": x + 5, "y2": y - dy}) for dy in (-5, 5)))
    return svg.tag("polygon", {"points": " ".join(f"{svg.num(px)},{svg.num(py)}" for px, py in points), "fill": colour})


def series_path(values, *, max_value=10):
    """The path data for one series: a new 'M' after every gap, so a missing score breaks the line."""
    commands, pen_down = [], False
    for index, value in enumerate(values):
        if value is None:
            pen_down = False
            continue
        commands.append(f"{'L' if pen_down else 'M'}{svg.num(chart_x(index))} {svg.num(chart_y(value, max_value=max_value))}")
        pen_down = True
    return " ".join(commands)


def draw(series, *, title, description, max_value=10, id_prefix="scale"):
    """A line chart of 0–max_value safety scales over time, one line per series, as a standalone SVG.

    series: [{"label": "Family", "points": [("Conference 3 Mar 2026", 4), ("Review 2 Jun 2026", None)]}].
    All series share the same occasions in the same order; a None score leaves a gap in that line.
    """
    series = list(series or ())
    # Occasions come from the longest series; points line up by position.
    longest = max(series, key=lambda item: len(item.get("points") or ()), default={"points": ()})
    occasions = [svg.clean(label, label=True) for label, _score_value in longest.get("points") or ()]
    count = max(len(occasions), 1)
    plot_w = count * STEP
    plot_bottom = CHART_TOP + PLOT_H

    body = [svg.text(CHART_LEFT, CHART_TOP - 20, _("Safety scale, 0 to %(max)s", max=svg.num(max_value)), size=12,
                  bold=True, anchor="start")]
    # Axes, a faint midline and the 0 / max labels.
    for value, stroke in ((0, svg.INK), (max_value / 2, "#d5d9de"), (max_value, "#d5d9de")):
        y = chart_y(value, max_value=max_value)
        body.append(svg.tag("line", {"x1": CHART_LEFT, "y1": y, "x2": CHART_LEFT + plot_w, "y2": y, "stroke": stroke,
                                  "stroke-width": 1}))
    body.append(svg.tag("line", {"x1": CHART_LEFT, "y1": CHART_TOP, "x2": CHART_LEFT, "y2": plot_bottom, "stroke": svg.INK,
                              "stroke-width": 1}))
    for value in (0, max_value):
        body.append(svg.text(CHART_LEFT - 8, chart_y(value, max_value=max_value) + 4, svg.num(value), size=12,
                          anchor="end"))

    # One label per occasion, wrapped to two lines under its tick; the full label in a <title>.
    label_lines = 0
    for index, occasion in enumerate(occasions):
        x = chart_x(index)
        lines = _wrap(occasion, STEP - 12, 11)
        label_lines = max(label_lines, len(lines))
        body.append(svg.tag("g", {}, svg.title(occasion) + svg.tag("line", {
            "x1": x, "y1": plot_bottom, "x2": x, "y2": plot_bottom + 5, "stroke": svg.INK, "stroke-width": 1})
            + "".join(svg.text(x, plot_bottom + 18 + line * LABEL_LINE, text, size=11) for line, text in enumerate(lines))))
    if not any(_score(value) is not None for item in series for _occasion, value in item.get("points") or ()):
        body.append(svg.text(CHART_LEFT + plot_w / 2, CHART_TOP + PLOT_H / 2, _("No scores recorded yet"), size=12,
                          fill=svg.MUTED))

    # The lines, each with markers carrying the exact score in a <title>.
    for index, item in enumerate(series):
        colour, shape, dash = series_style(index)
        label = svg.clean(item.get("label"), label=True) or _("Series %(number)d", number=index + 1)
        values = [_score(value) for _occasion, value in item.get("points") or ()]
        markers = "".join(
            svg.tag("g", {}, svg.title(_("%(series)s, %(occasion)s: %(score)s out of %(max)s", series=label,
                                   occasion=occasions[position] if position < len(occasions) else "",
                                   score=svg.num(value), max=svg.num(max_value)))
                 + _marker(shape, chart_x(position), chart_y(value, max_value=max_value), colour))
            for position, value in enumerate(values) if value is not None)
        body.append(svg.tag("g", {}, svg.title(label) + svg.tag("path", {
            "d": series_path(values, max_value=max_value), "fill": "none", "stroke": colour,
            "stroke-width": 2.5, "stroke-dasharray": dash, "stroke-linejoin": "round"}) + markers))

    # Legend as text: a sample of each line with its marker, wrapping into rows.
    legend_top = plot_bottom + 18 + label_lines * LABEL_LINE + 12
    width = max(CHART_LEFT + plot_w + 24, 360)  # wide enough for a two-entry legend
    x, y = CHART_LEFT, legend_top
    for index, item in enumerate(series):
        colour, shape, dash = series_style(index)
        label = svg.fit(svg.clean(item.get("label"), label=True) or _("Series %(number)d", number=index + 1), 180, 12)
        entry_w = 44 + svg.text_width(label, 12) + 20
        if x > CHART_LEFT and x + entry_w > width - 12:
            x, y = CHART_LEFT, y + LEGEND_ROW
        body.append(svg.tag("line", {"x1": x, "y1": y, "x2": x + 36, "y2": y, "stroke": colour, "stroke-width": 2.5,
                                  "stroke-dasharray": dash}))
        body.append(_marker(shape, x + 18, y, colour))
        body.append(svg.text(x + 44, y + 4, label, size=12, anchor="start"))
        x += entry_w
    height = (y + LEGEND_ROW if series else legend_top) + 8
    return svg.document(width, height, id_prefix, title, description, "".join(body))
