"""The data layer's promises: pragmas, locked writes, migrations, backups and the audit trail."""

import sqlite3
import threading

import pytest

from fgc import db as fgc_db
from fgc.data import audit as audit_data
from fgc.migrations import migrations


def test_every_connection_sets_the_pragmas(app):
    database = fgc_db.connect(app.config["DATABASE"])
    pragma = lambda name: database.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == fgc_db.BUSY_TIMEOUT_MS
    assert pragma("synchronous") == 2  # FULL


def test_writes_outside_the_helper_are_refused(db):
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        db.execute("UPDATE users SET name = 'changed'")
    assert db.execute("SELECT count(*) FROM users WHERE name = 'changed'").fetchone()[0] == 0


def test_write_helper_opens_an_immediate_transaction(db, app):
    other = fgc_db.connect(app.config["DATABASE"])
    other.execute("PRAGMA busy_timeout = 0")
    with fgc_db.write(db):
        # BEGIN IMMEDIATE takes the write lock at once, before anything is written.
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.close()


def test_write_helper_rolls_back_on_error(db):
    with pytest.raises(RuntimeError):
        with fgc_db.write(db):
            db.execute("UPDATE users SET name = 'half done'")
            raise RuntimeError("something went wrong")
    assert db.execute("SELECT count(*) FROM users WHERE name = 'half done'").fetchone()[0] == 0


def test_concurrent_read_then_write_transactions_both_succeed(app):
    """Two writers that read first and then write: with BEGIN IMMEDIATE one waits, neither fails."""
    errors = []

    def bump():
        database = fgc_db.connect(app.config["DATABASE"])
        try:
            for _ in range(20):
                with fgc_db.write(database):
                    count = database.execute("SELECT count(*) FROM audit_events").fetchone()[0]
                    audit_data.add(database, user_id=None, actor="test", action="test.write", record_id=count)
        except sqlite3.Error as error:
            errors.append(error)
        finally:
            database.close()

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    database = fgc_db.connect(app.config["DATABASE"])
    # Each writer saw every earlier commit: the counts it read are all different.
    assert database.execute("SELECT count(*), count(DISTINCT record_id) FROM audit_events").fetchone() == (80, 80)
    database.close()


def _schema(database):
    return database.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()


def test_migrations_run_twice_change_nothing(app, db):
    before = _schema(db)
    applied_before = [m.name for m in migrations.applied(db)]
    assert fgc_db.migrate(app) == []
    assert fgc_db.migrate(app) == []
    assert _schema(db) == before
    assert [m.name for m in migrations.applied(db)] == applied_before
    assert db.execute("SELECT count(*) FROM users").fetchone()[0] == 4


def test_init_db_command_is_repeatable(runner, app):
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0
    assert "is up to date" in result.output


def test_init_db_creates_a_new_database(tmp_path, runner, app):
    app.config["DATABASE"] = str(tmp_path / "new.sqlite")
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0
    assert "Applied " in result.output and "m001_users_and_sessions, m002_audit_trail" in result.output
    database = fgc_db.connect(app.config["DATABASE"])
    assert {"users", "sessions", "audit_events"} <= set(database.table_names())
    database.close()


def test_backup_writes_an_intact_private_copy(runner, app, tmp_path, db):
    target = tmp_path / "copy.sqlite"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "integrity_check: ok" in result.output
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT email FROM users ORDER BY email").fetchall() == \
        db.execute("SELECT email FROM users ORDER BY email").fetchall()
    copy.close()


def test_backup_will_not_overwrite_a_file(runner, tmp_path):
    target = tmp_path / "exists.sqlite"
    target.write_text("keep me")
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("statement", ["UPDATE audit_events SET action = 'rewritten'", "DELETE FROM audit_events"],
                         ids=["update", "delete"])
def test_audit_table_refuses_update_and_delete(db, statement):
    with fgc_db.write(db):
        audit_data.add(db, user_id=None, actor="test", action="test.event", ip="127.0.0.1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        with fgc_db.write(db):
            db.execute(statement)
    assert [row["action"] for row in audit_data.events(db)] == ["test.event"]


def test_new_database_file_is_private(tmp_path):
    path = tmp_path / "private.sqlite"
    database = fgc_db.connect(str(path))
    fgc_db.apply_migrations(database)
    database.close()
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_init_db_fills_in_each_open_cases_next_deadline(runner, app, db):
    from factories import make_case, user_id

    case_id = make_case(db, created_by=user_id(db, "social_worker@example.org"), reference="INIT-1",
                        coordinator_id=user_id(db, "coordinator@example.org"), extras=False)
    with fgc_db.write(db):  # as a case saved before next deadlines were kept would be
        db.execute("UPDATE cases SET next_due_on = NULL, next_due_kind = '' WHERE id = ?", [case_id])
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert db.execute("SELECT next_due_kind FROM cases WHERE id = ?", [case_id]).fetchone()[0] == "baseline"


def _unindexed_foreign_keys(db):
    """(table, column, table it points at) for each foreign key no index starts with."""
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'")]
    missing = []
    for table in tables:
        firsts = {row[1] for row in db.execute(f"PRAGMA table_info('{table}')") if row[5] == 1}
        for index in db.execute(f"PRAGMA index_list('{table}')").fetchall():
            columns = [row[2] for row in db.execute(f"PRAGMA index_info('{index[1]}')")]
            firsts.update(columns[:1])
        missing += [(table, fk[3], fk[2]) for fk in db.execute(f"PRAGMA foreign_key_list('{table}')")
                    if fk[3] not in firsts]
    return missing


def test_every_link_between_case_records_is_indexed(db):
    # Reading one case's records must not scan a table that grows with every case ever held. Links to staff
    # accounts are the exception: accounts are deactivated, never deleted, and nothing lists records by them.
    assert [found for found in _unindexed_foreign_keys(db) if found[2] != "users"] == []


def test_a_cases_relationships_are_read_through_indexes_not_a_scan(db):
    plan = " ".join(row[3] for row in db.execute(
        "EXPLAIN QUERY PLAN SELECT r.person_id, r.child_id, r.relationship, c.name AS child_name "
        "FROM relationships r JOIN children c ON c.id = r.child_id WHERE c.case_id = ? ORDER BY c.id", [1]))
    assert "SCAN r" not in plan and "SCAN relationships" not in plan, plan


def test_a_cases_meeting_dates_are_found_by_case_not_among_every_meeting_held(db):
    """The deadlines of a list of cases read each case's conference, reviews and next meeting through an index
    that starts with the case: never through an index of every conference ever held (which grows with history)."""
    from fgc.data import cases as case_data

    statements = []
    db.conn.set_trace_callback(statements.append)
    case_data.facts(db, [1, 2, 3])
    db.conn.set_trace_callback(None)
    [query] = [sql for sql in statements if sql.lstrip().startswith("SELECT")]
    plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {query}")]
    meetings = [step for step in plan if " m " in f" {step} "]
    assert len(meetings) == 3 and all("USING COVERING INDEX meetings_case" in step and "(case_id=?" in step
                                      for step in meetings), plan


def test_a_thread_keeps_its_connection_between_requests_never_inside_a_transaction(app):
    """Opening a connection costs its pragmas, and closing the last one checkpoints the WAL: each thread keeps
    one. A request that ends with a transaction still open (it should not happen) leaves none behind."""
    from fgc.db import get_db

    with app.app_context():
        first = get_db()
        first.conn.execute("BEGIN")
    with app.app_context():
        second = get_db()
        assert second is first and not second.conn.in_transaction
    seen = []
    thread = threading.Thread(target=lambda: seen.append(_connection_in_new_context(app)))
    thread.start()
    thread.join()
    assert seen[0] is not first, "another thread has its own"


def _connection_in_new_context(app):
    from fgc.db import get_db

    with app.app_context():
        return get_db()


def test_open_cases_are_found_through_the_stage_index_not_by_reading_every_case(db):
    """The cases list and the plans list show open cases by default: a few hundred among every case ever held."""
    from fgc.data import cases as case_data
    from fgc.data import plans as plan_data

    statements = []
    db.conn.set_trace_callback(statements.append)
    case_data.page(db, (1, "manager"), status="open")
    plan_data.for_viewer(db, (1, "manager"), status="open")
    db.conn.set_trace_callback(None)
    counts = [sql for sql in statements if sql.lstrip().startswith("SELECT count(*)")]
    assert len(counts) == 2
    for sql in counts:
        plan = " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "SCAN c" not in plan and "USING INDEX cases_stage" in plan, plan


def test_a_social_workers_open_plans_are_found_by_person_and_stage(db):
    """Not by reading every case they have referred over the years and then looking at each one's stage."""
    from fgc.data import plans as plan_data

    statements = []
    db.conn.set_trace_callback(statements.append)
    plan_data.for_viewer(db, (7, "social_worker"), status="open")
    db.conn.set_trace_callback(None)
    for sql in [sql for sql in statements if sql.lstrip().startswith("SELECT")]:
        plan = " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "(created_by=? AND stage=?)" in plan and "(social_worker_id=? AND stage=?)" in plan, plan


def test_a_closed_cases_outcome_becomes_each_childs_outcome_at_closure(tmp_path):
    db = fgc_db.connect(str(tmp_path / "old.sqlite"))
    with fgc_db.write(db):
        migrations.apply(db, stop_before="m024_outcomes_and_reports")
        db.execute("INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
                   "VALUES (1, 'c@example.org', 'C', 'coordinator', 'x', '2025-01-01', '2025-01-01')")
        for case_id, closed, living in ((1, "2025-06-01", "wider_family"), (2, None, "")):
            db.execute("INSERT INTO cases (id, reference, stage, created_by, coordinator_id, closed_on, "
                       "closure_living_with, closure_proceedings, created_at, updated_at) "
                       "VALUES (?, ?, ?, 1, 1, ?, ?, ?, '2025-01-01', '2025-06-01')",
                       [case_id, f"C-{case_id}", "closed" if closed else "referred", closed, living,
                        "no" if closed else ""])
            for name in ("A", "B"):
                db.execute("INSERT INTO children (case_id, name) VALUES (?, ?)", [case_id, name])
        migrations.apply(db)
    rows = list(db.query("SELECT case_id, child_id, point, known_on, living_with, proceedings, legal_order "
                         "FROM child_outcomes ORDER BY child_id"))
    assert [(row["case_id"], row["point"], row["known_on"], row["living_with"], row["proceedings"],
             row["legal_order"]) for row in rows] == [(1, "closure", "2025-06-01", "wider_family", "no", "unknown")] * 2
    db.close()


def test_ethnicities_typed_before_the_census_list_become_their_group_and_others_stay_as_typed(tmp_path):
    db = fgc_db.connect(str(tmp_path / "old.sqlite"))
    with fgc_db.write(db):
        migrations.apply(db, stop_before="m026_ethnicity_groups")
        db.execute("INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) "
                   "VALUES (1, 'c@example.org', 'C', 'coordinator', 'x', '2025-01-01', '2025-01-01')")
        db.execute("INSERT INTO cases (id, reference, stage, created_by, created_at, updated_at) "
                   "VALUES (1, 'C-1', 'referred', 1, '2025-01-01', '2025-01-01')")
        for name, ethnicity in (("A", " White Welsh "), ("B", "black african"), ("C", "Kurdish"), ("D", ""),
                                ("E", "Gypsy or Irish Traveller")):
            db.execute("INSERT INTO children (case_id, name, ethnicity) VALUES (1, ?, ?)", [name, ethnicity])
        migrations.apply(db)
    assert [row[0] for row in db.execute("SELECT ethnicity FROM children ORDER BY name")] == [
        "white_british", "black_african", "Kurdish", "", "white_gypsy_traveller"]
    db.close()
