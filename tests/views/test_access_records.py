"""The Access records pages: only admins and data protection officers reach them; a search by case, by a network
member's name or by who did it shows who looked at or changed what; paging and the CSV download work; and every
search is itself audited."""

import csv
import io

import pytest
from factories import make_case, user_id

from fgc.data import network
from fgc.db import write

from conftest import app_code, check_page, text


@pytest.fixture
def case_id(db):
    return make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="AR-VIEW-1",
                     coordinator_id=user_id(db, "coordinator@example.org"))


@pytest.fixture
def nain(db, case_id):
    return next(p for p in network.for_case(db, case_id) if p["name"] == "Nain Jones")


def make_dpo(db, email="manager@example.org"):
    with write(db):
        db.execute("UPDATE users SET dpo = 1 WHERE email = ?", [email])


@pytest.mark.parametrize("role", ["manager", "coordinator", "social_worker"])
def test_only_admins_and_data_protection_officers_reach_access_records(client, sign_in, role):
    sign_in(role)
    assert "Access records" not in text(client.page("/").select_one("nav"))
    for url in ("/access-records", "/access-records?reference=X", "/access-records/download.csv"):
        assert client.get(url).status_code == 403


def test_a_manager_given_the_permission_reaches_them(client, sign_in, db):
    make_dpo(db)
    sign_in("manager")
    assert "Access records" in text(client.page("/").select_one("nav"))
    assert client.page("/access-records").h1.get_text(strip=True) == "Access records"


def test_who_looked_at_a_network_member_is_found_by_their_name(client, sign_in, new_client, db, case_id, nain):
    coordinator = new_client("coordinator")
    assert coordinator.get(f"/cases/{case_id}/network/{nain['id']}").status_code == 200
    sign_in("admin")
    people = client.page("/access-records?name=nain")
    [choice] = people.select("table a")
    assert "Nain Jones" in text(choice)
    found = client.page(choice["href"])
    assert "About Nain Jones (network member, AR-VIEW-1)" in text(found)
    rows = [text(row) for row in found.select("tbody tr")]
    assert any("coordinator@example.org" in row and "Looked at the case" in row and "network." in row
               for row in rows), rows
    assert db.execute("SELECT count(*) FROM audit_events WHERE action = 'access_records.searched'").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM audit_events WHERE action = 'access_records.people_searched'"
                      ).fetchone()[0] == 1


def test_a_search_by_case_and_what_was_done_pages_through_everything(client, sign_in, db, case_id):
    sign_in("admin")
    coordinator = user_id(db, "coordinator@example.org")
    from fgc.data import audit as audit_data

    with write(db):
        for number in range(120):
            audit_data.add(db, user_id=coordinator, actor="coordinator@example.org", action="case.viewed",
                           record_type="case", record_id=case_id, detail={"page": f"page {number}"})
    page = client.page("/access-records?reference=ar-view-1&action=case_viewed")
    seen = []
    while True:
        seen += [text(row.select("td")[2]) for row in page.select("tbody tr")]
        older = page.select_one(".govuk-pagination__next a")
        if older is None:
            break
        page = client.page(older["href"])
    assert len(seen) == 120 and seen[0].endswith("page 119") and seen[-1].endswith("page 0")
    newer = page.select_one(".govuk-pagination__prev a")
    assert newer is not None and "after=" in newer["href"]


def test_the_download_holds_what_the_search_found(client, sign_in, new_client, db, case_id):
    assert new_client("coordinator").get(f"/cases/{case_id}").status_code == 200
    sign_in("admin")
    page = client.page("/access-records?reference=AR-VIEW-1")
    link = page.find("a", string="Download everything this search finds (CSV)")
    response = client.get(link["href"])
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:5] == ["event", "at_utc", "user_id", "who", "action"]
    assert all(row[5] == "AR-VIEW-1" for row in rows[1:]) and len(rows) > 1
    assert db.execute("SELECT count(*) FROM audit_events WHERE action = 'access_records.exported'").fetchone()[0] == 1


@pytest.mark.parametrize("query, message", [
    ("reference=NO-SUCH-CASE", "No case has the reference NO-SUCH-CASE"),
    ("since-day=31&since-month=2&since-year=2026", "must be a real date"),
    ("since-day=2&since-month=2&since-year=2026&until-day=1&until-month=2&until-year=2026",
     "must be the same as or after the date to search from"),
    ("subject=person:abc", "Choose a network member or child from the list"),
    ("user=99999", "Choose who did it from the list"),
    ("until-day=31&until-month=12&until-year=9999", "must be between 2000 and 2999"),
    ("since-day=1&since-month=1&since-year=0001", "must be in 2000 or later"),
    ("action=everything", "Choose what they did from the list"),
], ids=["unknown-case", "impossible-date", "backwards", "bad-subject", "unknown-user", "far-future", "year-one",
        "unknown-action"])
def test_a_search_that_cannot_be_answered_says_why_and_keeps_what_was_typed(client, sign_in, query, message):
    sign_in("admin")
    response = client.get(f"/access-records?{query}")
    assert response.status_code == 200
    page = check_page(response)
    assert message in text(page.select_one(".govuk-error-summary"))


def test_hostile_names_are_searched_and_shown_safely(client, sign_in, db, case_id):
    with write(db):
        network.save(db, case_id, {"name": "<script>alert(1)</script> \u202eevil مريم", "side": "maternal",
                                   "roles": ["relative"]})
    sign_in("admin")
    response = client.get("/access-records?name=%3Cscript%3E")
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert "alert(1)" in text(check_page(response))


def test_granting_the_permission_needs_the_admins_own_code(client, sign_in, db):
    sign_in("admin")
    uid = user_id(db, "manager@example.org")
    version = client.page(f"/admin/users/{uid}/edit").select_one("input[name=version]")["value"]
    form = {"name": "Test Manager", "email": "manager@example.org", "role": "manager", "version": version, "dpo": "y"}
    refused = check_page(client.submit(f"/admin/users/{uid}/edit", form))
    assert "Enter the 6-digit code" in text(refused.select_one(".govuk-error-summary"))
    assert refused.select_one("#dpo").has_attr("checked"), "what was ticked is kept"
    assert db.execute("SELECT dpo FROM users WHERE id = ?", [uid]).fetchone()[0] == 0
    form["code"] = app_code(client.raw.application, "admin@example.org")
    assert client.submit(f"/admin/users/{uid}/edit", form).status_code == 302
    assert db.execute("SELECT dpo FROM users WHERE id = ?", [uid]).fetchone()[0] == 1
    assert "Data protection officer" in text(client.page(f"/admin/users/{uid}"))


# --- Subject access exports ----------------------------------------------------------------------------------------

def test_a_data_protection_officer_makes_a_subject_access_export_and_downloads_it(client, sign_in, db, case_id, nain,
                                                                                   run_jobs):
    make_dpo(db)
    sign_in("manager")
    page = client.page(f"/access-records?subject=person:{nain['id']}")
    assert "Make a subject access export" in text(page)
    response = client.submit("/access-records/subject-access", {"subject": f"person:{nain['id']}"},
                             form_url=f"/access-records?subject=person:{nain['id']}")
    assert response.status_code == 303
    export = client.page(response.location)
    assert "Subject access export" in text(export.h1) and "Review before release" in text(export)
    json_link = export.find("a", string="Download the JSON file (machine-readable)")["href"]
    document = client.get(json_link)
    assert document.mimetype == "application/json" and "attachment" in document.headers["Content-Disposition"]
    assert document.get_json()["subject"]["name"] == "Nain Jones"
    pdf_link = export.find("a", string="Download the PDF")["href"]
    waiting = client.get(pdf_link)
    assert waiting.status_code == 202 and "Preparing the PDF" in text(check_page(waiting))
    run_jobs()
    ready = client.get(pdf_link)
    assert ready.mimetype == "application/pdf" and ready.data.startswith(b"%PDF")
    actions = [row[0] for row in db.execute("SELECT action FROM audit_events WHERE action LIKE 'subject_access.%' "
                                            "ORDER BY id")]
    assert actions == ["subject_access.made", "subject_access.viewed", "subject_access.downloaded",
                       "subject_access.downloaded"]
    listed = client.page(f"/access-records?subject=person:{nain['id']}")
    assert "Export made" in text(listed), "earlier exports are listed beside the button"


def test_only_a_data_protection_officer_makes_or_sees_exports(client, sign_in, new_client, db, nain):
    make_dpo(db)
    officer = new_client("manager")
    officer.submit("/access-records/subject-access", {"subject": f"person:{nain['id']}"},
                   form_url=f"/access-records?subject=person:{nain['id']}")
    export_id = db.execute("SELECT max(id) FROM subject_access_exports").fetchone()[0]
    sign_in("admin")
    assert "Make a subject access export" not in text(client.page(f"/access-records?subject=person:{nain['id']}"))
    token = client.csrf_token("/access-records")
    assert client.post("/access-records/subject-access", data={"csrf_token": token,
                                                              "subject": f"person:{nain['id']}"}).status_code == 403
    for url in (f"/access-records/subject-access/{export_id}", f"/access-records/subject-access/{export_id}/export.json",
                f"/access-records/subject-access/{export_id}/export.pdf"):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("subject", ["person:99999", "nobody", "child:abc"])
def test_an_export_of_no_one_is_not_found(client, sign_in, db, subject):
    make_dpo(db)
    sign_in("manager")
    response = client.submit("/access-records/subject-access", {"subject": subject}, form_url="/access-records")
    assert response.status_code == 404


def test_what_else_is_in_the_address_never_reaches_the_links(client, sign_in, new_client, case_id):
    assert new_client("coordinator").get(f"/cases/{case_id}").status_code == 200
    sign_in("admin")
    page = client.page("/access-records?reference=AR-VIEW-1&_method=POST&_external=1&_anchor=x")
    link = page.find("a", string="Download everything this search finds (CSV)")["href"]
    assert link == "/access-records/download.csv?reference=AR-VIEW-1"
