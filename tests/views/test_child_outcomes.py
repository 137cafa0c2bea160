"""Each child's outcome through its pages: closing a case asks about every child, the Outcomes page shows what is
recorded and due, follow-ups are recorded after closure, and the coordinator's home page lists those due."""

import datetime

from fgc.data import cases as case_data
from fgc.data import child_outcomes
from fgc.data import meetings
from fgc.db import write
from fgc.domain.workdays import add_months

from conftest import check_page, text
from factories import case_actions, make_case, user_id

TODAY = datetime.date.today()


def dates(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def conference_held(db, *, on, reference="C-1", second_child="Ffion Jones"):
    """A case allocated to the test coordinator whose first conference was held ``on``, with two children."""
    coordinator = user_id(db, "coordinator@example.org")
    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference=reference,
                        coordinator_id=coordinator, child_name="Osian Jones", referred_on=(on - datetime.timedelta(
                            days=30)).isoformat())
    with write(db):
        if second_child:
            case_data.save_child(db, case_id, {"name": second_child, "date_of_birth": "2020-01-01", "gender": "",
                                               "ethnicity": "", "first_language": "", "needs": ""})
        meeting = meetings.for_case(db, case_id)[0]
        meetings.mark_held(db, case_id, meeting["id"], on.isoformat())
        case_data.move(db, case_id, to_stage="conference_held", user_id=coordinator)
    return case_id


def answers(prefix="", **overrides):
    values = {"living_with": "wider_family", "arrangement": "order", "proceedings": "no",
              "legal_order": "special_guardianship", **overrides}
    return {prefix + key: value for key, value in values.items()}


def test_closing_asks_about_each_child_and_keeps_what_was_typed(client, sign_in, db):
    case_id = conference_held(db, on=TODAY - datetime.timedelta(days=10))
    children = case_data.children(db, case_id)
    sign_in("coordinator")
    first, second = (f"child{child['id']}_" for child in children)
    form = {**dates("closed_on", TODAY), **answers(first, arrangement=""), first.replace("_", "") + "x": "",
            second + "living_with": "care", "notes": "Closing: <b>bold</b>"}
    page = check_page(client.submit(f"/cases/{case_id}/move/closed", form))
    words = text(page)
    assert "Select on what footing the child lives with wider family or friends" in words
    assert "Select whether care proceedings have been issued for Ffion Jones" in words
    assert "Select the legal order for Ffion Jones, or ‘No order’" in words
    assert page.select_one(f"input[name='{second}living_with'][value='care']").has_attr("checked")
    assert page.select_one("textarea[name='notes']").text == "Closing: <b>bold</b>"
    assert case_data.get(db, case_id)["stage"] == "conference_held"

    form.update({first + "arrangement": "order", second + "proceedings": "yes", second + "legal_order": "care"})
    assert client.submit(f"/cases/{case_id}/move/closed", form).status_code == 302
    case = case_data.get(db, case_id)
    assert (case["stage"], case["closed_on"], case["closure_notes"]) == ("closed", TODAY.isoformat(),
                                                                         "Closing: <b>bold</b>")
    recorded = child_outcomes.for_case(db, case_id)
    assert {(child_id, point): (row["living_with"], row["arrangement"], row["proceedings"], row["legal_order"])
            for (child_id, point), row in recorded.items()} == {
        (children[0]["id"], "closure"): ("wider_family", "order", "no", "special_guardianship"),
        (children[1]["id"], "closure"): ("care", "", "yes", "care")}
    assert case_actions(db, case_id).count("case.outcome_recorded") == 2


def test_the_outcomes_page_shows_what_is_recorded_and_what_is_due(client, sign_in, db):
    held = TODAY - datetime.timedelta(days=200)
    case_id = conference_held(db, on=held)
    osian, ffion = case_data.children(db, case_id)
    sign_in("coordinator")
    client.submit(f"/cases/{case_id}/outcomes/{osian['id']}/three_months",
                  {**answers(living_with="parents", legal_order="none"), **dates("known_on", TODAY)})
    page = client.page(f"/cases/{case_id}/outcomes")
    osian_table, ffion_table = page.select("table")
    assert "Osian Jones" in text(osian_table.caption) and "Ffion Jones" in text(ffion_table.caption)
    rows = [text(row) for row in osian_table.select("tbody tr")]
    assert rows[0].startswith("3 months after the conference") and "With parents" in rows[0] and "No order" in rows[0]
    twelve = add_months(held, 12)
    assert f"Due {twelve.day}" in rows[1] and "Not recorded yet" in rows[1]
    assert "Overdue" in text(ffion_table.select("tbody tr")[0])
    assert text(page.select_one(".moj-sub-navigation__link[aria-current='page']")) == "Outcomes"


def test_a_follow_up_is_recorded_after_the_case_is_closed_and_a_second_save_is_not_lost(client, sign_in, db,
                                                                                        new_client):
    case_id = conference_held(db, on=TODAY - datetime.timedelta(days=100), second_child=None)
    (child,) = case_data.children(db, case_id)
    coordinator = user_id(db, "coordinator@example.org")
    with write(db):
        case_data.move(db, case_id, to_stage="closed", user_id=coordinator, closed_on=TODAY.isoformat())
    sign_in("coordinator")
    url = f"/cases/{case_id}/outcomes/{child['id']}/three_months"
    page = client.page(url)
    assert "Outcome for Osian Jones: 3 months after the conference" in text(page.h1)
    client.submit(url, {**answers(living_with="care", arrangement="", legal_order="interim_care", proceedings="yes"),
                        **dates("known_on", TODAY)})
    saved = child_outcomes.get(db, child["id"], "three_months")
    assert (saved["living_with"], saved["proceedings"], saved["version"]) == ("care", "yes", 1)

    # Two people change it from the same version: the second is told, and keeps what they typed.
    manager = new_client("manager")
    first_form = client.page(url)
    second_form = manager.page(url)
    client.submit(url, {**answers(living_with="parents", legal_order="none"), **dates("known_on", TODAY),
                        "version": first_form.select_one("input[name='version']")["value"]})
    page = check_page(manager.submit(url, {**answers(living_with="other", legal_order="unknown"),
                                           **dates("known_on", TODAY),
                                           "version": second_form.select_one("input[name='version']")["value"]}))
    assert "Someone else changed this" in text(page)
    assert page.select_one("input[name='living_with'][value='other']").has_attr("checked")
    assert child_outcomes.get(db, child["id"], "three_months")["living_with"] == "parents"


def test_the_outcome_at_closure_waits_for_closure_and_follow_ups_for_a_conference(client, sign_in, db):
    coordinator = user_id(db, "coordinator@example.org")
    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="C-2",
                        coordinator_id=coordinator)
    (child,) = case_data.children(db, case_id)
    sign_in("coordinator")
    for point, words in (("closure", "The outcome at closure is recorded when the case is closed"),
                         ("twelve_months", "Follow-ups start from the first conference, and none has been held")):
        page = check_page(client.submit(f"/cases/{case_id}/outcomes/{child['id']}/{point}",
                                        {**answers(), **dates("known_on", TODAY)}))
        assert words in text(page)
    assert child_outcomes.for_case(db, case_id) == {}
    assert "Nothing is due yet" in text(client.page(f"/cases/{case_id}/outcomes"))


def test_who_may_record_an_outcome(client, sign_in, db, new_client):
    case_id = conference_held(db, on=TODAY - datetime.timedelta(days=100), second_child=None)
    (child,) = case_data.children(db, case_id)
    url = f"/cases/{case_id}/outcomes/{child['id']}/three_months"
    sign_in("social_worker")
    assert client.page(f"/cases/{case_id}/outcomes").select_one("a[href$='three_months']") is None
    assert client.get(url).status_code == 403
    assert new_client("manager").get(url).status_code == 200
    assert new_client("coordinator").get(f"/cases/{case_id}/outcomes/{child['id'] + 999}/three_months"
                                         ).status_code == 404


def test_the_coordinators_home_lists_follow_ups_due_with_their_dates(client, sign_in, db):
    soon = conference_held(db, on=add_months(TODAY, -3) + datetime.timedelta(days=10), reference="SOON",
                           second_child=None)
    late = conference_held(db, on=add_months(TODAY, -12) - datetime.timedelta(days=3), reference="LATE",
                           second_child=None)
    conference_held(db, on=TODAY - datetime.timedelta(days=20), reference="NOT-YET", second_child=None)
    coordinator = user_id(db, "coordinator@example.org")
    with write(db):
        case_data.move(db, late, to_stage="closed", user_id=coordinator, closed_on=TODAY.isoformat())
    sign_in("coordinator")
    home = client.page("/")
    table = home.find("caption", string="Outcome follow-ups due").find_parent("table")
    rows = [text(row) for row in table.select("tbody tr")]
    late_day, soon_day = add_months(add_months(TODAY, -12) - datetime.timedelta(days=3), 3), add_months(
        add_months(TODAY, -3) + datetime.timedelta(days=10), 3)
    assert rows[0].startswith("LATE") and "3 months after the conference" in rows[0] and "Overdue" in rows[0]
    assert f"{late_day.day}" in rows[0]
    assert rows[1].startswith("LATE") and "12 months after the conference" in rows[1] and "Overdue" in rows[1]
    assert rows[2].startswith("SOON") and "Overdue" not in rows[2] and f"{soon_day.year}" in rows[2]
    assert len(rows) == 3
    link = table.select("tbody tr")[2].select("a")[1]["href"]
    assert link == f"/cases/{soon}/outcomes/{case_data.children(db, soon)[0]['id']}/three_months"

    (child,) = case_data.children(db, late)
    client.submit(f"/cases/{late}/outcomes/{child['id']}/three_months", {**answers(), **dates("known_on", TODAY)})
    rows = [text(row) for row in client.page("/").find("caption", string="Outcome follow-ups due")
            .find_parent("table").select("tbody tr")]
    assert len(rows) == 2 and "3 months" not in rows[0]
