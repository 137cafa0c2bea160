"""Schema migrations. The schema changes only here, one function per change, never edited once released."""

from sqlite_utils import Migrations

migrations = Migrations("fgc")


def _run(db, statements):
    # Statement by statement: executescript() would COMMIT the surrounding transaction.
    for sql in statements:
        db.execute(sql)


@migrations()
def m001_users_and_sessions(db):
    _run(db, [
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'coordinator', 'social_worker')),
            password_hash TEXT,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            password_changed_at TEXT,
            last_sign_in_at TEXT
        )""",
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            user_id INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            ended_at TEXT,
            end_reason TEXT,
            ip TEXT,
            user_agent TEXT
        )""",
        "CREATE INDEX sessions_user ON sessions(user_id, ended_at)",
        """CREATE TABLE password_tokens (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            user_id INTEGER NOT NULL REFERENCES users(id),
            created_by INTEGER REFERENCES users(id),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        )""",
        "CREATE INDEX password_tokens_user ON password_tokens(user_id)",
        # Accounts and addresses are stored as keyed hashes, never as typed text.
        """CREATE TABLE sign_in_attempts (
            id INTEGER PRIMARY KEY,
            account_key TEXT NOT NULL,
            ip_key TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('failure', 'throttled')),
            at TEXT NOT NULL
        )""",
        "CREATE INDEX sign_in_attempts_account ON sign_in_attempts(account_key, kind, at)",
        "CREATE INDEX sign_in_attempts_ip ON sign_in_attempts(ip_key, kind, at)",
        "CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at)",
    ])


@migrations()
def m002_audit_trail(db):
    _run(db, [
        """CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_id INTEGER REFERENCES users(id),
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            record_type TEXT,
            record_id TEXT,
            ip TEXT,
            detail TEXT
        )""",
        "CREATE INDEX audit_events_record ON audit_events(record_type, record_id)",
        "CREATE INDEX audit_events_user ON audit_events(user_id, at)",
        """CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
        """CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
           BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
    ])
