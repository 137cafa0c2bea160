"""A manager reads a report and a coordinator records a follow-up, in Chromium with axe-core, at desktop and phone
sizes: the charts fit the screen, the page prints without its filters, and the keyboard reaches every link."""

import re

import pytest
from playwright.sync_api import expect

from fgc.db import connect

import reports_world
from conftest import browser_sign_in

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def world(app):
    db = connect(app.config["DATABASE"])
    try:
        return reports_world.build(db)
    finally:
        db.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_manager_reads_the_offer_report_for_the_first_half_of_2026(page, axe, world, size):
    page.set_viewport_size(SIZES[size])
    browser_sign_in(page, axe, "manager@example.org")
    axe.check(page)
    if size == "phone":
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Reports", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    axe.check(page)
    page.get_by_role("link", name="The s.31ZA offer").click()
    axe.check(page)
    for name, values in (("since", ("1", "1", "2026")), ("until", ("30", "6", "2026"))):
        group = page.get_by_role("group", name="From" if name == "since" else "To")
        for label, value in zip(("Day", "Month", "Year"), values):
            group.get_by_label(label).fill(value)
    page.get_by_label("Team").select_option("North")
    page.get_by_role("button", name="Show the report").click()
    expect(page.locator("main")).to_contain_text("From 1 January 2026 to 30 June 2026. Cases coordinated by the "
                                                 "North team.")
    summary = page.locator("table", has=page.locator("caption", has_text="Summary"))
    expect(summary.locator("tr", has_text="Offers made in the letter before proceedings")).to_contain_text("2")
    axe.check(page)
    page.screenshot(path=f"/tmp/report-offers-{size}.png", full_page=True)
    widths = page.evaluate("() => [...document.querySelectorAll('.app-chart svg')].map(svg => "
                           "[svg.getBoundingClientRect().right, document.documentElement.clientWidth])")
    assert all(right <= width + 1 for right, width in widths), "every chart fits the screen"
    assert page.evaluate("() => { window.scrollTo(5000, 0); return window.scrollX; }") == 0, "no sideways scroll"

    page.emulate_media(media="print")
    assert page.locator("form.app-report-filters").is_hidden()
    assert page.locator(".app-chart svg").first.is_visible()
    page.emulate_media(media="screen")


def test_a_coordinator_records_a_follow_up_from_their_home_page_with_the_keyboard(page, axe, world):
    browser_sign_in(page, axe, "coordinator@example.org")
    follow_ups = page.locator("table", has=page.locator("caption", has_text="Outcome follow-ups due"))
    expect(follow_ups.locator("tbody tr").first).to_contain_text("Overdue")
    axe.check(page)
    link = follow_ups.get_by_role("link", name=re.compile(r"^Fay\W+record the outcome$"))
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome for Fay: 3 months after the conference")
    axe.check(page)
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select where Fay lives")
    axe.check(page)
    page.get_by_role("group", name="Where does Fay live?").get_by_label("With parents").check()
    page.get_by_role("group", name="Have care proceedings been issued for Fay?").get_by_label("No", exact=True).check()
    page.get_by_role("group", name="What legal order is there for Fay?").get_by_label("No order").check()
    group = page.get_by_role("group", name="When was this found out?")
    for label, value in zip(("Day", "Month", "Year"), ("12", "5", "2025")):
        group.get_by_label(label).fill(value)
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The outcome has been saved")
    expect(page.locator("table", has=page.locator("caption", has_text="Fay"))).to_contain_text("With parents")
    axe.check(page)
    page.screenshot(path="/tmp/outcomes-page.png", full_page=True)


def test_a_manager_reads_the_data_return_page(page, axe, world):
    browser_sign_in(page, axe, "manager@example.org")
    axe.check(page)
    page.goto("/reports/data-return")
    expect(page.get_by_role("heading", level=1)).to_have_text("Case-level data return")
    expect(page.locator("table tbody tr")).to_have_count(51)
    axe.check(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the data return (CSV)").click()
    assert download.value.suggested_filename.startswith("fgc-data-return-")


def test_a_coordinator_closes_a_case_recording_each_childs_outcome(page, axe, world):
    browser_sign_in(page, axe, "coordinator@example.org")
    axe.check(page)
    page.goto(f"/cases/{world.cases['G']}/move/closed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Close the case")
    axe.check(page)
    page.get_by_role("button", name="Close the case").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select where Hal lives")
    axe.check(page)
    group = page.get_by_role("group", name="Date of closure")
    for label, value in zip(("Day", "Month", "Year"), ("1", "12", "2026")):
        group.get_by_label(label).fill(value)
    page.get_by_role("group", name="Where does Hal live?").get_by_label("With wider family or friends").check()
    page.get_by_role("group", name="If Hal lives with wider family or friends, on what footing?").get_by_label(
        "An arrangement within the family, with no order").check()
    page.get_by_role("group", name="Have care proceedings been issued for Hal?").get_by_label("No", exact=True).check()
    page.get_by_role("group", name="What legal order is there for Hal?").get_by_label("No order").check()
    page.get_by_role("button", name="Close the case").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The case is now: Closed")
    axe.check(page)
    page.goto(f"/cases/{world.cases['G']}/outcomes")
    expect(page.locator("table", has=page.locator("caption", has_text="Hal"))).to_contain_text(
        "With wider family or friends: an arrangement within the family, with no order")
    axe.check(page)
