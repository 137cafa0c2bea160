"""Every allowed and refused move between stages."""

import pytest

from fgc.domain import lifecycle

MAIN = ["referred", "allocated", "baseline_held", "preparing", "conference_scheduled", "conference_held",
        "plan_agreed", "review_scheduled", "review_held", "closed"]
EVERY = ["draft", *MAIN, "on_hold", "withdrawn", "declined_by_family"]

ALLOWED = {
    ("draft", "referred"),
    ("referred", "allocated"),
    ("allocated", "baseline_held"),
    ("baseline_held", "preparing"), ("baseline_held", "conference_scheduled"),
    ("preparing", "conference_scheduled"),
    ("conference_scheduled", "conference_held"),
    ("conference_held", "plan_agreed"), ("conference_held", "closed"),
    ("plan_agreed", "review_scheduled"), ("plan_agreed", "closed"),
    ("review_scheduled", "review_held"),
    ("review_held", "review_scheduled"), ("review_held", "closed"),
}
# Any open stage on the main path can be paused; the family can decline until the conference is held.
ALLOWED |= {(stage, pause) for stage in MAIN if stage != "closed" for pause in ("on_hold", "withdrawn")}
ALLOWED |= {(stage, "declined_by_family") for stage in
            ("referred", "allocated", "baseline_held", "preparing", "conference_scheduled")}
# A paused case can be closed, or resumed where it left off (tested separately).
ALLOWED |= {(paused, "closed") for paused in ("on_hold", "withdrawn", "declined_by_family")}


@pytest.mark.parametrize("current", EVERY)
@pytest.mark.parametrize("target", EVERY)
def test_each_move_is_allowed_or_refused_with_a_reason(current, target):
    refusal = lifecycle.refusal(current, target, resume_stage="preparing" if current in lifecycle.PAUSED else None)
    if (current, target) in ALLOWED or (current in lifecycle.PAUSED and target == "preparing"):
        assert refusal is None, f"{current} → {target} should be allowed: {refusal}"
    else:
        assert refusal, f"{current} → {target} should be refused"
        assert refusal[0].isupper() and not refusal.endswith(".")


def test_scheduling_the_conference_before_the_baseline_says_why():
    assert lifecycle.refusal("allocated", "conference_scheduled") == \
        "Record the baseline meeting before scheduling the conference"
    assert lifecycle.refusal("referred", "baseline_held") == \
        "Allocate a coordinator before recording the baseline meeting"
    assert lifecycle.refusal("preparing", "review_scheduled") == \
        "Record the plan as agreed before scheduling a review"


def test_a_closed_case_stays_closed():
    for target in EVERY:
        assert lifecycle.refusal("closed", target) == "This case is closed"


def test_resuming_returns_to_the_stage_the_case_left():
    assert lifecycle.refusal("on_hold", "baseline_held", resume_stage="baseline_held") is None
    assert lifecycle.refusal("on_hold", "preparing", resume_stage="baseline_held") == \
        "Resume the case before moving it on: it returns to ‘Baseline held’"


def test_withdrawn_consent_blocks_resuming_and_meetings():
    assert lifecycle.refusal("withdrawn", "preparing", resume_stage="preparing", consent_withdrawn=True) == \
        "Record the family's consent again before resuming work on this case"
    assert lifecycle.refusal("preparing", "conference_scheduled", consent_withdrawn=True) == \
        "Consent has been withdrawn: no meetings can be arranged"
    assert lifecycle.refusal("plan_agreed", "review_scheduled", consent_withdrawn=True) == \
        "Consent has been withdrawn: no meetings can be arranged"


def test_a_case_can_hold_several_reviews():
    stage = "plan_agreed"
    for _ in range(3):
        for target in ("review_scheduled", "review_held"):
            assert lifecycle.allowed(stage, target)
            stage = target
        assert lifecycle.allowed(stage, "review_scheduled")


def test_next_steps_follow_the_path():
    assert lifecycle.next_steps("baseline_held") == ["preparing", "conference_scheduled"]
    assert lifecycle.next_steps("on_hold", resume_stage="allocated") == ["allocated", "closed"]
    assert lifecycle.next_steps("closed") == []
