"""The one SQLite file: connections, the write helper, migrations and backups.

Every connection runs in WAL mode with foreign keys on, a busy timeout and
``synchronous=FULL``. Every write goes through :func:`write`, which opens
``BEGIN IMMEDIATE`` so that concurrent read-then-write transactions wait for the
lock instead of failing; a guard refuses writes made outside it.
"""

import os
import sqlite3
import threading
from contextlib import contextmanager

import click
from flask.cli import with_appcontext
from flask import current_app, g
from sqlite_utils import Database
from sqlite_utils.db import dedupe_keys

from .migrations import migrations

BUSY_TIMEOUT_MS = 5000

_WRITE_ACTIONS = {
    getattr(sqlite3, name)
    for name in dir(sqlite3)
    if name.startswith(("SQLITE_INSERT", "SQLITE_UPDATE", "SQLITE_DELETE", "SQLITE_CREATE_",
                        "SQLITE_DROP_", "SQLITE_ALTER_TABLE"))
}


_SCHEMA_TABLES = {"sqlite_master", "sqlite_schema", "sqlite_temp_master"}


class _Database(Database):
    """sqlite-utils' Database, with a ``query`` that reads without a savepoint of its own.

    sqlite-utils wraps every ``query`` in SAVEPOINT … RELEASE, so that a statement which turns out to write can be
    undone: a transaction per query, two extra statements each. Here the write guard below already refuses any
    write outside :func:`write`, so ``query`` only runs the statement.
    """

    def query(self, sql, params=None):
        cursor = self.conn.execute(sql, params if params is not None else ())
        if cursor.description is None:
            raise ValueError("query() can only be used with SQL that returns rows - use execute() for other statements")
        keys = dedupe_keys(column[0] for column in cursor.description)
        return (dict(zip(keys, row)) for row in cursor)


def connect(path):
    """Open a connection to ``path`` with the pragmas every connection needs.

    A new database file is created readable by its owner only; SQLite gives the
    -wal and -shm files the same permissions.
    """
    _create_private(path)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    db = _Database(conn)
    state = threading.local()
    db._fgc_writing = state
    conn.set_authorizer(_guard(state))
    return db


def _create_private(path):
    if path == ":memory:" or str(path).startswith("file:"):
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def _guard(state):
    def authorise(action, table, *_):
        # The schema table is exempt: FTS5 prepares (but does not run) an UPDATE of it
        # whenever it opens, and real schema changes are caught by the CREATE/DROP/ALTER codes.
        if action in _WRITE_ACTIONS and table not in _SCHEMA_TABLES and not getattr(state, "open", False):
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    return authorise


@contextmanager
def write(db=None):
    """Run the block in one ``BEGIN IMMEDIATE`` transaction; nested calls join it."""
    db = db if db is not None else get_db()
    state = db._fgc_writing
    if getattr(state, "open", False):
        yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    state.open = True
    state.before_commit = {}
    try:
        yield db
        while state.before_commit:
            _key, callback = state.before_commit.popitem()
            callback()
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")
    finally:
        state.open = False


def before_commit(db, key, callback):
    """Run ``callback()`` inside ``db``'s open write transaction, just before it commits; once per ``key``.

    For records kept in step with others (a case's next deadline), whatever the
    transaction changed on the way.
    """
    state = db._fgc_writing
    if not getattr(state, "open", False):
        raise RuntimeError("before_commit() needs an open write() transaction")
    state.before_commit.setdefault(key, callback)


_kept = threading.local()


def get_db():
    """The request's connection: this thread's, kept open from one request to the next.

    Opening a connection costs its pragmas, and closing the last one to a database checkpoints the WAL, so a
    thread keeps its connection. It keeps one: a request for another database file closes the old one. A
    process forked from this one (a gunicorn worker) opens its own.
    """
    if "db" not in g:
        path = current_app.config["DATABASE"]
        kept = getattr(_kept, "db", None)
        if kept is None or _kept.path != path or _kept.pid != os.getpid():
            if kept is not None and _kept.pid == os.getpid():
                kept.close()
            kept = connect(path)
            _kept.db, _kept.path, _kept.pid = kept, path, os.getpid()
        g.db = kept
    return g.db


def close_db(_exc=None):
    """At the end of a request: the connection stays open for the next, never inside a transaction."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.execute("ROLLBACK")


def apply_migrations(db):
    """Apply pending migrations in one locked transaction; returns their names."""
    with write(db):
        pending = [m.name for m in migrations.pending(db)]
        migrations.apply(db)
    return pending


def migrate(app):
    db = connect(app.config["DATABASE"])
    try:
        return apply_migrations(db)
    finally:
        db.close()


def backup(source_path, target_path):
    """Copy the live database with SQLite's online backup API; return integrity_check's answer.

    The copy is a single self-contained file (rollback journal, not WAL), fit to archive.
    """
    source = connect(source_path)
    target = sqlite3.connect(target_path)
    try:
        source.conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
        result = [row[0] for row in target.execute("PRAGMA integrity_check")]
    finally:
        target.close()
        source.close()
    return "\n".join(result)


def ping(path):
    """True when the database exists and answers a query (a missing file is not created)."""
    if not os.path.isfile(path):
        return False
    try:
        db = connect(path)
        try:
            return db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone() is not None
        finally:
            db.close()
    except sqlite3.Error:
        return False


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create the database and apply any pending migrations (safe to repeat)."""
    applied = migrate(current_app)
    # Each open case's next deadline depends on the service's targets, which the settings may have just changed.
    from .domain import due_dates  # noqa: PLC0415  (the domain sits above this module)

    due_dates.refresh_all(get_db())
    path = current_app.config["DATABASE"]
    if applied:
        click.echo(f"Applied {len(applied)} migration(s) to {path}: {', '.join(applied)}")
    else:
        click.echo(f"{path} is up to date.")


def init_app(app):
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
