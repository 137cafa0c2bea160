"""The family network register: people, relationships, invitations, exclusions, hidden addresses and attendance."""

import sqlite3

import pytest

from fgc.data import cases as case_data
from fgc.domain import messages, plan_document, reminders
from fgc.data import meetings, network, plans
from fgc.db import write

from conftest import check_page, text
from factories import case_actions, make_case, user_id
from test_access import case_routes, nested_ids, url_for_case

HIDDEN = "7 Cuddfan Road, Secret Town"


@pytest.fixture
def case_id(db):
    created = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="NET-1",
                        coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled",
                        child_name="Elin")
    with write(db):
        case_data.save_child(db, created, {"name": "Osian", "date_of_birth": "2020-01-01", "gender": "",
                                           "ethnicity": "", "first_language": "", "needs": ""})
    return created


def add(client, case_id, **values):
    data = {"name": "Someone", "side": "neither", **values}
    response = client.submit(f"/cases/{case_id}/network/new", data)
    assert response.status_code == 302, text(check_page(response))
    return response


def person_named(db, case_id, name):
    return next(person for person in network.for_case(db, case_id) if person["name"] == name)


def test_a_person_can_have_a_different_relationship_to_each_child(client, sign_in, db, case_id):
    sign_in("coordinator")
    elin, osian = case_data.children(db, case_id)
    add(client, case_id, name="Catrin Huws", side="maternal", roles=["relative", "support"],
        **{f"relationship-{elin['id']}": "Mother", f"relationship-{osian['id']}": "Aunt"},
        phone="01234 567890", language="Welsh")
    register = text(client.page(f"/cases/{case_id}/network"))
    assert "Mother of Elin" in register and "Aunt of Osian" in register
    assert "Mother’s side" in register and "Support person" in register
    assert len(client.page("/cases/search?q=catrin").select("tbody tr")) == 1, "network names are searchable"


def test_adding_a_person_keeps_what_was_typed_on_error(client, sign_in, db, case_id):
    sign_in("coordinator")
    elin = case_data.children(db, case_id)[0]
    page = check_page(client.submit(f"/cases/{case_id}/network/new",
                                    {"name": "", "side": "paternal", f"relationship-{elin['id']}": "Grandad",
                                     "phone": "07700 900000"}))
    assert "Enter the person’s full name" in text(page.select_one(".govuk-error-summary"))
    assert page.select_one(f"#relationship-{elin['id']}")["value"] == "Grandad"
    assert page.select_one("#phone")["value"] == "07700 900000"


def exclude(client, db, case_id, name):
    person = person_named(db, case_id, name)
    response = client.submit(f"/cases/{case_id}/network/{person['id']}/exclude",
                             {"reason": "Risk of harm", "approved_by": "Morgan Ellis", "excluded_on-day": "1",
                              "excluded_on-month": "11", "excluded_on-year": "2026"})
    assert response.status_code == 302
    return person


def test_every_path_refuses_an_excluded_person(client, sign_in, db, case_id):
    sign_in("coordinator")
    add(client, case_id, name="Mr X")
    person = person_named(db, case_id, "Mr X")
    client.submit(f"/cases/{case_id}/network/{person['id']}/invitation",
                  {"invitation": "invited", "invitation_on-day": "1", "invitation_on-month": "11",
                   "invitation_on-year": "2026"})
    exclude(client, db, case_id, "Mr X")
    person = network.get(db, case_id, person["id"])
    assert person["excluded"] == 1 and person["invitation"] == "not_contacted", "exclusion withdraws an invitation"

    # Invitation, through the page and through the data layer.
    page = check_page(client.submit(f"/cases/{case_id}/network/{person['id']}/invitation",
                                    {"invitation": "confirmed", "invitation_on-day": "2",
                                     "invitation_on-month": "11", "invitation_on-year": "2026"}))
    assert "This person is excluded, so they cannot be invited or confirmed" in text(page)
    with pytest.raises(network.Excluded), write(db):
        network.set_invitation(db, case_id, person["id"], "invited", "2026-11-02")
    # Attendance, through the page, the data layer and even raw SQL.
    meeting_id = nested_ids(db, case_id)["meeting_id"]
    page = check_page(client.submit(f"/cases/{case_id}/network/attendance/{meeting_id}",
                                    {f"person-{person['id']}": "in_person"}))
    assert "Mr X is excluded, so cannot be recorded as taking part" in text(page.select_one(".govuk-error-summary"))
    with pytest.raises(network.Excluded), write(db):
        network.record_attendance(db, person["id"], meeting_id, "remote", user_id=1)
    with pytest.raises(sqlite3.IntegrityError), write(db):
        db.execute("INSERT INTO attendance (person_id, meeting_id, mode, recorded_by, at) VALUES (?, ?, 'remote', 1, 'x')",
                   [person["id"], meeting_id])
    with pytest.raises(sqlite3.IntegrityError), write(db):
        db.execute("UPDATE people SET invitation = 'confirmed' WHERE id = ?", [person["id"]])
    # Plan distribution and family links ask the same question before sending anything.
    with pytest.raises(network.Excluded):
        network.may_receive(db, case_id, person["id"])
    assert network.get(db, case_id, person["id"])["invitation"] == "not_contacted"
    assert network.attendance(db, meeting_id) == {}
    # The plan: nobody excluded is offered a task, given one through the data layer, or sent a copy.
    task_page = client.page(f"/cases/{case_id}/plan/tasks/new")
    assert task_page.select_one(f"input[name=who_people][value='{person['id']}']") is None
    with write(db):
        plan = plans.ensure(db, case_id, user_id=1, review_on="2027-03-01")
    with pytest.raises(network.Excluded), write(db):
        plans.save_task(db, case_id, plan["id"], {
            "what": "Visit", "who_people": [person["id"]], "who_professionals": [], "who_other": "", "by_date": None,
            "by_when": "Weekly", "checker": "Nain", "status": "not_started", "answers": []}, user_id=1)
    with write(db):
        db.execute("UPDATE people SET roles = '[\"pr_holder\"]' WHERE id = ?", [person["id"]])
    assert "Mr X" not in plan_document.assemble(db, case_data.get(db, case_id), plan)["copies_to"]
    # Messages: no text message or email, of any kind, by any path.
    with write(db):
        db.execute("UPDATE people SET phone = '07700 900111', email = 'mrx@example.org' WHERE id = ?",
                   [person["id"]])
    assert client.get(f"/cases/{case_id}/network/{person['id']}/reminders").status_code == 404
    with client.application.test_request_context():
        for channel in ("sms", "email"):
            with pytest.raises(messages.NotQueued, match="excluded"):
                messages.to_person(db, case_id, person["id"], channel)
        assert not reminders.choose(db, case_id, person["id"], channel="sms", asked="x", user=None).done
        from fgc.domain import meeting_messages
        assert person["id"] not in [r["id"] for r in meeting_messages.recipients(
            db, case_data.get(db, case_id), meetings.for_case(db, case_id)[0]) if r["who"] == "person"]
    with pytest.raises(sqlite3.IntegrityError), write(db):
        db.execute("INSERT INTO messages (case_id, kind, audience, channel, person_id, address, reference, send_after, "
                   "queued_at, updated_at) VALUES (?, 'family_link', 'family', 'sms', ?, '07700900111', 'fgc-x', 'x', "
                   "'x', 'x')", [case_id, person["id"]])


def test_lifting_an_exclusion_is_recorded_with_who_and_why(client, sign_in, db, case_id):
    sign_in("coordinator")
    add(client, case_id, name="Dai")
    person = exclude(client, db, case_id, "Dai")
    client.submit(f"/cases/{case_id}/network/{person['id']}/lift", {"reason": "Risk assessment updated"})
    history = network.exclusion_history(db, person["id"])
    assert [(row["change"], row["reason"], row["user_name"]) for row in history] == [
        ("excluded", "Risk of harm", "Test Coordinator"), ("lifted", "Risk assessment updated", "Test Coordinator")]
    assert network.may_receive(db, case_id, person["id"])["name"] == "Dai"
    timeline = text(client.page(f"/cases/{case_id}/timeline"))
    assert "Test Coordinator excluded Dai from the conference" in timeline
    assert "Test Coordinator lifted Dai’s exclusion" in timeline


def test_a_hidden_address_is_shown_to_no_one_who_must_not_see_it(client, sign_in, db, case_id, new_client):
    sign_in("coordinator")
    add(client, case_id, name="Safe Parent", address=HIDDEN, address_hidden="y")
    assert HIDDEN in client.get(f"/cases/{case_id}/network").get_data(as_text=True)
    assert HIDDEN in new_client("manager").get(f"/cases/{case_id}/network").get_data(as_text=True)
    worker = new_client("social_worker")
    ids = {"case_id": case_id, **nested_ids(db, case_id)}
    pages = 0
    for rule in case_routes(client.raw.application):
        if "GET" not in rule.methods:
            continue
        body = worker.get(url_for_case(client.raw.application, rule, ids)).get_data(as_text=True)
        assert HIDDEN not in body, f"{rule.rule} shows the hidden address to a social worker"
        pages += 1
    for url in ("/", "/cases/", "/cases/search?q=safe"):
        assert HIDDEN not in worker.get(url).get_data(as_text=True)
    assert pages > 20
    assert "Address not shown: do not disclose" in text(worker.page(f"/cases/{case_id}/network"))


def test_attendance_is_recorded_for_each_person(client, sign_in, db, case_id):
    sign_in("coordinator")
    add(client, case_id, name="Gwen")
    gwen = person_named(db, case_id, "Gwen")
    nain = person_named(db, case_id, "Nain Jones")
    meeting_id = nested_ids(db, case_id)["meeting_id"]
    response = client.submit(f"/cases/{case_id}/network/attendance/{meeting_id}",
                             {f"person-{gwen['id']}": "remote", f"person-{nain['id']}": "written_views"})
    assert response.status_code == 302
    assert network.attendance(db, meeting_id) == {gwen["id"]: "remote", nain["id"]: "written_views"}


def test_only_the_case_team_edits_the_network(client, sign_in, db, case_id):
    sign_in("social_worker")
    assert client.get(f"/cases/{case_id}/network").status_code == 200
    assert client.get(f"/cases/{case_id}/network/new").status_code == 403


def test_the_register_shows_the_network_picture(client, sign_in, db, case_id):
    import xml.etree.ElementTree as ET

    sign_in("coordinator")
    add(client, case_id, name="<script>alert(1)</script> & Co", side="paternal")
    add(client, case_id, name="Risky Person")
    exclude(client, db, case_id, "Risky Person")
    page = client.page(f"/cases/{case_id}/network")
    svg = page.select_one(".app-picture svg")
    tree = ET.fromstring(str(svg))
    names = " ".join(tree.itertext())
    assert "<script>alert(1)</script> & Co" in names and "Nain Jones" in names and "Excluded" in names
    assert "<script>alert(1)</script>" not in client.get(f"/cases/{case_id}/network").get_data(as_text=True)


def test_relationship_boxes_drop_control_characters_and_explain_length(client, sign_in, db, case_id):
    sign_in("coordinator")
    elin = case_data.children(db, case_id)[0]
    add(client, case_id, name="Nel", **{f"relationship-{elin['id']}": "Grand\x00mother"})
    assert "Grandmother of Elin" in text(client.page(f"/cases/{case_id}/network"))
    page = check_page(client.submit(f"/cases/{case_id}/network/new",
                                    {"name": "Long", "side": "neither", f"relationship-{elin['id']}": "x" * 101}))
    assert "Relationship to Elin must be 100 characters or fewer" in text(page)
    assert page.select_one(f"#relationship-{elin['id']}")["value"] == "x" * 101


def test_exclusion_does_not_rewrite_past_attendance(client, sign_in, db, case_id):
    sign_in("coordinator")
    nain = person_named(db, case_id, "Nain Jones")
    meeting_id = nested_ids(db, case_id)["meeting_id"]
    client.submit(f"/cases/{case_id}/network/attendance/{meeting_id}", {f"person-{nain['id']}": "in_person"})
    exclude(client, db, case_id, "Nain Jones")
    assert network.attendance(db, meeting_id) == {nain["id"]: "in_person"}


def test_the_professionals_who_took_part_are_recorded_beside_the_family(client, sign_in, db, case_id):
    from fgc.data import professionals

    sign_in("coordinator")
    meeting_id = nested_ids(db, case_id)["meeting_id"]
    [doctor] = professionals.for_case(db, case_id)
    page = client.page(f"/cases/{case_id}/network/attendance/{meeting_id}")
    legends = [" ".join(legend.get_text().split()) for legend in page.select("legend")]
    assert "Dr Pat Hughes (Health visiting)" in legends, "the professionals are asked about too"
    nain = person_named(db, case_id, "Nain Jones")
    response = client.submit(f"/cases/{case_id}/network/attendance/{meeting_id}",
                             {f"person-{nain['id']}": "in_person", f"professional-{doctor['id']}": "remote"})
    assert response.status_code == 302
    assert professionals.attendance(db, meeting_id) == {doctor["id"]: "remote"}
    assert network.attendance(db, meeting_id) == {nain["id"]: "in_person"}
    page = client.page(f"/cases/{case_id}/network/attendance/{meeting_id}")
    assert page.select_one(f"#professional-{doctor['id']}-remote").has_attr("checked"), "shown as recorded"
    response = client.submit(f"/cases/{case_id}/network/attendance/{meeting_id}",
                             {f"professional-{doctor['id']}": "juggling"})
    page = check_page(response)
    assert "Select how they took part" in text(page.select_one(".govuk-error-summary"))
    assert professionals.attendance(db, meeting_id) == {doctor["id"]: "remote"}, "nothing changed"


# --- several people at once ---------------------------------------------------------------------------------

def several(case_id, rows):
    data = {}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"people[{index}][{key}]"] = value
    return data


def test_a_coordinator_adds_several_people_in_one_go(client, sign_in, db, case_id):
    sign_in("coordinator")
    elin = case_data.children(db, case_id)[0]["id"]
    page = client.page(f"/cases/{case_id}/network/several")
    assert len(page.select(".moj-add-another__item")) == 5, "five empty rows to start"
    response = client.submit(f"/cases/{case_id}/network/several", several(case_id, [
        {"name": "Glenys Morgan-Jones", f"relationship-{elin}": "Nain", "side": "maternal", "role": "relative"},
        {"name": "", f"relationship-{elin}": "", "side": "", "role": ""},
        {"name": "سارة حداد <b>", f"relationship-{elin}": "Family friend", "side": "neither", "role": "friend"},
        {"name": "Dai Evans", "side": "paternal"},
    ]))
    assert response.status_code == 302
    added = {person["name"]: person for person in network.for_case(db, case_id)}
    assert {"Glenys Morgan-Jones", "سارة حداد <b>", "Dai Evans"} <= set(added)
    assert [r["relationship"] for r in added["Glenys Morgan-Jones"]["relationships"]] == ["Nain"]
    assert added["سارة حداد <b>"]["side"] == "neither" and added["سارة حداد <b>"]["roles"] == ["friend"]
    assert "3 people have been added to the network" in text(client.page(response.location))
    assert case_actions(db, case_id).count("case.person_saved") >= 3


def test_a_row_with_a_problem_saves_nobody_and_keeps_what_was_typed(client, sign_in, db, case_id):
    sign_in("coordinator")
    before = len(network.for_case(db, case_id))
    elin = case_data.children(db, case_id)[0]["id"]
    response = client.submit(f"/cases/{case_id}/network/several", several(case_id, [
        {"name": "Glenys Morgan-Jones", "side": "maternal"},
        {"name": "", f"relationship-{elin}": "Uncle", "side": "paternal"},
        {"name": "X" * 201, "side": "nowhere"},
    ]))
    page = check_page(response)
    summary = page.select_one(".govuk-error-summary")
    assert [a["href"] for a in summary.select("a")] == ["#people-1-name", "#people-2-name", "#people-2-side"]
    assert "Enter the full name of person 2" in text(summary)
    assert page.select_one("#people-0-name")["value"] == "Glenys Morgan-Jones"
    assert page.select_one(f"#people-1-relationship-{elin}")["value"] == "Uncle"
    assert page.select_one("title").text.startswith("Error:")
    assert len(network.for_case(db, case_id)) == before, "all or nothing"


def test_without_javascript_add_another_and_remove_keep_what_was_typed(client, sign_in, db, case_id):
    sign_in("coordinator")
    rows = [{"name": f"Person {n}", "side": "maternal"} for n in range(1, 6)]
    more = check_page(client.submit(f"/cases/{case_id}/network/several", {**several(case_id, rows), "add_row": "yes"}))
    assert len(more.select(".moj-add-another__item")) == 6 and not more.select(".govuk-error-summary")
    assert more.select_one("#people-4-name")["value"] == "Person 5"
    fewer = check_page(client.submit(f"/cases/{case_id}/network/several", {**several(case_id, rows), "remove": "2"}))
    assert [field["value"] for field in fewer.select("input[id$='-name']") if field.get("value")] == \
        ["Person 1", "Person 3", "Person 4", "Person 5"]
    nothing = check_page(client.submit(f"/cases/{case_id}/network/several", {}))
    assert "Enter at least one person" in text(nothing.select_one(".govuk-error-summary"))


def test_only_those_who_run_the_case_may_add_several_people(client, sign_in, db, case_id):
    sign_in("social_worker")
    assert client.raw.get(f"/cases/{case_id}/network/several").status_code == 403
