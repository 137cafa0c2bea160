"""Reading back the SVG fgc draws, for the tests of the network picture and the scale chart.

The geometry checks work on the SVG string itself: every <text> gets a box from its x, y, anchor, direction,
font size and weight and the same font metrics the drawing measures with (fgc.render.font_metrics), and every
<line>, <polyline> and <path> (absolute M, L, H, V) is cut into straight segments.
"""

import itertools
import re
import xml.etree.ElementTree as ET

from fgc.render import font_metrics, svg

SVG = "{http://www.w3.org/2000/svg}"
TOLERANCE = 0.5  # px: boxes that only touch, and lines that end on a box's edge, are fine


def parse(svg):
    """The picture's root element; it must be a standalone <svg>."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def group_titles(root):
    """The <title> text of every <g> (each person, child, professional): the full names."""
    return [group.find(f"{SVG}title").text for group in root.iter(f"{SVG}g")
            if group.find(f"{SVG}title") is not None]


def group_for(root, name):
    return next(group for group in root.iter(f"{SVG}g")
                if group.find(f"{SVG}title") is not None and group.find(f"{SVG}title").text == name)


def label(text):
    """What a <text> shows: its own text and its tspans', in order."""
    return "".join(text.itertext())


def texts(element):
    return [label(text) for text in element.iter(f"{SVG}text")]


def squash(text):
    return "".join(text.split())


# --- geometry ------------------------------------------------------------------------------------------

def view_box(root):
    x, y, width, height = (float(part) for part in root.get("viewBox").split())
    return (x, y, x + width, y + height)


def text_box(text):
    """(left, top, right, bottom) of a <text> as drawn, at most: the width its font metrics give, the height
    from the font's ascent above the baseline to its descent below."""
    size = float(text.get("font-size"))
    width = svg.text_width(label(text), size, bold=text.get("font-weight") == "bold")
    x, y = float(text.get("x")), float(text.get("y"))
    anchor, rtl = text.get("text-anchor", "start"), text.get("direction") == "rtl"
    if anchor == "middle":
        left = x - width / 2
    elif (anchor == "end") != rtl:  # an RTL "start" is its right-hand end
        left = x - width
    else:
        left = x
    return (left, y - font_metrics.ASCENT * size, left + width, y + font_metrics.DESCENT * size)


def text_boxes(root):
    """[(label, box)] for every <text> in the picture."""
    return [(label(text), text_box(text)) for text in root.iter(f"{SVG}text")]


def _points(numbers):
    values = [float(value) for value in re.findall(r"-?[\d.]+(?:e-?\d+)?", numbers)]
    return list(zip(values[::2], values[1::2]))


def _path_points(d):
    points, current = [], None
    for command, arguments in re.findall(r"([MLHVmlhvZz])([^MLHVmlhvZz]*)", d):
        assert command in "MLHV", f"only absolute M, L, H and V are checked, not {command!r}"
        values = [float(value) for value in re.findall(r"-?[\d.]+", arguments)]
        if command in "ML":
            for point in zip(values[::2], values[1::2]):
                points.append((command, point))
                current = point
                command = "L"
        else:
            for value in values:
                current = (value, current[1]) if command == "H" else (current[0], value)
                points.append(("L", current))
    return points


def segments(root):
    """Every straight stretch of every line the picture draws, as ((x1, y1), (x2, y2))."""
    found = []
    for line in root.iter(f"{SVG}line"):
        found.append(((float(line.get("x1", 0)), float(line.get("y1", 0))),
                      (float(line.get("x2", 0)), float(line.get("y2", 0)))))
    for polyline in root.iter(f"{SVG}polyline"):
        points = _points(polyline.get("points"))
        found.extend(itertools.pairwise(points))
    for path in root.iter(f"{SVG}path"):
        previous = None
        for command, point in _path_points(path.get("d")):
            if command == "L" and previous is not None:
                found.append((previous, point))
            previous = point
    return found


def circles(root):
    """(left, top, right, bottom) of every circle: the people's and the children's symbols."""
    boxes = []
    for circle in root.iter(f"{SVG}circle"):
        cx, cy, r = (float(circle.get(name)) for name in ("cx", "cy", "r"))
        boxes.append((cx - r, cy - r, cx + r, cy + r))
    return boxes


def overlaps(first, second, tolerance=TOLERANCE):
    return (first[0] < second[2] - tolerance and second[0] < first[2] - tolerance
            and first[1] < second[3] - tolerance and second[1] < first[3] - tolerance)


def inside(box, outer):
    return outer[0] <= box[0] and outer[1] <= box[1] and box[2] <= outer[2] and box[3] <= outer[3]


def crosses(segment, box, tolerance=TOLERANCE):
    """Whether a segment runs into the inside of a box (Liang–Barsky clipping against the box shrunk by the
    tolerance), so a line may end on a box's edge or pass along it, but not go through it."""
    (x1, y1), (x2, y2) = segment
    left, top, right, bottom = box[0] + tolerance, box[1] + tolerance, box[2] - tolerance, box[3] - tolerance
    if left >= right or top >= bottom:
        return False
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def geometry_problems(picture):
    """What is wrong with a picture's layout, as sentences (empty when nothing is): text outside the
    viewBox, text cut with an ellipsis, two texts overlapping, a line through a text or through a circle
    it does not end at."""
    root = parse(picture)
    outer, boxes, lines = view_box(root), text_boxes(root), segments(root)
    problems = [f"outside the picture: {text!r} {box}" for text, box in boxes if not inside(box, outer)]
    problems += [f"cut short: {text!r}" for text, _box in boxes if "…" in text]
    problems += [f"overlap: {first[0]!r} and {second[0]!r}" for first, second in itertools.combinations(boxes, 2)
                 if overlaps(first[1], second[1])]
    problems += [f"a line {segment} runs through {text!r}" for segment in lines for text, box in boxes
                 if crosses(segment, box)]
    problems += [f"a line {segment} runs through the circle at {box}" for segment in lines
                 for box in circles(root) if crosses(segment, box)]
    problems += [f"a line {segment} leaves the picture" for segment in lines
                 if not all(outer[0] <= x <= outer[2] and outer[1] <= y <= outer[3] for x, y in segment)]
    return problems
