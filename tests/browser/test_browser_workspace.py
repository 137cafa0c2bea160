"""The coordinator's workspace on the demo data, in Chromium at 1280×800 and 390×844, with axe-core: the case
header and sub-navigation on every part of the richest case, an overview that fits about two screens, the cases
list's filters, adding several people with MOJ "add another", and pages that print cleanly."""

import pytest
from playwright.sync_api import expect

from fgc.db import connect

from conftest import browser_sign_in

DEMO_PASSWORD = "workspace-demo-password"
COORDINATOR = "cerys.llywelyn@demo.example.org"
MANAGER = "morgan.ellis@demo.example.org"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
PARTS = [("", "Overview"), ("/referral", "Referral"), ("/network", "Network"), ("/preparation", "Preparation"),
         ("/meetings", "Meetings"), ("/plan", "Plan"), ("/links", "Family links"), ("/timeline", "Timeline")]


@pytest.fixture
def richest(app, runner, monkeypatch):
    """Seed the demo; the id of the case with the most on its record (the one a coordinator works hardest)."""
    monkeypatch.setenv("FGC_DEMO_PASSWORD", DEMO_PASSWORD)
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    db = connect(app.config["DATABASE"])
    try:
        return db.execute(
            "SELECT c.id FROM cases c WHERE c.coordinator_id = (SELECT id FROM users WHERE email = ?) "
            "ORDER BY (SELECT count(*) FROM audit_events a WHERE a.record_type = 'case' AND a.record_id = c.id) DESC "
            "LIMIT 1", [COORDINATOR]).fetchone()[0]
    finally:
        db.close()


def sign_in(page, axe, email):
    browser_sign_in(page, axe, email, DEMO_PASSWORD)
    page.wait_for_load_state("load")
    axe.check(page)


@pytest.mark.parametrize("size", SIZES)
def test_every_part_of_the_richest_case_has_the_case_header_and_its_sub_navigation(page, axe, richest, size):
    page.set_viewport_size(SIZES[size])
    sign_in(page, axe, COORDINATOR)
    for path, part in PARTS:
        page.goto(f"/cases/{richest}{path}")
        header = page.locator("#case-header")
        expect(header).to_contain_text("FGC-2026-")
        expect(header).to_contain_text("Next deadline")
        current = page.locator(".moj-sub-navigation__link[aria-current='page']")
        expect(current).to_have_text(part)
        assert page.evaluate("() => { window.scrollTo(5000, 0); return window.scrollX; }") == 0, \
            f"{part} scrolls sideways at {size}: wide content must scroll in its own region"
        axe.check(page)
    page.goto(f"/cases/{richest}/network/several")
    axe.check(page)


def test_the_overview_answers_where_the_case_is_in_about_two_screens(page, axe, richest):
    page.set_viewport_size(SIZES["desktop"])
    sign_in(page, axe, COORDINATOR)
    page.goto(f"/cases/{richest}")
    axe.check(page)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2.5 * 800, f"the overview is {height}px tall"
    for words in ("What happens next", "Deadlines", "Who is involved", "Family plan", "Family network", "Meetings"):
        expect(page.get_by_role("heading", name=words, exact=True)).to_be_visible()
    # The stage is drawn as steps on a desktop, and said in words on a phone.
    expect(page.locator(".moj-progress-bar__item[aria-current='step']")).to_have_count(1)
    page.set_viewport_size(SIZES["phone"])
    expect(page.locator(".app-case-header__step-text")).to_be_visible()
    expect(page.locator(".moj-progress-bar")).to_be_hidden()


def test_the_cases_list_filters_sorts_and_pages_on_both_screens(page, axe, richest):
    page.set_viewport_size(SIZES["desktop"])
    sign_in(page, axe, MANAGER)
    page.goto("/cases/")
    axe.check(page)
    page.get_by_label("A deadline is overdue").check()
    page.get_by_role("button", name="Apply filters").first.click()
    page.wait_for_load_state("load")
    assert "overdue=yes" in page.url, "the filter is in the address, so it can be bookmarked"
    expect(page.locator(".moj-filter__tag")).to_contain_text("Overdue")
    axe.check(page)
    page.locator("th[aria-sort] a", has_text="Case").click()
    page.wait_for_load_state("load")
    expect(page.locator("th[aria-sort='ascending']")).to_contain_text("Case")
    axe.check(page)
    page.set_viewport_size(SIZES["phone"])
    page.goto("/cases/")
    expect(page.locator(".moj-filter")).to_be_hidden()
    page.get_by_role("button", name="Show filter").click()
    expect(page.locator(".moj-filter")).to_be_visible()
    axe.check(page)


def test_several_people_are_added_with_add_another(page, axe, richest):
    page.set_viewport_size(SIZES["desktop"])
    sign_in(page, axe, COORDINATOR)
    page.goto(f"/cases/{richest}/network/several")
    items = page.locator(".moj-add-another__item")
    expect(items).to_have_count(5)
    page.get_by_role("button", name="Add another person").click()
    expect(items).to_have_count(6)
    page.get_by_role("button", name="Remove person 6").click()
    expect(items).to_have_count(5)
    page.locator("#people-0-name").fill("Eirlys Ap Gwyn")
    page.locator("#people-0-side").select_option("maternal")
    page.locator("#people-1-name").fill("Tomos Ap Gwyn")
    page.get_by_role("button", name="Add these people").click()
    page.wait_for_load_state("load")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the side of the family for person 2")
    axe.check(page)
    expect(page.locator("#people-0-name")).to_have_value("Eirlys Ap Gwyn")
    page.locator("#people-1-side").select_option("paternal")
    page.get_by_role("button", name="Add these people").click()
    page.wait_for_load_state("load")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 people have been added to the network")
    axe.check(page)


def test_a_staff_page_prints_without_navigation_or_buttons_and_with_the_picture_whole(page, axe, richest):
    page.set_viewport_size(SIZES["desktop"])
    sign_in(page, axe, COORDINATOR)
    page.goto(f"/cases/{richest}/network")
    axe.check(page)
    page.emulate_media(media="print")
    for hidden in (".govuk-service-navigation", ".moj-sub-navigation", ".govuk-phase-banner", ".govuk-footer",
                   ".govuk-button"):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    expect(page.locator("#case-header")).to_be_visible()
    picture = page.locator(".app-picture svg").first
    box = picture.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, "the picture is not cut"
    assert page.evaluate("getComputedStyle(document.querySelector('.app-picture')).overflowX") == "visible"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
