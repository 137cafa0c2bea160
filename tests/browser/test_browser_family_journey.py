"""A family member opens their private link on a phone (390×844): the token gives way to a clean
address, they read their own tasks first, say they have read the plan, mark a task done, switch
to Welsh and leave with Exit this page. The coordinator then sees what they said.

Every page that loads is checked with axe-core (WCAG 2.2 A and AA), in both languages.
"""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from fgc.data import cases as case_data
from fgc.data import family_links, iso, network, now
from fgc.db import connect, write

from conftest import browser_sign_in
from factories import agree_plan, make_case, user_id

REFERENCE = "FGC-FAM-0401"
OWN_TASK = "Nain will pick Megan up from school on Tuesdays"
OTHER_TASK = "Uncle Dai will phone Mam every evening at 7"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


@pytest.fixture
def token(app):
    db = connect(app.config["DATABASE"])
    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference=REFERENCE,
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled",
                        child_name="Megan Jones")
    with write(db):
        case_data.move(db, case_id, to_stage="conference_held", user_id=1)
    nain = next(p for p in network.for_case(db, case_id) if p["name"] == "Nain Jones")
    agree_plan(db, case_id, tasks=(OTHER_TASK, OWN_TASK), owners={1: [nain["id"]]})
    with write(db):
        _, created = family_links.create(db, case_id, nain["id"], expires_at=iso(now() + datetime.timedelta(days=30)),
                                         pin_hash=None, user_id=user_id(db, "coordinator@example.org"),
                                         consent_withdrawn=False)
    db.close()
    return created


def heading(page, axe, text):
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)
    axe.check(page)


class _Weather(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        body = b"<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):
        pass


@pytest.fixture
def neutral(app):
    """The neutral site Exit this page leaves for, served locally (the test machine has no internet): its URL.
    Exit goes through the app's /family/exit, whose redirect a stubbed route could not answer."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Weather)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app.config["QUICK_EXIT_URL"] = f"http://127.0.0.1:{server.server_port}/weather"
    yield app.config["QUICK_EXIT_URL"]
    server.shutdown()


def coordinators_links_page(page, axe):
    browser_sign_in(page, axe, "coordinator@example.org")
    heading(page, axe, "Your cases")
    page.get_by_role("link", name=REFERENCE, exact=True).click()
    heading(page, axe, REFERENCE)
    page.get_by_role("link", name="Family links").first.click()
    heading(page, axe, f"Family links for {REFERENCE}")


def test_a_family_member_uses_their_link_on_a_phone(page, axe, token, neutral, start_worker):

    # --- The link gives way to a clean address ---------------------------------------------------
    page.goto(f"/f/{token}")
    heading(page, axe, "Your family plan")
    assert page.url.endswith("/family/") and token not in page.url

    # --- Their own tasks come first ------------------------------------------------------------------
    expect(page.locator("#your-tasks ~ .govuk-summary-card").first).to_contain_text(OWN_TASK)
    expect(page.locator("#other-tasks ~ .govuk-summary-card").first).to_contain_text(OTHER_TASK)
    own_top = page.get_by_text(OWN_TASK).bounding_box()["y"]
    other_top = page.get_by_text(OTHER_TASK).bounding_box()["y"]
    assert own_top < other_top, "'Your tasks' comes before everyone else's"

    # --- They say they have read it ----------------------------------------------------------------
    page.get_by_role("button", name="I have read this plan").click()
    heading(page, axe, "Your family plan")
    expect(page.get_by_text("You told us you read this plan on")).to_be_visible()

    # --- and mark their task done --------------------------------------------------------------------
    page.get_by_role("link", name="Tell us how it is going (task 2)").click()
    heading(page, axe, "Tell us how task 2 is going")
    page.get_by_label("I have done this").check()
    page.get_by_label("Anything to add? (optional)").fill("Every Tuesday so far")
    page.get_by_role("button", name="Send").click()
    heading(page, axe, "Your family plan")
    expect(page.locator("#your-tasks ~ .govuk-summary-card").first).to_contain_text("Every Tuesday so far")

    # --- They download it: a page says it is being made, then the download starts by itself -------------
    page.get_by_role("link", name="Download your plan (PDF)").click()
    heading(page, axe, "We are making your PDF")
    with page.expect_download(timeout=90_000) as info:
        start_worker()
    assert info.value.suggested_filename == "family-plan.pdf"
    expect(page.locator("[data-fgc-status]")).to_contain_text("Your PDF is ready and should be downloading.")
    axe.check(page)
    page.get_by_role("link", name="Go back to your plan").click()
    heading(page, axe, "Your family plan")

    # --- Welsh ---------------------------------------------------------------------------------------------
    page.get_by_role("button", name="Cymraeg").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    axe.check(page)
    welsh_heading = page.get_by_role("heading", level=1).inner_text()
    assert welsh_heading != "Your family plan"
    expect(page.get_by_role("button", name="English")).to_be_visible()
    page.locator("a[href*='/family/tasks/']").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    axe.check(page)
    page.go_back()
    axe.check(page)

    # --- Exit this page stays in reach at the foot of the page, answers Shift three times, and leaves no way
    # back to the plan ------------------------------------------------------------------------------------
    page.keyboard.press("End")
    expect(page.get_by_role("button", name="Argyfwng Gadael y dudalen hon")).to_be_in_viewport()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral)
    axe.watch(page)  # the neutral site is not ours to check
    axe.checked.add((id(page), neutral))
    page.go_back()
    expect(page.get_by_text(OWN_TASK)).to_have_count(0)
    axe.check(page)


def test_the_coordinator_sees_what_the_family_said(page, axe, token, app, neutral):
    page.goto(f"/f/{token}")
    heading(page, axe, "Your family plan")
    page.get_by_role("button", name="I have read this plan").click()
    heading(page, axe, "Your family plan")
    page.get_by_role("link", name="Tell us how it is going (task 2)").click()
    heading(page, axe, "Tell us how task 2 is going")
    page.get_by_label("I have done this").check()
    page.get_by_role("button", name="Send").click()
    heading(page, axe, "Your family plan")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(neutral)
    axe.checked.add((id(page), neutral))

    page.set_viewport_size({"width": 1280, "height": 900})
    coordinators_links_page(page, axe)
    expect(page.locator("#read + ul")).to_contain_text("Nain Jones: read version 1 of the plan")
    updates = page.get_by_role("table", name="Updates on tasks from the family, newest first")
    expect(updates).to_contain_text(OWN_TASK)
    expect(updates).to_contain_text("Done")



def test_the_coordinator_makes_a_link_with_a_pin_prints_the_letter_and_revokes_it(page, axe, token, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    coordinators_links_page(page, axe)
    page.get_by_role("button", name="Make a link").click()
    heading(page, axe, "Make a family link")
    page.get_by_role("button", name="Make the link").click()
    heading(page, axe, "Make a family link")  # nothing chosen: the error summary, checked by axe too
    page.get_by_role("group", name="Who is the link for?").get_by_label("Nain Jones").check()
    page.get_by_role("group", name="Do they need a PIN as well?").get_by_label("Yes, they will also need a PIN").check()
    page.get_by_role("button", name="Make the link").click()
    axe.check(page)
    link = page.locator("main").get_by_text("/f/").first.inner_text().strip()
    pin = page.locator("#pin").inner_text().strip()
    assert len(pin) == 6 and pin.isdigit()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the letter in English (PDF)").click()
    letter = tmp_path / info.value.suggested_filename
    info.value.save_as(letter)
    from pypdf import PdfReader
    letter_text = PdfReader(letter).pages[0].extract_text()
    assert pin not in letter_text and "Nain Jones" in letter_text

    # The family member's side: the link asks for the PIN first, in a fresh browser session.
    family = page.context.browser.new_context(base_url=page.url.split("/cases")[0],
                                              viewport={"width": 390, "height": 844})
    phone = axe.watch(family.new_page())
    phone.goto(link[link.index("/f/"):])
    heading(phone, axe, "Enter your PIN")
    phone.get_by_label("Enter your PIN").fill(pin)
    phone.get_by_role("button", name="Continue").click()
    heading(phone, axe, "Your family plan")
    family.close()

    # Revoking it stops it at once.
    page.get_by_role("link", name=f"Go to the family links for {REFERENCE}").click()
    heading(page, axe, f"Family links for {REFERENCE}")
    page.get_by_role("link", name="Revoke (Link for Nain Jones)").first.click()
    heading(page, axe, "Revoke")
    page.get_by_role("button", name="Revoke the link").click()
    heading(page, axe, f"Family links for {REFERENCE}")
    expect(page.locator("main")).to_contain_text("Revoked")
