"""What professionals bring to the conference, and the child's voice."""

import pytest

from fgc.data import cases as case_data
from fgc.data import child_views, professionals

from conftest import check_page, text
from factories import make_case, user_id


@pytest.fixture
def case_id(db):
    return make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="PREP-1",
                     coordinator_id=user_id(db, "coordinator@example.org"), stage="conference_scheduled",
                     child_name="Lowri")


def test_a_professional_brings_three_columns_a_danger_statement_and_a_scale(client, sign_in, db, case_id):
    sign_in("coordinator")
    response = client.submit(f"/cases/{case_id}/professionals/new", {
        "name": "Ms Amira Haddad", "agency": "Ysgol Gynradd", "role": "Teacher", "attends": "information_sharing",
        "worried": "Lowri arrives hungry", "working_well": "Grandmother collects her every day",
        "needs_to_happen": "A plan for mornings", "scale": "4", "scale_reason": "Some safety, not enough",
        "resources": "Breakfast club place"})
    assert response.status_code == 302
    amira = next(row for row in professionals.for_case(db, case_id) if row["name"] == "Ms Amira Haddad")
    client.submit(f"/cases/{case_id}/professionals/{amira['id']}/dangers/new",
                  {"danger": "Lowri could go without food", "safety_goal": "Lowri eats breakfast every school day"})
    page = text(client.page(f"/cases/{case_id}/professionals"))
    for expected in ("Lowri arrives hungry", "Grandmother collects her every day", "A plan for mornings",
                     "4 out of 10: Some safety, not enough", "Breakfast club place", "Only the information-sharing part",
                     "Danger: Lowri could go without food", "Safety goal: Lowri eats breakfast every school day"):
        assert expected in page


def test_unshared_information_shows_at_a_glance(client, sign_in, db, case_id):
    sign_in("coordinator")
    assert "1 not yet shared with the family" in text(client.page(f"/cases/{case_id}"))
    page = text(client.page(f"/cases/{case_id}/professionals"))
    assert "1 of 1 not yet shared with the family – the conference is on" in page
    professional_id = professionals.for_case(db, case_id)[0]["id"]
    client.submit(f"/cases/{case_id}/professionals/{professional_id}/shared",
                  {"shared_on-day": "2", "shared_on-month": "11", "shared_on-year": "2026"})
    page = text(client.page(f"/cases/{case_id}/professionals"))
    assert "Shared 2 November 2026" in page and "Everyone’s information has been shared with the family" in page
    assert "not yet shared" not in text(client.page(f"/cases/{case_id}"))


@pytest.mark.parametrize("scale", ["11", "-1", "4.5", "four"])
def test_a_scale_must_be_0_to_10(client, sign_in, case_id, scale):
    sign_in("coordinator")
    page = check_page(client.submit(f"/cases/{case_id}/professionals/new",
                                    {"name": "X", "agency": "Y", "attends": "all", "scale": scale}))
    assert "Safety scale (0 to 10) must be a whole number from 0 to 10" in text(page)
    assert page.select_one("#scale")["value"] == scale


def test_the_childs_voice(client, sign_in, db, case_id):
    sign_in("coordinator")
    child = case_data.children(db, case_id)[0]
    page = check_page(client.submit(f"/cases/{case_id}/children/{child['id']}/views",
                                    {"wishes": "I want to stay with Nain", "gathered": "advocate", "attending": "part"}))
    assert "Enter the advocate’s name" in text(page.select_one(".govuk-error-summary"))
    assert page.select_one("#wishes").get_text() == "I want to stay with Nain"
    client.submit(f"/cases/{case_id}/children/{child['id']}/views",
                  {"wishes": "I want to stay with Nain", "gathered": "advocate", "advocate_name": "Bethan",
                   "attending": "part", "scale": "7"})
    views = child_views.get(db, child["id"])
    assert (views["wishes"], views["advocate_name"], views["attending"], views["scale"]) == \
        ("I want to stay with Nain", "Bethan", "part", 7)
    assert "I want to stay with Nain (their scale: 7 out of 10)" in text(client.page(f"/cases/{case_id}/preparation"))


def test_a_child_from_another_case_is_not_found(client, sign_in, db, case_id):
    other = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="PREP-2",
                      coordinator_id=user_id(db, "coordinator@example.org"), extras=False)
    other_child = case_data.children(db, other)[0]["id"]
    sign_in("coordinator")
    assert client.get(f"/cases/{case_id}/children/{other_child}/views").status_code == 404


def test_changed_information_must_be_shared_again(client, sign_in, db, case_id):
    sign_in("coordinator")
    professional = professionals.for_case(db, case_id)[0]
    client.submit(f"/cases/{case_id}/professionals/{professional['id']}/shared",
                  {"shared_on-day": "2", "shared_on-month": "11", "shared_on-year": "2026"})
    assert professionals.get(db, case_id, professional["id"])["shared_on"] == "2026-11-02"
    client.submit(f"/cases/{case_id}/professionals/{professional['id']}/dangers/new",
                  {"danger": "New worry", "safety_goal": "New goal"})
    assert professionals.get(db, case_id, professional["id"])["shared_on"] is None
    assert "1 not yet shared with the family" in text(client.page(f"/cases/{case_id}"))


def test_a_tampered_version_is_a_conflict_not_an_error(client, sign_in, db, case_id):
    sign_in("coordinator")
    professional = professionals.for_case(db, case_id)[0]
    response = client.submit(f"/cases/{case_id}/professionals/{professional['id']}",
                             {"version": "²", "name": "X", "agency": "Y", "attends": "all"})
    assert response.status_code == 200
    assert "Someone else changed this professional’s information" in text(check_page(response))
