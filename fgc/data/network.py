"""The family network: the people around the children, their relationships, invitations,
attendance and exclusions.

Exclusion is enforced here (and by the schema's CHECK and triggers beneath), not only in
pages: an excluded person cannot be invited, confirmed, recorded as attending, or chosen
to receive the plan or a family link.
"""

import json
import sqlite3

from ..domain import vocabulary
from . import identifiers, iso, now
from .cases import VersionConflict, reindex

# The codes, from the one vocabulary (the words are there too).
SIDES = tuple(vocabulary.SIDES)
ROLES = tuple(vocabulary.NETWORK_ROLES)
INVITATION = tuple(vocabulary.INVITATION)
TAKING_PART = ("invited", "confirmed")
ATTENDANCE = tuple(vocabulary.ATTENDANCE)
DETAILS = ("name", "side", "roles", "phone", "email", "address", "address_hidden", "language", "needs",
           "written_views")


class Excluded(Exception):
    """The person is excluded because of risk: they cannot take part or receive anything."""


def _decode(row):
    if row is None:
        return None
    row = dict(row)
    row["roles"] = json.loads(row["roles"] or "[]")
    return row


def counts(db, case_id):
    """(people in the network, of whom excluded) for a case."""
    return tuple(db.execute("SELECT count(*), count(*) FILTER (WHERE excluded) FROM people WHERE case_id = ?",
                            [case_id]).fetchone())


def for_case(db, case_id):
    people = [_decode(row) for row in db.query(
        "SELECT * FROM people WHERE case_id = ? ORDER BY excluded, name COLLATE NOCASE, id", [case_id])]
    links = {}
    for row in db.query("SELECT r.person_id, r.child_id, r.relationship, c.name AS child_name FROM relationships r "
                        "JOIN children c ON c.id = r.child_id WHERE c.case_id = ? ORDER BY c.id", [case_id]):
        links.setdefault(row["person_id"], []).append(row)
    for person in people:
        person["relationships"] = links.get(person["id"], [])
    return people


def get(db, case_id, person_id):
    rows = list(db.query("SELECT * FROM people WHERE case_id = ? AND id = ?", [case_id, person_id]))
    if not rows:
        return None
    person = _decode(rows[0])
    person["relationships"] = list(db.query(
        "SELECT child_id, relationship FROM relationships WHERE person_id = ?", [person_id]))
    return person


def save(db, case_id, values, *, person_id=None, version=None, relationships=None):
    """Add a person (``person_id`` None) or change one, guarded by ``version``. Returns the id."""
    values = {key: values[key] for key in DETAILS if key in values}
    if "roles" in values:
        values["roles"] = json.dumps(sorted(set(values["roles"]) & set(ROLES)))
    stamp = iso(now())
    if person_id is None:
        cursor = db.execute(
            f"INSERT INTO people (case_id, {', '.join(identifiers(values))}, created_at, updated_at) "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
            f"VALUES (?, {', '.join('?' for _ in values)}, ?, ?)", [case_id, *values.values(), stamp, stamp])
        person_id = cursor.lastrowid
    else:
        cursor = db.execute(
            f"UPDATE people SET {', '.join(f'{key} = ?' for key in identifiers(values))}, version = version + 1, updated_at = ? "  # nosec B608 # only fixed SQL, checked column names and ? placeholders go into the text; values are bound
            "WHERE case_id = ? AND id = ? AND version = ?", [*values.values(), stamp, case_id, person_id, version])
        if cursor.rowcount != 1:
            raise VersionConflict(person_id)
    if relationships is not None:
        db.execute("DELETE FROM relationships WHERE person_id = ?", [person_id])
        for child_id, relationship in relationships.items():
            if relationship:
                db.execute("INSERT INTO relationships (person_id, child_id, relationship) "
                           "SELECT ?, id, ? FROM children WHERE id = ? AND case_id = ?",
                           [person_id, relationship, child_id, case_id])
    reindex(db, case_id)
    return person_id


def set_invitation(db, case_id, person_id, status, on):
    """Move a person's invitation on; refused for an excluded person being invited or confirmed."""
    person = get(db, case_id, person_id)
    if person is None:
        raise LookupError(person_id)
    if person["excluded"] and status in TAKING_PART:
        raise Excluded(person_id)
    db.execute("UPDATE people SET invitation = ?, invitation_on = ?, version = version + 1, updated_at = ? "
               "WHERE id = ?", [status, on, iso(now()), person_id])


def record_attendance(db, person_id, meeting_id, mode, *, user_id):
    try:
        db.execute(
            "INSERT INTO attendance (person_id, meeting_id, mode, recorded_by, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (person_id, meeting_id) DO UPDATE SET mode = excluded.mode, "
            "recorded_by = excluded.recorded_by, at = excluded.at",
            [person_id, meeting_id, mode, user_id, iso(now())])
    except sqlite3.IntegrityError as error:
        if "excluded person" in str(error):
            raise Excluded(person_id) from error
        raise


def attendance(db, meeting_id):
    return {row["person_id"]: row["mode"] for row in
            db.query("SELECT person_id, mode FROM attendance WHERE meeting_id = ?", [meeting_id])}


def exclude(db, case_id, person_id, *, reason, approved_by, on, user_id):
    """Exclude a person because of risk. Any invitation stops; they cannot take part from now on."""
    cursor = db.execute(
        "UPDATE people SET excluded = 1, exclusion_reason = ?, exclusion_approved_by = ?, excluded_on = ?, "
        "invitation = CASE WHEN invitation IN ('invited', 'confirmed') THEN 'not_contacted' ELSE invitation END, "
        "version = version + 1, updated_at = ? WHERE case_id = ? AND id = ?",
        [reason, approved_by, on, iso(now()), case_id, person_id])
    if cursor.rowcount != 1:
        raise LookupError(person_id)
    # Attendance already recorded stays as it happened: exclusion looks forward, it does not rewrite history.
    db.execute("INSERT INTO exclusion_changes (person_id, change, reason, approved_by, user_id, at) "
               "VALUES (?, 'excluded', ?, ?, ?, ?)", [person_id, reason, approved_by, user_id, iso(now())])


def lift_exclusion(db, case_id, person_id, *, reason, user_id):
    cursor = db.execute("UPDATE people SET excluded = 0, version = version + 1, updated_at = ? "
                        "WHERE case_id = ? AND id = ?", [iso(now()), case_id, person_id])
    if cursor.rowcount != 1:
        raise LookupError(person_id)
    db.execute("INSERT INTO exclusion_changes (person_id, change, reason, user_id, at) VALUES (?, 'lifted', ?, ?, ?)",
               [person_id, reason, user_id, iso(now())])


def exclusion_history(db, person_id):
    return list(db.query(
        "SELECT e.*, u.name AS user_name FROM exclusion_changes e JOIN users u ON u.id = e.user_id "
        "WHERE e.person_id = ? ORDER BY e.id", [person_id]))


def may_receive(db, case_id, person_id):
    """Check a person may be sent the plan or a family link; raises Excluded if not.

    Plan distribution and family links call this before anything is sent.
    """
    person = get(db, case_id, person_id)
    if person is None:
        raise LookupError(person_id)
    if person["excluded"]:
        raise Excluded(person_id)
    return person
