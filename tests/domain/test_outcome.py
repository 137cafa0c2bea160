"""What an action tells the page that asked: done, a conflict (with what is saved now), or refused (and why)."""

from fgc.domain.outcome import conflict, done, refused


def test_done_carries_what_the_action_made():
    outcome = done(42)
    assert (outcome.done, outcome.value, outcome.conflict, outcome.problem) == (True, 42, False, None)


def test_a_conflict_is_not_done_and_carries_the_record_as_saved_now():
    saved = {"id": 1, "version": 3}
    outcome = conflict(saved)
    assert (outcome.done, outcome.conflict, outcome.current) == (False, True, saved)
    assert conflict(None).current is None, "the record may have been removed"


def test_a_refusal_is_not_done_and_says_why_and_where():
    outcome = refused("This person is excluded", field="who_people")
    assert (outcome.done, outcome.conflict, outcome.problem, outcome.field) == (
        False, False, "This person is excluded", "who_people")
