"""Running a referred case through its actions: the offer, consent and its withdrawal, allocation, the baseline
meeting and stage moves each land with their audit event, or come back as a conflict with nothing half-saved."""

import datetime
from unittest.mock import ANY

import pytest
from factories import add_user, case_actions, case_events, make_case, user_id

from fgc.data import baselines, consents, offers
from fgc.data import cases as case_data
from fgc.data import meetings as meeting_data
from fgc.data import users as user_data
from fgc.data.cases import VersionConflict
from fgc.domain import casework, deadlines


@pytest.fixture
def manager(db):
    return user_data.get_by_email(db, "manager@example.org")


def new_case(db, reference, coordinator="coordinator@example.org", **values):
    """A submitted case: allocated to ``coordinator`` (None: just referred), or moved on to ``stage``."""
    return case_data.get(db, make_case(db, created_by=user_id(db, "social_worker@example.org"), reference=reference,
                                       coordinator_id=coordinator and user_id(db, coordinator), **values))


@pytest.fixture
def case(db):
    return new_case(db, "CASE-1")


def offer(response="accepted", exception_reason=""):
    return {"offered_on": "2026-02-02", "in_letter_before_proceedings": 1, "letter_date": "2026-02-01",
            "response": response, "response_on": "2026-02-09", "exception_reason": exception_reason,
            "exception_decided_by": "A Manager" if exception_reason else "", "exception_decided_on": None}


@pytest.mark.parametrize("values, offer_made", [(offer(), True), (offer(None, "Risk of harm if delayed"), False)])
def test_an_offer_record_is_saved_and_audited_with_whether_an_offer_was_made(db, case, manager, values, offer_made):
    assert casework.record_offer(db, case["id"], values, None, user=manager).done
    saved = offers.get(db, case["id"])
    assert (saved["response"], saved["exception_reason"]) == (values["response"], values["exception_reason"])
    assert case_events(db, case["id"]) == [("case.offer_recorded",
                                            {"offer_made": offer_made, "response": values["response"]})]


@pytest.mark.parametrize("stale_version", [None, 1], ids=["second first-save", "old version"])
def test_a_stale_offer_save_is_a_conflict_with_what_is_saved_now(db, case, manager, stale_version):
    casework.record_offer(db, case["id"], offer("accepted"), None, user=manager)
    assert casework.record_offer(db, case["id"], offer("declined"), 1, user=manager).done
    stale = casework.record_offer(db, case["id"], offer("withdrawn"), stale_version, user=manager)
    assert stale.conflict and stale.current["response"] == "declined", "what is saved now, to merge"
    assert offers.get(db, case["id"])["response"] == "declined"
    assert case_actions(db, case["id"]) == ["case.offer_recorded"] * 2


def test_a_recorded_consent_is_kept_and_audited_with_its_basis(db, case, manager):
    outcome = casework.record_consent(db, case["id"], given_by="Bethan (15)", basis="gillick", given_on="2026-02-03",
                                      may_share="School reports", share_with="Nain", user=manager)
    consent = consents.get(db, case["id"], outcome.value)
    assert (consent["given_by"], consent["basis"], consent["recorded_by"]) == ("Bethan (15)", "gillick", manager["id"])
    assert case_events(db, case["id"]) == [("case.consent_recorded", {"consent_id": outcome.value, "basis": "gillick"})]


def test_withdrawing_the_last_consent_pauses_the_case_as_withdrawn_to_resume_where_it_was(db, case, manager):
    [consent] = consents.for_case(db, case["id"])
    outcome = casework.withdraw_consent(db, case, consent["id"], withdrawn_by="Parent Person",
                                        withdrawn_on="2026-02-10", user=manager)
    assert (outcome.done, outcome.value) == (True, True)
    now = case_data.get(db, case["id"])
    assert (now["stage"], now["resume_stage"]) == ("withdrawn", "allocated")
    assert case_data.stage_history(db, case["id"])[-1]["note"] == "Consent withdrawn"
    assert consents.get(db, case["id"], consent["id"])["withdrawn_on"] == "2026-02-10"
    assert case_events(db, case["id"]) == [("case.consent_withdrawn",
                                            {"consent_id": consent["id"], "case_paused": True})]


@pytest.mark.parametrize("stage, second_consent", [("allocated", True), ("on_hold", False)],
                         ids=["another consent still stands", "case already paused"])
def test_a_withdrawal_that_leaves_work_possible_or_already_stopped_does_not_move_the_case(db, manager, stage,
                                                                                         second_consent):
    case = new_case(db, "CASE-2", stage=stage)
    [consent] = consents.for_case(db, case["id"])
    if second_consent:
        casework.record_consent(db, case["id"], given_by="Father", basis="parental_responsibility",
                                given_on="2026-02-03", may_share="", share_with="", user=manager)
    outcome = casework.withdraw_consent(db, case, consent["id"], withdrawn_by="Parent Person",
                                        withdrawn_on="2026-02-10", user=manager)
    assert (outcome.done, outcome.value) == (True, False)
    assert case_data.get(db, case["id"])["stage"] == stage
    assert case_events(db, case["id"])[-1] == ("case.consent_withdrawn",
                                               {"consent_id": consent["id"], "case_paused": False})


@pytest.mark.parametrize("stage, reallocated", [("referred", False), ("allocated", True)],
                         ids=["first allocation", "reallocation"])
def test_allocation_moves_a_new_referral_on_and_reallocation_only_changes_the_coordinator(db, manager, stage,
                                                                                        reallocated):
    case = new_case(db, "CASE-2", coordinator=None if stage == "referred" else "coordinator@example.org")
    other = add_user(db, "second_coordinator@example.org", "coordinator")
    assert casework.allocate(db, case, other, user=manager).done
    now = case_data.get(db, case["id"])
    assert (now["stage"], now["coordinator_id"]) == ("allocated", other)
    if not reallocated:
        assert now["allocated_on"] == deadlines.today().isoformat()
    assert case_events(db, case["id"]) == [("case.allocated", {"coordinator_id": other, "reallocated": reallocated})]


def test_an_allocation_recorded_for_a_past_day_keeps_that_day(db, manager):
    case = new_case(db, "CASE-3", coordinator=None)
    coordinator = user_id(db, "coordinator@example.org")
    assert casework.allocate(db, case, coordinator, user=manager, on=datetime.date(2026, 1, 6)).done
    assert case_data.get(db, case["id"])["allocated_on"] == "2026-01-06"


@pytest.mark.parametrize("stage", ["referred", "allocated"], ids=["first allocation", "reallocation"])
def test_an_allocation_from_a_stale_page_is_refused_and_changes_nothing(db, manager, stage):
    case = new_case(db, "CASE-2", coordinator=None if stage == "referred" else "coordinator@example.org")
    first = add_user(db, "first_coordinator@example.org", "coordinator")
    second = add_user(db, "second_coordinator@example.org", "coordinator")
    casework.allocate(db, case, first, user=manager)
    with pytest.raises(VersionConflict):
        casework.allocate(db, case, second, user=manager)
    assert case_data.get(db, case["id"])["coordinator_id"] == first
    assert len(case_events(db, case["id"])) == 1


def test_the_first_baseline_record_moves_the_case_on_and_later_edits_do_not(db, manager):
    case = new_case(db, "CASE-2", extras=False)
    assert casework.record_baseline(db, case, None, held_on="2026-02-05", attendees="Coordinator, referrer",
                                    objective="Keep the children safe at home", user=manager).done
    assert case_data.get(db, case["id"])["stage"] == "baseline_held"
    case = case_data.get(db, case["id"])
    assert casework.record_baseline(db, case, 1, held_on="2026-02-06", attendees="Coordinator, referrer",
                                    objective="Keep the children at home", user=manager).done
    saved = baselines.get(db, case["id"])
    assert (saved["held_on"], saved["objective"], saved["version"]) == ("2026-02-06", "Keep the children at home", 2)
    assert case_data.get(db, case["id"])["stage"] == "baseline_held"
    assert case_events(db, case["id"]) == [("case.baseline_recorded", {"first": True}),
                                           ("case.baseline_recorded", {"first": False})]


@pytest.mark.parametrize("stale_version", [None, 1], ids=["second first-save", "old version"])
def test_a_stale_baseline_save_is_a_conflict_with_what_is_saved_now(db, case, manager, stale_version):
    assert casework.record_baseline(db, case, 1, held_on="2026-03-01", attendees="A, B", objective="Safety at home",
                                    user=manager).done
    stale = casework.record_baseline(db, case, stale_version, held_on="2026-03-02", attendees="",
                                     objective="Something else", user=manager)
    assert stale.conflict and stale.current["objective"] == "Safety at home", "what is saved now, to merge"
    assert baselines.get(db, case["id"])["objective"] == "Safety at home"
    assert case_data.get(db, case["id"])["stage"] == "allocated"
    assert case_events(db, case["id"]) == [("case.baseline_recorded", {"first": False})]


@pytest.mark.parametrize("kind", ["question", "bottom_line", "resource"])
def test_a_baseline_item_is_added_under_its_kind_and_audited(db, case, manager, kind):
    outcome = casework.add_baseline_item(db, case["id"], kind, "Nain can help after school", user=manager)
    assert [item["text"] for item in baselines.items(db, case["id"])[kind] if item["id"] == outcome.value] == \
        ["Nain can help after school"]
    assert case_events(db, case["id"]) == [("case.baseline_item_added", {"kind": kind, "item_id": outcome.value})]


def test_removing_a_baseline_item_is_audited_but_one_on_another_case_is_left_alone(db, case, manager):
    [question] = baselines.items(db, case["id"])["question"]
    other = new_case(db, "CASE-2")
    [elsewhere] = baselines.items(db, other["id"])["question"]
    assert casework.remove_baseline_item(db, case["id"], elsewhere["id"], user=manager).value is False
    assert baselines.items(db, other["id"])["question"] == [elsewhere]
    assert casework.remove_baseline_item(db, case["id"], question["id"], user=manager).value is True
    assert baselines.items(db, case["id"])["question"] == []
    assert case_events(db, case["id"]) == [("case.baseline_item_removed", {"item_id": question["id"]})]


@pytest.mark.parametrize("stage, cancelled, reason, resume_stage", [
    ("on_hold", 0, None, "conference_scheduled"), ("declined_by_family", 1, "Case declined by family", ANY),
    ("closed", 1, "Case closed", None)])
def test_closing_or_a_family_declining_cancels_scheduled_meetings_and_a_pause_keeps_them(db, manager, stage,
                                                                                        cancelled, reason,
                                                                                        resume_stage):
    case = new_case(db, "CASE-2", stage="conference_scheduled")
    if stage == "closed":
        casework.move(db, case, "on_hold", user=manager)
        case = case_data.get(db, case["id"])
    outcome = casework.move(db, case, stage, user=manager, note="Family asked")
    assert (outcome.done, outcome.value) == (True, cancelled)
    now = case_data.get(db, case["id"])
    assert (now["stage"], now["resume_stage"]) == (stage, resume_stage)
    [conference] = meeting_data.for_case(db, case["id"])
    assert conference["status"] == ("cancelled" if cancelled else "scheduled")
    assert [change["reason"] for change in meeting_data.history(db, conference["id"])] == ([reason] if reason else [])
    assert case_events(db, case["id"])[-1] == ("case.stage_changed", {"from": case["stage"], "to": stage,
                                                                      "meetings_cancelled": cancelled})


def test_a_move_from_a_stale_page_is_refused_and_cancels_nothing(db, manager):
    case = new_case(db, "CASE-2", stage="conference_scheduled")
    casework.move(db, case, "on_hold", user=manager)
    with pytest.raises(VersionConflict):
        casework.move(db, case, "declined_by_family", user=manager)
    assert case_data.get(db, case["id"])["stage"] == "on_hold"
    assert [meeting["status"] for meeting in meeting_data.for_case(db, case["id"])] == ["scheduled"]
    assert case_actions(db, case["id"]) == ["case.stage_changed"]
