"""Reading back the SVG fgc draws, for the tests of the network picture and the scale chart."""

import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


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


def texts(element):
    return [text.text for text in element.iter(f"{SVG}text")]
