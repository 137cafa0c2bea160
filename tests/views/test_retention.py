"""The disposal review pages: managers only; the cases due are listed; disposal needs the reference typed and
loses nothing typed when refused; keeping for longer needs a future date and a reason."""

import datetime

import pytest
from factories import make_case, user_id

from fgc.db import write

from conftest import check_page, text


@pytest.fixture
def case_id(db):
    case = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="DISP-1",
                     coordinator_id=user_id(db, "coordinator@example.org"), referred_on="2012-01-09")
    with write(db):
        db.execute("UPDATE cases SET stage = 'closed', closed_on = '2013-02-01' WHERE id = ?", [case])
        db.execute("UPDATE children SET date_of_birth = '1999-04-04' WHERE case_id = ?", [case])
    return case


@pytest.mark.parametrize("role", ["admin", "coordinator", "social_worker"])
def test_only_managers_review_disposals(client, sign_in, case_id, role):
    sign_in(role)
    assert client.get("/disposal").status_code == 403
    assert client.get(f"/disposal/{case_id}").status_code in (403, 404)


def test_a_manager_sees_what_is_due_and_disposes_of_it(client, sign_in, db, case_id):
    sign_in("manager")
    assert "Disposal review" in text(client.page("/").select_one("nav"))
    listed = client.page("/disposal")
    assert "DISP-1" in text(listed) and "1 case due for review" in text(listed)
    review = client.page(f"/disposal/{case_id}")
    assert "This cannot be undone" in text(review)
    refused = check_page(client.submit(f"/disposal/{case_id}", {"action": "dispose", "reference": "DISP-2"}))
    assert "Type the case reference, DISP-1, to confirm" in text(refused.select_one(".govuk-error-summary"))
    assert refused.select_one("#reference")["value"] == "DISP-2"
    response = client.submit(f"/disposal/{case_id}", {"action": "dispose", "reference": "disp-1"})
    assert response.location == "/disposal"
    assert "has been disposed of" in text(client.page("/disposal"))
    assert db.execute("SELECT disposed_at IS NOT NULL, reason FROM cases WHERE id = ?", [case_id]).fetchone() == (1, "")
    assert "cannot be reviewed for disposal" in text(client.page(f"/disposal/{case_id}"))
    # The case's anonymised record still opens, saying what happened to it.
    page = client.page(f"/cases/{case_id}")
    assert "personal data was disposed of" in text(page)


def test_a_manager_keeps_a_case_for_longer_saying_why(client, sign_in, db, case_id):
    sign_in("manager")
    next_year = datetime.date.today() + datetime.timedelta(days=366)
    form = {"action": "keep", "until-day": next_year.day, "until-month": next_year.month, "until-year": next_year.year}
    missing = check_page(client.submit(f"/disposal/{case_id}", form))
    assert "Enter why the case is being kept" in text(missing.select_one(".govuk-error-summary"))
    response = client.submit(f"/disposal/{case_id}", dict(form, note="A complaint to the Ombudsman is open"))
    assert response.location == "/disposal"
    assert "No case is due for review" in text(client.page("/disposal"))
    assert db.execute("SELECT retention_review_on FROM cases WHERE id = ?", [case_id]).fetchone()[0] == \
        next_year.isoformat()


def test_every_page_of_a_disposed_case_still_answers(app, client, sign_in, db, runner, monkeypatch):
    """The richest ended demo case (a plan with versions, family links, messages), disposed of: every page about
    it, for the manager, answers without an error."""
    from test_access import case_routes, url_for_case

    monkeypatch.setenv("FGC_DEMO_PASSWORD", "demo marsh lantern quill")
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    # The demo case with the most on its record, closed long ago.
    case_id = db.execute("SELECT c.id FROM cases c JOIN plans p ON p.case_id = c.id ORDER BY (SELECT count(*) "
                         "FROM plan_versions v WHERE v.plan_id = p.id) DESC, (SELECT count(*) FROM family_links l "
                         "WHERE l.case_id = c.id) DESC LIMIT 1").fetchone()[0]
    with write(db):
        db.execute("UPDATE cases SET stage = 'closed', closed_on = '2014-01-01', retention_review_on = '2020-01-01' "
                   "WHERE id = ?", [case_id])
    first = {
        "meeting_id": "SELECT id FROM meetings WHERE case_id = :c", "consent_id": "SELECT id FROM consents WHERE case_id = :c",
        "item_id": "SELECT id FROM baseline_items WHERE case_id = :c", "child_id": "SELECT id FROM children WHERE case_id = :c",
        "holder_id": "SELECT id FROM pr_holders WHERE case_id = :c", "person_id": "SELECT id FROM people WHERE case_id = :c",
        "professional_id": "SELECT id FROM professionals WHERE case_id = :c",
        "danger_id": "SELECT d.id FROM danger_statements d JOIN professionals p ON p.id = d.professional_id "
                     "WHERE p.case_id = :c",
        "task_id": "SELECT t.id FROM plan_tasks t JOIN plans p ON p.id = t.plan_id WHERE p.case_id = :c",
        "resource_id": "SELECT r.id FROM plan_resources r JOIN plans p ON p.id = r.plan_id WHERE p.case_id = :c",
        "link_id": "SELECT id FROM family_links WHERE case_id = :c", "message_id": "SELECT id FROM messages WHERE case_id = :c",
    }
    ids = {"case_id": case_id, "number": 1}
    for key, sql in first.items():
        row = db.execute(sql + " ORDER BY 1 LIMIT 1", {"c": case_id}).fetchone()
        ids[key] = row[0] if row else 1
    sign_in("manager")
    reference = db.execute("SELECT reference FROM cases WHERE id = ?", [case_id]).fetchone()[0]
    assert client.submit(f"/disposal/{case_id}", {"action": "dispose", "reference": reference}).status_code == 302
    answered = 0
    for rule in case_routes(app):
        if "GET" not in rule.methods:
            continue
        response = client.get(url_for_case(app, rule, ids))
        assert response.status_code < 500, (rule.rule, response.status_code)
        answered += response.status_code == 200
    assert answered >= 20


def test_a_refused_visit_to_the_disposal_review_is_not_recorded_as_a_read(client, sign_in, db, case_id):
    sign_in("coordinator")
    assert client.get(f"/disposal/{case_id}").status_code == 403
    actions = [row[0] for row in db.execute("SELECT action FROM audit_events WHERE record_id = ?", [str(case_id)])]
    assert "case.viewed" not in actions
