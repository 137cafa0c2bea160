"""The family network picture (an ecomap) as standalone SVG: the children in the middle, each side of
the family around them, professionals below.

Pure functions from plain dicts to an SVG string: no database, no page CSS (see :mod:`fgc.render.svg`).
The picture's own words (headings, the key, role and side labels, notes) go through Flask-Babel: the
module-level tables are lazy_gettext and are turned into plain strings (str()) where they are drawn, and
other words use gettext at draw time, so text is always a plain str before anything measures, wraps or
escapes it. Outside a request gettext gives the English as written.
"""

import math
from dataclasses import dataclass, field
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..domain import vocabulary
from . import svg

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
# Roles in the order they are drawn nearest the children: those holding parental responsibility first.
ROLE_ORDER = tuple(vocabulary.NETWORK_ROLES)

KEY_LINES = (
    _l("Circles are family and friends; rectangles are professionals. Lines join people to the child they "
       "relate to."),
    _l("A red dashed outline and the word “Excluded” mark someone excluded because of risk: they have no line."),
)



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
    return (1 if _excluded(person) else 0, _role_rank(person), svg.clean(person.get("name")).casefold(),
            str(person.get("id", "")))


def _grid_size(count, per_line):
    """(lines, cells per line) for count cells wrapped every per_line."""
    if count == 0:
        return 0, 0
    return math.ceil(count / per_line), min(count, per_line)


def _span(cells, size):
    """Length of `cells` cells of `size` with GAP between them."""
    return cells * size + max(cells - 1, 0) * GAP


def layout(children, people, professionals):
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
    key_w = max(svg.text_width(line, 11) for line in key_lines)
    content_w = max(middle_w, _span(other_cols, PERSON_W), _span(pro_cols, PRO_W), key_w)
    width = math.ceil(content_w + 2 * MARGIN)
    centre_x = width / 2

    headings, notes, nodes_by_group = [], [], {}

    def heading(text, x, y):
        text = str(text)
        headings.append(Heading(text, Box(x, y, svg.text_width(text, 14, bold=True), 20)))

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
                links.append(Link(node, child, svg.clean(relation.get("relationship"), label=True)))

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
        relationship = svg.clean(relation.get("relationship"), label=True)
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
    return [str(vocabulary.NETWORK_ROLES[role]) if role in vocabulary.NETWORK_ROLES else svg.clean(role, label=True) for role in roles]


def _draw_person(node, child_names):
    person, box = node.item, node.box
    name = svg.clean(person.get("name")) or _("Unnamed person")
    label = svg.clean(name, label=True) or _("Unnamed person")
    excluded = _excluded(person)
    relationship = _relationship_text(person, child_names)
    roles = _role_labels(person)
    side = str(vocabulary.SIDES[person.get("side")]) if person.get("side") in vocabulary.SIDES else _("Side not recorded")
    details = [part for part in (relationship, side, ", ".join(roles),
                                 _("Excluded: no part in the conference") if excluded else "")
               if part]
    cx, cy = node.anchor
    width = box.width - 8
    drawn_name = svg.fit(label, width, 12, bold=True)
    # The second line: how they relate to the child, or failing that their main role.
    detail = svg.fit(relationship or (roles[0] if roles else ""), width, 11)
    labels = [svg.text(cx, box.y + 46, drawn_name, bold=True)]
    if detail:
        labels.append(svg.text(cx, box.y + 61, detail, size=11, fill=svg.MUTED))
    if excluded:
        labels.append(svg.text(cx, box.y + 76, _("Excluded"), size=11, bold=True, fill=svg.DANGER))
    label_w = max(svg.text_width(drawn_name, 12, bold=True), svg.text_width(detail, 11)) + 8
    return svg.tag("g", {}, "".join([
        svg.title(name),  # the full name, for tooltips; the drawing may truncate it
        svg.desc(". ".join(details)),
        _backing(cx, cy + PERSON_R + 2, min(label_w, box.width), box.bottom),
        svg.tag("circle", {
            "cx": cx, "cy": cy, "r": PERSON_R, "fill": svg.WHITE if excluded else SIDE_FILL[node.group],
            "stroke": svg.DANGER if excluded else svg.INK, "stroke-width": 2 if excluded else 1.5,
            "stroke-dasharray": "4 3" if excluded else None}),
        *labels,
    ]))


def _backing(cx, top, width, bottom):
    """A white patch behind a label, hiding the connecting lines that pass under it so the text stays
    legible. Only as wide as the (estimated) text, so the lines stay visible either side."""
    return svg.tag("rect", {"x": cx - width / 2, "y": top, "width": width, "height": bottom - top, "fill": svg.WHITE})


def _draw_child(node):
    child, box = node.item, node.box
    name = svg.clean(child.get("name")) or _("Unnamed child")
    label = svg.clean(name, label=True) or _("Unnamed child")
    cx, cy = node.anchor
    drawn = svg.fit(label, box.width - 8, 14, bold=True)
    return svg.tag("g", {}, "".join([
        svg.title(name),
        svg.desc(_("Child")),
        svg.tag("circle", {"cx": cx, "cy": cy, "r": CHILD_R, "fill": CHILD_FILL, "stroke": svg.INK, "stroke-width": 2.5}),
        _backing(cx, cy + CHILD_R + 2, min(svg.text_width(drawn, 14, bold=True) + 8, box.width), box.bottom),
        svg.text(cx, box.y + 70, drawn, size=14, bold=True),
    ]))


def _draw_professional(node):
    item, box = node.item, node.box
    name = svg.clean(item.get("name")) or _("Unnamed professional")
    role, agency = svg.clean(item.get("role"), label=True), svg.clean(item.get("agency"), label=True)
    cx, width = box.x + box.width / 2, box.width - 12
    parts = [
        svg.title(name),
        svg.desc(". ".join(part for part in (role, agency) if part)),
        svg.tag("rect", {"x": box.x, "y": box.y, "width": box.width, "height": box.height, "rx": 4,
                      "fill": PRO_FILL, "stroke": svg.INK, "stroke-width": 1.5}),
        svg.text(cx, box.y + 20, svg.fit(svg.clean(name, label=True), width, 12, bold=True), bold=True),
    ]
    if role:
        parts.append(svg.text(cx, box.y + 37, svg.fit(role, width, 11), size=11, fill=svg.MUTED))
    if agency:
        parts.append(svg.text(cx, box.y + 53, svg.fit(agency, width, 11), size=11, fill=svg.MUTED))
    return svg.tag("g", {}, "".join(parts))


def draw(children, people, professionals, *, title, description, id_prefix="network"):
    """The family network as a standalone SVG string (an ecomap). See layout() for the arrangement.

    children: [{"id", "name"}]; people: [{"id", "name", "side", "roles", "excluded", "relationships":
    [{"child_id", "relationship"}]}]; professionals: [{"name", "agency", "role"}]. id_prefix keeps the
    title/desc ids unique when a page holds more than one picture.
    """
    arranged = layout(children, people, professionals)
    child_names = {str(node.item.get("id")): svg.clean(node.item.get("name"), label=True) or _("Unnamed child")
                   for node in arranged.children}
    body = []
    if arranged.professionals_band is not None:
        band = arranged.professionals_band
        body.append(svg.tag("rect", {"x": band.x, "y": band.y, "width": band.width, "height": band.height, "rx": 6,
                                  "fill": "#f5f6f7", "stroke": "#c5cbd1", "stroke-width": 1}))
    # Lines first so every circle and label is drawn over them.
    body.append(svg.tag("g", {"stroke": svg.LINE, "stroke-width": 1.5, "stroke-linecap": "round"}, "".join(
        svg.tag("line", {"x1": link.person.anchor[0], "y1": link.person.anchor[1],
                      "x2": link.child.anchor[0], "y2": link.child.anchor[1]})
        for link in arranged.links)))
    for heading in arranged.headings:
        body.append(svg.text(heading.box.x, heading.box.y + 15, heading.text, size=14, bold=True, anchor="start"))
    for x, y, note in arranged.notes:
        body.append(svg.text(x, y, note, size=11, fill=svg.MUTED, anchor="start"))
    body.extend(_draw_child(node) for node in arranged.children)
    body.extend(_draw_person(node, child_names) for node in arranged.people)
    body.extend(_draw_professional(node) for node in arranged.professionals)
    return svg.document(arranged.width, arranged.height, id_prefix, title, description, "".join(body))
