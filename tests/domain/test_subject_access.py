"""Subject access exports: everything held about a network member or a child, each part saying where it came from,
parts about other people marked for redaction review; kept as made, audited, and printed by the worker."""

import io

import pypdf
import pytest
from factories import make_case, user_id
from pdf_checks import foreign_fonts

from fgc.data import audit as audit_data
from fgc.data import network
from fgc.data import subject_access as held
from fgc.data import users as user_data
from fgc.db import get_db, write
from fgc.domain import reminders, subject_access

HOSTILE = "<b>Ŵyn</b> مريم \u202eevil 🙂"


@pytest.fixture
def db(app):
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        yield get_db()


@pytest.fixture
def case_id(db):
    return make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="SAR-1",
                     coordinator_id=user_id(db, "coordinator@example.org"))


@pytest.fixture
def dpo(db):
    return user_data.get_by_email(db, "manager@example.org")


def nain(db, case_id):
    return next(p for p in network.for_case(db, case_id) if p["name"] == "Nain Jones")


def section(content, key):
    return next(part for part in content["sections"] if part["key"] == key)


def test_a_network_members_export_holds_their_record_with_where_each_part_came_from(db, case_id, dpo):
    person = nain(db, case_id)
    child = db.execute("SELECT id FROM children WHERE case_id = ?", [case_id]).fetchone()[0]
    with write(db):
        network.save(db, case_id, {"phone": "07700 900123", "written_views": "I worry about Test Child."},
                     person_id=person["id"], version=person["version"])
        db.execute("INSERT INTO relationships (person_id, child_id, relationship) VALUES (?, ?, 'Nain')",
                   [person["id"], child])
    reminders.choose(db, case_id, person["id"], channel="sms", asked="on the phone",
                     user=user_data.get_by_email(db, "coordinator@example.org"))
    export_id = subject_access.make(db, "person", person["id"], by=dpo)
    content = held.export(db, export_id)["content"]
    assert content["subject"] == {"kind": "person", "id": person["id"], "name": "Nain Jones",
                                  "case_reference": "SAR-1"}
    details = {row["field"]: row["value"] for row in section(content, "details")["rows"]}
    assert details["Phone"] == "07700 900123" and details["Side of the family"] == "maternal"
    assert section(content, "relationships")["rows"] == [{"child": "Test Child", "relationship": "Nain"}]
    assert section(content, "reminders")["rows"][0]["asked"] == "on the phone"
    assert all(part["source"] for part in content["sections"]), "every part says where it came from"
    marked = {part["key"] for part in content["sections"] if part["review"]}
    assert {"views", "relationships", "exclusion", "tasks"} <= marked and "details" not in marked
    [event] = audit_data.events(db, action="subject_access.made")
    assert event["detail"]["person_id"] == person["id"] and event["detail"]["export_id"] == export_id


def test_who_looked_at_them_is_in_their_export(db, case_id, dpo):
    person = nain(db, case_id)
    with write(db):
        audit_data.add(db, user_id=2, actor="coordinator@example.org", action="case.viewed", record_type="case",
                       record_id=case_id, detail={"page": "network.person", "person_id": person["id"]})
    content = held.export(db, subject_access.make(db, "person", person["id"], by=dpo))["content"]
    rows = section(content, "access")["rows"]
    assert rows[0]["actor"] == "coordinator@example.org" and rows[0]["page"] == "network.person"


def test_a_childs_export_holds_their_details_views_and_why_the_family_was_referred(db, case_id, dpo):
    child = db.execute("SELECT id FROM children WHERE case_id = ?", [case_id]).fetchone()[0]
    content = held.export(db, subject_access.make(db, "child", child, by=dpo))["content"]
    details = {row["field"]: row["value"] for row in section(content, "details")["rows"]}
    assert details["Name"] == "Test Child" and details["Date of birth"] == "2018-05-04"
    referral = {row["field"]: row["value"] for row in section(content, "referral")["rows"]}
    assert referral["Reason for the referral"] == "Reason"
    assert section(content, "referral")["review"] and section(content, "relationships")["review"]
    assert section(content, "details")["source"] == "From the referral by Test Social Worker"


def test_an_export_is_kept_as_made(db, case_id, dpo):
    person = nain(db, case_id)
    export_id = subject_access.make(db, "person", person["id"], by=dpo)
    with write(db):
        network.save(db, case_id, {"phone": "07700 900999"}, person_id=person["id"], version=person["version"])
    details = {row["field"]: row["value"] for row in section(held.export(db, export_id)["content"], "details")["rows"]}
    assert details["Phone"] == "", "what was prepared stays on record as it was"


def test_the_worker_prints_it_with_hostile_names_shown_as_typed_and_only_bundled_fonts(app, db, case_id, dpo,
                                                                                       run_jobs):
    person = nain(db, case_id)
    with write(db):
        network.save(db, case_id, {"name": HOSTILE}, person_id=person["id"], version=person["version"])
    export_id = subject_access.make(db, "person", person["id"], by=dpo)
    assert subject_access.pdf(db, export_id) == (subject_access.PREPARING, None)
    run_jobs()
    state, pdf = subject_access.pdf(db, export_id)
    assert state == subject_access.READY
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "For redaction review: not for release as it stands" in text
    assert "<b>Ŵyn</b>" in text and "مريم" in text and "Review before release." in text
    assert foreign_fonts(reader) == []


def test_no_export_for_someone_who_does_not_exist(db, dpo):
    assert subject_access.make(db, "person", 99999, by=dpo) is None
    assert audit_data.events(db, action="subject_access.made") == []


def test_a_childs_export_holds_their_outcomes_with_the_notes_about_them(db, case_id, dpo):
    child = db.execute("SELECT id FROM children WHERE case_id = ?", [case_id]).fetchone()[0]
    with write(db):
        db.execute("INSERT INTO child_outcomes (case_id, child_id, point, known_on, living_with, arrangement, "
                   "proceedings, legal_order, notes, recorded_by, updated_at) VALUES (?, ?, 'three_months', "
                   "'2026-06-01', 'wider_family', 'order', 'no', 'special_guardianship', 'Living with Nain', 1, "
                   "'2026-06-01')", [case_id, child])
    content = held.export(db, subject_access.make(db, "child", child, by=dpo))["content"]
    [row] = section(content, "outcomes")["rows"]
    assert (row["point"], row["known_on"], row["living_with"], row["legal_order"], row["notes"]) == (
        "3 months after the conference", "2026-06-01",
        "With wider family or friends: under a child arrangements order or special guardianship order",
        "Special guardianship order", "Living with Nain")
    assert section(content, "outcomes")["review"]
