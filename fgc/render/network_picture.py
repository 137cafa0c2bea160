"""The family network picture as standalone SVG, drawn like a genogram: generations in rows, mother's side on
the left, father's side on the right, friends and community below, professionals set apart at the bottom.

    ┌───────────────┬──────────────┬───────────────┬──────────────┐
    │               │ Mother's side│ Both / unknown│ Father's side│
    │ Grandparents  │  Nain, Taid… │  Great-gran…  │  Grandad…    │
    │ Parents, aunts│  Mam, aunts… │               │  Dad, uncles…│
    │ Children…     │  cousins     │  [children]   │  cousins     │
    │               │              │  siblings     │              │
    │ Friends…      │        friends, neighbours, advocates        │
    │ Professionals │        social worker, teacher…               │
    └───────────────┴──────────────────────────────────────────────┘

Where each person goes comes from how they are related to the children (:mod:`fgc.render.kinship`), then
their recorded side of the family and roles. Each person is a small circle with their whole name and, for every
child, how they are related ("Mother to Siân and Dafydd", "Great-aunt to Osian"), wrapped onto as many lines as
they need: nothing is cut short. Lines run only in the clear channels between rows and columns: from a line
above each row of people, down a trunk beside or through the middle of each column, to the children. Someone
excluded because of risk has a red dashed circle, the word "Excluded" and no line.

Pure functions from plain dicts to an SVG string: no database, no page CSS (see :mod:`fgc.render.svg`). Text is
measured with the bundled print font's metrics, so :func:`layout` knows every label's size. The picture's own
words go through Flask-Babel (lazy tables are str()'d where drawn).
"""

import math
from dataclasses import dataclass, field
from functools import lru_cache

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..domain import vocabulary
from . import kinship, svg
from .font_metrics import ASCENT

# --- sizes (px) ------------------------------------------------------------------------------------------

MARGIN = 16
NAME, DETAIL, CHILD_NAME, HEADING, LABEL, NOTE = 12, 11, 13, 13, 12, 11  # font sizes
PITCH = {11: 13, 12: 14, 13: 16}  # line to line: a line's ascent and descent (1.17em), so lines never overlap
CARD_W = 176  # a person: circle, then their name and relationships beside it
R = 7  # a person's circle
TEXT_X = 2 * R + 8  # where a card's words start
CHILD_W, CHILD_R = 188, 11
CHILD_TEXT_X = 2 * CHILD_R + 8
PRO_W = 176
GAP_X = 12  # between cards side by side
CHANNEL_H = 14  # above each row of cards: its line runs here
CHANNEL_W = 20  # between the columns: each side's trunk runs here
GUTTER = 20  # through the middle of a centred column: the middle trunk runs here
PAD = 6  # inside a band's tinted cell
BAND_GAP = 10
LABEL_W = 100  # the row labels down the left
PRINT_AREA = (1047, 620)  # px an A4 landscape page gives the picture in the case-file PDF (static/print/plan.css)

BANDS = ("grandparents", "parents", "children")  # family rows, top to bottom
SIDES = ("maternal", "both", "paternal")  # family columns, left to right
TINT = {"maternal": "#eaf2fa", "both": "#eff4ec", "paternal": "#fcf1e3", "community": "#f1f5ee",
        "professionals": "#f3f4f5"}
CIRCLE = {"maternal": "#a9cbe9", "both": "#bcd9ad", "paternal": "#f3c58f", "community": "#d5e6cb"}
CHILD_FILL, CHILD_PANEL, CHILD_EDGE = "#ffd84d", "#fff7d1", "#b89500"
PRO_FILL = "#ffffff"

# Words in these tables are lazy: use str() before measuring, joining or escaping.
COLUMN_HEADINGS = {"maternal": _l("Mother’s side"), "both": _l("Both sides, or side not known"),
                   "paternal": _l("Father’s side")}
BAND_LABELS = {"grandparents": _l("Grandparents’ generation"), "parents": _l("Parents, aunts and uncles"),
               "children": _l("Children, brothers, sisters and cousins"),
               "community": _l("Friends, community and support"), "professionals": _l("Professionals")}
KEY_LINES = (
    _l("Each circle is a person; the children are the large yellow circles. Rows are generations, mother’s side "
       "on the left and father’s side on the right. Lines join everyone taking part to the children."),
    _l("A red dashed circle and the word “Excluded” mark someone excluded because of risk: they have no line."),
)
ROLE_ORDER = tuple(vocabulary.NETWORK_ROLES)  # those holding parental responsibility first
FAMILY_ROLES = {"pr_holder", "parent", "relative"}


# --- geometry ----------------------------------------------------------------------------------------------

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

    @classmethod
    def around(cls, boxes):
        boxes = list(boxes)
        left, top = min(box.x for box in boxes), min(box.y for box in boxes)
        return cls(left, top, max(box.right for box in boxes) - left, max(box.bottom for box in boxes) - top)


@dataclass(frozen=True)
class Line:
    """One drawn line of text: a str or a list of svg.Run, its font size, weight and colour."""
    label: object
    size: int
    bold: bool = False
    fill: str = svg.INK


@dataclass(frozen=True)
class Card:
    """What a child, person or professional shows, measured: its lines and its height."""
    kind: str  # "child", "person" or "professional"
    item: dict = field(compare=False)
    lines: tuple
    width: float
    height: float
    excluded: bool = False


@dataclass(frozen=True)
class Node:
    """One drawn thing: a child, a network person or a professional, where it is and where lines meet it."""
    kind: str
    group: tuple  # (band, side) for people, ("children", "both") for children, ("professionals", None)
    box: Box
    anchor: tuple  # (x, y) centre of the circle; a line ends at the circle's top
    item: dict = field(compare=False)
    card: Card = field(compare=False, repr=False)


@dataclass
class NetworkLayout:
    width: float
    height: float
    children: list
    people: list
    professionals: list
    texts: list  # (x, y, Line, anchor): headings, row labels, notes and the key
    panels: list  # (Box, fill, stroke): tinted cells behind the groups
    lines: list  # ((x1, y1), (x2, y2)): every connecting line

    @property
    def view_box(self):
        return Box(0, 0, self.width, self.height)

    def nodes(self):
        return [*self.children, *self.people, *self.professionals]

    @property
    def connected(self):
        return [node for node in self.people if not node.card.excluded]


# --- who goes where --------------------------------------------------------------------------------------

def _excluded(person):
    """Excluded because of risk. Accepts 1/0, True/False or "1"/"0" (form data), so "0" is not excluded."""
    return str(person.get("excluded") or "0").strip().lower() not in ("0", "false", "")


def _role_rank(person):
    """Lowest (most central) role a person holds; unknown roles after known ones, no roles last."""
    ranks = [ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER) for role in person.get("roles") or ()]
    return min(ranks, default=len(ROLE_ORDER) + 1)


def _person_order(person):
    # Excluded people go to the end of their group, away from the children; name then id keeps it stable.
    return (1 if _excluded(person) else 0, _role_rank(person), svg.clean(person.get("name")).casefold(),
            str(person.get("id", "")))


def _relations(person, child_ids):
    """The person's relationships to the children drawn, in the children's order."""
    known = [relation for relation in person.get("relationships") or () if str(relation.get("child_id")) in child_ids]
    return sorted(known, key=lambda relation: child_ids.index(str(relation.get("child_id"))))


def group_of(person, child_ids):
    """(band, side) for a person: band one of BANDS or "community"; side one of SIDES, None in the community.

    The first relationship (in the children's order) that names family gives the generation; failing that,
    one naming a friend, neighbour, advocate… puts them in the community; failing both, family roles (or a
    recorded side) put them among the parents' generation, and anyone else in the community. The recorded
    side wins; "neither" or nothing recorded falls back on what the words say, then on the middle column.
    """
    read = [kinship.read(relation.get("relationship")) for relation in _relations(person, child_ids)]
    family = next((kin for kin in read if kin.family), None)
    recorded = person.get("side") if person.get("side") in SIDES else None
    if family is None:
        roles = set(person.get("roles") or ())
        if any(kin.family is False for kin in read) or not (roles & FAMILY_ROLES or recorded in ("maternal", "paternal")):
            return ("community", None)
        generation = 1
    else:
        generation = family.generation
    band = "grandparents" if generation >= 2 else "parents" if generation == 1 else "children"
    side = recorded or next((kin.side for kin in read if kin.side), None) or "both"
    return (band, side)


# --- what each card says ---------------------------------------------------------------------------------

def _short_names(children):
    """{child id: first name}, or the whole name where two children share a first name."""
    names = {str(child.get("id")): svg.clean(child.get("name"), label=True) or _("Unnamed child") for child in children}
    firsts = {key: name.split()[0] for key, name in names.items()}
    shared = {first for first in firsts.values() if list(firsts.values()).count(first) > 1}
    return {key: names[key] if firsts[key] in shared else firsts[key] for key in names}


def _name_list(names):
    if len(names) == 1:
        return [svg.Run(names[0], typed=True)]
    listed = []
    for number, name in enumerate(names[:-1]):
        if number:
            listed.append(svg.Run(", "))
        listed.append(svg.Run(name, typed=True))
    return svg.phrase(_("%(names)s and %(last)s"), names=listed, last=names[-1])


def relationship_runs(person, children):
    """How the person is related to each child, as lines of runs: children with the same relationship share
    one ("Mother to Siân and Dafydd"); with only one child in the picture, just the relationship."""
    short = _short_names(children)
    child_ids = list(short)
    groups = {}
    for relation in _relations(person, child_ids):
        relationship = svg.clean(relation.get("relationship"), label=True)
        if relationship:
            groups.setdefault(relationship.casefold(), (relationship, []))[1].append(short[str(relation["child_id"])])
    if len(child_ids) == 1:
        return [[svg.Run(relationship, typed=True)] for relationship, _names in groups.values()]
    return [svg.phrase(_("%(relationship)s to %(children)s"), relationship=relationship, children=_name_list(names))
            for relationship, names in groups.values()]


def relationship_lines(person, children):
    """relationship_runs as plain text: ["Aunt to Siân and Dafydd", "Great-aunt to Osian"]."""
    return [svg.runs_text(runs) for runs in relationship_runs(person, children)]


def _role_labels(person):
    roles = sorted(person.get("roles") or (), key=lambda role: (ROLE_ORDER.index(role) if role in ROLE_ORDER
                                                                 else len(ROLE_ORDER), str(role)))
    return [str(vocabulary.NETWORK_ROLES[role]) if role in vocabulary.NETWORK_ROLES else svg.clean(role, label=True)
            for role in roles]


def _wrapped(label, width, size, *, bold=False, fill=svg.INK):
    runs = label if isinstance(label, list) else [svg.Run(label, typed=True)]
    return [Line(line, size, bold, fill) for line in svg.wrap_runs(runs, width, size, bold=bold)]


def _height(lines):
    return sum(PITCH[line.size] for line in lines)


def person_card(person, children):
    excluded = _excluded(person)
    width = CARD_W - TEXT_X
    lines = _wrapped(svg.clean(person.get("name"), label=True) or _("Unnamed person"), width, NAME, bold=True)
    details = relationship_runs(person, children) or ([_role_labels(person)[0]] if _role_labels(person) else [])
    for detail in details:
        lines += _wrapped(detail, width, DETAIL, fill=svg.MUTED)
    if excluded:
        lines += _wrapped(_("Excluded"), width, DETAIL, bold=True, fill=svg.DANGER)
    return Card("person", person, tuple(lines), CARD_W, max(_height(lines) + 2, 2 * R + 2), excluded)


def child_card(child):
    lines = _wrapped(svg.clean(child.get("name"), label=True) or _("Unnamed child"), CHILD_W - CHILD_TEXT_X,
                     CHILD_NAME, bold=True)
    return Card("child", child, tuple(lines), CHILD_W, max(_height(lines) + 2, 2 * CHILD_R + 2))


def professional_card(professional):
    width = PRO_W - 2 * PAD
    lines = _wrapped(svg.clean(professional.get("name"), label=True) or _("Unnamed professional"), width, NAME,
                     bold=True)
    for part in ("role", "agency"):
        if svg.clean(professional.get(part), label=True):
            lines += _wrapped(svg.clean(professional.get(part), label=True), width, DETAIL, fill=svg.MUTED)
    return Card("professional", professional, tuple(lines), PRO_W, _height(lines) + 2 * PAD)


def _text_lines(label, width, size, *, bold=False, fill=svg.INK):
    """The app's own words (a heading, a note), wrapped."""
    return list(_wrapped_words(str(label), width, size, bold, fill))


@lru_cache(maxsize=1024)
def _wrapped_words(text, width, size, bold, fill):
    # Remembered: layout() tries a dozen arrangements, wrapping the same headings at the same widths in each.
    return tuple(Line(svg.runs_text(line), size, bold, fill) for line in svg.wrap_runs([svg.Run(text)], width, size,
                                                                                       bold=bold))


# --- placing cards ------------------------------------------------------------------------------------------

@dataclass
class Placed:
    """Cards put in rows: the nodes, each row's line (y and its nodes), and how tall it all is."""
    nodes: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # (y of the row's line, [nodes])
    height: float = 0


def _grid(cards, xs, top, group, *, channel=CHANNEL_H):
    """Cards in rows at the column lefts `xs`, each row below a channel for its line."""
    placed, y = Placed(), top
    for start in range(0, len(cards), len(xs)):
        row = cards[start:start + len(xs)]
        row_top = y + channel
        nodes = [_node(card, group, xs[index], row_top) for index, card in enumerate(row)]
        placed.nodes += nodes
        placed.rows.append((y + channel / 2, nodes))
        y = row_top + max(card.height for card in row)
    placed.height = y - top
    return placed


def _node(card, group, x, y):
    if card.kind == "professional":
        return Node(card.kind, group, Box(x, y, card.width, card.height), (x + card.width / 2, y), card.item, card)
    radius = CHILD_R if card.kind == "child" else R
    return Node(card.kind, group, Box(x, y, card.width, card.height), (x + radius + 1, y + radius + 1), card.item,
                card)


def _side_columns(count, inner, outward):
    """Column lefts for a side: the first next to the children (inner edge), the rest outwards."""
    if outward < 0:
        return [inner - CARD_W - index * (CARD_W + GAP_X) for index in range(count)]
    return [inner + index * (CARD_W + GAP_X) for index in range(count)]


def _centred_columns(half, centre, width=CARD_W):
    """Column lefts, left to right: `half` columns each side of a gutter at `centre`."""
    left = [centre - GUTTER / 2 - width - index * (width + GAP_X) for index in reversed(range(half))]
    return left + [centre + GUTTER / 2 + index * (width + GAP_X) for index in range(half)]


def _span(count, width=CARD_W):
    return count * width + max(count - 1, 0) * GAP_X


# --- the layout ------------------------------------------------------------------------------------------

@dataclass
class _Plan:
    """The measured cards, grouped; the same whatever shape the picture then takes."""
    children: list
    cells: dict  # (band, side) -> [Card]
    community: list
    professionals: list


def _plan(children, people, professionals):
    children = list(children or ())
    child_ids = [str(child.get("id")) for child in children]
    cells = {(band, side): [] for band in BANDS for side in SIDES}
    community = []
    for person in sorted(people or (), key=_person_order):
        group = group_of(person, child_ids)
        card = person_card(person, children)
        (community if group[0] == "community" else cells[group]).append(card)
    return _Plan([child_card(child) for child in children], cells, community,
                 [professional_card(item) for item in professionals or ()])


def layout(children, people, professionals):
    """Where everything in the network picture goes. Pure geometry, shared by the drawing and the tests.

    Each column (mother's side, the middle, father's side) may have at most so many rows of cards in each
    generation: the same number for all three first, the best of 1, 2, 3…, then each column's own number, and
    how many children sit side by side, nudged up or down while that helps. The best shape prints largest on
    an A4 landscape page (PRINT_AREA), then takes the least room.
    """
    plan = _plan(children, people, professionals)
    most = max([len(cards) for cards in plan.cells.values()] + [1])

    def score(rows):
        arranged = _arrange(plan, rows)
        scale = min(1, PRINT_AREA[0] / arranged.width, PRINT_AREA[1] / arranged.height)
        return (round(scale, 4), -arranged.width * arranged.height), arranged

    limits = {**dict.fromkeys(SIDES, most), "children": max(1, min(len(plan.children), 4))}
    best_rows, (best, arranged) = None, (None, None)
    for count in range(1, most + 1):
        rows = {**dict.fromkeys(SIDES, count), "children": min(2, limits["children"])}
        result = score(rows)
        if best is None or result[0] > best:
            best_rows, (best, arranged) = rows, result
    improved = True
    while improved:
        improved = False
        for key in limits:
            for step in (-1, 1):
                rows = {**best_rows, key: best_rows[key] + step}
                if not 1 <= rows[key] <= limits[key]:
                    continue
                result = score(rows)
                if result[0] > best:
                    best_rows, (best, arranged), improved = rows, result, True
    return arranged


def _columns(plan, rows):
    """Cards across each side, and each half of the middle column, for at most rows[side] rows per group."""
    across = {side: max([math.ceil(len(plan.cells[(band, side)]) / rows[side]) for band in BANDS] + [1])
              for side in ("maternal", "paternal")}
    middle = max([math.ceil(math.ceil(len(plan.cells[(band, "both")]) / rows["both"]) / 2) for band in BANDS] + [0])
    return across, middle


def _arrange(plan, rows):
    across, half = _columns(plan, rows)
    children_across = rows["children"]
    panel_w = _span(children_across, CHILD_W) + 2 * PAD
    widths = {"maternal": _span(across["maternal"]), "paternal": _span(across["paternal"]),
              "both": max(panel_w, 2 * _span(half) + GUTTER if half else 0)}
    left = {"maternal": MARGIN + LABEL_W + GAP_X}
    left["both"] = left["maternal"] + widths["maternal"] + CHANNEL_W
    left["paternal"] = left["both"] + widths["both"] + CHANNEL_W
    area = Box(left["maternal"], 0, left["paternal"] + widths["paternal"] - left["maternal"], 0)
    width = area.right + MARGIN
    centre = left["both"] + widths["both"] / 2
    out = NetworkLayout(width, 0, [], [], [], [], [], [])
    y = MARGIN

    # Column headings.
    heading_h = 0
    for side in SIDES:
        lines = _text_lines(COLUMN_HEADINGS[side], widths[side], HEADING, bold=True)
        _put_lines(out, left[side] + widths[side] / 2, y, lines, "middle")
        heading_h = max(heading_h, _height(lines))
    y += heading_h + 4

    buses = {side: [] for side in SIDES}  # (y, [nodes]) rows whose line joins that column's trunk
    lower = []  # rows below the children, joined through the middle
    notes = {}  # side: the band where "None recorded" stands for an empty side
    panel = None
    for band in BANDS:
        if band == "grandparents" and not any(plan.cells[(band, side)] for side in SIDES):
            continue
        top, bottom = y, y + 40
        for side in ("maternal", "paternal"):
            inner = left[side] + widths[side] if side == "maternal" else left[side]
            xs = _side_columns(across[side], inner, -1 if side == "maternal" else 1)
            placed = _grid(plan.cells[(band, side)], xs, top, (band, side))
            out.people += placed.nodes
            buses[side] += placed.rows
            bottom = max(bottom, top + placed.height + PAD)
            if band == "parents" and not any(plan.cells[(other, side)] for other in BANDS):
                notes[side] = band
                out.texts.append((left[side] + PAD, top + PAD + ASCENT * NOTE, Line(_("None recorded"), NOTE,
                                                                                     fill=svg.MUTED), "start"))
        middle_top = top
        if band == "children":
            panel, middle_top = _children_panel(out, plan.children, left["both"], widths["both"], top,
                                                children_across)
        xs = _centred_columns(half, centre) if half else []
        placed = _grid(plan.cells[(band, "both")], xs, middle_top, (band, "both")) if xs else Placed()
        out.people += placed.nodes
        (lower if band == "children" else buses["both"]).extend(placed.rows)
        bottom = max(bottom, middle_top + placed.height + PAD)
        label = _text_lines(BAND_LABELS[band], LABEL_W, LABEL, bold=True)
        _put_lines(out, MARGIN, top + PAD, label, "start")
        bottom = max(bottom, top + PAD + _height(label) + PAD)
        for side in SIDES:  # a tint only behind a group with someone (or a note) in it
            if plan.cells[(band, side)] or notes.get(side) == band:
                out.panels.append((Box(left[side], top, widths[side], bottom - top), TINT[side], None))
        if band == "children":
            out.panels.append((panel, CHILD_PANEL, CHILD_EDGE))
        y = bottom + BAND_GAP

    y, community_rows = _community(out, plan.community, area, centre, y)
    lower += community_rows
    y = _professionals(out, plan.professionals, area, y)
    for line in KEY_LINES:
        lines = _text_lines(line, width - 2 * MARGIN, NOTE, fill=svg.MUTED)
        _put_lines(out, MARGIN, y, lines, "start")
        y += _height(lines)
    out.height = y + MARGIN
    out.lines = _connections(buses, lower, panel, left, widths, centre)
    return out


def _put_lines(out, x, top, lines, anchor):
    for line in lines:
        out.texts.append((x, top + ASCENT * line.size, line, anchor))
        top += PITCH[line.size]


def _children_panel(out, cards, left, width, top, across):
    """The children in their own panel at the head of the middle column; returns (panel, y below it)."""
    inner = _span(across, CHILD_W)
    xs = [left + (width - inner) / 2 + index * (CHILD_W + GAP_X) for index in range(across)]
    placed = _grid(cards, xs, top + PAD, ("children", "both"), channel=PAD)
    out.children += placed.nodes
    height = placed.height + 2 * PAD if cards else PITCH[NOTE] + 4 * PAD
    panel = Box(left, top + PAD, width, height)
    if not cards:
        out.texts.append((left + width / 2, panel.y + 2 * PAD + ASCENT * NOTE,
                          Line(_("No children recorded"), NOTE, fill=svg.MUTED), "middle"))
    return panel, panel.bottom


def _community(out, cards, area, centre, y):
    """Friends, neighbours, advocates…: a band across the picture, its gutter under the middle column's trunk."""
    if not cards:
        return y, []
    room = [int((side - PAD - GUTTER / 2 + GAP_X) // (CARD_W + GAP_X)) for side in (centre - area.x, area.right - centre)]
    across = math.ceil(len(cards) / math.ceil(len(cards) / max(1, sum(room))))  # as few rows, then as even, as can be
    left = min(room[0], math.ceil(across / 2))
    left = max(left, across - room[1])
    xs = _centred_columns(max(left, across - left), centre)
    xs = xs[len(xs) // 2 - left:len(xs) // 2 + across - left]
    placed = _grid(cards, xs, y, ("community", None))
    out.people += placed.nodes
    label = _text_lines(BAND_LABELS["community"], LABEL_W, LABEL, bold=True)
    _put_lines(out, MARGIN, y + PAD, label, "start")
    bottom = y + max(placed.height + PAD, PAD + _height(label) + PAD)
    out.panels.append((Box(area.x, y, area.width, bottom - y), TINT["community"], None))
    return bottom + BAND_GAP, placed.rows


def _professionals(out, cards, area, y):
    """Professionals in a band of their own at the foot, with no lines: they are not the family's network."""
    if not cards:
        return y
    across = max(1, min(len(cards), int((area.width - 2 * PAD + GAP_X) // (PRO_W + GAP_X))))
    start = area.x + (area.width - _span(across, PRO_W)) / 2
    placed = _grid(cards, [start + index * (PRO_W + GAP_X) for index in range(across)], y, ("professionals", None),
                   channel=PAD)
    out.professionals += placed.nodes
    label = _text_lines(BAND_LABELS["professionals"], LABEL_W, LABEL, bold=True)
    _put_lines(out, MARGIN, y + PAD, label, "start")
    bottom = y + max(placed.height + PAD, PAD + _height(label) + PAD)
    out.panels.append((Box(area.x, y, area.width, bottom - y), TINT["professionals"], None))
    return bottom + BAND_GAP


def _connections(buses, lower, panel, left, widths, centre):
    """Every line: a tick down to each person taking part, a line along each row of them, a trunk down each
    column's channel (the middle column's through its gutter) and into the children's panel."""
    lines = []

    def row_lines(rows, trunk_x):
        ys = []
        for bus_y, nodes in rows:
            joined = [node for node in nodes if not node.card.excluded]
            if not joined:
                continue
            xs = [node.anchor[0] for node in joined]
            lines.append(((min(xs + [trunk_x]), bus_y), (max(xs + [trunk_x]), bus_y)))
            for node in joined:
                radius = CHILD_R if node.kind == "child" else R
                lines.append(((node.anchor[0], bus_y), (node.anchor[0], node.anchor[1] - radius)))
            ys.append(bus_y)
        return ys

    join_y = panel.y + PAD + CHILD_R + 1 if panel else 0
    for side, edge, trunk_x in (("maternal", panel.x, left["both"] - CHANNEL_W / 2),
                                ("paternal", panel.right, left["paternal"] - CHANNEL_W / 2)):
        ys = row_lines(buses[side], trunk_x)
        if ys:
            lines.append(((trunk_x, min(ys + [join_y])), (trunk_x, max(ys + [join_y]))))
            lines.append(((trunk_x, join_y), (edge, join_y)))
    ys = row_lines(buses["both"], centre)
    if ys:
        lines.append(((centre, min(ys)), (centre, panel.y)))
    ys = row_lines(lower, centre)
    if ys:
        lines.append(((centre, panel.bottom), (centre, max(ys))))
    return lines


# --- drawing ---------------------------------------------------------------------------------------------

def _draw_lines(x, top, lines, anchor="start"):
    drawn = []
    for line in lines:
        drawn.append(svg.text(x, top + ASCENT * line.size, line.label, size=line.size, bold=line.bold,
                              fill=line.fill, anchor=anchor))
        top += PITCH[line.size]
    return drawn


def _describe(person, children):
    side = person.get("side")
    parts = [*relationship_lines(person, children),
             str(vocabulary.SIDES[side]) if side in vocabulary.SIDES else _("Side not recorded"),
             ", ".join(_role_labels(person)),
             _("Excluded: no part in the conference") if _excluded(person) else ""]
    return ". ".join(part for part in parts if part)


def _draw_person(node, children):
    person, box, (cx, cy) = node.item, node.box, node.anchor
    excluded, side = node.card.excluded, node.group[1] or "community"
    return svg.tag("g", {}, "".join([
        svg.title(svg.clean(person.get("name")) or _("Unnamed person")),
        svg.desc(_describe(person, children)),
        svg.tag("circle", {
            "cx": cx, "cy": cy, "r": R, "fill": svg.WHITE if excluded else CIRCLE[side],
            "stroke": svg.DANGER if excluded else svg.INK, "stroke-width": 2 if excluded else 1.25,
            "stroke-dasharray": "3 2" if excluded else None}),
        *_draw_lines(box.x + TEXT_X, box.y, node.card.lines),
    ]))


def _draw_child(node):
    child, box, (cx, cy) = node.item, node.box, node.anchor
    return svg.tag("g", {}, "".join([
        svg.title(svg.clean(child.get("name")) or _("Unnamed child")),
        svg.desc(_("Child")),
        svg.tag("circle", {"cx": cx, "cy": cy, "r": CHILD_R, "fill": CHILD_FILL, "stroke": svg.INK,
                           "stroke-width": 2}),
        *_draw_lines(box.x + CHILD_TEXT_X, box.y + 1, node.card.lines),
    ]))


def _draw_professional(node):
    item, box = node.item, node.box
    role, agency = svg.clean(item.get("role"), label=True), svg.clean(item.get("agency"), label=True)
    return svg.tag("g", {}, "".join([
        svg.title(svg.clean(item.get("name")) or _("Unnamed professional")),
        svg.desc(". ".join(part for part in (role, agency) if part)),
        svg.tag("rect", {"x": box.x, "y": box.y, "width": box.width, "height": box.height, "rx": 4,
                         "fill": PRO_FILL, "stroke": "#9aa5b1", "stroke-width": 1}),
        *_draw_lines(box.x + PAD, box.y + PAD, node.card.lines),
    ]))


def draw(children, people, professionals, *, title, description, id_prefix="network"):
    """The family network as a standalone SVG string. See the module's docstring and layout().

    children: [{"id", "name"}]; people: [{"id", "name", "side", "roles", "excluded", "relationships":
    [{"child_id", "relationship"}]}]; professionals: [{"name", "agency", "role"}]. id_prefix keeps the
    title/desc ids unique when a page holds more than one picture.
    """
    arranged = layout(children, people, professionals)
    children = list(children or ())
    body = [svg.tag("rect", {"x": box.x, "y": box.y, "width": box.width, "height": box.height, "rx": 6,
                             "fill": fill, "stroke": stroke, "stroke-width": 1 if stroke else None})
            for box, fill, stroke in arranged.panels]
    body.append(svg.tag("g", {"stroke": svg.LINE, "stroke-width": 1.5}, "".join(
        svg.tag("line", {"x1": start[0], "y1": start[1], "x2": end[0], "y2": end[1]})
        for start, end in arranged.lines)))
    for x, y, line, anchor in arranged.texts:
        body.append(svg.text(x, y, line.label, size=line.size, bold=line.bold, fill=line.fill, anchor=anchor))
    body.extend(_draw_child(node) for node in arranged.children)
    body.extend(_draw_person(node, children) for node in arranged.people)
    body.extend(_draw_professional(node) for node in arranged.professionals)
    return svg.document(arranged.width, arranged.height, id_prefix, title, description, "".join(body))
