"""Reminders the worker sends on its own: a family member who asked is reminded of their own task a few days before
it is due, once, and never after they stop them or are excluded; the coordinator is reminded of a plan's review."""

import datetime

import pytest
from factories import agree_plan, make_case, user_id

from fgc import worker
from fgc.data import audit as audit_data
from fgc.data import messages as message_data
from fgc.data import network, plans
from fgc.db import connect, write
from fgc.domain import reminders
from fgc.domain.deadlines import today


@pytest.fixture
def world(app):
    db = connect(app.config["DATABASE"])
    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="REM-1",
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled")
    nain = next(p for p in network.for_case(db, case_id) if p["name"] == "Nain Jones")
    with write(db):
        network.save(db, case_id, {"phone": "07700 900123", "language": "Cymraeg"}, person_id=nain["id"],
                     version=nain["version"])
        from fgc.data import cases as case_data
        case_data.move(db, case_id, to_stage="conference_held", user_id=1)
    plan = agree_plan(db, case_id, tasks=("Nain collects the children", "Dai phones"), owners={0: [nain["id"]]})
    due = (today() + datetime.timedelta(days=2)).isoformat()
    with write(db):
        db.execute("UPDATE plan_tasks SET by_date = ? WHERE plan_id = ?", [due, plan["id"]])
        db.execute("DELETE FROM jobs")  # the agreed version's PDF: not what these tests are about
    coordinator = {"id": user_id(db, "coordinator@example.org"), "email": "coordinator@example.org",
                   "name": "Test Coordinator"}
    yield app, db, case_id, nain["id"], coordinator, due
    db.close()


def look_for_reminders(app, db):
    with app.app_context():
        reminders.schedule(db)
    worker.run_due(app)


def reminders_sent(db, case_id, kind="task_reminder"):
    return [m for m in message_data.for_case(db, case_id)[0] if m["kind"] == kind]


def choose(app, db, case_id, person_id, coordinator, channel, asked="On the phone to me"):
    with app.test_request_context():
        return reminders.choose(db, case_id, person_id, channel=channel, asked=asked, user=coordinator)


def test_nobody_is_reminded_who_did_not_ask(world):
    app, db, case_id, nain, coordinator, due = world
    look_for_reminders(app, db)
    assert reminders_sent(db, case_id) == []


def test_someone_who_asked_is_reminded_once_of_their_own_task_in_their_language(world):
    app, db, case_id, nain, coordinator, due = world
    assert choose(app, db, case_id, nain, coordinator, "sms").done
    look_for_reminders(app, db)
    look_for_reminders(app, db)
    [sent] = reminders_sent(db, case_id)
    assert sent["person_id"] == nain and sent["channel"] == "sms" and sent["language"] == "cy"
    assert sent["personalisation"]["due_on"] == due and sent["status"] == "kept"
    assert "Dai phones" not in str(sent) and "Nain collects" not in str(sent), "never what the task is"
    chosen = message_data.choice(db, nain)
    assert chosen["asked"] == "On the phone to me" and chosen["recorded_by"] == coordinator["id"]
    assert "message.reminders_chosen" in [e["action"] for e in audit_data.for_record(db, "case", case_id)]


def test_a_due_date_that_moves_brings_a_new_reminder(world):
    app, db, case_id, nain, coordinator, due = world
    choose(app, db, case_id, nain, coordinator, "sms")
    look_for_reminders(app, db)
    with write(db):
        db.execute("UPDATE plan_tasks SET by_date = ?", [(today() + datetime.timedelta(days=3)).isoformat()])
    look_for_reminders(app, db)
    assert len(reminders_sent(db, case_id)) == 2


def test_a_task_due_later_or_done_brings_no_reminder(world):
    app, db, case_id, nain, coordinator, due = world
    choose(app, db, case_id, nain, coordinator, "sms")
    with write(db):
        db.execute("UPDATE plan_tasks SET by_date = ?", [(today() + datetime.timedelta(days=10)).isoformat()])
    look_for_reminders(app, db)
    with write(db):
        db.execute("UPDATE plan_tasks SET by_date = ?, status = 'done'", [due])
    look_for_reminders(app, db)
    assert reminders_sent(db, case_id) == []


def test_stopping_from_the_family_page_ends_them_at_once(world):
    app, db, case_id, nain, coordinator, due = world
    choose(app, db, case_id, nain, coordinator, "sms")
    from fgc.data import family_links as links
    from fgc.domain import family_visits
    with write(db):
        link_id, _token = links.create(db, case_id, nain, expires_at="2099-01-01T00:00:00+00:00", pin_hash=None,
                                       user_id=coordinator["id"], consent_withdrawn=False)
    link = links.get(db, case_id, link_id)
    with app.test_request_context():
        assert reminders.stop_from_family(db, link, family_visits.actor(link)).value is True
    look_for_reminders(app, db)
    assert reminders_sent(db, case_id) == []
    assert message_data.choice(db, nain)["source"] == "family"


def test_someone_excluded_is_never_reminded(world):
    app, db, case_id, nain, coordinator, due = world
    choose(app, db, case_id, nain, coordinator, "sms")
    with write(db):
        network.exclude(db, case_id, nain, reason="Risk", approved_by="Manager", on="2026-12-01", user_id=1)
    look_for_reminders(app, db)
    assert reminders_sent(db, case_id) == []


def test_reminders_cannot_be_chosen_without_an_address_to_send_them_to(world):
    app, db, case_id, nain, coordinator, due = world
    outcome = choose(app, db, case_id, nain, coordinator, "email")
    assert not outcome.done and "no email address" in outcome.problem


def test_the_coordinator_is_reminded_of_a_review_once(world):
    app, db, case_id, nain, coordinator, due = world
    with write(db):
        db.execute("UPDATE plans SET review_on = ?", [(today() + datetime.timedelta(days=5)).isoformat()])
    look_for_reminders(app, db)
    look_for_reminders(app, db)
    [sent] = reminders_sent(db, case_id, "review_reminder")
    assert sent["user_id"] == coordinator["id"] and sent["address"] == "coordinator@example.org"
    assert sent["personalisation"]["reference"] == "REM-1"
    assert plans.get(db, case_id)["review_on"] == sent["personalisation"]["review_on"]
