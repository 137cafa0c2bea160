"""Standalone SVG for the pictures fgc draws: escaping, measuring text, and elements with inline styles.

Every style is an inline presentation attribute (fill, stroke, font-family, font-size) so the same string
renders alike in a browser page and in a WeasyPrint PDF. Output is deterministic: the same input gives
the same string.

All text (names, relationships, labels, titles) comes from users, so it goes through :func:`clean` (drops
characters XML 1.0 cannot carry, such as NUL, and bidi controls) and then is escaped with
xml.sax.saxutils. The strings built here are therefore safe to mark ``| safe`` in Jinja; nothing else
should be.

Text is measured with the advance widths of the bundled print font (see :mod:`fgc.render.font_metrics`),
which the pictures name first: a PDF draws exactly those widths and a browser, falling back to Helvetica or
Arial, draws narrower ones. Long labels are wrapped onto several lines with :func:`wrap`; :func:`fit` (an
ellipsis) is left for the scale chart's axis labels, whose full text is in the table beside it.
"""

import re
import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr  # nosec B406 # escapes text written into SVG; nothing is parsed

from . import font_metrics

# "FGC Print Sans" is DejaVu Sans in the PDFs (static/print/base.css); pages have no such font and use the rest.
FONT = "FGC Print Sans, Helvetica, Arial, sans-serif"
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
    """Text safe to put in XML. For drawn labels also fold whitespace, drop bidi controls and compose accents
    (NFC), so "a" and a combining circumflex are drawn, and measured, as the one letter "â"."""
    text = "" if value is None else str(value)
    text = "".join(char for char in text if _xml_char(char))
    if label:
        text = " ".join("".join(char for char in text if char not in _BIDI_CONTROLS).split())
        text = unicodedata.normalize("NFC", text)
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


def text_width(text, font_size, *, bold=False):
    """The drawn width of a label in px, at most (see :mod:`fgc.render.font_metrics`)."""
    return font_metrics.width(text, font_size, bold)


def fit(text, max_width, font_size, *, bold=False):
    """The label cut to fit max_width px, ending with an ellipsis when anything was cut."""
    if text_width(text, font_size, bold=bold) <= max_width:
        return text
    budget = max_width - text_width("…", font_size, bold=bold)
    kept, used = [], 0
    for cluster in _graphemes(text):
        used += text_width(cluster, font_size, bold=bold)
        if used > budget:
            break
        kept.append(cluster)
    return "".join(kept).rstrip() + "…"


# --- wrapping: labels onto as many lines as they need, never cut ------------------------------------

@dataclass(frozen=True)
class Run:
    """A stretch of a label. `typed` marks words a person typed (a name, a relationship): drawn in a tspan
    isolated from the app's words around it, so a right-to-left name cannot reorder them."""
    text: str
    typed: bool = False


def runs_text(runs):
    return "".join(run.text for run in runs)


def phrase(template, **pieces):
    """Runs for an already translated template such as "%(relationship)s to %(children)s": its own words
    plain, each piece (a str, typed, or a list of runs) in its place."""
    runs = []
    for index, part in enumerate(re.split(r"%\((\w+)\)s", template)):
        if index % 2:
            piece = pieces[part]
            runs.extend(piece if isinstance(piece, list) else [Run(piece, typed=True)])
        elif part:
            runs.append(Run(part.replace("%%", "%")))
    return runs


def _pieces(word, max_width, font_size, bold):
    """A word too long for a line, split after its hyphens and then, if need be, between letters."""
    pieces = []
    for part in re.findall(r"[^-‐]*[-‐]+|[^-‐]+", word):
        if pieces and text_width(pieces[-1] + part, font_size, bold=bold) <= max_width:
            pieces[-1] += part
        elif text_width(part, font_size, bold=bold) <= max_width:
            pieces.append(part)
        else:
            for cluster in _graphemes(part):
                if pieces and text_width(pieces[-1] + cluster, font_size, bold=bold) <= max_width \
                        and not pieces[-1].endswith(("-", "‐")):
                    pieces[-1] += cluster
                else:
                    pieces.append(cluster)
    return pieces


def wrap_runs(runs, max_width, font_size, *, bold=False):
    """Lines (each a list of runs) no wider than max_width px, broken at spaces, then after hyphens, then
    between letters: nothing is ever cut off. Each character keeps its run, so typed words stay isolated."""
    cells = [(char, index) for index, run in enumerate(runs) for char in run.text]
    words, word = [], []
    for cell in cells + [(" ", None)]:
        if cell[0].isspace():
            if word:
                words.append(word)
            word = []
        else:
            word.append(cell)

    def width(line):
        return text_width(" ".join("".join(char for char, _ in part) for part in line), font_size, bold=bold)

    lines, line = [], []
    for word in words:
        if width(line + [word]) <= max_width:
            line.append(word)
            continue
        if line:
            lines.append(line)
        line = []
        start = 0
        for piece in _pieces("".join(char for char, _ in word), max_width, font_size, bold):
            part = word[start:start + len(piece)]
            start += len(piece)
            if line and width([line[0] + part]) > max_width:
                lines.append(line)
                line = []
            line = [line[0] + part] if line else [part]
    if line:
        lines.append(line)
    return [_line_runs(runs, line) for line in lines]


def _line_runs(runs, line):
    """One line's words, joined by single spaces, regrouped into runs: a typed run's characters together,
    the app's words together."""
    cells = []
    for number, word in enumerate(line):
        if number:
            before, after = cells[-1][1], word[0][1]
            cells.append((" ", before if before == after else None))
        cells.extend(word)
    grouped = []  # [characters, run index or None for the app's words]
    for char, index in cells:
        key = index if index is not None and runs[index].typed else None
        if grouped and grouped[-1][1] == key:
            grouped[-1][0].append(char)
        else:
            grouped.append([[char], key])
    return [Run("".join(chars), key is not None) for chars, key in grouped]


def wrap(text, max_width, font_size, *, bold=False):
    """A plain label as lines of text no wider than max_width px (see :func:`wrap_runs`)."""
    return [runs_text(line) for line in wrap_runs([Run(text)], max_width, font_size, bold=bold)]


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
    """A <text> with its font given inline, its content escaped and its direction set for RTL names.

    `label` is a str (all typed by a person, or all the app's words) or a list of :class:`Run`: then the
    line reads in the app's direction and each typed run is a tspan isolated from the words around it. The
    tspans carry no direction of their own: Chromium anchors a line by its first tspan's direction, so an
    RTL tspan first would push the whole line out to the left of x; the bidi algorithm still draws Hebrew
    and Arabic right to left inside the isolate."""
    if isinstance(label, list) and len(label) == 1:
        label = label[0].text
    mixed = isinstance(label, list)
    direction = None if mixed else text_direction(label)
    if direction and anchor in ("start", "end"):
        # text-anchor follows the text's own direction: an RTL label anchored at its "start"
        # would run leftwards from x, so swap to keep it on the same side as LTR labels.
        anchor = "end" if anchor == "start" else "start"
    if mixed:
        content = "".join(
            tag("tspan", {"unicode-bidi": "isolate"}, escape(run.text))
            if run.typed else escape(run.text) for run in label)
    else:
        content = escape(label)
    return tag("text", {
        "x": x, "y": y, "font-family": FONT, "font-size": size, "font-weight": "bold" if bold else None,
        "font-style": "italic" if italic else None, "fill": fill, "text-anchor": anchor,
        "direction": direction, "unicode-bidi": "embed" if direction else None,
    }, content)


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
