"""The family network picture as standalone SVG: generations in rows, mother's side left and father's side right,
friends and professionals apart; everyone named in full with how they are related to every child; nothing
overlapping, crossed by a line, cut short or outside the picture; hostile names safe.

The geometry is checked on the SVG string itself (tests/svg_checks.py), with the font metrics the drawing uses.
"""

import re

import pytest

from fgc.render import network_picture, svg

from networks import CHILDREN, HOSTILE_NAMES, PROFESSIONALS, forty_people, hostile_people, person
from svg_checks import (SVG, circles, geometry_problems, group_for, group_titles, parse, segments, squash, text_boxes,
                        texts)


def picture(people, professionals=PROFESSIONALS, children=CHILDREN[:2], **kwargs):
    return network_picture.draw(children, people, professionals, title="Siân's network",
                                description="Who is in Siân's family network", **kwargs)


def node(layout, name):
    return next(item for item in layout.people if item.item["name"] == name)


# --- the picture as a whole ---------------------------------------------------------------------------------

def test_the_picture_is_a_standalone_svg_labelled_by_its_title_and_description():
    root = parse(picture([person(5, "Mair Jones")]))
    assert root.get("role") == "img"
    assert list(root)[0].tag == f"{SVG}title" and list(root)[1].tag == f"{SVG}desc"
    labelled_by = root.get("aria-labelledby").split()
    found = {element.get("id"): element for element in root.iter() if element.get("id")}
    assert [found[key].text for key in labelled_by] == ["Siân's network", "Who is in Siân's family network"]
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox"))


def test_ids_are_unique_and_follow_the_prefix_so_two_pictures_can_share_a_page():
    first = parse(picture(forty_people()))
    second = parse(picture(forty_people(), id_prefix="network-review"))
    first_ids = [element.get("id") for element in first.iter() if element.get("id")]
    second_ids = [element.get("id") for element in second.iter() if element.get("id")]
    assert len(set(first_ids)) == len(first_ids)
    assert not set(first_ids) & set(second_ids)
    assert second.get("aria-labelledby") == "network-review-title network-review-desc"


def test_nothing_depends_on_page_css_and_text_names_the_measured_font_first():
    root = parse(picture(forty_people()))
    assert root.find(f".//{SVG}style") is None
    assert all(element.get("style") is None and element.get("class") is None for element in root.iter())
    for text in root.iter(f"{SVG}text"):
        assert text.get("font-family") == "FGC Print Sans, Helvetica, Arial, sans-serif"
        assert text.get("font-size") and text.get("fill")


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_forty_people_with_long_welsh_names_fit_with_nothing_cut_overlapping_or_crossed(count):
    children = CHILDREN[:count]
    drawn = picture(forty_people(children), children=children)
    assert geometry_problems(drawn) == []
    titles = group_titles(parse(drawn))
    for item in [*forty_people(children), *children, *PROFESSIONALS]:
        assert item["name"] in titles, item["name"]


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_every_name_is_drawn_whole_on_as_many_lines_as_it_needs(count):
    children = CHILDREN[:count]
    root = parse(picture(forty_people(children), children=children))
    for item in [*forty_people(children), *children, *PROFESSIONALS]:
        drawn = squash(" ".join(texts(group_for(root, item["name"]))))
        assert squash(item["name"]) in drawn, item["name"]


def _relationship_text(root, person):
    return squash(" ".join(texts(group_for(root, person["name"]))))


@pytest.mark.parametrize("count", [2, 3, 4])
def test_how_each_person_is_related_to_every_child_can_be_read(count):
    children = CHILDREN[:count]
    people = forty_people(children)
    root = parse(picture(people, children=children))
    short = {child["id"]: child["name"].split()[0] for child in children}
    for item in people:
        drawn = _relationship_text(root, item)
        for relation in item["relationships"]:
            assert squash(f"{relation['relationship']} to") in drawn, (item["name"], relation)
        named = [short[relation["child_id"]] for relation in item["relationships"]]
        assert all(name in drawn for name in named), (item["name"], named, drawn)


def test_with_one_child_the_relationship_stands_alone():
    root = parse(picture([person(5, "Mair Jones", relationship="Grandmother (Nain)")], children=CHILDREN[:1]))
    assert texts(group_for(root, "Mair Jones"))[1:] == ["Grandmother (Nain)"]


@pytest.mark.parametrize("relationships, lines", [
    (["Mother", "Mother"], ["Mother to Siân and Dafydd"]),
    (["Mother", "Mother", "Mother"], ["Mother to Siân, Dafydd and Gwenllïan"]),
    (["Aunt", "aunt", "Great-aunt"], ["Aunt to Siân and Dafydd", "Great-aunt to Gwenllïan"]),
    (["Father", "", "Stepfather", "Father"], ["Father to Siân and Llŷr", "Stepfather to Gwenllïan"]),
])
def test_children_with_the_same_relationship_share_a_line(relationships, lines):
    item = person(5, "Mair", child_ids=(1, 2, 3, 4)[:len(relationships)], relationship=relationships)
    assert network_picture.relationship_lines(item, CHILDREN) == lines


def test_two_children_with_the_same_first_name_are_told_apart_by_their_whole_names():
    children = [{"id": 1, "name": "Siân Owen"}, {"id": 2, "name": "Siân Puw"}]
    item = person(5, "Mair", child_ids=(1, 2), relationship="Aunt")
    assert network_picture.relationship_lines(item, children) == ["Aunt to Siân Owen and Siân Puw"]


# --- where people go ------------------------------------------------------------------------------------------

def test_generations_go_top_to_bottom_and_the_sides_left_and_right():
    people = forty_people()
    layout = network_picture.layout(CHILDREN[:2], people, PROFESSIONALS)
    names = {item["relationships"][0]["relationship"] if item["relationships"] else "": item["name"]
             for item in people if item["side"] == "maternal"}
    nain, aunt, cousin = (node(layout, names[key]) for key in ("Grandmother (Nain)", "Aunt", "Cousin"))
    assert nain.box.bottom < aunt.box.y and aunt.box.bottom < cousin.box.y
    children_box = network_picture.Box.around([child.box for child in layout.children])
    by_group = {}
    for item in layout.people:
        by_group.setdefault(item.group, []).append(item)
    family = [item for item in layout.people if item.group[0] != "community"]
    assert all(item.box.right < children_box.x for item in family if item.group[1] == "maternal")
    assert all(item.box.x > children_box.right for item in family if item.group[1] == "paternal")
    assert {item.group[1] for item in family} == {"maternal", "both", "paternal"}
    lowest_family = max(item.box.bottom for item in family)
    community = by_group[("community", None)]
    assert {item.item["relationships"][0]["relationship"] if item.item["relationships"] else "" for item in community} \
        == {"Mum’s friend", "Godmother", "Friend from chapel", "Neighbour", "Family friend", "Young carers’ advocate",
            "Interpreter (Welsh)", "Football coach", "Someone the children trust"}
    assert all(item.box.y > lowest_family for item in community)
    assert all(pro.box.y > max(item.box.bottom for item in community) for pro in layout.professionals)


@pytest.mark.parametrize("relationship, side, roles, group", [
    ("Grandmother (Nain)", "maternal", ["relative"], ("grandparents", "maternal")),
    ("Great-grandmother", None, ["relative"], ("grandparents", "both")),
    ("Maternal great-great-grandmother’s cousin", "both", ["relative"], ("grandparents", "both")),
    ("Mother", "maternal", ["relative"], ("parents", "maternal")),
    ("Mother", None, ["relative"], ("parents", "maternal")),
    ("Dad’s cousin", "neither", ["relative"], ("parents", "paternal")),
    ("Uncle", "neither", ["relative"], ("parents", "both")),
    ("Mother’s partner", "neither", ["relative"], ("parents", "maternal")),
    ("Sister", "both", ["relative"], ("children", "both")),
    ("Cousin", "paternal", ["relative"], ("children", "paternal")),
    ("", "maternal", ["relative"], ("parents", "maternal")),
    ("Godmother", "both", ["relative"], ("community", None)),
    ("Mum’s friend", "maternal", ["relative"], ("community", None)),
    ("", "neither", ["relative"], ("parents", "both")),
    ("", "neither", [], ("community", None)),
    ("", None, ["support"], ("community", None)),
    ("", "paternal", ["pr_holder"], ("parents", "paternal")),
    ("Friend", "both", ["relative"], ("community", None)),
])
def test_each_person_is_placed_by_generation_and_side(relationship, side, roles, group):
    item = person(5, "Mair", side=side, roles=roles, relationship=relationship)
    layout = network_picture.layout(CHILDREN[:1], [item], [])
    assert layout.people[0].group == group


def test_within_a_group_the_excluded_go_last():
    people = [person(1, "Excluded aunt", excluded=1), person(2, "Aunt one"), person(3, "Aunt two")]
    layout = network_picture.layout(CHILDREN[:1], people, [])
    assert [item.item["name"] for item in layout.people] == ["Aunt one", "Aunt two", "Excluded aunt"]


def test_the_same_network_gives_the_same_picture_whatever_order_it_arrives_in():
    people = forty_people()
    first = picture(people)
    assert picture(people) == first
    assert picture(list(reversed(people))) == first


def test_forty_people_fit_a_landscape_page_at_a_readable_size():
    """The case-file PDF prints the picture on an A4 landscape page of its own (PRINT_AREA, 277 × 164 mm). With
    forty people it shrinks to no less than 62%: 11 px relationships print at 5 pt or more, names at 5.5 pt."""
    width, height = network_picture.PRINT_AREA
    assert (width, height) == (1047, 620)
    for count in (1, 2, 3, 4):
        layout = network_picture.layout(CHILDREN[:count], forty_people(CHILDREN[:count]), PROFESSIONALS)
        scale = min(1, width / layout.width, height / layout.height)
        assert scale >= 0.62, (count, layout.width, layout.height)


# --- lines and exclusions ---------------------------------------------------------------------------------

def _touches(segment, box):
    return any(box[0] - 0.5 <= x <= box[2] + 0.5 and box[1] - 0.5 <= y <= box[3] + 0.5 for x, y in segment)


def test_everyone_taking_part_has_a_line_and_excluded_people_have_none():
    people = forty_people()
    root = parse(picture(people))
    lines = segments(root)
    for item in people:
        group = group_for(root, item["name"])
        circle, box = group.find(f"{SVG}circle"), circles(group)[0]
        joined = [segment for segment in lines if _touches(segment, box)]
        if item["excluded"]:
            assert not joined, item["name"]
            assert circle.get("stroke-dasharray") and circle.get("stroke") == svg.DANGER
            assert "Excluded" in texts(group_for(root, item["name"]))
        else:
            assert joined, item["name"]
            assert "Excluded" not in texts(group_for(root, item["name"]))


def test_the_key_explains_the_lines_and_the_exclusion_marking_in_words():
    drawn = " ".join(label for label, _box in text_boxes(parse(picture(forty_people()))))
    assert "Excluded" in drawn and "dashed" in drawn


# --- hostile and odd input --------------------------------------------------------------------------------------
def test_hostile_names_are_escaped_and_come_back_exactly():
    professionals = [{"name": "<b>Prof</b> & co", "agency": "\"Agency\" <i>", "role": "<script>x</script>"}]
    children = [{"id": 1, "name": "<script>alert('child')</script>"}, {"id": 2, "name": "مريم"}]
    drawn = network_picture.draw(children, hostile_people(), professionals, title="<script>title</script> & more",
                                 description="\"desc\" <img src=x onerror=alert(1)>")
    assert "<script" not in drawn and "<img" not in drawn and "<b>" not in drawn
    root = parse(drawn)
    titles = group_titles(root)
    for name in [*HOSTILE_NAMES, "<b>Prof</b> & co", "<script>alert('child')</script>"]:
        assert name in titles
    assert root.find(f"{SVG}title").text == "<script>title</script> & more"
    assert root.find(f"{SVG}desc").text == "\"desc\" <img src=x onerror=alert(1)>"


@pytest.mark.parametrize("count", [1, 2])
def test_hostile_names_fit_with_nothing_cut_overlapping_or_crossed(count):
    children = [{"id": 1, "name": HOSTILE_NAMES[5]}, {"id": 2, "name": HOSTILE_NAMES[8]}][:count]
    professionals = [{"name": name, "agency": name, "role": name} for name in HOSTILE_NAMES[:4]]
    people = [*hostile_people(), *forty_people(children)[:29]]
    assert geometry_problems(picture(people, professionals, children)) == []


def test_no_bidi_control_reaches_the_drawing_and_typed_words_are_isolated():
    children = [{"id": 1, "name": "مريم حداد"}, {"id": 2, "name": "Dafydd"}]
    root = parse(picture([person(5, "\u202eNoa\u202c Levi", child_ids=(1, 2), relationship="Aunt")], [], children))
    drawn = "".join("".join(text.itertext()) for text in root.iter(f"{SVG}text"))
    assert not set(drawn) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    # The relationship may wrap onto more than one line: a typed word beside the app's words is a tspan, and one
    # that wraps onto a line of its own is that whole line.
    texts = list(group_for(root, "\u202eNoa\u202c Levi").iter(f"{SVG}text"))
    lines = [text for text in texts if text.find(f"{SVG}tspan") is not None]
    spans = {span.text: span for line in lines for span in line.iter(f"{SVG}tspan")}
    alone = {"".join(text.itertext()) for text in texts if text.find(f"{SVG}tspan") is None}
    assert set(spans) | (alone & {"Dafydd"}) == {"Aunt", "مريم", "Dafydd"}, "the app's own words are not in tspans"
    # Isolated, with no direction of their own: Chromium would anchor the whole line by a first RTL tspan's.
    assert all(span.get("unicode-bidi") == "isolate" and span.get("direction") is None for span in spans.values())
    assert all(line.get("direction") is None for line in lines), "each line reads in the app's direction"


def test_right_to_left_names_are_drawn_right_to_left():
    root = parse(picture([person(5, "מרים לוי"), person(6, "Mair Jones")]))
    assert group_for(root, "מרים לוי").find(f"{SVG}text").get("direction") == "rtl"
    assert group_for(root, "Mair Jones").find(f"{SVG}text").get("direction") is None


def test_characters_xml_cannot_carry_are_dropped_and_bidi_overrides_kept_out_of_the_drawing():
    name = "Siân \u202e\u0000 ap\x0bDafydd\ud800"
    root = parse(picture([person(5, name)]))  # would raise if NUL, VT or a lone surrogate got through
    group = group_for(root, "Siân \u202e apDafydd")
    assert texts(group)[0] == "Siân apDafydd"


def test_missing_and_odd_values_still_draw():
    people = [{"id": 5, "name": None, "side": None}, {"id": 6, "name": "", "side": "sideways", "roles": ["chief"]},
              {"id": 7, "name": "Gran", "side": "maternal", "relationships": [{"child_id": 99, "relationship": "Nain"}]}]
    drawn = network_picture.draw([], people, [{}], title="Empty", description="Nothing")
    assert "No children recorded" in texts(parse(drawn))
    assert geometry_problems(drawn) == []
    assert geometry_problems(network_picture.draw([], [], [], title="Empty", description="Nothing")) == []
