"""A case after referral: allocation, the s.31ZA offer, consent, baseline, stages, deadlines, search, timeline."""

import datetime

from fgc.data import cases as case_data
from fgc.data import consents
from fgc.db import write

from conftest import check_page, text
from factories import add_user, make_case, user_id


def dates(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


TODAY = datetime.date.today()


def referred_case(db, **kwargs):
    return make_case(db, created_by=user_id(db, "social_worker@example.org"), reference=kwargs.pop("reference", "C-1"),
                     extras=False, **kwargs)


def test_manager_allocates_from_the_queue(client, sign_in, db, new_client):
    case_id = referred_case(db, urgent=True)
    sign_in("manager")
    queue = client.page("/cases/unallocated")
    assert "C-1" in text(queue) and "Urgent" in text(queue)
    page = client.page(f"/cases/{case_id}/allocate")
    assert "Test Coordinator (0 open cases)" in text(page)
    coordinator = str(user_id(db, "coordinator@example.org"))
    response = client.submit(f"/cases/{case_id}/allocate", {"coordinator_id": coordinator})
    assert response.status_code == 302
    case = case_data.get(db, case_id)
    assert case["stage"] == "allocated" and str(case["coordinator_id"]) == coordinator
    assert not client.page("/cases/unallocated").select("tbody tr")
    assert "C-1" in text(new_client("coordinator").page("/"))


def test_allocation_refuses_someone_who_is_not_a_coordinator(client, sign_in, db):
    case_id = referred_case(db)
    sign_in("manager")
    page = check_page(client.submit(f"/cases/{case_id}/allocate",
                                    {"coordinator_id": str(user_id(db, "social_worker@example.org"))}))
    assert "Select a coordinator from the list" in text(page)
    assert case_data.get(db, case_id)["stage"] == "referred"


def test_the_offer_panel_records_an_offer_in_the_letter_before_proceedings(client, sign_in, db):
    case_id = referred_case(db, coordinator_id=user_id(db, "coordinator@example.org"))
    sign_in("social_worker")
    page = check_page(client.submit(f"/cases/{case_id}/offer", {"offer_made": "yes", "in_letter": "yes",
                                                                 "response": "accepted"}))
    summary = text(page.select_one(".govuk-error-summary"))
    for message in ("Enter the date of the offer", "Enter the date of the letter before proceedings",
                    "Enter the date of the family’s answer"):
        assert message in summary
    assert page.select_one("#in_letter")["checked"] is not None, "choices are kept"
    response = client.submit(f"/cases/{case_id}/offer", {
        "offer_made": "yes", **dates("offered_on", datetime.date(2026, 10, 1)), "in_letter": "yes",
        **dates("letter_date", datetime.date(2026, 10, 1)), "response": "accepted",
        **dates("response_on", datetime.date(2026, 10, 8))})
    assert response.status_code == 302
    panel = text(client.page(f"/cases/{case_id}/referral"))
    assert "Yes, on 1 October 2026" in panel
    assert "Yes, letter dated 1 October 2026" in panel
    assert "Accepted on 8 October 2026" in panel


def test_the_offer_panel_records_the_best_interests_exception(client, sign_in, db):
    case_id = referred_case(db)
    sign_in("manager")
    page = check_page(client.submit(f"/cases/{case_id}/offer", {"offer_made": "no"}))
    assert "Enter why an offer was not in the child’s best interests" in text(page)
    client.submit(f"/cases/{case_id}/offer", {"offer_made": "no", "exception_reason": "Risk of flight abroad",
                                              "exception_decided_by": "Head of service",
                                              **dates("exception_decided_on", datetime.date(2026, 9, 2))})
    panel = text(client.page(f"/cases/{case_id}/referral"))
    assert "No: not in the child’s best interests" in panel
    assert "Head of service on 2 September 2026" in panel


def test_withdrawing_consent_pauses_the_case_and_stops_meetings(client, sign_in, db):
    case_id = referred_case(db, coordinator_id=user_id(db, "coordinator@example.org"))
    sign_in("coordinator")
    client.submit(f"/cases/{case_id}/consents/new", {"given_by": "Mair Prys", "basis": "parental_responsibility",
                                                     **dates("given_on", TODAY), "may_share": "Reports",
                                                     "share_with": "The network"})
    consent_id = consents.for_case(db, case_id)[0]["id"]
    client.submit(f"/cases/{case_id}/consents/{consent_id}/withdraw", {"withdrawn_by": "Mair Prys",
                                                                      **dates("withdrawn_on", TODAY)})
    case = case_data.get(db, case_id)
    assert case["stage"] == "withdrawn" and case["resume_stage"] == "allocated"
    page = text(client.page(f"/cases/{case_id}"))
    assert "The family has withdrawn consent, so work on this case has stopped" in page
    assert "says nothing about how they work with the council" in page
    assert "non-cooperation" not in page.lower() and "uncooperative" not in page.lower()
    # No meetings while consent is withdrawn, and no resuming until it is given again.
    client.get(f"/cases/{case_id}/meetings/new/conference")
    assert "Consent has been withdrawn: no meetings can be arranged" in text(client.page(f"/cases/{case_id}"))
    client.get(f"/cases/{case_id}/move/resume")
    assert "Record the family's consent again before resuming" in text(client.page(f"/cases/{case_id}"))
    client.submit(f"/cases/{case_id}/consents/new", {"given_by": "Mair Prys", "basis": "parental_responsibility",
                                                     **dates("given_on", TODAY), "may_share": "Reports",
                                                     "share_with": "The network"})
    assert client.submit(f"/cases/{case_id}/move/resume", {}).status_code == 302
    assert case_data.get(db, case_id)["stage"] == "allocated"


def test_baseline_and_its_lists(client, sign_in, db):
    case_id = referred_case(db, coordinator_id=user_id(db, "coordinator@example.org"))
    sign_in("coordinator")
    client.get(f"/cases/{case_id}/meetings/new/conference")
    assert "Record the baseline meeting before scheduling the conference" in text(client.page(f"/cases/{case_id}"))
    response = client.submit(f"/cases/{case_id}/baseline", {**dates("held_on", TODAY), "attendees": "Coordinator, SW",
                                                             "objective": "A safe plan for the children"})
    assert response.status_code == 302
    assert case_data.get(db, case_id)["stage"] == "baseline_held"
    for kind, words in (("question", "Who will collect the children from school?"),
                        ("bottom_line", "No unsupervised contact with Mr X"),
                        ("resource", "Travel costs to contact")):
        assert client.submit(f"/cases/{case_id}/baseline/{kind}/new", {"text": words}).status_code == 302
    page = text(client.page(f"/cases/{case_id}/preparation"))
    for words in ("Who will collect the children from school?", "No unsupervised contact with Mr X",
                  "Travel costs to contact"):
        assert words in page


def test_stage_changes_record_who_and_when(client, sign_in, db):
    case_id = referred_case(db, coordinator_id=user_id(db, "coordinator@example.org"))
    sign_in("coordinator")
    client.submit(f"/cases/{case_id}/move/on_hold", {"note": "Mother in hospital"})
    history = case_data.stage_history(db, case_id)
    assert (history[-1]["from_stage"], history[-1]["to_stage"], history[-1]["user_name"], history[-1]["note"]) == \
        ("allocated", "on_hold", "Test Coordinator", "Mother in hospital")
    assert history[-1]["at"][:10] in {TODAY.isoformat(), (TODAY - datetime.timedelta(days=1)).isoformat()}
    client.submit(f"/cases/{case_id}/move/resume", {})
    assert case_data.get(db, case_id)["stage"] == "allocated"
    timeline = text(client.page(f"/cases/{case_id}/timeline"))
    assert "Test Coordinator moved the case from Allocated to On hold: Mother in hospital" in timeline
    assert "Test Coordinator moved the case from On hold to Allocated" in timeline
    assert not any("looked at the case" in text(title) for title in client.page(f"/cases/{case_id}/timeline")
                   .select(".moj-timeline__title"))
    client.page(f"/cases/{case_id}")
    assert "Test Coordinator looked at the case" in text(client.page(f"/cases/{case_id}/timeline?kind=views"))


def test_a_refused_move_says_why_and_changes_nothing(client, sign_in, db):
    case_id = referred_case(db, coordinator_id=user_id(db, "coordinator@example.org"))
    sign_in("coordinator")
    client.submit(f"/cases/{case_id}/move/closed", {**dates("closed_on", TODAY)}, form_url=f"/cases/{case_id}")
    assert case_data.get(db, case_id)["stage"] == "allocated"
    assert "Hold the conference, or record why the work stopped, before closing the case" in \
        text(client.page(f"/cases/{case_id}"))


def test_deadlines_show_overdue_and_due_soon_in_words(client, sign_in, db):
    long_ago = (TODAY - datetime.timedelta(days=40)).isoformat()
    case_id = referred_case(db, coordinator_id=user_id(db, "coordinator@example.org"), referred_on=long_ago)
    sign_in("coordinator")
    page = client.page(f"/cases/{case_id}")
    deadlines = text(page.select_one("#deadlines").find_next("table"))
    assert "Baseline meeting" in deadlines and "Overdue" in deadlines
    assert "Overdue" in text(client.page("/"))
    today_case = referred_case(db, reference="C-2", coordinator_id=user_id(db, "coordinator@example.org"), urgent=True)
    deadlines = text(client.page(f"/cases/{today_case}").select_one("#deadlines").find_next("table"))
    assert "Due soon" in deadlines


def test_closure_days_push_deadlines(client, sign_in, db):
    case_id = referred_case(db, coordinator_id=user_id(db, "coordinator@example.org"), urgent=True,
                            referred_on="2026-12-23")
    sign_in("coordinator")
    before = text(client.page(f"/cases/{case_id}").select_one("#deadlines").find_next("table"))
    # 23 Dec 2026 + 1 working day: Christmas Day and the Boxing Day substitute are bank holidays.
    assert "Baseline meeting 24 December 2026" in before
    client.submit("/sign-out", {}, form_url="/")
    sign_in("admin")
    client.submit("/admin/closure-days", {**dates("day", datetime.date(2026, 12, 24)), "reason": "Christmas Eve"})
    client.submit("/sign-out", {}, form_url="/")
    sign_in("coordinator")
    after = text(client.page(f"/cases/{case_id}").select_one("#deadlines").find_next("table"))
    assert "Baseline meeting 29 December 2026" in after
    assert "29 December 2026" in text(client.page("/cases/").select_one("#cases tbody")), "the list's deadline moves too"


def test_search_ignores_accents_and_shows_only_visible_cases(client, sign_in, db):
    mine = referred_case(db, coordinator_id=user_id(db, "coordinator@example.org"), child_name="Siân Llŷr")
    other_coordinator = add_user(db, "other@example.org", "coordinator")
    referred_case(db, reference="C-OTHER", coordinator_id=other_coordinator, child_name="Siân Morgan")
    sign_in("coordinator")
    results = client.page("/cases/search?q=sian")
    rows = results.select("tbody tr")
    assert len(rows) == 1 and "Siân Llŷr" in text(rows[0])
    assert len(client.page("/cases/search?q=llyr").select("tbody tr")) == 1
    assert len(client.page("/cases/search?q=Parent").select("tbody tr")) == 1, "family member names are searched"
    assert len(client.page("/cases/search?q=c-1").select("tbody tr")) == 1, "references are searched"
    for hostile in ('"', "AND OR NOT", "*", "sian)", "NEAR(", "'; DROP TABLE cases; --", "🙂" * 50):
        response = client.get("/cases/search", query_string={"q": hostile})
        assert response.status_code == 200
        assert "Siân Morgan" not in response.get_data(as_text=True)
    assert f"/cases/{mine}" in str(client.page("/cases/search?q=Llŷr"))


def test_two_people_cannot_both_move_a_case(client, sign_in, db, new_client):
    case_id = referred_case(db)
    coordinator = str(user_id(db, "coordinator@example.org"))
    sign_in("manager")
    second = new_client("manager")
    token = second.csrf_token(f"/cases/{case_id}/allocate")  # opened the page before the first allocation
    client.submit(f"/cases/{case_id}/allocate", {"coordinator_id": coordinator})
    assert case_data.get(db, case_id)["stage"] == "allocated"
    with write(db):  # the case moves on while the second manager's page is open
        case_data.move(db, case_id, to_stage="on_hold", user_id=1, resume_stage="allocated")
    response = second.raw.post(f"/cases/{case_id}/move/resume", data={"csrf_token": token})
    assert response.status_code == 302
    stages = [row["to_stage"] for row in case_data.stage_history(db, case_id)]
    assert stages == ["referred", "allocated", "on_hold", "allocated"]
    from fgc.data.cases import VersionConflict
    import pytest

    with pytest.raises(VersionConflict):
        with write(db):
            case_data.move(db, case_id, to_stage="baseline_held", user_id=1, expected_stage="referred")


def test_paused_cases_do_not_show_as_overdue(client, sign_in, db):
    long_ago = (TODAY - datetime.timedelta(days=60)).isoformat()
    case_id = referred_case(db, coordinator_id=user_id(db, "coordinator@example.org"), referred_on=long_ago)
    sign_in("coordinator")
    client.submit(f"/cases/{case_id}/move/on_hold", {"note": "Hospital"})
    deadlines = text(client.page(f"/cases/{case_id}").select_one("#deadlines").find_next("table"))
    assert "Paused" in deadlines and "Overdue" not in deadlines
    assert "Nothing is overdue" in text(client.page("/"))


def test_the_timeline_shows_moves_made_inside_other_actions(client, sign_in, db):
    case_id = referred_case(db)
    sign_in("manager")
    client.submit(f"/cases/{case_id}/allocate", {"coordinator_id": str(user_id(db, "coordinator@example.org"))})
    timeline = text(client.page(f"/cases/{case_id}/timeline"))
    assert "Test Manager allocated the case to Test Coordinator" in timeline
    assert "Test Manager moved the case from Referred to Allocated" in timeline


def test_the_timeline_is_newest_first_says_who_did_what_to_which_record_and_filters_by_kind(client, sign_in, db):
    case_id = referred_case(db, coordinator_id=user_id(db, "coordinator@example.org"))
    sign_in("coordinator")
    client.submit(f"/cases/{case_id}/network/new", {"name": "Glenys Morgan-Jones", "side": "maternal",
                                                    "roles": "relative"}, form_url=f"/cases/{case_id}/network/new")
    client.submit(f"/cases/{case_id}/move/on_hold", {"note": "Hospital"})
    page = client.page(f"/cases/{case_id}/timeline")
    entries = [text(item.select_one(".moj-timeline__title")) for item in page.select(".moj-timeline__item")]
    assert entries[0] == "Test Coordinator moved the case from Allocated to On hold: Hospital", "newest first"
    assert "Test Coordinator added Glenys Morgan-Jones to the network" in entries
    assert page.select_one(".moj-timeline__title bdi"), "typed names are isolated from the app's words"
    network_only = client.page(f"/cases/{case_id}/timeline?kind=network")
    assert [text(t) for t in network_only.select(".moj-timeline__title")] == [
        "Test Coordinator added Glenys Morgan-Jones to the network"]
    assert client.page(f"/cases/{case_id}/timeline?kind=nonsense&page=x").select(".moj-timeline__item")


def test_removing_another_cases_child_is_not_found(client, sign_in, db):
    mine = referred_case(db)
    other = referred_case(db, reference="C-2")
    from fgc.data import cases as data

    other_child = data.children(db, other)[0]["id"]
    sign_in("social_worker")
    token = client.csrf_token(f"/referrals/{mine}/children")
    assert client.raw.post(f"/referrals/{mine}/children/{other_child}/remove",
                           data={"csrf_token": token}).status_code == 404
    assert data.children(db, other)


def test_search_survives_control_characters(client, sign_in, db):
    referred_case(db, coordinator_id=user_id(db, "coordinator@example.org"), child_name="Siân Llŷr")
    sign_in("coordinator")
    for query in ("%00", "sian%00", "%01%02", "%E2%80%AE"):
        assert client.get(f"/cases/search?q={query}").status_code == 200
    assert len(client.page("/cases/search?q=sian%00").select("tbody tr")) == 1


# --- the cases list: filters in the URL, sorting, next deadlines and pages paged in SQL ----------------------

def list_rows(page):
    return [text(row.select_one("td")).split()[0] for row in page.select("#cases tbody tr")]


def many_cases(db, count, **kwargs):
    from fgc.domain import due_dates

    ids = [referred_case(db, reference=f"L-{number:03}", **kwargs) for number in range(1, count + 1)]
    due_dates.refresh_all(db)
    return ids


def test_the_cases_list_comes_in_pages_of_25_with_where_you_are(client, sign_in, db):
    many_cases(db, 30)
    sign_in("manager")
    first = client.page("/cases/?sort=reference")
    assert list_rows(first) == [f"L-{n:03}" for n in range(1, 26)]
    assert "Showing 1 to 25 of 30 cases" in text(first)
    second = client.page(first.select_one(".govuk-pagination__next a")["href"])
    assert list_rows(second) == [f"L-{n:03}" for n in range(26, 31)]
    assert "Showing 26 to 30 of 30 cases" in text(second)
    assert list_rows(client.page("/cases/?sort=reference&page=99")) == list_rows(second), "past the end: the last page"
    assert list_rows(client.page("/cases/?sort=reference&page=%C2%B2")) == list_rows(first)


def test_sorting_by_a_column_flips_on_a_second_click_and_says_so(client, sign_in, db):
    many_cases(db, 3)
    sign_in("manager")
    page = client.page("/cases/")
    reference = page.select_one("th a[href*='sort=reference']")
    ascending = client.page(reference["href"])
    assert list_rows(ascending) == ["L-001", "L-002", "L-003"]
    header = ascending.select_one("th a[href*='sort=reference']").parent
    assert header["aria-sort"] == "ascending"
    descending = client.page(header.a["href"])
    assert list_rows(descending) == ["L-003", "L-002", "L-001"]
    assert descending.select_one("th a[href*='sort=reference']").parent["aria-sort"] == "descending"


def test_filters_in_the_url_narrow_the_list_and_each_can_be_removed(client, sign_in, db):
    from fgc.domain import due_dates

    coordinator = user_id(db, "coordinator@example.org")
    long_ago = (TODAY - datetime.timedelta(days=120)).isoformat()
    referred_case(db, reference="OLD-URGENT", urgent=True, referred_on=long_ago, coordinator_id=coordinator)
    referred_case(db, reference="NEW-PLAIN")
    closed = referred_case(db, reference="SHUT", coordinator_id=coordinator)
    with write(db):
        case_data.move(db, closed, to_stage="closed", user_id=coordinator, closed_on=TODAY.isoformat())
        plo = referred_case(db, reference="PLO-CASE")
        case_data.update(db, plo, case_data.get(db, plo)["version"], legal_status="pre_proceedings")
    due_dates.refresh_all(db)
    sign_in("manager")
    assert set(list_rows(client.page("/cases/"))) == {"OLD-URGENT", "NEW-PLAIN", "PLO-CASE"}, "open cases only"
    assert list_rows(client.page("/cases/?status=closed")) == ["SHUT"]
    assert set(list_rows(client.page("/cases/?status=all"))) == {"OLD-URGENT", "NEW-PLAIN", "PLO-CASE", "SHUT"}
    assert list_rows(client.page("/cases/?urgent=yes")) == ["OLD-URGENT"]
    assert list_rows(client.page("/cases/?overdue=yes")) == ["OLD-URGENT"]
    assert list_rows(client.page(f"/cases/?coordinator={coordinator}")) == ["OLD-URGENT"]
    assert set(list_rows(client.page("/cases/?coordinator=none"))) == {"NEW-PLAIN", "PLO-CASE"}
    assert list_rows(client.page("/cases/?legal=pre_proceedings")) == ["PLO-CASE"]
    assert list_rows(client.page("/cases/?stage=allocated")) == ["OLD-URGENT"]
    both = client.page("/cases/?urgent=yes&legal=pre_proceedings")
    assert not list_rows(both) and "No cases match these filters." in text(both)
    tag = next(a for a in both.select(".moj-filter__tag") if "Urgent" in text(a))
    assert list_rows(client.page(tag["href"])) == ["PLO-CASE"], "removing one filter keeps the others"
    assert both.select_one("#filter-urgent").has_attr("checked"), "the filter form shows what is chosen"


def test_the_list_shows_each_cases_next_deadline_with_its_tag(client, sign_in, db):
    long_ago = (TODAY - datetime.timedelta(days=120)).isoformat()
    many_cases(db, 1, referred_on=long_ago)
    sign_in("manager")
    cells = [text(td) for td in client.page("/cases/").select("#cases tbody td")]
    assert any("Baseline meeting" in cell and "Overdue" in cell for cell in cells)


def test_the_list_audits_what_was_shown_by_filter_and_page_not_every_case(client, sign_in, db):
    import json

    many_cases(db, 30)
    sign_in("manager")
    client.page("/cases/?urgent=yes&page=2")
    client.page("/cases/?sort=reference&page=2")
    rows = db.execute("SELECT detail FROM audit_events WHERE action = 'case.list_viewed' ORDER BY id").fetchall()
    first, second = (json.loads(row[0]) for row in rows[-2:])
    assert first == {"filters": {"urgent": "yes"}, "page": 1, "case_ids": []}
    assert second["filters"] == {"sort": "reference"} and second["page"] == 2 and len(second["case_ids"]) == 5


def test_search_shows_the_newest_matching_cases_first(client, sign_in, db):
    referred_case(db, reference="JONES-1", child_name="Cai Jones")
    referred_case(db, reference="JONES-2", child_name="Mali Jones")
    sign_in("manager")
    found = [a.get_text() for a in client.page("/cases/search?q=jones").select("table a")]
    assert found == ["JONES-2", "JONES-1"]
