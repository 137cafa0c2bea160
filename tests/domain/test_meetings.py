"""Conferences and reviews through their actions: scheduling, changing, cancelling and holding one moves the case
with it and is audited, and a stale page gets a conflict (or a refused move) with nothing half-saved."""

import datetime

import pytest
from factories import case_actions, case_events, make_case, user_id

from fgc.data import cases as case_data
from fgc.data import meetings as meeting_data
from fgc.data import users as user_data
from fgc.data.cases import VersionConflict
from fgc.domain import meetings


@pytest.fixture
def coordinator(db):
    return user_data.get_by_email(db, "coordinator@example.org")


def case_at(db, stage):
    """A case waiting at ``stage`` with no meetings yet."""
    return case_data.get(db, make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="MEET-1",
                                       coordinator_id=user_id(db, "coordinator@example.org"), stage=stage,
                                       extras=False))


def details(days=14, venue="Family centre"):
    start = datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC) + datetime.timedelta(days=days)
    return {"starts_at": start.isoformat(), "ends_at": (start + datetime.timedelta(hours=2)).isoformat(),
            "venue": venue, "address": "1 High Street", "access_notes": "", "interpreter_language": "Welsh",
            "remote_details": ""}


def scheduled(db, stage, kind, user):
    """A case at ``stage`` with a ``kind`` of meeting just scheduled through the action: (case now, meeting)."""
    case = case_at(db, stage)
    meeting_id = meetings.schedule(db, case, kind, details(), uid_domain="test.invalid", user=user).value
    return case_data.get(db, case["id"]), meeting_data.get(db, case["id"], meeting_id)


@pytest.mark.parametrize("stage, kind, moved_to", [("preparing", "conference", "conference_scheduled"),
                                                   ("plan_agreed", "review", "review_scheduled")])
def test_scheduling_a_meeting_moves_the_case_on_and_is_audited(db, coordinator, stage, kind, moved_to):
    case, meeting = scheduled(db, stage, kind, coordinator)
    assert (meeting["kind"], meeting["status"], meeting["venue"]) == (kind, "scheduled", "Family centre")
    assert meeting["uid"].endswith("@test.invalid")
    assert case["stage"] == moved_to
    assert case_events(db, case["id"]) == [("case.meeting_scheduled", {"meeting_id": meeting["id"], "kind": kind})]


def test_scheduling_from_a_stale_page_is_refused_and_leaves_no_meeting(db, coordinator):
    case = case_at(db, "preparing")
    meetings.schedule(db, case, "conference", details(), uid_domain="test.invalid", user=coordinator)
    with pytest.raises(VersionConflict):
        meetings.schedule(db, case, "conference", details(days=21), uid_domain="test.invalid", user=coordinator)
    assert len(meeting_data.for_case(db, case["id"])) == 1
    assert len(case_events(db, case["id"])) == 1


def test_a_changed_meeting_keeps_its_uid_raises_its_sequence_and_keeps_what_it_replaced(db, coordinator):
    case, meeting = scheduled(db, "preparing", "conference", coordinator)
    outcome = meetings.change(db, case["id"], meeting, meeting["version"], details(days=21, venue="School hall"),
                              reason="Nain is away", user=coordinator)
    assert outcome.done
    now = meeting_data.get(db, case["id"], meeting["id"])
    assert (now["venue"], now["uid"], now["sequence"], now["status"]) == ("School hall", meeting["uid"], 1,
                                                                         "scheduled")
    [earlier] = meeting_data.history(db, meeting["id"])
    assert (earlier["change"], earlier["reason"], earlier["starts_at"]) == ("rescheduled", "Nain is away",
                                                                           meeting["starts_at"])
    assert case_events(db, case["id"])[-1] == ("case.meeting_rescheduled",
                                               {"meeting_id": meeting["id"], "kind": "conference"})


def test_a_stale_meeting_change_is_a_conflict_with_what_is_saved_now(db, coordinator):
    case, meeting = scheduled(db, "preparing", "conference", coordinator)
    meetings.change(db, case["id"], meeting, meeting["version"], details(venue="School hall"), reason="Bigger room",
                    user=coordinator)
    stale = meetings.change(db, case["id"], meeting, meeting["version"], details(venue="Library"),
                            reason="Quieter", user=coordinator)
    assert stale.conflict and stale.current["venue"] == "School hall", "what is saved now, to merge"
    assert meeting_data.get(db, case["id"], meeting["id"])["venue"] == "School hall"
    assert len(meeting_data.history(db, meeting["id"])) == 1
    assert case_actions(db, case["id"]) == ["case.meeting_scheduled",
                                                                           "case.meeting_rescheduled"]


@pytest.mark.parametrize("stage, kind, back_to, note", [
    ("preparing", "conference", "preparing", "Conference cancelled"),
    ("plan_agreed", "review", "plan_agreed", "Review cancelled")])
def test_cancelling_the_meeting_a_case_waits_for_takes_the_case_back_a_stage(db, coordinator, stage, kind, back_to,
                                                                            note):
    case, meeting = scheduled(db, stage, kind, coordinator)
    assert meetings.cancel(db, case, meeting, meeting["version"], reason="Family unwell", user=coordinator).done
    now = meeting_data.get(db, case["id"], meeting["id"])
    assert (now["status"], now["sequence"]) == ("cancelled", 1)
    assert [row["reason"] for row in meeting_data.history(db, meeting["id"])] == ["Family unwell"]
    assert case_data.get(db, case["id"])["stage"] == back_to
    assert case_data.stage_history(db, case["id"])[-1]["note"] == note
    assert case_events(db, case["id"])[-1] == ("case.meeting_cancelled", {"meeting_id": meeting["id"], "kind": kind})


@pytest.mark.parametrize("first", ["change", "cancel"])
def test_cancelling_a_meeting_changed_or_cancelled_since_is_a_conflict_and_the_case_stays(db, coordinator, first):
    case, meeting = scheduled(db, "preparing", "conference", coordinator)
    if first == "change":
        meetings.change(db, case["id"], meeting, meeting["version"], details(venue="School hall"), reason="Room",
                        user=coordinator)
    else:
        meetings.cancel(db, case, meeting, meeting["version"], reason="Family unwell", user=coordinator)
        case = case_data.get(db, case["id"])
    stale = meetings.cancel(db, case, meeting, meeting["version"], reason="Again", user=coordinator)
    assert stale.conflict and stale.current["version"] == meeting["version"] + 1
    assert case_data.get(db, case["id"])["stage"] == case["stage"]
    assert "Again" not in [row["reason"] for row in meeting_data.history(db, meeting["id"])]
    assert len(case_events(db, case["id"])) == 2


@pytest.mark.parametrize("stage, kind, held_stage", [("preparing", "conference", "conference_held"),
                                                     ("plan_agreed", "review", "review_held")])
def test_a_meeting_marked_held_records_the_day_and_moves_the_case_on(db, coordinator, stage, kind, held_stage):
    case, meeting = scheduled(db, stage, kind, coordinator)
    assert meetings.mark_held(db, case, meeting, "2026-03-16", user=coordinator).done
    now = meeting_data.get(db, case["id"], meeting["id"])
    assert (now["status"], now["held_on"]) == ("held", "2026-03-16")
    assert case_data.get(db, case["id"])["stage"] == held_stage
    assert case_events(db, case["id"])[-1] == ("case.meeting_held", {"meeting_id": meeting["id"], "kind": kind})


def test_marking_held_from_a_stale_page_is_refused_and_the_meeting_stays_scheduled(db, coordinator):
    case, meeting = scheduled(db, "preparing", "conference", coordinator)
    meetings.cancel(db, case, meeting, meeting["version"], reason="Family unwell", user=coordinator)
    with pytest.raises(VersionConflict):
        meetings.mark_held(db, case, meeting, "2026-03-16", user=coordinator)
    now = meeting_data.get(db, case["id"], meeting["id"])
    assert (now["status"], now["held_on"]) == ("cancelled", None)
    assert case_data.get(db, case["id"])["stage"] == "preparing"
