"""Professionals on a case and what they bring to the conference: the three columns, danger
statements with safety goals, a 0-10 scale and resources, and when it was shared with the family."""

from . import identifiers, iso, now
from .cases import VersionConflict

DETAILS = ("name", "agency", "role", "contact", "attends", "worried", "working_well", "needs_to_happen",
           "scale", "scale_reason", "resources")


# The parts the family must hear before the conference.
INFORMATION = ("worried", "working_well", "needs_to_happen", "scale", "scale_reason", "resources")


def for_case(db, case_id):
    rows = [dict(row) for row in db.query(
        "SELECT * FROM professionals WHERE case_id = ? ORDER BY name COLLATE NOCASE, id", [case_id])]
    dangers = {}
    for row in db.query("SELECT d.* FROM danger_statements d JOIN professionals p ON p.id = d.professional_id "
                        "WHERE p.case_id = ? ORDER BY d.id", [case_id]):
        dangers.setdefault(row["professional_id"], []).append(row)
    for row in rows:
        row["dangers"] = dangers.get(row["id"], [])
    return rows


def get(db, case_id, professional_id):
    rows = list(db.query("SELECT * FROM professionals WHERE case_id = ? AND id = ?", [case_id, professional_id]))
    if not rows:
        return None
    row = dict(rows[0])
    row["dangers"] = list(db.query("SELECT * FROM danger_statements WHERE professional_id = ? ORDER BY id",
                                   [professional_id]))
    return row


def save(db, case_id, values, *, professional_id=None, version=None):
    values = {key: values[key] for key in DETAILS if key in values}
    stamp = iso(now())
    if professional_id is None:
        cursor = db.execute(
            f"INSERT INTO professionals (case_id, {', '.join(identifiers(values))}, created_at, updated_at) "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
            f"VALUES (?, {', '.join('?' for _ in values)}, ?, ?)", [case_id, *values.values(), stamp, stamp])
        return cursor.lastrowid
    existing = get(db, case_id, professional_id)
    changed = existing is not None and any(values.get(key) != existing[key] for key in INFORMATION if key in values)
    # Changed information is news the family has not heard: it must be shared again.
    reshare = ", shared_on = NULL" if changed else ""
    cursor = db.execute(
        f"UPDATE professionals SET {', '.join(f'{key} = ?' for key in identifiers(values))}{reshare}, version = version + 1, "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
        "updated_at = ? WHERE case_id = ? AND id = ? AND version = ?",
        [*values.values(), stamp, case_id, professional_id, version])
    if cursor.rowcount != 1:
        raise VersionConflict(professional_id)
    return professional_id


def record_attendance(db, professional_id, meeting_id, mode, *, user_id):
    """How a professional took part in a meeting (a code of vocabulary.ATTENDANCE), replacing what was recorded."""
    db.execute(
        "INSERT INTO professional_attendance (professional_id, meeting_id, mode, recorded_by, at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (professional_id, meeting_id) DO UPDATE SET mode = excluded.mode, "
        "recorded_by = excluded.recorded_by, at = excluded.at", [professional_id, meeting_id, mode, user_id, iso(now())])


def attendance(db, meeting_id):
    """{professional id: how they took part} at one meeting."""
    return {row["professional_id"]: row["mode"] for row in
            db.query("SELECT professional_id, mode FROM professional_attendance WHERE meeting_id = ?", [meeting_id])}


def mark_shared(db, case_id, professional_id, on):
    db.execute("UPDATE professionals SET shared_on = ?, version = version + 1, updated_at = ? "
               "WHERE case_id = ? AND id = ?", [on, iso(now()), case_id, professional_id])


def add_danger(db, professional_id, danger, safety_goal):
    """Add a danger statement; it is new to the family, so the information must be shared again."""
    cursor = db.execute("INSERT INTO danger_statements (professional_id, danger, safety_goal, created_at) "
                        "VALUES (?, ?, ?, ?)", [professional_id, danger, safety_goal, iso(now())])
    db.execute("UPDATE professionals SET shared_on = NULL, version = version + 1 WHERE id = ?", [professional_id])
    return cursor.lastrowid


def remove_danger(db, professional_id, danger_id):
    return db.execute("DELETE FROM danger_statements WHERE professional_id = ? AND id = ?",
                      [professional_id, danger_id]).rowcount == 1


def unshared_count(db, case_id):
    return db.execute("SELECT count(*) FROM professionals WHERE case_id = ? AND shared_on IS NULL",
                      [case_id]).fetchone()[0]
