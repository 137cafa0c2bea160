"""Reading back the fonts of a PDF fgc renders, for the tests of fgc.render: which fonts drew the text, and
whether each one is a font bundled in static/print/fonts/ rather than one installed on the machine."""

import io
import re
import unicodedata
from pathlib import Path

from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parents[1] / "static" / "print" / "fonts"
SUBSET_PREFIX = re.compile(r"^/?[A-Z]{6}\+")
# The words Pango puts after the family in a font's name: WeasyPrint names a PDF font "Family-Weight-Style".
STYLE_WORDS = {"Thin", "Ultra", "Extra", "Semi", "Demi", "Light", "Book", "Regular", "Normal", "Medium", "Bold",
               "Heavy", "Black", "Italic", "Oblique", "Condensed", "Expanded", "Small", "Caps", "All", "Petite",
               "Unicase", "Title"}


def letters(text):
    """Only the letters of ``text``, in order: no vowel signs, viramas or other marks, spaces or punctuation.

    WeasyPrint maps each glyph of a font to one piece of text for the whole PDF, so where Bengali or
    Devanagari draws a vowel sign before its consonant, or a conjunct's parts in another order, the text
    read back can have a vowel sign moved or repeated (poppler and PDFium read it the same way). Its
    letters still read back in order.
    """
    return "".join(char for char in text if unicodedata.category(char).startswith("L"))


def family_of(font):
    """A font file's family name, as Fontconfig and WeasyPrint see it."""
    name = font["name"]
    return name.getDebugName(16) or name.getDebugName(1)


def bundled_files():
    return sorted(path for path in FONTS.iterdir() if path.suffix.lower() in (".ttf", ".otf"))


def bundled_families():
    """The family name of every font file in static/print/fonts/."""
    return {family_of(TTFont(path, lazy=True)) for path in bundled_files()}


def family_in_name(base_font):
    """``/ABCDEF+FGC-Print-Sans-Bold`` -> ``FGC Print Sans``: the subset tag and the style words dropped."""
    words = SUBSET_PREFIX.sub("", str(base_font)).split("-")
    while len(words) > 1 and words[-1] in STYLE_WORDS:
        words.pop()
    return " ".join(words)


def embedded_program(font):
    """The font program a Type0 font embeds, loaded with fontTools, or None (a Type3 font has none)."""
    for descendant in font.get("/DescendantFonts", []):
        descriptor = descendant.get_object().get("/FontDescriptor")
        if descriptor is None:
            continue
        descriptor = descriptor.get_object()
        for key in ("/FontFile2", "/FontFile3", "/FontFile"):
            if key in descriptor:
                return TTFont(io.BytesIO(descriptor[key].get_object().get_data()))
    return None


def fonts(reader):
    """Every font on every page, once each, by its /BaseFont: {name: font dictionary}."""
    found = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def foreign_fonts(reader):
    """The PDF's fonts that did not come from a bundled file, with what is wrong with each: empty if none."""
    families = bundled_families()
    foreign = []
    for base_font, font in fonts(reader).items():
        family = family_in_name(base_font)
        program = embedded_program(font)
        if family not in families:
            foreign.append(f"{base_font}: {family!r} is not a bundled family")
        elif program is None:
            foreign.append(f"{base_font}: no embedded font program ({font.get('/Subtype')})")
        elif family_of(program) != family:
            foreign.append(f"{base_font}: the embedded program is {family_of(program)!r}")
    return foreign


def text_by_font(reader):
    """[(text, family)] for every piece of text pypdf extracts, in order: which font drew what."""
    pieces = []

    def visit(text, cm, tm, font, size):
        if text and font is not None:
            pieces.append((text, family_in_name(font.get_object()["/BaseFont"])))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return pieces


def _to_unicode(font):
    """A WeasyPrint font's ToUnicode map, {glyph id: text}, from its bfchar lines."""
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    return {int(glyph, 16): bytes.fromhex(text).decode("utf-16-be")
            for glyph, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", data)}


def glyphs_for(reader, character):
    """[(family, glyph id, has an outline)] for every glyph in the PDF whose text is ``character``."""
    found = []
    for base_font, font in fonts(reader).items():
        glyphs = [glyph for glyph, text in _to_unicode(font).items() if character in text]
        if not glyphs:
            continue
        program = embedded_program(font)
        glyph_set = program.getGlyphSet() if program is not None else None
        order = program.getGlyphOrder() if program is not None else []
        for glyph in glyphs:
            drawn = False
            if glyph_set is not None and 0 < glyph < len(order):
                pen = BoundsPen(glyph_set)
                glyph_set[order[glyph]].draw(pen)
                drawn = pen.bounds is not None
            found.append((family_in_name(base_font), glyph, drawn))
    return found
