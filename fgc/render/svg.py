"""Standalone SVG for the pictures fgc draws: escaping, measuring text, and elements with inline styles.

Every style is an inline presentation attribute (fill, stroke, font-family, font-size) so the same string
renders alike in a browser page and in a WeasyPrint PDF. Output is deterministic: the same input gives
the same string.

All text (names, relationships, labels, titles) comes from users, so it goes through :func:`clean` (drops
characters XML 1.0 cannot carry, such as NUL, and bidi controls) and then is escaped with
xml.sax.saxutils. The strings built here are therefore safe to mark ``| safe`` in Jinja; nothing else
should be.

Sizes are estimated without font metrics (there is no font machinery server-side), so text widths are
deliberately pessimistic and long labels are cut with an ellipsis; the full text stays in a <title>.
"""

import unicodedata
from xml.sax.saxutils import escape, quoteattr

FONT = "Helvetica, Arial, sans-serif"
INK = "#1f2933"  # body text and outlines: near-black, high contrast on white
MUTED = "#4a5561"  # secondary text; still above 7:1 on white
LINE = "#8a949e"  # connecting lines sit behind everything and stay quiet
DANGER = "#b00020"  # excluded people (always paired with the word "Excluded")
WHITE = "#ffffff"


# --- text: cleaning, escaping, measuring, truncating ------------------------------------------------

# Explicit bidi embeddings/overrides/isolates. Stripped from drawn labels so a hostile name cannot
# reorder the rest of its line; the renderer's own bidi algorithm still handles Hebrew and Arabic.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _xml_char(char):
    """Whether XML 1.0 can carry this character at all (escaping cannot rescue NUL or a lone surrogate)."""
    code = ord(char)
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def clean(value, *, label=False):
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


def text_direction(text):
    """'rtl' when the first strong character is Hebrew/Arabic script (like HTML's dir=auto), else None."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return None
    return None


def num(value):
    """Coordinates printed the same way every time: at most one decimal place, no trailing '.0'."""
    value = round(float(value), 1)
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def attributes(attrs):
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = num(value)
        parts.append(f" {name}={quoteattr(str(value))}")
    return "".join(parts)


def tag(name, attrs, content=None):
    """One element. `content` is already-built markup (a string) or None for an empty element."""
    if content is None:
        return f"<{name}{attributes(attrs)}/>"
    return f"<{name}{attributes(attrs)}>{content}</{name}>"


def text(x, y, label, *, size=12, anchor="middle", bold=False, fill=INK, italic=False):
    """A <text> with its font given inline, its content escaped and its direction set for RTL names."""
    direction = text_direction(label)
    if direction and anchor in ("start", "end"):
        # text-anchor follows the text's own direction: an RTL label anchored at its "start"
        # would run leftwards from x, so swap to keep it on the same side as LTR labels.
        anchor = "end" if anchor == "start" else "start"
    return tag("text", {
        "x": x, "y": y, "font-family": FONT, "font-size": size, "font-weight": "bold" if bold else None,
        "font-style": "italic" if italic else None, "fill": fill, "text-anchor": anchor,
        # With direction=rtl the ellipsis lands at the logical end (the left) as a reader expects.
        "direction": direction, "unicode-bidi": "embed" if direction else None,
    }, escape(label))


def title(text):
    return tag("title", {}, escape(clean(text)))


def desc(text):
    return tag("desc", {}, escape(clean(text)))


def document(width, height, id_prefix, title, description, body):
    """The standalone root: role=img named by its own <title> and <desc>, white background, no CSS."""
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    inner = (tag("title", {"id": title_id}, escape(clean(title)))
             + tag("desc", {"id": desc_id}, escape(clean(description)))
             + tag("rect", {"x": 0, "y": 0, "width": width, "height": height, "fill": WHITE})
             + body)
    return tag("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "role": "img", "aria-labelledby": f"{title_id} {desc_id}",
        "viewBox": f"0 0 {num(width)} {num(height)}", "width": width, "height": height,
        "font-family": FONT,
    }, inner)
