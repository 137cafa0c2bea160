"""The coordinator sends a new family link by text message through GOV.UK Notify (a local server that speaks its
API), follows it on the case's Messages page from queued to sent to delivered, and the family member opens the
link the text message carried, on their phone.

Every page that loads is checked with axe-core (WCAG 2.2 A and AA).
"""

import pytest
from playwright.sync_api import expect

from fgc.data import cases as case_data
from fgc.data import network
from fgc.db import connect, write

from conftest import browser_sign_in
from factories import agree_plan, make_case, user_id

REFERENCE = "FGC-MSG-0501"


@pytest.fixture
def app(notify_app):
    """The app the live server serves, and the worker runs: pointed at the local GOV.UK Notify."""
    return notify_app


@pytest.fixture
def case_id(app):
    db = connect(app.config["DATABASE"])
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference=REFERENCE,
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled",
                        child_name="Megan Jones")
    with write(db):
        case_data.move(db, created, to_stage="conference_held", user_id=1)
    nain = next(p for p in network.for_case(db, created) if p["name"] == "Nain Jones")
    with write(db):
        network.save(db, created, {"phone": "07700 900123"}, person_id=nain["id"], version=nain["version"])
    agree_plan(db, created, tasks=("Nain will pick Megan up on Tuesdays",), owners={0: [nain["id"]]})
    db.close()
    return created


def heading(page, axe, text):
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)
    axe.check(page)


def status_becomes(page, axe, words):
    """Reload the Messages page until the newest message's status says ``words``."""
    for _ in range(60):
        page.reload()
        if words in page.locator("tbody tr").first.inner_text():
            break
        page.wait_for_timeout(500)
    expect(page.locator("tbody tr").first).to_contain_text(words)
    axe.check(page)


def test_a_link_goes_by_text_message_and_the_family_member_opens_it(page, axe, app, case_id, notify, start_worker,
                                                                     browser):
    browser_sign_in(page, axe, "coordinator@example.org")
    heading(page, axe, "Your cases")
    page.goto(f"/cases/{case_id}/links/new")
    heading(page, axe, "Make a family link")
    page.get_by_label("Nain Jones").check()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Make the link").click()
    heading(page, axe, "Link made for Nain Jones")

    # --- Sent by text message, never with the PIN ------------------------------------------------------
    page.get_by_label("Text message to 07700900123").check()
    page.get_by_label("English").check()
    page.get_by_role("button", name="Send the link").click()
    heading(page, axe, "Link made for Nain Jones")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The link is on its way")
    page.get_by_role("link", name="Follow it on the Messages page").click()
    heading(page, axe, "Family link to Nain Jones")
    page.get_by_role("link", name="Back to messages").click()
    heading(page, axe, "Messages")
    expect(page.locator("tbody tr").first).to_contain_text("Queued")

    # --- The worker sends it; Notify delivers it --------------------------------------------------------
    start_worker()
    status_becomes(page, axe, "Sent")
    [sent] = notify.sent("sms")
    notify.deliver(sent["id"])
    db = connect(app.config["DATABASE"])
    with write(db):  # the first delivery check is due a minute after sending: bring it forward
        db.execute("UPDATE jobs SET run_after = '2000-01-01T00:00:00+00:00' WHERE kind = 'message.status'")
    db.close()
    status_becomes(page, axe, "Delivered")

    # --- The family member opens the link the text message carried, on their phone ---------------------------
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB",
                                base_url=page.url.split("/cases/")[0])
    family = axe.watch(phone.new_page())
    family.goto(sent["personalisation"]["link"])
    heading(family, axe, "Your family plan")
    expect(family.get_by_text("Nain will pick Megan up on Tuesdays")).to_be_visible()
    phone.close()
