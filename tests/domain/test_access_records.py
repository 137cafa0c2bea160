"""Asking the audit trail who looked at or changed what: each filter finds exactly its events, newest first; paging
never skips or repeats one; every search and download is itself audited; and every filter is read off an index
in id order, with nothing to sort, so it stays fast at millions of events."""

import csv
import datetime
import io

import pytest
from factories import make_case, user_id

from fgc.data import access_records as records
from fgc.data import audit as audit_data
from fgc.data import network
from fgc.db import get_db, write
from fgc.domain import access_records


@pytest.fixture
def db(app):
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        yield get_db()


@pytest.fixture
def trail(db):
    """Two cases; events by two people about the cases, Nain (a network member), a child, and other things."""
    worker = user_id(db, "social_worker@example.org")
    coordinator = user_id(db, "coordinator@example.org")
    first = make_case(db, created_by=worker, reference="AR-1", coordinator_id=coordinator)
    second = make_case(db, created_by=worker, reference="AR-2", coordinator_id=coordinator)
    nain = next(p for p in network.for_case(db, first) if p["name"] == "Nain Jones")
    child = db.execute("SELECT id FROM children WHERE case_id = ?", [first]).fetchone()[0]
    start = db.execute("SELECT max(id) FROM audit_events").fetchone()[0] or 0
    rows = [
        (coordinator, "case.viewed", first, {"page": "network.person", "person_id": nain["id"]}),
        (worker, "case.viewed", first, {"page": "cases.view"}),
        (coordinator, "case.person_saved", first, {"person_id": str(nain["id"])}),  # an id written as text
        (worker, "case.child_saved", first, {"child_id": child}),
        (coordinator, "case.viewed", second, {"page": "cases.view"}),
        (worker, "sign_in.succeeded", None, None),
        (coordinator, "sign_out", None, None),
        (coordinator, "family.link_opened", first, {"person_id": nain["id"], "link_id": 1}),
    ]
    with write(db):
        for who, action, case_id, detail in rows:
            audit_data.add(db, user_id=who, actor=f"user {who}", action=action, record_type="case" if case_id else
                           "user", record_id=case_id or who, ip="192.0.2.7", detail=detail)
    return {"first": first, "second": second, "nain": nain["id"], "child": child, "worker": worker,
            "coordinator": coordinator, "start": start}


def found(db, trail, **filters):
    events, _older, _newer = records.page(db, filters, size=100)
    return [event["action"] + ("" if event["record_type"] != "case" else f"@{event['record_id']}")
            for event in events if event["id"] > trail["start"]]


def test_each_filter_finds_its_events_newest_first(db, trail):
    first, second = trail["first"], trail["second"]
    assert found(db, trail, person_id=trail["nain"]) == [
        f"family.link_opened@{first}", f"case.person_saved@{first}", f"case.viewed@{first}"]
    assert found(db, trail, child_id=trail["child"]) == [f"case.child_saved@{first}"]
    assert found(db, trail, case_id=second) == [f"case.viewed@{second}"]
    assert found(db, trail, user_id=trail["worker"]) == ["sign_in.succeeded", f"case.child_saved@{first}",
                                                         f"case.viewed@{first}"]
    assert found(db, trail, action_group="sign_in") == ["sign_out", "sign_in.succeeded"]
    assert found(db, trail, action_group="case_changed", case_id=first) == [
        f"case.child_saved@{first}", f"case.person_saved@{first}"]
    assert found(db, trail, action_group="case_viewed", user_id=trail["coordinator"]) == [
        f"case.viewed@{second}", f"case.viewed@{first}"]


def test_dates_are_whole_uk_days(db, trail):
    today = datetime.date.today()
    since, _ = access_records.filters_from(db, since=today, until=today)
    assert len(found(db, trail, **since)) == 8
    tomorrow = today + datetime.timedelta(days=1)
    later, _ = access_records.filters_from(db, since=tomorrow)
    assert found(db, trail, **later) == []
    yesterday, _ = access_records.filters_from(db, until=today - datetime.timedelta(days=1))
    assert found(db, trail, **yesterday) == []


def test_paging_older_and_newer_never_skips_or_repeats_an_event(db, trail):
    everything = [event["id"] for event in records.page(db, {}, size=1000)[0]]
    seen, before = [], None
    while True:
        events, older, _ = records.page(db, {}, before=before, size=3)
        seen += [event["id"] for event in events]
        if not older:
            break
        before = events[-1]["id"]
    assert seen == everything
    # And back again from the oldest page.
    back, _, newer = records.page(db, {}, after=seen[-4], size=3)
    assert [event["id"] for event in back] == seen[-7:-4] and newer


def test_a_search_is_audited_with_what_was_asked(db, trail):
    filters, _ = access_records.filters_from(db, reference="AR-1", action_group="case_viewed")
    events, _, _ = access_records.search(db, filters)
    assert [event["reference"] for event in events][:2] == ["AR-1", "AR-1"]
    [event] = audit_data.events(db, action="access_records.searched")
    assert event["detail"] == {"case_id": trail["first"], "action_group": "case_viewed", "shown": len(events)}


def test_an_unknown_reference_is_said_so(db):
    assert access_records.filters_from(db, reference="NO-SUCH") == (None, "reference")


def test_the_csv_holds_every_event_and_no_cell_runs_as_a_formula(db, trail):
    with write(db):
        audit_data.add(db, user_id=None, actor="=HYPERLINK(\"http://evil.example\")", action="sign_in.failed",
                       ip="192.0.2.7")
    filters, _ = access_records.filters_from(db)
    rows = list(csv.reader(io.StringIO("".join(access_records.export(db, filters)))))
    assert rows[0] == list(access_records.CSV_HEADINGS)
    assert len(rows) - 1 == db.execute("SELECT count(*) FROM audit_events").fetchone()[0], \
        "every event, the download's own record (written as it starts) first"
    assert rows[1][4] == "access_records.exported"
    assert rows[2][3] == "'=HYPERLINK(\"http://evil.example\")"
    assert audit_data.events(db, action="access_records.exported")


def test_names_are_looked_up_with_wildcards_taken_literally(db, trail):
    people = access_records.find_people(db, "nain")
    assert [(person["kind"], person["name"], person["reference"]) for person in people] == [
        ("person", "Nain Jones", "AR-1"), ("person", "Nain Jones", "AR-2")]
    assert access_records.find_people(db, "%") == []
    assert audit_data.events(db, action="access_records.people_searched")[0]["detail"] == {"found": 0, "people": []}


@pytest.mark.parametrize("filters", [
    {"case_id": 1}, {"person_id": 1}, {"child_id": 1}, {"user_id": 1}, {"action_group": "family"},
    {"action_group": "case_viewed"}, {"since": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)},
], ids=["case", "person", "child", "user", "kind", "views", "dates"])
def test_every_filter_reads_an_index_in_id_order_with_nothing_to_sort(db, trail, filters):
    where, params = records._where(db, filters)
    plan = " ".join(row[3] for row in db.execute(
        f"EXPLAIN QUERY PLAN SELECT id FROM audit_events WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT 51",
        params))
    assert "TEMP B-TREE" not in plan and ("INDEX" in plan or "INTEGER PRIMARY KEY" in plan), plan
