"""The plan's record: versions, hash checks, differences, reviews, PDF downloads and the plans list."""

import datetime
import io
import sqlite3

import pypdf
import pytest

from fgc.domain import agreement
from fgc.render import pdf, case_file
from fgc.data import audit as audit_data
from fgc.data import baselines, network, professionals, scales
from fgc.data import cases as case_data
from fgc.data import meetings as meeting_data
from fgc.data import plans as plan_data
from fgc.db import write

from conftest import check_page, text
from factories import add_user, make_case, user_id

CHILD = "Lowri Haddad"


class Someone:
    def __init__(self, db, email):
        self.id = user_id(db, email)
        self.name = "Test " + email.split("@")[0].replace("_", " ").title()


@pytest.fixture
def coordinator(db):
    return Someone(db, "coordinator@example.org")


@pytest.fixture
def referrer(db):
    return Someone(db, "social_worker@example.org")


@pytest.fixture
def case_id(db, coordinator, referrer):
    """A case whose conference has been held, with a question and a bottom line to answer."""
    case_id = make_case(db, created_by=referrer.id, reference="PLAN-7", coordinator_id=coordinator.id,
                        stage="conference_scheduled", child_name=CHILD)
    with write(db):
        baselines.add_item(db, case_id, "bottom_line", "The children must not be left alone with Mr X")
        case_data.move(db, case_id, to_stage="conference_held", user_id=referrer.id)
    return case_id


def task(what, answers=(), **values):
    return {"what": what, "who_people": [], "who_professionals": [], "who_other": "Mam", "by_date": None,
            "by_when": "Every Saturday", "checker": "Nain", "status": "not_started", "answers": list(answers),
            **values}


def item_refs(db, case_id):
    items = baselines.items(db, case_id)
    return [f"item:{item['id']}" for kind in ("question", "bottom_line") for item in items[kind]]


def write_plan(db, case_id, coordinator, whats=("Nain collects the children from school",
                                               "Mr X visits only at the family centre")):
    """A plan with one task per item to answer (a task for each of ``whats``)."""
    with write(db):
        plan = plan_data.ensure(db, case_id, user_id=coordinator.id, review_on="2027-02-22")
        for what, ref in zip(whats, item_refs(db, case_id), strict=False):
            plan_data.save_task(db, case_id, plan["id"], task(what, [ref]), user_id=coordinator.id)
        plan = plan_data.get(db, case_id)
        plan_data.save_details(db, plan["id"], plan["version"],
                               {"contingency": "Nain moves in if Mam is unwell", "monitoring": "The social worker",
                                "review_on": "2027-02-22"}, user_id=coordinator.id)
    return plan_data.get(db, case_id)


def decide(db, case_id, coordinator, referrer, outcome="agreed", reason=""):
    plan = plan_data.get(db, case_id)
    with write(db):
        agreement.mark_ready(db, case_data.get(db, case_id), plan, plan["revision"], user_id=coordinator.id)
    plan = plan_data.get(db, case_id)
    with write(db):
        return agreement.decide(db, case_data.get(db, case_id), plan, plan["revision"], outcome=outcome,
                                text=reason, user=referrer)


@pytest.fixture
def agreed(db, case_id, coordinator, referrer):
    """Version 1 agreed; returns the plan."""
    write_plan(db, case_id, coordinator)
    assert decide(db, case_id, coordinator, referrer) == "agreed"
    return plan_data.get(db, case_id)


def schedule_review(db, case_id, user):
    start = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(days=3)
    with write(db):
        meeting_id = meeting_data.schedule(db, case_id, "review", {
            "starts_at": start.isoformat(), "ends_at": (start + datetime.timedelta(hours=1)).isoformat(),
            "venue": "Family centre", "address": "", "access_notes": "", "interpreter_language": "",
            "remote_details": ""}, user_id=user.id, uid_domain="test.invalid")
        case_data.move(db, case_id, to_stage="review_scheduled", user_id=user.id)
    return meeting_id


def yesterday():
    return datetime.date.today() - datetime.timedelta(days=1)


def review_data(db, plan, **extra):
    """A complete review: every task done, the date yesterday, something changed."""
    day = yesterday()
    data = {"held_on-day": str(day.day), "held_on-month": str(day.month), "held_on-year": str(day.year),
            "changes": "Mam has started a course", "new_version": "no"}
    for row in plan_data.tasks(db, plan["id"]):
        data[f"outcome_{row['id']}"] = "done"
        data[f"comment_{row['id']}"] = ""
    return {**data, **extra}


def events(db, action):
    return audit_data.events(db, action=action)


# The versions page and a frozen version

def test_the_versions_page_lists_every_version(client, sign_in, db, case_id, coordinator, referrer):
    write_plan(db, case_id, coordinator)
    decide(db, case_id, coordinator, referrer, "declined", "Nobody checks the evenings")
    decide(db, case_id, coordinator, referrer, "agreed_with_changes", "Add the school’s number")
    plan = plan_data.get(db, case_id)
    rows = {row["number"]: row for row in plan_data.versions(db, plan["id"])}
    sign_in("social_worker")
    page = client.page(f"/cases/{case_id}/plan/versions")
    body = text(page.select_one("table"))
    for expected in ("Agreed with changes", "Declined", referrer.name, rows[1]["sha256"][:12],
                     rows[2]["sha256"][:12]):
        assert expected in body
    assert rows[1]["sha256"] not in body, "the table shows the short form of the hash"
    links = {a["href"] for a in page.select("table a")}
    assert {f"/cases/{case_id}/plan/versions/1", f"/cases/{case_id}/plan/versions/2",
            f"/cases/{case_id}/plan/versions/1.pdf", f"/cases/{case_id}/plan/versions/2.pdf"} <= links
    form = page.select_one(f"form[action='/cases/{case_id}/plan/compare']")
    assert form.get("method") == "get"
    assert [o["value"] for o in form.select("select[name=from] option")] == ["", "2", "1"]
    assert "draft" in [o["value"] for o in form.select("select[name=to] option")]
    assert form.select_one("label[for=from]") and form.select_one("label[for=to]")
    # The plan is agreed, so the working copy is the agreed version: no separate draft to download.
    assert not page.select(f"a[href='/cases/{case_id}/plan/draft.pdf']")


def test_the_working_copy_is_offered_as_a_draft(client, sign_in, db, case_id, coordinator):
    write_plan(db, case_id, coordinator)
    sign_in("social_worker")
    page = client.page(f"/cases/{case_id}/plan/versions")
    link = page.select_one(f"a[href='/cases/{case_id}/plan/draft.pdf']")
    assert link is not None and "Draft" in text(link.parent)
    assert "The referrer has not decided on the plan yet" in text(page)


def test_a_case_without_a_plan_says_so(client, sign_in, db, case_id):
    sign_in("social_worker")
    assert "No plan has been started for this case yet" in text(client.page(f"/cases/{case_id}/plan/versions"))
    response = client.get(f"/cases/{case_id}/plan/draft.pdf")
    assert response.status_code == 302 and response.location.endswith(f"/cases/{case_id}/plan/versions")
    assert "There are no decided versions" in text(client.page(f"/cases/{case_id}/plan/compare?from=1&to=2"))


def test_a_version_is_shown_read_only_with_its_full_hash(client, sign_in, db, case_id, agreed, referrer):
    version = plan_data.version(db, agreed["id"], 1)
    sign_in("social_worker")
    page = client.page(f"/cases/{case_id}/plan/versions/1")
    body = text(page)
    tasks = page.select_one("table")
    assert "Nain collects the children from school" in text(tasks) and "Every Saturday" in text(tasks)
    assert [text(cell) for cell in tasks.select("td.app-plan-table__answers")] == ["Q1", "BL1"]
    assert "Who will look after the children?" not in text(tasks), "the full text is given once, in the key"
    key = page.select("table")[1]
    assert [text(row) for row in key.select("tbody tr")] == [
        "BL1 Bottom line: The children must not be left alone with Mr X Task 2",
        "Q1 Question: Who will look after the children? Task 1",
        "D1 Danger statement from Dr Pat Hughes: Children hurt if fights continue No task"]
    link = tasks.select_one("td.app-plan-table__answers a")
    assert key.select_one(link["href"]) is not None
    assert text(page.select_one(f"#{link['aria-describedby']}")) == "Question: Who will look after the children?"
    for expected in ("Nain moves in if Mam is unwell", "The social worker", "22 February 2027", version["sha256"],
                     "Agreed"):
        assert expected in body
    bdis = [tag.get_text() for tag in page.find_all("bdi")]
    assert CHILD in bdis and referrer.name in bdis
    assert not page.select("input[type=text], textarea"), "a frozen version is read-only"
    assert page.select_one(f"form[action='/cases/{case_id}/plan/versions/1/verify']")


def test_unknown_versions_and_other_peoples_cases_are_not_found(client, sign_in, db, case_id, agreed):
    sign_in("social_worker")
    for url in (f"/cases/{case_id}/plan/versions/2", f"/cases/{case_id}/plan/versions/0",
                f"/cases/{case_id}/plan/versions/99999999999999999999", f"/cases/{case_id}/plan/versions/2.pdf"):
        assert client.get(url).status_code == 404, url
    token = client.csrf_token(f"/cases/{case_id}/plan/versions/1")
    assert client.post(f"/cases/{case_id}/plan/versions/7/verify", data={"csrf_token": token}).status_code == 404
    stranger = add_user(db, "stranger@example.org", "social_worker")
    other = make_case(db, created_by=stranger, reference="OTHER-1", extras=False)
    for url in (f"/cases/{other}/plan/versions", f"/cases/{other}/plan/versions/1", f"/cases/{other}/plan/compare",
                f"/cases/{other}/plan/versions/1.pdf", f"/cases/{other}/plan/draft.pdf"):
        assert client.get(url).status_code == 404, url


def test_a_version_not_on_this_case_is_not_found(client, sign_in, db, case_id, agreed, referrer, coordinator):
    # The same version number on a second case of the same social worker is that case's, not this one's.
    second = make_case(db, created_by=referrer.id, reference="PLAN-8", coordinator_id=coordinator.id, extras=False)
    sign_in("social_worker")
    assert client.get(f"/cases/{second}/plan/versions/1").status_code == 404


# Checking a version's hash

def test_verifying_an_intact_version(client, sign_in, db, case_id, agreed, referrer):
    sign_in("social_worker")
    response = client.submit(f"/cases/{case_id}/plan/versions/1/verify", {},
                             form_url=f"/cases/{case_id}/plan/versions/1")
    assert response.status_code == 200
    page = check_page(response)
    assert "Version 1 is intact: its content matches the SHA-256 recorded when it was agreed" in text(page)
    assert not page.select(".govuk-warning-text")
    [event] = events(db, "plan.version_verified")
    assert event["detail"] == {"number": 1, "intact": True} and event["user_id"] == referrer.id
    assert event["record_id"] == str(case_id)


def test_verifying_a_version_changed_behind_the_apps_back(app, client, sign_in, db, case_id, agreed):
    raw = sqlite3.connect(app.config["DATABASE"])
    raw.execute("DROP TRIGGER plan_versions_no_update")
    raw.execute("UPDATE plan_versions SET content = replace(content, 'Nain collects', 'Nobody collects')")
    raw.commit()
    raw.close()
    sign_in("social_worker")
    page = check_page(client.submit(f"/cases/{case_id}/plan/versions/1/verify", {},
                                    form_url=f"/cases/{case_id}/plan/versions/1"))
    warning = text(page.select_one(".govuk-warning-text"))
    assert "does not match the SHA-256 recorded when it was agreed" in warning
    assert "is intact" not in text(page)
    assert events(db, "plan.version_verified")[0]["detail"] == {"number": 1, "intact": False}
    # A changed version is never printed as if it were the agreed one.
    response = client.get(f"/cases/{case_id}/plan/versions/1.pdf")
    assert response.status_code == 409 and response.mimetype == "text/html"
    assert "Version 1 cannot be printed" in text(check_page(response))
    assert not events(db, "plan.pdf_downloaded")


def test_a_version_whose_content_is_not_a_plan_any_more_is_shown_with_a_warning(app, client, sign_in, db,
                                                                                   case_id, agreed):
    raw = sqlite3.connect(app.config["DATABASE"])
    raw.execute("DROP TRIGGER plan_versions_no_update")
    raw.execute("UPDATE plan_versions SET content = 'not json {'")
    raw.commit()
    raw.close()
    sign_in("social_worker")
    page = client.page(f"/cases/{case_id}/plan/versions/1")
    assert "can no longer be read as a plan" in text(page)
    assert "cannot be read" in text(client.page(f"/cases/{case_id}/plan/compare?from=1&to=draft"))


# Comparing versions

@pytest.fixture
def two_versions(db, case_id, agreed, coordinator, referrer):
    """Version 2 changes task 1's words, drops task 2 for a decision, and adds a new task."""
    plan = agreed
    keep, drop = [row["id"] for row in plan_data.tasks(db, plan["id"])]
    with write(db):
        agreement.record_review(db, case_data.get(db, case_id), plan, meeting_id=None, held_on="2027-02-20",
                                changes="", outcomes={keep: ("done", ""), drop: ("done", "")}, new_version=True,
                                user_id=coordinator.id)
    plan = plan_data.get(db, case_id)
    changed = plan_data.task(db, plan["id"], keep)
    bottom_line = baselines.items(db, case_id)["bottom_line"][0]["id"]
    with write(db):
        plan_data.save_task(db, case_id, plan["id"], task("Dai collects them on Fridays", changed["answers"],
                                                          status="done"),
                            user_id=coordinator.id, task_id=keep, version=changed["version"])
        # Added before the removal: see test_a_task_added_after_the_last_one_was_removed_is_not_that_task.
        plan_data.save_task(db, case_id, plan["id"], task("Nain takes them swimming"), user_id=coordinator.id)
        plan_data.remove_task(db, plan["id"], drop, plan_data.task(db, plan["id"], drop)["version"],
                              user_id=coordinator.id)
        plan_data.note_item_decision(db, case_id, plan["id"], bottom_line, "Mr X has moved away",
                                     user_id=coordinator.id)
    decide(db, case_id, coordinator, referrer)
    return plan_data.get(db, case_id)


def test_comparing_two_versions_task_by_task(client, sign_in, db, case_id, two_versions):
    sign_in("social_worker")
    page = client.page(f"/cases/{case_id}/plan/compare?from=1&to=2")
    body = text(page)
    assert not page.select(".govuk-error-summary")
    headings = [text(h) for h in page.select("h3")]
    assert "Task 2 Added" in headings and "Task 1 Changed" in headings
    assert "Task removed: Mr X visits only at the family centre Removed" in headings
    changed = page.select_one("#changed-task-1")
    rows = {text(row.select_one("dt")): row.select_one("dd") for row in changed.select(".govuk-summary-list__row")}
    assert list(rows) == ["What will happen", "Status"], "each changed part on its own, labelled; nothing else"
    what = rows["What will happen"]
    assert [text(mark) for mark in what.select("del")] == [
        "Removed text: Nain collects the children from school (end of removed text)"]
    assert [text(mark) for mark in what.select("ins")] == [
        "Added text: Dai collects them on Fridays (end of added text)"]
    assert [text(mark) for mark in rows["Status"].select("del, ins")] == [
        "Removed text: Not started (end of removed text)", "Added text: Done (end of added text)"]
    assert "Nain takes them swimming" in body
    assert page.select_one("select[name=from] option[selected]")["value"] == "1"
    assert page.select_one("select[name=to] option[selected]")["value"] == "2"


def test_the_comparison_marks_exactly_the_words_that_changed(client, sign_in, db, case_id, agreed, coordinator,
                                                              referrer):
    keep = plan_data.tasks(db, agreed["id"])[0]
    with write(db):
        agreement.record_review(db, case_data.get(db, case_id), agreed, meeting_id=None, held_on="2027-02-20",
                                changes="", outcomes={}, new_version=True, user_id=coordinator.id)
        plan = plan_data.get(db, case_id)
        changed = plan_data.task(db, plan["id"], keep["id"])
        plan_data.save_task(db, case_id, plan["id"], task("Nain collects the children from school on <b>Fridays</b>",
                                                          changed["answers"], who_other="Mam, and Taid",
                                                          checker="Nain"),
                            user_id=coordinator.id, task_id=keep["id"], version=changed["version"])
        plan_data.save_details(db, plan["id"], plan["version"], {
            "contingency": "Nain moves in if Mam is unwell or away", "monitoring": "The social worker",
            "review_on": "2027-02-22"}, user_id=coordinator.id)
    sign_in("social_worker")
    page = client.page(f"/cases/{case_id}/plan/compare?from=1&to=draft")
    html = page.select_one("#changed-task-1")
    what = html.select_one(".app-diff")
    assert [mark.get_text("", strip=True) for mark in what.select("ins")] == ["Added text:on <b>Fridays</b>"
                                                                               "(end of added text)"]
    assert not what.select("del") and not what.select("b"), "typed markup is only text"
    assert text(what) == "Nain collects the children from school Added text: on <b>Fridays</b> (end of added text)"
    who = {text(row.select_one("dt")): row.select_one("dd") for row in html.select(".govuk-summary-list__row")}
    assert [text(mark) for mark in who["Who does it"].select("del, ins")] == [
        "Removed text: Mam (end of removed text)", "Added text: Mam, and Taid (end of added text)"]
    rest = page.select_one("#changed-plan")
    contingency = rest.select_one(".app-diff")
    assert [text(mark) for mark in contingency.select("ins")] == ["Added text: or away (end of added text)"]
    assert text(contingency).startswith("Nain moves in if Mam is unwell")
    assert "; " not in text(page.select_one("main")), "no two parts are ever joined into one"
    legend = text(page.select_one("#how-changes-are-shown"))
    assert "underlined" in legend and "struck through" in legend


def test_a_task_added_after_the_last_one_was_removed_is_not_that_task(db, case_id, agreed, coordinator):
    plan = agreed
    keys = [row["id"] for row in plan_data.tasks(db, plan["id"])]
    with write(db):
        agreement.record_review(db, case_data.get(db, case_id), plan, meeting_id=None, held_on="2027-02-20",
                                changes="", outcomes={}, new_version=True, user_id=coordinator.id)
        plan_data.remove_task(db, plan["id"], keys[-1], plan_data.task(db, plan["id"], keys[-1])["version"],
                              user_id=coordinator.id)
        new_key = plan_data.save_task(db, case_id, plan["id"], task("Something else entirely"),
                                      user_id=coordinator.id)
    assert new_key not in keys


def test_comparing_with_the_working_copy(client, sign_in, db, case_id, two_versions, coordinator):
    with write(db):
        agreement.record_review(db, case_data.get(db, case_id), two_versions, meeting_id=None,
                                held_on="2027-05-01", changes="", outcomes={}, new_version=True,
                                user_id=coordinator.id)
        plan = plan_data.get(db, case_id)
        plan_data.save_details(db, plan["id"], plan["version"], {"contingency": "Dai steps in", "monitoring":
                                                                 "The social worker", "review_on": "2027-08-01"},
                               user_id=coordinator.id)
    sign_in("social_worker")
    page = client.page(f"/cases/{case_id}/plan/compare?from=2&to=draft")
    rest = {text(row.select_one("dt")): row.select_one("dd") for row in page.select("#changed-plan > div")}
    assert list(rest) == ["Contingency plan", "Review date"]
    assert [text(mark) for mark in rest["Contingency plan"].select("del, ins")] == [
        "Removed text: Nain moves in if Mam is unwell (end of removed text)",
        "Added text: Dai steps in (end of added text)"]
    assert [text(mark) for mark in rest["Review date"].select("del, ins")] == [
        "Removed text: 22 February 2027 (end of removed text)", "Added text: 1 August 2027 (end of added text)"]
    assert "the working copy (draft)" in text(page)
    assert "No tasks were added, removed or changed." in text(page)


@pytest.mark.parametrize("query, message", [
    ("from=1&to=1", "Select two different versions to compare"),
    ("from=&to=", "Select the version to compare from"),
    ("to=2", "Select the version to compare from"),
    ("from=1", "Select the version to compare with"),
    ("from=9&to=2", "Select a version from the list to compare from"),
    ("from=1&to=nine", "Select a version from the list to compare with"),
    ("from=99999999999999999999999&to=2", "Select a version from the list to compare from"),
    ("from=%C2%B2&to=2", "Select a version from the list to compare from"),
    ("from=1&to=draft&to=%3Cscript%3E", None),
])
def test_a_bad_comparison_gives_the_form_back_with_errors(client, sign_in, case_id, two_versions, query, message):
    sign_in("social_worker")
    page = client.page(f"/cases/{case_id}/plan/compare?{query}")
    if message is None:
        assert not page.select(".govuk-error-summary")
        return
    summary = page.select_one(".govuk-error-summary")
    assert summary is not None and message in text(summary)
    assert page.title.get_text().startswith("Error: ")
    assert page.select_one("select[name=from]") and page.select_one("select[name=to]")
    assert not page.select("h2.govuk-heading-m")


def test_the_compare_page_alone_shows_just_the_form(client, sign_in, case_id, two_versions):
    sign_in("social_worker")
    page = client.page(f"/cases/{case_id}/plan/compare")
    assert not page.select(".govuk-error-summary") and page.select_one("select[name=from]")


# Reviews

def test_a_review_needs_a_review_meeting(client, sign_in, db, case_id, agreed):
    sign_in("coordinator")
    page = client.page(f"/cases/{case_id}/plan/review")
    assert page.h1.get_text() == "Schedule the review first"
    assert page.select_one(f"a[href='/cases/{case_id}/meetings/new/review']")


def test_a_review_needs_an_agreed_plan(client, sign_in, db, case_id, coordinator):
    write_plan(db, case_id, coordinator)
    sign_in("coordinator")
    assert client.page(f"/cases/{case_id}/plan/review").h1.get_text() == "There is no agreed plan to review yet"


def test_only_those_who_run_the_case_record_reviews(client, sign_in, db, case_id, agreed, coordinator):
    schedule_review(db, case_id, coordinator)
    sign_in("social_worker")
    assert client.get(f"/cases/{case_id}/plan/review").status_code == 403
    assert "Record a review" not in text(client.page(f"/cases/{case_id}/plan/versions"))


def test_a_review_with_mistakes_keeps_what_was_typed(client, sign_in, db, case_id, agreed, coordinator):
    schedule_review(db, case_id, coordinator)
    first, second = [row["id"] for row in plan_data.tasks(db, agreed["id"])]
    nain = network.for_case(db, case_id)[0]["id"]
    future = datetime.date.today() + datetime.timedelta(days=2)
    sign_in("coordinator")
    response = client.submit(f"/cases/{case_id}/plan/review", {
        "version": "1", "held_on-day": str(future.day), "held_on-month": str(future.month),
        "held_on-year": str(future.year), f"outcome_{first}": "in_progress", f"comment_{first}": "Most weeks",
        f"comment_{second}": "Not yet", "changes": "", f"score_family_{nain}": "11"})
    assert response.status_code == 200
    page = check_page(response)
    summary = text(page.select_one(".govuk-error-summary"))
    for message in ("Date of the review must be today or in the past", "Select how far task 2 has got",
                    "Enter what has changed since the plan was agreed",
                    "Enter a whole number from 0 to 10 for Nain Jones, or leave it blank",
                    "Select yes if a new version of the plan should be started"):
        assert message in summary
    assert summary.index("Date of the review") < summary.index("task 2") < summary.index("changed") \
        < summary.index("Nain Jones") < summary.index("new version"), "errors are listed in the page’s order"
    assert page.select_one(f"input[name=outcome_{first}][value=in_progress]").has_attr("checked")
    assert page.select_one(f"#comment_{first}")["value"] == "Most weeks"
    assert page.select_one(f"#comment_{second}")["value"] == "Not yet"
    assert page.select_one(f"#score_family_{nain}")["value"] == "11"
    assert page.select_one(f"label[for=score_family_{nain}] bdi").get_text() == "Nain Jones"
    assert page.select_one("#held_on-day")["value"] == str(future.day)
    assert plan_data.reviews(db, agreed["id"]) == []
    # Every radio group is a fieldset with a legend; every field has a label.
    for group in page.select(".govuk-radios"):
        assert group.find_parent("fieldset").legend is not None
    for field in page.select("input[type=text], textarea"):
        assert page.select_one(f"label[for='{field['id']}']") is not None, field["id"]


def test_recording_a_review(client, sign_in, db, case_id, agreed, coordinator):
    meeting_id = schedule_review(db, case_id, coordinator)
    first, second = [row["id"] for row in plan_data.tasks(db, agreed["id"])]
    nain = network.for_case(db, case_id)[0]["id"]
    doctor = professionals.for_case(db, case_id)[0]["id"]
    sign_in("coordinator")
    page = client.page(f"/cases/{case_id}/plan/review")
    assert "Version 1 of the plan is already being written" not in text(page)
    response = client.submit(f"/cases/{case_id}/plan/review", review_data(db, agreed, **{
        "version": "1", f"outcome_{second}": "not_done", f"comment_{second}": "Mr X came round twice",
        f"score_family_{nain}": "7", f"score_professional_{doctor}": "5"}))
    assert response.status_code == 302 and response.location.endswith(f"/cases/{case_id}/plan/versions")
    [review] = plan_data.reviews(db, agreed["id"])
    assert review["version_number"] == 1 and review["held_on"] == yesterday().isoformat()
    assert review["meeting_id"] == meeting_id and not review["started_new_version"]
    assert {key: row["outcome"] for key, row in review["outcomes"].items()} == {first: "done", second: "not_done"}
    assert scales.for_meeting(db, meeting_id) == {("family", nain): 7, ("professional", doctor): 5}
    assert plan_data.get(db, case_id)["status"] == "agreed" and plan_data.get(db, case_id)["number"] == 1
    [event] = events(db, "plan.review_recorded")
    assert event["detail"]["new_version"] is False and event["detail"]["number"] == 1
    page = client.page(f"/cases/{case_id}/plan/versions")
    assert "The review has been recorded" in text(page)
    reviews = text(page)
    assert f"Review held {yesterday().day} " in reviews and "Mam has started a course" in reviews
    assert "Mr X came round twice" in reviews and "Not done" in reviews
    # Opening the form again shows the scales already given at this review.
    page = client.page(f"/cases/{case_id}/plan/review")
    assert page.select_one(f"#score_family_{nain}")["value"] == "7"


def test_a_review_can_start_a_new_version(client, sign_in, db, case_id, agreed, coordinator):
    schedule_review(db, case_id, coordinator)
    first, second = [row["id"] for row in plan_data.tasks(db, agreed["id"])]
    sign_in("coordinator")
    response = client.submit(f"/cases/{case_id}/plan/review", review_data(db, agreed, **{
        "version": "1", f"outcome_{second}": "in_progress", "new_version": "yes"}))
    assert response.status_code == 302 and response.location.endswith(f"/cases/{case_id}/plan")
    plan = plan_data.get(db, case_id)
    assert plan["number"] == 2 and plan["status"] == "draft"
    assert {row["id"]: row["status"] for row in plan_data.tasks(db, plan["id"])} == \
        {first: "done", second: "in_progress"}
    assert plan_data.reviews(db, plan["id"])[0]["started_new_version"] == 1
    # While version 2 is being written, a further review cannot start another.
    page = client.page(f"/cases/{case_id}/plan/review")
    assert "Version 2 of the plan is already being written" in text(page)
    assert not page.select("input[name=new_version]")
    response = client.submit(f"/cases/{case_id}/plan/review", review_data(db, agreed, version="1",
                                                                          new_version="yes"))
    assert response.status_code == 302
    assert plan_data.get(db, case_id)["number"] == 2 and len(plan_data.reviews(db, plan["id"])) == 2


def test_a_review_of_a_plan_agreed_again_meanwhile_is_refused(client, sign_in, db, case_id, agreed, coordinator):
    schedule_review(db, case_id, coordinator)
    sign_in("coordinator")
    response = client.submit(f"/cases/{case_id}/plan/review", review_data(db, agreed, version="0"))
    assert response.status_code == 200
    assert "The plan was agreed again while you were recording this review" in text(check_page(response))
    assert plan_data.reviews(db, agreed["id"]) == []


def test_hostile_review_comments_are_kept_and_shown_escaped(client, sign_in, db, case_id, agreed, coordinator):
    schedule_review(db, case_id, coordinator)
    first, second = [row["id"] for row in plan_data.tasks(db, agreed["id"])]
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" &amp;'
    rtl = "שלום \u202eevil\u202c مرحبا"
    long_comment = ("ẅ" * 990) + "0123456789"
    sign_in("coordinator")
    too_long = client.submit(f"/cases/{case_id}/plan/review", review_data(db, agreed, **{
        "version": "1", f"comment_{first}": "x" * 5000}))
    page = check_page(too_long)
    assert "Comment on task 1 must be 1,000 characters or fewer" in text(page.select_one(".govuk-error-summary"))
    assert page.select_one(f"#comment_{first}")["value"] == "x" * 5000
    response = client.submit(f"/cases/{case_id}/plan/review", review_data(db, agreed, **{
        "version": "1", f"comment_{first}": hostile + " " + rtl, f"comment_{second}": long_comment,
        "changes": hostile}))
    assert response.status_code == 302
    [review] = plan_data.reviews(db, agreed["id"])
    assert review["outcomes"][first]["comment"] == hostile + " " + rtl
    assert review["outcomes"][second]["comment"] == long_comment and review["changes"] == hostile
    response = client.get(f"/cases/{case_id}/plan/versions")
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = check_page(response)
    comments = [tag.get_text() for tag in page.find_all("bdi")]
    shown = (hostile + " " + rtl).replace("\u202e", "").replace("\u202c", "")  # the typed controls are dropped
    assert shown in comments and long_comment in comments


# The plans list

def test_plans_on_your_cases(client, sign_in, db, case_id, agreed):
    stranger = add_user(db, "stranger@example.org", "social_worker")
    other = make_case(db, created_by=stranger, reference="HIDDEN-9", coordinator_id=user_id(db,
                      "coordinator@example.org"), stage="conference_scheduled", extras=True)
    with write(db):
        plan_data.ensure(db, other, user_id=stranger, review_on=None)
    sign_in("social_worker")
    page = client.page("/plans")
    assert page.h1.get_text() == "Plans on your cases"
    body = text(page)
    assert "PLAN-7" in body and "HIDDEN-9" not in body
    assert CHILD not in body
    links = {a["href"] for a in page.select("table a")}
    assert {f"/cases/{case_id}/plan/versions/1.pdf", f"/cases/{case_id}/plan/versions"} <= links
    assert f"/cases/{other}/plan/versions" not in links
    [event] = events(db, "plan.list_viewed")
    assert event["detail"] == {"status": "open", "page": 1, "case_ids": [case_id]}


def test_the_plans_list_leaves_closed_history_out_unless_asked_and_comes_in_pages(client, sign_in, db, case_id,
                                                                                 agreed):
    social_worker = user_id(db, "social_worker@example.org")
    more = []
    with write(db):
        for number in range(30):
            made = make_case(db, created_by=social_worker, reference=f"MORE-{number:02}", extras=False)
            plan_data.ensure(db, made, user_id=social_worker, review_on=None)
            more.append(made)
        case_data.move(db, case_id, to_stage="closed", user_id=social_worker, closed_on="2026-12-01")
    sign_in("social_worker")
    first = client.page("/plans")
    assert "PLAN-7" not in text(first), "closed history is left out"
    assert len(first.select("tbody tr")) == 25 and "Showing 1 to 25 of 30 plans" in text(first)
    second = client.page(first.select_one(".govuk-pagination__next a")["href"])
    assert len(second.select("tbody tr")) == 5
    assert "PLAN-7" in text(client.page("/plans?status=closed"))
    assert "PLAN-7" in text(client.page("/plans?status=all&page=2"))
    assert client.raw.get("/plans?page=99").status_code == 302, "past the end: to the last page"
    detail = events(db, "plan.list_viewed")[0]["detail"]  # newest first
    assert detail["status"] == "all" and detail["page"] == 2 and len(detail["case_ids"]) == 6


def test_the_plans_list_for_other_roles(new_client, db, case_id, agreed):
    assert "PLAN-7" in text(new_client("coordinator").page("/plans"))
    assert "PLAN-7" in text(new_client("manager").page("/plans"))
    assert new_client("admin").get("/plans").status_code == 403


# Downloads

def test_downloads_are_audited_and_named_without_the_child(client, sign_in, db, case_id, agreed, coordinator,
                                                           run_jobs, download):
    sign_in("social_worker")
    # The agreed version was queued for printing when it was agreed, so once the worker has run it is ready.
    assert [job["state"] for job in run_jobs()] == ["done"]
    response = client.get(f"/cases/{case_id}/plan/versions/1.pdf")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment") and "PLAN-7-plan-v1.pdf" in disposition
    assert "Lowri" not in disposition and "Haddad" not in disposition
    assert response.headers["Cache-Control"] == "no-store"
    [event] = events(db, "plan.pdf_downloaded")
    assert event["detail"] == {"number": 1, "draft": False} and event["record_id"] == str(case_id)
    # A second download is the kept copy, and is audited again.
    again = client.get(f"/cases/{case_id}/plan/versions/1.pdf")
    assert again.data == response.data and len(events(db, "plan.pdf_downloaded")) == 2

    with write(db):
        agreement.record_review(db, case_data.get(db, case_id), agreed, meeting_id=None, held_on="2027-02-20",
                                changes="", outcomes={}, new_version=True, user_id=coordinator.id)
    response = download(f"/cases/{case_id}/plan/draft.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert "PLAN-7-plan-v2-draft.pdf" in disposition and "Lowri" not in disposition
    assert events(db, "plan.pdf_downloaded")[0]["detail"] == {"number": 2, "draft": True}


def test_a_pdf_is_made_in_the_background_while_a_page_says_so(client, sign_in, db, case_id, agreed, run_jobs):
    """Nothing is rendered while the page waits: the download answers 202 with a page that checks for it."""
    sign_in("social_worker")
    url = f"/cases/{case_id}/plan/draft.pdf"
    waiting = client.get(url)
    assert waiting.status_code == 202 and waiting.mimetype == "text/html"
    page = check_page(waiting)
    assert text(page.h1) == "Preparing the PDF of the draft plan"
    panel = page.select_one("[data-module=fgc-pdf-status]")
    assert panel["data-url"] == url and panel.select_one("[role=status]")
    assert page.select_one(f"a[href='{url}']").get_text(strip=True) == "Check if the PDF is ready"
    assert client.get(f"{url}?check=1").get_json() == {"state": "preparing"}
    # Asking again, or asking from another tab, waits for the same job rather than queueing another.
    client.get(url)
    assert db.execute("SELECT count(*) FROM jobs WHERE kind = 'pdf.kept'").fetchone()[0] == 1
    assert not events(db, "plan.pdf_downloaded")

    run_jobs()
    assert client.get(f"{url}?check=1").get_json() == {"state": "ready"}
    first = client.get(url)
    assert first.mimetype == "application/pdf"
    # Unchanged, the draft is not made again: the same bytes, and no new job.
    assert client.get(url).data == first.data
    assert db.execute("SELECT count(*) FROM jobs WHERE kind = 'pdf.kept'").fetchone()[0] == 1
    assert len(events(db, "plan.pdf_downloaded")) == 2


def test_a_changed_draft_is_made_again_and_only_the_newest_is_kept(client, sign_in, db, case_id, agreed,
                                                                     coordinator, download):
    sign_in("social_worker")
    with write(db):
        agreement.record_review(db, case_data.get(db, case_id), agreed, meeting_id=None, held_on="2027-02-20",
                                changes="", outcomes={}, new_version=True, user_id=coordinator.id)
    url = f"/cases/{case_id}/plan/draft.pdf"
    before = download(url).data
    plan = plan_data.get(db, case_id)
    with write(db):
        plan_data.save_details(db, plan["id"], plan["version"], {"contingency": "Nain will step in.",
                                                                 "monitoring": "", "review_on": plan["review_on"]},
                               user_id=coordinator.id)
    after = download(url).data
    assert before != after and "Nain will step in." in " ".join(page.extract_text() for page in
                                                              pypdf.PdfReader(io.BytesIO(after)).pages)
    assert db.execute("SELECT count(*) FROM kept_pdfs WHERE kind = 'draft'").fetchone()[0] == 1


def test_a_pdf_that_cannot_be_made_is_tried_again_then_reported(app, client, sign_in, db, case_id, agreed,
                                                                 run_jobs, caplog):
    """A real timeout each time: the job is tried three times, with a wait between, then shown as failed, with a
    button to try again. Never a 503, and never a PDF that is not the plan."""
    app.config["PDF_JOB_TIMEOUT"] = 0.001
    sign_in("social_worker")
    url = f"/cases/{case_id}/plan/versions/1.pdf"
    for attempt in (1, 2, 3):
        [job] = run_jobs()
        assert job["attempts"] == attempt and "RenderTimeout" in job["last_error"]
        assert job["state"] == ("failed" if attempt == 3 else "queued")
        waiting = client.get(url)
        if attempt < 3:
            assert waiting.status_code == 202
            assert "tried again" in text(check_page(waiting))
            assert run_jobs() == [], "it waits before trying again"
            with write(db):  # time passes
                db.execute("UPDATE jobs SET run_after = '2000-01-01' WHERE id = ?", [job["id"]])
    page = check_page(waiting)
    assert waiting.status_code == 200 and text(page.h1) == "The PDF of version 1 of the plan could not be made"
    assert "It was tried 3 times" in text(page)
    assert client.get(f"{url}?check=1").get_json() == {"state": "failed"}
    assert "failed after 3 attempt(s)" in caplog.text
    assert not events(db, "plan.pdf_downloaded")

    app.config["PDF_JOB_TIMEOUT"] = 120
    form = page.select_one(f"form[action='{url}']")
    retried = client.post(url, data={"csrf_token": form.select_one("[name=csrf_token]")["value"]})
    assert retried.status_code == 303 and retried.headers["Location"].endswith(url)
    assert client.get(url).status_code == 202
    assert [job["state"] for job in run_jobs()] == ["done"]
    assert client.get(url).data.startswith(b"%PDF")
    assert case_file.filename("PLAN-7", 1) == "PLAN-7-plan-v1.pdf"


def test_the_review_form_shows_what_the_family_told_us_about_each_task(client, sign_in, db, case_id, agreed,
                                                                       coordinator):
    from fgc.data import family_links

    schedule_review(db, case_id, coordinator)
    first, second = [str(row["id"]) for row in plan_data.tasks(db, agreed["id"])]
    nain = network.for_case(db, case_id)[0]["id"]
    with write(db):
        link_id, _token = family_links.create(db, case_id, nain, expires_at="2099-01-01T00:00:00+00:00",
                                              pin_hash=None, user_id=coordinator.id, consent_withdrawn=False)
        family_links.add_task_update(db, link_id, agreed["id"], 1, first, done=True, note="Every day <b>so far</b>")
        family_links.add_task_update(db, link_id, agreed["id"], 1, second, done=False, note="Started on Monday")
        family_links.add_task_update(db, link_id, agreed["id"], 0, second, done=True, note="About an older version")
    sign_in("coordinator")
    page = client.page(f"/cases/{case_id}/plan/review")
    told = [text(box) for box in page.select(".govuk-inset-text")
            if "What the family told us" in text(box)]
    assert len(told) == 2, "one box for each task the family wrote about"
    assert "Nain Jones said it was done, on" in told[0] and "“Every day <b>so far</b>”" in told[0]
    assert "Nain Jones wrote on" in told[1] and "Started on Monday" in told[1]
    assert "About an older version" not in text(page)
    assert page.find("b", string="so far") is None, "the family's words are shown as text, never markup"
    # The task's own radios come straight after what the family said, so the coordinator reads it first.
    assert page.select_one(f"input[name=outcome_{first}]").find_previous("h4").get_text() == \
        "What the family told us through their links"
