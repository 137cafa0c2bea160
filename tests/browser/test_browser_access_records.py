"""A data protection officer finds who looked at a family member's record, in Chromium with axe-core, at desktop
and phone sizes."""

import re

import pytest
from playwright.sync_api import expect

from fgc.db import connect, write

from conftest import browser_sign_in
from factories import make_case, user_id

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def case_id(app):
    db = connect(app.config["DATABASE"])
    try:
        case = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="AR-BROWSER-1",
                         coordinator_id=user_id(db, "coordinator@example.org"))
        with write(db):
            db.execute("UPDATE users SET dpo = 1 WHERE email = 'manager@example.org'")
        return case
    finally:
        db.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_data_protection_officer_finds_who_looked_at_nain(page, browser, live_server, axe, case_id, size):
    coordinator = axe.watch(browser.new_context(base_url=live_server).new_page())
    browser_sign_in(coordinator, axe, "coordinator@example.org")
    axe.check(coordinator)
    coordinator.goto(f"/cases/{case_id}/network")
    axe.check(coordinator)
    coordinator.get_by_role("link", name="Nain Jones").first.click()
    axe.check(coordinator)

    page.set_viewport_size(SIZES[size])
    browser_sign_in(page, axe, "manager@example.org")
    axe.check(page)
    if size == "phone":
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Access records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Access records")
    axe.check(page)
    page.get_by_label("Name of a network member or child").fill("Nain")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Choose who to look for")).to_be_visible()
    axe.check(page)
    page.screenshot(path=f"/tmp/ar-people-{size}.png", full_page=True)
    page.get_by_role("link", name=re.compile(r"Nain Jones.*see their access records")).click()
    expect(page.locator("main")).to_contain_text("Nain Jones (network member, AR-BROWSER-1)")
    rows = page.locator("tbody tr")
    expect(rows.first).to_contain_text("coordinator@example.org")
    expect(rows.first).to_contain_text("Looked at the case")
    axe.check(page)
    page.screenshot(path=f"/tmp/ar-results-{size}.png", full_page=True)
    assert page.evaluate("() => { window.scrollTo(5000, 0); return window.scrollX; }") == 0, \
        "the table scrolls in its own region, not the page"

    # The same officer makes a subject access export of Nain's record.
    page.get_by_role("button", name="Make a subject access export").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subject access export")
    expect(page.locator("main")).to_contain_text("Review before release")
    axe.check(page)
    page.get_by_role("link", name="Download the PDF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preparing the PDF of the subject access export")
    axe.check(page)
