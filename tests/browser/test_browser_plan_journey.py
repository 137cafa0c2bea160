"""A family plan in a real browser: the coordinator writes six tasks, the bottom-line check holds the
plan back until every bottom line is answered, then the referring social worker agrees it and
downloads the case-file PDF.

Every page that loads is checked with axe-core (WCAG 2.2 A and AA).
"""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from fgc.data import baselines
from fgc.data import cases as case_data
from fgc.db import connect, write

from conftest import PASSWORD
from factories import make_case, user_id

REFERENCE = "FGC-PLAN-0301"
BOTTOM_LINE = "Megan must not be left alone with Mr X"
QUESTION = "Who will look after the children?"
TASKS = [
    ("Nain will pick Megan up from school on Tuesdays and Thursdays", "Every Tuesday and Thursday", "Uncle Dai",
     [QUESTION]),
    ("Mam will go to the Tuesday group at the family centre", "Every Tuesday", "Nain", []),
    ("Bydd Nain yn casglu’r plant o’r ysgol ar ddydd Gwener", "Every Friday", "Mam", [QUESTION]),
    ("Uncle Dai will phone Mam every evening at 7", "Every evening", "Nain", []),
    ("Mam will take Megan to every health check", "Every appointment", "Dr Pat Hughes", []),
    ("Mr X will not come to the house. If he does, Mam will phone Nain and the police", "From today",
     "Uncle Dai", [BOTTOM_LINE]),
]


@pytest.fixture
def case_id(app):
    db = connect(app.config["DATABASE"])
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference=REFERENCE,
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled",
                        child_name="Megan Jones")
    with write(db):
        baselines.add_item(db, created, "bottom_line", BOTTOM_LINE)
        case_data.move(db, created, to_stage="conference_held", user_id=1)
    db.close()
    return created


def heading(page, axe, text):
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)
    axe.check(page)


def success(page, text):
    expect(page.get_by_role("alert", name="Success")).to_contain_text(text)


def sign_in(page, axe, email):
    page.goto("/sign-in")
    heading(page, axe, "Sign in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def add_task(page, axe, what, how_often, checker, answers):
    page.get_by_role("button", name="Add a task").click()
    heading(page, axe, "Add a task")
    page.get_by_label("What will happen?").fill(what)
    page.get_by_role("group", name="Family and friends").get_by_label("Nain Jones").check()
    page.get_by_label("Or how often").fill(how_often)
    page.get_by_label("Who checks that it happens?").fill(checker)
    answered = page.get_by_role("group", name="What does this task answer?")
    for item in answers:
        kind = "Bottom line" if item == BOTTOM_LINE else "Question"
        answered.get_by_label(f"{kind}: {item}").check()
    page.get_by_role("button", name="Save the task").click()
    heading(page, axe, "Family plan")
    success(page, "The task has been saved")


def test_a_plan_is_written_checked_agreed_and_downloaded(page, axe, case_id, tmp_path):
    # --- The coordinator writes the plan ---------------------------------------------------------
    sign_in(page, axe, "coordinator@example.org")
    heading(page, axe, "Your cases")
    page.get_by_role("link", name=REFERENCE, exact=True).click()
    heading(page, axe, REFERENCE)
    page.get_by_role("link", name="Start the plan").click()
    heading(page, axe, "Family plan")
    expect(page.locator("#unanswered li")).to_have_count(2)

    # A form with mistakes says what is wrong and keeps what was typed.
    page.get_by_role("button", name="Add a task").click()
    heading(page, axe, "Add a task")
    page.get_by_label("What will happen?").fill("Nain will pick Megan up")
    page.get_by_role("button", name="Save the task").click()
    heading(page, axe, "Add a task")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select who does this, or enter someone else’s name")
    expect(summary).to_be_focused()
    expect(page.get_by_label("What will happen?")).to_have_value("Nain will pick Megan up")
    page.get_by_role("link", name="Back").click()
    heading(page, axe, "Family plan")

    for what, how_often, checker, answers in TASKS[:5]:
        add_task(page, axe, what, how_often, checker, answers)
    expect(page.locator(".app-plan-table tbody tr")).to_have_count(5)

    # The bottom-line check holds the plan back, naming what is unanswered.
    unanswered = page.locator("#unanswered")
    expect(unanswered.get_by_role("link")).to_have_count(1)
    expect(unanswered).to_contain_text(BOTTOM_LINE)
    page.get_by_role("button", name="Mark as ready for agreement").click()
    heading(page, axe, "Family plan")
    expect(page.get_by_role("region", name="Important")).to_contain_text(
        "1 bottom line or question still needs an answer")
    unanswered.get_by_role("link", name=f"Bottom line: {BOTTOM_LINE}").click()
    heading(page, axe, "Bottom line")
    expect(page.get_by_text("No task answers it yet.")).to_be_visible()
    page.get_by_role("link", name="Back").click()
    heading(page, axe, "Family plan")

    add_task(page, axe, *TASKS[5])
    expect(page.get_by_text("Every bottom line and question is answered.")).to_be_visible()

    # The last task moves to the top: it is the family's most important promise.
    page.get_by_role("button", name="Move up task 6").click()
    heading(page, axe, "Family plan")
    expect(page.locator(".app-plan-table tbody tr").nth(4)).to_contain_text("Mr X will not come to the house")

    page.get_by_role("link", name=re.compile("^Change what happens if the plan stops working")).click()
    heading(page, axe, "If the plan stops working, and the review")
    page.get_by_label("What happens if the plan stops working?").fill(
        "If Mam cannot cope, Megan stays with Nain and Nain tells the social worker the same day.")
    page.get_by_label("Who keeps an eye on the plan?").fill("Uncle Dai")
    page.get_by_role("button", name="Save").click()
    heading(page, axe, "Family plan")
    page.get_by_role("button", name="Mark as ready for agreement").click()
    heading(page, axe, "Family plan")
    success(page, "The plan is ready for the referrer to agree")
    page.get_by_role("button", name="Sign out").click()
    heading(page, axe, "Sign in")

    # --- The referring social worker agrees it ---------------------------------------------------
    sign_in(page, axe, "social_worker@example.org")
    heading(page, axe, "Your referrals")
    page.get_by_role("link", name="Plans", exact=True).click()
    heading(page, axe, "Plans on your cases")
    page.get_by_role("link", name=REFERENCE, exact=True).click()
    heading(page, axe, REFERENCE)
    page.get_by_role("link", name="See the plan").click()
    heading(page, axe, "Family plan")
    page.get_by_role("button", name="Record your decision").click()
    heading(page, axe, "Your decision on version 1 of the plan")
    page.get_by_role("group", name="Your decision").get_by_label("Agree the plan", exact=True).check()
    page.get_by_role("button", name="Record your decision").click()
    heading(page, axe, "Family plan")
    success(page, "Version 1 of the plan is agreed")
    expect(page.locator("#plan-status")).to_contain_text("Agreed")

    # --- and downloads the PDF for the case file from the list of plans on their cases --------------
    page.get_by_role("link", name="Plans", exact=True).click()
    heading(page, axe, "Plans on your cases")
    with page.expect_download() as info:
        page.get_by_role("link", name=f"Download PDF of version 1 for {REFERENCE}").click()
    download = info.value
    assert download.suggested_filename.startswith(REFERENCE) and "Megan" not in download.suggested_filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    reader = PdfReader(saved)
    text = " ".join(page_.extract_text() for page_ in reader.pages)
    assert "Mr X will not come to the house" in text and "DRAFT" not in text
    assert all("OFFICIAL-SENSITIVE" in page_.extract_text() for page_ in reader.pages)
    page.get_by_role("link", name="All versions (1) of the plan for " + REFERENCE).click()
    heading(page, axe, f"Versions of the plan for {REFERENCE}")
    expect(page.get_by_role("link", name="Download PDF of version 1")).to_be_visible()
