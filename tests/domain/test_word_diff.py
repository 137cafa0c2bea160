"""What changed between two texts, word by word: exactly the words that changed are marked, the rest is kept."""

import re

from fgc.domain.word_diff import ADDED, REMOVED, SAME, items, words


def after(segments):
    return "".join(text for change, text in segments if change != REMOVED)


def before(segments):
    return "".join(text for change, text in segments if change != ADDED)


def spaced(text):
    return re.sub(r"\s+", " ", text)


def test_only_the_words_that_changed_are_marked():
    segments = words("Nain will collect Megan on Tuesdays", "Nain will collect Megan and Cai on Thursdays")
    assert segments == [(SAME, "Nain will collect Megan "), (ADDED, "and Cai"), (SAME, " on "),
                        (REMOVED, "Tuesdays"), (ADDED, "Thursdays")]


def test_neighbouring_changed_words_are_marked_together():
    assert words("Mam drives the red car", "Mam drives the big blue van") == [
        (SAME, "Mam drives the "), (REMOVED, "red car"), (ADDED, "big blue van")]


def test_punctuation_stays_with_its_word_and_nothing_is_joined_on():
    segments = words("She will see her friends.", "She will see her friends every week.")
    assert segments == [(SAME, "She will see her "), (REMOVED, "friends."), (ADDED, "friends every week.")]
    assert ";" not in "".join(text for _change, text in segments)


def test_a_change_of_spacing_alone_is_no_change():
    assert words("Nain  phones\nevery day", "Nain phones every day") == [(SAME, "Nain phones every day")]


def test_empty_texts():
    assert words("", "") == []
    assert words("", "Dai phones") == [(ADDED, "Dai phones")]
    assert words("Dai phones", None) == [(REMOVED, "Dai phones")]


def test_both_texts_can_be_read_back_from_the_marks():
    old = "If Mam has a bad day she rings Auntie Heledd, who works from home and will go round."
    new = "If Mam has a bad day in school hours she rings Heledd, who will go round; if not, Nain goes."
    segments = words(old, new)
    assert after(segments) == new
    assert spaced(before(segments)) == spaced(old)


def test_typed_markup_emoji_and_right_to_left_text_are_only_text():
    old = "<script>alert(1)</script> مريم 👩‍👧‍👦 stays"
    new = "<b>hi</b> مريم 👩‍👧‍👦 goes"
    segments = words(old, new)
    assert segments == [(REMOVED, "<script>alert(1)</script>"), (ADDED, "<b>hi</b>"), (SAME, " مريم 👩‍👧‍👦 "),
                        (REMOVED, "stays"), (ADDED, "goes")]


def test_a_long_text_still_marks_just_the_changed_word():
    old = " ".join(f"word{number % 7}" for number in range(400))
    new = old.replace("word3 word4 word5", "word3 CHANGED word5", 1)
    changed = [(change, text) for change, text in words(old, new) if change != SAME]
    assert changed == [(REMOVED, "word4"), (ADDED, "CHANGED")]


def test_lists_are_compared_item_by_item():
    assert items(["Nain Jones", "Uncle Dai"], ["Nain Jones", "Auntie Sue"]) == [
        (SAME, "Nain Jones"), (REMOVED, "Uncle Dai"), (ADDED, "Auntie Sue")]
    assert items([], ["Nain Jones"]) == [(ADDED, "Nain Jones")]
    assert items(["not_started"], ["done"]) == [(REMOVED, "not_started"), (ADDED, "done")]
    assert items([("Bus passes", "For Taid")], [("Bus passes", "For Taid")]) == [(SAME, ("Bus passes", "For Taid"))]


def test_words_taken_out_keep_a_space_between_the_words_either_side():
    assert words("Nain will always phone", "Nain will phone") == [
        (SAME, "Nain will "), (REMOVED, "always "), (SAME, "phone")]


def test_a_text_mostly_rewritten_is_replaced_whole_not_in_scattered_words():
    assert words("Nain moves in if Mam is unwell", "Dai steps in") == [
        (REMOVED, "Nain moves in if Mam is unwell"), (ADDED, "Dai steps in")]
    assert words("Every Saturday", "Every Sunday") == [(SAME, "Every "), (REMOVED, "Saturday"), (ADDED, "Sunday")]
