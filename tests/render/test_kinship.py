"""Reading the relationship words a coordinator typed: family or not, which generation, which side."""

import pytest

from fgc.render import kinship


@pytest.mark.parametrize("relationship, family, generation, side", [
    ("Mother", True, 1, "maternal"),
    ("Mam", True, 1, "maternal"),
    ("Dad", True, 1, "paternal"),
    ("Stepfather", True, 1, None),
    ("Step-father", True, 1, None),
    ("Mother’s partner", True, 1, "maternal"),
    ("Grandmother (Nain)", True, 2, None),
    ("Taid", True, 2, None),
    ("Mamgu", True, 2, None),
    ("Hen Nain", True, 3, None),
    ("Maternal grandmother", True, 2, "maternal"),
    ("Great-grandmother", True, 3, None),
    ("great great grandfather", True, 4, None),
    ("Great-aunt", True, 2, None),
    ("Aunt by marriage", True, 1, None),
    ("AUNTIE", True, 1, None),
    ("Modryb", True, 1, None),
    ("Uncle", True, 1, None),
    ("Dad's cousin", True, 1, "paternal"),
    ("Mum’s sister’s son", True, 0, "maternal"),
    ("Sister", True, 0, None),
    ("Half-brother", True, 0, None),
    ("Cousin", True, 0, None),
    ("Second cousin", True, 0, None),
    ("Nephew", True, -1, None),
    ("Great-nephew", True, -2, None),
    ("Paternal grandfather’s partner", True, 2, "paternal"),
    ("Friend from chapel", False, None, None),
    ("Family friend", False, None, None),
    ("Mum’s friend", False, None, "maternal"),
    ("Godmother", False, None, None),
    ("Neighbour", False, None, None),
    ("Young carers’ advocate", False, None, None),
    ("Interpreter (Arabic)", False, None, None),
    ("Someone the children trust", None, None, None),
    ("", None, None, None),
    (None, None, None, None),
    ("<b>Cousin</b>", True, 0, None),
    ("Grandmother 👵🏽", True, 2, None),
    ("Mother and father", True, 1, None),
])
def test_relationship_words_say_family_generation_and_side(relationship, family, generation, side):
    assert kinship.read(relationship) == kinship.Kin(family, generation, side)


def test_words_are_matched_whole_not_inside_others():
    assert kinship.read("Godmother").family is False, "godmother is not a mother"
    assert kinship.read("Grandstand attendant").family is None
    assert kinship.read("Mothering Sunday helper").family is None
