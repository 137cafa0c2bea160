"""One referral's journey in a real browser: a social worker refers, a manager allocates,
a coordinator records the baseline, schedules the conference and downloads its invite.

Every page that loads is checked with axe-core (WCAG 2.2 A and AA).
"""

import datetime
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import expect

from conftest import browser_sign_in

REFERENCE = "FGC-BR-0101"
CHILD = "Siân Prys-Jones"


def heading(page, axe, text):
    """Wait for the page whose <h1> contains ``text``, then check it with axe-core."""
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)
    axe.check(page)


def sign_in(page, axe, role):
    browser_sign_in(page, axe, f"{role}@example.org")


def fill_date(page, legend, day):
    """A GOV.UK date input: three boxes, Day, Month and Year, in a fieldset named by its legend."""
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def open_task(page, axe, name, h1=None):
    page.get_by_role("link", name=name, exact=True).click()
    heading(page, axe, h1 or name)


def save(page, axe, button="Save and continue", then="Referral " + REFERENCE):
    page.get_by_role("button", name=button).click()
    heading(page, axe, then)


def success(page, text):
    expect(page.get_by_role("alert", name="Success")).to_contain_text(text)


def new_page(browser, live_server, axe):
    context = browser.new_context(base_url=live_server, locale="en-GB", timezone_id="Europe/London")
    return axe.watch(context.new_page())


def test_a_referral_from_the_social_worker_to_a_scheduled_conference(page, browser, live_server, axe, tmp_path):
    today = datetime.date.today()
    born = datetime.date(2019, 3, 14)
    conference_day = today + datetime.timedelta(days=28)

    # --- 1. The social worker makes the referral -------------------------------------------
    sign_in(page, axe, "social_worker")
    heading(page, axe, "Your referrals")
    page.get_by_role("button", name="Start a referral").click()
    heading(page, axe, "Start a referral")
    page.get_by_label("Case reference").fill(REFERENCE)
    page.get_by_role("group", name="Is this referral urgent?").get_by_label("No", exact=True).check()
    save(page, axe)
    expect(page.get_by_text("You have completed 0 of 7 sections")).to_be_visible()

    open_task(page, axe, "Children")
    page.get_by_role("button", name="Add a child").click()
    heading(page, axe, "Add a child")

    # A mistake first: 31 February. The error summary takes focus and what was typed is kept.
    page.get_by_label("Full name").fill(CHILD)
    dob = page.get_by_role("group", name="Date of birth", exact=True)
    dob.get_by_label("Day").fill("31")
    dob.get_by_label("Month").fill("2")
    dob.get_by_label("Year").fill("2019")
    page.get_by_label("First language").fill("Welsh")
    page.get_by_role("button", name="Save child").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Date of birth must be a real date")
    expect(page).to_have_title("Error: Add a child – Family Group Conferences")
    expect(dob).to_contain_text("Date of birth must be a real date")
    expect(page.get_by_label("Full name")).to_have_value(CHILD)
    expect(dob.get_by_label("Day")).to_have_value("31")
    expect(dob.get_by_label("Month")).to_have_value("2")
    expect(dob.get_by_label("Year")).to_have_value("2019")
    expect(page.get_by_label("First language")).to_have_value("Welsh")
    axe.check(page)
    summary.get_by_role("link", name="Date of birth must be a real date").click()
    expect(dob.get_by_label("Day")).to_be_focused()

    fill_date(page, "Date of birth", born)
    save(page, axe, "Save child", then="Children")
    success(page, f"{CHILD} has been added")
    expect(page.get_by_role("term").filter(has_text=CHILD)).to_be_visible()
    expect(page.get_by_role("definition").filter(has_text="Born 14 March 2019")).to_be_visible()
    page.get_by_role("link", name="I have added every child").click()
    heading(page, axe, "Referral " + REFERENCE)

    open_task(page, axe, "Parental responsibility")
    page.get_by_role("button", name="Add a person").click()
    heading(page, axe, "Add a person with parental responsibility")
    page.get_by_label("Full name").fill("Ffion Prys")
    page.get_by_label("Relationship to the children").fill("Mother")
    save(page, axe, "Add person", then="Parental responsibility")
    success(page, "Ffion Prys has been added")
    page.get_by_role("link", name="I have added everyone").click()
    heading(page, axe, "Referral " + REFERENCE)

    open_task(page, axe, "Legal status")
    page.get_by_role("group", name="Legal status", exact=True).get_by_label("Child in need").check()
    save(page, axe)

    open_task(page, axe, "Risks")
    page.get_by_role("group", name="Current risks").get_by_label("Domestic abuse").check()
    page.get_by_role("group", name="Past risks").get_by_label("Substance use").check()
    page.get_by_label("Details of the risks").fill("Police called to the home twice in 2025; a safety plan is in place.")
    save(page, axe)

    open_task(page, axe, "Purpose of the conference")
    page.get_by_label("Why is the family being referred?").fill("Mum is going into hospital for six weeks.")
    page.get_by_label("What should the conference decide?").fill("Who Siân lives with while Mum is in hospital.")
    save(page, axe)

    open_task(page, axe, "Needs and preferences")
    page.get_by_label("Interpreter language (if one is needed)").fill("Welsh")
    page.get_by_label("Preferences about the coordinator").fill("A coordinator who speaks Welsh.")
    save(page, axe)

    open_task(page, axe, "Referrer and sign-off")
    expect(page.get_by_label("Referrer’s full name")).to_have_value("Test Social Worker")
    page.get_by_label("Team or organisation").fill("Children’s Services, North Team")
    page.get_by_role("group", name="Council social worker named on the case").get_by_label(
        "Test Social Worker").check()
    page.get_by_label("Referrer’s manager").fill("Test Manager")
    fill_date(page, "Date the manager signed it off", today)
    save(page, axe)
    expect(page.get_by_text("You have completed 7 of 7 sections")).to_be_visible()

    page.get_by_role("button", name="Check your answers").click()
    heading(page, axe, "Check your answers before sending the referral")
    expect(page.get_by_role("term").filter(has_text=CHILD)).to_be_visible()
    expect(page.get_by_role("definition").filter(has_text="Ffion Prys (Mother)")).to_be_visible()
    page.get_by_role("button", name="Send referral").click()
    heading(page, axe, REFERENCE)
    expect(page).to_have_title(f"Overview of case {REFERENCE} – Family Group Conferences")
    success(page, f"Referral {REFERENCE} has been sent to the FGC service")
    expect(page.get_by_text("Not allocated yet")).to_be_visible()

    # --- 2. The manager allocates a coordinator ---------------------------------------------
    manager = new_page(browser, live_server, axe)
    sign_in(manager, axe, "manager")
    heading(manager, axe, "FGC service overview")
    manager.get_by_role("link", name="Waiting for a coordinator", exact=True).click()
    heading(manager, axe, "Referrals waiting for a coordinator")
    row = manager.get_by_role("row").filter(has_text=REFERENCE)
    expect(row).to_contain_text(CHILD)
    expect(row).to_contain_text("Not allocated")
    row.get_by_role("link", name=REFERENCE).click()
    heading(manager, axe, REFERENCE)
    manager.get_by_role("link", name="Allocate coordinator").click()
    heading(manager, axe, "Allocate a coordinator")
    manager.get_by_role("group", name="Coordinator", exact=True).get_by_label("Test Coordinator").check()
    manager.get_by_role("button", name="Allocate").click()
    heading(manager, axe, REFERENCE)
    success(manager, f"{REFERENCE} has been allocated to Test Coordinator")

    # --- 3. The coordinator records the baseline and schedules the conference ------------------
    coordinator = new_page(browser, live_server, axe)
    sign_in(coordinator, axe, "coordinator")
    heading(coordinator, axe, "Your cases")
    coordinator.get_by_role("link", name=REFERENCE).click()
    heading(coordinator, axe, REFERENCE)

    coordinator.get_by_role("link", name="Record the baseline meeting").click()
    heading(coordinator, axe, "Baseline meeting")
    fill_date(coordinator, "Date of the baseline meeting", today)
    coordinator.get_by_label("Who attended?").fill("Ffion Prys (mother), Test Social Worker, Test Coordinator")
    coordinator.get_by_label("Objective of the conference").fill("A safe plan for Siân while her mother is in hospital.")
    save(coordinator, axe, "Save baseline meeting", then=REFERENCE)
    success(coordinator, "The baseline meeting has been recorded")

    for link, h1, label, words, flash in [
        ("Add a question", "Add a question for the family", "Question for the family",
         "Who will take Siân to school?", "Question for the family added"),
        ("Add a bottom line", "Add a bottom line", "Bottom line",
         "Siân must not be left alone with anyone who has been violent.", "Bottom line added"),
        ("Add a resource", "Add a resource offered", "Resource offered",
         "Bus passes for contact visits.", "Resource offered added"),
    ]:
        coordinator.get_by_role("link", name=link, exact=True).click()
        heading(coordinator, axe, h1)
        coordinator.get_by_label(label).fill(words)
        save(coordinator, axe, "Add", then=REFERENCE)
        success(coordinator, flash)
        expect(coordinator.get_by_role("listitem").filter(has_text=words)).to_be_visible()

    coordinator.get_by_role("link", name="Overview", exact=True).click()
    heading(coordinator, axe, REFERENCE)
    coordinator.get_by_role("link", name="Schedule the conference").click()
    heading(coordinator, axe, "Schedule the conference")
    fill_date(coordinator, "Date", conference_day)
    coordinator.get_by_label("Start time").fill("10am")
    coordinator.get_by_label("End time").fill("1pm")
    coordinator.get_by_label("Venue").fill("Canolfan Deulu, Caernarfon")
    save(coordinator, axe, "Save conference", then=REFERENCE)
    success(coordinator, "The conference has been scheduled")

    with coordinator.expect_download() as info:
        coordinator.get_by_role("link", name="Download invite").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics"), download.suggested_filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    calendar = Calendar.from_ical(Path(saved).read_bytes())
    assert str(calendar["METHOD"]) == "REQUEST"
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert int(event["SEQUENCE"]) == 0
    assert REFERENCE in str(event["SUMMARY"])
    assert CHILD not in event.to_ical().decode("utf-8")  # invites never name the children
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    starts = event.decoded("DTSTART")
    assert (starts.date(), starts.hour, starts.minute) == (conference_day, 10, 0)
    assert str(starts.tzinfo) == "Europe/London"
    ends = event.decoded("DTEND")
    assert (ends.hour, ends.minute) == (13, 0)
    assert "Canolfan Deulu, Caernarfon" in str(event["LOCATION"])
