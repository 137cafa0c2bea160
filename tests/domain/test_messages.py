"""Messages from queue to gateway: queued with the action that causes them and the address on record then, sent by
the worker through GOV.UK Notify or the mail relay (or kept, with neither), never twice and never lost, and never
to anyone excluded or on a case whose consent is withdrawn."""

import datetime

import pytest
from factories import make_case, user_id
from messaging import staffed

from fgc import worker
from fgc.data import audit as audit_data
from fgc.data import consents, network, now
from fgc.data import messages as message_data
from fgc.db import connect, write
from fgc.domain import casework, family_links, messages
from fgc.domain.messages import LONDON

LINK = "https://fgc.example.gov.uk/f/abcdefghijklmnopqrstuvwxyz123456"


@pytest.fixture
def world(app):
    return setting(app)


def setting(app):
    """A case with Nain Jones (a mobile and an email on record) and a coordinator, on ``app``'s database."""
    db = connect(app.config["DATABASE"])
    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="MSG-1",
                        coordinator_id=user_id(db, "coordinator@example.org"))
    nain = next(p for p in network.for_case(db, case_id) if p["name"] == "Nain Jones")
    with write(db):
        network.save(db, case_id, {"phone": "07700 900123", "email": "nain@example.org", "language": "Welsh"},
                     person_id=nain["id"], version=nain["version"])
    coordinator = {"id": user_id(db, "coordinator@example.org"), "email": "coordinator@example.org",
                   "name": "Test Coordinator"}
    return app, db, case_id, network.get(db, case_id, nain["id"]), coordinator


def send_link(app, db, case_id, person, coordinator, channel="sms", language="cy"):
    with app.test_request_context():
        return messages.queue(db, kind="family_link", channel=channel, case_id=case_id, language=language,
                              recipient=messages.to_person(db, case_id, person["id"], channel),
                              values={"expires_on": "2027-03-01", "has_pin": True}, secret={"link": LINK},
                              user=coordinator)


def run(app):
    return worker.run_due(app)


def actions(db, case_id):
    return [row["action"] for row in audit_data.for_record(db, "case", case_id) if row["action"].startswith("message.")]


# Kept, with nothing set up

def test_with_no_gateway_a_message_is_kept_here_and_its_secret_is_not(world):
    app, db, case_id, nain, coordinator = world
    message_id = send_link(app, db, case_id, nain, coordinator)
    assert message_data.get(db, message_id)["status"] == "queued"
    assert message_data.get(db, message_id)["secret"] == {"link": LINK}
    [job] = run(app)
    assert job["state"] == "done"
    kept = message_data.get(db, message_id)
    assert kept["status"] == "kept" and kept["secret"] is None, "the link's address is not kept once it has gone"
    with app.test_request_context():
        subject, body = messages.shown(kept)
    assert LINK not in body and "••••••" in body
    assert "Mae eich cynllun teulu" in body or "cynllun" in body.lower(), "in Welsh, as asked"
    assert actions(db, case_id) == ["message.queued", "message.kept"]


def test_the_address_is_the_one_on_record_when_it_was_queued(world):
    app, db, case_id, nain, coordinator = world
    message_id = send_link(app, db, case_id, nain, coordinator)
    with write(db):
        network.save(db, case_id, {"phone": "07700 900999"}, person_id=nain["id"], version=nain["version"])
    run(app)
    assert message_data.get(db, message_id)["address"] == "07700900123"


# Through GOV.UK Notify

def test_a_text_message_goes_through_notify_once_and_is_followed_to_delivered(notify, notify_app):
    app, db, case_id, nain, coordinator = setting(notify_app)
    message_id = send_link(app, db, case_id, nain, coordinator)
    run(app)
    [sent] = notify.sent("sms")
    assert sent["phone_number"] == "07700900123" and sent["personalisation"]["link"] == LINK
    assert sent["personalisation"]["has_pin"] == "yes" and sent["language"] == "cy"
    message = message_data.get(db, message_id)
    assert message["status"] == "sent" and message["gateway_id"] == sent["id"] and message["secret"] is None
    notify.deliver(sent["id"])
    with write(db):  # the status check is due a minute after sending: bring it forward
        db.execute("UPDATE jobs SET run_after = ? WHERE kind = 'message.status'", [now().isoformat()])
    run(app)
    assert message_data.get(db, message_id)["status"] == "delivered"
    assert len(notify.sent()) == 1
    assert actions(db, case_id) == ["message.queued", "message.sent", "message.delivered"]


def due_now(db):
    with write(db):
        db.execute("UPDATE jobs SET run_after = ? WHERE state = 'queued'", [now().isoformat()])


@pytest.mark.parametrize("failure", [(500, "Exception", "Internal server error"), (429, "RateLimitError", "slow"),
                                     (503, "Exception", "down")])
def test_a_gateway_failure_is_tried_again_and_sent_once(notify, notify_app, failure):
    app, db, case_id, nain, coordinator = setting(notify_app)
    notify.failures.extend([failure, failure])
    message_id = send_link(app, db, case_id, nain, coordinator)
    run(app)
    waiting = message_data.get(db, message_id)
    assert waiting["status"] == "queued" and str(failure[0]) in waiting["status_reason"]
    due_now(db)
    run(app)
    due_now(db)
    run(app)
    assert message_data.get(db, message_id)["status"] == "sent"
    assert len(notify.sent()) == 1
    assert actions(db, case_id) == ["message.queued", "message.retrying", "message.retrying", "message.sent"]


def test_a_send_whose_answer_never_came_is_not_sent_again(notify, notify_app):
    """Notify took it, but the answer timed out: the next try finds it by its reference instead of sending."""
    app, db, case_id, nain, coordinator = setting(notify_app)
    notify.take_then_hang.append(4)
    message_id = send_link(app, db, case_id, nain, coordinator)
    run(app)
    assert message_data.get(db, message_id)["status"] == "queued"
    due_now(db)
    run(app)
    [sent] = notify.sent()
    message = message_data.get(db, message_id)
    assert message["status"] == "sent" and message["gateway_id"] == sent["id"]


def test_a_gateway_that_never_recovers_leaves_the_message_failed_with_why(notify, notify_app):
    app, db, case_id, nain, coordinator = setting(notify_app)
    notify.failures.extend([(500, "Exception", "Internal server error")] * 10)
    message_id = send_link(app, db, case_id, nain, coordinator)
    for _ in range(len(messages.SEND_BACKOFF) + 1):
        run(app)
        due_now(db)
    failed = message_data.get(db, message_id)
    assert failed["status"] == "failed" and "500" in failed["status_reason"] and failed["secret"] is None
    assert notify.sent() == []
    assert actions(db, case_id)[-1] == "message.failed"


def test_a_message_notify_refuses_fails_at_once_with_why(notify, notify_app):
    app, db, case_id, nain, coordinator = setting(notify_app)
    notify.failures.append((400, "ValidationError", "phone_number Not a UK mobile number"))
    message_id = send_link(app, db, case_id, nain, coordinator)
    run(app)
    failed = message_data.get(db, message_id)
    assert failed["status"] == "failed" and "Not a UK mobile number" in failed["status_reason"]


def test_notify_saying_it_could_not_deliver_is_shown_as_failed(notify, notify_app):
    app, db, case_id, nain, coordinator = setting(notify_app)
    message_id = send_link(app, db, case_id, nain, coordinator)
    run(app)
    notify.deliver(notify.sent()[0]["id"], "permanent-failure")
    due_now(db)
    run(app)
    failed = message_data.get(db, message_id)
    assert failed["status"] == "failed" and "does not exist" in failed["status_reason"]


# Through the mail relay

def test_an_email_goes_through_the_relay_and_its_link_opens_the_plan(relay, smtp_app):
    app, db, case_id, nain, coordinator = setting(smtp_app)
    message_id = send_link(app, db, case_id, nain, coordinator, channel="email", language="en")
    run(app)
    [email] = relay.messages
    assert email["To"] == "nain@example.org"
    body = email.get_body(("plain",)).get_content()
    assert LINK in body and "Your family plan from" in body
    assert "Test Child" not in body and "MSG-1" not in body, "the message names no child and no case"
    assert "PIN" in body and not any(ch.isdigit() for ch in body.split("PIN")[1].split(".")[0])
    message = message_data.get(db, message_id)
    assert message["status"] == "sent" and message["gateway"] == "smtp"


def test_with_only_a_relay_text_messages_cannot_be_queued(relay, smtp_app):
    app, db, case_id, nain, coordinator = setting(smtp_app)
    with app.app_context():
        assert messages.channels() == ("email",)
    with pytest.raises(messages.NotQueued, match="Text messages cannot be sent"):
        send_link(app, db, case_id, nain, coordinator, channel="sms")


# Who may be sent anything

def test_nobody_excluded_can_be_queued_a_message(world):
    app, db, case_id, nain, coordinator = world
    with write(db):
        network.exclude(db, case_id, nain["id"], reason="Risk", approved_by="Manager", on="2026-12-01", user_id=1)
    with pytest.raises(messages.NotQueued, match="excluded"):
        send_link(app, db, case_id, nain, coordinator)
    assert message_data.for_case(db, case_id) == ([], 0)


def test_the_schema_refuses_a_message_to_someone_excluded_whatever_path_the_write_takes(world):
    import sqlite3
    app, db, case_id, nain, coordinator = world
    with write(db):
        network.exclude(db, case_id, nain["id"], reason="Risk", approved_by="Manager", on="2026-12-01", user_id=1)
    with pytest.raises(sqlite3.IntegrityError, match="excluded"):
        with write(db):
            message_data.add(db, case_id=case_id, kind="family_link", audience="family", channel="sms",
                             address="07700900123", language="en", personalisation={}, secret=None, calendar=None,
                             reference="fgc-x", dedupe=None, send_after=now(), queued_by=None, at=now(),
                             person_id=nain["id"])


def test_excluding_someone_stops_what_was_waiting_for_them(world):
    app, db, case_id, nain, coordinator = world
    message_id = send_link(app, db, case_id, nain, coordinator)
    with write(db):
        network.exclude(db, case_id, nain["id"], reason="Risk", approved_by="Manager", on="2026-12-01", user_id=1)
    run(app)
    cancelled = message_data.get(db, message_id)
    assert cancelled["status"] == "cancelled" and cancelled["secret"] is None


def test_withdrawing_consent_stops_what_was_waiting_and_refuses_more(world):
    app, db, case_id, nain, coordinator = world
    message_id = send_link(app, db, case_id, nain, coordinator)
    [consent] = consents.for_case(db, case_id)
    with app.test_request_context():
        from fgc.data import cases as case_data
        casework.withdraw_consent(db, case_data.get(db, case_id), consent["id"], withdrawn_by="Parent Person",
                                  withdrawn_on="2026-12-04", user=coordinator)
    run(app)
    assert message_data.get(db, message_id)["status"] == "cancelled"
    with pytest.raises(messages.NotQueued, match="Consent has been withdrawn"):
        send_link(app, db, case_id, nain, coordinator)


def test_consent_withdrawn_between_queueing_and_sending_stops_the_message(world):
    """Whatever path the withdrawal took: the worker checks again just before it sends."""
    app, db, case_id, nain, coordinator = world
    message_id = send_link(app, db, case_id, nain, coordinator)
    [consent] = consents.for_case(db, case_id)
    with write(db):
        consents.withdraw(db, case_id, consent["id"], withdrawn_by="Parent Person", withdrawn_on="2026-12-04")
    run(app)
    assert message_data.get(db, message_id)["status"] == "cancelled"


@pytest.mark.parametrize(("phone", "email", "channel", "words"), [
    ("", "", "sms", "no mobile number"), ("01234 567890", "", "sms", "not a mobile number"),
    ("", "", "email", "no email address"), ("", "nain at example", "email", "not one that can be used")])
def test_a_missing_or_unusable_address_is_said_plainly(world, phone, email, channel, words):
    app, db, case_id, nain, coordinator = world
    with write(db):
        network.save(db, case_id, {"phone": phone, "email": email}, person_id=nain["id"], version=nain["version"])
    with pytest.raises(messages.NotQueued, match=words):
        send_link(app, db, case_id, nain, coordinator, channel=channel)


# Quiet hours

@pytest.mark.parametrize(("local", "expected"), [
    ("2026-12-04 20:59", None), ("2026-12-04 21:00", "2026-12-05 08:00"), ("2026-12-05 03:10", "2026-12-05 08:00"),
    ("2026-12-05 08:00", None), ("2026-07-01 22:30", "2026-07-02 08:00")])
def test_quiet_hours_are_uk_time_through_the_year(app, local, expected):
    at = datetime.datetime.strptime(local, "%Y-%m-%d %H:%M").replace(tzinfo=LONDON)
    with app.app_context():
        found = messages.quiet_until(at, "family", hours=(21, 8))
        assert messages.quiet_until(at, "staff", hours=(21, 8)) is None, "staff are not kept waiting"
    assert (found.strftime("%Y-%m-%d %H:%M") if found else None) == expected
    if found:
        assert found.tzinfo is not None


def test_a_message_queued_in_quiet_hours_waits_for_the_morning(tmp_path):
    hour = datetime.datetime.now(LONDON).hour
    app, db, case_id, nain, coordinator = setting(staffed(tmp_path, MESSAGE_QUIET_HOURS=(hour, (hour + 2) % 24)))
    message_id = send_link(app, db, case_id, nain, coordinator)
    assert run(app) == [], "nothing is due until the quiet hours end"
    waiting = message_data.get(db, message_id)
    assert waiting["status"] == "queued" and waiting["send_after"] > waiting["queued_at"]


# Through the coordinator's action

def test_the_family_link_action_queues_the_link_without_its_pin(world):
    app, db, case_id, nain, coordinator = world
    from fgc.data import family_links as links
    with write(db):
        link_id, token = links.create(db, case_id, nain["id"], expires_at=(now() + datetime.timedelta(days=9)).isoformat(),
                                      pin_hash="x", user_id=coordinator["id"], consent_withdrawn=False)
    with app.test_request_context():
        outcome = family_links.send(db, case_id, links.get(db, case_id, link_id), url=LINK,
                                    expires_on=datetime.date(2027, 3, 1), channel="sms", language="en",
                                    user=coordinator)
    assert outcome.done
    message = message_data.get(db, outcome.value)
    assert message["secret"] == {"link": LINK}
    assert "pin" not in str(message["personalisation"]).lower().replace("has_pin", "")
