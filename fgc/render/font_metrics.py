"""How wide text is drawn, from the advance widths in the fonts the PDFs bundle (FGC Print Sans, which is DejaVu
Sans, regular and bold).

The pictures name "FGC Print Sans" first, which the print stylesheet maps to these files, so in a PDF the
widths here are the widths drawn: WeasyPrint lays out SVG text a letter at a time with no kerning, each
letter exactly its advance. In a browser the same SVG falls back to Helvetica or Arial, whose letters are
narrower than DejaVu Sans's (Arial's "a" is 0.56em to DejaVu's 0.61em, bold "W" 0.94em to 1.10em), so
these widths are an upper bound there too.

Characters FGC Print Sans lacks (Arabic script, emoji, CJK) are drawn from another bundled font in a PDF, or
whatever font the reader has in a browser, so they are counted generously:
wide (CJK) characters 1em, emoji 1.3em (a colour emoji font's glyph is about 1.25em), anything else 1em.
Hebrew and Arabic letters are counted a quarter wider than DejaVu draws them, because a browser may shape
them in another font whose letters are wider.

The widths come straight from each font file's ``cmap`` and ``hmtx`` tables, read once with :mod:`struct`.
"""

import struct
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

FONTS = Path(__file__).resolve().parents[2] / "static" / "print" / "fonts"
REGULAR = FONTS / "FGCPrintSans-Regular.ttf"
BOLD = FONTS / "FGCPrintSans-Bold.ttf"
FILES = {False: REGULAR, True: BOLD}
ASCENT = 0.93  # DejaVu Sans's hhea ascender, in em: how far a line's letters reach above the baseline
DESCENT = 0.24  # and below it
MISSING = 1.0  # em, for a character the font lacks
EMOJI = 1.3  # em, for an emoji drawn from an emoji font
RIGHT_TO_LEFT = 1.25  # Hebrew and Arabic, which a browser may draw in a wider font
ZERO_WIDTH = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}


def _tables(data):
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        tables[tag.decode("ascii")] = (offset, length)
    return tables


def _cmap(data, offset):
    """{code point: glyph id} from the Unicode full-repertoire subtable (platform 3, encoding 10, format 12)."""
    _version, count = struct.unpack_from(">HH", data, offset)
    for index in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * index)
        if (platform, encoding) == (3, 10) and struct.unpack_from(">H", data, offset + sub)[0] == 12:
            start = offset + sub
            groups = struct.unpack_from(">I", data, start + 12)[0]
            mapping = {}
            for group in range(groups):
                first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * group)
                for code in range(first, last + 1):
                    mapping[code] = glyph + code - first
            return mapping
    raise ValueError("the font has no format 12 Unicode cmap")


@cache
def _font(bold):
    """({code point: advance in em}, .notdef advance in em) for the regular or bold face."""
    data = FILES[bool(bold)].read_bytes()
    tables = _tables(data)
    units_per_em = struct.unpack_from(">H", data, tables["head"][0] + 18)[0]
    metrics_count = struct.unpack_from(">H", data, tables["hhea"][0] + 34)[0]
    hmtx = tables["hmtx"][0]
    advances = [struct.unpack_from(">H", data, hmtx + 4 * index)[0] for index in range(metrics_count)]

    def advance(glyph):
        return advances[min(glyph, metrics_count - 1)] / units_per_em

    return {code: advance(glyph) for code, glyph in _cmap(data, tables["cmap"][0]).items()}, advance(0)


def _emoji(code):
    return (0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF
            or 0x1F1E6 <= code <= 0x1F1FF)


@lru_cache(maxsize=8192)
def char_width(char, bold=False):
    """The advance of one character, in em."""
    code = ord(char)
    if code in ZERO_WIDTH or 0xFE00 <= code <= 0xFE0F or 0xE0020 <= code <= 0xE007F:
        return 0.0
    if 0x1F3FB <= code <= 0x1F3FF or _emoji(code):
        return EMOJI  # skin tones too: without an emoji font each is drawn on its own
    advances, _notdef = _font(bold)
    if code in advances:
        width = advances[code]
        return width * RIGHT_TO_LEFT if unicodedata.bidirectional(char) in ("R", "AL") else width
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0 if unicodedata.category(char) == "Cf" else MISSING / 2
    return MISSING


@lru_cache(maxsize=65536)
def width(text, font_size, bold=False):
    """How wide `text` is drawn at `font_size` px, at most: the sum of its characters' advances.

    Remembered: the network picture tries a dozen arrangements, measuring the same labels and their prefixes
    in each, tens of thousands of times a drawing."""
    return sum(char_width(char, bold) for char in text) * font_size
