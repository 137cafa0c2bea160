"""Text widths come from the print font's own tables: read here with struct, checked against fontTools (which
WeasyPrint brings), and counted generously for what the font lacks."""

import pytest
from fontTools.ttLib import TTFont

from fgc.render import font_metrics

SAMPLE = "AaWwMmIil .,-’ŵŷâêîôûŴŶÂÊÎÔÛäëïöüÿ0123456789&<>\"'()ŁłśżńćĐđ–—“”"


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_widths_are_the_fonts_own_advances(bold):
    font = TTFont(font_metrics.FILES[bold])
    cmap, hmtx, units = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    for char in SAMPLE:
        assert font_metrics.char_width(char, bold) == hmtx[cmap[ord(char)]][0] / units, char
    assert font_metrics.width("Siân Ŵyn", 12, bold) == pytest.approx(
        sum(hmtx[cmap[ord(char)]][0] for char in "Siân Ŵyn") / units * 12)


def test_the_ascent_and_descent_cover_the_fonts_lines():
    for bold in (False, True):
        font = TTFont(font_metrics.FILES[bold])
        units = font["head"].unitsPerEm
        assert font_metrics.ASCENT >= font["hhea"].ascent / units
        assert font_metrics.DESCENT >= -font["hhea"].descent / units


def test_hebrew_counts_a_quarter_wider_than_the_font_draws_it():
    font = TTFont(font_metrics.FILES[False])
    cmap, units = font.getBestCmap(), font["head"].unitsPerEm
    for char in "אשע":
        assert font_metrics.char_width(char) == pytest.approx(font["hmtx"][cmap[ord(char)]][0] / units * 1.25)


def test_arabic_which_the_sans_font_lacks_counts_wider_than_the_bundled_arabic_font_draws_it():
    arabic = TTFont(font_metrics.FONTS / "FGCPrintArabic-Regular.ttf")
    cmap, units = arabic.getBestCmap(), arabic["head"].unitsPerEm
    for char in "مريحد":
        assert font_metrics.char_width(char) >= arabic["hmtx"][cmap[ord(char)]][0] / units * 1.25


@pytest.mark.parametrize("char, em", [("王", 1.0), ("👩", 1.3), ("🏽", 1.3), ("\u200d", 0), ("\ufe0f", 0),
                                      ("\U0001d11e", 1.0)],
                         ids=["wide", "emoji", "skin tone", "joiner", "variation selector", "lacking"])
def test_what_the_font_lacks_is_counted_generously(char, em):
    assert font_metrics.char_width(char) == em
