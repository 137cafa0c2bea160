"""Making a referral through its actions: a draft, its sections, children and PR holders, then sending it. Each
lands with its audit event, or comes back refused (a reference already taken) or as a conflict, with nothing saved."""

import datetime

import pytest
from factories import case_events, make_case

from fgc.data import cases as case_data
from fgc.data import users as user_data
from fgc.data.cases import VersionConflict
from fgc.db import write
from fgc.domain import deadlines, referrals


@pytest.fixture(autouse=True)
def in_the_app(app):
    """Actions run inside the app, as from a page or a command: they queue messages by its settings."""
    with app.app_context():
        yield


@pytest.fixture
def referrer(db):
    """The social worker, as the user row that the command line and the demo act as."""
    return user_data.get_by_email(db, "social_worker@example.org")


@pytest.fixture
def draft(db, referrer):
    with write(db):
        case_id = case_data.create_draft(db, created_by=referrer["id"], reference="REF-1", urgent=False,
                                         urgency_reason="", referrer_name=referrer["name"])
    return case_data.get(db, case_id)


def child(name="Bethan Jones"):
    return {"name": name, "date_of_birth": "2014-07-01", "gender": "Girl", "ethnicity": "", "first_language": "Welsh",
            "needs": ""}


def test_a_started_referral_is_a_draft_of_its_author_and_is_audited(db, referrer):
    outcome = referrals.start(db, reference="REF-9", urgent=True, urgency_reason="Court date soon", user=referrer)
    case = case_data.get(db, outcome.value)
    assert (case["stage"], case["reference"], case["urgent"]) == ("draft", "REF-9", 1)
    assert (case["created_by"], case["referrer_name"]) == (referrer["id"], "Test Social Worker")
    assert case_events(db, case["id"]) == [("case.draft_started", {"reference": "REF-9"})]


@pytest.mark.parametrize("reference", ["REF-1", " REF-1 ", "ref-1"])
def test_a_reference_already_taken_is_refused_on_the_reference_field(db, referrer, draft, reference):
    outcome = referrals.start(db, reference=reference, urgent=False, urgency_reason="", user=referrer)
    assert (outcome.done, outcome.field) == (False, "reference")
    assert "already exists" in outcome.problem
    assert case_data.count(db) == 1


def test_a_saved_section_is_counted_done_once_and_audited_with_its_fields(db, referrer, draft):
    values = {"reason": "Worries about neglect", "decision_sought": "Who the children can stay with"}
    assert referrals.save_section(db, draft, "purpose", values, draft["version"], user=referrer).done
    case = case_data.get(db, draft["id"])
    assert (case["reason"], case["sections_done"], case["version"]) == ("Worries about neglect", ["purpose"], 2)
    assert referrals.save_section(db, case, "purpose", {"reason": "Neglect"}, case["version"], user=referrer).done
    assert case_data.get(db, draft["id"])["sections_done"] == ["purpose"]
    assert case_events(db, draft["id"]) == [
        ("case.referral_updated", {"section": "purpose", "fields": ["decision_sought", "reason"]}),
        ("case.referral_updated", {"section": "purpose", "fields": ["reason"]})]


def test_a_section_renaming_the_referral_to_a_taken_reference_is_refused_and_saves_nothing(db, referrer, draft):
    make_case(db, created_by=referrer["id"], reference="REF-2")
    outcome = referrals.save_section(db, draft, "reference", {"reference": "REF-2", "urgent": 1}, draft["version"],
                                     user=referrer)
    assert (outcome.done, outcome.field) == (False, "reference")
    case = case_data.get(db, draft["id"])
    assert (case["reference"], case["urgent"], case["sections_done"]) == ("REF-1", 0, [])
    assert case_events(db, draft["id"]) == []


def test_a_stale_section_save_is_a_conflict_with_what_is_saved_now(db, referrer, draft):
    referrals.save_section(db, draft, "purpose", {"reason": "Neglect"}, draft["version"], user=referrer)
    stale = referrals.save_section(db, draft, "purpose", {"reason": "Something else"}, draft["version"],
                                   user=referrer)
    assert stale.conflict and stale.current["reason"] == "Neglect", "what is saved now, to merge"
    assert case_data.get(db, draft["id"])["reason"] == "Neglect"
    assert len(case_events(db, draft["id"])) == 1


def test_a_child_is_added_then_changed_and_each_is_audited(db, referrer, draft):
    added = referrals.save_child(db, draft["id"], child(), user=referrer).value
    assert referrals.save_child(db, draft["id"], child("Bethan Mai Jones"), user=referrer, child_id=added).done
    assert [row["name"] for row in case_data.children(db, draft["id"])] == ["Bethan Mai Jones"]
    assert case_events(db, draft["id"]) == [("case.child_saved", {"child_id": added, "added": True}),
                                            ("case.child_saved", {"child_id": added, "added": False})]


def test_a_pr_holder_is_added_and_audited(db, referrer, draft):
    holder = referrals.add_pr_holder(db, draft["id"], name="Rhys Jones", relationship="Father", user=referrer).value
    assert [(row["id"], row["name"]) for row in case_data.pr_holders(db, draft["id"])] == [(holder, "Rhys Jones")]
    assert case_events(db, draft["id"]) == [("case.pr_holder_added", {"pr_holder_id": holder})]


REMOVALS = {"child": (referrals.remove_child, case_data.children, "case.child_removed", "child_id"),
            "pr_holder": (referrals.remove_pr_holder, case_data.pr_holders, "case.pr_holder_removed", "pr_holder_id")}


@pytest.mark.parametrize("kind", REMOVALS)
def test_removing_someone_is_audited_but_someone_on_another_case_is_left_alone(db, referrer, kind):
    remove, listed, action, key = REMOVALS[kind]
    case_id, other = (make_case(db, created_by=referrer["id"], reference=reference) for reference in ("REF-1", "REF-2"))
    [mine], [theirs] = listed(db, case_id), listed(db, other)
    assert remove(db, case_id, theirs["id"], user=referrer).value is False
    assert listed(db, other) == [theirs]
    assert remove(db, case_id, mine["id"], user=referrer).value is True
    assert listed(db, case_id) == []
    assert [(event, detail[key]) for event, detail in case_events(db, case_id)] == [(action, mine["id"])]


def test_a_child_with_a_record_is_removed_only_when_that_is_confirmed_and_takes_it_with_them(db, referrer):
    from fgc.data import network

    case_id = make_case(db, created_by=referrer["id"], reference="REF-3")
    [child] = case_data.children(db, case_id)
    with write(db):
        network.save(db, case_id, {"name": "Taid Jones", "side": "paternal", "roles": ["relative"]},
                     relationships={child["id"]: "Grandfather"})
    outcome = referrals.remove_child(db, case_id, child["id"], user=referrer)
    assert not outcome.done and "Confirm" in outcome.problem
    assert case_data.children(db, case_id) == [child] and case_events(db, case_id) == []
    assert referrals.remove_child(db, case_id, child["id"], user=referrer, confirmed=True).value is True
    assert case_data.children(db, case_id) == [] and network.for_case(db, case_id)[-1]["relationships"] == []
    assert case_events(db, case_id) == [("case.child_removed", {"child_id": child["id"], "relationships": 1,
                                                                "views": False, "scales": 0})]


@pytest.mark.parametrize("on", [None, datetime.date(2026, 1, 5)], ids=["today", "a day in the past"])
def test_a_submitted_referral_is_referred_on_the_day_it_was_sent_and_audited(db, referrer, draft, on):
    assert referrals.submit(db, draft["id"], user=referrer, on=on).done
    case = case_data.get(db, draft["id"])
    assert (case["stage"], case["referred_on"]) == ("referred", (on or deadlines.today()).isoformat())
    events = case_events(db, draft["id"])
    assert events[0] == ("case.referred", None)
    assert [(action, detail["kind"]) for action, detail in events[1:]] == [("message.queued", "referral_waiting")], \
        "the manager is told it is waiting for a coordinator"


def test_a_referral_sent_twice_is_refused_the_second_time(db, referrer, draft):
    referrals.submit(db, draft["id"], user=referrer)
    with pytest.raises(VersionConflict):
        referrals.submit(db, draft["id"], user=referrer)
    assert [row["to_stage"] for row in case_data.stage_history(db, draft["id"])] == ["referred"]
    assert [action for action, _ in case_events(db, draft["id"])] == ["case.referred", "message.queued"]
