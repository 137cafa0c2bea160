"""Writing the plan through its pages: tasks, the bottom-line check, the rest of the plan, resources,
the referrer's decision, sign-off, and two people editing at once."""

import threading

import pytest

from fgc.data import audit as audit_data
from fgc.data import baselines, network
from fgc.data import cases as case_data
from fgc.data import plans as plan_data
from fgc.db import write

from conftest import check_page, text
from factories import make_case, read, user_id


@pytest.fixture
def case_id(db):
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="FGC-PLAN-7",
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled",
                        child_name="Megan")
    with write(db):
        baselines.add_item(db, created, "bottom_line", "Megan must not be left alone with Mr X")
        case_data.move(db, created, to_stage="conference_held", user_id=1)
    return created


def refs(db, case_id):
    items = baselines.items(db, case_id)
    return {item["text"]: f"item:{item['id']}" for kind in ("question", "bottom_line") for item in items[kind]}


def nain(db, case_id):
    return str(next(p for p in network.for_case(db, case_id) if p["name"] == "Nain Jones")["id"])


def task_form(db, case_id, what="Nain collects Megan from school", **extra):
    return {"what": what, "who_people": [nain(db, case_id)], "by_when": "Every Tuesday", "checker": "Uncle Dai",
            "status": "not_started", **extra}


def add_task(client, db, case_id, **values):
    response = client.submit(f"/cases/{case_id}/plan/tasks/new", task_form(db, case_id, **values))
    assert response.status_code == 302, text(check_page(response))
    return response


def plan_of(db, case_id):
    return plan_data.get(db, case_id)


def decide(browser, db, case_id, **values):
    return browser.submit(f"/cases/{case_id}/plan/decision", {"revision": plan_of(db, case_id)["revision"], **values})


def answer_everything(client, db, case_id):
    for item_text, ref in refs(db, case_id).items():
        add_task(client, db, case_id, what=f"Plan for: {item_text}", answers=[ref])


def test_a_coordinator_writes_a_task_in_the_familys_words(client, sign_in, db, case_id):
    sign_in("coordinator")
    question = refs(db, case_id)["Who will look after the children?"]
    add_task(client, db, case_id, answers=[question], by_when="Every Tuesday and Thursday")
    page = text(client.page(f"/cases/{case_id}/plan"))
    assert "Nain collects Megan from school" in page and "Every Tuesday and Thursday" in page
    assert "Uncle Dai" in page and "Question: Who will look after the children?" in page
    plan = plan_of(db, case_id)
    assert plan["review_on"] is not None, "the review date defaults to three months after the conference"
    events = [event["action"] for event in audit_data.events(db, limit=20)]
    assert "plan.task_saved" in events


def test_a_task_form_with_mistakes_keeps_everything_typed(client, sign_in, db, case_id):
    sign_in("coordinator")
    page = check_page(client.submit(f"/cases/{case_id}/plan/tasks/new",
                                    {"what": "Dai phones every night", "checker": "", "status": "in_progress",
                                     "by_date-day": "31", "by_date-month": "2", "by_date-year": "2027"}))
    summary = text(page.select_one(".govuk-error-summary"))
    assert "Select who does this, or enter someone else’s name" in summary
    assert "Enter who checks that it happens" in summary
    assert "Date must be a real date" in summary
    assert page.select_one("#what").get_text() == "Dai phones every night"
    assert page.select_one("#by_date-day")["value"] == "31"
    assert page.select_one("input[name=status][value=in_progress]").has_attr("checked")
    assert plan_of(db, case_id) is None, "nothing is saved from a form with mistakes"


def test_the_bottom_line_check_lists_what_is_unanswered_and_blocks_ready(client, sign_in, db, case_id):
    sign_in("coordinator")
    question = refs(db, case_id)["Who will look after the children?"]
    add_task(client, db, case_id, answers=[question])
    page = client.page(f"/cases/{case_id}/plan")
    links = [(a.get_text(" ", strip=True), a["href"]) for a in page.select("#unanswered a")]
    bottom_line = next(item for item in baselines.items(db, case_id)["bottom_line"])
    assert links == [("Bottom line: Megan must not be left alone with Mr X",
                      f"/cases/{case_id}/plan/items/{bottom_line['id']}")]
    plan = plan_of(db, case_id)
    response = client.submit(f"/cases/{case_id}/plan/ready", {"revision": plan["revision"]},
                             form_url=f"/cases/{case_id}/plan")
    assert response.status_code == 302
    page = client.page(f"/cases/{case_id}/plan")
    assert "cannot be marked ready for agreement: 1 bottom line or question still needs an answer" in text(page)
    assert plan_of(db, case_id)["status"] == "draft"
    # A decision noted against the bottom line answers it.
    client.submit(f"/cases/{case_id}/plan/items/{bottom_line['id']}", {"decision": "Mr X has moved away; the "
                                                                                   "family will not let him visit"})
    page = client.page(f"/cases/{case_id}/plan")
    assert "Every bottom line and question is answered" in text(page)
    plan = plan_of(db, case_id)
    client.submit(f"/cases/{case_id}/plan/ready", {"revision": plan["revision"]}, form_url=f"/cases/{case_id}/plan")
    assert plan_of(db, case_id)["status"] == "ready"


def test_tasks_can_be_moved_up_and_down(client, sign_in, db, case_id):
    sign_in("coordinator")
    for what in ("First", "Second", "Third"):
        add_task(client, db, case_id, what=what)
    plan = plan_of(db, case_id)
    third = plan_data.tasks(db, plan["id"])[2]["id"]
    client.submit(f"/cases/{case_id}/plan/tasks/{third}/move/up", {}, form_url=f"/cases/{case_id}/plan")
    assert [task["what"] for task in plan_data.tasks(db, plan["id"])] == ["First", "Third", "Second"]
    rows = client.page(f"/cases/{case_id}/plan").select(".app-plan-table tbody tr")
    assert [row.select("td")[1].get_text(strip=True) for row in rows] == ["First", "Third", "Second"]


def test_a_second_saver_sees_their_text_beside_the_saved_one_and_can_merge(client, sign_in, db, case_id,
                                                                           new_client):
    sign_in("coordinator")
    add_task(client, db, case_id, what="Original words")
    task_id = plan_data.tasks(db, plan_of(db, case_id)["id"])[0]["id"]
    url = f"/cases/{case_id}/plan/tasks/{task_id}"
    manager = new_client("manager")
    mine = client.page(url)
    theirs = manager.page(url)
    assert mine.select_one("input[name=version]")["value"] == theirs.select_one("input[name=version]")["value"] == "1"
    response = manager.raw.post(url, data={**task_form(db, case_id, what="The manager's words"), "version": "1",
                                           "csrf_token": theirs.select_one("input[name=csrf_token]")["value"]})
    assert response.status_code == 302
    response = client.raw.post(url, data={**task_form(db, case_id, what="The coordinator's words"), "version": "1",
                                          "csrf_token": mine.select_one("input[name=csrf_token]")["value"]})
    assert response.status_code == 200
    page = check_page(response)
    assert "Someone else changed this while you were editing" in text(page.select_one(".govuk-error-summary"))
    assert page.select_one("#what").get_text() == "The coordinator's words", "my text is kept"
    assert "The manager's words" in text(page.select_one(".app-conflict")), "theirs is shown beside it"
    assert "Test Manager" in text(page.select_one("#saved-now"))
    assert plan_data.task(db, plan_of(db, case_id)["id"], task_id)["what"] == "The manager's words"
    # Merging: the form now carries the saved version, so a deliberate save lands.
    merged = page.select_one("input[name=version]")["value"]
    assert merged == "2"
    response = client.raw.post(url, data={**task_form(db, case_id, what="Both sets of words"), "version": merged,
                                          "csrf_token": mine.select_one("input[name=csrf_token]")["value"]})
    assert response.status_code == 302
    assert plan_data.task(db, plan_of(db, case_id)["id"], task_id)["what"] == "Both sets of words"


def test_a_task_removed_by_someone_else_can_be_saved_again_as_new(client, sign_in, db, case_id, new_client):
    sign_in("coordinator")
    add_task(client, db, case_id, what="Soon gone")
    task_id = plan_data.tasks(db, plan_of(db, case_id)["id"])[0]["id"]
    mine = client.page(f"/cases/{case_id}/plan/tasks/{task_id}")
    new_client("manager").submit(f"/cases/{case_id}/plan/tasks/{task_id}/remove", {"version": "1"})
    response = client.raw.post(f"/cases/{case_id}/plan/tasks/{task_id}",
                               data={**task_form(db, case_id, what="My changes to it"), "version": "1",
                                     "csrf_token": mine.select_one("input[name=csrf_token]")["value"]})
    page = check_page(response)
    assert "Someone else removed this task" in text(page.select_one(".govuk-error-summary"))
    assert page.select_one("#what").get_text() == "My changes to it"
    form = page.select_one("form[action$='/plan/tasks/new']")
    assert form is not None
    client.submit(f"/cases/{case_id}/plan/tasks/new", task_form(db, case_id, what="My changes to it"))
    assert [task["what"] for task in plan_data.tasks(db, plan_of(db, case_id)["id"])] == ["My changes to it"]


def test_the_rest_of_the_plan_is_guarded_too(client, sign_in, db, case_id, new_client):
    sign_in("coordinator")
    url = f"/cases/{case_id}/plan/details"
    page = client.page(url)
    review = {name: page.select_one(f"#review_on-{name}")["value"] for name in ("day", "month", "year")}
    assert all(review.values()), "the review date is filled in for the coordinator"
    client.submit(url, {"contingency": "Nain steps in", "monitoring": "Uncle Dai",
                        **{f"review_on-{k}": v for k, v in review.items()}})
    mine = client.page(url)
    version = mine.select_one("input[name=version]")["value"]
    manager = new_client("manager")
    manager.submit(url, {"contingency": "Aunt Siân steps in", "monitoring": "Uncle Dai", "version": version,
                         **{f"review_on-{k}": v for k, v in review.items()}})
    response = client.raw.post(url, data={"contingency": "Nain and Taid step in", "monitoring": "Uncle Dai",
                                          "version": version,
                                          "csrf_token": mine.select_one("input[name=csrf_token]")["value"],
                                          **{f"review_on-{k}": v for k, v in review.items()}})
    page = check_page(response)
    assert page.select_one("#contingency").get_text() == "Nain and Taid step in"
    assert "Aunt Siân steps in" in text(page.select_one(".app-conflict"))
    assert plan_of(db, case_id)["contingency"] == "Aunt Siân steps in"


def test_referrer_agrees_and_the_case_moves_on(client, sign_in, db, case_id, new_client):
    sign_in("coordinator")
    answer_everything(client, db, case_id)
    plan = plan_of(db, case_id)
    client.submit(f"/cases/{case_id}/plan/ready", {"revision": plan["revision"]}, form_url=f"/cases/{case_id}/plan")
    assert client.get(f"/cases/{case_id}/plan/decision").status_code == 403, "only the referrer decides"
    referrer = new_client("social_worker")
    assert "Record your decision" in text(referrer.page(f"/cases/{case_id}/plan"))
    page = check_page(decide(referrer, db, case_id, **{"outcome": "agreed_with_changes",
                                                                          "changes": ""}))
    assert "Enter the changes that are needed" in text(page.select_one(".govuk-error-summary"))
    decide(referrer, db, case_id, **{"outcome": "agreed_with_changes",
                                                        "changes": "Add the school's phone number"})
    version = plan_data.version(db, plan["id"], 1)
    assert version["outcome"] == "agreed_with_changes" and version["decided_by_name"] == "Test Social Worker"
    assert case_data.get(db, case_id)["stage"] == "plan_agreed"
    page = client.page(f"/cases/{case_id}/plan")
    assert "Agreed" in text(page.select_one("#plan-status"))
    response = client.get(f"/cases/{case_id}/plan/tasks/new")
    assert response.status_code == 302, "an agreed plan cannot be changed"
    assert "Version 1 is agreed, so it cannot be changed" in text(client.page(f"/cases/{case_id}/plan"))


def test_referrer_declines_with_reasons_and_the_family_revise(client, sign_in, db, case_id, new_client):
    sign_in("coordinator")
    answer_everything(client, db, case_id)
    plan = plan_of(db, case_id)
    client.submit(f"/cases/{case_id}/plan/ready", {"revision": plan["revision"]}, form_url=f"/cases/{case_id}/plan")
    referrer = new_client("social_worker")
    page = check_page(decide(referrer, db, case_id, **{"outcome": "declined"}))
    assert "Enter why you decline the plan" in text(page.select_one(".govuk-error-summary"))
    decide(referrer, db, case_id, **{"outcome": "declined",
                                                        "reasons": "Nobody is named for weekends"})
    plan = plan_of(db, case_id)
    assert plan["number"] == 2 and plan["status"] == "draft"
    assert plan_data.version(db, plan["id"], 1)["outcome"] == "declined"
    assert "The referrer declined version 1. Their reasons: Nobody is named for weekends" in text(
        client.page(f"/cases/{case_id}/plan"))
    add_task(client, db, case_id, what="Aunt Siân has Megan every other weekend")
    assert plan_of(db, case_id)["number"] == 2


def test_a_flagged_resource_needs_a_managers_sign_off(client, sign_in, db, case_id, new_client):
    sign_in("coordinator")
    answer_everything(client, db, case_id)
    client.submit(f"/cases/{case_id}/plan/resources/new", {"what": "Respite weekend", "detail": "Monthly",
                                                          "sign_off_needed": "y"})
    plan = plan_of(db, case_id)
    client.submit(f"/cases/{case_id}/plan/ready", {"revision": plan["revision"]}, form_url=f"/cases/{case_id}/plan")
    decide(new_client("social_worker"), db, case_id, outcome="agreed")
    assert plan_of(db, case_id)["status"] == "awaiting_sign_off"
    assert "Needs senior sign-off" in text(client.page(f"/cases/{case_id}/plan"))
    resource_id = plan_data.resources(db, plan["id"])[0]["id"]
    assert client.get(f"/cases/{case_id}/plan/resources/{resource_id}/sign-off").status_code == 403
    manager = new_client("manager")
    page = check_page(manager.submit(f"/cases/{case_id}/plan/resources/{resource_id}/sign-off",
                                     {"outcome": "refused"}))
    assert "Enter why the request is refused" in text(page.select_one(".govuk-error-summary"))
    manager.submit(f"/cases/{case_id}/plan/resources/{resource_id}/sign-off", {"outcome": "approved",
                                                                              "version": "1"})
    assert plan_of(db, case_id)["status"] == "agreed"
    assert case_data.get(db, case_id)["stage"] == "plan_agreed"


def test_hostile_text_in_a_task_is_stored_and_shown_safely(client, sign_in, db, case_id):
    sign_in("coordinator")
    hostile = '<script>alert(1)</script><img src="file:///etc/passwd"> ليلى تزور ‮Gwŷr‬'
    add_task(client, db, case_id, what=hostile, checker="<b>Dai</b>")
    html = client.get(f"/cases/{case_id}/plan").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert plan_data.tasks(db, plan_of(db, case_id)["id"])[0]["what"] == hostile
    page = check_page(client.submit(f"/cases/{case_id}/plan/tasks/new", task_form(db, case_id, what="x" * 2001)))
    assert "What will happen must be 2,000 characters or fewer" in text(page.select_one(".govuk-error-summary"))


def test_an_excluded_person_is_never_offered_a_task(client, sign_in, db, case_id):
    sign_in("coordinator")
    person = nain(db, case_id)
    with write(db):
        network.exclude(db, case_id, int(person), reason="Risk", approved_by="Manager", on="2026-11-01", user_id=1)
    page = client.page(f"/cases/{case_id}/plan/tasks/new")
    assert page.select_one(f"input[name=who_people][value='{person}']") is None
    response = client.submit(f"/cases/{case_id}/plan/tasks/new", {**task_form(db, case_id), "who_people": [person]})
    page = check_page(response)
    assert "Select who does this" in text(page.select_one(".govuk-error-summary")), "a tampered choice is dropped"


def test_only_the_coordinator_or_a_manager_writes_the_plan(client, sign_in, db, case_id, new_client):
    worker = new_client("social_worker")
    assert worker.get(f"/cases/{case_id}/plan/tasks/new").status_code == 403
    assert worker.get(f"/cases/{case_id}/plan").status_code == 200
    assert "Add a task" not in text(worker.page(f"/cases/{case_id}/plan"))


def test_saves_from_many_browsers_at_once_each_land_or_conflict(app, client, sign_in, db, case_id, new_client):
    sign_in("coordinator")
    add_task(client, db, case_id, what="Original")
    task_id = plan_data.tasks(db, plan_of(db, case_id)["id"])[0]["id"]
    url = f"/cases/{case_id}/plan/tasks/{task_id}"
    browsers = [new_client("coordinator") for _ in range(6)]
    tokens = [browser.page(url).select_one("input[name=csrf_token]")["value"] for browser in browsers]
    # Built before the threads start: the test's own database connection is not shared between threads.
    forms = [{**task_form(db, case_id, what=f"Writer {number}"), "version": "1", "csrf_token": tokens[number]}
             for number in range(len(browsers))]
    barrier = threading.Barrier(len(browsers))
    statuses = []

    def save(number):
        barrier.wait()
        response = browsers[number].raw.post(url, data=forms[number])
        body = response.get_data(as_text=True)
        statuses.append((response.status_code, "Someone else changed this" in body, "locked" in body.lower()))

    threads = [threading.Thread(target=save, args=(number,)) for number in range(len(browsers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(code for code, _, _ in statuses) == [200] * 5 + [302]
    assert all(conflict for code, conflict, _ in statuses if code == 200)
    assert not any(locked for _, _, locked in statuses), "no 'database is locked' reaches anyone"
    assert plan_data.task(db, plan_of(db, case_id)["id"], task_id)["what"].startswith("Writer ")


def test_a_save_after_the_plan_was_agreed_meanwhile_goes_back_to_the_plan(client, sign_in, db, case_id, new_client):
    sign_in("coordinator")
    answer_everything(client, db, case_id)
    form = client.page(f"/cases/{case_id}/plan/details")
    token = form.select_one("input[name=csrf_token]")["value"]
    plan = plan_of(db, case_id)
    client.submit(f"/cases/{case_id}/plan/ready", {"revision": plan["revision"]}, form_url=f"/cases/{case_id}/plan")
    decide(new_client("social_worker"), db, case_id, outcome="agreed")
    response = client.raw.post(f"/cases/{case_id}/plan/details", data={
        "csrf_token": token, "contingency": "Too late", "monitoring": "", "version": str(plan["version"]),
        **{f"review_on-{k}": v for k, v in (("day", "1"), ("month", "3"), ("year", "2030"))}})
    assert response.status_code == 302 and response.location.endswith(f"/cases/{case_id}/plan")
    assert "Version 1 is agreed, so it cannot be changed" in text(client.page(f"/cases/{case_id}/plan"))
    assert plan_of(db, case_id)["contingency"] != "Too late"


def _pdf_links(page):
    return {link.get_text(" ", strip=True): link["href"] for link in page.select("a[href$='.pdf']")}


def test_an_agreed_plan_offers_its_own_agreed_pdf_and_no_draft(client, sign_in, db, case_id, new_client, run_jobs):
    sign_in("coordinator")
    answer_everything(client, db, case_id)
    assert _pdf_links(client.page(f"/cases/{case_id}/plan")) == {
        "Download this version as a PDF (draft)": f"/cases/{case_id}/plan/draft.pdf"}
    client.submit(f"/cases/{case_id}/plan/ready", {"revision": plan_of(db, case_id)["revision"]},
                  form_url=f"/cases/{case_id}/plan")
    decide(new_client("social_worker"), db, case_id, outcome="agreed")
    links = _pdf_links(client.page(f"/cases/{case_id}/plan"))
    assert links == {"Download the agreed plan (version 1) as a PDF": f"/cases/{case_id}/plan/versions/1.pdf"}
    # It was queued for printing when it was agreed: once the worker has run, it downloads at once.
    assert [job["kind"] for job in run_jobs()] == ["pdf.version"]
    response = client.get(links["Download the agreed plan (version 1) as a PDF"])
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "DRAFT" not in read(response.data).all and "draft" not in response.headers["Content-Disposition"]


def test_answers_are_short_references_with_a_key_that_gives_each_full_text_once(client, sign_in, db, case_id):
    from fgc.data import professionals

    danger = ("Social care are worried that if Ffion keeps doing most of the caring, she will keep missing school "
              "and lose touch with her friends.")
    with write(db):
        worker = professionals.save(db, case_id, {"name": "Sam Okafor", "agency": "Children’s services"})
        danger_id = professionals.add_danger(db, worker, danger, "Ffion goes to school")
    [first_danger, _] = [f"danger:{row['id']}" for member in professionals.for_case(db, case_id)
                         for row in member["dangers"]]
    sign_in("coordinator")
    items = refs(db, case_id)
    bottom_line, question = items["Megan must not be left alone with Mr X"], items["Who will look after the children?"]
    for what in ("Nain does the big shop", "Dai phones every evening", "Ffion goes to netball"):
        add_task(client, db, case_id, what=what, answers=[f"danger:{danger_id}", question, bottom_line])
    page = client.page(f"/cases/{case_id}/plan")

    cells = page.select(".app-plan-table td.app-plan-table__answers")
    assert [text(cell) for cell in cells] == ["BL1 Q1 D2"] * 3, "in the key's order: bottom lines, questions, worries"
    links = cells[0].select("a")
    key = page.select_one("#answers-key")
    for link, code in zip(links, ("BL1", "Q1", "D2")):
        entry = key.select_one(link["href"])
        assert entry is not None and entry.name == "li" and text(entry).startswith(code + " "), link["href"]
        described = page.select_one(f"#{link['aria-describedby']}")
        assert entry in described.parents, "the link is described by its full text in the key"
    assert text(page.select_one(f"#{links[2]['aria-describedby']}")) == f"Danger statement from Sam Okafor: {danger}"
    assert [text(entry) for entry in key.select(":scope > li")] == [
        "BL1 Bottom line: Megan must not be left alone with Mr X – answered by tasks 1, 2, 3",
        "Q1 Question: Who will look after the children? – answered by tasks 1, 2, 3",
        "D1 Danger statement from Dr Pat Hughes: Children hurt if fights continue – no task answers it",
        f"D2 Danger statement from Sam Okafor: {danger} – answered by tasks 1, 2, 3"]
    assert first_danger != f"danger:{danger_id}"
    assert text(page).count(danger) == 1 and text(page).count("Megan must not be left alone with Mr X") == 1, \
        "each full text once, in the key"
