"""Making a referral: the task list, question pages, check your answers and submission."""

import datetime

import pytest

from fgc.data import cases as case_data

from conftest import check_page, text


def start(client, reference="FGC-2026-0001", urgent="no"):
    response = client.submit("/referrals/new", {"reference": reference, "urgent": urgent})
    assert response.status_code == 302, text(check_page(response))
    return int(response.location.rsplit("/", 1)[1])


def date_fields(name, day, month, year):
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def complete(client, case_id, child_name="Siân Prys-Jones"):
    """Fill in every section, as a social worker would."""
    steps = [
        (f"/referrals/{case_id}/children/new", {"name": child_name, **date_fields("date_of_birth", 3, 4, 2019)}),
        (f"/referrals/{case_id}/people/new", {"name": "Mair Prys", "relationship": "Mother"}),
        (f"/referrals/{case_id}/section/family", {"legal_status": "child_protection"}),
        (f"/referrals/{case_id}/section/risks", {"current_risks": ["domestic_abuse", "mental_health"],
                                                 "past_risks": ["substance_use"], "risk_details": "Police call-outs"}),
        (f"/referrals/{case_id}/section/purpose", {"reason": "Mother is in hospital",
                                                   "decision_sought": "Who the children stay with"}),
        (f"/referrals/{case_id}/section/needs", {"interpreter_language": "Welsh", "cultural_needs": "",
                                                 "coordinator_preferences": "Welsh speaker"}),
        (f"/referrals/{case_id}/section/referrer", {"referrer_name": "Test Social Worker", "referrer_organisation":
                                                    "Children's services", "referrer_contact": "",
                                                    "social_worker_id": "", "manager_name": "Meg Owen",
                                                    **date_fields("manager_signed_off_on", 1, 11, 2026)}),
    ]
    for url, data in steps:
        response = client.submit(url, data)
        assert response.status_code == 302, (url, text(check_page(response).select_one(".govuk-error-summary")))


def test_a_social_worker_makes_a_referral(client, sign_in, db):
    sign_in("social_worker")
    case_id = start(client)
    tasks = client.page(f"/referrals/{case_id}")
    assert "You have completed 0 of 7 sections" in text(tasks)
    complete(client, case_id)
    assert "You have completed 7 of 7 sections" in text(client.page(f"/referrals/{case_id}"))
    answers = text(client.page(f"/referrals/{case_id}/check"))
    for expected in ("Siân Prys-Jones", "Born 3 April 2019", "Mair Prys (Mother)", "Child protection plan",
                     "Domestic abuse, Mental health", "Substance use", "Meg Owen on 1 November 2026"):
        assert expected in answers
    response = client.submit(f"/referrals/{case_id}/submit", {}, form_url=f"/referrals/{case_id}/check")
    assert response.location == f"/cases/{case_id}"
    case = case_data.get(db, case_id)
    assert case["stage"] == "referred" and case["referred_on"] == datetime.date.today().isoformat()
    history = case_data.stage_history(db, case_id)
    assert [(row["from_stage"], row["to_stage"], row["user_name"]) for row in history] == \
        [("draft", "referred", "Test Social Worker")]
    assert "has been sent to the FGC service" in text(client.page(f"/cases/{case_id}"))


def test_an_incomplete_referral_cannot_be_sent(client, sign_in, db):
    sign_in("social_worker")
    case_id = start(client)
    page = client.page(f"/referrals/{case_id}/check")
    assert "Complete these sections before you send the referral: Children" in text(page)
    assert page.find("button", string=lambda s: s and "Send referral" in s) is None
    token = client.csrf_token(f"/referrals/{case_id}/check")
    sent = client.raw.post(f"/referrals/{case_id}/submit", data={"csrf_token": token})
    assert sent.status_code == 302 and sent.location.endswith(f"/referrals/{case_id}/check")
    assert case_data.get(db, case_id)["stage"] == "draft"
    assert "Complete every section of the referral before submitting it. Still to do: Children" in \
        text(client.page(f"/referrals/{case_id}/check"))


def test_drafts_are_seen_only_by_their_author(client, sign_in, new_client):
    sign_in("social_worker")
    case_id = start(client)
    manager = new_client("manager")
    assert manager.get(f"/referrals/{case_id}").status_code == 404
    assert manager.get(f"/cases/{case_id}").status_code == 404


def test_the_case_reference_is_required_and_unique(client, sign_in):
    sign_in("social_worker")
    page = check_page(client.submit("/referrals/new", {"reference": "", "urgent": "no"}))
    assert "Enter the council’s case reference" in text(page.select_one(".govuk-error-summary"))
    start(client, "FGC-1")
    page = check_page(client.submit("/referrals/new", {"reference": "fgc-1", "urgent": "no"}))
    assert "A case with this reference already exists" in text(page)


def test_an_urgent_referral_needs_a_reason(client, sign_in):
    sign_in("coordinator")
    page = check_page(client.submit("/referrals/new", {"reference": "URG-1", "urgent": "yes"}))
    assert "Enter why the referral is urgent" in text(page.select_one(".govuk-error-summary"))
    assert page.select_one("#reference")["value"] == "URG-1", "what was typed is kept"


@pytest.mark.parametrize("day, month, year, message", [
    ("31", "2", "2019", "Date of birth must be a real date"),
    ("", "", "", "Enter the date of birth"),
    ("3", "", "2019", "Date of birth must include a month"),
    ("3", "4", "19", "Year must include 4 numbers"),
    ("3", "4", str(datetime.date.today().year + 1), "Date of birth must be today or in the past"),
    ("x", "4", "2019", "Date of birth must be a real date"),
])
def test_impossible_dates_are_explained_and_kept(client, sign_in, day, month, year, message):
    sign_in("social_worker")
    case_id = start(client)
    response = client.submit(f"/referrals/{case_id}/children/new",
                             {"name": "Rhodri", **date_fields("date_of_birth", day, month, year)})
    assert response.status_code == 200
    page = check_page(response)
    summary = page.select_one(".govuk-error-summary")
    assert message in text(summary)
    assert summary.select_one("a")["href"].startswith("#date_of_birth-")
    assert page.select_one("#date_of_birth-day")["value"] == day
    assert page.select_one("#date_of_birth-year")["value"] == year
    assert page.select_one("#name")["value"] == "Rhodri"


def test_hostile_input_is_stored_and_shown_as_text(client, sign_in, db):
    sign_in("social_worker")
    case_id = start(client, reference="<b>REF</b>-☃")
    name = "<script>alert('x')</script> Gwenllïan 👶 نور الهدى"
    long_reason = "ä" * 10_000
    complete(client, case_id, child_name=name)
    response = client.submit(f"/referrals/{case_id}/section/purpose", {"reason": long_reason,
                                                                       "decision_sought": "<img src=x onerror=alert(1)>"})
    assert response.status_code == 302
    assert case_data.children(db, case_id)[0]["name"] == name
    assert case_data.get(db, case_id)["reason"] == long_reason
    html = client.get(f"/referrals/{case_id}/check").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Gwenllïan 👶 نور الهدى" in html
    too_long = check_page(client.submit(f"/referrals/{case_id}/section/purpose",
                                        {"reason": long_reason + "x", "decision_sought": "y"}))
    assert "Why is the family being referred? must be 10,000 characters or fewer" in text(too_long)


def test_a_conflicting_edit_does_not_overwrite(client, sign_in, db, new_client):
    sign_in("social_worker")
    case_id = start(client)
    page = client.page(f"/referrals/{case_id}/section/purpose")
    stale = page.select_one("input[name=version]")["value"]
    client.submit(f"/referrals/{case_id}/section/purpose", {"reason": "First", "decision_sought": "One"})
    token = client.csrf_token(f"/referrals/{case_id}/section/purpose")
    response = client.raw.post(f"/referrals/{case_id}/section/purpose",
                               data={"csrf_token": token, "version": stale, "reason": "Second", "decision_sought": "Two"})
    page = check_page(response)
    assert "Someone else changed this referral" in text(page.select_one(".govuk-error-summary"))
    assert page.select_one("#reason").get_text() == "Second"
    assert case_data.get(db, case_id)["reason"] == "First"
    # Having seen the conflict, saving again works.
    fresh = page.select_one("input[name=version]")["value"]
    response = client.raw.post(f"/referrals/{case_id}/section/purpose",
                               data={"csrf_token": token, "version": fresh, "reason": "Second", "decision_sought": "Two"})
    assert response.status_code == 302
    assert case_data.get(db, case_id)["reason"] == "Second"


def test_admins_cannot_make_referrals(client, sign_in):
    sign_in("admin")
    assert client.get("/referrals/new").status_code == 403


def test_removing_a_child_with_a_record_asks_first_then_removes_what_depends_on_them(client, sign_in, db):
    from fgc.data import audit as audit_data
    from fgc.data import child_views, network
    from fgc.db import write

    from factories import make_case, user_id

    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="RM-1",
                        coordinator_id=user_id(db, "coordinator@example.org"))
    child = case_data.children(db, case_id)[0]
    with write(db):
        spare = case_data.save_child(db, case_id, {"name": "Added By Mistake", "date_of_birth": "2020-01-01",
                                                   "gender": "", "ethnicity": "", "first_language": "", "needs": ""})
        network.save(db, case_id, {"name": "Taid Jones", "side": "maternal", "roles": ["relative"]},
                     relationships={child["id"]: "Grandfather"})
        child_views.save(db, child["id"], {"wishes": "I want to stay with Nain", "gathered_note": "",
                                           "advocate_name": ""}, None)
    sign_in("coordinator")
    children_page = f"/referrals/{case_id}/children"

    response = client.submit(f"/referrals/{case_id}/children/{child['id']}/remove", {}, form_url=children_page)
    page = check_page(response)
    assert response.status_code == 200, "asked, not a server error"
    words = text(page)
    assert "Test Child" in page.h1.get_text() and "1 person in the family network" in words
    assert "views and wishes" in words
    assert [row["id"] for row in case_data.children(db, case_id)] == [child["id"], spare], "nothing removed yet"

    response = client.submit(f"/referrals/{case_id}/children/{child['id']}/remove", {"confirm": "yes"},
                             form_url=children_page)
    assert response.status_code == 302
    assert [row["id"] for row in case_data.children(db, case_id)] == [spare]
    assert network.for_case(db, case_id)[-1]["relationships"] == []
    assert child_views.get(db, child["id"]) is None
    removed = [row for row in audit_data.for_record(db, "case", case_id) if row["action"] == "case.child_removed"]
    assert removed[0]["detail"] == {"child_id": child["id"], "relationships": 1, "views": True, "scales": 0}

    response = client.submit(f"/referrals/{case_id}/children/{spare}/remove", {}, form_url=children_page)
    assert response.status_code == 302, "a child with nothing recorded about them goes at once"
    assert case_data.children(db, case_id) == []


def test_ethnicity_and_disability_are_chosen_and_words_typed_before_the_list_are_kept(client, sign_in, db):
    from fgc.db import write

    sign_in("social_worker")
    case_id = start(client)
    page = client.page(f"/referrals/{case_id}/children/new")
    options = [option["value"] for option in page.select("select[name=ethnicity] option")]
    assert options[:3] == ["", "white_british", "white_irish"] and len(options) == 22
    response = client.submit(f"/referrals/{case_id}/children/new", {
        "name": "Rhodri", **date_fields("date_of_birth", 3, 4, 2019), "ethnicity": "<script>", "disability": "yes"})
    page = check_page(response)
    assert "Choose the child’s ethnicity from the list" in text(page.select_one(".govuk-error-summary"))
    assert page.select_one("input[name=disability][value=yes]").has_attr("checked")
    client.submit(f"/referrals/{case_id}/children/new", {
        "name": "Rhodri", **date_fields("date_of_birth", 3, 4, 2019), "ethnicity": "white_gypsy_traveller",
        "disability": "yes"})
    (child,) = case_data.children(db, case_id)
    assert (child["ethnicity"], child["disability"]) == ("white_gypsy_traveller", "yes")
    assert "Ethnicity: White: Gypsy or Irish Traveller. Disability: Yes" in text(client.page(
        f"/referrals/{case_id}/check"))

    with write(db):
        db.execute("UPDATE children SET ethnicity = 'Kurdish' WHERE id = ?", [child["id"]])
    page = client.page(f"/referrals/{case_id}/children/{child['id']}")
    assert page.select_one("select[name=ethnicity] option[selected]")["value"] == "Kurdish"
    client.submit(f"/referrals/{case_id}/children/{child['id']}", {
        "name": "Rhodri Prys", **date_fields("date_of_birth", 3, 4, 2019), "ethnicity": "Kurdish"})
    assert case_data.child(db, case_id, child["id"])["ethnicity"] == "Kurdish", "saving again loses nothing"
