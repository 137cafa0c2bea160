"""One vocabulary: every stored code has one label a person can tell apart from the others, every tag colour
belongs to a code that exists, and the stages are the lifecycle's."""

import pytest

from fgc.domain import lifecycle, vocabulary

LABELS = {name: value for name, value in vars(vocabulary).items()
          if name.isupper() and isinstance(value, dict) and not name.endswith("_CLASSES")}
CLASSES = {name: value for name, value in vars(vocabulary).items() if name.endswith("_CLASSES")}


def test_the_stages_are_the_lifecycles_and_a_draft():
    assert set(vocabulary.STAGES) == {"draft", *lifecycle.MAIN_PATH, *lifecycle.PAUSED}


@pytest.mark.parametrize("name", sorted(LABELS))
def test_no_two_codes_read_the_same(app, name):
    with app.test_request_context():
        words = [str(label) for label in LABELS[name].values()]
    assert all(word.strip() for word in words), "every code has words"
    assert len(set(words)) == len(words), f"{name}: two codes a person could not tell apart"


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_every_tag_colour_is_for_a_code_that_has_a_label(name):
    base = name.removesuffix("_CLASSES")  # PLAN_STATUS_CLASSES colours PLAN_STATUSES, DECISION_CLASSES DECISIONS
    labels = next(LABELS[base + plural] for plural in ("S", "ES") if base + plural in LABELS)
    assert set(CLASSES[name]) == set(labels)
    assert all(colour.startswith("govuk-tag--") for colour in CLASSES[name].values())
