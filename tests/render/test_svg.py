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


def test_wide_characters_measure_twice_as_wide_and_bold_wider():
    assert svg.text_width("王", 12) == 2 * svg.text_width("W", 12)
    assert svg.text_width("Nain", 12, bold=True) > svg.text_width("Nain", 12)


@pytest.mark.parametrize("text, direction", [("שרה כהן", "rtl"), ("محمد", "rtl"), ("12 Nain", None), ("", None)])
def test_the_first_strong_character_gives_the_direction(text, direction):
    assert svg.text_direction(text) == direction


def test_text_is_escaped_and_the_same_input_draws_the_same_string():
    drawn = svg.text(10, 20, '<script>alert("x")</script>')
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn
    assert drawn == svg.text(10, 20, '<script>alert("x")</script>')
