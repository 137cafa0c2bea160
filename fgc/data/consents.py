"""Consents to the FGC: who gave it, on what basis, what may be shared, and any withdrawal."""

from . import iso, now


def for_case(db, case_id):
    return list(db.query("SELECT * FROM consents WHERE case_id = ? ORDER BY given_on, id", [case_id]))


def get(db, case_id, consent_id):
    rows = list(db.query("SELECT * FROM consents WHERE case_id = ? AND id = ?", [case_id, consent_id]))
    return rows[0] if rows else None


def add(db, case_id, *, given_by, basis, given_on, may_share, share_with, recorded_by):
    cursor = db.execute(
        "INSERT INTO consents (case_id, given_by, basis, given_on, may_share, share_with, recorded_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [case_id, given_by, basis, given_on, may_share, share_with, recorded_by, iso(now())])
    return cursor.lastrowid


def withdraw(db, case_id, consent_id, *, withdrawn_by, withdrawn_on):
    cursor = db.execute(
        "UPDATE consents SET withdrawn_on = ?, withdrawn_by = ? WHERE case_id = ? AND id = ? AND withdrawn_on IS NULL",
        [withdrawn_on, withdrawn_by, case_id, consent_id])
    return cursor.rowcount == 1


def state(db, case_id):
    """'none' (nothing recorded), 'given' (at least one consent stands) or 'withdrawn' (all withdrawn)."""
    total, standing = db.execute(
        "SELECT count(*), count(*) FILTER (WHERE withdrawn_on IS NULL) FROM consents WHERE case_id = ?",
        [case_id]).fetchone()
    if total == 0:
        return "none"
    return "given" if standing else "withdrawn"
