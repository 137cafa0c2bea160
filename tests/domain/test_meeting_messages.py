"""Telling people about a meeting: everyone invited (never anyone excluded) and professionals with an email get an
invitation, then a change with the same calendar UID and a higher SEQUENCE, then a cancellation; each version
once; emails carry the .ics; the family's copy names no case."""

import datetime

import pytest
from factories import make_case, user_id
from icalendar import Calendar

from fgc import worker
from fgc.data import cases as case_data
from fgc.data import meetings as meeting_data
from fgc.data import messages as message_data
from fgc.data import network, professionals
from fgc.db import connect, write
from fgc.domain import meeting_messages, meetings


@pytest.fixture
def world(both_app):
    app = both_app
    db = connect(app.config["DATABASE"])
    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="MEET-1",
                        coordinator_id=user_id(db, "coordinator@example.org"), child_name="Secret Child")
    nain = next(p for p in network.for_case(db, case_id) if p["name"] == "Nain Jones")
    with write(db):
        network.save(db, case_id, {"email": "nain@example.org"}, person_id=nain["id"], version=nain["version"])
        network.set_invitation(db, case_id, nain["id"], "invited", "2026-12-01")
        dai = network.save(db, case_id, {"name": "Dai Jones", "phone": "07700 900456"})
        network.set_invitation(db, case_id, dai, "confirmed", "2026-12-01")
        kev = network.save(db, case_id, {"name": "Kevin Risk", "email": "kev@example.org"})
        network.exclude(db, case_id, kev, reason="Risk", approved_by="Manager", on="2026-12-01", user_id=1)
        network.save(db, case_id, {"name": "Not Invited", "email": "not@example.org"})
        [professional] = professionals.for_case(db, case_id)
        professionals.save(db, case_id, {"contact": "Call 01234 567890 or email pat.hughes@health.example.org"},
                           professional_id=professional["id"], version=professional["version"])
    coordinator = {"id": user_id(db, "coordinator@example.org"), "email": "coordinator@example.org",
                   "name": "Test Coordinator"}
    yield app, db, case_id, coordinator
    db.close()


def tell(app, db, case_id, coordinator):
    [meeting] = meeting_data.for_case(db, case_id)
    with app.test_request_context():
        return meeting_messages.send(db, case_data.get(db, case_id), meeting, user=coordinator).value


def calendars(relay):
    found = {}
    for email in relay.messages:
        [part] = [part for part in email.walk() if part.get_content_type() == "text/calendar"]
        found[email["To"]] = (part.get_param("method"), Calendar.from_ical(part.get_content()).walk("VEVENT")[0])
    return found


def test_everyone_invited_is_told_once_and_nobody_excluded_or_not_invited(relay, notify, world):
    app, db, case_id, coordinator = world
    assert tell(app, db, case_id, coordinator) == 3
    assert tell(app, db, case_id, coordinator) == 0, "nobody is told twice about the same thing"
    worker.run_due(app)
    sent = {(m["kind"], m["channel"], m["address"]) for m in message_data.for_case(db, case_id)[0]}
    assert sent == {("meeting_invitation", "email", "nain@example.org"),
                    ("meeting_invitation", "sms", "07700900456"),
                    ("meeting_invitation", "email", "pat.hughes@health.example.org")}
    assert sorted(email["To"] for email in relay.messages) == ["nain@example.org", "pat.hughes@health.example.org"]
    [text_message] = notify.sent("sms")
    assert text_message["phone_number"] == "07700900456" and text_message["kind"] == "meeting_invitation"
    assert text_message["personalisation"]["meeting"] == "family group conference"
    family = next(email for email in relay.messages if email["To"] == "nain@example.org")
    words = family.get_body(("plain",)).get_content() + str(calendars(relay)["nain@example.org"][1])
    assert "MEET-1" not in words and "Secret Child" not in words, "the family's copy names nothing of the case"
    professional = calendars(relay)["pat.hughes@health.example.org"][1]
    assert "MEET-1" in str(professional["SUMMARY"]) and "Secret Child" not in str(professional)


def test_a_change_then_a_cancellation_update_the_same_calendar_entry(relay, world):
    app, db, case_id, coordinator = world
    tell(app, db, case_id, coordinator)
    worker.run_due(app)
    [meeting] = meeting_data.for_case(db, case_id)
    first = calendars(relay)["nain@example.org"][1]
    start = datetime.datetime.fromisoformat(meeting["starts_at"]) + datetime.timedelta(days=1)
    with app.test_request_context():
        meetings.change(db, case_id, meeting, meeting["version"], {
            "starts_at": start.isoformat(), "ends_at": (start + datetime.timedelta(hours=2)).isoformat(),
            "venue": "Library", "address": "", "access_notes": "", "interpreter_language": "",
            "remote_details": ""}, reason="Room double-booked", user=coordinator)
    assert tell(app, db, case_id, coordinator) == 3
    relay.messages.clear()
    worker.run_due(app)
    method, changed = calendars(relay)["nain@example.org"]
    assert method == "REQUEST" and str(changed["UID"]) == str(first["UID"])
    assert int(changed["SEQUENCE"]) > int(first["SEQUENCE"]) and str(changed["LOCATION"]) == "Library"
    kinds = {m["kind"] for m in message_data.for_case(db, case_id)[0][:3]}
    assert kinds == {"meeting_changed"}
    [meeting] = meeting_data.for_case(db, case_id)
    with app.test_request_context():
        meetings.cancel(db, case_data.get(db, case_id), meeting, meeting["version"], reason="Family asked",
                        user=coordinator)
    assert tell(app, db, case_id, coordinator) == 3
    relay.messages.clear()
    worker.run_due(app)
    method, cancelled = calendars(relay)["nain@example.org"]
    assert method == "CANCEL" and str(cancelled["UID"]) == str(first["UID"])
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_a_cancellation_goes_only_to_people_who_were_told(relay, world):
    app, db, case_id, coordinator = world
    [meeting] = meeting_data.for_case(db, case_id)
    with app.test_request_context():
        meetings.cancel(db, case_data.get(db, case_id), meeting, meeting["version"], reason="Family asked",
                        user=coordinator)
    assert tell(app, db, case_id, coordinator) == 0


def test_nothing_is_told_once_consent_is_withdrawn(world):
    app, db, case_id, coordinator = world
    from fgc.data import consents
    [consent] = consents.for_case(db, case_id)
    with write(db):
        consents.withdraw(db, case_id, consent["id"], withdrawn_by="Parent", withdrawn_on="2026-12-04")
    [meeting] = meeting_data.for_case(db, case_id)
    with app.test_request_context():
        outcome = meeting_messages.send(db, case_data.get(db, case_id), meeting, user=coordinator)
    assert not outcome.done and "Consent has been withdrawn" in outcome.problem
    assert message_data.for_case(db, case_id)[1] == 0
