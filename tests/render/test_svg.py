"""The SVG toolkit the pictures share: text from users is made safe to draw, measured generously, cut without
splitting a letter or an emoji, and given its direction."""

import pytest

from fgc.render import svg


@pytest.mark.parametrize("given, label, kept", [
    ("Nain\x00 Jones\x0b", False, "Nain Jones"),
    ("\u202eNain\u202c   Jones\n", True, "Nain Jones"),
    ("\u202eNain", False, "\u202eNain"),
    (None, False, ""),
], ids=["characters XML cannot carry", "a label's bidi controls and spacing", "bidi kept outside labels", "none"])
def test_clean_keeps_only_what_is_safe_to_draw(given, label, kept):
    assert svg.clean(given, label=label) == kept


@pytest.mark.parametrize("text", ["Siân Ŵyn ap Gruffydd-Llywelyn", "👩🏽‍👧 Mam a’r plant i gyd", "محمد عبد الرحمن"])
def test_a_cut_label_fits_ends_with_an_ellipsis_and_splits_no_character(text):
    cut = svg.fit(text, 40, 12)
    assert cut.endswith("…") and svg.text_width(cut, 12) <= 40 + 12
    assert text.startswith(cut[:-1].rstrip()), "a cut label is the start of the name"
    assert svg.fit(text, 10_000, 12) == text, "a label that fits is left whole"


def test_text_is_measured_with_the_print_font_bold_wider():
    assert svg.text_width("Nain", 12) == pytest.approx((1532 + 1255 + 569 + 1298) / 2048 * 12)
    assert svg.text_width("Nain", 12, bold=True) > svg.text_width("Nain", 12)
    assert svg.text_width("王", 12) == 12, "a character the font lacks counts 1em"


@pytest.mark.parametrize("text, width", [
    ("Siân Ŵyn ap Gruffydd-Llewellyn", 148),
    ("Bartholomew Montgomery-Llewellyn-Featherstonehaugh of Llanfairpwllgwyngyllgogerychwyrndrobwll", 120),
    ("👩🏽‍👧 Mam a’r plant i gyd 👩‍👧‍👦👩‍👧‍👦👩‍👧‍👦", 60),
    ("محمد عبد الرحمن بن عبد العزيز آل سعود", 90),
    ("x" * 200, 100),
    ("", 100),
])
def test_wrapping_keeps_every_letter_and_every_line_fits(text, width):
    lines = svg.wrap(text, width, 12, bold=True)
    assert all(svg.text_width(line, 12, bold=True) <= width for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", ""), "nothing is cut or added"
    assert not any("…" in line for line in lines)
    assert svg.wrap(text, 10_000, 12) == ([text] if text else [])


def test_long_words_break_after_a_hyphen_before_anywhere_else():
    assert svg.wrap("Montgomery-Llewellyn-Featherstonehaugh", 150, 12) == ["Montgomery-Llewellyn-",
                                                                          "Featherstonehaugh"]
    assert svg.wrap("Siân Ŵyn ap Gruffydd-Llewellyn", 148, 12, bold=True) == ["Siân Ŵyn ap", "Gruffydd-Llewellyn"]


def test_typed_words_keep_their_runs_across_lines():
    runs = svg.phrase("%(relationship)s to %(children)s", relationship="Great-great-grandmother",
                      children=[svg.Run("Siân", typed=True), svg.Run(" and "), svg.Run("מרים", typed=True)])
    assert svg.runs_text(runs) == "Great-great-grandmother to Siân and מרים"
    lines = svg.wrap_runs(runs, 120, 11)
    assert [svg.runs_text(line) for line in lines] == ["Great-great-", "grandmother to Siân", "and מרים"]
    assert [[(run.text, run.typed) for run in line] for line in lines] == [
        [("Great-great-", True)], [("grandmother", True), (" to ", False), ("Siân", True)],
        [("and ", False), ("מרים", True)]]


def test_a_line_of_runs_isolates_only_the_typed_words():
    drawn = svg.text(0, 10, [svg.Run("מרים", typed=True), svg.Run(" and <b>"), svg.Run("Siân", typed=True)])
    assert drawn.count('<tspan unicode-bidi="isolate">') == 2 and "and &lt;b&gt;" in drawn
    assert "direction" not in drawn


@pytest.mark.parametrize("text, direction", [("שרה כהן", "rtl"), ("محمد", "rtl"), ("12 Nain", None), ("", None)])
def test_the_first_strong_character_gives_the_direction(text, direction):
    assert svg.text_direction(text) == direction


def test_text_is_escaped_and_the_same_input_draws_the_same_string():
    drawn = svg.text(10, 20, '<script>alert("x")</script>')
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn
    assert drawn == svg.text(10, 20, '<script>alert("x")</script>')
