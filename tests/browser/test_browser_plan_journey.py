"""A family plan in a real browser: the coordinator writes six tasks, the bottom-line check holds the
plan back until every bottom line is answered, then the referring social worker agrees it and
downloads the case-file PDF.

Every page that loads is checked with axe-core (WCAG 2.2 A and AA).
"""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from fgc.data import baselines, network, professionals
from fgc.data import plans as plan_data
from fgc.data import cases as case_data
from fgc.db import connect, write

from conftest import browser_sign_in
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
    browser_sign_in(page, axe, email)


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


def test_a_plan_is_written_checked_agreed_and_downloaded(page, axe, case_id, tmp_path, start_worker):
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
    # It was queued for printing when it was agreed. With no worker running yet, the download waits on a page
    # that says the PDF is being made; when the worker has made it, that page starts the download by itself.
    page.get_by_role("link", name="Plans", exact=True).click()
    heading(page, axe, "Plans on your cases")
    page.get_by_role("link", name=f"Download PDF of version 1 for {REFERENCE}").click()
    heading(page, axe, "Preparing the PDF of version 1 of the plan")
    status = page.get_by_role("status")
    expect(status).to_contain_text("The PDF is being made")
    with page.expect_download(timeout=90_000) as info:
        start_worker()
    expect(status).to_contain_text("The PDF is ready and should be downloading.")
    expect(status.get_by_role("link", name="Download the PDF")).to_be_visible()
    axe.check(page)
    download = info.value
    assert download.suggested_filename.startswith(REFERENCE) and "Megan" not in download.suggested_filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    reader = PdfReader(saved)
    text = " ".join(page_.extract_text() for page_ in reader.pages)
    assert "Mr X will not come to the house" in text and "DRAFT" not in text
    assert all("OFFICIAL-SENSITIVE" in page_.extract_text() for page_ in reader.pages)
    page.get_by_role("link", name="Back to the versions of the plan").click()
    heading(page, axe, f"Versions of the plan for {REFERENCE}")
    # Now it is made, every later download is immediate.
    with page.expect_download():
        page.get_by_role("link", name="Download PDF of version 1").click()
    expect(page.get_by_role("link", name="Download PDF of version 1")).to_be_visible()


# --- A plan you can read: the task table at 1280 px, on a phone and in print -------------------------

READ_REFERENCE = "FGC-PLAN-0302"
DANGER = ("Social care are worried that if Ffion keeps doing most of the caring for her mam, she will keep missing "
          "school, become exhausted and unwell herself, and lose touch with her friends.")
READ_BOTTOM_LINE = "The children must not be left with anyone under the influence of drugs or alcohol."
READ_TASKS = [  # (what, by when, who checks, answers: bottom line, question, danger)
    ("Bydd Nain yn gwneud y siopa mawr gyda Mam bob bore Sadwrn. (Nain will do the big shop with Mam every "
     "Saturday morning.)", "Every Saturday morning", "Uncle Dai", ("question", "danger")),
    ("Uncle Llŷr will collect Mam’s prescriptions from the chemist on Stryd Fawr every Friday on his way home "
     "from work, so that Ffion never has to.", "Every Friday", "Nain", ("danger",)),
    ("Ffion will go to school every day and keep her phone in her bag in lessons. If Mam has a bad day in school "
     "hours she rings Auntie Heledd, who works from home and will go round; if Heledd can’t, Nain goes.",
     "Every school day", "Mrs Howells at school, who looks at Ffion’s attendance every Friday",
     ("danger", "question")),
    ("Ffion will go back to netball on Tuesdays and Thursdays. Dad will pick her up after netball on Thursdays "
     "and she will have tea at his.", "Every Tuesday and Thursday", "Mali, Ffion’s young carers’ advocate",
     ("danger",)),
    ("If Mam has to go into hospital, or has a very bad week, Ffion will stay with Nain and still go to school "
     "and netball from there.", "Whenever it is needed", "Uncle Dai", ("bottom_line", "question")),
    ("Uncle Dai will call in every other Saturday and Sunday, on the weekends Ffion is not at her dad’s, to see "
     "how Mam and Ffion are and do any jobs that need doing.", "Every other weekend", "Nain",
     ("danger", "question")),
]
# At 1280×800 this plan's task table was 1,772 px tall, and the page 3,297 px, when five of its tasks each
# repeated the whole danger statement under them; as references the table is under 1,200 px (the page
# gains the key, which gives each full text once).
TABLE_SHORT_ENOUGH = 1300
PAGE_SHORT_ENOUGH = 3000

# Each word in `selector`'s text whose letters sit on more than one line: split inside the word. A break
# after a hyphen (Morgan-|Jones) is a break between words, so the hyphen ends a word here.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.govuk-visually-hidden')) continue;
      for (const word of node.data.matchAll(/[^\\s\\-\\u2010]+[\\-\\u2010]?/gu)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""


@pytest.fixture
def readable_case_id(app):
    """A plan like the richest demo case's: six tasks, most answering the same long danger statement."""
    db = connect(app.config["DATABASE"])
    coordinator = user_id(db, "coordinator@example.org")
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference=READ_REFERENCE,
                        coordinator_id=coordinator, stage="conference_scheduled", child_name="Ffion Morgan-Jones")
    with write(db):
        bottom_line = baselines.add_item(db, created, "bottom_line", READ_BOTTOM_LINE)
        question = baselines.items(db, created)["question"][0]["id"]
        worker = professionals.save(db, created, {"name": "Sam Okafor", "agency": "Children’s services",
                                                  "attends": "all"})
        danger = professionals.add_danger(db, worker, DANGER, "Ffion goes to school and sees her friends")
        case_data.move(db, created, to_stage="conference_held", user_id=1)
        refs = {"bottom_line": f"item:{bottom_line}", "question": f"item:{question}", "danger": f"danger:{danger}"}
        nain = next(p for p in network.for_case(db, created) if p["name"] == "Nain Jones")
        plan = plan_data.ensure(db, created, user_id=coordinator, review_on="2027-01-30")
        for what, by_when, checker, answers in READ_TASKS:
            plan_data.save_task(db, created, plan["id"], {
                "what": what, "who_people": [nain["id"]], "who_professionals": [], "who_other": "Glenys Morgan-Jones",
                "by_date": None, "by_when": by_when, "checker": checker, "status": "not_started",
                "answers": [refs[kind] for kind in answers]}, user_id=coordinator)
    db.close()
    return created


def test_the_task_table_reads_at_1280_on_a_phone_and_in_print(page, axe, readable_case_id):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, axe, "coordinator@example.org")
    heading(page, axe, "Your cases")
    page.goto(f"/cases/{readable_case_id}/plan")
    heading(page, axe, "Family plan")
    table = page.locator(".app-plan-table")
    expect(table.locator("tbody tr")).to_have_count(6)

    # The whole width of the page, no word split across lines, and no long statement under every task.
    content = page.locator("main").bounding_box()
    assert table.bounding_box()["width"] >= content["width"] - 1, "the table takes the page's full width"
    assert page.evaluate(BROKEN_WORDS, ".app-plan-table td, .app-plan-table th") == []
    assert table.bounding_box()["height"] <= TABLE_SHORT_ENOUGH, f"the table is {table.bounding_box()['height']} px"
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= PAGE_SHORT_ENOUGH, f"the plan page is {height} px long"
    assert table.inner_text().count("Social care are worried") == 0

    # Answers are short references, each a link to the one place its full text is given.
    first = table.locator("tbody tr").first.locator(".app-plan-table__answers")
    expect(first.get_by_role("link")).to_have_text(["Q1", "D2"])  # D1 is the test case's own danger statement
    link = first.get_by_role("link", name="D2", exact=True)
    expect(link).to_have_accessible_description(f"Danger statement from Sam Okafor: {DANGER}")
    key = page.locator(link.get_attribute("href"))
    expect(key).to_contain_text("D2")
    expect(key).to_contain_text(DANGER)
    expect(key).to_contain_text("answered by tasks 1, 2, 3, 4, 6")
    expect(page.locator("#answers-key")).to_contain_text(f"BL1 Bottom line: {READ_BOTTOM_LINE}")
    assert page.locator("body").inner_text().count(DANGER) == 1, "the full text is given once"

    # On a phone the table scrolls sideways in its own region rather than splitting words.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate(BROKEN_WORDS, ".app-plan-table td, .app-plan-table th") == []
    axe.check(page)

    # Printed from the browser on A4 (about 720 px wide): the whole table, words whole, no buttons.
    page.set_viewport_size({"width": 720, "height": 1000})
    page.emulate_media(media="print")
    assert page.evaluate(BROKEN_WORDS, ".app-plan-table td, .app-plan-table th") == []
    printed = table.bounding_box()
    assert printed["x"] >= 0 and printed["x"] + printed["width"] <= 720, "nothing cut off at the page's edge"
    expect(table.get_by_role("link", name=re.compile("^Change"))).to_be_hidden()


def test_comparing_versions_marks_the_changed_words_without_colour_alone(app, page, axe, readable_case_id):
    from fgc.data import cases as case_data_
    from fgc.domain import agreement
    from factories import someone

    db = connect(app.config["DATABASE"])
    coordinator, referrer = someone(db, "coordinator@example.org"), someone(db, "social_worker@example.org")
    with write(db):
        plan = plan_data.get(db, readable_case_id)
        plan_data.save_details(db, plan["id"], plan["version"], {
            "contingency": "Nain takes Ffion to hers.", "monitoring": "Uncle Dai", "review_on": "2027-01-30"},
            user_id=coordinator.id)
        plan = plan_data.get(db, readable_case_id)
        agreement.mark_ready(db, case_data_.get(db, readable_case_id), plan, plan["revision"], user_id=coordinator.id)
        plan = plan_data.get(db, readable_case_id)
        agreement.decide(db, case_data_.get(db, readable_case_id), plan, plan["revision"], outcome="agreed", text="",
                         user=referrer)
        agreement.record_review(db, case_data_.get(db, readable_case_id), plan_data.get(db, readable_case_id),
                                meeting_id=None, held_on="2027-01-30", changes="", outcomes={}, new_version=True,
                                user_id=coordinator.id)
        plan = plan_data.get(db, readable_case_id)
        first = plan_data.tasks(db, plan["id"])[0]
        plan_data.save_task(db, readable_case_id, plan["id"], dict(first, what=first["what"].replace(
            "every Saturday morning.)", "every Saturday and Sunday morning.)"), by_when="Every Sunday morning"),
            user_id=coordinator.id, task_id=first["id"], version=first["version"])
    db.close()

    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, axe, "social_worker@example.org")
    heading(page, axe, "Your referrals")
    page.goto(f"/cases/{readable_case_id}/plan/compare?from=1&to=draft")
    heading(page, axe, "Compare versions of the plan")
    added = page.locator("#changed-task-1 ins")
    expect(added).to_have_text(["Added text: and Sunday (end of added text)", "Added text: Sunday (end of added text)"])
    expect(page.locator("#changed-task-1 del")).to_have_text(["Removed text: Saturday (end of removed text)"])
    styles = page.evaluate("""() => [...document.querySelectorAll('#changed-task-1 ins, #changed-task-1 del')].map(mark => {
        const style = getComputedStyle(mark);
        return [mark.localName, style.textDecorationLine, style.backgroundColor !== 'rgba(0, 0, 0, 0)'];
    })""")
    assert styles == [["ins", "underline", True], ["del", "line-through", True], ["ins", "underline", True]], styles
    page.set_viewport_size({"width": 390, "height": 844})
    axe.check(page)

    # The agreed version reads as the plan page does: words whole, answers as references with their key.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"/cases/{readable_case_id}/plan/versions/1")
    heading(page, axe, "Version 1 of the plan")
    assert page.evaluate(BROKEN_WORDS, ".app-plan-table td, .app-plan-table th") == []
    expect(page.locator(".app-plan-table tbody tr").first.get_by_role("link")).to_have_text(["Q1", "D2"])
    assert page.locator("main").inner_text().count(DANGER) == 1
