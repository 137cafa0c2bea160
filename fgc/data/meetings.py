"""Conferences and reviews: when and where, with the history of every earlier date."""

import uuid

from . import identifiers, iso, now
from .cases import VersionConflict, visibility

DETAILS = ("starts_at", "ends_at", "venue", "address", "access_notes", "interpreter_language", "remote_details")


def for_case(db, case_id):
    return list(db.query("SELECT * FROM meetings WHERE case_id = ? ORDER BY starts_at, id", [case_id]))


def get(db, case_id, meeting_id):
    rows = list(db.query("SELECT * FROM meetings WHERE case_id = ? AND id = ?", [case_id, meeting_id]))
    return rows[0] if rows else None


def current(db, case_id, kind):
    """The scheduled meeting of ``kind`` on the case, if there is one."""
    rows = list(db.query("SELECT * FROM meetings WHERE case_id = ? AND kind = ? AND status = 'scheduled' "
                         "ORDER BY starts_at DESC LIMIT 1", [case_id, kind]))
    return rows[0] if rows else None


def schedule(db, case_id, kind, values, *, user_id, uid_domain):
    stamp = iso(now())
    values = {key: values[key] for key in DETAILS}
    cursor = db.execute(
        f"INSERT INTO meetings (case_id, kind, uid, {', '.join(identifiers(values))}, created_by, created_at, updated_at) "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        f"VALUES (?, ?, ?, {', '.join('?' for _ in values)}, ?, ?, ?)",
        [case_id, kind, f"{uuid.uuid4()}@{uid_domain}", *values.values(), user_id, stamp, stamp])
    return cursor.lastrowid


def change(db, case_id, meeting_id, version, values, *, user_id, reason, cancel=False):
    """Reschedule (new details) or cancel, keeping the earlier details and raising SEQUENCE."""
    meeting = get(db, case_id, meeting_id)
    if meeting is None or meeting["version"] != version or meeting["status"] != "scheduled":
        raise VersionConflict(meeting_id)
    stamp = iso(now())
    db.execute(
        "INSERT INTO meeting_changes (meeting_id, starts_at, ends_at, venue, change, reason, user_id, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [meeting_id, meeting["starts_at"], meeting["ends_at"], meeting["venue"],
         "cancelled" if cancel else "rescheduled", reason, user_id, stamp])
    if cancel:
        db.execute("UPDATE meetings SET status = 'cancelled', sequence = sequence + 1, version = version + 1, "
                   "updated_at = ? WHERE id = ?", [stamp, meeting_id])
        return
    values = {key: values[key] for key in DETAILS}
    db.execute(
        f"UPDATE meetings SET {', '.join(f'{key} = ?' for key in identifiers(values))}, sequence = sequence + 1, "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        "version = version + 1, updated_at = ? WHERE id = ?", [*values.values(), stamp, meeting_id])


def mark_held(db, case_id, meeting_id, held_on, private_time=None):
    db.execute("UPDATE meetings SET status = 'held', held_on = ?, private_time = ?, version = version + 1, "
               "updated_at = ? WHERE case_id = ? AND id = ?",
               [held_on, None if private_time is None else int(private_time), iso(now()), case_id, meeting_id])


def history(db, meeting_id):
    return list(db.query(
        "SELECT m.*, u.name AS user_name FROM meeting_changes m JOIN users u ON u.id = m.user_id "
        "WHERE m.meeting_id = ? ORDER BY m.id", [meeting_id]))


def upcoming(db, viewer, *, start, end, coordinator_id=None):
    """Scheduled meetings starting in [start, end) on cases ``viewer`` may see."""
    clause, params = visibility(viewer)
    if coordinator_id is not None:
        clause += " AND c.coordinator_id = ?"
        params = [*params, coordinator_id]
    return list(db.query(
        "SELECT m.*, c.reference FROM meetings m JOIN cases c ON c.id = m.case_id "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        f"WHERE m.status = 'scheduled' AND m.starts_at >= ? AND m.starts_at < ? AND {clause} "
        "ORDER BY m.starts_at", [iso(start), iso(end), *params]))


def cancel_scheduled(db, case_id, *, user_id, reason):
    """Cancel every scheduled meeting on the case (closing it, or the family declining); returns how many."""
    scheduled = [row for row in for_case(db, case_id) if row["status"] == "scheduled"]
    for meeting in scheduled:
        change(db, case_id, meeting["id"], meeting["version"], None, user_id=user_id, reason=reason, cancel=True)
    return len(scheduled)
