"""The family network picture (an ecomap) as standalone SVG: everyone named, nothing overlapping, hostile names safe."""

import itertools
import re

import pytest

from fgc.render import network_picture, svg

from svg_checks import SVG, group_for, group_titles, parse, texts

HOSTILE_NAMES = [
    "<script>alert(1)</script>",
    "Tom & Jerry",
    "\"quotes\" and O'Brien",
    "Siân ap Dafydd 👩‍👧‍👦",
    "נועה לוי",
    "مريم حداد",
    "]]> <!-- --> &amp; &#x26;",
]
ROLES = ["pr_holder", "parent", "relative", "friend", "support", "advocate", "interpreter"]
SIDES = ["maternal", "paternal", "both", "neither"]
CHILDREN = [{"id": 1, "name": "Siân"}, {"id": 2, "name": "Osian"}]


def person(person_id, name, side="maternal", roles=("relative",), excluded=0, child_ids=(1,), relationship="Aunt"):
    return {"id": person_id, "name": name, "side": side, "roles": list(roles), "excluded": excluded,
            "relationships": [{"child_id": child_id, "relationship": relationship} for child_id in child_ids]}


def many_people(count):
    """A network of `count` people across every side and role, some with very long names, a few excluded."""
    return [person(index, f"Person {index} " + ("Montgomery-Llewellyn-Featherstonehaugh " * (index % 3)),
                   side=SIDES[index % 4], roles=[ROLES[index % 7]], excluded=1 if index % 13 == 0 else 0,
                   child_ids=(1, 2) if index % 2 else (1,), relationship="Great-great-grandmother's cousin")
            for index in range(1, count + 1)]


PROFESSIONALS = [{"name": "Dr Aled Hughes", "agency": "Ysbyty Gwynedd", "role": "Paediatrician"},
                 {"name": "Jo Smith", "agency": "Children's Services", "role": "Social worker"}]


def picture(people, professionals=PROFESSIONALS, children=CHILDREN, **kwargs):
    return network_picture.draw(children, people, professionals, title="Siân's network",
                                     description="Who is in Siân's family network", **kwargs)


# --- the network picture ---------------------------------------------------------------------------

def test_the_picture_is_a_standalone_svg_labelled_by_its_title_and_description():
    root = parse(picture([person(5, "Mair Jones")]))
    assert root.get("role") == "img"
    assert list(root)[0].tag == f"{SVG}title" and list(root)[1].tag == f"{SVG}desc"
    labelled_by = root.get("aria-labelledby").split()
    found = {element.get("id"): element for element in root.iter() if element.get("id")}
    assert [found[key].text for key in labelled_by] == ["Siân's network", "Who is in Siân's family network"]
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox"))


def test_ids_are_unique_and_follow_the_prefix_so_two_pictures_can_share_a_page():
    first = parse(picture(many_people(10)))
    second = parse(picture(many_people(10), id_prefix="network-review"))
    first_ids = [element.get("id") for element in first.iter() if element.get("id")]
    second_ids = [element.get("id") for element in second.iter() if element.get("id")]
    assert len(set(first_ids)) == len(first_ids)
    assert not set(first_ids) & set(second_ids)
    assert second.get("aria-labelledby") == "network-review-title network-review-desc"


def test_nothing_depends_on_page_css():
    svg = picture(many_people(12))
    root = parse(svg)
    assert root.find(f".//{SVG}style") is None
    assert all(element.get("style") is None and element.get("class") is None for element in root.iter())
    for text in root.iter(f"{SVG}text"):
        assert text.get("font-family") == "FGC Print Sans, Helvetica, Arial, sans-serif"
        assert text.get("font-size") and text.get("fill")


def test_every_person_child_and_professional_is_named_in_full():
    people = many_people(20)
    root = parse(picture(people))
    titles = group_titles(root)
    for item in [*people, *CHILDREN, *PROFESSIONALS]:
        assert item["name"] in titles


def test_long_names_are_cut_with_an_ellipsis_in_the_drawing_but_kept_whole_in_the_title():
    name = "Bartholomew Montgomery-Llewellyn-Featherstonehaugh"
    root = parse(picture([person(5, name)]))
    group = group_for(root, name)
    drawn = texts(group)[0]
    assert drawn.endswith("…") and name.startswith(drawn[:-1])
    assert svg.text_width(drawn, 12, bold=True) <= network_picture.PERSON_W


def test_excluded_people_are_labelled_in_text_drawn_dashed_and_have_no_line():
    people = [person(5, "Mair Jones"), person(6, "Gareth Price", side="paternal", roles=["parent"], excluded=1,
                                            relationship="Father")]
    layout = network_picture.layout(CHILDREN, people, [])
    assert [link.person.item["name"] for link in layout.links] == ["Mair Jones"]
    root = parse(picture(people))
    excluded = group_for(root, "Gareth Price")
    assert "Excluded" in texts(excluded)
    assert excluded.find(f"{SVG}circle").get("stroke-dasharray")
    assert "Excluded" not in texts(group_for(root, "Mair Jones"))
    lines = [line for group in root.iter(f"{SVG}g") if group.get("stroke") == svg.LINE
             for line in group.iter(f"{SVG}line")]
    assert len(lines) == len(layout.links) == 1
    gareth = next(node for node in layout.people if node.item["id"] == 6)
    assert all((float(line.get("x1")), float(line.get("y1"))) != pytest.approx(gareth.anchor) for line in lines)


def test_one_line_joins_each_person_to_each_child_they_relate_to():
    people = [person(5, "Mair Jones", child_ids=(1, 2)), person(6, "Dewi", child_ids=(2,)),
              person(7, "No relationship recorded", child_ids=()), person(8, "Unknown child", child_ids=(99,))]
    layout = network_picture.layout(CHILDREN, people, [])
    assert sorted((link.person.item["id"], link.child.item["id"]) for link in layout.links) == [(5, 1), (5, 2), (6, 2)]


def test_sides_go_left_and_right_of_the_children_with_others_above_and_professionals_below():
    layout = network_picture.layout(CHILDREN, many_people(40), PROFESSIONALS)
    children_left = min(node.box.x for node in layout.children)
    children_right = max(node.box.right for node in layout.children)
    children_top = min(node.box.y for node in layout.children)
    lowest_person = max(node.box.bottom for node in layout.people)
    by_group = {group: [node for node in layout.people if node.group == group]
                for group in ("maternal", "paternal", "other")}
    assert all(node.box.right < children_left for node in by_group["maternal"])
    assert all(node.box.x > children_right for node in by_group["paternal"])
    assert all(node.box.bottom < children_top for node in by_group["other"])
    assert all(node.item["side"] in ("both", "neither") for node in by_group["other"])
    assert all(node.box.y > lowest_person for node in layout.professionals)
    assert [heading.text for heading in layout.headings] == [
        "Both sides / other", "Mother’s side", "Father’s side", "Professionals"]


def test_within_a_side_people_are_ordered_by_role_with_the_excluded_last():
    people = [person(1, "Friend", roles=["friend"]), person(2, "Excluded gran", roles=["pr_holder"], excluded=1),
              person(3, "Mum", roles=["parent", "pr_holder"]), person(4, "Aunt", roles=["relative"])]
    layout = network_picture.layout(CHILDREN, people, [])
    assert [node.item["name"] for node in layout.people] == ["Mum", "Aunt", "Friend", "Excluded gran"]
    # The first (most central) person sits nearest the children.
    maternal = layout.people
    assert maternal[0].box.y < maternal[1].box.y


@pytest.mark.parametrize("people", [
    many_people(40),
    [person(index, f"Maternal relative number {index}") for index in range(40)],
    [person(index, f"Other {index}", side="neither") for index in range(40)],
], ids=["mixed", "all-maternal", "all-neither"])
def test_forty_people_do_not_overlap_and_all_fit_in_the_view_box(people):
    professionals = [{"name": f"Professional {index}", "agency": "Agency", "role": "Role"} for index in range(9)]
    layout = network_picture.layout(CHILDREN, people, professionals)
    boxes = [node.box for node in layout.nodes()] + [heading.box for heading in layout.headings]
    assert len(layout.people) == 40
    for first, second in itertools.combinations(boxes, 2):
        assert not first.overlaps(second), (first, second)
    assert all(layout.view_box.contains(box) for box in boxes)
    root = parse(picture(people, professionals))
    assert [float(part) for part in root.get("viewBox").split()] == [0, 0, layout.width, layout.height]


def test_drawn_labels_fit_their_cells():
    long = "Bartholomew Montgomery-Llewellyn-Featherstonehaugh of Llanfairpwllgwyngyll 👩‍👧‍👦👩‍👧‍👦"
    people = [*many_people(40), person(99, long, relationship=long)]
    root = parse(picture(people, [{"name": long, "agency": long, "role": long}], [{"id": 1, "name": long}]))
    widths = {"circle": network_picture.PERSON_W, "rect": network_picture.PRO_W}
    for group in root.iter(f"{SVG}g"):
        shape = next((child.tag.removeprefix(SVG) for child in group if child.tag in (f"{SVG}circle", f"{SVG}rect")
                      and child.get("stroke")), None)
        for text in group.findall(f"{SVG}text"):
            size, bold = float(text.get("font-size")), text.get("font-weight") == "bold"
            limit = network_picture.CHILD_W if size == 14 else widths[shape]
            assert svg.text_width(text.text, size, bold=bold) <= limit, text.text


def test_hostile_names_are_escaped_and_come_back_exactly():
    people = [person(index, name, side=SIDES[index % 4]) for index, name in enumerate(HOSTILE_NAMES)]
    professionals = [{"name": "<b>Prof</b> & co", "agency": "\"Agency\" <i>", "role": "<script>x</script>"}]
    children = [{"id": 1, "name": "<script>alert('child')</script>"}]
    svg = network_picture.draw(children, people, professionals, title="<script>title</script> & more",
                                   description="\"desc\" <img src=x onerror=alert(1)>")
    assert "<script" not in svg and "<img" not in svg and "<b>" not in svg
    root = parse(svg)
    titles = group_titles(root)
    for name in [*HOSTILE_NAMES, "<b>Prof</b> & co", "<script>alert('child')</script>"]:
        assert name in titles
    assert root.find(f"{SVG}title").text == "<script>title</script> & more"
    assert root.find(f"{SVG}desc").text == "\"desc\" <img src=x onerror=alert(1)>"


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
    people = [{"id": 5, "name": None, "side": None}, {"id": 6, "name": "", "side": "sideways", "roles": ["chief"]}]
    root = parse(network_picture.draw([], people, [{}], title="Empty", description="Nothing"))
    assert "No children recorded" in texts(root)
    assert "chief" in " ".join(texts(root))
    parse(network_picture.draw([], [], [], title="Empty", description="Nothing"))


def test_the_same_network_gives_the_same_picture_whatever_order_it_arrives_in():
    people = many_people(40)
    first = picture(people)
    assert picture(people) == first
    assert picture(list(reversed(people))) == first


# --- the safety scale chart ------------------------------------------------------------------------
