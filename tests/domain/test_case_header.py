"""The header on every case page: the stage as steps, and the flags a coordinator must not miss."""

import datetime

import pytest

from fgc.domain.case_header import age, flags, steps


def case(**fields):
    return {"stage": "preparing", "resume_stage": None, "urgent": 0, "urgency_reason": "", "legal_status": "none",
            "plo_date": None, "court_date": None, "current_risks": [], **fields}


def states(stage, resume_stage=None):
    return {step["key"]: step["state"] for step in steps(stage, resume_stage)}


def test_steps_before_the_current_one_are_done_and_later_ones_to_do():
    found = states("conference_scheduled")
    assert found["baseline"] == "complete" and found["preparation"] == "current" and found["plan"] == "to do"
    assert list(found.values()).count("current") == 1


def test_a_paused_case_shows_the_step_it_stopped_at():
    assert states("on_hold", resume_stage="baseline_held")["baseline"] == "current"


def test_a_closed_case_has_every_step_up_to_closed_done():
    assert states("closed")["closed"] == "complete"


def test_flags_put_what_must_not_be_missed_first():
    found = flags(case(stage="withdrawn", resume_stage="preparing", urgent=1, urgency_reason="Court date soon",
                       legal_status="pre_proceedings", plo_date="2027-01-05", court_date="2027-02-01",
                       current_risks=["domestic_abuse", "unknown-code"]),
                  consent_state="withdrawn", excluded=2)
    assert [flag["kind"] for flag in found] == ["paused", "consent", "urgent", "legal", "risk", "excluded"]
    legal = found[3]
    assert legal["text"] == "Pre-proceedings (PLO)"
    assert legal["dates"] == [("plo", datetime.date(2027, 1, 5)), ("court", datetime.date(2027, 2, 1))]
    assert found[4]["text"] == "Domestic abuse" and found[5]["text"] == "2 people excluded"
    assert found[2]["detail"] == "Court date soon"


def test_a_quiet_case_has_no_flags():
    assert flags(case(), consent_state="given", excluded=0) == []


@pytest.mark.parametrize("born, years", [("2018-12-05", 7), ("2018-12-04", 8), ("", None), ("2030-01-01", None)])
def test_a_childs_age_is_whole_years_on_the_day(born, years):
    assert age(born, datetime.date(2026, 12, 4)) == years
