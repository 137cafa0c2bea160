"""Messages on the pages: sending a family link by text message or email from the page that shows it, the case's
Messages page following it from queued to where it got, the words it carried (the link's address masked), the
admin's Messages page, and who may see them."""

import datetime
import re

import pytest
from conftest import PageClient, check_page, sign_in_as, text
from factories import make_case, user_id

from fgc import worker
from fgc.data import messages as message_data
from fgc.data import network
from fgc.db import connect, write
from fgc.domain.deadlines import today

HOSTILE = '<b>Nain</b> \u202eJones שָׁלוֹם 👵'


@pytest.fixture
def case_id(db):
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="MSG-VIEW-1",
                        coordinator_id=user_id(db, "coordinator@example.org"))
    nain = next(p for p in network.for_case(db, created) if p["name"] == "Nain Jones")
    with write(db):
        network.save(db, created, {"name": HOSTILE, "phone": "07700 900123", "email": "nain@example.org"},
                     person_id=nain["id"], version=nain["version"])
        network.save(db, created, {"name": "Dai Jones", "side": "paternal", "roles": ["relative"]})
    return created


def person_id(db, case_id, name):
    return next(p["id"] for p in network.for_case(db, case_id) if p["name"] == name)


def created_page(client, db, case_id, name=HOSTILE):
    day = today() + datetime.timedelta(days=30)
    response = client.submit(f"/cases/{case_id}/links/new", {
        "person": str(person_id(db, case_id, name)), "pin": "no",
        "expires_on-day": str(day.day), "expires_on-month": str(day.month), "expires_on-year": str(day.year)})
    assert response.status_code == 200
    page = check_page(response)
    token = re.search(r"/f/([A-Za-z0-9_-]+)$", page.select_one("#family-link").get_text()).group(1)
    return page, token


def send(client, case_id, page, token, **choices):
    form = page.find("form", action=re.compile(r"/send"))
    return client.raw.post(form["action"].split("#")[0], data={
        "csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"], "token": token, **choices})


def test_the_link_goes_by_text_message_and_the_case_follows_it(client, sign_in, db, app, case_id):
    sign_in("coordinator")
    page, token = created_page(client, db, case_id)
    choices = {radio["value"]: text(page.find("label", attrs={"for": radio["id"]}))
               for radio in page.select("input[name=channel]")}
    assert choices == {"sms": "Text message to 07700900123", "email": "Email to nain@example.org"}
    assert page.select_one("input[name=message_language][value=en]").has_attr("checked")
    response = send(client, case_id, page, token, channel="sms", message_language="en")
    assert response.status_code == 200
    sent = check_page(response)
    assert "The link is on its way to" in text(sent.select_one(".govuk-notification-banner--success"))
    assert sent.select_one("#family-link").get_text().endswith(token), "the link is still there to print or copy"
    listing = client.page(f"/cases/{case_id}/messages")
    row = listing.select_one("table.app-messages tbody tr")
    assert "Family link" in text(row) and "Queued" in text(row) and "07700900123" in text(row)
    assert "\u202e" not in str(row) and "<b>Nain</b>" in text(row), "the name is shown as typed, safely"
    worker.run_due(app)
    listing = client.page(f"/cases/{case_id}/messages")
    assert "Kept, not sent" in text(listing.select_one("table.app-messages tbody tr"))
    detail = client.page(listing.select_one("table.app-messages tbody a")["href"])
    body = text(detail.select_one(".app-message-body"))
    assert "Your family plan from" in body and token not in body and "••••••" in body
    timeline = client.page(f"/cases/{case_id}/timeline?kind=messages")
    words = [text(item) for item in timeline.select(".moj-timeline__title")]
    assert any("queued a message to" in w and "Family link by text message" in w for w in words)
    assert any("was kept here, not sent" in w for w in words)


def test_choosing_nothing_says_what_to_choose_and_keeps_the_link_on_the_page(client, sign_in, db, case_id):
    sign_in("coordinator")
    page, token = created_page(client, db, case_id)
    response = send(client, case_id, page, token, message_language="cy")
    again = check_page(response)
    assert "Select how to send the link" in text(again.select_one(".govuk-error-summary"))
    assert again.select_one("#family-link").get_text().endswith(token)
    assert again.select_one("input[name=message_language][value=cy]").has_attr("checked"), "what was chosen stays"
    assert message_data.for_case(db, case_id)[1] == 0


def test_someone_with_no_number_or_email_is_offered_no_message(client, sign_in, db, case_id):
    sign_in("coordinator")
    page, _token = created_page(client, db, case_id, name="Dai Jones")
    assert page.find("form", action=re.compile(r"/send")) is None
    assert "There is no mobile number or email address on record for Dai Jones" in text(page)


def test_a_token_that_is_not_this_links_is_refused(client, sign_in, db, case_id):
    sign_in("coordinator")
    page, token = created_page(client, db, case_id)
    response = send(client, case_id, page, token[::-1], channel="sms", message_language="en")
    assert response.status_code == 400
    assert message_data.for_case(db, case_id)[1] == 0


def test_a_welsh_speaker_is_offered_welsh_first(client, sign_in, db, case_id):
    nain = network.get(db, case_id, person_id(db, case_id, HOSTILE))
    with write(db):
        network.save(db, case_id, {"language": "Cymraeg"}, person_id=nain["id"], version=nain["version"])
    sign_in("coordinator")
    page, _token = created_page(client, db, case_id)
    assert page.select_one("input[name=message_language][value=cy]").has_attr("checked")


def test_a_message_from_another_case_is_not_found_through_this_one(client, sign_in, db, case_id):
    other = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="MSG-VIEW-2",
                      coordinator_id=user_id(db, "coordinator@example.org"))
    sign_in("coordinator")
    page, token = created_page(client, db, case_id)
    send(client, case_id, page, token, channel="email", message_language="en")
    [message], _ = message_data.for_case(db, case_id)
    assert client.get(f"/cases/{other}/messages/{message['id']}").status_code == 404
    assert client.get(f"/cases/{case_id}/messages/{message['id']}").status_code == 200


def test_the_admin_sees_every_message_and_what_is_set_up(client, sign_in, new_client, db, app, case_id):
    sign_in("coordinator")
    page, token = created_page(client, db, case_id)
    send(client, case_id, page, token, channel="email", message_language="en")
    worker.run_due(app)
    client = new_client("admin")
    listing = client.page("/admin/messages")
    assert "Nothing is being sent" in text(listing)
    assert "Kept, not sent" in text(listing.select_one("tbody tr")) and "MSG-VIEW-1" in text(listing)
    failed = client.page("/admin/messages?status=failed")
    assert "0 messages" in text(failed) and failed.select_one("tbody") is None
    detail = client.page(listing.select_one("tbody a")["href"])
    assert "nain@example.org" in text(detail) and token not in str(detail)
    assert client.get("/admin/messages?page=99").status_code == 302


@pytest.mark.parametrize("role", ["coordinator", "manager", "social_worker"])
def test_only_admins_see_the_messages_of_the_whole_service(client, sign_in, role):
    sign_in(role)
    assert client.get("/admin/messages").status_code == 403


def test_through_notify_the_coordinator_sees_sent_then_delivered(notify, notify_app):
    app = notify_app
    db = connect(app.config["DATABASE"])
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="MSG-VIEW-3",
                        coordinator_id=user_id(db, "coordinator@example.org"))
    nain = next(p for p in network.for_case(db, created) if p["name"] == "Nain Jones")
    with write(db):
        network.save(db, created, {"phone": "07700 900123"}, person_id=nain["id"], version=nain["version"])
    client = PageClient(app.test_client())
    sign_in_as(client, "coordinator@example.org")
    page, token = created_page(client, db, created, name="Nain Jones")
    send(client, created, page, token, channel="sms", message_language="en")
    worker.run_due(app)
    [sent] = notify.sent("sms")
    assert sent["personalisation"]["link"].endswith(token)
    assert "Sent" in text(client.page(f"/cases/{created}/messages").select_one("tbody tr"))
    notify.deliver(sent["id"])
    with write(db):
        db.execute("UPDATE jobs SET run_after = '2000-01-01' WHERE kind = 'message.status'")
    worker.run_due(app)
    assert "Delivered" in text(client.page(f"/cases/{created}/messages").select_one("tbody tr"))
    db.close()


# Telling people about a meeting

def test_the_coordinator_tells_everyone_invited_about_the_conference(client, sign_in, db, app, case_id):
    nain = person_id(db, case_id, HOSTILE)
    with write(db):
        network.set_invitation(db, case_id, nain, "invited", "2026-12-01")
    sign_in("coordinator")
    meetings_page = client.page(f"/cases/{case_id}/meetings")
    tell = next(a for a in meetings_page.select("a") if text(a).startswith("Tell people"))
    page = client.page(tell["href"])
    rows = [text(row) for row in page.select("tbody tr")]
    assert any("Meeting invitation" in row and "Email" in row for row in rows)
    assert any("Dr Pat Hughes" in row and "Not told: No email address" in row for row in rows)
    response = client.submit(tell["href"], {})
    assert response.status_code == 302 and response.location.endswith(f"/cases/{case_id}/messages")
    listing = client.page(response.location)
    assert "1 message is on its way" in text(listing)
    assert "Meeting invitation" in text(listing.select_one("tbody tr"))


def test_a_social_worker_cannot_tell_people_about_a_meeting(client, sign_in, db, case_id):
    sign_in("social_worker")
    from fgc.data import meetings as meeting_data
    [meeting] = meeting_data.for_case(db, case_id)
    assert client.get(f"/cases/{case_id}/meetings/{meeting['id']}/tell").status_code == 403


# Task reminders: the family member's choice

def test_the_coordinator_records_that_someone_asked_for_reminders(client, sign_in, db, case_id):
    nain = person_id(db, case_id, HOSTILE)
    sign_in("coordinator")
    url = f"/cases/{case_id}/network/{nain}/reminders"
    page = client.page(url)
    assert page.select_one("input[name=reminders][value=none]").has_attr("checked")
    response = client.submit(url, {"reminders": "sms", "asked": ""})
    again = check_page(response)
    assert "Enter how they asked for reminders" in text(again.select_one(".govuk-error-summary"))
    assert again.select_one("input[name=reminders][value=sms]").has_attr("checked")
    response = client.submit(url, {"reminders": "sms", "asked": "On the phone to me"})
    assert response.status_code == 302
    page = client.page(url)
    assert "Now: reminders by text message" in text(page) and "On the phone to me" in text(page)
    assert message_data.choice(db, nain)["channel"] == "sms"


def test_reminders_by_email_need_an_email_address(client, sign_in, db, case_id):
    dai = person_id(db, case_id, "Dai Jones")
    sign_in("coordinator")
    response = client.submit(f"/cases/{case_id}/network/{dai}/reminders", {"reminders": "email", "asked": "Asked"})
    assert "There is no email address on record for Dai Jones" in text(check_page(response))
    assert message_data.choice(db, dai) is None


def test_a_link_sent_by_email_through_the_relay_opens_the_plan(relay, smtp_app):
    app = smtp_app
    db = connect(app.config["DATABASE"])
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="MSG-VIEW-4",
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled")
    nain = next(p for p in network.for_case(db, created) if p["name"] == "Nain Jones")
    with write(db):
        network.save(db, created, {"email": "nain@example.org"}, person_id=nain["id"], version=nain["version"])
    coordinator = PageClient(app.test_client())
    sign_in_as(coordinator, "coordinator@example.org")
    page, token = created_page(coordinator, db, created, name="Nain Jones")
    send(coordinator, created, page, token, channel="email", message_language="cy")
    worker.run_due(app)
    [email] = relay.messages
    body = email.get_body(("plain",)).get_content()
    assert "Mae eich cynllun teulu" in body, "in Welsh, as chosen"
    link = re.search(r"https?://\S+/f/[A-Za-z0-9_-]+", body).group(0)
    family = app.test_client()
    opened = family.get(link.split("localhost", 1)[-1])
    assert opened.status_code == 303 and opened.location == "/family/"
    assert family.get("/family/").status_code == 200
    db.close()
