"""Staff accounts."""

import sqlite3

from . import iso, now


class VersionConflict(Exception):
    """Someone else changed the record after this edit began."""


class DuplicateEmail(Exception):
    """Another account already uses this email address."""


_COLUMNS = ("id, email, name, role, team, dpo, password_hash, active, version, created_at, updated_at, "
            "password_changed_at, last_sign_in_at")


def get(db, user_id):
    rows = list(db.query(f"SELECT {_COLUMNS} FROM users WHERE id = ?", [user_id]))  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
    return rows[0] if rows else None


def get_by_email(db, email):
    rows = list(db.query(f"SELECT {_COLUMNS} FROM users WHERE email = ?", [email.strip()]))  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
    return rows[0] if rows else None


def all_users(db):
    return list(db.query(f"SELECT {_COLUMNS} FROM users ORDER BY active DESC, name COLLATE NOCASE, id"))  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound


def active_with_role(db, role):
    return list(db.query(f"SELECT {_COLUMNS} FROM users WHERE role = ? AND active = 1 ORDER BY id", [role]))  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound


def count(db):
    return db.execute("SELECT count(*) FROM users").fetchone()[0]


def count_active_admins(db):
    return db.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1").fetchone()[0]


def create(db, *, email, name, role, password_hash=None, team=""):
    stamp = iso(now())
    try:
        cursor = db.execute(
            "INSERT INTO users (email, name, role, team, password_hash, created_at, updated_at, "
            "password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [email.strip(), name.strip(), role, team.strip(), password_hash, stamp, stamp,
             stamp if password_hash else None],
        )
    except sqlite3.IntegrityError as error:
        if "UNIQUE constraint failed: users.email" in str(error):
            raise DuplicateEmail(email) from error
        raise
    return cursor.lastrowid


def update(db, user_id, *, version, email, name, role, dpo, team):
    """Change name, email, role, team and the data protection officer's permission if nobody has saved the record
    since ``version`` was read."""
    try:
        cursor = db.execute(
            "UPDATE users SET email = ?, name = ?, role = ?, dpo = ?, team = ?, version = version + 1, "
            "updated_at = ? WHERE id = ? AND version = ?",
            [email.strip(), name.strip(), role, int(bool(dpo)), team.strip(), iso(now()), user_id, version],
        )
    except sqlite3.IntegrityError as error:
        if "UNIQUE constraint failed: users.email" in str(error):
            raise DuplicateEmail(email) from error
        raise
    if cursor.rowcount != 1:
        raise VersionConflict(user_id)


def set_dpo(db, user_id, dpo):
    db.execute("UPDATE users SET dpo = ?, version = version + 1, updated_at = ? WHERE id = ?",
               [1 if dpo else 0, iso(now()), user_id])


def set_active(db, user_id, active):
    db.execute(
        "UPDATE users SET active = ?, version = version + 1, updated_at = ? WHERE id = ?",
        [1 if active else 0, iso(now()), user_id],
    )


def set_password_hash(db, user_id, password_hash):
    stamp = iso(now())
    db.execute(
        "UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?",
        [password_hash, stamp, stamp, user_id],
    )


def record_sign_in(db, user_id):
    db.execute("UPDATE users SET last_sign_in_at = ? WHERE id = ?", [iso(now()), user_id])
