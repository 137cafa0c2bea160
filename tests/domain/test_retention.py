"""Retention: when an ended case comes up for review under the schedule, and disposal that leaves no name, contact
or word of anyone's behind, keeps the anonymised record the reports count, and says so in the audit trail."""

import datetime

import pytest
from factories import make_case, user_id

from fgc.data import audit as audit_data
from fgc.data import cases as case_data
from fgc.data import retention as retention_data
from fgc.data import users as user_data
from fgc.db import get_db, write
from fgc.domain import retention

MARK = "ZQXMARKERQZX"


@pytest.fixture
def db(app):
    with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        yield get_db()


@pytest.fixture
def manager(db):
    return user_data.get_by_email(db, "manager@example.org")


def ended(db, reference, *, closed_on="2016-03-01", born="2001-05-04", stage="closed"):
    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference=reference,
                        coordinator_id=user_id(db, "coordinator@example.org"), referred_on="2015-06-01")
    with write(db):
        db.execute("UPDATE cases SET stage = ?, closed_on = ? WHERE id = ?",
                   [stage, closed_on if stage == "closed" else None, case_id])
        db.execute("INSERT INTO stage_changes (case_id, from_stage, to_stage, user_id, at) VALUES (?, 'allocated', ?, "
                   "1, ?)", [case_id, stage, f"{closed_on}T10:00:00+00:00"])
        db.execute("UPDATE children SET date_of_birth = ? WHERE case_id = ?", [born, case_id])
        db.execute("INSERT INTO child_outcomes (case_id, child_id, point, known_on, living_with, arrangement, "
                   "proceedings, legal_order, notes, recorded_by, updated_at) SELECT case_id, id, 'closure', ?, "
                   "'wider_family', 'order', 'no', 'special_guardianship', 'With Nain', 1, ? FROM children "
                   "WHERE case_id = ?", [closed_on, closed_on, case_id])
    return case_data.get(db, case_id)


@pytest.mark.parametrize("closed_on, born, review_on", [
    ("2016-03-01", "2001-05-04", "2026-05-04"),   # the youngest child turns 25 after the six years
    ("2020-03-01", "1990-01-01", "2026-03-01"),   # six years after it ended, the children long grown up
], ids=["child-turns-25", "six-years"])
def test_a_case_comes_up_for_review_at_the_later_of_the_rules(db, closed_on, born, review_on):
    case = ended(db, "RET-1", closed_on=closed_on, born=born)
    facts = retention.review_of(db, case["id"], today=datetime.date(2026, 12, 5))
    assert facts["review_on"].isoformat() == review_on and facts["due"]
    assert [row["reference"] for row in retention.due(db, today=datetime.date.fromisoformat(review_on))] == ["RET-1"]
    assert retention.due(db, today=datetime.date.fromisoformat(review_on) - datetime.timedelta(days=1)) == []


def test_withdrawn_cases_count_from_when_they_were_withdrawn_and_open_cases_never_come_up(db, app):
    case = ended(db, "RET-W", stage="withdrawn", closed_on="2017-01-10", born="1995-01-01")
    assert retention.review_of(db, case["id"])["ended_on"] == "2017-01-10"
    make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="RET-OPEN", referred_on="2001-01-01")
    assert [row["reference"] for row in retention.due(db)] == ["RET-W"]
    app.config["RETENTION_YEARS"] = 10
    assert retention.due(db, today=datetime.date(2026, 12, 5)) == [], "ten years: not yet"


def test_the_schedule_without_childrens_ages(db, app):
    app.config["RETENTION_CHILD_AGE"] = None
    case = ended(db, "RET-2", closed_on="2016-03-01", born="2015-05-04")
    assert retention.review_of(db, case["id"])["review_on"] == datetime.date(2022, 3, 1)
    assert retention.rule() == "Reviewed 6 years after the case ended"


def test_disposal_blanks_every_personal_column_and_removes_what_is_nothing_else(db, manager):
    case = ended(db, "RET-3")
    with write(db):
        db.execute("INSERT INTO relationships (person_id, child_id, relationship) SELECT p.id, c.id, 'Nain' FROM "
                   "people p JOIN children c ON c.case_id = p.case_id WHERE p.case_id = ?", [case["id"]])
        db.execute("UPDATE children SET name = 'Zephyrine Quillfeather' WHERE case_id = ?", [case["id"]])
        case_data.reindex(db, case["id"])
    with write(db):
        for table, rows, columns in retention_data.BLANK:
            text_columns = [column for column, value in columns.items() if value == ""]
            if text_columns and table != "plan_versions":  # frozen: only a disposal may change one
                db.execute(f"UPDATE {table} SET {', '.join(f'{c} = {c} || :mark' for c in text_columns)} WHERE {rows}",
                           {"mark": MARK, "case": case["id"]})
    before = {table: db.execute(f"SELECT count(*) FROM {table} WHERE {rows}", {"case": case["id"]}).fetchone()[0]
              for table, rows, _columns in retention_data.BLANK}
    assert retention.dispose(db, case, confirm_reference="ret-3", by=manager).done
    dump = "\n".join(line for line in db.conn.iterdump() if "audit_events" not in line)
    assert MARK not in dump
    raw = open(db.conn.execute("PRAGMA database_list").fetchone()[2], "rb").read()
    assert b"zephyrine" not in raw.lower() and MARK.encode() not in raw, "not even in free pages or the search index"
    assert "Nain Jones" not in dump and "Test Child" not in dump and "Dr Pat Hughes" not in dump
    after = {table: db.execute(f"SELECT count(*) FROM {table} WHERE {rows}", {"case": case["id"]}).fetchone()[0]
             for table, rows, _columns in retention_data.BLANK}
    assert after == before, "the anonymised record keeps its rows for counting"


def test_disposal_keeps_the_anonymised_record_the_reports_count(db, manager):
    case = ended(db, "RET-4")
    with write(db):
        db.execute("UPDATE cases SET plan_agreed_on = '2015-09-01' WHERE id = ?", [case["id"]])
    assert retention.dispose(db, case, confirm_reference="RET-4", by=manager).done
    kept = case_data.get(db, case["id"])
    assert (kept["stage"], kept["referred_on"], kept["closed_on"], kept["plan_agreed_on"]) == (
        "closed", "2015-06-01", "2016-03-01", "2015-09-01")
    [outcome] = db.execute("SELECT living_with, arrangement, proceedings, legal_order, notes FROM child_outcomes "
                           "WHERE case_id = ?", [case["id"]]).fetchall()
    assert tuple(outcome) == ("wider_family", "order", "no", "special_guardianship", "")
    [child] = db.execute("SELECT name, date_of_birth, age_at_referral FROM children WHERE case_id = ?",
                         [case["id"]]).fetchall()
    assert tuple(child) == ("", None, 14)
    assert db.execute("SELECT count(*) FROM meetings WHERE case_id = ?", [case["id"]]).fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM people WHERE case_id = ?", [case["id"]]).fetchone()[0] == 1
    [event] = audit_data.events(db, action="case.disposed")
    assert event["actor"] == "manager@example.org" and event["record_id"] == str(case["id"])
    assert event["detail"]["rule"].startswith("Reviewed 6 years after the case ended")
    assert event["detail"]["rows"]["people"] == 1 and event["detail"]["rows"]["children"] == 1
    assert retention.review_of(db, case["id"]) is None, "disposed of: never due again"


@pytest.mark.parametrize("typed, problem", [
    ("RET-9", "Type the case reference, RET-5, to confirm"),
    ("", "Type the case reference, RET-5, to confirm"),
], ids=["wrong", "blank"])
def test_disposal_needs_the_reference_typed(db, manager, typed, problem):
    case = ended(db, "RET-5")
    outcome = retention.dispose(db, case, confirm_reference=typed, by=manager)
    assert (outcome.done, outcome.problem, outcome.field) == (False, problem, "reference")
    assert case_data.get(db, case["id"])["disposed_at"] is None


def test_a_case_not_yet_due_or_kept_for_longer_is_not_disposed_of(db, manager):
    case = ended(db, "RET-6", closed_on="2025-01-01", born="1990-01-01")
    outcome = retention.dispose(db, case, confirm_reference="RET-6", by=manager)
    assert not outcome.done and "not due for review until 2031-01-01" in outcome.problem
    old = ended(db, "RET-7")
    until = datetime.date.today() + datetime.timedelta(days=365)
    assert retention.keep_longer(db, old, until=until, note="A complaint is open", by=manager).done
    assert retention.review_of(db, old["id"])["review_on"] == until and not retention.due(db)
    assert not retention.dispose(db, old, confirm_reference="RET-7", by=manager).done
    [event] = audit_data.events(db, action="case.retention_extended")
    assert event["detail"] == {"until": until.isoformat()}
    assert retention.review_of(db, old["id"])["retention_note"] == "A complaint is open"
    past = retention.keep_longer(db, old, until=datetime.date.today(), note="x", by=manager)
    assert (past.done, past.field) == (False, "until")


def test_a_demo_case_with_a_plan_links_and_messages_leaves_no_name_behind(app, db, runner, manager, monkeypatch):
    monkeypatch.setenv("FGC_DEMO_PASSWORD", "demo marsh lantern quill")
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    case = case_data.get(db, db.execute("SELECT id FROM cases WHERE stage = 'closed'").fetchone()[0])
    names = [row[0] for row in db.execute(
        "SELECT name FROM people WHERE case_id = :case UNION SELECT name FROM children WHERE case_id = :case "
        "UNION SELECT name FROM pr_holders WHERE case_id = :case UNION SELECT name FROM professionals "
        "WHERE case_id = :case", {"case": case["id"]})]
    others = {row[0] for row in db.execute(
        "SELECT name FROM people WHERE case_id != :case UNION SELECT name FROM children WHERE case_id != :case "
        "UNION SELECT name FROM pr_holders WHERE case_id != :case UNION SELECT name FROM professionals "
        "WHERE case_id != :case UNION SELECT content FROM plan_versions v JOIN plans p ON p.id = v.plan_id "
        "WHERE p.case_id != :case", {"case": case["id"]})}
    own = [name for name in names if not any(name in other for other in others)]  # no other demo case has them
    assert len(own) >= 5 and db.execute("SELECT count(*) FROM plan_versions").fetchone()[0]
    with write(db):
        db.execute("UPDATE cases SET retention_review_on = '2020-01-01' WHERE id = ?", [case["id"]])
    assert retention.dispose(db, case, confirm_reference=case["reference"], by=manager).done
    dump = "\n".join(line for line in db.conn.iterdump() if "audit_events" not in line)
    assert [name for name in own if name in dump] == []
