"""Every kind of case page in Chromium, with axe-core, including pages showing errors."""

import pytest
from playwright.sync_api import expect

from fgc.db import connect

from conftest import browser_sign_in
from factories import make_case, user_id


@pytest.fixture
def case_id(app):
    db = connect(app.config["DATABASE"])
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="FGC-A11Y-1",
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled",
                        child_name="مريم حداد")
    make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="FGC-A11Y-2", extras=False)
    db.close()
    return created


def sign_in(page, axe, role):
    browser_sign_in(page, axe, f"{role}@example.org")
    page.wait_for_load_state("load")
    axe.check(page)


def visit(page, axe, path, heading):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    axe.check(page)


def test_manager_case_pages(page, axe, case_id):
    sign_in(page, axe, "manager")
    visit(page, axe, "/cases/unallocated", "Referrals waiting for a coordinator")
    visit(page, axe, "/cases/", "Cases")
    visit(page, axe, "/cases/search?q=FGC-A11Y", "Search cases")
    visit(page, axe, f"/cases/{case_id}", "Overview")
    visit(page, axe, f"/cases/{case_id}/timeline", "Timeline")
    visit(page, axe, f"/cases/{case_id}/allocate", "Allocate a coordinator")
    visit(page, axe, f"/cases/{case_id}/offer", "Offer of a family group decision-making meeting")
    page.get_by_role("button", name="Save the offer record").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe.check(page)
    page.get_by_role("group", name="Was a family group decision-making meeting offered?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save the offer record").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date of the offer")
    axe.check(page)
    visit(page, axe, f"/cases/{case_id}/consents/new", "Record consent")
    page.get_by_role("button", name="Record consent").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe.check(page)


def test_coordinator_case_pages(page, axe, case_id):
    sign_in(page, axe, "coordinator")
    visit(page, axe, f"/cases/{case_id}/baseline", "Baseline meeting")
    visit(page, axe, f"/cases/{case_id}/baseline/bottom_line/new", "Add a bottom line")
    page.get_by_role("button", name="Add").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe.check(page)
    visit(page, axe, f"/cases/{case_id}/meetings", "Conferences and reviews")
    page.get_by_role("link", name="Reschedule the conference").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the conference")
    axe.check(page)
    page.get_by_label("Start time").fill("25:00")
    page.get_by_role("button", name="Save conference").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a real start time")
    axe.check(page)
    visit(page, axe, f"/cases/{case_id}/meetings", "Conferences and reviews")
    page.get_by_role("link", name="Cancel the conference").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel the conference")
    axe.check(page)
    visit(page, axe, f"/cases/{case_id}/move/on_hold", "Put the case on hold")
    visit(page, axe, "/admin/users", "You do not have permission")


def test_network_pages(page, axe, case_id):
    sign_in(page, axe, "coordinator")
    visit(page, axe, f"/cases/{case_id}/network", "Network for FGC-A11Y-1")
    page.get_by_role("button", name="Add one person with all their details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person to the network")
    axe.check(page)
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe.check(page)
    page.get_by_label("Full name").fill("נועה לוי & <Friends>")
    page.get_by_label("Relationship to مريم حداد").fill("Aunt")
    page.get_by_label("Mother’s side").check()
    page.get_by_label("Address", exact=True).fill("1 Hidden Lane")
    page.get_by_label("Do not disclose this address").check()
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Network for FGC-A11Y-1")
    expect(page.get_by_role("rowheader", name="נועה לוי & <Friends>")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Exclude נועה לוי & <Friends>").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Exclude")
    axe.check(page)
    page.get_by_label("Why is this person excluded?").fill("Risk to the children")
    page.get_by_label("Manager who approved the exclusion").fill("Morgan Ellis")
    group = page.get_by_role("group", name="Date of the decision")
    group.get_by_label("Day").fill("1")
    group.get_by_label("Month").fill("11")
    group.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Exclude").click()
    expect(page.get_by_role("region", name="Network register").get_by_text("Excluded", exact=True)).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Lift exclusion for נועה לוי & <Friends>").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("exclusion")
    expect(page.get_by_text("History")).to_be_visible()
    axe.check(page)
    visit(page, axe, f"/cases/{case_id}/meetings", "Conferences and reviews")
    page.get_by_role("link", name="Who took part in the conference").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who took part in the conference")
    axe.check(page)


def test_professionals_and_child_voice_pages(page, axe, case_id):
    sign_in(page, axe, "coordinator")
    visit(page, axe, f"/cases/{case_id}/professionals", "Professionals’ information for FGC-A11Y-1")
    page.get_by_role("button", name="Add a professional").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a professional")
    axe.check(page)
    page.get_by_label("Safety scale (0 to 10)").fill("12")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe.check(page)
    visit(page, axe, f"/cases/{case_id}/professionals", "Professionals’ information")
    page.get_by_role("link", name="Add a danger statement for Dr Pat Hughes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a danger statement")
    axe.check(page)
    visit(page, axe, f"/cases/{case_id}/preparation", "Preparation")
    page.get_by_role("link", name="Record مريم حداد’s views").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Views of")
    axe.check(page)
    page.get_by_role("button", name="Save views").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe.check(page)


def test_scales_page_and_chart(page, axe, case_id):
    sign_in(page, axe, "coordinator")
    visit(page, axe, f"/cases/{case_id}/meetings", "Conferences and reviews")
    page.get_by_role("link", name="Scales at the conference").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scales at the conference")
    axe.check(page)
    page.get_by_label("Nain Jones").fill("12")
    page.get_by_role("button", name="Save scales").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe.check(page)
    page.get_by_label("Nain Jones").fill("4")
    page.get_by_label("Dr Pat Hughes (Health visiting)").fill("3")
    page.get_by_role("button", name="Save scales").click()
    expect(page.get_by_role("img", name="Safety scales over time for FGC-A11Y-1")).to_be_visible()
    axe.check(page)


def test_network_person_pages(page, axe, case_id):
    sign_in(page, axe, "coordinator")
    visit(page, axe, f"/cases/{case_id}/network", "Network for FGC-A11Y-1")
    page.get_by_role("link", name="Change Nain Jones").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change Nain Jones")
    axe.check(page)
    visit(page, axe, f"/cases/{case_id}/network", "Network for FGC-A11Y-1")
    page.get_by_role("link", name="Invitation for Nain Jones").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitation for Nain Jones")
    axe.check(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe.check(page)
    visit(page, axe, f"/cases/{case_id}/professionals", "Professionals’ information")
    page.get_by_role("link", name="Record as shared Dr Pat Hughes’s information").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record that the family has been given")
    axe.check(page)


def test_removing_a_child_with_a_record_says_what_goes_with_them(app, page, axe, case_id):
    from fgc.data import cases as case_data
    from fgc.data import child_views
    from fgc.db import write

    db = connect(app.config["DATABASE"])
    [child] = case_data.children(db, case_id)
    with write(db):
        child_views.save(db, child["id"], {"wishes": "Aros gyda Nain", "gathered_note": "", "advocate_name": ""}, None)
    db.close()
    sign_in(page, axe, "coordinator")
    visit(page, axe, f"/referrals/{case_id}/children", "Children")
    page.get_by_role("button", name="Remove مريم حداد").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove مريم حداد from the referral?")
    expect(page).to_have_title("Remove مريم حداد from the referral? – Family Group Conferences")
    expect(page.locator("#removed-with-child")).to_contain_text("their views and wishes")
    axe.check(page)
    page.get_by_role("link", name="No, keep مريم حداد").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Children")
    expect(page.get_by_role("term")).to_have_text("مريم حداد")


def test_who_took_part_asks_about_the_family_and_the_professionals(app, page, axe, case_id):
    from fgc.data import meetings

    db = connect(app.config["DATABASE"])
    [conference] = meetings.for_case(db, case_id)
    db.close()
    sign_in(page, axe, "coordinator")
    visit(page, axe, f"/cases/{case_id}/network/attendance/{conference['id']}", "Who took part in the conference")
    page.get_by_role("group", name="Dr Pat Hughes (Health visiting)").get_by_label("Remotely").check()
    page.get_by_role("group", name="Nain Jones").get_by_label("In person").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Attendance has been recorded")
    axe.check(page)
