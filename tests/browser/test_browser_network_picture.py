"""The network picture in Chromium: every label is drawn inside the box the layout measured for it, so what the
geometry tests prove on the SVG holds in a browser too (here, with the bundled print font's family of metrics)."""

import xml.etree.ElementTree as ET

import pytest

from fgc.render import network_picture

from networks import CHILDREN, HOSTILE_NAMES, PROFESSIONALS, forty_people, hostile_people
from svg_checks import SVG, text_box

pytestmark = pytest.mark.browser


def pictures():
    hostile_children = [{"id": 1, "name": HOSTILE_NAMES[5]}, {"id": 2, "name": HOSTILE_NAMES[8]}]
    return {
        "forty people, four children": network_picture.draw(
            CHILDREN, forty_people(CHILDREN), PROFESSIONALS, title="Network", description="Forty people"),
        "hostile names": network_picture.draw(
            hostile_children, [*hostile_people(), *forty_people(hostile_children)[:29]],
            [{"name": name, "agency": name, "role": name} for name in HOSTILE_NAMES[:4]],
            title="Network", description="Hostile names"),
    }


@pytest.mark.parametrize("name", list(pictures()))
def test_chromium_draws_every_label_inside_its_measured_box(page, name):
    drawn = pictures()[name]
    page.set_content(f"<!doctype html><html lang='en-GB'><meta charset='utf-8'><body style='margin:0'>{drawn}</body>")
    actual = page.evaluate("""() => [...document.querySelectorAll('svg text')].map(text => {
        const box = text.getBBox();
        return [text.textContent, box.x, box.y, box.x + box.width, box.y + box.height];
    })""")
    expected = [text_box(text) for text in ET.fromstring(drawn).iter(f"{SVG}text")]
    assert len(actual) == len(expected) > 100
    for (label, left, top, right, bottom), box in zip(actual, expected, strict=True):
        assert box[0] - 1 <= left and right <= box[2] + 1, (label, (left, right), box)
        assert box[1] - 1 <= top and bottom <= box[3] + 1, (label, (top, bottom), box)
