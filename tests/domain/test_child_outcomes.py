"""Each child's outcome: when the follow-ups fall due (3 and 12 months after the first conference, whatever the
case's stage), what may be recorded when, closing with every child's outcome at once, and saves that clash."""

import datetime

import pytest
from factories import case_actions, make_case, someone, user_id

from fgc.data import cases as case_data
from fgc.data import child_outcomes as outcome_data
from fgc.data import meetings
from fgc.db import get_db, write
from fgc.domain import child_outcomes

VALUES = {"known_on": "2026-06-01", "living_with": "parents", "arrangement": "", "proceedings": "no",
          "legal_order": "none", "notes": ""}


@pytest.fixture
def db(app):
    with app.test_request_context():
        yield get_db()


def held_case(db, on, reference="C-1"):
    coordinator = user_id(db, "coordinator@example.org")
    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference=reference,
                        coordinator_id=coordinator, referred_on="2025-01-02")
    with write(db):
        meeting = meetings.for_case(db, case_id)[0]
        meetings.mark_held(db, case_id, meeting["id"], on)
        case_data.move(db, case_id, to_stage="conference_held", user_id=coordinator)
    return case_id


def row(held_on, recorded="", reference="C-1"):
    return {"case_id": 1, "reference": reference, "stage": "closed", "child_id": 7, "child_name": "Osian",
            "held_on": held_on, "recorded": recorded}


def test_follow_ups_fall_due_3_and_12_months_after_the_first_conference_and_show_four_weeks_ahead():
    today = datetime.date(2026, 12, 4)
    # 31 August + 3 months is the last day of November; shown from 28 days before it falls due.
    due = child_outcomes.due([row("2026-08-31"), row("2025-12-05", reference="C-2"),
                              row("2026-09-07", reference="C-3"), row("2026-09-08", reference="C-4")], today)
    assert [(item["reference"], item["point"], item["due"], item["overdue"]) for item in due] == [
        ("C-2", "three_months", datetime.date(2026, 3, 5), True),
        ("C-1", "three_months", datetime.date(2026, 11, 30), True),
        ("C-2", "twelve_months", datetime.date(2026, 12, 5), False),
        ("C-3", "three_months", datetime.date(2026, 12, 7), False),
        ("C-4", "three_months", datetime.date(2026, 12, 8), False)]
    assert [item["point"] for item in child_outcomes.due([row("2025-12-05", recorded="three_months")], today)] == [
        "twelve_months"]
    assert child_outcomes.due([row("2025-12-05", recorded="closure,twelve_months,three_months")], today) == []
    # The edge of the window: due 28 days from today is shown, 29 is not.
    assert len(child_outcomes.due([row("2026-10-01")], today)) == 1
    assert len(child_outcomes.due([row("2026-10-02")], today)) == 0


def test_the_points_a_case_has():
    open_case = {"closed_on": None}
    assert child_outcomes.points(open_case, None) == []
    assert child_outcomes.points({"closed_on": "2026-05-01"}, None) == [("closure", datetime.date(2026, 5, 1))]
    assert child_outcomes.points(open_case, "2026-01-31") == [("three_months", datetime.date(2026, 4, 30)),
                                                              ("twelve_months", datetime.date(2027, 1, 31))]


def test_the_coordinators_follow_ups_include_closed_cases_and_leave_out_disposed_and_others(db):
    mine = held_case(db, "2025-06-02")
    disposed = held_case(db, "2025-06-02", reference="GONE")
    theirs = held_case(db, "2025-06-02", reference="THEIRS")
    coordinator = user_id(db, "coordinator@example.org")
    with write(db):
        case_data.move(db, mine, to_stage="closed", user_id=coordinator, closed_on="2025-09-01")
        db.execute("UPDATE cases SET disposed_at = '2026-01-01' WHERE id = ?", [disposed])
        db.execute("UPDATE cases SET coordinator_id = ? WHERE id = ?",
                   [user_id(db, "manager@example.org"), theirs])
    due = child_outcomes.due_for(db, coordinator, datetime.date(2026, 12, 4))
    assert [(item["case_id"], item["point"], item["stage"]) for item in due] == [
        (mine, "three_months", "closed"), (mine, "twelve_months", "closed")]


def test_recording_a_follow_up_audits_it_and_a_stale_save_is_a_conflict(db):
    case_id = held_case(db, "2026-01-05")
    case = case_data.get(db, case_id)
    (child,) = case_data.children(db, case_id)
    coordinator = someone(db, "coordinator@example.org")
    assert child_outcomes.record(db, case, child["id"], "three_months", VALUES, None, user=coordinator).done
    stale = child_outcomes.record(db, case, child["id"], "three_months", {**VALUES, "living_with": "care"}, None,
                                  user=coordinator)
    assert stale.conflict and stale.current["living_with"] == "parents"
    assert child_outcomes.record(db, case, child["id"], "three_months", {**VALUES, "living_with": "care"}, 1,
                                 user=coordinator).done
    assert outcome_data.get(db, child["id"], "three_months")["living_with"] == "care"
    assert case_actions(db, case_id).count("case.outcome_recorded") == 2


def test_what_cannot_be_recorded(db):
    case_id = held_case(db, "2026-01-05")
    other = held_case(db, "2026-01-05", reference="C-2")
    case = case_data.get(db, case_id)
    coordinator = someone(db, "coordinator@example.org")
    (others_child,) = case_data.children(db, other)
    assert child_outcomes.record(db, case, others_child["id"], "three_months", VALUES, None,
                                 user=coordinator).problem == "That child is not on this case"
    (child,) = case_data.children(db, case_id)
    assert child_outcomes.record(db, case, child["id"], "closure", VALUES, None, user=coordinator).problem == \
        "The outcome at closure is recorded when the case is closed"
    assert outcome_data.for_case(db, case_id) == {}


def test_closing_records_every_childs_outcome_in_the_same_transaction_or_nothing(db):
    case_id = held_case(db, "2026-01-05")
    with write(db):
        case_data.save_child(db, case_id, {"name": "Second", "date_of_birth": "2019-02-02", "gender": "",
                                           "ethnicity": "", "first_language": "", "needs": ""})
    case = case_data.get(db, case_id)
    first, second = (child["id"] for child in case_data.children(db, case_id))
    coordinator = someone(db, "coordinator@example.org")
    answer = {key: VALUES[key] for key in ("living_with", "arrangement", "proceedings", "legal_order")}
    refused = child_outcomes.close(db, case, closed_on=datetime.date(2026, 6, 1), notes="", outcomes={first: answer},
                                   user=coordinator)
    assert refused.problem == "Record the outcome for every child on the case"
    assert case_data.get(db, case_id)["stage"] == "conference_held" and outcome_data.for_case(db, case_id) == {}
    assert child_outcomes.close(db, case, closed_on=datetime.date(2026, 6, 1), notes="Done",
                                outcomes={first: answer, second: {**answer, "living_with": "care"}},
                                user=coordinator).done
    recorded = outcome_data.for_case(db, case_id)
    assert {key: (value["living_with"], value["known_on"]) for key, value in recorded.items()} == {
        (first, "closure"): ("parents", "2026-06-01"), (second, "closure"): ("care", "2026-06-01")}
    assert case_data.get(db, case_id)["stage"] == "closed"
