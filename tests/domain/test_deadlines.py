"""Deadlines as a coordinator sees them: due dates in working days from the service's targets, and their tags.

The module is pure, so these tests give it targets, a calendar and a day, with no app around it.
"""

import datetime

import pytest

from fgc.domain.deadlines import Deadlines, Targets
from fgc.domain.workdays import WorkingCalendar

MONDAY = datetime.date(2026, 3, 2)  # no bank holiday near it
TARGETS = Targets(baseline_days=5, baseline_urgent_days=1, conference_days=40, review_after_months=3,
                  due_soon_days=3)
NO_FACTS = {"baseline_on": None, "conference_held_on": None, "review_held_on": None}


def case(**fields):
    return {"id": 1, "stage": "referred", "urgent": 0, "referred_on": MONDAY.isoformat(), "plan_agreed_on": None,
            **fields}


def on(day, closure_days=()):
    return Deadlines(TARGETS, WorkingCalendar(closure_days), day)


def by_label(items):
    return {item["label"]: item for item in items}


@pytest.mark.parametrize("urgent, due", [(0, datetime.date(2026, 3, 9)), (1, datetime.date(2026, 3, 3))],
                         ids=["five-working-days", "urgent-next-working-day"])
def test_the_baseline_is_due_in_working_days_from_the_referral(urgent, due):
    assert by_label(on(MONDAY).for_case(case(urgent=urgent), NO_FACTS))["Baseline meeting"]["due"] == due


def test_a_closure_day_moves_a_deadline_on():
    closed_on_wednesday = on(MONDAY, closure_days=[datetime.date(2026, 3, 4)])
    assert by_label(closed_on_wednesday.for_case(case(), NO_FACTS))["Baseline meeting"]["due"] == \
        datetime.date(2026, 3, 10)


@pytest.mark.parametrize("today, status, tag", [
    (datetime.date(2026, 3, 2), "on track", "On track"),
    (datetime.date(2026, 3, 5), "due soon", "Due soon"),
    (datetime.date(2026, 3, 10), "overdue", "Overdue"),
], ids=["on-track", "due-soon", "overdue"])
def test_a_deadline_is_tagged_by_how_close_it_is(today, status, tag):
    baseline = by_label(on(today).for_case(case(), NO_FACTS))["Baseline meeting"]
    assert (baseline["status"], baseline["tag_text"]) == (status, tag)


def test_a_met_deadline_says_done():
    baseline = by_label(on(datetime.date(2026, 4, 1)).for_case(case(), {**NO_FACTS, "baseline_on": "2026-03-06"}))
    assert (baseline["Baseline meeting"]["status"], baseline["Baseline meeting"]["tag_text"]) == (None, "Done")


def test_a_paused_case_waits_rather_than_falls_overdue():
    items = on(datetime.date(2026, 6, 1)).for_case(case(stage="on_hold"), NO_FACTS)
    assert {item["status"] for item in items} == {"paused"}
    assert {item["tag_text"] for item in items} == {"Paused"}


def test_a_closed_case_has_nothing_due():
    items = on(datetime.date(2026, 6, 1)).for_case(case(stage="closed", plan_agreed_on="2026-04-01"), NO_FACTS)
    assert [item["status"] for item in items] == [None, None, None]


def test_the_review_is_due_months_after_the_plan_is_agreed_and_met_by_a_later_review():
    agreed = case(stage="plan_agreed", plan_agreed_on="2026-04-15")
    review = by_label(on(datetime.date(2026, 7, 20)).for_case(agreed, NO_FACTS))["Review"]
    assert (review["due"], review["status"]) == (datetime.date(2026, 7, 15), "overdue")
    earlier = {**NO_FACTS, "review_held_on": "2026-04-01"}
    assert by_label(on(datetime.date(2026, 7, 20)).for_case(agreed, earlier))["Review"]["status"] == "overdue", \
        "a review held before this plan was agreed does not count"
    held = {**NO_FACTS, "review_held_on": "2026-07-10"}
    assert by_label(on(datetime.date(2026, 7, 20)).for_case(agreed, held))["Review"]["status"] is None


def test_overdue_lists_open_cases_most_overdue_first():
    rows = [case(id=1, referred_on="2026-03-02"), case(id=2, referred_on="2026-02-02"),
            case(id=3, referred_on="2026-01-05", stage="closed")]
    found = on(datetime.date(2026, 3, 20)).overdue(rows, {row["id"]: NO_FACTS for row in rows})
    assert [(row["id"], item["label"]) for row, item in found] == [(2, "Baseline meeting"), (1, "Baseline meeting")]


@pytest.mark.parametrize("held, median, within", [
    ([], None, None),
    (["2026-03-09"], 5, 100),
    (["2026-03-09", "2026-03-16"], 7.5, 100),
    (["2026-03-09", "2026-04-13", "2026-06-01"], 28, 67),  # six weeks less Good Friday and Easter Monday
], ids=["none", "one", "even-count", "one-late"])
def test_referral_to_conference_gives_the_median_in_working_days_and_the_share_on_target(held, median, within):
    rows = [{"referred_on": "2026-03-02", "held_on": day} for day in held]
    figure = on(datetime.date(2026, 7, 1)).referral_to_conference(rows)
    assert figure == {"count": len(held), "median": median, "within_target": within, "target": 40}


def test_targets_come_from_the_service_settings():
    config = {"BASELINE_TARGET_DAYS": 4, "BASELINE_TARGET_URGENT_DAYS": 2, "CONFERENCE_TARGET_DAYS": 30,
              "REVIEW_AFTER_MONTHS": 6, "DUE_SOON_DAYS": 1}
    assert Targets.from_config(config) == Targets(4, 2, 30, 6, 1)


def test_the_next_deadline_is_the_earliest_still_to_meet():
    waiting = on(MONDAY).next_due(case(), NO_FACTS)
    assert (waiting["kind"], waiting["due"]) == ("baseline", datetime.date(2026, 3, 9))
    after_baseline = on(MONDAY).next_due(case(), {**NO_FACTS, "baseline_on": "2026-03-05"})
    assert after_baseline["kind"] == "conference"


@pytest.mark.parametrize("stage", ["on_hold", "closed"])
def test_a_paused_or_closed_case_has_no_next_deadline(stage):
    assert on(MONDAY).next_due(case(stage=stage), NO_FACTS) is None


def test_a_deadline_tag_says_overdue_the_day_after_it_falls():
    assert on(datetime.date(2026, 3, 10)).tag(datetime.date(2026, 3, 9))[:2] == ("overdue", "Overdue")
    assert on(datetime.date(2026, 3, 9)).tag(datetime.date(2026, 3, 9))[0] == "due soon"


def test_only_cases_whose_kept_next_deadline_has_passed_can_be_overdue():
    rows = [{"id": 1, "next_due_on": "2026-12-03"}, {"id": 2, "next_due_on": "2026-12-04"},
            {"id": 3, "next_due_on": "2026-12-09"}, {"id": 4, "next_due_on": None}]
    assert [row["id"] for row in on(datetime.date(2026, 12, 4)).may_be_overdue(rows)] == [1]
