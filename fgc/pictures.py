"""Server-side SVG pictures: the family network (an ecomap) and a chart of 0–10 safety scales.

Pure functions from plain dicts to SVG strings: no database, no page CSS. Every style is an
inline presentation attribute (fill, stroke, font-family, font-size) so the same string renders alike in
a browser page and in a WeasyPrint PDF. Output is deterministic: the same input gives the same string.

The picture's own words (headings, the key, role and side labels, notes) go through Flask-Babel: the
module-level tables are lazy_gettext and are turned into plain strings (str()) where they are drawn, and
other words use gettext at draw time, so text is always a plain str before anything measures, wraps or
escapes it. Outside a request gettext gives the English as written.

All text (names, relationships, labels, titles) comes from users, so it goes through `_clean` (drops
characters XML 1.0 cannot carry, such as NUL) and then is escaped with xml.sax.saxutils. The strings
returned are therefore safe to mark `| safe` in Jinja; nothing else should be.

Sizes are estimated without font metrics (there is no font machinery server-side), so text widths are
deliberately pessimistic and long labels are cut with an ellipsis; the full text stays in a <title>.
"""

import math
import unicodedata
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

FONT = "Helvetica, Arial, sans-serif"
INK = "#1f2933"  # body text and outlines: near-black, high contrast on white
MUTED = "#4a5561"  # secondary text; still above 7:1 on white
LINE = "#8a949e"  # connecting lines sit behind everything and stay quiet
DANGER = "#b00020"  # excluded people (always paired with the word "Excluded")
WHITE = "#ffffff"

# --- the network picture's grid --------------------------------------------------------------------

MARGIN = 24
GAP = 12  # between neighbouring cells
HEADING_H = 30  # a group heading's row above its cells
BAND_GAP = 36  # between the top band, the middle band and the professionals band
CENTRE_GAP = 72  # clear space either side of the children so lines fan out readably
ROWS_PER_COLUMN = 6  # a side wraps into another column (growing outwards) after this many people

PERSON_W, PERSON_H = 156, 80  # circle on top, then name, relationship, and "Excluded" when it applies
PERSON_R = 12
CHILD_W, CHILD_H = 176, 80
CHILD_R = 22
PRO_W, PRO_H = 196, 62  # professionals are rectangles with their text inside

SIDE_FILL = {"maternal": "#d6e6f5", "paternal": "#fbe1c4", "other": "#dcefd2"}
CHILD_FILL = "#fff1a6"
PRO_FILL = "#eef0f2"

# Words in these tables are lazy: use str() (or format them) before measuring, joining or escaping.
HEADINGS = {
    "maternal": _l("Mother’s side"),
    "paternal": _l("Father’s side"),
    "other": _l("Both sides / other"),
    "professionals": _l("Professionals"),
}
SIDE_WORDS = {"maternal": _l("Mother’s side"), "paternal": _l("Father’s side"), "both": _l("Both sides"),
              "neither": _l("Neither side")}

# Roles in the order they are drawn nearest the children: those holding parental responsibility first.
# Mirrors fgc.data.network.ROLES, copied so this module stays free of app imports.
ROLE_LABELS = {
    "pr_holder": _l("Holds parental responsibility"),
    "parent": _l("Parent"),
    "relative": _l("Relative"),
    "friend": _l("Friend or community member"),
    "support": _l("Support person"),
    "advocate": _l("Advocate for the child"),
    "interpreter": _l("Interpreter"),
}
ROLE_ORDER = tuple(ROLE_LABELS)

KEY_LINES = (
    _l("Circles are family and friends; rectangles are professionals. Lines join people to the child they "
       "relate to."),
    _l("A red dashed outline and the word “Excluded” mark someone excluded because of risk: they have no line."),
)


# --- text: cleaning, escaping, measuring, truncating ------------------------------------------------

# Explicit bidi embeddings/overrides/isolates. Stripped from drawn labels so a hostile name cannot
# reorder the rest of its line; the renderer's own bidi algorithm still handles Hebrew and Arabic.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _xml_char(char):
    """Whether XML 1.0 can carry this character at all (escaping cannot rescue NUL or a lone surrogate)."""
    code = ord(char)
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def _clean(value, *, label=False):
    """Text safe to put in XML. For drawn labels also fold whitespace and drop bidi controls."""
    text = "" if value is None else str(value)
    text = "".join(char for char in text if _xml_char(char))
    if label:
        text = " ".join("".join(char for char in text if char not in _BIDI_CONTROLS).split())
    return text


def _joins_previous(char, previous):
    """Whether a character belongs to the same visible character (grapheme) as the one before it."""
    code = ord(char)
    return (unicodedata.category(char) in ("Mn", "Me", "Mc") or code == 0x200D or previous == "\u200d"
            or 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F)


def _graphemes(text):
    """Split into roughly user-perceived characters, so truncation never splits an accent or an emoji."""
    clusters = []
    for char in text:
        if clusters and _joins_previous(char, clusters[-1][-1]):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _units(cluster):
    """Width of one grapheme in 'average characters': wide (CJK, most emoji) count double."""
    return 2 if unicodedata.east_asian_width(cluster[0]) in ("W", "F") else 1


def _em_per_unit(bold):
    # Helvetica averages about 0.55em a character; 0.62 (0.66 bold) is pessimistic so capitals fit.
    return 0.66 if bold else 0.62


def text_width(text, font_size, *, bold=False):
    """A generous estimate of the drawn width of a label, in px."""
    return sum(_units(cluster) for cluster in _graphemes(text)) * font_size * _em_per_unit(bold)


def fit(text, max_width, font_size, *, bold=False):
    """The label cut to fit max_width px, ending with an ellipsis when anything was cut."""
    if text_width(text, font_size, bold=bold) <= max_width:
        return text
    budget = max_width / (font_size * _em_per_unit(bold)) - 1  # leave one unit for the ellipsis
    kept, used = [], 0
    for cluster in _graphemes(text):
        if used + _units(cluster) > budget:
            break
        kept.append(cluster)
        used += _units(cluster)
    return "".join(kept).rstrip() + "…"


def _direction(text):
    """'rtl' when the first strong character is Hebrew/Arabic script (like HTML's dir=auto), else None."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return None
    return None


def _num(value):
    """Coordinates printed the same way every time: at most one decimal place, no trailing '.0'."""
    value = round(float(value), 1)
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _attrs(attrs):
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = _num(value)
        parts.append(f" {name}={quoteattr(str(value))}")
    return "".join(parts)


def _tag(name, attrs, content=None):
    """One element. `content` is already-built markup (a string) or None for an empty element."""
    if content is None:
        return f"<{name}{_attrs(attrs)}/>"
    return f"<{name}{_attrs(attrs)}>{content}</{name}>"


def _text(x, y, label, *, size=12, anchor="middle", bold=False, fill=INK, italic=False):
    """A <text> with its font given inline, its content escaped and its direction set for RTL names."""
    direction = _direction(label)
    if direction and anchor in ("start", "end"):
        # text-anchor follows the text's own direction: an RTL label anchored at its "start"
        # would run leftwards from x, so swap to keep it on the same side as LTR labels.
        anchor = "end" if anchor == "start" else "start"
    return _tag("text", {
        "x": x, "y": y, "font-family": FONT, "font-size": size, "font-weight": "bold" if bold else None,
        "font-style": "italic" if italic else None, "fill": fill, "text-anchor": anchor,
        # With direction=rtl the ellipsis lands at the logical end (the left) as a reader expects.
        "direction": direction, "unicode-bidi": "embed" if direction else None,
    }, escape(label))


def _title(text):
    return _tag("title", {}, escape(_clean(text)))


def _desc(text):
    return _tag("desc", {}, escape(_clean(text)))


def _svg(width, height, id_prefix, title, description, body):
    """The standalone root: role=img named by its own <title> and <desc>, white background, no CSS."""
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    inner = (_tag("title", {"id": title_id}, escape(_clean(title)))
             + _tag("desc", {"id": desc_id}, escape(_clean(description)))
             + _tag("rect", {"x": 0, "y": 0, "width": width, "height": height, "fill": WHITE})
             + body)
    return _tag("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "role": "img", "aria-labelledby": f"{title_id} {desc_id}",
        "viewBox": f"0 0 {_num(width)} {_num(height)}", "width": width, "height": height,
        "font-family": FONT,
    }, inner)


# --- the network picture: layout --------------------------------------------------------------------

@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self):
        return self.x + self.width

    @property
    def bottom(self):
        return self.y + self.height

    def overlaps(self, other):
        """True when the two boxes share any area (touching edges do not count)."""
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)

    def contains(self, other):
        return (self.x <= other.x and self.y <= other.y
                and other.right <= self.right and other.bottom <= self.bottom)


@dataclass(frozen=True)
class Node:
    """One drawn thing: a child, a network person or a professional, its cell and where lines meet it."""
    kind: str  # "child", "person" or "professional"
    group: str  # "centre", "maternal", "paternal", "other" or "professionals"
    box: Box
    anchor: tuple  # (x, y) centre of the circle; lines start and end here
    item: dict = field(compare=False)


@dataclass(frozen=True)
class Heading:
    text: str
    box: Box


@dataclass(frozen=True)
class Link:
    person: Node
    child: Node
    relationship: str


@dataclass
class NetworkLayout:
    width: float
    height: float
    children: list
    people: list
    professionals: list
    headings: list
    links: list
    notes: list  # (x, y, text): "None recorded" placeholders and the key, as plain text lines
    professionals_band: Box | None

    @property
    def view_box(self):
        return Box(0, 0, self.width, self.height)

    def nodes(self):
        return [*self.children, *self.people, *self.professionals]


def _excluded(person):
    """Excluded because of risk. Accepts 1/0, True/False or "1"/"0" (form data), so "0" is not excluded."""
    return str(person.get("excluded") or "0").strip().lower() not in ("0", "false", "")


def _group_of(person):
    side = person.get("side")
    return side if side in ("maternal", "paternal") else "other"


def _role_rank(person):
    """Lowest (most central) role a person holds; unknown roles after known ones, no roles last."""
    ranks = [ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER) for role in person.get("roles") or ()]
    return min(ranks, default=len(ROLE_ORDER) + 1)


def _person_order(person):
    # Excluded people go to the end of their group, away from the children; name then id keeps it stable.
    return (1 if _excluded(person) else 0, _role_rank(person), _clean(person.get("name")).casefold(),
            str(person.get("id", "")))


def _grid_size(count, per_line):
    """(lines, cells per line) for count cells wrapped every per_line."""
    if count == 0:
        return 0, 0
    return math.ceil(count / per_line), min(count, per_line)


def _span(cells, size):
    """Length of `cells` cells of `size` with GAP between them."""
    return cells * size + max(cells - 1, 0) * GAP


def network_layout(children, people, professionals):
    """Where everything in the network picture goes. Pure geometry, shared by the drawing and the tests.

    Children sit in a central column. Mother's side fills columns leftwards from the children, father's
    side rightwards, each top to bottom in role order, so the people most central to the child are
    nearest. Both sides / neither sit in a band above, professionals in a band below. Groups wrap and the
    canvas grows instead of anything overlapping.
    """
    children = list(children or ())
    professionals = list(professionals or ())
    groups = {"maternal": [], "paternal": [], "other": []}
    for person in sorted(people or (), key=_person_order):
        groups[_group_of(person)].append(person)

    # Middle band: widths of the two sides (at least one cell, for the "None recorded" note).
    side_cols = {side: max(1, math.ceil(len(groups[side]) / ROWS_PER_COLUMN)) for side in ("maternal", "paternal")}
    side_rows = {side: max(1, min(len(groups[side]), ROWS_PER_COLUMN)) for side in ("maternal", "paternal")}
    side_w = max(_span(cols, PERSON_W) for cols in side_cols.values())
    middle_w = 2 * side_w + CHILD_W + 2 * CENTRE_GAP
    children_h = _span(max(len(children), 1), CHILD_H)
    middle_h = max(children_h, *(_span(rows, PERSON_H) for rows in side_rows.values()))

    # Top band (both sides / neither) and professionals: rows as wide as the middle band allows.
    per_row_other = max(4, (middle_w + GAP) // (PERSON_W + GAP))
    per_row_pro = max(3, (middle_w + GAP) // (PRO_W + GAP))
    other_rows, other_cols = _grid_size(len(groups["other"]), per_row_other)
    pro_rows, pro_cols = _grid_size(len(professionals), per_row_pro)

    key_lines = [str(line) for line in KEY_LINES]
    key_w = max(text_width(line, 11) for line in key_lines)
    content_w = max(middle_w, _span(other_cols, PERSON_W), _span(pro_cols, PRO_W), key_w)
    width = math.ceil(content_w + 2 * MARGIN)
    centre_x = width / 2

    headings, notes, nodes_by_group = [], [], {}

    def heading(text, x, y):
        text = str(text)
        headings.append(Heading(text, Box(x, y, text_width(text, 14, bold=True), 20)))

    def person_node(person, group, x, y):
        return Node("person", group, Box(x, y, PERSON_W, PERSON_H), (x + PERSON_W / 2, y + 4 + PERSON_R), person)

    y = MARGIN
    # Top band.
    if groups["other"]:
        left = centre_x - _span(other_cols, PERSON_W) / 2
        heading(HEADINGS["other"], left, y)
        nodes_by_group["other"] = [
            person_node(person, "other", left + (index % per_row_other) * (PERSON_W + GAP),
                        y + HEADING_H + (index // per_row_other) * (PERSON_H + GAP))
            for index, person in enumerate(groups["other"])]
        y += HEADING_H + _span(other_rows, PERSON_H) + BAND_GAP

    # Middle band: sides start next to the children and grow outwards.
    body_y = y + HEADING_H
    for side, sign in (("maternal", -1), ("paternal", 1)):
        inner_edge = centre_x + sign * (CHILD_W / 2 + CENTRE_GAP)
        outer_edge = inner_edge + sign * _span(side_cols[side], PERSON_W)
        heading(HEADINGS[side], min(inner_edge, outer_edge), y)
        placed = []
        for index, person in enumerate(groups[side]):
            column, row = divmod(index, ROWS_PER_COLUMN)
            x = inner_edge + column * (PERSON_W + GAP) if sign > 0 else inner_edge - PERSON_W - column * (PERSON_W + GAP)
            placed.append(person_node(person, side, x, body_y + row * (PERSON_H + GAP)))
        nodes_by_group[side] = placed
        if not placed:
            notes.append((min(inner_edge, outer_edge), body_y + 16, _("None recorded")))
    child_top = body_y + (middle_h - children_h) / 2
    child_nodes = []
    for index, child in enumerate(children):
        top = child_top + index * (CHILD_H + GAP)
        child_nodes.append(Node("child", "centre", Box(centre_x - CHILD_W / 2, top, CHILD_W, CHILD_H),
                                (centre_x, top + 6 + CHILD_R), child))
    if not children:
        notes.append((centre_x - CHILD_W / 2, child_top + 16, _("No children recorded")))
    y = body_y + middle_h + BAND_GAP

    # Professionals band, set apart on a tinted background.
    pro_nodes, band = [], None
    if professionals:
        band = Box(MARGIN / 2, y - BAND_GAP / 2, width - MARGIN, HEADING_H + _span(pro_rows, PRO_H) + BAND_GAP / 2 + GAP)
        left = centre_x - _span(pro_cols, PRO_W) / 2
        heading(HEADINGS["professionals"], left, y)
        for index, professional in enumerate(professionals):
            x = left + (index % per_row_pro) * (PRO_W + GAP)
            top = y + HEADING_H + (index // per_row_pro) * (PRO_H + GAP)
            pro_nodes.append(Node("professional", "professionals", Box(x, top, PRO_W, PRO_H),
                                  (x + PRO_W / 2, top + PRO_H / 2), professional))
        y = band.bottom + BAND_GAP / 2

    # The key, as text, so nothing depends on colour alone.
    for line in key_lines:
        notes.append((MARGIN, y + 11, line))
        y += 16
    height = y + MARGIN

    # Lines: one per (person, child) relationship; none at all for an excluded person.
    child_by_id = {str(node.item.get("id")): node for node in child_nodes}
    people_nodes = [*nodes_by_group.get("other", []), *nodes_by_group["maternal"], *nodes_by_group["paternal"]]
    links = []
    for node in people_nodes:
        if _excluded(node.item):
            continue
        for relation in node.item.get("relationships") or ():
            child = child_by_id.get(str(relation.get("child_id")))
            if child is not None:
                links.append(Link(node, child, _clean(relation.get("relationship"), label=True)))

    return NetworkLayout(width=width, height=height, children=child_nodes, people=people_nodes,
                         professionals=pro_nodes, headings=headings, links=links, notes=notes,
                         professionals_band=band)


# --- the network picture: drawing -------------------------------------------------------------------

def _relationship_text(person, child_names):
    """'Aunt' with one child; 'Aunt to Siân; Great-aunt to Osian' with several."""
    parts = []
    for relation in person.get("relationships") or ():
        key = str(relation.get("child_id"))
        if key not in child_names:
            continue
        relationship = _clean(relation.get("relationship"), label=True)
        if len(child_names) == 1:
            parts.append(relationship or _("Related"))
        else:
            parts.append(_("%(relationship)s to %(child)s", relationship=relationship or _("Related"),
                           child=child_names[key]))
    return "; ".join(parts)


def _role_labels(person):
    """Readable role names, most central first."""
    roles = sorted(person.get("roles") or (), key=lambda role: (ROLE_ORDER.index(role) if role in ROLE_ORDER
                                                                 else len(ROLE_ORDER), str(role)))
    return [str(ROLE_LABELS[role]) if role in ROLE_LABELS else _clean(role, label=True) for role in roles]


def _draw_person(node, child_names):
    person, box = node.item, node.box
    name = _clean(person.get("name")) or _("Unnamed person")
    label = _clean(name, label=True) or _("Unnamed person")
    excluded = _excluded(person)
    relationship = _relationship_text(person, child_names)
    roles = _role_labels(person)
    side = str(SIDE_WORDS[person.get("side")]) if person.get("side") in SIDE_WORDS else _("Side not recorded")
    details = [part for part in (relationship, side, ", ".join(roles),
                                 _("Excluded: no part in the conference") if excluded else "")
               if part]
    cx, cy = node.anchor
    width = box.width - 8
    drawn_name = fit(label, width, 12, bold=True)
    # The second line: how they relate to the child, or failing that their main role.
    detail = fit(relationship or (roles[0] if roles else ""), width, 11)
    labels = [_text(cx, box.y + 46, drawn_name, bold=True)]
    if detail:
        labels.append(_text(cx, box.y + 61, detail, size=11, fill=MUTED))
    if excluded:
        labels.append(_text(cx, box.y + 76, _("Excluded"), size=11, bold=True, fill=DANGER))
    label_w = max(text_width(drawn_name, 12, bold=True), text_width(detail, 11)) + 8
    return _tag("g", {}, "".join([
        _title(name),  # the full name, for tooltips; the drawing may truncate it
        _desc(". ".join(details)),
        _backing(cx, cy + PERSON_R + 2, min(label_w, box.width), box.bottom),
        _tag("circle", {
            "cx": cx, "cy": cy, "r": PERSON_R, "fill": WHITE if excluded else SIDE_FILL[node.group],
            "stroke": DANGER if excluded else INK, "stroke-width": 2 if excluded else 1.5,
            "stroke-dasharray": "4 3" if excluded else None}),
        *labels,
    ]))


def _backing(cx, top, width, bottom):
    """A white patch behind a label, hiding the connecting lines that pass under it so the text stays
    legible. Only as wide as the (estimated) text, so the lines stay visible either side."""
    return _tag("rect", {"x": cx - width / 2, "y": top, "width": width, "height": bottom - top, "fill": WHITE})


def _draw_child(node):
    child, box = node.item, node.box
    name = _clean(child.get("name")) or _("Unnamed child")
    label = _clean(name, label=True) or _("Unnamed child")
    cx, cy = node.anchor
    drawn = fit(label, box.width - 8, 14, bold=True)
    return _tag("g", {}, "".join([
        _title(name),
        _desc(_("Child")),
        _tag("circle", {"cx": cx, "cy": cy, "r": CHILD_R, "fill": CHILD_FILL, "stroke": INK, "stroke-width": 2.5}),
        _backing(cx, cy + CHILD_R + 2, min(text_width(drawn, 14, bold=True) + 8, box.width), box.bottom),
        _text(cx, box.y + 70, drawn, size=14, bold=True),
    ]))


def _draw_professional(node):
    item, box = node.item, node.box
    name = _clean(item.get("name")) or _("Unnamed professional")
    role, agency = _clean(item.get("role"), label=True), _clean(item.get("agency"), label=True)
    cx, width = box.x + box.width / 2, box.width - 12
    parts = [
        _title(name),
        _desc(". ".join(part for part in (role, agency) if part)),
        _tag("rect", {"x": box.x, "y": box.y, "width": box.width, "height": box.height, "rx": 4,
                      "fill": PRO_FILL, "stroke": INK, "stroke-width": 1.5}),
        _text(cx, box.y + 20, fit(_clean(name, label=True), width, 12, bold=True), bold=True),
    ]
    if role:
        parts.append(_text(cx, box.y + 37, fit(role, width, 11), size=11, fill=MUTED))
    if agency:
        parts.append(_text(cx, box.y + 53, fit(agency, width, 11), size=11, fill=MUTED))
    return _tag("g", {}, "".join(parts))


def network_picture(children, people, professionals, *, title, description, id_prefix="network"):
    """The family network as a standalone SVG string (an ecomap). See network_layout for the arrangement.

    children: [{"id", "name"}]; people: [{"id", "name", "side", "roles", "excluded", "relationships":
    [{"child_id", "relationship"}]}]; professionals: [{"name", "agency", "role"}]. id_prefix keeps the
    title/desc ids unique when a page holds more than one picture.
    """
    layout = network_layout(children, people, professionals)
    child_names = {str(node.item.get("id")): _clean(node.item.get("name"), label=True) or _("Unnamed child")
                   for node in layout.children}
    body = []
    if layout.professionals_band is not None:
        band = layout.professionals_band
        body.append(_tag("rect", {"x": band.x, "y": band.y, "width": band.width, "height": band.height, "rx": 6,
                                  "fill": "#f5f6f7", "stroke": "#c5cbd1", "stroke-width": 1}))
    # Lines first so every circle and label is drawn over them.
    body.append(_tag("g", {"stroke": LINE, "stroke-width": 1.5, "stroke-linecap": "round"}, "".join(
        _tag("line", {"x1": link.person.anchor[0], "y1": link.person.anchor[1],
                      "x2": link.child.anchor[0], "y2": link.child.anchor[1]})
        for link in layout.links)))
    for heading in layout.headings:
        body.append(_text(heading.box.x, heading.box.y + 15, heading.text, size=14, bold=True, anchor="start"))
    for x, y, note in layout.notes:
        body.append(_text(x, y, note, size=11, fill=MUTED, anchor="start"))
    body.extend(_draw_child(node) for node in layout.children)
    body.extend(_draw_person(node, child_names) for node in layout.people)
    body.extend(_draw_professional(node) for node in layout.professionals)
    return _svg(layout.width, layout.height, id_prefix, title, description, "".join(body))


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
        if text_width(attempt, font_size) <= max_width or not current:
            current = attempt
            continue
        result.append(current)
        current = word
        if len(result) == lines - 1:
            current = " ".join(words[index:])
            break
    if current:
        result.append(current)
    return [fit(line, max_width, font_size) for line in result[:lines]]


def _marker(shape, x, y, colour):
    if shape in ("circle", "circle-open"):
        return _tag("circle", {"cx": x, "cy": y, "r": 5, "fill": WHITE if shape == "circle-open" else colour,
                               "stroke": colour, "stroke-width": 2})
    if shape == "square":
        return _tag("rect", {"x": x - 4.5, "y": y - 4.5, "width": 9, "height": 9, "fill": colour})
    if shape == "triangle":
        points = [(x, y - 6), (x + 6, y + 4.5), (x - 6, y + 4.5)]
    elif shape == "diamond":
        points = [(x, y - 6.5), (x + 6.5, y), (x, y + 6.5), (x - 6.5, y)]
    else:  # cross: two lines, not a <path>, so each series has exactly one path
        return _tag("g", {"stroke": colour, "stroke-width": 2.5}, "".join(
            _tag("line", {"x1": x - 5, "y1": y + dy, "x2": x + 5, "y2": y - dy}) for dy in (-5, 5)))
    return _tag("polygon", {"points": " ".join(f"{_num(px)},{_num(py)}" for px, py in points), "fill": colour})


def series_path(values, *, max_value=10):
    """The path data for one series: a new 'M' after every gap, so a missing score breaks the line."""
    commands, pen_down = [], False
    for index, value in enumerate(values):
        if value is None:
            pen_down = False
            continue
        commands.append(f"{'L' if pen_down else 'M'}{_num(chart_x(index))} {_num(chart_y(value, max_value=max_value))}")
        pen_down = True
    return " ".join(commands)


def scale_chart(series, *, title, description, max_value=10, id_prefix="scale"):
    """A line chart of 0–max_value safety scales over time, one line per series, as a standalone SVG.

    series: [{"label": "Family", "points": [("Conference 3 Mar 2026", 4), ("Review 2 Jun 2026", None)]}].
    All series share the same occasions in the same order; a None score leaves a gap in that line.
    """
    series = list(series or ())
    # Occasions come from the longest series; points line up by position.
    longest = max(series, key=lambda item: len(item.get("points") or ()), default={"points": ()})
    occasions = [_clean(label, label=True) for label, _score_value in longest.get("points") or ()]
    count = max(len(occasions), 1)
    plot_w = count * STEP
    plot_bottom = CHART_TOP + PLOT_H

    body = [_text(CHART_LEFT, CHART_TOP - 20, _("Safety scale, 0 to %(max)s", max=_num(max_value)), size=12,
                  bold=True, anchor="start")]
    # Axes, a faint midline and the 0 / max labels.
    for value, stroke in ((0, INK), (max_value / 2, "#d5d9de"), (max_value, "#d5d9de")):
        y = chart_y(value, max_value=max_value)
        body.append(_tag("line", {"x1": CHART_LEFT, "y1": y, "x2": CHART_LEFT + plot_w, "y2": y, "stroke": stroke,
                                  "stroke-width": 1}))
    body.append(_tag("line", {"x1": CHART_LEFT, "y1": CHART_TOP, "x2": CHART_LEFT, "y2": plot_bottom, "stroke": INK,
                              "stroke-width": 1}))
    for value in (0, max_value):
        body.append(_text(CHART_LEFT - 8, chart_y(value, max_value=max_value) + 4, _num(value), size=12,
                          anchor="end"))

    # One label per occasion, wrapped to two lines under its tick; the full label in a <title>.
    label_lines = 0
    for index, occasion in enumerate(occasions):
        x = chart_x(index)
        lines = _wrap(occasion, STEP - 12, 11)
        label_lines = max(label_lines, len(lines))
        body.append(_tag("g", {}, _title(occasion) + _tag("line", {
            "x1": x, "y1": plot_bottom, "x2": x, "y2": plot_bottom + 5, "stroke": INK, "stroke-width": 1})
            + "".join(_text(x, plot_bottom + 18 + line * LABEL_LINE, text, size=11) for line, text in enumerate(lines))))
    if not any(_score(value) is not None for item in series for _occasion, value in item.get("points") or ()):
        body.append(_text(CHART_LEFT + plot_w / 2, CHART_TOP + PLOT_H / 2, _("No scores recorded yet"), size=12,
                          fill=MUTED))

    # The lines, each with markers carrying the exact score in a <title>.
    for index, item in enumerate(series):
        colour, shape, dash = series_style(index)
        label = _clean(item.get("label"), label=True) or _("Series %(number)d", number=index + 1)
        values = [_score(value) for _occasion, value in item.get("points") or ()]
        markers = "".join(
            _tag("g", {}, _title(_("%(series)s, %(occasion)s: %(score)s out of %(max)s", series=label,
                                   occasion=occasions[position] if position < len(occasions) else "",
                                   score=_num(value), max=_num(max_value)))
                 + _marker(shape, chart_x(position), chart_y(value, max_value=max_value), colour))
            for position, value in enumerate(values) if value is not None)
        body.append(_tag("g", {}, _title(label) + _tag("path", {
            "d": series_path(values, max_value=max_value), "fill": "none", "stroke": colour,
            "stroke-width": 2.5, "stroke-dasharray": dash, "stroke-linejoin": "round"}) + markers))

    # Legend as text: a sample of each line with its marker, wrapping into rows.
    legend_top = plot_bottom + 18 + label_lines * LABEL_LINE + 12
    width = max(CHART_LEFT + plot_w + 24, 360)  # wide enough for a two-entry legend
    x, y = CHART_LEFT, legend_top
    for index, item in enumerate(series):
        colour, shape, dash = series_style(index)
        label = fit(_clean(item.get("label"), label=True) or _("Series %(number)d", number=index + 1), 180, 12)
        entry_w = 44 + text_width(label, 12) + 20
        if x > CHART_LEFT and x + entry_w > width - 12:
            x, y = CHART_LEFT, y + LEGEND_ROW
        body.append(_tag("line", {"x1": x, "y1": y, "x2": x + 36, "y2": y, "stroke": colour, "stroke-width": 2.5,
                                  "stroke-dasharray": dash}))
        body.append(_marker(shape, x + 18, y, colour))
        body.append(_text(x + 44, y + 4, label, size=12, anchor="start"))
        x += entry_w
    height = (y + LEGEND_ROW if series else legend_top) + 8
    return _svg(width, height, id_prefix, title, description, "".join(body))
