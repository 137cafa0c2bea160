"""The demo cases that ``seed-demo`` creates: every stage, realistic data, safe to run twice."""

import datetime
import itertools
import re

import pytest
from conftest import text

from fgc import deadlines, lifecycle
from fgc.data import audit as audit_data
from fgc.data import baselines, consents, offers
from fgc.data import cases as case_data
from fgc.data import meetings as meeting_data
from fgc.data import users as user_data
from fgc.db import write

DEMO_PASSWORD = "demo marsh lantern quill"
CERYS = "cerys.llywelyn@demo.example.org"
TOMASZ = "tomasz.nowak@demo.example.org"
MANAGER = "morgan.ellis@demo.example.org"
SOCIAL_WORKER = "sam.okafor@demo.example.org"


@pytest.fixture
def seeded(runner, db, monkeypatch):
    monkeypatch.setenv("FGC_DEMO_PASSWORD", DEMO_PASSWORD)
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return result


def user(db, email):
    return user_data.get_by_email(db, email)


def all_cases(db):
    """Every submitted case, as the demo manager sees them."""
    return case_data.summaries(db, (user(db, MANAGER)["id"], "manager"))


def names_on(db, case_id):
    return [row["name"] for row in case_data.children(db, case_id)] + \
        [row["name"] for row in case_data.pr_holders(db, case_id)]


def test_seed_demo_creates_cases_at_every_stage(seeded, db):
    rows = all_cases(db)
    assert 10 <= len(rows) <= 14
    assert f"Created {len(rows)} demo cases." in seeded.output
    stages = {row["stage"] for row in rows}
    assert set(lifecycle.MAIN_PATH) | set(lifecycle.PAUSED) <= stages
    assert all(re.fullmatch(r"FGC-2026-\d{4}", row["reference"]) for row in rows)


def test_demo_cases_are_complete_referrals_owned_by_the_demo_users(seeded, db):
    sam, manager = user(db, SOCIAL_WORKER), user(db, MANAGER)
    coordinators = {user(db, CERYS)["id"], user(db, TOMASZ)["id"]}
    for row in all_cases(db):
        case = case_data.get(db, row["id"])
        assert case["created_by"] == sam["id"] and case["social_worker_id"] == sam["id"]
        assert set(case["sections_done"]) == {"family", "risks", "purpose", "needs", "referrer"}
        children = case_data.children(db, case["id"])
        assert 1 <= len(children) <= 3
        assert all(datetime.date.fromisoformat(child["date_of_birth"]) < datetime.date.today() for child in children)
        assert case_data.pr_holders(db, case["id"])
        assert case["legal_status"] and case["reason"] and case["decision_sought"]
        assert case["referrer_name"] == "Sam Okafor" and case["manager_name"] and case["manager_signed_off_on"]
        assert case["current_risks"] or case["past_risks"]
        assert datetime.date.fromisoformat(case["referred_on"]) >= datetime.date.today() - datetime.timedelta(days=200)
        if case["stage"] == "referred":
            assert case["coordinator_id"] is None
        else:
            assert case["coordinator_id"] in coordinators and case["allocated_on"]
        # The history runs through the stages in order, starting from the draft.
        history = case_data.stage_history(db, case["id"])
        assert history[0]["from_stage"] == "draft" and history[0]["to_stage"] == "referred"
        assert all(a["to_stage"] == b["from_stage"] for a, b in itertools.pairwise(history))
        assert history[-1]["to_stage"] == case["stage"]
        assert audit_data.for_record(db, "case", case["id"]), "the timeline is not empty"
    unallocated = case_data.summaries(db, (manager["id"], "manager"), unallocated=True)
    assert 1 <= len(unallocated) <= 2


def test_stage_specific_records(seeded, db):
    rows = all_cases(db)
    by_stage = {}
    for row in rows:
        by_stage.setdefault(row["stage"], []).append(case_data.get(db, row["id"]))
    closed = by_stage["closed"][0]
    assert closed["closed_on"] and closed["closure_living_with"] and closed["closure_proceedings"]
    assert [step["to_stage"] for step in case_data.stage_history(db, closed["id"])] == list(lifecycle.MAIN_PATH)
    for stage in ("plan_agreed", "review_scheduled", "review_held", "closed"):
        assert all(case["plan_agreed_on"] for case in by_stage[stage])
    for stage in ("baseline_held", "preparing", "conference_held", "review_held"):
        for case in by_stage[stage]:
            items = baselines.items(db, case["id"])
            assert baselines.get(db, case["id"]) and items["question"] and items["bottom_line"] and items["resource"]
    for stage, kind, status in (("conference_scheduled", "conference", "scheduled"),
                                ("conference_held", "conference", "held"),
                                ("review_scheduled", "review", "scheduled"), ("review_held", "review", "held")):
        for case in by_stage[stage]:
            meeting = [m for m in meeting_data.for_case(db, case["id"]) if m["kind"] == kind][-1]
            assert meeting["status"] == status
            assert meeting["uid"].endswith("@fgc.invalid")
            starts = datetime.datetime.fromisoformat(meeting["starts_at"])
            assert starts.utcoffset() is not None and meeting["ends_at"] > meeting["starts_at"]
            assert (meeting["held_on"] is not None) == (status == "held")
    paused = [case for stage in lifecycle.PAUSED for case in by_stage[stage]]
    assert all(case["resume_stage"] in lifecycle.MAIN_PATH for case in paused)
    with_consent = [row for row in rows if consents.for_case(db, row["id"])]
    assert len(with_consent) >= len(rows) // 2
    records = [offers.get(db, row["id"]) for row in rows]
    assert any(record and record["response"] == "accepted" and record["in_letter_before_proceedings"]
               for record in records)
    assert any(record and record["exception_reason"] and record["exception_decided_by"] for record in records)


def test_names_are_stored_exactly_and_can_be_found(seeded, db):
    names = {name for row in all_cases(db) for name in names_on(db, row["id"])}
    for name in ("Gwenllïan ap Dafydd", "Dafydd ap Ifan", "Siân Prys", "Siôn Rhys", "مريم حداد", "נועה לוי"):
        assert name in names
    manager = (user(db, MANAGER)["id"], "manager")
    assert [row["reference"] for row in case_data.search(db, manager, "Gwenllian")] == \
        [row["reference"] for row in case_data.search(db, manager, "Gwenllïan")]
    assert case_data.search(db, manager, "حداد")


def test_there_is_an_urgent_case(seeded, db):
    urgent = [case_data.get(db, row["id"]) for row in all_cases(db) if row["urgent"]]
    assert urgent and all(case["urgency_reason"] for case in urgent)


def test_the_withdrawn_case_records_the_withdrawal(seeded, db):
    withdrawn = [row for row in all_cases(db) if row["stage"] == "withdrawn"]
    assert len(withdrawn) == 1
    case = case_data.get(db, withdrawn[0]["id"])
    assert case["resume_stage"] in lifecycle.MAIN_PATH and case["resume_stage"] != "referred"
    assert consents.state(db, case["id"]) == "withdrawn"
    recorded = consents.for_case(db, case["id"])
    assert recorded and all(consent["withdrawn_on"] and consent["withdrawn_by"] for consent in recorded)
    assert recorded[0]["withdrawn_on"] >= recorded[0]["given_on"]
    assert not lifecycle.allowed(case["stage"], case["resume_stage"], resume_stage=case["resume_stage"],
                                 consent_withdrawn=True), "work cannot resume until consent is given again"


def test_some_deadlines_are_overdue(seeded, db, app):
    rows = all_cases(db)
    with app.app_context():
        facts = case_data.facts(db, [row["id"] for row in rows])
        found = deadlines.overdue(rows, facts)
        assert found
        assert any(deadline["label"] == "Baseline meeting" for _, deadline in found)
        closed = [row for row in rows if row["stage"] == "closed"]
        assert all(item["status"] is None for row in closed for item in deadlines.for_case(row, facts[row["id"]]))


def test_seeding_twice_does_not_duplicate_cases(seeded, runner, db):
    before = [row["reference"] for row in all_cases(db)]
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0, again.output
    assert "no demo cases were added" in again.output
    assert sorted(row["reference"] for row in all_cases(db)) == sorted(before)


def test_seeding_adds_no_cases_to_a_database_that_has_some(runner, db, monkeypatch):
    monkeypatch.setenv("FGC_DEMO_PASSWORD", DEMO_PASSWORD)
    social_worker = user(db, "social_worker@example.org")["id"]
    with write(db):
        case_id = case_data.create_draft(db, created_by=social_worker, reference="REAL-1", urgent=False,
                                         urgency_reason="", referrer_name="Test Social Worker")
        case_data.move(db, case_id, to_stage="referred", user_id=social_worker,
                       referred_on=datetime.date.today().isoformat())
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert [row["reference"] for row in all_cases(db)] == ["REAL-1"]


def test_a_coordinator_sees_only_their_cases(seeded, db):
    cerys, tomasz = user(db, CERYS), user(db, TOMASZ)
    mine = case_data.summaries(db, (cerys["id"], "coordinator"))
    theirs = case_data.summaries(db, (tomasz["id"], "coordinator"))
    assert mine and theirs
    assert all(row["coordinator_id"] == cerys["id"] for row in mine)
    assert all(row["coordinator_id"] == tomasz["id"] for row in theirs)
    assert not {row["id"] for row in mine} & {row["id"] for row in theirs}


def test_the_demo_coordinator_home_shows_a_conference_soon(seeded, db, new_client):
    browser = new_client()
    response = browser.submit("/sign-in", {"email": CERYS, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    page = text(browser.page("/"))
    conference = next(row for row in all_cases(db) if row["stage"] == "conference_scheduled")
    assert f"Conference for {conference['reference']}" in page
    assert "None this week or next" not in page
    assert "Nothing is overdue" not in page
