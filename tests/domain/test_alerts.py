"""Emails that tell staff something needs them: each goes to the right people's account addresses, names the case
by its reference only, links to it, and comes once for each thing that happened."""

import pytest
from factories import add_user, agree_plan, make_case, user_id

from fgc.data import cases as case_data
from fgc.data import family_links as links
from fgc.data import messages as message_data
from fgc.data import network
from fgc.db import connect, write
from fgc.domain import family_visits, referrals


@pytest.fixture
def world(app):
    db = connect(app.config["DATABASE"])
    yield app, db
    db.close()


def alerts(db, case_id, kind):
    return [m for m in message_data.for_case(db, case_id)[0] if m["kind"] == kind]


def test_every_manager_hears_of_a_referral_waiting(world):
    app, db = world
    add_user(db, "second.manager@example.org", "manager")
    switched_off = add_user(db, "gone.manager@example.org", "manager")
    with write(db):
        db.execute("UPDATE users SET active = 0 WHERE id = ?", [switched_off])
    worker = user_id(db, "social_worker@example.org")
    with write(db):
        case_id = case_data.create_draft(db, created_by=worker, reference="ALERT-1", urgent=True,
                                         urgency_reason="Court", referrer_name="R")
    with app.test_request_context():
        referrals.submit(db, case_id, user={"id": worker, "email": "social_worker@example.org", "name": "SW"})
    sent = alerts(db, case_id, "referral_waiting")
    assert sorted(m["address"] for m in sent) == ["manager@example.org", "second.manager@example.org"]
    assert all(m["personalisation"]["urgent"] is True and m["personalisation"]["reference"] == "ALERT-1"
               for m in sent)
    assert sent[0]["personalisation"]["url"].endswith(f"/cases/{case_id}")


@pytest.fixture
def linked(world):
    app, db = world
    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="ALERT-2",
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled")
    with write(db):
        case_data.move(db, case_id, to_stage="conference_held", user_id=1)
    nain = next(p for p in network.for_case(db, case_id) if p["name"] == "Nain Jones")
    plan = agree_plan(db, case_id, owners={0: [nain["id"]]})
    with write(db):
        link_id, _ = links.create(db, case_id, nain["id"], expires_at="2099-01-01T00:00:00+00:00", pin_hash="x",
                                  user_id=1, consent_withdrawn=False)
    return app, db, case_id, links.get(db, case_id, link_id), plan


def test_the_coordinator_hears_the_plan_was_read_once_per_version(linked):
    app, db, case_id, link, plan = linked
    with app.test_request_context():
        family_visits.acknowledge(db, link, plan["id"], 1)
        family_visits.acknowledge(db, link, plan["id"], 1)
    [sent] = alerts(db, case_id, "plan_acknowledged")
    assert sent["address"] == "coordinator@example.org" and sent["personalisation"]["number"] == 1
    assert "Nain" not in str(sent["personalisation"])


def test_a_burst_of_task_updates_brings_one_email(linked):
    app, db, case_id, link, plan = linked
    with app.test_request_context():
        for done_now in (False, True, True):
            family_visits.update_task(db, link, plan["id"], 1, 1, done_now=done_now, note="")
    assert len(alerts(db, case_id, "task_updated")) == 1


def test_the_coordinator_hears_once_when_a_link_locks(linked):
    app, db, case_id, link, plan = linked
    with app.test_request_context():
        for _ in range(links.PIN_ATTEMPTS + 2):  # wrong PINs only, so no visit is needed
            family_visits.check_pin(db, None, links.get(db, case_id, link["id"]), False)
    [sent] = alerts(db, case_id, "pin_locked")
    assert sent["address"] == "coordinator@example.org"
