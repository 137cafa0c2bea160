"""Every figure in every report, against the hand-counted world of tests/reports_world.py: the first half of 2026,
with reviews, a withdrawn consent, a case closed without a conference, a second conference that does not count
again, a disposed case, and cases with more than one child."""

import datetime

import pytest

from fgc import service
from fgc.db import get_db
from fgc.domain import reports
from fgc.domain.reports import Period, Scope

import reports_world
from reports_world import EVERYONE, PERIOD


@pytest.fixture
def db(app):
    with app.test_request_context():
        yield get_db()


@pytest.fixture
def world(db):
    return reports_world.build(db)


def build(db, key, scope=EVERYONE, period=PERIOD):
    return reports.build(db, key, period, scope, service.deadlines(db))


def totals(report):
    return {figure.key: figure.total for figure in report.figures}


def monthly(report, key):
    figure = next(figure for figure in report.figures if figure.key == key)
    return [value for _month, value in figure.monthly]


def test_the_offer_chain(db, world):
    report = build(db, "offers")
    assert totals(report) == {
        "offers_made": 3, "in_letter": 2, "accepted": 2, "withdrawn": 1, "declined": 1, "no_answer": 0,
        "exceptions": 1, "meetings_held": 1, "plans_agreed": 1,
        "offer_to_answer": 4, "answer_to_conference": 38, "conference_to_plan": 0}
    assert monthly(report, "offers_made") == [1, 1, 1, 0, 0, 0]
    assert monthly(report, "exceptions") == [0, 0, 0, 1, 0, 0]
    assert monthly(report, "offer_to_answer") == [4, 4, 8, None, None, None]
    [reasons] = report.breakdowns
    assert [(row["group"], row["families"]) for row in reasons.rows] == [
        ("They did not want the wider family to know", 1), ("They felt there was nobody to ask", 0),
        ("They do not accept the council’s concerns", 0), ("They preferred other help", 0), ("Another reason", 0),
        ("No reason recorded", 0)]


def test_timeliness_against_the_targets(db, world):
    report = build(db, "timeliness")
    assert totals(report) == {
        "baseline_days_not_urgent": 4, "baseline_in_target_not_urgent": 100,
        "baseline_days_urgent": 2, "baseline_in_target_urgent": 0,
        "conference_days": 29.5, "conference_in_target": 100, "plan_on_the_day": 50,
        "reviews_due": 3, "reviews_on_time": 33, "reviews_not_held": 1}
    assert monthly(report, "baseline_days_not_urgent") == [3, None, 4, None, None, None]
    assert monthly(report, "reviews_due") == [1, 0, 0, 0, 2, 0]
    assert monthly(report, "reviews_on_time") == [0, None, None, None, 50, None]


def test_practice_at_the_first_conference(db, world):
    report = build(db, "practice")
    assert totals(report) == {
        "conferences": 2, "network_at_referral": 1.5, "network_at_conference": 2.5, "family_took_part": 1.5,
        "family_written_views": 1, "children": 3, "children_in_person": 1, "children_views": 0,
        "children_advocate": 1, "children_none": 1, "children_took_part": 67, "private_time": 50,
        "resources_requested": 3, "resources_agreed": 2}
    assert monthly(report, "conferences") == [0, 2, 0, 0, 0, 0]


def test_outcomes_at_3_and_12_months(db, world):
    report = build(db, "outcomes")
    assert totals(report) == {
        "three_due": 4, "three_recorded": 1, "three_with_family": 0, "three_with_parents": 0, "three_in_care": 100,
        "three_proceedings": 100,
        "twelve_due": 2, "twelve_recorded": 1, "twelve_with_family": 100, "twelve_with_parents": 100,
        "twelve_in_care": 0, "twelve_proceedings": 0}
    assert monthly(report, "three_due") == [1, 0, 0, 0, 3, 0]


def test_who_the_service_reaches(db, world):
    report = build(db, "served")
    assert totals(report) == {"children_referred": 6, "children_reached_conference": 50}
    assert monthly(report, "children_referred") == [3, 1, 1, 1, 0, 0]
    groups = {breakdown.key: [(row["group"], row["children"], row["conference"]) for row in breakdown.rows]
              for breakdown in report.breakdowns}
    assert groups == {
        "ethnicity": [("Black, Black British, Caribbean or African: African", 1, 0),
                      ("Mixed White and Black Caribbean", 1, 1), ("White British", 3, 2), ("Not recorded", 1, 0)],
        "first_language": [("English", 4, 3), ("Somali", 1, 0), ("Welsh", 1, 0)],
        "disability": [("Yes", 1, 1), ("No", 1, 1), ("Not known", 1, 0), ("Not recorded", 3, 1)],
        "legal_status": [("Child in need", 1, 0), ("Child protection plan", 1, 1), ("Pre-proceedings (PLO)", 3, 2),
                         ("Looked after (care order)", 1, 0)]}


def test_one_coordinator_or_one_team(db, world):
    north = build(db, "offers", Scope(team="North"))
    assert totals(north)["offers_made"] == 3 and totals(north)["exceptions"] == 0
    theirs = build(db, "served", Scope(coordinator_id=world.coordinator))
    assert totals(theirs)["children_referred"] == 2  # D and G
    assert totals(build(db, "served", Scope(team="Nobody")))["children_referred"] == 0


def test_a_period_with_nothing_in_it_says_so_rather_than_failing(db, world):
    empty = Period(datetime.date(2030, 1, 1), datetime.date(2030, 2, 28))
    for key in reports.REPORTS:
        report = build(db, key, period=empty)
        assert all(figure.total in (0, None) for figure in report.figures), key
        assert all(len(figure.monthly) == 2 for figure in report.figures)


def test_the_default_period_is_the_last_twelve_months():
    period = reports.default_period(datetime.date(2026, 12, 5))
    assert (period.start, period.end) == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 5))
    assert len(period.months()) == 12


def test_a_report_is_kept_until_something_it_counts_changes(db, world):
    from fgc.data import reports as report_data
    from fgc.db import write

    first = build(db, "offers")
    assert build(db, "offers") is first, "shown again without working it out again"
    before = report_data.version(db)
    with write(db):
        db.execute("UPDATE users SET last_sign_in_at = '2026-12-01' WHERE id = ?", [world.coordinator])
        db.execute("UPDATE cases SET next_due_on = '2027-01-01' WHERE reference = 'A'")
        db.execute("UPDATE people SET phone = '01632 960000' WHERE case_id = ?", [world.cases["A"]])
    assert report_data.version(db) == before and build(db, "offers") is first
    with write(db):
        db.execute("INSERT INTO offers (case_id, offered_on, in_letter_before_proceedings, response, updated_at) "
                   "VALUES (?, '2026-05-11', 0, NULL, '2026-05-11')", [world.cases["G"]])
    again = build(db, "offers")
    assert again is not first and totals(again)["offers_made"] == 4 and totals(again)["no_answer"] == 1
    for change in ("UPDATE users SET team = 'South' WHERE id = ?", "UPDATE meetings SET private_time = 1 WHERE id = ?",
                   "DELETE FROM pr_holders WHERE case_id = ?"):
        version = report_data.version(db)
        with write(db):
            db.execute(change, [world.cases["G"] if "pr_holders" in change else 1])
        assert report_data.version(db)[1] == version[1] + 1, change
